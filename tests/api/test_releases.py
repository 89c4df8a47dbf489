"""The API's releases: the portal's filters and facets, fields, cursors, changes since a
moment, ETags, and a number of queries that does not grow with the page."""

from datetime import UTC, date, timedelta

import pytest
from django.utils import timezone

from releases.models import Release
from tests.factories import (
    OfficeFactory,
    PersonFactory,
    ProjectFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def releases():
    """Twelve releases over three countries, three years, two languages; contacts and projects."""
    offices = {code: OfficeFactory(name=f"OIM {code}", country=code) for code in ("GT", "CR", "SN")}
    project = ProjectFactory(name="Fonds 1035", slug="fonds-1035", acronym="F1035")
    person = PersonFactory(name="Karla Villamar", slug="karla-villamar", office=offices["GT"])
    made = []
    for i in range(12):
        code = ("GT", "CR", "SN")[i % 3]
        release = ReleaseFactory(
            title=f"Retour des migrants {i}" if i % 2 else f"Accueil des réfugiés {i}",
            body="Les migrants de retour reçoivent une aide." if i % 2 else "Un centre d’accueil ouvre.",
            office=offices[code],
            published=date(2018 + i % 3, 1 + i, 10) if i != 11 else None,
            language="es" if i % 4 == 0 else "fr",
            projects=[project] if i % 3 == 0 else [],
        )
        if i % 2 == 0:
            ReleaseContactFactory(release=release, person=person)
        made.append(release)
    return made


def api(client, query: str = "", path: str = "/api/v1/releases/") -> dict:
    response = client.get(f"{path}?{query}" if query else path)
    assert response.status_code == 200, response.content
    return response.json()


def portal_ids(client, query: str) -> list[int]:
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    return [release.pk for release in response.context["page"].object_list]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=GT",
        "country=GT&country=CR",
        "country=gt,cr",
        "language=es",
        "language=ES",
        "office=oim-sn",
        "project=fonds-1035",
        "contact=karla-villamar",
        "year=2019",
        "year=2019&month=5",
        "month=2",
        "has_contacts=true",
        "has_contacts=false",
        "q=migrants",
        "q=migrants&sort=date",
        "q=migrants&country=CR",
        "q=réfugié",
        'q="centre d’accueil"',
        "q=migrants -retour",
    ],
)
def test_the_same_releases_as_the_portal_for_the_same_filters(client, releases, query):
    assert [r["id"] for r in api(client, query)["results"]] == portal_ids(client, query)


def test_counts_and_fields_of_a_list(client, releases):
    page = api(client, "country=GT")
    assert page["count"] == 4 and page["count_exact"] and page["next"] is None
    first = page["results"][0]
    assert set(first) == {
        "id",
        "url",
        "page",
        "title",
        "published",
        "language",
        "country",
        "office",
        "updated_at",
    }
    release = Release.objects.get(pk=first["id"])
    assert first["url"] == f"http://testserver/api/v1/releases/{release.pk}/"
    assert first["page"] == f"http://testserver{release.get_absolute_url()}"
    assert first["office"] == {
        "id": release.office_id,
        "url": f"http://testserver/api/v1/offices/{release.office_id}/",
        "name": "OIM GT",
        "slug": "oim-gt",
    }


def test_fields_chooses_what_each_release_holds(client, releases):
    page = api(client, "contact=karla-villamar&fields=title,contacts,projects,quoted_people,body")
    first = page["results"][0]
    assert set(first) == {"id", "title", "contacts", "projects", "quoted_people", "body"}
    assert first["contacts"][0]["name"] == "Karla Villamar"
    assert first["contacts"][0]["phones"] == ["+221338696200"]
    assert first["contacts"][0]["office"]["slug"] == "oim-gt"
    assert api(client, "fields=id")["results"][0].keys() == {"id"}


def test_a_release_in_full(client, releases):
    release = releases[0]
    QuoteFactory(release=release, name="Ana Hidalgo", role="")
    data = api(client, path=f"/api/v1/releases/{release.pk}/")
    assert data["title"] == release.title and data["body"] == release.body
    assert data["published"] == "2018-01-10" and data["dateline"] is None
    assert data["projects"] == [
        {
            "id": release.projects.get().pk,
            "url": f"http://testserver/api/v1/projects/{release.projects.get().pk}/",
            "name": "Fonds 1035",
            "slug": "fonds-1035",
            "acronym": "F1035",
        }
    ]
    assert data["quoted_people"] == [{"name": "Ana Hidalgo", "role": None}]
    assert data["source"] == release.source
    assert data["updated_at"].endswith("Z")
    assert api(client, "fields=title", f"/api/v1/releases/{release.pk}/") == {
        "id": release.pk,
        "title": release.title,
    }
    assert client.get("/api/v1/releases/999999/").status_code == 404


KEYS = ("value", "label", "count")


def test_facets_are_the_portals(client, releases):
    for query in [
        "",
        "country=GT",
        "country=GT&country=CR",
        "q=migrants",
        "year=2019",
        "language=es&has_contacts=true",
    ]:
        portal = client.get(f"/?{query}").context["releases"].facets
        names = "country,office,project,contact,year,language"
        facets = api(client, f"{query}&facets={names}".lstrip("&"))["facets"]
        assert facets == {
            name: [
                {"value": str(o["value"]), "label": o["label"], "count": o["count"]} for o in facet["options"]
            ]
            for name, facet in portal.items()
        }, query
    assert api(client, "facets=year")["facets"].keys() == {"year"}
    assert "facets" not in api(client)


