import django_filters
from django import forms
from django.db.models import Case, Value, When
from django.utils.functional import cached_property

from .models import Release

RELEVANCE_POOL = 2000


class ReleaseFilter(django_filters.FilterSet):
    """The list's GET parameters (q, country, office, project, contact, year, month, has_contacts, sort)."""

    q = django_filters.CharFilter(method="filter_words", label="Mots", max_length=200)
    country = django_filters.CharFilter(method="filter_country", label="Pays (code ISO)", max_length=2)
    office = django_filters.CharFilter(field_name="office__slug", label="Bureau", max_length=220)
    project = django_filters.CharFilter(field_name="projects__slug", label="Projet", max_length=220)
    contact = django_filters.CharFilter(
        field_name="contact_links__person__slug", label="Contact", max_length=220
    )
    year = django_filters.NumberFilter(
        field_name="published__year", label="Année", min_value=1900, max_value=2100
    )
    month = django_filters.NumberFilter(
        field_name="published__month", label="Mois", min_value=1, max_value=12
    )
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

    class Meta:
        model = Release
        fields: list[str] = []

    def filter_words(self, queryset, name, value):
        return queryset.search(value)

    def filter_country(self, queryset, name, value):
        return queryset.for_country(value)

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
        return [
            (name, str(value).lower() if isinstance(value, bool) else str(value))
            for name, value in used
            if value not in (None, "")
        ]

    @cached_property
    def words(self) -> str:
        return (self.form.cleaned_data.get("q") or "") if self.is_bound and self.form.is_valid() else ""

    @property
    def by_relevance(self) -> bool:
        return bool(self.words) and self.form.cleaned_data.get("sort") == "relevance"

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
