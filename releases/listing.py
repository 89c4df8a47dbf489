"""A list of releases as one request asks for it: filtered, sorted, paged and counted.

The list page, its facet pages, feeds and downloads all start from a
`ReleaseList`; what each shows of it is computed here, from the declarations of
releases/filters.py, in as few queries as the page needs:

- the page's rows: their ids first (from an index, or a search's ranking), then
  those rows only, a few columns;
- the number of releases and the facets' counts:
  - every release (no filter): the stored counts (facet_counts), no release read;
  - a small list (up to SMALL_RESULT): its rows read once, a few columns, and
    counted here; a larger one grouped by the database, one query a column;
  - a search with more matches than MAX_COUNTED: its newest matches only (the
    page says so);
  - projects and people through their link tables (one query each);
- countries add up: chosen countries are counted without the country filter, so
  that another can be added.
"""

from collections import Counter
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Value, When
from django.db.models.functions import ExtractMonth

from core.countries import country_label, language_label, sort_key
from core.querystrings import query_string

from . import facet_counts
from .filters import FACETED, FILTERS, ReleaseFilter, country_codes, dated_span
from .models import Release

PAGE_SIZE = 20
MAX_COUNTED = 1000  # matches of a search counted at most
RELEVANCE_POOL = 2000  # matches of a search ranked at most
SMALL_RESULT = 2000  # releases counted in Python at most
FEW_IDS = 200  # releases whose links are looked up by their ids rather than by the list's query
FACET_SIZE = 12  # values a facet shows on the list; its own page shows them all
COLUMNS = ("pk", "country", "year", "language", "office_id", "published")
ENTITY_FACETS = {"office", "project", "contact"}
TITLE = "Communiqués de l’OIM"


