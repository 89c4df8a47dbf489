from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from releases.admin import EditorCorrectionsMixin, MergeMixin, ReleasesListMixin
from releases.merging import merge_offices, merge_people

from .models import ContactPerson, CountryOffice


@admin.register(CountryOffice)
class CountryOfficeAdmin(MergeMixin, ReleasesListMixin, EditorCorrectionsMixin, SimpleHistoryAdmin):
    merge_function = merge_offices
    releases_lookup = "office"
    list_display = ["name", "city", "country", "release_count"]
    list_filter = ["country"]
    search_fields = ["name", "city"]
    readonly_fields = ["held_fields", "release_links"]


@admin.register(ContactPerson)
class ContactPersonAdmin(MergeMixin, ReleasesListMixin, EditorCorrectionsMixin, SimpleHistoryAdmin):
    merge_function = merge_people
    releases_lookup = "contact_links__person"
    release_count_relation = "release_links"
    list_display = ["name", "email", "office", "release_count"]
    list_select_related = ["office"]
    list_filter = ["office"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["office"]
    readonly_fields = ["held_fields", "release_links"]
