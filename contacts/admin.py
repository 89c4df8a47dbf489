from django.contrib import admin
from django.db.models import Count
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

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(release_total=Count("releases"))

    @admin.display(description="communiqués", ordering="release_total")
    def release_count(self, obj):
        return obj.release_total


@admin.register(ContactPerson)
class ContactPersonAdmin(MergeMixin, ReleasesListMixin, EditorCorrectionsMixin, SimpleHistoryAdmin):
    merge_function = merge_people
    releases_lookup = "contact_links__person"
    list_display = ["name", "email", "office", "release_count"]
    list_select_related = ["office"]
    list_filter = ["office"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["office"]
    readonly_fields = ["held_fields", "release_links"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(release_total=Count("release_links", distinct=True))

    @admin.display(description="communiqués", ordering="release_total")
    def release_count(self, obj):
        return obj.release_total
