"""Merging duplicates into one kept office, person or project — and undoing it.

A merge is a record (`Merge`): the rows merged away as they were, the kept
row before, and aliases (their names and e-mails) that lead later imports to
the kept row, so that no import brings a merged-away row back. Apps whose rows
point at these entities (releases' links) move them when `entity_merged` is
sent and say what they moved, which `merge_undone` gives back to them.
"""

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from core.history import record_imported_versions
from core.phones import unique_numbers

from .aliases import acronym_key, email_key, name_key
from .models import ContactPerson, CountryOffice, Merge, OfficeAlias, PersonAlias, Project, ProjectAlias

# Sent inside the merge's transaction, before the merged-away rows are deleted.
# Receivers move their links to `kept` and return a JSON-able dict of what they
# moved (its keys theirs), kept in `merge.moved`.
entity_merged = Signal()  # sender: the model; kwargs: kept, others, merge
# Sent when a merge is undone, after the merged-away rows are back.
merge_undone = Signal()  # sender: the model; kwargs: kept, restored, merge

KIND_OF = {CountryOffice: "office", ContactPerson: "person", Project: "project"}
MODEL_OF = {kind: model for model, kind in KIND_OF.items()}
ALIAS_MODEL = {CountryOffice: OfficeAlias, ContactPerson: PersonAlias, Project: ProjectAlias}


class MergeError(ValueError):
    """A merge or its undoing cannot be done; the message says why, in French."""


def _snapshot(row) -> dict:
    """The row's own columns, JSON-safe: enough to insert it again."""
    fields = {}
    for field in row._meta.concrete_fields:
        if not field.primary_key:
            value = field.value_from_object(row)
            fields[field.attname] = (
                value if isinstance(value, str | int | float | bool | list | dict | None) else str(value)
            )
    return {"pk": row.pk, "fields": fields}


def alias_keys(row) -> list[tuple[str, str]]:
    """(key, text) under which imports may meet this row."""
    keys = [(name_key(row.name), row.name)]
    if isinstance(row, ContactPerson) and row.email:
        keys.append((email_key(row.email), row.email))
    if isinstance(row, Project) and row.acronym:
        keys.append((acronym_key(row.acronym), row.acronym))
    return keys


def phone_region(person: ContactPerson, others=()) -> str | None:
    """The country a national number is read in: the person's office's, else an other's."""
    for row in (person, *others):
        if row.office_id and row.office.country:
            return row.office.country
    return None


def combined_fields(kept, others) -> dict:
    """Fill the kept row from the others where it lacks something; returns the fields set.
    Phones are the union of all, normalised, each number once."""
    changed = {}
    if isinstance(kept, ContactPerson):
        region = phone_region(kept, others)
        phones = unique_numbers([*kept.phones, *(p for o in others for p in o.phones)], region)
        if phones != kept.phones:
            changed["phones"] = phones
        if not kept.email and "email" not in kept.locked_fields:
            email = next((o.email for o in others if o.email), None)
            if email:
                changed["email"] = email
        if kept.office_id is None:
            office = next((o.office_id for o in others if o.office_id), None)
            if office:
                changed["office_id"] = office
    elif isinstance(kept, CountryOffice):
        for name in ("city", "country"):
            if not getattr(kept, name):
                value = next((getattr(o, name) for o in others if getattr(o, name)), "")
                if value:
                    changed[name] = value
    elif not kept.acronym:
        acronym = next((o.acronym for o in others if o.acronym), "")
        if acronym:
            changed["acronym"] = acronym
    return changed