def test_limit_zero_gives_the_count_and_facets_alone(client, releases):
    page = api(client, "q=migrants&limit=0&facets=country")
    assert page["results"] == [] and page["next"] is None and page["count"] == 6
    assert sum(o["count"] for o in page["facets"]["country"]) == 6


def walk(client, query: str) -> tuple[list[int], int]:
    """Every id of a list, page after page through `next`; and the number of pages."""
    seen, pages = [], 0
    url = f"/api/v1/releases/?{query}"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        data = response.json()
        seen += [r["id"] for r in data["results"]]
        pages += 1
        url = data["next"]
        if url:
            assert response["Link"] == f'<{url}>; rel="next"'
    return seen, pages


@pytest.mark.parametrize(
    "query",
    ["limit=5", "limit=5&country=GT&country=SN", "q=migrants&limit=2", "q=migrants&limit=2&sort=date"],
)
def test_a_cursor_walks_the_whole_list_in_its_order(client, releases, query):
    whole = api(client, query.replace("limit=5", "limit=100").replace("limit=2", "limit=100"))["results"]
    seen, pages = walk(client, query)
    assert seen == [r["id"] for r in whole]
    assert pages == -(-len(whole) // int(query.split("limit=")[1].split("&")[0]))


def test_a_cursor_is_checked(client, releases):
    following = api(client, "limit=2")["next"]
    cursor = following.split("cursor=")[1]
    for wrong in ["abc", cursor[:-3] + "xyz", cursor.replace("W", "X", 1)]:
        response = client.get(f"/api/v1/releases/?limit=2&cursor={wrong}")
        assert response.status_code == 400
        assert response.json()["errors"][0]["parameter"] == "cursor"
    # A cursor of the list by date is no cursor of the list by last change.
    response = client.get(f"/api/v1/releases/?limit=2&sort=updated&cursor={cursor}")
    assert response.status_code == 400


def test_what_changed_since_a_moment_oldest_change_first(client, releases):
    moment = timezone.now() - timedelta(days=1)
    Release.objects.update(updated_at=moment - timedelta(days=1))
    changed = [releases[3], releases[7]]
    for release in reversed(changed):  # the later saved is the later changed
        release.title += " (corrigé)"
        release.save()
    since = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    page = api(client, f"updated_since={since}&sort=updated&fields=title,updated_at")
    assert [r["id"] for r in page["results"]] == [releases[7].pk, releases[3].pk]
    assert page["count"] == 2
    # Walked by last change, a release changed during the walk comes again at the end.
    seen, _pages = walk(client, "sort=updated&limit=5")
    assert sorted(seen) == sorted(r.pk for r in releases) and seen[-1] == releases[3].pk
    # Zurich time without an offset.
    local = timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S")
    assert api(client, f"updated_since={local}")["count"] == 2


def test_published_since_and_until(client, releases):
    page = api(client, "published_since=2019-06-01&published_until=2020-12-31&fields=published")
    days = [date.fromisoformat(r["published"]) for r in page["results"]]
    assert days and all(date(2019, 6, 1) <= day <= date(2020, 12, 31) for day in days)
    assert days == sorted(days, reverse=True)
    assert (
        page["count"]
        == Release.objects.filter(published__range=(date(2019, 6, 1), date(2020, 12, 31))).count()
    )


def test_etag_and_304_until_a_release_changes(client, releases):
    url = f"/api/v1/releases/{releases[0].pk}/"
    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    listed = client.get("/api/v1/releases/?country=GT")
    assert (
        client.get("/api/v1/releases/?country=GT", headers={"if-none-match": listed["ETag"]}).status_code
        == 304
    )
    releases[0].title = "Un autre titre"
    releases[0].save()
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 200 and again.json()["title"] == "Un autre titre" and again["ETag"] != etag
    assert (
        client.get("/api/v1/releases/?country=GT", headers={"if-none-match": listed["ETag"]}).status_code
        == 200
    )
    # Another release's change leaves this one's answer as it was (the cache's tags).
    etag = again["ETag"]
    releases[1].title = "Encore un autre"
    releases[1].save()
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_no_query_grows_with_the_page(client, releases, django_assert_max_num_queries):
    for release in releases:
        QuoteFactory(release=release)
    api(client, "limit=0")  # a new database's stored counts are counted at its first reading
    every = "fields=" + ",".join(
        [
            "id",
            "url",
            "page",
            "title",
            "body",
            "office",
            "contacts",
            "projects",
            "quoted_people",
            "updated_at",
        ]
    )
    for query in [
        every + "&limit=2",
        every + "&limit=100",
        every + "&limit=100&q=migrants",
        every + "&sort=updated",
    ]:
        with django_assert_max_num_queries(8):
            assert client.get(f"/api/v1/releases/?{query}").status_code == 200
    with django_assert_max_num_queries(8):
        api(client, "limit=100&facets=country,office,project,contact,year,language&country=GT")
