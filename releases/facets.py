"""Facet counts: for each filter, its options with the number of releases in
the current result set (options with none are left out)."""

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from core.countries import country_label
from core.querystrings import query_string

from .models import Release, ReleaseContact

FACET_SIZE = 12


def _rows(releases: QuerySet, key: str, label: str | None = None, limit: int = FACET_SIZE) -> list[dict]:
    """Counts of a single-valued field (each release counted once: no DISTINCT needed)."""
    fields = [key] if label is None else [key, label]
    rows = (
        releases.order_by()
        .exclude(**{f"{key}__isnull": True})
        .values(*fields)
        .annotate(count=Count("pk"))
        .order_by("-count", key)[:limit]
    )
    return [
        {"value": row[key], "label": row[label] if label else row[key], "count": row["count"]} for row in rows
    ]


def _linked_rows(link_model, target: str, releases: QuerySet, limit: int = FACET_SIZE) -> list[dict]:
    """Counts through a link table whose (release, target) pairs are unique: counted
    there directly, without a DISTINCT over a join of every release."""
    rows = (
        link_model.objects.filter(release__in=releases.order_by().values("pk"))
        .values(f"{target}__slug", f"{target}__name")
        .annotate(count=Count("release_id"))
        .order_by("-count", f"{target}__slug")[:limit]
    )
    return [{"value": r[f"{target}__slug"], "label": r[f"{target}__name"], "count": r["count"]} for r in rows]


def release_facets(releases: QuerySet) -> dict[str, list[dict]]:
    countries = [
        {**row, "label": country_label(row["value"])}
        for row in _rows(releases.exclude(country=""), "country")
    ]
    years = (
        releases.order_by()
        .exclude(published__isnull=True)
        .annotate(year=ExtractYear("published"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year")[:FACET_SIZE]
    )
    return {
        "country": countries,
        "office": _rows(releases, "office__slug", "office__name"),
        "project": _linked_rows(Release.projects.through, "project", releases),
        "contact": _linked_rows(ReleaseContact, "person", releases),
        "year": [{"value": str(y["year"]), "label": str(y["year"]), "count": y["count"]} for y in years],
    }


CHIP_LABELS = {
    "q": "Mots",
    "country": "Pays",
    "office": "Bureau",
    "project": "Projet",
    "contact": "Contact",
    "year": "Année",
    "month": "Mois",
    "has_contacts": "Avec contacts",
}


def active_filters(params, facets: dict[str, list[dict]]) -> list[dict]:
    """The filters in use, each with a link that removes it (the others stay)."""
    chips = []
    for key, title in CHIP_LABELS.items():
        value = params.get(key, "").strip()
        if not value:
            continue
        label = next((o["label"] for o in facets.get(key, []) if str(o["value"]) == value), None)
        if key == "country":
            label = country_label(value.upper())
        if key == "has_contacts":
            # The values the filter applies; any other is shown as typed, and ignored.
            label = {"true": "oui", "1": "oui", "false": "non", "0": "non"}.get(value.lower())
        chips.append({"label": f"{title} : {label or value}", "remove_url": query_string(params, key, None)})
    return chips