@transaction.atomic
def merge_entities(kept, others, user=None) -> Merge:
    """Merge `others` into `kept`: links move, names and e-mails become aliases, nothing is lost."""
    model = type(kept)
    others = [o for o in others if o.pk != kept.pk]
    if not others or any(type(o) is not model for o in others):
        raise MergeError("Choisissez au moins deux éléments du même type à fusionner.")
    record_imported_versions(
        model, [model.objects.get(pk=kept.pk)]
    )  # the history shows what the merge changed
    record = Merge.objects.create(
        kind=KIND_OF[model], kept_id=kept.pk, kept_name=str(kept)[:300], created_by=user,
        merged=[_snapshot(o) for o in others], kept_before=_snapshot(kept)["fields"],
    )  # fmt: skip
    for _receiver, moved in entity_merged.send(model, kept=kept, others=others, merge=record):
        record.moved.update(moved or {})
    if model is CountryOffice:
        people = ContactPerson.objects.filter(office__in=others)
        record.moved["contacts.people"] = {
            str(pk): office for pk, office in people.values_list("pk", "office")
        }
        people.update(office=kept)
    aliases = ALIAS_MODEL[model]
    moved_aliases = aliases.objects.filter(entity__in=others)
    record.moved["contacts.aliases"] = {
        str(pk): owner for pk, owner in moved_aliases.values_list("pk", "entity")
    }
    moved_aliases.update(entity=kept)
    changed = combined_fields(kept, others)
    model.objects.filter(pk__in=[o.pk for o in others]).delete()
    own_keys = {key for key, _text in alias_keys(kept)}
    aliases.objects.bulk_create(
        [
            aliases(entity=kept, key=key, text=text[:320], merge=record)
            for other in others
            for key, text in alias_keys(other)
            if key not in own_keys
        ],
        ignore_conflicts=True,
    )
    for name, value in changed.items():
        setattr(kept, name, value)
    record.moved["contacts.kept_fields"] = {name: value for name, value in changed.items()}
    record.save(update_fields=["moved"])
    kept._change_reason = str(record)[:100]
    kept.save()
    return record


@transaction.atomic
def undo_merge(record: Merge, user=None) -> list:
    """Bring the merged-away rows back with their links; the kept row gets back what the
    merge gave it (where no one changed it since). Returns the rows restored."""
    if record.undone_at:
        raise MergeError("Cette fusion est déjà défaite.")
    model = MODEL_OF[record.kind]
    kept = model.objects.filter(pk=record.kept_id).first()
    if kept is None:
        raise MergeError("La fiche gardée n’existe plus : la fusion ne peut pas être défaite.")
    record_imported_versions(model, [model.objects.get(pk=kept.pk)])
    aliases = ALIAS_MODEL[model]
    aliases.objects.filter(merge=record).delete()
    # First what the merge gave the kept row (an e-mail, an acronym), which the
    # rows coming back may need again.
    for name, value in record.moved.get("contacts.kept_fields", {}).items():
        if getattr(kept, name) == value:
            setattr(kept, name, record.kept_before.get(name))
    names = ", ".join(r["fields"].get("name", "") for r in record.merged)
    kept._change_reason = f"Fusion défaite : {names}"[:100]
    kept.save()
    restored = []
    for row in record.merged:
        if model.objects.filter(pk=row["pk"]).exists():
            raise MergeError(
                f"« {row['fields'].get('name')} » existe de nouveau : la fusion ne peut pas être défaite."
            )
        obj = model(pk=row["pk"], **row["fields"])
        obj._change_reason = "Rétabli en défaisant une fusion"
        obj.save(force_insert=True)
        restored.append(obj)
    # What moved to the kept row goes back where it was.
    for pk, owner in record.moved.get("contacts.aliases", {}).items():
        aliases.objects.filter(pk=pk, entity=kept).update(entity=owner)
    for pk, office in record.moved.get("contacts.people", {}).items():
        ContactPerson.objects.filter(pk=pk, office=kept).update(office=office)
    merge_undone.send(model, kept=kept, restored=restored, merge=record)
    record.undone_at = timezone.now()
    record.save(update_fields=["undone_at"])
    return restored


def kept_in_place_of(model, slug: str):
    """The row that now stands for a row merged away under this slug (following later
    merges of the row kept), or None: its old address leads there."""
    kind = KIND_OF[model]
    live = Merge.objects.filter(kind=kind, undone_at__isnull=True).order_by("-created_at", "-pk")
    # The rows merged away are stored as JSON text: a text search finds the few candidates.
    candidates = live.filter(merged__icontains=f'"slug": "{slug}"')
    record = next((r for r in candidates if any(row["fields"].get("slug") == slug for row in r.merged)), None)
    seen = set()
    while record is not None and record.pk not in seen:
        seen.add(record.pk)
        kept = model.objects.filter(pk=record.kept_id).first()
        if kept is not None:
            return kept
        # The row kept was merged away in its turn.
        candidates = live.filter(merged__icontains=f'"pk": {record.kept_id},')
        record = next((r for r in candidates if any(row["pk"] == record.kept_id for row in r.merged)), None)
    return None
