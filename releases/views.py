"""The staff's pages of releases: thin views over the query vocabulary of releases."""

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property

from core.caching import cached_page

from .charts import release_charts
from .exporting import CSV_COLUMNS, csv_row, iter_records
from .facets import active_filters, release_facets
from .filters import ReleaseFilter
from .models import Release
from .search import query_stems

PAGE_SIZE = 20
MAX_COUNTED = 1000
RELATED_SHOWN = 5


def filtered_releases(request) -> ReleaseFilter:
    return ReleaseFilter(request.GET or None, queryset=Release.objects.for_listing())


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
        paginator = SearchPaginator(ids, PAGE_SIZE, MAX_COUNTED, rows=Release.objects.for_listing())
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
        "charts": release_charts(counted, releases, request.GET),
        "words": words,
        "query": request.GET.urlencode(),
        # The search form keeps the facet filters in use.
        "kept_filters": [
            (k, request.GET[k])
            for k in ("country", "office", "project", "contact", "year", "month")
            if request.GET.get(k)
        ],
    }
    return render(request, "releases/release_list.html", context)


@cached_page
def release_detail(request, slug):
    release = get_object_or_404(Release.objects.with_details(), slug=slug)
    related = Release.objects.for_listing().related_to(release)[:RELATED_SHOWN]
    # Opened from the list: the list's parameters come along, for the way back and the highlights.
    words = request.GET.get("q", "")[:200]
    context = {
        "release": release,
        "related": related,
        "query": request.GET.urlencode(),
        "words": words,
        "stems": query_stems(words) if words else set(),
    }
    return render(request, "releases/release_detail.html", context)


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
