"""History of correctable rows: the version as imported, kept before anything changes it.

Imports write rows in bulk, which django-simple-history does not see. Before the
first change to such a row (an editor's edit, an import that updates it), its
version as stored is recorded as "Version importée", so that the history shows
what changed, by whom — and the import, not the editor, as its author.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from . import typography
from .textdiff import paragraphs_diff, word_diff

IMPORTED_VERSION = "Version importée"


def record_imported_versions(model, rows) -> None:
    """Record, for the rows that have no history yet, their current state as the imported version.

    `rows` are instances as read from the database, before any change. One query to
    find the rows with history, one to insert the others' versions.
    """
    manager = getattr(model, "history", None)
    rows = [row for row in rows if row.pk is not None]
    if manager is None or not rows:
        return
    pk_name = model._meta.pk.attname
    known = set(
        manager.filter(**{f"{pk_name}__in": [row.pk for row in rows]}).values_list(pk_name, flat=True)
    )
    first_versions = [row for row in rows if row.pk not in known]
    for row in first_versions:
        # Whoever is logged in now did not write this version: never the request's user.
        row._history_user = None
        if getattr(row, "updated_at", None):
            row._history_date = row.updated_at
    try:
        manager.bulk_history_create(first_versions, default_change_reason=IMPORTED_VERSION)
    finally:
        for row in first_versions:  # the row's next save is someone's: no borrowed author or date
            row.__dict__.pop("_history_user", None)
            row.__dict__.pop("_history_date", None)


# ---------------------------------------------------------------- versions and their differences
# Bookkeeping the history keeps but an editor does not read as a change.
HIDDEN_FIELDS = {"id", "locked_fields", "imported_at", "updated_at", "import_run", "imported_values"}
# Texts longer than this are compared word by word.
LONG_TEXT = 120
EMPTY = "(vide)"
KINDS = {"+": "Création", "~": "Modification", "-": "Suppression"}


@dataclass
class FieldChange:
    name: str
    label: str
    before: str
    after: str
    diff: SafeString | None = None  # word by word, for long texts


@dataclass
class Version:
    record: object  # the historical row
    changes: list[FieldChange] = field(default_factory=list)
    is_current: bool = False

    @property
    def reason(self) -> str:
        return self.record.history_change_reason or KINDS.get(self.record.history_type, "Modification")


class VersionReader:
    """Reads historical rows of one model as editors do: French field names, values as
    shown on the pages (a name for an office, a date in words, never "None")."""

    def __init__(self, model, formatters: dict[str, Callable] | None = None):
        self.model = model
        self.formatters = formatters or {}
        self._related: dict[tuple, str] = {}

    def fields(self) -> list:
        """The fields the history keeps and editors read, in the model's order."""
        tracked = {f.attname for f in self.model.history.model.tracked_fields}
        return [
            f
            for f in self.model._meta.concrete_fields
            if f.attname in tracked and f.name not in HIDDEN_FIELDS and not f.primary_key
        ]

    def shown(self, model_field, value) -> str:
        """A stored value as the portal would show it."""
        if value in (None, "", [], {}):
            return EMPTY
        if model_field.name in self.formatters:
            return self.formatters[model_field.name](value) or EMPTY
        if model_field.is_relation:
            return self._related_name(model_field, value)
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(value, datetime):
            return typography.moment(timezone.localtime(value))
        if isinstance(value, date):
            return typography.day(value)
        if isinstance(value, bool):
            return "oui" if value else "non"
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return str(value)

    def _related_name(self, model_field, pk) -> str:
        key = (model_field.name, pk)
        if key not in self._related:
            row = model_field.related_model._default_manager.filter(pk=pk).first()
            self._related[key] = str(row) if row is not None else f"(supprimé, n° {pk})"
        return self._related[key]

    def differences(self, older, newer) -> list[FieldChange]:
        """What differs from one version to another: historical rows, or the row itself (now)."""
        changes = []
        for model_field in self.fields():
            before, after = getattr(older, model_field.attname), getattr(newer, model_field.attname)
            if before == after or (before in (None, "") and after in (None, "")):
                continue
            change = FieldChange(
                model_field.name,
                capfirst(model_field.verbose_name),
                self.shown(model_field, before),
                self.shown(model_field, after),
            )
            if (
                isinstance(before, str)
                and isinstance(after, str)
                and max(len(before), len(after)) > LONG_TEXT
            ):
                change.diff = (
                    paragraphs_diff(before, after) if "\n\n" in before + after else word_diff(before, after)
                )
            changes.append(change)
        return changes

    def version(self, records: list, index: int) -> Version:
        """records[index] (records oldest first) with what it changed from the one before it."""
        record = records[index]
        changes = self.differences(records[index - 1], record) if index else []
        is_current = index == len(records) - 1 and record.history_type != "-"
        return Version(record, changes, is_current)

    def versions(self, records) -> list[Version]:
        """Newest first, each with what it changed from the one before it (the first: nothing)."""
        records = sorted(records, key=lambda r: (r.history_date, r.history_id))
        return [self.version(records, i) for i in reversed(range(len(records)))]
