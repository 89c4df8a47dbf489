"""Where an office, person or project merged away by an editor now lives (contacts/merging.py
records each merge as a `Merge` row listing the rows merged into the one kept)."""

from contacts.merging import KIND_OF
from contacts.models import Merge


def kept_instead_of(model, pk: int) -> int | None:
    """The id of the row kept by the merges that took this one away (following merges of
    merges), or None if it was never merged away or is gone since."""
    merges = Merge.objects.filter(kind=KIND_OF[model], undone_at=None).order_by("created_at", "pk")
    kept_for = {row["pk"]: kept for kept, merged in merges.values_list("kept_id", "merged") for row in merged}
    seen = {pk}
    while pk in kept_for and kept_for[pk] not in seen:
        pk = kept_for[pk]
        seen.add(pk)
    if len(seen) == 1 or not model.objects.filter(pk=pk).exists():
        return None
    return pk
