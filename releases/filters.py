"""The filters of a list of releases, each declared once.

A declaration says everything the portal needs of a filter: its GET parameter,
how people read it, how a value is checked and applied, how a value is shown,
what its facet counts, and its word in a download's name. The FilterSet, the
facets, the chips, the search form, the downloads, the charts, the feeds' titles
and the API all read `FILTERS`; adding a filter is one entry here (and its test).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from contacts.models import ContactPerson, CountryOffice, Project
from core.countries import country_code, country_label, language_label

from .models import Release, ReleaseContact

MAX_COUNTRIES = 20
COUNTRY_CODE = re.compile(r"[A-Z]{2}")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]  # fmt: skip


# ---------------------------------------------------------------- values as typed in a URL
class CountryCodesField(forms.Field):
    """One or several ISO codes: `?country=GT&country=CR` (or `GT,CR`), any case."""

    widget = forms.MultipleHiddenInput  # reads every value of the parameter

    def to_python(self, value) -> list[str]:
        return country_codes(value if isinstance(value, list | tuple) else [value or ""])

    def validate(self, value) -> None:
        wrong = [code for code in value if not COUNTRY_CODE.fullmatch(code)]
        if wrong:
            raise ValidationError(f"« {wrong[0]} » n’est ni un pays ni un code de pays ISO (ex. GT).")
        if len(value) > MAX_COUNTRIES:
            raise ValidationError(f"{MAX_COUNTRIES} pays au plus.")


def country_codes(values) -> list[str]:
    """The codes of a `country` parameter's values, each once, in order: ISO codes, or
    countries named in French or English ("Haïti"); what is neither is kept as typed."""
    typed = [part.strip() for value in values for part in str(value).split(",")]
    codes = [country_code(part) or part.upper() for part in typed if part]
    return list(dict.fromkeys(codes))


class CountriesFilter(django_filters.Filter):
    field_class = CountryCodesField


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # a year or a month: "2020.7" is no year


YES_NO = [("", "Peu importe"), ("true", "Oui"), ("false", "Non")]


# ---------------------------------------------------------------- the declarations
@dataclass(frozen=True)
class Facet:
    """What a filter's facet counts: a column of releases (`column`), or a link table
    (`links`, whose rows name the release and `target`). `entity`: the model whose
    slug the filter takes and whose name people read (offices, projects, people)."""

    column: str = ""
    links: Any = None
    target: str = ""
    entity: Any = None


@dataclass(frozen=True)
class ListFilter:
    name: str  # the GET parameter
    label: str  # as people read it: facets, chips, messages ("Pays")
    file_word: str  # in a download's name ("communiques-pays-gt-…")
    form_filter: Any  # a django-filter Filter: how a value is read and checked
    facet: Facet | None = None
    # Whether the search form carries it along (the form has fields of its own for the others).
    kept_by_search: bool = True
    hint: str = ""  # said under its facet
    every: str = ""  # its facet's page: "Tous les pays"

    def in_title(self, value) -> str:
        """How a value reads in a list's title ("Communiqués de l’OIM — Guatemala, 2024")."""
        if self.name == "q":
            return f"« {value} »"
        if self.name == "has_contacts":
            return "avec contacts" if value else "sans contacts"
        return self.show(value)

    def show(self, value) -> str:
        """A valid value as people read it ("Guatemala", "OIM Lima", "mars")."""
        if self.name == "country":
            return " ou ".join(country_label(code) for code in value)
        if self.name == "language":
            return language_label(value)
        if self.name == "month":
            return MONTHS[int(value) - 1]
        if self.name == "has_contacts":
            return "oui" if value else "non"
        if self.facet and self.facet.entity:
            names = self.facet.entity.objects.filter(slug=value).values_list("name", flat=True)
            return names.first() or value
        return str(value)


def _slug(label: str):
    return django_filters.CharFilter(label=label, max_length=220)


