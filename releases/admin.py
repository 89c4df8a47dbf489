from django.contrib import admin

from .models import NavigationLine, Project, QuotedPerson, Release, ReleaseContact


class EditorCorrectionsMixin:
    """Record which fields an editor changed, so that imports keep them."""

    def save_model(self, request, obj, form, change):
        if change and form.changed_data:
            obj.lock_fields(f for f in form.changed_data if f != "locked_fields")
        super().save_model(request, obj, form, change)


class ReleaseContactInline(admin.TabularInline):
    model = ReleaseContact
    extra = 0
    autocomplete_fields = ["person", "office"]


class QuotedPersonInline(admin.TabularInline):
    model = QuotedPerson
    extra = 0


@admin.register(Release)
class ReleaseAdmin(EditorCorrectionsMixin, admin.ModelAdmin):
    list_display = ["title", "office", "country", "published"]
    search_fields = ["title", "source"]
    readonly_fields = ["source", "fingerprint", "raw_text", "warnings"]
    autocomplete_fields = ["office", "projects"]
    inlines = [ReleaseContactInline, QuotedPersonInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            relations = {"contact_links": "contacts", "quoted_people": "quoted_people"}
            touched = [relations[fs.prefix] for fs in formsets if fs.has_changed() and fs.prefix in relations]
            if touched:
                form.instance.lock_fields(touched)
                form.instance.save(update_fields=["locked_fields"])


@admin.register(Project)
class ProjectAdmin(EditorCorrectionsMixin, admin.ModelAdmin):
    list_display = ["name", "acronym"]
    search_fields = ["name", "acronym"]


@admin.register(NavigationLine)
class NavigationLineAdmin(admin.ModelAdmin):
    list_display = ["text", "learned", "created_at"]
    search_fields = ["text"]
