"""Facet counts of a list of releases, as the portal's list counts them."""

from releases import facet_counts
from releases.counting import ResultCounts
from releases.facets import stored_facets
from releases.models import Release
from releases.views import MAX_COUNTED, _facets

NAMES = ["country", "office", "project", "contact", "year", "language"]


def counted(filterset, names: list[str]) -> dict[str, list[dict]]:
    """{facet: [{"value", "label", "count"}, …]} for these facets, the portal's numbers."""
    if filterset.is_unfiltered:
        every = stored_facets(facet_counts.StoredCounts())
    else:
        matches = filterset.matches
        if filterset.words:
            newest = matches.newest_ids(MAX_COUNTED + 1)
            if len(newest) > MAX_COUNTED:
                matches = Release.objects.filter(pk__in=newest[:MAX_COUNTED])
        every = _facets(filterset, ResultCounts(matches))
    return {
        name: [{key: o[key] for key in ("value", "label", "count")} for o in every[name]] for name in names
    }
