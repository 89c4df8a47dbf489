from django.contrib import admin

from releases.admin import EditorCorrectionsMixin

from .models import ContactPerson, CountryOffice


@admin.register(CountryOffice)
class CountryOfficeAdmin(EditorCorrectionsMixin, admin.ModelAdmin):
    list_display = ["name", "city", "country"]
    search_fields = ["name", "city"]


@admin.register(ContactPerson)
class ContactPersonAdmin(EditorCorrectionsMixin, admin.ModelAdmin):
    list_display = ["name", "email", "office"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["office"]
