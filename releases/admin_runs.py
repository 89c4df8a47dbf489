"""Import runs in the admin: who, when (in the portal's time zone), what came of each file
(in French), and the releases each run created or changed."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from core.admin import FrenchWordingMixin

from .models import ImportRun, NavigationLine
from .warning_labels import describe_refusal

RELEASES_SHOWN = 50


def _files_table(entries: list[dict], caption: str) -> str:
    if not entries:
        return "Aucun."
    rows = ((entry.get("path", ""), str(describe_refusal(entry))) for entry in entries)
    return format_html(
        '<table class="run-files"><caption class="visually-hidden">{}</caption><thead><tr>'
        '<th scope="col">Fichier</th><th scope="col">Raison</th></tr></thead><tbody>{}</tbody></table>',
        caption,
        format_html_join("", "<tr><td>{}</td><td>{}</td></tr>", rows),
    )


@admin.register(ImportRun)
class ImportRunAdmin(FrenchWordingMixin, admin.ModelAdmin):
    list_display = [
        "__str__", "state", "operator", "created", "updated", "unchanged", "skipped_count", "failed_count",
        "kept_editor_fields",
    ]  # fmt: skip
    date_hierarchy = "started_at"
    fields = [
        "started_at", "finished_at", "state", "operator", "paths_list", "created", "updated", "unchanged",
        "kept_editor_fields", "releases_written", "skipped_files", "failed_files",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description="état")
    def state(self, obj):
        if obj.finished_at is None:
            return "En cours, ou interrompu"
        seconds = (obj.finished_at - obj.started_at).total_seconds()
        return f"Terminé en {seconds:.0f} s" if seconds >= 1 else "Terminé en moins d’une seconde"

    @admin.display(description="ignorés")
    def skipped_count(self, obj):
        return len(obj.skipped)

    @admin.display(description="en échec")
    def failed_count(self, obj):
        return len(obj.failed)

    @admin.display(description="chemins")
    def paths_list(self, obj):
        return format_html_join(", ", "<code>{}</code>", ((p,) for p in obj.paths)) or "—"

    @admin.display(description="fichiers ignorés")
    def skipped_files(self, obj):
        return _files_table(obj.skipped, "Fichiers ignorés")

    @admin.display(description="fichiers en échec")
    def failed_files(self, obj):
        return _files_table(obj.failed, "Fichiers en échec")

    @admin.display(description="communiqués écrits")
    def releases_written(self, obj):
        """The releases this run created or last changed (a later run may have changed others since)."""
        written = obj.releases.order_by("-imported_at", "-pk").only("pk", "title", "imported_at")
        total = written.count()
        if not total:
            return "Aucun communiqué ne porte cet import comme dernier auteur."
        items = []
        for release in written[:RELEASES_SHOWN]:
            created = release.imported_at >= obj.started_at
            url = reverse("admin:releases_release_change", args=[release.pk])
            items.append((url, release.title, "créé" if created else "mis à jour"))
        listing = reverse("admin:releases_release_changelist") + f"?import_run={obj.pk}"
        return format_html(
            '<p><a href="{}">Voir les {} communiqués dans la liste</a></p><ul>{}</ul>',
            listing,
            total,
            format_html_join("", '<li><a href="{}">{}</a> ({})</li>', items),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(NavigationLine)
class NavigationLineAdmin(FrenchWordingMixin, admin.ModelAdmin):
    feminine = True
    list_display = ["text", "learned", "created_at"]
    search_fields = ["text"]
