"""The editors' admin of releases: corrections held against imports, the review queue
(admin_review.py), the text as imported beside the fields, import runs (admin_runs.py)."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from core.admin import CountryFilter, EditorCorrectionsMixin
from core.admin_forms import AccessibleTabularInline, PhonesField
from core.countries import country_label, language_label
from core.typography import day, quantity

from . import admin_runs, review  # noqa: F401  (admin_runs registers the import runs' admin)
from .admin_review import (
    MARK_REVIEWED,
    DateKnownFilter,
    ImportRunFilter,
    ReasonFilter,
    ReviewFilter,
    review_cell,
    review_panel,
    warnings_list,
)
from .models import QuotedPerson, Release, ReleaseContact
from .warning_labels import describe_warning


class ReleaseContactForm(forms.ModelForm):
    phones = PhonesField()

    class Meta:
        model = ReleaseContact
        fields = ["position", "person", "office", "phones"]

    def clean_phones(self):
        """National numbers take the country of the contact's office."""
        office = self.cleaned_data.get("office")
        return PhonesField.normalised(self.cleaned_data["phones"], office.country if office else None)


class ReleaseContactInline(AccessibleTabularInline):
    model = ReleaseContact
    form = ReleaseContactForm
    verbose_name = "contact"
    verbose_name_plural = "contacts du communiqué"
    add_label = "Ajouter un contact"

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
    add_label = "Ajouter une personne citée"


@admin.register(Release)
class ReleaseAdmin(EditorCorrectionsMixin, admin.ModelAdmin):
    list_display = ["title", "review_state", "office", "country_name", "date_shown", "contacts_shown"]
    empty_value_display = "—"
    list_select_related = ["office"]
    list_filter = [
        ReviewFilter,
        ReasonFilter,
        CountryFilter,
        "office",
        "projects",
        DateKnownFilter,
        ImportRunFilter,
    ]
    search_fields = ["title", "body", "source"]
    date_hierarchy = "published"
    autocomplete_fields = ["office", "projects"]
    inlines = [ReleaseContactInline, QuotedPersonInline]
    actions = ["mark_reviewed", "restore_all_imported"]
    readonly_fields = [
        "review", "held_fields", "import_warnings", "source", "imported_at", "updated_at", "import_link",
        "source_changed_at", "imported_text",
    ]  # fmt: skip
    fieldsets = [
        ("Relecture", {"fields": ["review", "held_fields"], "classes": ["review-panel"]}),
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
        ("Texte importé", {"fields": ["imported_text"], "classes": ["imported-text"]}),
        (
            "Import",
            {
                "fields": [
                    "import_warnings",
                    "source",
                    "import_link",
                    "imported_at",
                    "updated_at",
                    "source_changed_at",
                ]
            },
        ),
    ]
    history_formatters = {
        "country": country_label,
        "language": language_label,
        "warnings": lambda warnings: " ; ".join(str(describe_warning(w)) for w in warnings),
    }

    class Media:
        css = {"all": ["admin/iomnews/change_form.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_contact_count().select_related("reviewed_by", "import_run")

    def get_ordering(self, request):
        """The review queue lists first what most needs a decision (releases/review.py)."""
        if _is_queue(request):
            return [review.urgency().asc(), "-sort_date", "-id"]
        return super().get_ordering(request)

    @admin.display(description="relecture")
    def review_state(self, obj):
        return review_cell(obj)

    @admin.display(description="état")
    def review(self, obj):
        return review_panel(obj) if obj and obj.pk else "—"

    @admin.display(description="avertissements de l’import")
    def import_warnings(self, obj):
        return warnings_list(obj)

    @admin.display(description="import")
    def import_link(self, obj):
        if obj.import_run is None:
            return "—"
        url = reverse("admin:releases_importrun_change", args=[obj.import_run.pk])
        return format_html('<a href="{}">{}</a>', url, obj.import_run)

    @admin.display(description="texte importé")
    def imported_text(self, obj):
        """The page as imported, from its title on; the site's navigation before it folded away."""
        lines = obj.raw_text.splitlines()
        title = (obj.imported_values.get("title") or obj.title).strip()
        start = next((i for i, line in enumerate(lines) if title and title in line), 0)
        # Focusable, so that the scrolled text can be read with the keyboard.
        text = format_html(
            '<pre class="raw-text" tabindex="0" role="region" aria-label="Texte importé">{}</pre>',
            "\n".join(lines[start:]),
        )
        if not start:
            return text
        return format_html(
            '<details class="raw-navigation"><summary>Avant le titre : {} lignes (navigation du site)'
            "</summary><pre>{}</pre></details>{}",
            start,
            "\n".join(lines[:start]),
            text,
        )

    @admin.display(description="pays", ordering="country")
    def country_name(self, obj):
        return country_label(obj.country)

    @admin.display(description="date", ordering="sort_date")
    def date_shown(self, obj):
        return day(obj.published) if obj.published else None  # "1er juillet 2023"

    @admin.display(description="contacts", ordering="contact_count")
    def contacts_shown(self, obj):
        return obj.contact_count

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        if MARK_REVIEWED in request.POST:
            obj.reviewed_at, obj.reviewed_by = timezone.now(), request.user
            obj._change_reason = "Marqué comme relu"
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if MARK_REVIEWED in request.POST:
            self.message_user(request, f"« {obj} » est marqué comme relu.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:releases_release_changelist") + "?review=todo")
        return super().response_change(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            relations = {"contact_links": "contacts", "quoted_people": "quoted_people"}
            touched = [relations[fs.prefix] for fs in formsets if fs.has_changed() and fs.prefix in relations]
            if "projects" in form.changed_data:
                touched.append("projects")
            if touched:
                form.instance.lock_fields(touched)
                form.instance.skip_history_when_saving = True  # bookkeeping of the save just recorded
                form.instance.save(update_fields=["locked_fields"])
                del form.instance.skip_history_when_saving

    @admin.action(description="Marquer comme relus")
    def mark_reviewed(self, request, queryset):
        count = queryset.update(reviewed_at=timezone.now(), reviewed_by=request.user)
        marked = quantity(count, "communiqué marqué comme relu", "communiqués marqués comme relus")
        self.message_user(request, f"{marked}.", messages.SUCCESS)

    @admin.action(description="Rétablir toutes les valeurs importées (au prochain import)")
    def restore_all_imported(self, request, queryset):
        count = 0
        for release in queryset.exclude(locked_fields=[]):
            self.record_imported_version(release)
            release.locked_fields = []
            release.import_hash = ""  # the next import writes every field again
            release._change_reason, release._history_user = "Corrections rendues aux imports", request.user
            release.save(update_fields=["locked_fields", "import_hash"])
            self.log_change(request, release, "Corrections rendues aux imports.")
            count += 1
        self.message_user(
            request,
            f"{quantity(count, 'communiqué suivra', 'communiqués suivront')} de nouveau les imports.",
            messages.SUCCESS,
        )


def _is_queue(request) -> bool:
    return request.GET.get("review") == "todo" or bool(request.GET.get("reason"))
