"""The staff's pages of releases: thin views over the query vocabulary of releases."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify

from contacts.filters import named
from core.caching import cached_page, depends_on
from core.countries import plain

from . import downloads
from .caching import release_tags
from .charts import release_charts
from .exporting import iter_records, most_contacts, write_csv, write_json, write_spreadsheet_csv
from .filters import FILTERS
from .listing import ReleaseList, in_french_order
from .models import Release
from .search import query_stems

RELATED_SHOWN = 5


@cached_page
def release_list(request):
    releases = ReleaseList(request.GET)
    context = {
        "releases": releases,
        "page": releases.page(request.GET.get("page")),
        "charts": release_charts(releases),
        # A search for a person's or an office's name also offers their page.
        "named": named(releases.words) if releases.words else None,
        "query": request.GET.urlencode(),
    }
    return render(request, "releases/release_list.html", context)


NAME_PARAMETER = "nom"  # narrows a facet's page to the names holding these letters
FACET_PAGE_SIZE = 500


@cached_page
def facet_values(request, name):
    """Every value of one facet of a list, with its count, in French alphabetical order;
    a name typed narrows them (with the browser's own suggestions: no script needed)."""
    declared = FILTERS.get(name)
    if declared is None or declared.facet is None:
        raise Http404("Pas de tel filtre.")
    params = request.GET.copy()
    typed = params.pop(NAME_PARAMETER, [""])[-1].strip()[:100]
    releases = ReleaseList(params)
    options = in_french_order(releases.facet_counts(name, limit=None))
    if name == "year":
        options.reverse()  # the newest year first
    every = options
    if typed:
        options = [option for option in options if plain(typed) in plain(str(option["label"]))]
    context = {
        "releases": releases,
        "facet": declared,
        "options": releases.with_links(name, options[:FACET_PAGE_SIZE]),
        "cut": len(options) > FACET_PAGE_SIZE,
        "suggestions": every[:FACET_PAGE_SIZE],
        "name": typed,
        "name_parameter": NAME_PARAMETER,
        "kept": [(key, value) for key, values in params.lists() for value in values if key != "page"],
        "query": params.urlencode(),
    }
    return render(request, "releases/facet_values.html", context)


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
def _download(request, kind: str, suffix: str, content_type: str, write) -> HttpResponse:
    """The filtered list as a file, written once per version of the data (releases/downloads.py)."""
    releases = ReleaseList(request.GET)
    what = json.dumps([kind, sorted(releases.values.items())], ensure_ascii=False, default=str)
    filename = slugify(releases.file_name(timezone.localdate()))[:150] + suffix
    base_url = f"{request.scheme}://{request.get_host()}"
    return downloads.serve(
        request,
        downloads.Download(
            what, suffix, content_type, filename, lambda out: write(releases.ordered(), out, base_url)
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
