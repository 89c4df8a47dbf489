"""The API's parameters: the portal's filters, from their own declarations
(releases.filters.ReleaseFilter, contacts.filters), plus what programs need:
changes since a moment, dates of publication, a sort by last change, and the
shape of an answer (its fields, its facets, its size, where it starts).

Every parameter is checked before anything is read: an unknown one, a value
that does not parse, or one that a filter would silently ignore is a 400 with
its message in French and English (errors.py). Each is described in both
languages once, here (DESCRIPTIONS), for the schema and the English messages.
"""

from datetime import UTC, datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField

from contacts.filters import OfficeFilter, PersonFilter, ProjectFilter
from releases.filters import ReleaseFilter

from . import errors, facets, serializers

PORTAL_SORT = ReleaseFilter.base_filters["sort"]
DEFAULT_LIMIT, MAX_LIMIT = 20, 100


class MomentField(IsoDateTimeField):
    """An ISO 8601 moment, kept in UTC; one out of the calendar's range in UTC
    ("0001-01-01T00:00:00+14:00") is taken as its first or last moment."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            return datetime.min.replace(tzinfo=UTC) if moment.year < 2 else datetime.max.replace(tzinfo=UTC)


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


class ApiReleaseFilter(ReleaseFilter):
    """The portal's filters of releases (releases/filters.py: one declaration each), and
    those a program adds."""

    updated_since = MomentFilter(field_name="updated_at", lookup_expr="gte", label="Modifiés depuis")
    published_since = django_filters.DateFilter(
        field_name="published", lookup_expr="gte", label="Publiés depuis"
    )
    published_until = django_filters.DateFilter(
        field_name="published", lookup_expr="lte", label="Publiés jusqu’au"
    )
    sort = django_filters.ChoiceFilter(
        label=PORTAL_SORT.label,
        choices=[*PORTAL_SORT.extra["choices"], ("updated", "dernière modification")],
        empty_label=None,
    )

    def filter_queryset(self, queryset):
        releases = super().filter_queryset(queryset)
        for name in API_FILTERS:
            value = self.form.cleaned_data.get(name)
            if value not in (None, ""):
                releases = self.filters[name].filter(releases, value)
        return releases


API_FILTERS = ("updated_since", "published_since", "published_until")
# The portal's filters first (the metaclass gives a subclass only the filters declared on classes).
ApiReleaseFilter.base_filters = {**ReleaseFilter.base_filters, **ApiReleaseFilter.base_filters}


class ApiPersonFilter(PersonFilter):
    """The directory's filters; an office or country with no one gives an empty list (the
    portal's page offers only those that have people, as choices)."""

    country = django_filters.CharFilter(
        field_name=PersonFilter.base_filters["country"].field_name, label="Pays", max_length=2
    )
    office = django_filters.CharFilter(
        field_name=PersonFilter.base_filters["office"].field_name, label="Bureau", max_length=220
    )

    def __init__(self, *args, **kwargs):
        # Not PersonFilter's: it reads the offices that have people, for its choices.
        super(PersonFilter, self).__init__(*args, **kwargs)


