"""The editors' admin: corrections that imports keep, review queue, merges."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from .admin_forms import AccessibleFormsMixin, AccessibleTabularInline, BrowserTextField, ReleaseContactForm
from .merging import merge_projects
from .models import ImportRun, NavigationLine, Project, QuotedPerson, Release, ReleaseContact
from .parsing.places import country_label

admin.site.site_header = "Portail des communiqués OIM — espace éditeurs"
admin.site.site_title = "Espace éditeurs OIM"
admin.site.index_title = "Corriger les communiqués"


class EditorCorrectionsMixin(AccessibleFormsMixin):
    """Record which fields an editor changed, so that imports keep them; show the
    held fields with the imported value, and restore one on request."""

    formfield_overrides = {models.TextField: {"form_class": BrowserTextField}}

    def get_exclude(self, request, obj=None):
        # Shown and given back through held_fields, never typed in as JSON.
        return [*(super().get_exclude(request, obj) or []), "locked_fields", "imported_values"]

    def save_model(self, request, obj, form, change):
        if change and form.changed_data:
            self._record_imported_version(obj)
            obj.lock_fields(f for f in form.changed_data if f != "locked_fields")
        super().save_model(request, obj, form, change)

    @staticmethod
    def _record_imported_version(obj) -> None:
        """Imports write in bulk, without history: before the first edit, keep the
        version as imported, so that the history shows what the editor changed."""
        manager = getattr(type(obj), "history", None)
        if manager is None or manager.filter(**{type(obj)._meta.pk.attname: obj.pk}).exists():
            return
        original = type(obj).objects.get(pk=obj.pk)
        manager.bulk_history_create(
            [original],
            default_change_reason="Version importée",
            default_date=getattr(original, "updated_at", None),
        )

    @admin.display(description="Corrections conservées")
    def held_fields(self, obj):
        if not obj or not obj.locked_fields:
            return "Aucune : les imports mettent à jour tous les champs."
        rows = []
        for name in obj.locked_fields:
            imported = obj.imported_values.get(name, obj.imported_values.get(f"{name}_id", "—"))
            url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_restore", args=[obj.pk, name])
            label = capfirst(obj._meta.get_field(name).verbose_name)
            rows.append((label, str(imported)[:300], url))
        return format_html(
            "<p>Ces champs gardent la valeur de l’éditeur ; l’import proposait :</p><ul>{}</ul>",
            format_html_join(
                "",
                '<li><strong>{}</strong> : « {} » <button type="submit" formaction="{}" '
                'class="button">Rétablir la valeur importée</button></li>',
                rows,
            ),
        )

    def get_urls(self):
        info = (self.model._meta.app_label, self.model._meta.model_name)
        restore = self.admin_site.admin_view(self.restore_imported)
        return [
            path("<int:pk>/restore/<str:field>/", restore, name="{}_{}_restore".format(*info)),
            *super().get_urls(),
        ]

    def restore_imported(self, request, pk, field):
        """Give a held field back to the imports (POST only: the change form's button)."""
        obj = get_object_or_404(self.model, pk=pk)
        change_url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[pk])
        if request.method != "POST" or not self.has_change_permission(request, obj):
            return redirect(change_url)
        if field in obj.locked_fields:
            imported = obj.imported_values.get(field, obj.imported_values.get(f"{field}_id"))
            model_field = obj._meta.get_field(field)
            if model_field.is_relation:
                setattr(obj, model_field.attname, imported)
            elif field in obj.imported_values:
                setattr(obj, field, model_field.to_python(imported) if imported is not None else None)
            obj.unlock_field(field)
            obj.save()
            self.log_change(request, obj, f"Valeur importée rétablie pour « {field} ».")
            messages.success(
                request, f"La valeur importée de « {field} » est rétablie ; les imports la suivront."
            )
        return redirect(change_url)