class ReleaseList:
    """The releases that pass a request's filters, and what the portal shows of them."""

    max_counted = MAX_COUNTED
    filterset_class = ReleaseFilter  # the API's adds filters of its own (api/parameters.py)

    def __init__(self, params, *, relevance_by_default: bool = True):
        self.params = params
        self.filterset = self.filterset_class(params or None, queryset=Release.objects.for_listing())
        self.values = self.filterset.values
        self.invalid = self.filterset.invalid
        self.words = self.values.get("q", "")
        sort = self.values.get("sort")
        self.by_relevance = bool(self.words) and (sort == "relevance" or (not sort and relevance_by_default))
        # Filters only, in no order (sorting every match is never needed).
        self.matches = self.filterset.qs
        self.is_unfiltered = not (set(self.values) - {"sort"})

    # ------------------------------------------------------------ rows
    @cached_property
    def ranked_ids(self) -> list[int]:
        """A bounded pool of a search's matches, best first (ReleaseQuerySet.ranked_ids)."""
        return self.matches.ranked_ids(self.words, RELEVANCE_POOL)

    def ordered(self):
        """Every match, sorted: for feeds and downloads (the list pages through ids)."""
        if self.by_relevance:
            ranked = self.ranked_ids
            position = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked)), default=len(ranked))
            return self.matches.filter(pk__in=ranked).order_by(position, "-id")
        return self.matches.newest_first()

    def page(self, number) -> Page:
        """One page of rows, in order; with the passage matched when searching."""
        if self.words:
            ids = self.ranked_ids if self.by_relevance else self._newest_matches
            page = Paginator(ids[: self.max_counted + 1], PAGE_SIZE).get_page(number)
            rows = Release.objects.for_listing().in_bulk(page.object_list)
            page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
            headlines = Release.objects.headlines(self.words, [r.pk for r in page.object_list])
            for release in page.object_list:
                release.headline = headlines.get(release.pk, "")
        else:
            paginator = Paginator(self._in_order(), PAGE_SIZE)
            paginator.count = self.count  # known from the counts: not counted again
            page = paginator.get_page(number)
        return page

    def _in_order(self):
        """The matches newest first. A year's releases are also given as their range of dates
        (the same releases: a dated release sorts by its date), which the indexes in the
        list's order walk from the page's first row (the year's own index would sort them all)."""
        releases = self.matches
        if "year" in self.values:
            releases = releases.filter(
                sort_date__range=dated_span(self.values["year"], self.values.get("month"))
            )
        return releases.newest_first()

    @cached_property
    def _newest_matches(self) -> list[int]:
        return self.matches.newest_ids(self.max_counted + 1)

    # ------------------------------------------------------------ counts
    @cached_property
    def stored(self):
        return facet_counts.StoredCounts() if self.is_unfiltered else None

    @cached_property
    def capped(self) -> bool:
        """A search with more matches than are counted: its facets count the newest."""
        if not self.words:
            return False
        ids = self.ranked_ids if self.by_relevance else self._newest_matches
        return len(ids) > self.max_counted

    @cached_property
    def count(self) -> int:
        if self.stored:
            return self.stored.total
        if self.words:
            ids = self.ranked_ids if self.by_relevance else self._newest_matches
            return min(len(ids), self.max_counted + 1)
        return self.counts.size if self.counts.size is not None else self.counts.total()

    @cached_property
    def counts(self) -> "ResultCounts":
        counted = self.matches
        if self.capped:
            counted = Release.objects.filter(pk__in=self._newest_matches[: self.max_counted])
        return ResultCounts(counted)

    def counted_by(self, column: str) -> dict:
        """{value: releases} of the list for a column ("country", "year", "language", "office_id",
        "month"), from the stored counts when the list is of every release."""
        if self.stored and column in ("country", "year", "language"):
            counts = self.stored.all(column)
            return {int(v): n for v, n in counts.items()} if column == "year" else counts
        return self.counts.by(column)

    @cached_property
    def countries_counted(self) -> dict[str, int]:
        """Countries counted without the country filter (so that one more can be added)."""
        if not self.values.get("country"):
            return self.counted_by("country")
        others = type(self)(_without(self.params, "country"))
        if others.stored or others.capped:
            return others.counted_by("country")
        return others.matches.count_by_country()  # one GROUP BY (an index's, for a year)

    # ------------------------------------------------------------ facets
    def facet_counts(self, name: str, limit: int | None = FACET_SIZE) -> list[dict]:
        """A facet's values with their counts, most first: [{value, label, count}]; all of
        them when `limit` is None."""
        if name in ENTITY_FACETS:
            return self._entity_facets({name}, limit)[name]
        if name == "country":
            return _options(self.countries_counted, country_label, limit)
        if name == "language":
            return _options(self.counted_by("language"), language_label, limit)
        years = sorted(self.counted_by("year").items(), reverse=True)
        return [{"value": str(y), "label": str(y), "count": n} for y, n in years[:limit]]

    @cached_property
    def facets(self) -> dict[str, dict]:
        """Every faceted filter with its first values, each with the link that chooses it
        (or takes it out), and whether it has more (its own page shows them all)."""
        entities = self._entity_facets(ENTITY_FACETS, FACET_SIZE + 1)
        facets = {}
        for declared in FACETED:
            name = declared.name
            options = entities[name] if name in entities else self.facet_counts(name, FACET_SIZE + 1)
            facets[name] = {
                "filter": declared,
                "options": self.with_links(name, options[:FACET_SIZE]),
                "more": len(options) > FACET_SIZE,
            }
        return facets

    def _entity_facets(self, names, limit: int | None) -> dict[str, list[dict]]:
        """Offices, projects and people with the most releases of the list, ties by slug: their
        counts from the stored ones, the list's rows or the link tables (one query for both),
        and their names in one query."""
        if self.stored:
            counts = {name: dict(self.stored.largest(name, limit)) for name in names}
        else:
            counts = {"office": self.counts.by("office_id")} if "office" in names else {}
            linked = [FILTERS[name].facet for name in names if name != "office"]
            counts.update(_linked_counts(linked, self.counts.chosen))
        return _named_options(counts, limit)

    def with_links(self, name: str, options: list[dict]) -> list[dict]:
        """Each option with the link that chooses it, and whether it is chosen. A country is
        added to those chosen (or taken out); any other option replaces its filter's value."""
        countries = self.values.get("country", [])
        for option in options:
            value = str(option["value"])
            option["action"] = ""
            if name == "country":
                option["selected"] = value in countries
                chosen = [c for c in countries if c != value] if option["selected"] else [*countries, value]
                option["url"] = query_string(self.params, "country", chosen)
                if countries:
                    option["action"] = "retirer ce pays" if option["selected"] else "ajouter ce pays"
            else:
                option["selected"] = value == self.params.get(name, "")
                option["url"] = query_string(self.params, name, value)
        return options

    # ------------------------------------------------------------ what the page says of its filters
    @cached_property
    def chips(self) -> list[dict]:
        """The filters in use, each with a link that removes it (the others stay); one per
        country; a value that is not valid is shown as typed (and said to be ignored)."""
        chips = []
        for declared in FILTERS.values():
            if declared.name == "country":
                codes = country_codes(self.params.getlist("country"))
                for code in codes:
                    rest = [c for c in codes if c != code]
                    chips.append(_chip(declared.label, country_label(code), self.params, "country", rest))
                continue
            typed = self.params.get(declared.name, "").strip()
            if not typed:
                continue
            value = self.values.get(declared.name)
            shown = self._shown(declared, value) if value not in (None, "") else typed
            chips.append(_chip(declared.label, shown, self.params, declared.name, None))
        return chips

    def _shown(self, declared, value) -> str:
        """A value as people read it, named from the facets when they hold it (no query)."""
        if declared.facet and declared.facet.entity:
            for option in self.facets[declared.name]["options"]:
                if option["value"] == value:
                    return option["label"]
        return declared.show(value)

    @property
    def kept_filters(self) -> list[tuple[str, str]]:
        """The filters a search form carries along as hidden fields (its own fields aside)."""
        return [
            (name, value)
            for name, declared in FILTERS.items()
            if declared.kept_by_search
            for value in self.params.getlist(name)
            if value
        ]

    @cached_property
    def title(self) -> str:
        """The list named after its filters: "Communiqués de l’OIM — Guatemala, 2024"."""
        said = [FILTERS[name].in_title(value) for name, value in self.values.items() if name in FILTERS]
        return f"{TITLE} — {', '.join(said)}" if said else TITLE

    def file_name(self, today) -> str:
        """A download's name, from its filters ("communiques-pays-gt-cr-2026-11-24")."""
        words = ["communiques"]
        for name, value in self.values.items():
            if name in FILTERS:
                shown = "-".join(value) if isinstance(value, list) else str(value).lower()
                words += [FILTERS[name].file_word, shown]
        if "sort" in self.values:
            words += ["tri", self.values["sort"]]
        return "-".join([*words, str(today)])

    @property
    def filtered_year(self) -> int | None:
        return self.values.get("year")


