"""Pages of offices, people and projects: an index of each, and a page for each with its releases."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from core.caching import cached_page

from .models import ContactPerson, CountryOffice, Project

PAGE_SIZE = 20
INDEX_PAGE_SIZE = 50


def _entity_page(request, template: str, entity, **extra):
    """The entity's page: its releases newest first, 20 a page (the reverse relation
    `releases` holds them, so this app needs nothing of the releases app)."""
    releases = entity.releases.all().for_listing().newest_first()
    page = Paginator(releases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"entity": entity, "page": page, **extra})


@cached_page
def office_detail(request, slug):
    office = get_object_or_404(CountryOffice, slug=slug)
    people = office.people.order_by("name")
    return _entity_page(request, "contacts/office_detail.html", office, people=people)


@cached_page
def project_detail(request, slug):
    project = get_object_or_404(Project, slug=slug)
    return _entity_page(request, "contacts/project_detail.html", project)


@cached_page
def person_detail(request, slug):
    person = get_object_or_404(ContactPerson.objects.select_related("office"), slug=slug)
    return _entity_page(request, "contacts/person_detail.html", person)


INDEXES = {
    CountryOffice: "Bureaux",
    Project: "Projets",
    ContactPerson: "Personnes",
}


def _index(request, model):
    entities = model.objects.with_release_count().order_by("name")
    if model is ContactPerson:
        entities = entities.select_related("office")
    page = Paginator(entities, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "contacts/entity_list.html", {"page": page, "title": INDEXES[model]})


@cached_page
def office_list(request):
    return _index(request, CountryOffice)


@cached_page
def project_list(request):
    return _index(request, Project)


@cached_page
def person_list(request):
    return _index(request, ContactPerson)