class ReleasesListMixin:
    """The releases of an office, project or person: their number in the list,
    and the releases themselves on the change page."""

    releases_lookup = ""  # from Release to this model
    release_count_relation = "releases"  # from this model to its releases

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(release_total=Count(self.release_count_relation, distinct=True))
        )

    @admin.display(description="communiqués", ordering="release_total")
    def release_count(self, obj):
        return obj.release_total

    @admin.display(description="Communiqués")
    def release_links(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        releases = Release.objects.filter(**{self.releases_lookup: obj}).distinct().newest_first()[:50]
        items = [(reverse("admin:releases_release_change", args=[r.pk]), r.title) for r in releases]
        if not items:
            return "Aucun."
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a></li>', items))


class MergeMixin:
    """An action that merges the selected rows into the one with the most releases."""

    merge_function = None
    actions = ["merge_selected"]

    @admin.action(
        description="Fusionner les éléments sélectionnés (garde celui qui a le plus de communiqués)"
    )
    def merge_selected(self, request, queryset):
        rows = list(queryset.annotate(weight=Count("releases")).order_by("-weight", "pk"))
        if len(rows) < 2:
            self.message_user(request, "Choisissez au moins deux éléments à fusionner.", messages.WARNING)
            return
        kept, others = rows[0], rows[1:]
        names = ", ".join(str(o) for o in others)
        type(self).merge_function(kept, others)
        self.log_change(request, kept, f"Fusion : {names} → {kept}.")
        self.message_user(request, f"{names} fusionné(s) dans {kept}.", messages.SUCCESS)


class ReleaseContactInline(AccessibleTabularInline):
    model = ReleaseContact
    form = ReleaseContactForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.is_relation and hasattr(formfield.widget, "can_view_related"):
            # Only "view" in each row: the row stays within a laptop's width.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = widget.can_delete_related = False
        return formfield

    extra = 0
    fields = ["position", "person", "office", "phones"]
    ordering = ["position"]
    autocomplete_fields = ["person", "office"]


class QuotedPersonInline(AccessibleTabularInline):
    model = QuotedPerson
    extra = 0
    fields = ["position", "name", "role"]
    ordering = ["position"]


class CountryFilter(admin.SimpleListFilter):
    title = "pays"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = Release.objects.exclude(country="").order_by("country").values_list("country", flat=True)
        return [(code, country_label(code)) for code in codes.distinct()]

    def queryset(self, request, queryset):
        return queryset.filter(country=self.value()) if self.value() else queryset


class DateKnownFilter(admin.SimpleListFilter):
    title = "date connue"
    parameter_name = "dated"

    def lookups(self, request, model_admin):
        return [("yes", "Oui"), ("no", "Non")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(published__isnull=self.value() == "no")
        return queryset


class ReviewFilter(admin.SimpleListFilter):
    title = "relecture"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("todo", "À relire"), ("done", "Relu")]

    def queryset(self, request, queryset):
        if self.value() == "todo":
            return queryset.needing_review()
        if self.value() == "done":
            return queryset.filter(reviewed_at__isnull=False)
        return queryset


@admin.register(Release)
class ReleaseAdmin(EditorCorrectionsMixin, SimpleHistoryAdmin):
    list_display = ["title", "office", "country_name", "published", "contact_count", "review_state"]
    list_select_related = ["office"]
    list_filter = [ReviewFilter, CountryFilter, "office", "projects", DateKnownFilter]
    search_fields = ["title", "body", "source"]
    date_hierarchy = "published"
    autocomplete_fields = ["office", "projects"]
    inlines = [ReleaseContactInline, QuotedPersonInline]
    actions = ["mark_reviewed", "restore_all_imported"]
    readonly_fields = [
        "held_fields", "source", "warnings", "imported_at", "updated_at", "source_changed_at",
        "reviewed_at", "reviewed_by", "imported_text",
    ]  # fmt: skip
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "dateline",
                    "published",
                    "language",
                    "country",
                    "office",
                    "body",
                    "projects",
                ]
            },
        ),
        (
            "Corrections et relecture",
            {"fields": ["held_fields", "warnings", "source_changed_at", "reviewed_at", "reviewed_by"]},
        ),
        (
            "Texte importé",
            {
                "fields": ["source", "imported_at", "updated_at", "imported_text"],
                "classes": ["imported-text"],
            },
        ),
    ]

    class Media:
        css = {"all": ["admin/iomnews/change_form.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(contact_total=Count("contact_links"))

    @admin.display(description="texte importé")
    def imported_text(self, obj):
        # Focusable, so that the scrolled text can be read with the keyboard.
        return format_html(
            '<pre class="raw-text" tabindex="0" role="region" aria-label="Texte importé">{}</pre>',
            obj.raw_text,
        )

    @admin.display(description="pays", ordering="country")
    def country_name(self, obj):
        return country_label(obj.country)

    @admin.display(description="contacts", ordering="contact_total")
    def contact_count(self, obj):
        return obj.contact_total

    @admin.display(description="relecture")
    def review_state(self, obj):
        if obj.source_changed_at and (not obj.reviewed_at or obj.source_changed_at > obj.reviewed_at):
            return "Page d’origine modifiée"
        return f"Relu le {obj.reviewed_at:%d/%m/%Y}" if obj.reviewed_at else "—"

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            relations = {"contact_links": "contacts", "quoted_people": "quoted_people"}
            touched = [relations[fs.prefix] for fs in formsets if fs.has_changed() and fs.prefix in relations]
            if "projects" in form.changed_data:
                touched.append("projects")
            if touched:
                form.instance.lock_fields(touched)
                form.instance.save(update_fields=["locked_fields"])

    @admin.action(description="Marquer comme relus")
    def mark_reviewed(self, request, queryset):
        count = queryset.update(reviewed_at=timezone.now(), reviewed_by=request.user)
        self.message_user(request, f"{count} communiqué(s) marqué(s) comme relu(s).", messages.SUCCESS)

    @admin.action(description="Rétablir toutes les valeurs importées (au prochain import)")
    def restore_all_imported(self, request, queryset):
        count = 0
        for release in queryset.exclude(locked_fields=[]):
            release.locked_fields = []
            release.import_hash = ""  # the next import writes every field again
            release.save(update_fields=["locked_fields", "import_hash"])
            self.log_change(request, release, "Corrections rendues aux imports.")
            count += 1
        self.message_user(
            request, f"{count} communiqué(s) suivront de nouveau les imports.", messages.SUCCESS
        )


@admin.register(Project)
class ProjectAdmin(MergeMixin, ReleasesListMixin, EditorCorrectionsMixin, SimpleHistoryAdmin):
    merge_function = merge_projects
    releases_lookup = "projects"
    list_display = ["name", "acronym", "release_count"]
    search_fields = ["name", "acronym"]
    readonly_fields = ["held_fields", "release_links"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "started_at", "operator", "created", "updated", "unchanged", "skipped_count", "failed_count",
        "kept_editor_fields",
    ]  # fmt: skip
    date_hierarchy = "started_at"

    @admin.display(description="ignorés")
    def skipped_count(self, obj):
        return len(obj.skipped)

    @admin.display(description="en échec")
    def failed_count(self, obj):
        return len(obj.failed)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NavigationLine)
class NavigationLineAdmin(admin.ModelAdmin):
    list_display = ["text", "learned", "created_at"]
    search_fields = ["text"]
