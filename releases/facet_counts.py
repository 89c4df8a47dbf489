"""Stored counts of releases per value of each filter (models.FacetCount).

The unfiltered list shows counts over every release (its facets, its chart by
year, its map): counted live, that is a GROUP BY over 100,000 rows at every
first request after a write. They are stored instead, and kept exact:

- a write through the ORM (an editor's save, a contact added, a project removed,
  a release deleted) recounts only the values it touched, with indexed counts;
- a merge or its undo recounts the entities it moved (releases/merges.py);
- an import, which writes in bulk, defers all that and recounts everything once
  at its end (`deferred`, `refresh_all`).

Counts are absent until the first `refresh_all` (a new or migrated database):
`counted()` says so, and the first reader fills them.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.db import IntegrityError, models, transaction
from django.db.models import Count

from contacts.models import ContactPerson, CountryOffice, Project

from .models import FacetCount, Release, ReleaseContact

TOTAL = "total"  # facet of the row holding the number of releases: present once counted
BEHIND = "behind"  # facet of a row present while an import's writes are not yet counted

# facet -> (the rows counted, the column grouped): each release counted once per value.
SOURCES = {
    "country": (lambda: Release.objects.exclude(country=""), "country"),
    "year": (lambda: Release.objects.exclude(year=None), "year"),
    "language": (lambda: Release.objects.exclude(language=""), "language"),
    "office": (lambda: Release.objects.exclude(office=None), "office_id"),
    "project": (lambda: Release.projects.through.objects.all(), "project_id"),
    "contact": (lambda: ReleaseContact.objects.all(), "person_id"),
}
RELEASE_FIELDS = {"country": "country", "year": "year", "language": "language", "office": "office_id"}

_deferred: ContextVar[bool] = ContextVar("facet_counts_deferred", default=False)


def _live(facet: str, values: Iterable | None = None) -> dict[str, int]:
    rows, column = SOURCES[facet]
    rows = rows().order_by()
    if values is not None:
        rows = rows.filter(**{f"{column}__in": list(values)})
    return {str(value): n for value, n in rows.values_list(column).annotate(n=Count("pk"))}


def counted() -> bool:
    return FacetCount.objects.filter(facet=TOTAL).exists()


def refresh_all() -> None:
    """Recount every value of every filter (after an import; `refresh_facet_counts`)."""
    rows = [
        FacetCount(facet=facet, value=value, count=n)
        for facet in SOURCES
        for value, n in _live(facet).items()
    ]
    rows.append(FacetCount(facet=TOTAL, value="", count=Release.objects.count()))
    with transaction.atomic():
        FacetCount.objects.all().delete()
        # An editor's save in another process may recount a value meanwhile: its row is overwritten.
        FacetCount.objects.bulk_create(
            rows,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["facet", "value"],
            update_fields=["count"],
        )


def recount(touched: dict[str, set]) -> None:
    """Recount these values of these filters ({"office": {3, 7}, ...}), and the total."""
    if _deferred.get() or not counted():
        return
    for facet, values in touched.items():
        values = {str(v) for v in values if v not in (None, "")}
        if not values:
            continue
        counts = _live(facet, values)
        FacetCount.objects.filter(facet=facet, value__in=values - set(counts)).delete()
        FacetCount.objects.bulk_create(
            [FacetCount(facet=facet, value=value, count=n) for value, n in counts.items()],
            update_conflicts=True, unique_fields=["facet", "value"], update_fields=["count"],
        )  # fmt: skip
    recount_total()


def recount_total() -> None:
    """The number of releases only (a count on an index), deferred or not."""
    FacetCount.objects.filter(facet=TOTAL).update(count=Release.objects.count())


@contextmanager
def deferred(mark: bool = True) -> Iterator[None]:
    """Writes inside leave the counts alone: the caller ends with refresh_all() or, when it
    wrote nothing, caught_up(). Until then a mark says so (an import killed before its end
    leaves it: `behind()`, and the next import or refresh_facet_counts recounts)."""
    if mark:
        FacetCount.objects.update_or_create(facet=BEHIND, value="", defaults={"count": 1})
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def caught_up() -> None:
    FacetCount.objects.filter(facet=BEHIND).delete()


def behind() -> bool:
    """Whether an import wrote releases and stopped before recounting them (killed)."""
    return FacetCount.objects.filter(facet=BEHIND).exists()


# ------------------------------------------------------------ reading
WHOLE = (TOTAL, "country", "year", "language")  # few values: read whole


class StoredCounts:
    """The stored counts as one page reads them: the few-valued filters in one query,
    the largest offices, projects and people one query each."""

    def __init__(self):
        rows = self._read()
        if not any(facet == TOTAL for facet, _, _ in rows):
            # A new or migrated database: counted once, at its first reading (or by another
            # process at the same moment, whose counts are then read).
            with suppress(IntegrityError):
                refresh_all()
            rows = self._read()
        self.values: dict[str, dict[str, int]] = {facet: {} for facet in WHOLE}
        for facet, value, n in rows:
            self.values[facet][value] = n

    @staticmethod
    def _read() -> list[tuple[str, str, int]]:
        return list(FacetCount.objects.filter(facet__in=WHOLE).values_list("facet", "value", "count"))

    @property
    def total(self) -> int:
        return self.values[TOTAL][""]

    def all(self, facet: str) -> dict[str, int]:
        """Every value of a few-valued filter (country, year, language) with its count."""
        return self.values[facet]

    def largest(self, facet: str, limit: int) -> list[tuple[str, int]]:
        """The `limit` values with the most releases, most first."""
        if facet in self.values:
            return sorted(self.values[facet].items(), key=lambda item: (-item[1], item[0]))[:limit]
        rows = FacetCount.objects.filter(facet=facet).order_by("-count", "value")[:limit]
        return list(rows.values_list("value", "count"))


# ------------------------------------------------------------ keeping them exact
def _release_values(values: dict) -> dict[str, set]:
    return {facet: {values.get(field)} for facet, field in RELEASE_FIELDS.items()}


def _merged(*touched: dict[str, set]) -> dict[str, set]:
    merged: dict[str, set] = {}
    for one in touched:
        for facet, values in one.items():
            merged.setdefault(facet, set()).update(values)
    return merged


def _before_release_save(sender, instance, **kwargs):
    instance._facets_before = {}
    if _deferred.get() or instance.pk is None:
        return
    old = Release.objects.filter(pk=instance.pk).values(*RELEASE_FIELDS.values()).first()
    instance._facets_before = _release_values(old) if old else {}


def _after_release_save(sender, instance, **kwargs):
    now = {field: getattr(instance, field) for field in RELEASE_FIELDS.values()}
    recount(_merged(getattr(instance, "_facets_before", {}), _release_values(now)))


def _before_release_delete(sender, instance, **kwargs):
    # The project links go with the release without a signal of their own.
    instance._facets_projects = set(instance.projects.values_list("pk", flat=True))


def _after_release_delete(sender, instance, **kwargs):
    now = {field: getattr(instance, field) for field in RELEASE_FIELDS.values()}
    recount({**_release_values(now), "project": getattr(instance, "_facets_projects", set())})


def _before_link_save(sender, instance, **kwargs):
    instance._facets_person = None
    if instance.pk is not None and not _deferred.get():
        instance._facets_person = (
            ReleaseContact.objects.filter(pk=instance.pk).values_list("person_id", flat=True).first()
        )


def _after_link_save(sender, instance, **kwargs):
    recount({"contact": {instance.person_id, getattr(instance, "_facets_person", None)}})


def _after_link_delete(sender, instance, **kwargs):
    recount({"contact": {instance.person_id}})


def _projects_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        instance._facets_cleared = set(
            Release.projects.through.objects.filter(
                **({"project": instance.pk} if reverse else {"release": instance.pk})
            ).values_list("release_id" if reverse else "project_id", flat=True)
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # project.releases.add(...): this one project
        recount({"project": {instance.pk}})
    else:
        changed = pk_set if action != "post_clear" else getattr(instance, "_facets_cleared", set())
        recount({"project": set(changed or ())})


def _entity_deleted(facet: str):
    def receiver(sender, instance, **kwargs):
        recount({facet: {instance.pk}})

    return receiver


def watch_writes() -> None:
    signals = models.signals
    signals.pre_save.connect(_before_release_save, sender=Release, dispatch_uid="facets-release-pre")
    signals.post_save.connect(_after_release_save, sender=Release, dispatch_uid="facets-release-post")
    signals.pre_delete.connect(_before_release_delete, sender=Release, dispatch_uid="facets-release-del0")
    signals.post_delete.connect(_after_release_delete, sender=Release, dispatch_uid="facets-release-del")
    signals.pre_save.connect(_before_link_save, sender=ReleaseContact, dispatch_uid="facets-link-pre")
    signals.post_save.connect(_after_link_save, sender=ReleaseContact, dispatch_uid="facets-link-post")
    signals.post_delete.connect(_after_link_delete, sender=ReleaseContact, dispatch_uid="facets-link-del")
    signals.m2m_changed.connect(
        _projects_changed, sender=Release.projects.through, dispatch_uid="facets-projects"
    )
    for model, facet in ((CountryOffice, "office"), (Project, "project"), (ContactPerson, "contact")):
        signals.post_delete.connect(
            _entity_deleted(facet), sender=model, weak=False, dispatch_uid=f"facets-{facet}-del"
        )
