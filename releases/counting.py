"""How many of a filtered list's releases have each value: what its facets, its
chart and its map show.

Most filtered lists are small (a country and a year: a few hundred releases).
Their rows are read once, a few columns, and their countries, years, languages,
months and offices counted in Python: one query instead of one GROUP BY each. A
large result set (a year alone, a language) is counted by the database, one
GROUP BY each, as the indexes allow. Projects and people are counted through
their link tables by the database (facets.py). Counts over every release are
stored instead (facet_counts).
"""

from collections import Counter

from django.db.models import Count
from django.db.models.functions import ExtractMonth

SMALL_RESULT = 2000  # releases counted in Python at most
FEW_IDS = 200  # releases whose links are looked up by their ids rather than by the list's query
COLUMNS = ("pk", "country", "year", "language", "office_id", "published")


class ResultCounts:
    def __init__(self, releases):
        self.releases = releases.order_by()
        rows = list(self.releases.values_list(*COLUMNS)[: SMALL_RESULT + 1])
        self.rows = rows if len(rows) <= SMALL_RESULT else None

    @property
    def size(self) -> int | None:
        """The number of releases, when they were few enough to be read."""
        return None if self.rows is None else len(self.rows)

    def by(self, column: str) -> dict:
        """{value: releases} for "country", "year", "language", "office_id" or "month"
        (of the date), values that are empty or unknown left out."""
        if self.rows is not None:
            return self._counted_here(column)
        releases = self.releases
        if column == "month":
            releases = releases.exclude(published=None).annotate(month=ExtractMonth("published"))
        elif column in ("country", "language"):
            releases = releases.exclude(**{column: ""})
        else:
            releases = releases.exclude(**{f"{column}__isnull": True})
        return dict(releases.values_list(column).annotate(n=Count("pk")).order_by())

    def _counted_here(self, column: str) -> dict:
        if column == "month":
            values = (row[5].month for row in self.rows if row[5])
        else:
            index = COLUMNS.index(column)
            values = (row[index] for row in self.rows)
        return {value: n for value, n in Counter(values).items() if value not in (None, "")}

    @property
    def chosen(self):
        """The releases, for a lookup in a link table: their ids when few (an index lookup
        each), else the list's query (the database joins it)."""
        if self.rows is not None and len(self.rows) <= FEW_IDS:
            return [row[0] for row in self.rows]
        return self.releases.values("pk")
