"""The directory's and the indexes' GET parameters: search by name, country, office."""

import django_filters

from core.countries import country_label, sorted_by_name
from core.matching import words_of

from .models import ContactPerson, CountryOffice, Project


class NameFilter(django_filters.FilterSet):
    """`q`: words of the name (of the e-mail too, for people), in any case, with or without accents."""

    q = django_filters.CharFilter(method="filter_name", label="Nom", max_length=100)
    search_fields = ("name",)

    def filter_name(self, queryset, name, value):
        return queryset.matching(value, self.search_fields)


class PersonFilter(NameFilter):
    country = django_filters.ChoiceFilter(field_name="office__country", label="Pays", empty_label="Tous")
    office = django_filters.ChoiceFilter(field_name="office__slug", label="Bureau", empty_label="Tous")
    search_fields = ("name", "email")

    class Meta:
        model = ContactPerson
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the offices and countries that have people to show.
        offices = CountryOffice.objects.filter(people__isnull=False).distinct().order_by("name")
        pairs = list(offices.values_list("slug", "name", "country"))
        countries = {code for _, _, code in pairs if code}
        self.filters["office"].extra["choices"] = [(slug, name) for slug, name, _ in pairs]
        self.filters["country"].extra["choices"] = sorted_by_name(
            (code, country_label(code)) for code in countries
        )


class OfficeFilter(NameFilter):
    search_fields = ("name", "city")

    class Meta:
        model = CountryOffice
        fields: list[str] = []


class ProjectFilter(NameFilter):
    search_fields = ("name", "acronym")

    class Meta:
        model = Project
        fields: list[str] = []


NAMED_SHOWN = 5


def named(words: str) -> dict:
    """People and offices whose name holds every searched word (accents and case aside),
    for the main search to offer their pages: {"people": [...], "offices": [...]}, each at
    most NAMED_SHOWN, with "more_people"/"more_offices" when there are others."""
    if not words_of(words):
        return {"people": [], "offices": []}
    people = ContactPerson.objects.matching(words).select_related("office").order_by("name", "pk")
    offices = CountryOffice.objects.matching(words).order_by("name", "pk")
    found = {"people": list(people[: NAMED_SHOWN + 1]), "offices": list(offices[: NAMED_SHOWN + 1])}
    for kind in ("people", "offices"):
        found[f"more_{kind}"] = len(found[kind]) > NAMED_SHOWN
        found[kind] = found[kind][:NAMED_SHOWN]
    return found
