"""Facet counts of a list of releases: the portal's (releases/listing.py)."""

from releases.filters import FACETED

NAMES = [declared.name for declared in FACETED]


def counted(listing, names: list[str]) -> dict[str, list[dict]]:
    """{facet: [{"value", "label", "count"}, …]} for these facets, most releases first."""
    return listing.facets_counted(names)