def _chip(label, shown, params, name, rest) -> dict:
    return {"label": f"{label} : {shown}", "remove_url": query_string(params, name, rest)}


def _without(params, name: str):
    data = params.copy()
    data.pop(name, None)
    return data


def _options(counts: dict, label, limit: int | None) -> list[dict]:
    """Values of a coded column, most releases first (ties by value)."""
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [{"value": v, "label": label(v), "count": n} for v, n in rows[:limit]]


def _named_options(counts: dict[str, dict], limit: int | None) -> dict[str, list[dict]]:
    """{facet: {id: releases}} to {facet: [{value: slug, label: name, count}]}, most releases
    first, ties by slug, `limit` each. Those that may make the list (more releases than the
    last place, or tied with it) are named, every facet in one query."""
    candidates = {}
    for name, by_id in counts.items():
        ranked = sorted(((int(pk), n) for pk, n in by_id.items()), key=lambda item: -item[1])
        least = ranked[limit - 1][1] if limit is not None and len(ranked) > limit else 0
        candidates[name] = {pk: n for pk, n in ranked if n >= least}
    named = [
        FILTERS[name]
        .facet.entity.objects.filter(pk__in=list(by_id))
        .values_list(Value(name), "pk", "slug", "name")
        .order_by()
        for name, by_id in candidates.items()
        if by_id
    ]
    options: dict[str, list[dict]] = {name: [] for name in counts}
    if named:
        rows = named[0].union(*named[1:], all=True) if len(named) > 1 else named[0]
        for name, pk, slug, label in rows:
            options[name].append({"value": slug, "label": label, "count": candidates[name][pk]})
    return {
        name: sorted(found, key=lambda option: (-option["count"], option["value"]))[:limit]
        for name, found in options.items()
    }


