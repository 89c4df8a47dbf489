"""Django REST framework against django-ninja on the API's list endpoint, side by side.

    .venv/bin/pip install django-ninja        # not a dependency of the portal: only for this comparison
    DATABASE_URL=sqlite:///benchmarks/out/portal.sqlite3 .venv/bin/python benchmarks/api_libraries.py

Both endpoints read the same filter (the portal's `ReleaseFilter`), the same
rows (`for_listing()`, and the contacts and projects prefetched for the wide
shape) and return the same fields; only the library differs: a DRF `APIView`
with `Serializer`s and its `JSONRenderer`, or a ninja operation with pydantic
`Schema`s. A plain `JsonResponse` of hand-built dicts is the floor. Requests
go through Django's test client in one process, the three in turns on the same
paths (every country and year that has releases, in random order), no page
cache; the script prints the median and 90th percentile of each, per shape.
"""

import os
import random
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iomnews.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import path  # noqa: E402
from ninja import NinjaAPI, Schema  # noqa: E402
from rest_framework import serializers  # noqa: E402
from rest_framework.renderers import JSONRenderer  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

from releases.filters import ReleaseFilter  # noqa: E402
from releases.models import Release  # noqa: E402

SHAPES = {"summary, 20 rows": (20, False), "with contacts and projects, 100 rows": (100, True)}


def rows(request):
    releases = ReleaseFilter(request.GET or None, queryset=Release.objects.for_listing())
    size, wide = SHAPES[request.GET["shape"]]
    found = releases.qs.newest_first()
    if wide:
        found = found.with_contacts().prefetch_related("projects")
    return list(found[:size]), wide


# ---------------------------------------------------------------- DRF
class DrfOffice(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


class DrfContact(serializers.Serializer):
    name = serializers.CharField(source="person.name")
    email = serializers.CharField(source="person.email", allow_null=True)
    phones = serializers.ListField(child=serializers.CharField())


class DrfProject(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class DrfRelease(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    published = serializers.DateField(allow_null=True)
    country = serializers.CharField()
    language = serializers.CharField()
    office = DrfOffice(allow_null=True)
    updated_at = serializers.DateTimeField()


class DrfWideRelease(DrfRelease):
    contacts = DrfContact(source="contact_links.all", many=True)
    projects = DrfProject(source="projects.all", many=True)


class DrfList(APIView):
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []

    def get(self, request):
        found, wide = rows(request)
        serializer = DrfWideRelease if wide else DrfRelease
        return Response({"results": serializer(found, many=True).data})


# ---------------------------------------------------------------- ninja
class NinjaOffice(Schema):
    id: int
    slug: str
    name: str


class NinjaContact(Schema):
    name: str
    email: str | None
    phones: list[str]

    @staticmethod
    def resolve_name(link):
        return link.person.name

    @staticmethod
    def resolve_email(link):
        return link.person.email


class NinjaProject(Schema):
    slug: str
    name: str


class NinjaRelease(Schema):
    id: int
    slug: str
    title: str
    published: date | None
    country: str
    language: str
    office: NinjaOffice | None
    updated_at: datetime


class NinjaWideRelease(NinjaRelease):
    contacts: list[NinjaContact]
    projects: list[NinjaProject]

    @staticmethod
    def resolve_contacts(release):
        return list(release.contact_links.all())

    @staticmethod
    def resolve_projects(release):
        return list(release.projects.all())


class NinjaPage(Schema):
    results: list[NinjaRelease]


class NinjaWidePage(Schema):
    results: list[NinjaWideRelease]


ninja_api = NinjaAPI(urls_namespace="bench-ninja", docs_url=None)


@ninja_api.get("/releases/", response=NinjaPage)
def ninja_list(request):
    found, _wide = rows(request)
    return {"results": found}


@ninja_api.get("/wide-releases/", response=NinjaWidePage)
def ninja_wide_list(request):
    found, _wide = rows(request)
    return {"results": found}


# ---------------------------------------------------------------- the floor
def plain_list(request):
    found, wide = rows(request)
    results = []
    for r in found:
        office = r.office and {"id": r.office.id, "slug": r.office.slug, "name": r.office.name}
        item = {
            "id": r.id, "slug": r.slug, "title": r.title, "country": r.country, "language": r.language,
            "published": r.published and r.published.isoformat(), "office": office,
            "updated_at": r.updated_at.isoformat(),
        }  # fmt: skip
        if wide:
            item["contacts"] = [
                {"name": c.person.name, "email": c.person.email, "phones": c.phones}
                for c in r.contact_links.all()
            ]
            item["projects"] = [{"slug": p.slug, "name": p.name} for p in r.projects.all()]
        results.append(item)
    return JsonResponse({"results": results})


urlpatterns = [
    path("drf/releases/", DrfList.as_view()),
    path("ninja/", ninja_api.urls),
    path("plain/releases/", plain_list),
]


def main() -> None:
    combos = list(
        Release.objects.exclude(country="")
        .exclude(published=None)
        .values_list("country", "year")
        .annotate(n=Count("id"))
        .order_by("country", "year")
    )
    random.Random(1).shuffle(combos)
    filters = [f"country={country}&year={year}" for country, year, _n in combos][:300]
    client = Client()
    print(f"{Release.objects.count()} releases, {len(filters)} filters (country and year), in turns")
    for shape, (_size, wide) in SHAPES.items():
        ninja_path = "/ninja/wide-releases/" if wide else "/ninja/releases/"
        paths = {"DRF": "/drf/releases/", "ninja": ninja_path, "plain JsonResponse": "/plain/releases/"}
        times = {name: [] for name in paths}
        sizes = {}
        for query in filters[:20]:  # warm-up
            for base in paths.values():
                client.get(f"{base}?{query}&shape={shape}")
        for query in filters:
            for name, base in paths.items():
                started = time.perf_counter()
                response = client.get(f"{base}?{query}&shape={shape}")
                times[name].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.content[:200]
                sizes[name] = len(response.json()["results"])
        print(f"\n{shape}")
        print(f"{'library':<22} {'median ms':>10} {'p90 ms':>8} {'rows':>6}")
        for name, measured in times.items():
            p90 = statistics.quantiles(measured, n=10)[-1]
            print(f"{name:<22} {statistics.median(measured):>10.2f} {p90:>8.2f} {sizes[name]:>6}")


if __name__ == "__main__":
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        main()
