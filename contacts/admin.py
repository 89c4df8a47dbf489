"""The editors' admin of offices, people and projects: corrections, their releases, their
other names and addresses, merges confirmed first and undone from the history (admin_merge.py)."""

from django import forms
from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from core.admin import CountryFilter, EditorCorrectionsMixin, FrenchWordingMixin
from core.admin_forms import PhonesField
from core.countries import country_label
from core.phones import display

from . import admin_merge
from .models import ContactPerson, CountryOffice, Merge, Project

RELEASES_SHOWN = 50


class EntityAdmin(EditorCorrectionsMixin, admin.ModelAdmin):
    """Offices, people and projects: their number of releases, their releases, merges."""

    actions = ["merge_selected"]
    readonly_fields = ["aliases_shown", "held_fields", "release_links"]
    history_formatters = {
        "country": country_label,
        "phones": lambda numbers: ", ".join(map(display, numbers)),
    }

    def get_queryset(self, request):
        # A count drops the model's ordering (GROUP BY): pages of the autocomplete need one.
        return super().get_queryset(request).with_release_count().order_by("name", "pk")

    def get_urls(self):
        info = (self.model._meta.app_label, self.model._meta.model_name)
        undo = self.admin_site.admin_view(self.undo_merge_view)
        return [
            path("<path:object_id>/merges/<int:merge_id>/undo/", undo, name="{}_{}_undo_merge".format(*info)),
            *super().get_urls(),
        ]

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

    @admin.display(description="autres noms et adresses")
    def aliases_shown(self, obj):
        """What imports also know this row by: the names and e-mails of the rows merged into it."""
        if obj is None or obj.pk is None:
            return "—"
        aliases = list(obj.aliases.order_by("text"))
        if not aliases:
            return "Aucun."
        return format_html(
            '<ul class="aliases">{}</ul><p class="help">Les imports qui rencontrent ces noms ou adresses '
            "trouvent cette fiche.</p>",
            format_html_join("", "<li>{}</li>", ((alias.text,) for alias in aliases)),
        )

    @admin.action(description="Fusionner les éléments sélectionnés…", permissions=["change"])
    def merge_selected(self, request, queryset):
        return admin_merge.merge_confirmation(self, request, queryset)

    def history_actions(self, request, obj, version):
        record = admin_merge.merge_of_version(obj, version)
        if record is None or record.undone_at is not None or not self.has_change_permission(request, obj):
            return []
        url = reverse(
            f"admin:{obj._meta.app_label}_{obj._meta.model_name}_undo_merge", args=[obj.pk, record.pk]
        )
        return [format_html('<a class="button" href="{}">Défaire cette fusion</a>', url)]

    def undo_merge_view(self, request, object_id, merge_id):
        return admin_merge.undo_view(self, request, object_id, merge_id)


@admin.register(CountryOffice)
class CountryOfficeAdmin(EntityAdmin):
    list_display = ["name", "city", "country_name", "release_count"]
    list_filter = [CountryFilter]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description="pays", ordering="country")
    def country_name(self, obj):
        return country_label(obj.country)


class ContactPersonForm(forms.ModelForm):
    phones = PhonesField()

    class Meta:
        model = ContactPerson
        # The office before the phones: it is cleaned first, and gives national numbers their country.
        fields = ["name", "slug", "email", "office", "phones"]

    def clean_phones(self):
        """National numbers take the country of the person's office."""
        office = self.cleaned_data.get("office")
        return PhonesField.normalised(self.cleaned_data["phones"], office.country if office else None)


@admin.register(ContactPerson)
class ContactPersonAdmin(EntityAdmin):
    feminine = True
    form = ContactPersonForm
    list_display = ["name", "email", "office", "release_count"]
    list_select_related = ["office"]
    list_filter = ["office"]
    search_fields = ["name", "email", "aliases__text"]
    autocomplete_fields = ["office"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Project)
class ProjectAdmin(EntityAdmin):
    list_display = ["name", "acronym", "release_count"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Merge)
class MergeAdmin(FrenchWordingMixin, admin.ModelAdmin):
    feminine = True
    list_display = ["__str__", "kind", "created_at", "created_by", "undone_at"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "kept_name", "merged_names", "created_at", "created_by", "undone_at"]
    fields = readonly_fields

    @admin.display(description="fusionnés")
    def merged_names(self, obj):
        return ", ".join(row["fields"].get("name", "?") for row in obj.merged)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
