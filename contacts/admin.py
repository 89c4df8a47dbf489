"""The editors' admin of offices, people and projects: corrections, their releases, merges."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from core.admin import EditorCorrectionsMixin
from core.admin_forms import PhonesField

from .merging import MergeError, merge_entities
from .models import ContactPerson, CountryOffice, Merge, Project

RELEASES_SHOWN = 50


class EntityAdmin(EditorCorrectionsMixin, SimpleHistoryAdmin):
    """Offices, people and projects: their number of releases, their releases, merges."""

    actions = ["merge_selected"]
    readonly_fields = ["held_fields", "release_links"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_release_count()

    @admin.display(description="communiqués", ordering="release_count")
    def release_count(self, obj):
        return obj.release_count

    @admin.display(description="Communiqués")
    def release_links(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        releases = obj.releases.all().newest_first()[:RELEASES_SHOWN]
        items = [(reverse("admin:releases_release_change", args=[r.pk]), r.title) for r in releases]
        if not items:
            return "Aucun."
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a></li>', items))

    @admin.action(
        description="Fusionner les éléments sélectionnés (garde celui qui a le plus de communiqués)"
    )
    def merge_selected(self, request, queryset):
        rows = list(queryset.order_by("-release_count", "pk"))
        try:
            record = merge_entities(rows[0], rows[1:], user=request.user)
        except (MergeError, IndexError):
            self.message_user(request, "Choisissez au moins deux éléments à fusionner.", messages.WARNING)
            return
        self.log_change(request, rows[0], str(record))
        self.message_user(request, f"{record}.", messages.SUCCESS)


@admin.register(CountryOffice)
class CountryOfficeAdmin(EntityAdmin):
    list_display = ["name", "city", "country", "release_count"]
    list_filter = ["country"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}


class ContactPersonForm(forms.ModelForm):
    phones = PhonesField()

    class Meta:
        model = ContactPerson
        fields = ["name", "slug", "email", "phones", "office"]

    def clean_phones(self):
        """National numbers take the country of the person's office."""
        office = self.cleaned_data.get("office")
        return PhonesField.normalised(self.cleaned_data["phones"], office.country if office else None)


@admin.register(ContactPerson)
class ContactPersonAdmin(EntityAdmin):
    form = ContactPersonForm
    list_display = ["name", "email", "office", "release_count"]
    list_select_related = ["office"]
    list_filter = ["office"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["office"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Project)
class ProjectAdmin(EntityAdmin):
    list_display = ["name", "acronym", "release_count"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Merge)
class MergeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "created_at", "created_by", "undone_at"]
    list_filter = ["kind"]
    readonly_fields = [
        "kind",
        "kept_id",
        "kept_name",
        "merged",
        "kept_before",
        "created_at",
        "created_by",
        "undone_at",
    ]
    exclude = ["moved"]

    def has_add_permission(self, request):
        return False
