"""The directory's and the indexes' GET parameters: search by name, country, office."""

import django_filters
from django.db.models import Q

from core.countries import country_label, sorted_by_name

from .models import ContactPerson, CountryOffice, Project


class NameFilter(django_filters.FilterSet):
    """`q`: words of the name (of the e-mail too, for people), in any case."""

    q = django_filters.CharFilter(method="filter_name", label="Nom", max_length=100)
    search_fields = ("name",)

    def filter_name(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q.create([(f"{field}__icontains", word) for field in self.search_fields], connector=Q.OR)
            )
        return queryset


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
