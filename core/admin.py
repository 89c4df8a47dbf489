"""What the admin of every correctable model shares: the fields an editor changes are
held against imports, shown with the value the import proposes, and can be given back."""

from django.contrib import admin, messages
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

from .admin_forms import AccessibleFormsMixin, BrowserTextField

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
