"""The staff's pages: thin views over the query vocabulary of the models."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property

from contacts.models import ContactPerson, CountryOffice

from .caching import cached_page
from .exporting import CSV_COLUMNS, csv_row, iter_records
from .facets import active_filters, release_facets
from .filters import ReleaseFilter
from .models import Project, Release, ReleaseContact

PAGE_SIZE = 20
MAX_COUNTED = 1000


def filtered_releases(request) -> ReleaseFilter:
    return ReleaseFilter(request.GET or None, queryset=Release.objects.with_related())


class CappedPaginator(Paginator):
    """Counts matches up to a cap: a word found in nearly every release must not
    cost a count of every match. Past the cap the page says "plus de …"."""

    def __init__(self, object_list, per_page, cap):
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap


class SearchPaginator(CappedPaginator):
    """Pages through the ids of a search's matches, already in order; each page
    loads its own rows only (no sort or CASE over every match in SQL)."""

    def __init__(self, ids, per_page, cap, rows):
        super().__init__(ids[: cap + 1], per_page, cap)
        self.rows = rows

    @cached_property
    def count(self):
        return len(self.object_list)

    def page(self, number):
        page = super().page(number)
        found = self.rows.in_bulk(page.object_list)
        page.object_list = [found[pk] for pk in page.object_list if pk in found]
        return page


@cached_page
def release_list(request):
    releases = filtered_releases(request)
    words = releases.words
    if words:
        # Ids in order, never a sort of every match (see newest_ids, ranked_ids).
        by_date = not releases.by_relevance
        ids = releases.matches.newest_ids(MAX_COUNTED + 1) if by_date else releases.ranked_ids
        paginator = SearchPaginator(ids, PAGE_SIZE, MAX_COUNTED, rows=Release.objects.with_related())
    else:
        paginator = CappedPaginator(releases.qs, PAGE_SIZE, cap=10**9)
    page = paginator.get_page(request.GET.get("page"))
    counted = releases.matches
    if words:
        # Highlights for the page's rows only: never for every match.
        headlines = Release.objects.headlines(words, [r.pk for r in page.object_list])
        for release in page.object_list:
            release.headline = headlines.get(release.pk, "")
        if paginator.capped:
            # Facets of the most recent matches only; the page says so.
            newest = ids[:MAX_COUNTED] if by_date else releases.matches.newest_ids(MAX_COUNTED)
            counted = Release.objects.filter(pk__in=newest)
    facets = release_facets(counted)
    context = {
        "filter": releases,
        "page": page,
        "facets": facets,
        "chips": active_filters(request.GET, facets),
        "words": words,
        "query": request.GET.urlencode(),
        # The search form keeps the facet filters in use.
        "kept_filters": [
            (k, request.GET[k])
            for k in ("country", "office", "project", "contact", "year")
            if request.GET.get(k)
        ],
    }
    return render(request, "releases/release_list.html", context)


@cached_page
def release_detail(request, slug):
    release = get_object_or_404(
        Release.objects.with_related().prefetch_related(
            "projects",
            "quoted_people",
            Prefetch("contact_links", queryset=ReleaseContact.objects.select_related("person", "office")),
        ),
        slug=slug,
    )
    # Subqueries on the link tables, not joins: no DISTINCT, and the newest-first
    # index finds the five at once on both databases.
    people = [link.person_id for link in release.contact_links.all()]
    projects = [project.pk for project in release.projects.all()]
    sharing = (
        Q(pk__in=ReleaseContact.objects.filter(person__in=people).values("release"))
        | Q(pk__in=Release.projects.through.objects.filter(project__in=projects).values("release"))
        | (Q(office=release.office_id) if release.office_id else Q(pk__in=[]))
    )
    related = Release.objects.with_related().filter(sharing).exclude(pk=release.pk).newest_first()[:5]
    return render(request, "releases/release_detail.html", {"release": release, "related": related})


def _entity_page(request, template, entity, releases, **extra):
    page = Paginator(releases.with_related().newest_first(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"entity": entity, "page": page, **extra})


@cached_page
def office_detail(request, slug):
    office = get_object_or_404(CountryOffice, slug=slug)
    people = office.people.order_by("name")
    return _entity_page(request, "releases/office_detail.html", office, office.releases.all(), people=people)


@cached_page
def project_detail(request, slug):
    project = get_object_or_404(Project, slug=slug)
    return _entity_page(request, "releases/project_detail.html", project, project.releases.all())


@cached_page
def person_detail(request, slug):
    person = get_object_or_404(ContactPerson.objects.select_related("office"), slug=slug)
    releases = Release.objects.filter(contact_links__person=person)
    return _entity_page(request, "releases/person_detail.html", person, releases)


def _index(request, template, entities):
    page = Paginator(entities, 50).get_page(request.GET.get("page"))
    return render(request, template, {"page": page})


@cached_page
def office_list(request):
    offices = CountryOffice.objects.annotate(release_count=Count("releases")).order_by("name")
    return _index(request, "releases/office_list.html", offices)


@cached_page
def project_list(request):
    projects = Project.objects.annotate(release_count=Count("releases")).order_by("name")
    return _index(request, "releases/project_list.html", projects)


@cached_page
def person_list(request):
    people = (
        ContactPerson.objects.select_related("office")
        .annotate(release_count=Count("release_links"))
        .order_by("name")
    )
    return _index(request, "releases/person_list.html", people)


# ---------------------------------------------------------------- downloads
class _Echo:
    def write(self, value):
        return value


def export_csv(request):
    import csv

    writer = csv.writer(_Echo())
    records = iter_records(filtered_releases(request).qs)
    rows = (writer.writerow(row) for row in _with_header(CSV_COLUMNS, (csv_row(r) for r in records)))
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="communiques.csv"'
    return response


def _with_header(header, rows):
    yield header
    yield from rows


def export_json(request):
    import json

    def chunks():
        yield "["
        for i, record in enumerate(iter_records(filtered_releases(request).qs)):
            yield ("," if i else "") + "\n" + json.dumps(record, ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="communiques.json"'
    return response
