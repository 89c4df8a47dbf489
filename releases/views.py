"""The staff's pages of releases: thin views over the query vocabulary of releases."""

import json

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify

from contacts.filters import named
from core.caching import cached_page, depends_on

from . import downloads, facet_counts
from .caching import release_tags
from .charts import release_charts
from .counting import ResultCounts
from .exporting import iter_records, most_contacts, write_csv, write_json, write_spreadsheet_csv
from .facets import active_filters, release_facets, stored_facets, with_links
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

    def __init__(self, object_list, per_page, cap, known_count=None):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.known_count = known_count

    @cached_property
    def count(self):
        if self.known_count is not None:
            return self.known_count
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
    # Every release listed: its counts are stored, not counted (facet_counts).
    stored = facet_counts.StoredCounts() if releases.is_unfiltered else None
    if words:
        # Ids in order, never a sort of every match (see newest_ids, ranked_ids).
        by_date = not releases.by_relevance
        ids = releases.matches.newest_ids(MAX_COUNTED + 1) if by_date else releases.ranked_ids
        paginator = SearchPaginator(ids, PAGE_SIZE, MAX_COUNTED, rows=Release.objects.for_listing())
    else:
        counts = None if stored else ResultCounts(releases.matches)
        every = stored.total if stored else counts.size  # None: counted by the paginator
        paginator = CappedPaginator(releases.qs, PAGE_SIZE, cap=10**9, known_count=every)
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
        counts = ResultCounts(counted)
    facets = with_links(stored_facets(stored) if stored else _facets(releases, counts), request.GET)
    context = {
        "filter": releases,
        "page": page,
        "facets": facets,
        "chips": active_filters(request.GET, facets),
        "charts": release_charts(counts, releases, request.GET, stored),
        "words": words,
        # A search for a person's or an office's name also offers their page.
        "named": named(words) if words else None,
        "query": request.GET.urlencode(),
        # The search form keeps the facet filters in use.
        "kept_filters": [
            (k, value)
            for k in ("country", "language", "office", "project", "contact", "year", "month")
            for value in request.GET.getlist(k)
            if value
        ],
    }
    return render(request, "releases/release_list.html", context)


def _facets(releases: ReleaseFilter, counts: ResultCounts) -> dict:
    """Live counts of a filtered list. Chosen countries are counted without the
    country filter, so that another one can be added (from the stored counts when
    no other filter is left)."""
    by_country = None
    if releases.form.cleaned_data.get("country"):
        without_country = releases.without("country")
        if without_country.is_unfiltered:
            by_country = facet_counts.StoredCounts().all("country")
        else:
            others = without_country.matches
            if without_country.words:
                others = Release.objects.filter(pk__in=others.newest_ids(MAX_COUNTED))
            by_country = ResultCounts(others).by("country")
    return release_facets(counts, by_country)


@cached_page
def release_detail(request, slug):
    release = get_object_or_404(Release.objects.with_details(), slug=slug)
    related = Release.objects.for_listing().related_to(release, RELATED_SHOWN)
    # Opened from the list: the list's parameters come along, for the way back and the highlights.
    words = request.GET.get("q", "")[:200]
    context = {
        "release": release,
        "related": related,
        "query": request.GET.urlencode(),
        "words": words,
        "stems": query_stems(words) if words else set(),
    }
    response = render(request, "releases/release_detail.html", context)
    # Kept in the cache until one of these changes, not at every write to any release.
    depends_on(response, release_tags(release, related))
    return response


# ---------------------------------------------------------------- downloads
# The filters as they name a download ("communiques-pays-GT-2026-11-24.csv").
FILE_NAME_WORDS = {
    "q": "recherche", "country": "pays", "language": "langue", "office": "bureau", "project": "projet",
    "contact": "contact", "year": "annee", "has_contacts": "avec-contacts", "sort": "tri",
}  # fmt: skip


def _download(request, kind: str, suffix: str, content_type: str, write) -> HttpResponse:
    """The filtered list as a file, written once per version of the data (releases/downloads.py)."""
    releases = filtered_releases(request)
    used = releases.used_filters()
    what = json.dumps([kind, used], ensure_ascii=False)
    name = "-".join(
        ["communiques", *(f"{FILE_NAME_WORDS[k]}-{v}" for k, v in used), str(timezone.localdate())]
    )
    filename = slugify(name)[:150] + suffix
    base_url = f"{request.scheme}://{request.get_host()}"
    return downloads.serve(
        request,
        downloads.Download(
            what, suffix, content_type, filename, lambda out: write(releases.qs, out, base_url)
        ),
    )


def _write_csv(releases, out, base_url):
    out.write("\ufeff")  # a byte-order mark: spreadsheets then read UTF-8 as UTF-8
    write_csv(iter_records(releases, base_url), out)


def _write_spreadsheet(releases, out, base_url):
    out.write("\ufeff")
    write_spreadsheet_csv(iter_records(releases, base_url), out, most_contacts(releases))


def _write_json(releases, out, base_url):
    write_json(iter_records(releases), out)  # the contract: urls relative to the site


def export_csv(request):
    return _download(request, "csv", ".csv", "text/csv; charset=utf-8", _write_csv)


def export_spreadsheet(request):
    return _download(request, "spreadsheet", "-tableur.csv", "text/csv; charset=utf-8", _write_spreadsheet)


def export_json(request):
    return _download(request, "json", ".json", "application/json; charset=utf-8", _write_json)