class CommaChoicesField(forms.Field):
    """Several names among choices: `fields=id,title` (or the parameter repeated)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, choices, **kwargs):
        super().__init__(required=False, **kwargs)
        self.choices = list(choices)

    def to_python(self, value) -> list[str]:
        values = value if isinstance(value, list | tuple) else [value or ""]
        names = [name.strip() for v in values for name in str(v).split(",") if name.strip()]
        return list(dict.fromkeys(names))

    def validate(self, value) -> None:
        wrong = [name for name in value if name not in self.choices]
        if wrong:
            raise ValidationError(
                f"« {wrong[0]} » n’est pas parmi : {', '.join(self.choices)}.", code="invalid_choice"
            )


class PageForm(forms.Form):
    """Where a page starts and how many rows it holds."""

    limit = forms.IntegerField(min_value=0, max_value=MAX_LIMIT, required=False)
    cursor = forms.CharField(max_length=1000, required=False)


class ReleasePageForm(PageForm):
    """A page of releases: its fields and facets too (set below: `fields` names the form's own)."""


ReleasePageForm.base_fields["fields"] = CommaChoicesField(serializers.FIELDS)
ReleasePageForm.base_fields["facets"] = CommaChoicesField(facets.NAMES)


def _unknown(data, known) -> list[dict]:
    return [
        errors.entry(
            "unknown_parameter",
            f"Paramètre inconnu « {name} ». Paramètres acceptés : {', '.join(sorted(known)) or 'aucun'}.",
            f"Unknown parameter “{name}”. Accepted: {', '.join(sorted(known)) or 'none'}.",
            name,
        )
        for name in data
        if name not in known
    ]


def checked_fields(request, choices: list[str]) -> list[str]:
    """`fields=` of one item (none accepted when `choices` is empty), or an ApiError (400)."""
    form = forms.Form(request.GET)
    if choices:
        form.fields["fields"] = CommaChoicesField(choices)
    problems = _unknown(request.GET, set(form.fields))
    if not form.is_valid():
        problems += errors.form_errors(form, {"fields": DESCRIPTIONS["fields"][1]})
    if problems:
        raise errors.bad_parameters(problems)
    return form.cleaned_data.get("fields") or []


def checked(request, filterset, page_form_class, descriptions: dict) -> dict:
    """The page's parameters (cleaned) if they and the filters are all valid, else an
    ApiError (400) naming every bad parameter."""
    english = {name: en for name, (_fr, en) in descriptions.items()}
    data = request.GET
    page = page_form_class(data)
    problems = _unknown(data, set(filterset.filters) | set(page.fields))
    if filterset.is_bound and not filterset.form.is_valid():
        problems += errors.form_errors(filterset.form, english)
    elif filterset.is_bound:
        problems += _ignored(data, filterset.form.cleaned_data, descriptions)
    if not page.is_valid():
        problems += errors.form_errors(page, english)
    if problems:
        raise errors.bad_parameters(problems)
    return page.cleaned_data


def _ignored(data, cleaned: dict, descriptions: dict) -> list[dict]:
    """A value given that a filter reads as nothing (`has_contacts=maybe`): an error here,
    where the portal's page would show the list without that filter."""
    return [
        errors.entry(
            "invalid",
            f"Valeur non reconnue pour « {name} ». {descriptions.get(name, ('', ''))[0]}".strip(),
            f"Value not understood for “{name}”. {descriptions.get(name, ('', ''))[1]}".strip(),
            name,
        )
        for name in cleaned
        if any(v.strip() for v in data.getlist(name)) and cleaned[name] in (None, "", [])
    ]


# ---------------------------------------------------------------- descriptions
# (French, English) of every parameter: the schema's descriptions and the English of errors.
DESCRIPTIONS = {
    "q": (
        "Mots cherchés dans le titre et le texte, comme la recherche du portail : accents, majuscules "
        'et formes des mots ignorés (« réintégrer » trouve « réintégration »), "une expression", -mot '
        "pour exclure. Triés par pertinence, sauf sort=date.",
        "Words searched in the title and text, as the portal's search: accents, case and word forms "
        'ignored (French stems), "a phrase", -word to exclude. Sorted by relevance unless sort=date.',
    ),
    "country": (
        "Pays (code ISO 3166-1 à deux lettres, ex. GT), celui du bureau émetteur, sinon de la dateline. "
        "Plusieurs : country=GT&country=CR ou country=GT,CR (20 au plus).",
        "Country (ISO 3166-1 two-letter code, e.g. GT): the issuing office's, else the dateline's. "
        "Several: country=GT&country=CR or country=GT,CR (20 at most).",
    ),
    "language": (
        "Langue du texte (code ISO 639-1 : fr, es, en…).",
        "Language of the text (ISO 639-1: fr, es, en…).",
    ),
    "office": (
        "Bureau émetteur, par son slug (ex. oim-guatemala).",
        "Issuing office, by its slug (e.g. oim-guatemala).",
    ),
    "project": ("Projet cité, par son slug.", "Project named, by its slug."),
    "contact": ("Personne de contact, par son slug.", "Contact person, by their slug."),
    "year": ("Année de publication (1900–2100).", "Year of publication (1900–2100)."),
    "month": (
        "Mois de publication (1–12), dans l’année si year est donné.",
        "Month of publication (1–12), within year if given.",
    ),
    "has_contacts": (
        "true : seulement les communiqués avec des contacts ; false : seulement ceux sans.",
        "true: only releases with contact people; false: only those without.",
    ),
    "sort": (
        "Ordre : date (les plus récents d’abord, sans date à la fin), relevance (pertinence, pour q), "
        "updated (dernière modification, les plus anciennes d’abord : un client qui parcourt les pages "
        "voit chaque modification ; un communiqué modifié pendant le parcours revient à la fin).",
        "Order: date (newest first, undated last), relevance (for q), updated (last change, oldest "
        "first: a client walking the pages sees every change; a release changed during the walk "
        "comes again at the end).",
    ),
    "updated_since": (
        "Seulement les communiqués modifiés (importés, corrigés) à ce moment ou après : ISO 8601, "
        "ex. 2026-12-01T00:00:00Z (sans fuseau : heure de Zurich).",
        "Only releases changed (imported, corrected) at or after this moment: ISO 8601, "
        "e.g. 2026-12-01T00:00:00Z (without an offset: Zurich time).",
    ),
    "published_since": (
        "Publiés ce jour ou après (AAAA-MM-JJ).",
        "Published on or after this day (YYYY-MM-DD).",
    ),
    "published_until": (
        "Publiés ce jour ou avant (AAAA-MM-JJ).",
        "Published on or before this day (YYYY-MM-DD).",
    ),
    "fields": (
        "Champs de chaque communiqué, séparés par des virgules (par défaut : ceux d’une liste). "
        "id est toujours donné.",
        "Fields of each release, comma-separated (default: those of a list). id is always given.",
    ),
    "facets": (
        "Filtres dont compter les valeurs dans le résultat, séparés par des virgules (ex. country,year) : "
        "les mêmes nombres que les filtres du portail.",
        "Filters whose values to count in the result, comma-separated (e.g. country,year): the same "
        "counts as the portal's filters.",
    ),
    "limit": (
        f"Nombre d’éléments par page (0–{MAX_LIMIT}, {DEFAULT_LIMIT} par défaut).",
        f"Items per page (0–{MAX_LIMIT}, default {DEFAULT_LIMIT}).",
    ),
    "cursor": (
        "Où la page commence : la valeur donnée dans le lien next de la page précédente.",
        "Where the page starts: the value given in the previous page's next link.",
    ),
}
PAGE_DESCRIPTIONS = {name: DESCRIPTIONS[name] for name in ("limit", "cursor")}
ENTITY_DESCRIPTIONS = {
    "offices": {"q": ("Mots du nom ou de la ville.", "Words of the name or city.")},
    "projects": {"q": ("Mots du nom ou du sigle.", "Words of the name or acronym.")},
    "people": {
        "q": ("Mots du nom ou du courriel.", "Words of the name or e-mail."),
        "country": ("Pays du bureau (code ISO, ex. GT).", "Country of their office (ISO code, e.g. GT)."),
        "office": ("Bureau, par son slug.", "Office, by its slug."),
    },
}
ENTITY_FILTERS = {"offices": OfficeFilter, "people": ApiPersonFilter, "projects": ProjectFilter}
