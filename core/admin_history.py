"""The history of a correctable row in the admin, as editors read it: every version with who
or which import wrote it and what it changed (French field names, long texts word by
word), any two versions compared, and a version brought back ("Rétabli depuis la version
du …"), which lands on the row's form."""

from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from . import typography
from .history import IMPORTED_VERSION, Version, VersionReader, record_imported_versions

VERSIONS_PER_PAGE = 25


def when(moment) -> str:
    """A moment in the portal's time zone, in words: "3 février 2026 à 14:05"."""
    return typography.moment(timezone.localtime(moment))


def json_safe(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


class HistoryAdminMixin:
    """For a ModelAdmin whose model has django-simple-history's `history`."""

    history_template = "admin/iomnews/history.html"
    compare_template = "admin/iomnews/history_compare.html"
    # Field name -> function giving the value as the portal shows it (a country's name, a phone).
    history_formatters: dict = {}

    def get_urls(self):
        info = (self.model._meta.app_label, self.model._meta.model_name)
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/history/compare/", view(self.history_compare_view),
                 name="{}_{}_history_compare".format(*info)),
            path("<path:object_id>/history/<int:version_id>/", view(self.history_version_view),
                 name="{}_{}_history_version".format(*info)),
            *super().get_urls(),
        ]  # fmt: skip

    # ------------------------------------------------------------ reading
    def history_reader(self) -> VersionReader:
        return VersionReader(self.model, self.history_formatters)

    def _history_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Cet élément n’existe pas (ou plus).")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    @staticmethod
    def _records(obj):
        related = ["history_user"]
        if any(f.name == "import_run" for f in obj.history.model._meta.fields):
            related.append("import_run")  # releases name the import that wrote them
        return obj.history.select_related(*related).order_by("history_date", "history_id")

    def history_author(self, record):
        """Who wrote a version: the editor, else the import (with a link to its run)."""
        user = record.history_user
        if user is not None:
            return user.get_full_name() or user.get_username()
        run = getattr(record, "import_run", None)
        if run is not None:
            url = reverse(f"admin:{run._meta.app_label}_{run._meta.model_name}_change", args=[run.pk])
            return format_html('<a href="{}">{}</a>', url, run)
        if record.history_change_reason in (IMPORTED_VERSION, "Import"):
            return "Import"
        return "Non enregistré"

    def history_actions(self, request, obj, version) -> list:
        """Buttons a version offers beyond compare and restore (offices, people: undo a merge)."""
        return []

    def history_view(self, request, object_id, extra_context=None):
        obj = self._history_object(request, object_id)
        reader = self.history_reader()
        records = list(self._records(obj))  # oldest first
        # Newest first; only the page's versions are compared with the one before them.
        page = Paginator(range(len(records) - 1, -1, -1), VERSIONS_PER_PAGE).get_page(request.GET.get("p"))
        versions = [reader.version(records, index) for index in page.object_list]
        for version in versions:
            version.author = self.history_author(version.record)
            version.when = when(version.record.history_date)
            version.actions = self.history_actions(request, obj, version)
        context = {
            **self.admin_site.each_context(request),
            **self.history_context(request, obj, f"Historique : {obj}"),
            "page": page,
            "versions": versions,
            "imported_only": not records,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.history_template, context)

    def history_urls(self, obj) -> dict[str, str]:
        prefix = f"admin:{obj._meta.app_label}_{obj._meta.model_name}"
        return {
            f"{name}_url": reverse(f"{prefix}_{name}", args=[obj.pk])
            for name in ("history", "change", "history_compare")
        }

    def history_context(self, request, obj, title) -> dict:
        opts = self.model._meta
        return {
            "title": title,
            "subtitle": None,
            "object": obj,
            "opts": opts,
            "app_label": opts.app_label,
            "can_revert": self.has_change_permission(request, obj),
            **self.history_urls(obj),
        }

    # ------------------------------------------------------------ comparing
    def history_compare_view(self, request, object_id):
        """Two versions side by side (?from=…&to=…); `to` left out: the row as it is now."""
        obj = self._history_object(request, object_id)
        records = {r.history_id: r for r in self._records(obj)}
        try:
            older = records[int(request.GET.get("from", ""))]
            newer = records[int(request.GET["to"])] if request.GET.get("to") else None
        except (KeyError, ValueError):
            messages.warning(request, "Choisissez deux versions à comparer.")
            return redirect(self.history_urls(obj)["history_url"])
        if newer is not None and (newer.history_date, newer.history_id) < (
            older.history_date,
            older.history_id,
        ):
            older, newer = newer, older
        return self._compare(request, obj, older, newer)

    def history_version_view(self, request, object_id, version_id):
        """One version against the row now; POST brings it back."""
        obj = self._history_object(request, object_id)
        record = get_object_or_404(obj.history.all(), history_id=version_id)
        if request.method == "POST":
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            return self.revert(request, obj, record)
        return self._compare(request, obj, record, None)

    def _compare(self, request, obj, older, newer):
        reader = self.history_reader()
        changes = reader.differences(older, newer if newer is not None else obj)
        context = {
            **self.admin_site.each_context(request),
            **self.history_context(request, obj, f"Comparer deux versions : {obj}"),
            "older": older,
            "older_when": when(older.history_date),
            "older_author": self.history_author(older),
            "older_reason": Version(older).reason,
            "newer_reason": Version(newer).reason if newer is not None else None,
            "newer": newer,
            "newer_when": when(newer.history_date) if newer is not None else None,
            "newer_author": self.history_author(newer) if newer is not None else None,
            "changes": changes,
            "changes_caption": "1 champ diffère" if len(changes) == 1 else f"{len(changes)} champs diffèrent",
            "revertable": [c for c in changes if c.name in self.revertable_fields(request, obj)],
        }
        return TemplateResponse(request, self.compare_template, context)

    # ------------------------------------------------------------ restoring
    def revertable_fields(self, request, obj) -> set[str]:
        """What restoring a version writes: the fields of the form that the history keeps."""
        on_form = set(flatten_fieldsets(self.get_fieldsets(request, obj)))
        tracked = {f.name for f in self.history_reader().fields()}
        return (on_form & tracked) - set(self.get_readonly_fields(request, obj))

    def revert(self, request, obj, record):
        """Bring a version's values back; held from imports, unless they are what imports give."""
        record_imported_versions(type(obj), [type(obj)._default_manager.get(pk=obj.pk)])
        changed = []
        for name in sorted(self.revertable_fields(request, obj)):
            attname = obj._meta.get_field(name).attname
            value = getattr(record, attname)
            if getattr(obj, attname) != value:
                setattr(obj, attname, value)
                changed.append(name)
        change_url = self.history_urls(obj)["change_url"]
        if not changed:
            messages.info(request, "Rien à rétablir : les champs ont déjà les valeurs de cette version.")
            return redirect(change_url)
        self._hold_reverted(obj, changed)
        reason = f"Rétabli depuis la version du {when(record.history_date)}"
        obj._change_reason = reason
        obj._history_user = request.user
        obj.save()
        self.log_change(request, obj, reason)
        messages.success(request, f"{reason}.")
        return redirect(change_url)

    @staticmethod
    def _hold_reverted(obj, changed: list[str]) -> None:
        if not hasattr(obj, "lock_fields"):
            return
        for name in changed:
            attname = obj._meta.get_field(name).attname
            imported = obj.imported_values.get(name, obj.imported_values.get(attname, object()))
            if imported == json_safe(getattr(obj, attname)):
                obj.unlock_field(name)  # back to what imports give: imports may update it again
            else:
                obj.lock_fields([name])