def _linked_counts(facets, releases) -> dict[str, dict[int, int]]:
    """{facet: {project or person id: releases}}, counted in the link tables, whose (release,
    target) pairs are unique: there alone (their indexes), without a join or a DISTINCT, all in
    one query. `releases`: ids, or a query of them."""
    parts = [
        facet.links.objects.filter(release__in=releases)
        .values_list(Value(facet.target), f"{facet.target}_id")
        .annotate(n=Count("release_id"))
        .order_by()
        for facet in facets
    ]
    counts: dict[str, dict[int, int]] = {name: {} for name, f in FILTERS.items() if f.facet in facets}
    target_names = {f.facet.target: name for name, f in FILTERS.items() if f.facet in facets}
    if parts:
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for target, pk, n in rows:
            counts[target_names[target]][pk] = n
    return counts


def in_french_order(options: list[dict]) -> list[dict]:
    """Options sorted by their names as a French reader looks them up (Égypte before Tunisie)."""
    return sorted(options, key=lambda option: sort_key(str(option["label"])))


class ResultCounts:
    """How many of a filtered list's releases have each value of a column.

    Most filtered lists are small (a country and a year: a few hundred releases):
    their rows are read once, a few columns, and counted here, one query for every
    column. A large one is grouped by the database, one query a column.
    """

    def __init__(self, releases):
        self.releases = releases.order_by()
        rows = list(self.releases.values_list(*COLUMNS)[: SMALL_RESULT + 1])
        self.rows = rows if len(rows) <= SMALL_RESULT else None

    @property
    def size(self) -> int | None:
        """The number of releases, when they were few enough to be read."""
        return None if self.rows is None else len(self.rows)

    def total(self) -> int:
        return self.size if self.rows is not None else self.releases.count()

    def by(self, column: str) -> dict:
        """{value: releases} for "country", "year", "language", "office_id" or "month" (of the
        date), values that are empty or unknown left out."""
        if self.rows is not None:
            if column == "month":
                values = (row[5].month for row in self.rows if row[5])
            else:
                index = COLUMNS.index(column)
                values = (row[index] for row in self.rows)
            return {value: n for value, n in Counter(values).items() if value not in (None, "")}
        releases = self.releases
        if column == "month":
            releases = releases.exclude(published=None).annotate(month=ExtractMonth("published"))
        elif column in ("country", "language"):
            releases = releases.exclude(**{column: ""})
        else:
            releases = releases.exclude(**{f"{column}__isnull": True})
        return dict(releases.values_list(column).annotate(n=Count("pk")).order_by())

    @property
    def chosen(self):
        """The releases, for a lookup in a link table: their ids when few (an index lookup
        each), else the list's query (the database joins it)."""
        if self.rows is not None and len(self.rows) <= FEW_IDS:
            return [row[0] for row in self.rows]
        return self.releases.values("pk")
