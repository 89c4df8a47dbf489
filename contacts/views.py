"""Pages of offices, people and projects: searchable indexes, the press-contact
directory (also as vCards and CSV), and a page for each with its releases."""

from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from core.caching import cached_page
from core.worldmap import choropleth

from . import directory
from .filters import OfficeFilter, PersonFilter, ProjectFilter
from .models import STALE_AFTER_YEARS, ContactPerson, CountryOffice, Project

PAGE_SIZE = 20
INDEX_PAGE_SIZE = 50
VCARD_TYPE = "text/vcard; charset=utf-8"


def _entity_page(request, template: str, entity, **extra):
    """The entity's page: its releases newest first, 20 a page (the reverse relation
    `releases` holds them, so this app needs nothing of the releases app)."""
    releases = entity.releases.all().for_listing().newest_first()
    page = Paginator(releases, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"entity": entity, "page": page, "stale_years": STALE_AFTER_YEARS, **extra}
    return render(request, template, context)


@cached_page
def office_detail(request, slug):
    office = get_object_or_404(CountryOffice, slug=slug)
    people = ContactPerson.objects.for_directory().filter(office=office).order_by("name")
    # Where its releases come from; each country links to the list of this office's releases there.
    base = reverse("releases:release_list") + f"?office={office.slug}&country="
    release_map = choropleth(office.releases.count_by_country(), lambda code: base + code)
    return _entity_page(
        request, "contacts/office_detail.html", office, people=people, release_map=release_map
    )


@cached_page
def project_detail(request, slug):
    project = get_object_or_404(Project, slug=slug)
    return _entity_page(request, "contacts/project_detail.html", project)


@cached_page
def person_detail(request, slug):
    person = get_object_or_404(ContactPerson.objects.for_directory(), slug=slug)
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


def person_vcard(request, slug):
    person = get_object_or_404(ContactPerson.objects.select_related("office"), slug=slug)
    card = directory.vcard(person, request.build_absolute_uri(person.get_absolute_url()))
    return _vcard_response([card], person.slug)


def office_vcard(request, slug):
    """Every press contact of the office, one vCard each, in one file."""
    office = get_object_or_404(CountryOffice, slug=slug)
    people = office.people.select_related("office").order_by("name")
    cards = [directory.vcard(p, request.build_absolute_uri(p.get_absolute_url())) for p in people]
    return _vcard_response(cards, f"contacts-{office.slug}")


def person_csv(request):
    """The directory, with the page's filters, as CSV."""
    rows = directory.csv_rows(_people(request).qs.iterator(), request.build_absolute_uri)
    response = StreamingHttpResponse(directory.csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="annuaire-contacts.csv"'
    return response
