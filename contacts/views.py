"""Pages of offices, people and projects: searchable indexes, the press-contact
directory (also as vCards and CSV), and a page for each with its releases."""

import functools

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control

from core.caching import cached_page
from core.worldmap import choropleth

from . import directory
from .filters import OfficeFilter, PersonFilter, ProjectFilter
from .merging import kept_in_place_of
from .models import STALE_AFTER_YEARS, ContactPerson, CountryOffice, Project

PAGE_SIZE = 20
INDEX_PAGE_SIZE = 50
VCARD_TYPE = "text/vcard; charset=utf-8"


class MergedAway(Exception):
    """The page asked for is of a row merged into another: its address leads there."""

    def __init__(self, kept):
        self.kept = kept


def _entity(queryset, slug):
    """The row of this slug; a row merged away answers with the row kept (MergedAway), so
    that links and bookmarks to a duplicate reach the record editors kept."""
    entity = queryset.filter(slug=slug).first()
    if entity is not None:
        return entity
    kept = kept_in_place_of(queryset.model, slug)
    if kept is None:
        raise Http404("Aucune fiche à cette adresse.")
    raise MergedAway(kept)


def follows_merges(view):
    """A 301 from a merged-away row's page (or file) to the same page of the row kept."""

    @functools.wraps(view)
    def wrapper(request, slug, **kwargs):
        try:
            return view(request, slug, **kwargs)
        except MergedAway as merged:
            match = request.resolver_match
            path = reverse(match.view_name, kwargs={**match.kwargs, "slug": merged.kept.slug})
            query = request.META.get("QUERY_STRING")
            response = HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)
            # Browsers keep a 301 for good unless told: a merge undone must give the page back.
            patch_cache_control(response, no_cache=True)
            return response

    return wrapper


def _entity_page(request, template: str, entity, **extra):
    """The entity's page: its releases newest first, 20 a page (the reverse relation
    `releases` holds them, so this app needs nothing of the releases app)."""
    releases = entity.releases.all().for_listing().newest_first()
    page = Paginator(releases, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"entity": entity, "page": page, "stale_years": STALE_AFTER_YEARS, **extra}
    return render(request, template, context)


@follows_merges
@cached_page
def office_detail(request, slug):
    office = _entity(CountryOffice.objects, slug)
    people = ContactPerson.objects.for_directory().filter(office=office).order_by("name")
    # Where its releases come from; each country links to the list of this office's releases there.
    base = reverse("releases:release_list") + f"?office={office.slug}&country="
    release_map = choropleth(office.releases.count_by_country(), lambda code: base + code)
    return _entity_page(
        request, "contacts/office_detail.html", office, people=people, release_map=release_map
    )


@follows_merges
@cached_page
def project_detail(request, slug):
    project = _entity(Project.objects, slug)
    return _entity_page(request, "contacts/project_detail.html", project)


@follows_merges
@cached_page
def person_detail(request, slug):
    person = _entity(ContactPerson.objects.for_directory(), slug)
    return _entity_page(request, "contacts/person_detail.html", person)


def _index(request, filterset, template: str, **extra):
    page = Paginator(filterset.qs, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page, "stale_years": STALE_AFTER_YEARS, **extra}
    return render(request, template, context)


@cached_page
def office_list(request):
    offices = CountryOffice.objects.with_release_count().annotate_people().order_by("name")
    return _index(request, OfficeFilter(request.GET or None, queryset=offices), "contacts/office_list.html")


@cached_page
def project_list(request):
    projects = Project.objects.with_release_count().order_by("name")
    return _index(
        request, ProjectFilter(request.GET or None, queryset=projects), "contacts/project_list.html"
    )


def _people(request) -> PersonFilter:
    people = ContactPerson.objects.for_directory().order_by("name", "pk")
    return PersonFilter(request.GET or None, queryset=people)


@cached_page
def person_list(request):
    return _index(request, _people(request), "contacts/person_list.html", query=request.GET.urlencode())


# ---------------------------------------------------------------- files
def _vcard_response(cards: list[str], filename: str) -> HttpResponse:
    response = HttpResponse("".join(cards), content_type=VCARD_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response


@follows_merges
def person_vcard(request, slug):
    person = _entity(ContactPerson.objects.select_related("office"), slug)
    card = directory.vcard(person, request.build_absolute_uri(person.get_absolute_url()))
    return _vcard_response([card], person.slug)


@follows_merges
def office_vcard(request, slug):
    """Every press contact of the office, one vCard each, in one file."""
    office = _entity(CountryOffice.objects, slug)
    people = office.people.select_related("office").order_by("name")
    cards = [directory.vcard(p, request.build_absolute_uri(p.get_absolute_url())) for p in people]
    return _vcard_response(cards, f"contacts-{office.slug}")


def person_csv(request):
    """The directory, with the page's filters, as CSV."""
    rows = directory.csv_rows(_people(request).qs.iterator(), request.build_absolute_uri)
    response = StreamingHttpResponse(directory.csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="annuaire-contacts.csv"'
    return response
