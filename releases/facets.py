"""Facet counts: for each filter, its options with the number of releases in
the current result set (options with none are left out).

Counted live over a filtered list (indexed filters keep that set small), read
from the stored counts (facet_counts) for the unfiltered list of every release.
Countries may be chosen several at once: their facet counts the list without
the country filter, so that another country can be added.
"""

from django.db.models import Count, QuerySet

from contacts.models import ContactPerson, CountryOffice, Project
from core.countries import country_label, language_label
from core.querystrings import query_string

from . import facet_counts
from .counting import ResultCounts
from .models import Release, ReleaseContact

FACET_SIZE = 12
ENTITIES = {"office": CountryOffice, "project": Project, "contact": ContactPerson}


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


def _linked_rows(link_model, target: str, releases, limit: int = FACET_SIZE) -> list[dict]:
    """Counts through a link table whose (release, target) pairs are unique: counted
    there directly, without a DISTINCT over a join of every release. `releases`: a
    query of releases' ids, or a list of them."""
    rows = (
        link_model.objects.filter(release__in=releases)
        .values(f"{target}__slug", f"{target}__name")
        .annotate(count=Count("release_id"))
        .order_by("-count", f"{target}__slug")[:limit]
    )
    return [{"value": r[f"{target}__slug"], "label": r[f"{target}__name"], "count": r["count"]} for r in rows]


def _coded(rows: list[dict], label) -> list[dict]:
    return [{**row, "label": label(row["value"])} for row in rows]


def _largest(counts: dict, limit: int = FACET_SIZE) -> list[dict]:
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [{"value": value, "label": value, "count": n} for value, n in rows]


def _entity_options(model, counts: dict[int, int]) -> list[dict]:
    """The entities with the most releases (ties by slug), from {id: releases}: only
    those that make the list are read, and of a tie at its end only the first by slug."""
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    chosen = [pk for pk, _ in ranked]
    if len(ranked) > FACET_SIZE:
        least = ranked[FACET_SIZE - 1][1]
        chosen = [pk for pk, n in ranked if n > least]
        tied = [pk for pk, n in ranked if n == least]
        first_tied = model.objects.filter(pk__in=tied).order_by("slug").values_list("pk", flat=True)
        chosen += list(first_tied[: FACET_SIZE - len(chosen)])
    rows = model.objects.filter(pk__in=chosen).values_list("pk", "slug", "name")
    options = [{"value": slug, "label": name, "count": counts[pk]} for pk, slug, name in rows]
    return sorted(options, key=lambda option: (-option["count"], option["value"]))


def _office_facet(counts: ResultCounts) -> list[dict]:
    if counts.size is not None:  # a few offices: named from their ids
        return _entity_options(CountryOffice, counts.by("office_id"))
    return _rows(counts.releases, "office__slug", "office__name")


def release_facets(counts: ResultCounts, by_country: dict | None = None) -> dict[str, list[dict]]:
    """Live counts of a filtered list (the country facet from `by_country` when given)."""
    if by_country is None:
        by_country = counts.by("country")
    years = sorted(counts.by("year").items(), reverse=True)[:FACET_SIZE]
    return {
        "country": _coded(_largest(by_country), country_label),
        "office": _office_facet(counts),
        # Through the link tables, counted and named by the database: a list names many people.
        "project": _linked_rows(Release.projects.through, "project", counts.chosen),
        "contact": _linked_rows(ReleaseContact, "person", counts.chosen),
        "year": [{"value": str(y), "label": str(y), "count": n} for y, n in years],
        "language": _coded(_largest(counts.by("language")), language_label),
    }


def stored_facets(counts: facet_counts.StoredCounts) -> dict[str, list[dict]]:
    """The same over every release, from the stored counts (no release row read)."""
    facets = {}
    for name in ("country", "language"):
        label = country_label if name == "country" else language_label
        rows = counts.largest(name, FACET_SIZE)
        facets[name] = [{"value": v, "label": label(v), "count": n} for v, n in rows]
    for name, model in ENTITIES.items():
        rows = counts.largest(name, FACET_SIZE)
        entities = model.objects.only("slug", "name").in_bulk([int(v) for v, _ in rows])
        facets[name] = [
            {"value": entities[int(v)].slug, "label": entities[int(v)].name, "count": n}
            for v, n in rows
            if int(v) in entities
        ]
    years = sorted(counts.all("year").items(), key=lambda item: int(item[0]), reverse=True)
    facets["year"] = [{"value": v, "label": v, "count": n} for v, n in years[:FACET_SIZE]]
    return facets


def with_links(facets: dict[str, list[dict]], params) -> dict[str, list[dict]]:
    """Each option with the link that chooses it and whether it is chosen. A country is
    added to those chosen (or taken out); any other option replaces its filter's value."""
    countries = _chosen_countries(params)
    for name, options in facets.items():
        for option in options:
            value = str(option["value"])
            option["action"] = ""
            if name == "country":
                option["selected"] = value in countries
                chosen = [c for c in countries if c != value] if option["selected"] else [*countries, value]
                option["url"] = query_string(params, "country", chosen)
                if countries:
                    option["action"] = "retirer ce pays" if option["selected"] else "ajouter ce pays"
            else:
                option["selected"] = value == params.get(name, "")
                option["url"] = query_string(params, name, value)
    return facets


def _chosen_countries(params) -> list[str]:
    codes = [code.strip().upper() for value in params.getlist("country") for code in value.split(",")]
    return list(dict.fromkeys(code for code in codes if code))


CHIP_LABELS = {
    "q": "Mots",
    "country": "Pays",
    "language": "Langue",
    "office": "Bureau",
    "project": "Projet",
    "contact": "Contact",
    "year": "Année",
    "month": "Mois",
    "has_contacts": "Avec contacts",
}


def active_filters(params, facets: dict[str, list[dict]]) -> list[dict]:
    """The filters in use, each with a link that removes it (the others stay); one per country."""
    chips = []
    for key, title in CHIP_LABELS.items():
        if key == "country":
            countries = _chosen_countries(params)
            chips += [
                {
                    "label": f"{title} : {country_label(code)}",
                    "remove_url": query_string(params, "country", [c for c in countries if c != code]),
                }
                for code in countries
            ]
            continue
        value = params.get(key, "").strip()
        if not value:
            continue
        label = next((o["label"] for o in facets.get(key, []) if str(o["value"]) == value), None)
        if key == "language":
            label = language_label(value)
        if key == "has_contacts":
            # The values the filter applies; any other is shown as typed, and ignored.
            label = {"true": "oui", "1": "oui", "false": "non", "0": "non"}.get(value.lower())
        chips.append({"label": f"{title} : {label or value}", "remove_url": query_string(params, key, None)})
    return chips
