"""A page of a list, from a cursor: the rows after the last one the client was sent,
in the list's order (keyset paging), and the cursor of the next page.

Releases sort by date (newest first), by last change (oldest first) or, for
words, by relevance; offices, people and projects by id. A search's matches are
read as the portal reads them: up to SEARCH_POOL ids from the search index, in
no order, sorted here (never a walk of a whole index testing each row).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q

from releases.listing import ENTITY_FACETS, FACET_SIZE, MAX_COUNTED, ReleaseList

from . import cursors
from .parameters import ApiReleaseFilter

SEARCH_POOL = MAX_COUNTED  # as the portal's list: a search counts and sorts up to this many matches


@dataclass
class Page:
    rows: list
    next_cursor: str | None
    count: int
    count_exact: bool = True


def _in_order(queryset, ids: list[int]) -> list:
    found = queryset.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _after_date(key) -> Q:
    day, pk = date.fromisoformat(key[0]), int(key[1])
    return Q(sort_date__lt=day) | Q(sort_date=day, pk__lt=pk)


def _after_change(key) -> Q:
    moment, pk = datetime.fromisoformat(key[0]), int(key[1])
    return Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=pk)


def _after(order: str, key) -> Q:
    """The rows after the key in the list's order. The bound on the sort column alone comes
    first, so that the database walks a range of its index rather than testing an OR on every row."""
    if order == "date":
        day, pk = date.fromisoformat(key[0]), int(key[1])
        return Q(sort_date__lte=day) & (Q(sort_date__lt=day) | Q(pk__lt=pk))
    moment, pk = datetime.fromisoformat(key[0]), int(key[1])
    return Q(updated_at__gte=moment) & (Q(updated_at__gt=moment) | Q(pk__gt=pk))


def _key(order: str, release) -> list:
    if order == "date":
        return [release.sort_date.isoformat(), release.pk]
    return [release.updated_at.isoformat(), release.pk]


def _decode(text: str | None, kind: str):
    if not text:
        return None
    key = cursors.decode(text, kind)
    try:
        if kind in ("date", "updated"):
            _after(kind, key)
        else:
            [int(part) for part in key]
    except (ValueError, TypeError, IndexError) as error:
        raise cursors.BadCursor(str(error)) from error
    return key


class ApiReleaseList(ReleaseList):
    """The portal's list of releases (releases/listing.py: its filters, search, counts and
    facets) with the API's filters, and its order: date, relevance or last change."""

    filterset_class = ApiReleaseFilter

    @property
    def order(self) -> str:
        if self.by_relevance:
            return "relevance"
        return "updated" if self.values.get("sort") == "updated" else "date"

    def facets_counted(self, names: list[str]) -> dict[str, list[dict]]:
        """{facet: [{"value", "label", "count"}, …]}, 12 values at most each, as the list page
        counts them (offices, projects and people together, as the page's `facets` does)."""
        wanted = [name for name in names if name in ENTITY_FACETS]
        entities = self._entity_facets(wanted, FACET_SIZE) if wanted else {}
        return {name: entities[name] if name in entities else self.facet_counts(name) for name in names}

    def filtered(self, releases):
        """These releases, filtered as the list is (read with other fields or prefetches)."""
        return self.filterset.filter_queryset(releases) if self.filterset.is_bound else releases


def releases(listing: ApiReleaseList, shaped, limit: int, cursor: str | None) -> Page:
    """`shaped`: the query that reads the page's releases (their fields and prefetches)."""
    order = listing.order
    key = _decode(cursor, order)
    if order == "relevance":
        ranked = listing.ranked_ids
        start = 0
        if key:
            position, last = int(key[0]), int(key[1])
            start = ranked.index(last) + 1 if last in ranked else position
        ids = ranked[start : start + limit + 1]
        following = cursors.encode(order, start + limit, ids[limit - 1]) if len(ids) > limit > 0 else None
        return Page(_in_order(shaped, ids[:limit]), following, *_count(listing))
    after = Q() if key is None else _after(order, key)
    if listing.words:
        found = _in_order(shaped, _sorted_matches(listing.matches.filter(after), order, limit + 1))
    else:
        matches = listing.filtered(shaped).filter(after)
        ordered = matches.newest_first() if order == "date" else matches.order_by("updated_at", "pk")
        found = list(ordered[: limit + 1])
    following = cursors.encode(order, *_key(order, found[limit - 1])) if len(found) > limit > 0 else None
    return Page(found[:limit], following, *_count(listing))


def _sorted_matches(matches, order: str, limit: int) -> list[int]:
    """Ids of the first `limit` matches of a search in this order: up to SEARCH_POOL read
    from the search index and sorted here; more (a word in nearly every release) through
    the order's index, which then finds them at once."""
    if order == "date":
        return matches.newest_ids(SEARCH_POOL)[:limit]
    found = list(matches.order_by().values_list("pk", "updated_at")[: SEARCH_POOL + 1])
    if len(found) <= SEARCH_POOL:
        found.sort(key=lambda row: (row[1], row[0]))
        return [pk for pk, _ in found[:limit]]
    return list(matches.order_by("updated_at", "pk").values_list("pk", flat=True)[:limit])


def _count(listing: ApiReleaseList) -> tuple[int, bool]:
    """How many releases the list holds, as the portal counts them: a search's up to
    MAX_COUNTED (then not exact), every release's from the stored counts."""
    return min(listing.count, listing.max_counted), not listing.capped


def entities(queryset, limit: int, cursor: str | None) -> Page:
    """Offices, people or projects by id."""
    key = _decode(cursor, "id")
    after = queryset.filter(pk__gt=int(key[0])) if key else queryset
    found = list(after.order_by("pk")[: limit + 1])
    following = cursors.encode("id", found[limit - 1].pk) if len(found) > limit > 0 else None
    return Page(found[:limit], following, queryset.order_by().count())