FILTERS: dict[str, ListFilter] = {
    f.name: f
    for f in (
        ListFilter("q", "Mots", "recherche", django_filters.CharFilter(label="Mots", max_length=200),
                   kept_by_search=False),
        ListFilter("country", "Pays", "pays", CountriesFilter(label="Pays"), Facet(column="country"),
                   hint="Plusieurs pays à la fois : chacun s’ajoute aux autres.", every="Tous les pays"),
        ListFilter("language", "Langue", "langue", django_filters.CharFilter(label="Langue", max_length=8),
                   Facet(column="language"), every="Toutes les langues"),
        ListFilter("office", "Bureau", "bureau", _slug("Bureau"),
                   Facet(column="office_id", entity=CountryOffice), every="Tous les bureaux"),
        ListFilter("project", "Projet", "projet", _slug("Projet"),
                   Facet(links=Release.projects.through, target="project", entity=Project),
                   every="Tous les projets"),
        ListFilter("contact", "Contact", "contact", _slug("Contact"),
                   Facet(links=ReleaseContact, target="person", entity=ContactPerson),
                   every="Tous les contacts"),
        ListFilter("year", "Année", "annee",
                   WholeNumberFilter(label="Année", min_value=1900, max_value=2100), Facet(column="year"),
                   every="Toutes les années"),
        ListFilter("month", "Mois", "mois", WholeNumberFilter(label="Mois", min_value=1, max_value=12)),
        ListFilter("has_contacts", "Avec contacts", "avec-contacts",
                   django_filters.BooleanFilter(label="Avec contacts", widget=forms.Select(choices=YES_NO)),
                   kept_by_search=False),
    )
}  # fmt: skip
FACETED = [f for f in FILTERS.values() if f.facet]


def apply(releases, values: dict):
    """The releases that pass every filter with a valid value in `values` (cleaned data)."""
    used = {name: value for name, value in values.items() if name in FILTERS and value not in (None, "", [])}
    if "q" in used:
        releases = releases.search(used["q"])
    if "country" in used:
        releases = releases.for_countries(used["country"])
    if "language" in used:
        releases = releases.filter(language=used["language"].strip().lower())  # "EN" as typed by hand
    if "office" in used:
        releases = releases.filter(office__slug=used["office"])
    if "project" in used:
        releases = releases.filter(projects__slug=used["project"])
    if "contact" in used:
        releases = releases.filter(contact_links__person__slug=used["contact"])
    if "year" in used or "month" in used:
        releases = _dated(releases, used.get("year"), used.get("month"))
    if "has_contacts" in used:
        releases = releases.having_contacts(used["has_contacts"])
    return releases


def _dated(releases, year: int | None, month: int | None):
    """A year (the stored column: the counts' indexes start with it), a month of a year
    (its dates), or a month of any year."""
    if not year:
        return releases.filter(published__month=month)
    if not month:
        return releases.filter(year=year)
    return releases.filter(year=year, published__range=dated_span(year, month))


def dated_span(year: int, month: int | None = None) -> tuple[date, date]:
    """The first and last days of a year, or of a month of it."""
    first, last = (month, month) if month else (1, 12)
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


# ---------------------------------------------------------------- the FilterSet
class ReleaseFilter(django_filters.FilterSet):
    """The list's GET parameters: a filter per declaration, and the order (`sort`)."""

    sort = django_filters.ChoiceFilter(
        label="Trier par", choices=[("date", "date"), ("relevance", "pertinence")], empty_label=None
    )

    class Meta:
        model = Release
        fields: list[str] = []

    def filter_queryset(self, queryset):
        return apply(queryset, self.form.cleaned_data)

    @property
    def values(self) -> dict:
        """The valid values in use, by parameter (an invalid one is left out: see `invalid`)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value not in (None, "", [])}

    @property
    def invalid(self) -> list[tuple[str, str]]:
        """(label, message) of each parameter that was ignored because it is not valid."""
        if not self.is_bound:
            return []
        return [(self.form.fields[name].label, " ".join(errors)) for name, errors in self.form.errors.items()]


ReleaseFilter.base_filters.update({f.name: f.form_filter for f in FILTERS.values()})
