"""What the admin of every correctable model shares: the fields an editor changes are
held against imports, shown with the value the import proposes, and can be given back;
titles and buttons in French; the history as editors read it (admin_history.py)."""

import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst

from .admin_forms import AccessibleFormsMixin, BrowserTextField, FrenchFieldsMixin
from .admin_history import HistoryAdminMixin
from .countries import country_label, sorted_by_name
from .history import record_imported_versions
from .typography import french_spacing

admin.site.site_header = "Portail des communiqués OIM — espace éditeurs"
admin.site.site_title = "Espace éditeurs OIM"
admin.site.index_title = "Corriger les communiqués"
# The side menu repeats the index and takes a quarter of a laptop's width from the lists.
admin.site.enable_nav_sidebar = False


class _WordedInlineAdminFormSet(helpers.InlineAdminFormSet):
    """The inline's own "add" label ("Ajouter un contact"), not "Ajouter un objet … supplémentaire"."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = getattr(self.opts, "add_label", data["options"]["addText"])
        return json.dumps(data)


class FrenchWordingMixin:
    """Titles and buttons in French grammar, where Django's translation reads
    « Sélectionnez l’objet communiqué à changer »: set `feminine` for feminine names."""

    feminine = False

    def noun(self, definite: bool = False) -> str:
        name = self.model._meta.verbose_name
        if not definite:
            return f"{'une' if self.feminine else 'un'} {name}"
        if name[:1].lower() in "aeiouéèêh":
            return f"l’{name}"
        return f"{'la' if self.feminine else 'le'} {name}"

    def changelist_view(self, request, extra_context=None):
        wording = {
            "title": capfirst(self.model._meta.verbose_name_plural),
            "add_label": f"Ajouter {self.noun()}",
        }
        return super().changelist_view(request, {**wording, **(extra_context or {})})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None:
            title = f"Ajouter {self.noun()}"
        elif self.has_change_permission(request):
            title = f"Modifier {self.noun(definite=True)}"
        else:
            title = f"Consulter {self.noun(definite=True)}"
        return super().changeform_view(
            request, object_id, form_url, {"title": title, **(extra_context or {})}
        )

    def message_user(self, request, message, *args, **kwargs):
        """Messages (Django's own too) with no-break spaces before « : ; ! ? » and inside « »."""
        spaced = french_spacing(str(message))
        super().message_user(
            request, mark_safe(spaced) if isinstance(message, SafeData) else spaced, *args, **kwargs
        )

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_admin_formset in inline_admin_formsets:
            inline_admin_formset.__class__ = _WordedInlineAdminFormSet  # same state, French label
        return inline_admin_formsets


class EditorCorrectionsMixin(HistoryAdminMixin, FrenchWordingMixin, FrenchFieldsMixin, AccessibleFormsMixin):
    """Record which fields an editor changed, so that imports keep them; show the
    held fields with the imported value, and restore one on request."""

    formfield_overrides = {models.TextField: {"form_class": BrowserTextField}}

    def get_exclude(self, request, obj=None):
        # Shown and given back through held_fields, never typed in as JSON.
        return [*(super().get_exclude(request, obj) or []), "locked_fields", "imported_values"]

    def save_model(self, request, obj, form, change):
        if change:
            self.record_imported_version(obj)
            obj.lock_fields(f for f in form.changed_data if f != "locked_fields")
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    @staticmethod
    def record_imported_version(obj) -> None:
        """Imports write in bulk, without history: before the first edit, keep the version
        as stored (core/history.py), so that the history shows what the editor changed."""
        record_imported_versions(type(obj), [type(obj)._default_manager.get(pk=obj.pk)])

    def field_label(self, name: str) -> str:
        """A field's French name; a reverse relation ("quoted_people") by its model's plural."""
        try:
            model_field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return capfirst(name.replace("_", " "))
        if hasattr(model_field, "verbose_name"):
            return capfirst(model_field.verbose_name)
        return capfirst(model_field.related_model._meta.verbose_name_plural)

    @admin.display(description="Corrections conservées")
    def held_fields(self, obj):
        if not obj or not obj.locked_fields:
            return "Aucune : les imports mettent à jour tous les champs."
        rows = []
        for name in obj.locked_fields:
            imported = obj.imported_values.get(name, obj.imported_values.get(f"{name}_id", "—"))
            url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_restore", args=[obj.pk, name])
            shown = self.history_formatters.get(name, str)  # a country by its name, phones as read
            rows.append((self.field_label(name), shown(imported)[:300] if imported else "(vide)", url))
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
            self.record_imported_version(obj)
            imported = obj.imported_values.get(field, obj.imported_values.get(f"{field}_id"))
            model_field = obj._meta.get_field(field)
            if model_field.many_to_many or model_field.one_to_many:
                obj.import_hash = ""  # links (contacts, projects): the next import writes them again
            elif model_field.is_relation:
                setattr(obj, model_field.attname, imported)
            elif field in obj.imported_values:
                setattr(obj, field, model_field.to_python(imported) if imported is not None else None)
            obj.unlock_field(field)
            label = self.field_label(field)
            obj._change_reason = f"Valeur importée rétablie : {label}"[:100]
            obj._history_user = request.user
            obj.save()
            self.log_change(request, obj, f"Valeur importée rétablie pour « {label} ».")
            self.message_user(
                request,
                f"La valeur importée de « {label} » est rétablie ; les imports la suivront.",
                messages.SUCCESS,
            )
        return redirect(change_url)


class CountryFilter(admin.SimpleListFilter):
    """The countries of the listed model's rows, by their French names in French order."""

    title = "pays"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.model.objects.exclude(country="")
            .order_by("country")
            .values_list("country", flat=True)
        )
        return sorted_by_name((code, country_label(code)) for code in codes.distinct())

    def queryset(self, request, queryset):
        return queryset.filter(country=self.value()) if self.value() else queryset
