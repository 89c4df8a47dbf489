"""The editors' admin of releases: corrections held against imports, review queue, import runs."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from core.admin import EditorCorrectionsMixin
from core.admin_forms import AccessibleTabularInline, PhonesField
from core.countries import country_label

from .models import ImportRun, NavigationLine, QuotedPerson, Release, ReleaseContact


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
    list_display = ["title", "office", "country_name", "published", "contacts_shown", "review_state"]
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
        return super().get_queryset(request).with_contact_count()

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

    @admin.display(description="contacts", ordering="contact_count")
    def contacts_shown(self, obj):
        return obj.contact_count

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
