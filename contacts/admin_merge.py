"""Merging in the admin: a confirmation page that says which record is kept, which fields
conflict and what each keeps, before anything is merged; undoing a merge from the history."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst

from core.countries import country_label
from core.links import slug_path
from core.phones import display
from core.typography import NBSP, moment, quantity, quoted

from .merging import KIND_OF, MergeError, alias_keys, combined_fields, merge_entities, undo_merge
from .models import ContactPerson, CountryOffice, Merge

# What the page compares, per model (the slug last: the kept one's page stays).
COMPARED = {"office": ["name", "city", "country"], "person": ["name", "email", "phones", "office"]}
COMPARED["project"] = ["name", "acronym"]


@dataclass
class FieldRow:
    label: str
    values: list[str]
    result: str
    notes: list[str] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        return len({v for v in self.values if v}) > 1


def _shown(row, name: str, value=None) -> str:
    value = getattr(row, name) if value is None else value
    if name == "slug":
        return slug_path(f"contacts:{row.url_name}", value)
    if name == "phones":
        return ", ".join(display(number) for number in value)
    if name == "country":
        return country_label(value)
    if name == "office":
        return str(value) if value else ""
    return str(value or "")


def compare_rows(kept, others) -> list[FieldRow]:
    """One row per field: each record's value, what the kept record will have, and why."""
    rows = [kept, *others]
    combined = combined_fields(kept, others)
    table = []
    for name in [*COMPARED[KIND_OF[type(kept)]], "slug"]:
        model_field = kept._meta.get_field(name)
        after = combined.get(model_field.attname, combined.get(name, getattr(kept, model_field.attname)))
        if model_field.is_relation:
            after = model_field.related_model.objects.filter(pk=after).first() if after else None
        values = [_shown(r, name) for r in rows]
        line = FieldRow(capfirst(model_field.verbose_name), values, _shown(kept, name, after))
        note = _note(name, line, rows, after)
        line.notes += [note] if note else []
        table.append(line)
    return table


def _note(name: str, line: FieldRow, rows, after) -> str:
    """What the merge does with this field, when the records differ."""
    others_values = {v for v in line.values[1:] if v and v != line.result}
    if name == "phones":
        if sum(len(r.phones) for r in rows) > len(after or []):
            return "Tous les numéros sont gardés, chacun une fois, même écrit autrement."
        return "Tous les numéros sont gardés." if others_values else ""
    if not others_values:
        return ""
    if name == "name":
        return "Les autres noms deviennent des alias : les imports qui les rencontrent trouvent cette fiche."
    if name == "email":
        others = sorted(others_values)
        kept_as = "Gardée comme autre adresse" if len(others) == 1 else "Gardées comme autres adresses"
        return f"{kept_as}{NBSP}: {', '.join(others)}."
    if name == "slug":
        return "Les adresses des autres fiches mènent désormais à la page de la fiche gardée."
    return "Conflit : la valeur de la fiche gardée l’emporte (modifiable ensuite)."


def told_apart(row) -> str:
    """What tells a record from the others on the page: for a person the e-mail and the
    office, for an office its city and country, for a project its acronym; and its releases."""
    if isinstance(row, ContactPerson):
        details = [row.email or "sans courriel", str(row.office) if row.office_id else "sans bureau"]
    elif isinstance(row, CountryOffice):
        details = [row.city or "ville inconnue", country_label(row.country) or "pays inconnu"]
    else:
        details = [row.acronym] if row.acronym else []
    details.append(quantity(row.release_count, "communiqué"))
    return f"{row.name} — {', '.join(details)}"


def _choices(rows) -> list[tuple]:
    """(row, label) for each record; two that still read the same get their page's address."""
    labels = [told_apart(row) for row in rows]
    twice = {label for label in labels if labels.count(label) > 1}
    return [
        (row, f"{label} — {row.get_absolute_url()}" if label in twice else label)
        for row, label in zip(rows, labels, strict=True)
    ]


def new_aliases(kept, others) -> list[str]:
    own = {key for key, _text in alias_keys(kept)}
    return sorted({text for other in others for key, text in alias_keys(other) if key not in own})


def merge_confirmation(model_admin, request, queryset):
    """The action's two steps: the confirmation page (kept record chosen, preview updated),
    then, confirmed, the merge, and the kept record's form."""
    rows = list(queryset.order_by("-release_count", "pk"))
    if len(rows) < 2:
        model_admin.message_user(request, "Choisissez au moins deux éléments à fusionner.", messages.WARNING)
        return None
    kept = next((r for r in rows if str(r.pk) == request.POST.get("kept")), rows[0])
    others = [r for r in rows if r.pk != kept.pk]
    if request.POST.get("confirm") == "yes":
        return _merge(model_admin, request, kept, others)
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Fusionner {len(rows)} {opts.verbose_name_plural}",
        "subtitle": None,
        "opts": opts,
        "rows": rows,
        "choices": _choices(rows),
        "kept": kept,
        "table": compare_rows(kept, others),
        "aliases": new_aliases(kept, others),
        "releases_after": len({pk for r in rows for pk in r.releases.values_list("pk", flat=True)}),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/iomnews/merge_confirmation.html", context)


def _merge(model_admin, request, kept, others):
    try:
        record = merge_entities(kept, others, user=request.user)
    except MergeError as exc:
        model_admin.message_user(request, str(exc), messages.ERROR)
        return None
    model_admin.log_change(request, kept, str(record))
    history = reverse(f"admin:{kept._meta.app_label}_{kept._meta.model_name}_history", args=[kept.pk])
    model_admin.message_user(
        request,
        format_html('{}. <a href="{}">L’historique</a> permet de la défaire.', record, history),
        messages.SUCCESS,
    )
    return redirect(reverse(f"admin:{kept._meta.app_label}_{kept._meta.model_name}_change", args=[kept.pk]))


def merge_of_version(obj, version) -> Merge | None:
    """The merge a "Fusion de …" version of the kept record records (the merge is written first)."""
    if not (version.record.history_change_reason or "").startswith("Fusion de "):
        return None
    return (
        Merge.objects.filter(
            kind=KIND_OF[type(obj)], kept_id=obj.pk, created_at__lte=version.record.history_date
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def undo_view(model_admin, request, object_id, merge_id):
    """GET: what undoing brings back; POST: undo, then the kept record's form."""
    obj = model_admin.get_object(request, object_id)
    if obj is None or not model_admin.has_change_permission(request, obj):
        raise PermissionDenied
    record = get_object_or_404(Merge, pk=merge_id, kind=KIND_OF[type(obj)], kept_id=obj.pk)
    change_url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    if request.method == "POST":
        try:
            restored = undo_merge(record, user=request.user)
        except MergeError as exc:
            model_admin.message_user(request, str(exc), messages.ERROR)
            return redirect(change_url)
        names = ", ".join(quoted(row) for row in restored)
        model_admin.log_change(request, obj, f"Fusion défaite : {names} de nouveau à part.")
        model_admin.message_user(request, f"Fusion défaite : {names} de nouveau à part.", messages.SUCCESS)
        return redirect(change_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Défaire une fusion",
        "subtitle": None,
        "opts": obj._meta,
        "object": obj,
        "record": record,
        "merged_names": [row["fields"].get("name", "") for row in record.merged],
        "merged_at": moment(timezone.localtime(record.created_at)),
        "change_url": change_url,
        "person_model": isinstance(obj, ContactPerson),
    }
    return TemplateResponse(request, "admin/iomnews/merge_undo.html", context)
