import calendar
import re
from datetime import date

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, Value, When
from django.utils.functional import cached_property

from .models import Release

RELEVANCE_POOL = 2000
MAX_COUNTRIES = 20
COUNTRY_CODE = re.compile(r"[A-Z]{2}")


class CountryCodesField(forms.Field):
    """One or several ISO codes: `?country=GT&country=CR` (or `GT,CR`), any case."""

    widget = forms.MultipleHiddenInput  # reads every value of the parameter

    def to_python(self, value) -> list[str]:
        values = value if isinstance(value, list | tuple) else [value or ""]
        codes = [code.strip().upper() for v in values for code in str(v).split(",") if code.strip()]
        return list(dict.fromkeys(codes))

    def validate(self, value) -> None:
        wrong = [code for code in value if not COUNTRY_CODE.fullmatch(code)]
        if wrong:
            raise ValidationError(f"« {wrong[0]} » n’est pas un code de pays ISO (deux lettres, ex. GT).")
        if len(value) > MAX_COUNTRIES:
            raise ValidationError(f"{MAX_COUNTRIES} pays au plus.")


class CountriesFilter(django_filters.Filter):
    field_class = CountryCodesField


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # a year or a month: "2020.7" is no year


class ReleaseFilter(django_filters.FilterSet):
    """The list's GET parameters (q, country, office, project, contact, year, month, has_contacts, sort)."""

    q = django_filters.CharFilter(method="filter_words", label="Mots", max_length=200)
    country = CountriesFilter(method="filter_countries", label="Pays (code ISO)")
    language = django_filters.CharFilter(method="filter_language", label="Langue", max_length=8)
    office = django_filters.CharFilter(field_name="office__slug", label="Bureau", max_length=220)
    project = django_filters.CharFilter(field_name="projects__slug", label="Projet", max_length=220)
    contact = django_filters.CharFilter(
        field_name="contact_links__person__slug", label="Contact", max_length=220
    )
    year = WholeNumberFilter(method="filter_dates", label="Année", min_value=1900, max_value=2100)
    month = WholeNumberFilter(method="filter_dates", label="Mois", min_value=1, max_value=12)
    has_contacts = django_filters.BooleanFilter(
        method="filter_has_contacts",
        label="Avec contacts",
        widget=forms.Select(choices=[("", "Peu importe"), ("true", "Oui"), ("false", "Non")]),
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        label="Trier par",
        choices=[("date", "date"), ("relevance", "pertinence")],
        empty_label=None,
    )
    # A search is sorted by relevance unless asked otherwise (most releases have no date).
    relevance_by_default = True

    class Meta:
        model = Release
        fields: list[str] = []

    def filter_words(self, queryset, name, value):
        return queryset.search(value)

    def filter_countries(self, queryset, name, value):
        return queryset.for_countries(value) if value else queryset

    def filter_language(self, queryset, name, value):
        return queryset.filter(language=value.strip().lower())  # "EN" as typed by hand

    def filter_dates(self, queryset, name, value):
        """Year, or month of the year: a range of dates, which the indexes in the list's order serve."""
        cleaned = self.form.cleaned_data
        year, month = cleaned.get("year"), cleaned.get("month")
        if name == "month" and year:
            return queryset  # applied with the year
        if name == "month":
            return queryset.filter(published__month=int(value))
        first, last = (1, 12) if not month else (int(month), int(month))
        end = calendar.monthrange(int(year), last)[1]
        return queryset.filter(sort_date__range=(date(int(year), first, 1), date(int(year), last, end)))

    def filter_has_contacts(self, queryset, name, value):
        return queryset.having_contacts(value)

    def sort_by(self, queryset, name, value):
        return queryset  # applied in `qs`, after every filter

    @property
    def invalid_filters(self) -> list[tuple[str, str]]:
        """(label, message) of each parameter that was ignored because it is not valid."""
        if not self.is_bound:
            return []
        return [(self.form.fields[name].label, " ".join(errors)) for name, errors in self.form.errors.items()]

    @cached_property
    def matches(self):
        """The releases that pass every filter, in no particular order."""
        return super().qs

    def used_filters(self) -> list[tuple[str, str]]:
        """The valid filters in use, as (parameter, value), in a fixed order: what a download holds."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        used = [(name, cleaned.get(name)) for name in self.filters if name not in self.form.errors]
        return [(name, _as_text(value)) for name, value in used if value not in (None, "", [])]

    @cached_property
    def words(self) -> str:
        return (self.form.cleaned_data.get("q") or "") if self.is_bound and self.form.is_valid() else ""

    @property
    def by_relevance(self) -> bool:
        sort = self.form.cleaned_data.get("sort") if self.words else None
        return bool(self.words) and (sort == "relevance" or (not sort and self.relevance_by_default))

    @cached_property
    def is_unfiltered(self) -> bool:
        """Every release, in any order: counts over all of them are stored (facet_counts)."""
        return not [name for name, _ in self.used_filters() if name != "sort"]

    def without(self, name: str) -> "ReleaseFilter":
        """The same filters but one (a facet that adds to its own choice counts without it)."""
        data = self.data.copy()
        data.pop(name, None)
        return type(self)(data or None, queryset=self.queryset)

    @cached_property
    def ranked_ids(self) -> list[int]:
        """A bounded pool of matches, best first (see ReleaseQuerySet.ranked_ids)."""
        return self.matches.ranked_ids(self.words, RELEVANCE_POOL)

    @property
    def qs(self):
        """Every match, sorted (feeds and downloads; the list pages through ids)."""
        if self.by_relevance:
            ranked = self.ranked_ids
            position = Case(
                *(When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked)), default=Value(len(ranked))
            )
            return self.matches.filter(pk__in=ranked).order_by(position, "-id")
        return self.matches.newest_first()


def _as_text(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "-".join(value)
    return str(value)
