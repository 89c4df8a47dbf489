"""Admin forms and widgets: what Django's admin lacks for real browsers, the
accessibility checkers (axe-core, Nu HTML Checker) and editors typing phones."""

from django import forms
from django.contrib.admin import TabularInline
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.postgres.forms import SimpleArrayField
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst

from .phones import to_e164


class BrowserTextField(forms.CharField):
    """Browsers send a textarea back with CRLF line ends: without this, saving a
    form would mark every multi-line field as changed, and lock it from imports."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class AccessibleAutocomplete(AutocompleteSelect):
    """The empty choice gets a label: an empty <option> without one is invalid HTML."""

    def create_option(self, name, value, label, *args, **kwargs):
        option = super().create_option(name, value, label, *args, **kwargs)
        if value == "" and not label:
            option["attrs"]["label"] = "(aucun)"
        return option


class AccessibleAutocompleteMany(AutocompleteSelectMultiple):
    """select2 puts its "clear all" button inside its <ul>, which screen readers
    read as a broken list; each chosen item keeps its own remove button."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        return {**super().build_attrs(base_attrs, extra_attrs), "data-allow-clear": "false"}


class AccessibleFormsMixin:
    """What Django's admin forms miss (found by axe-core and the HTML checker): tabular
    inline rows have column headers but no labels; the autocomplete widgets above.
    The search box select2 adds is labelled by static/admin/iomnews/admin.js."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(self, InlineModelAdmin):
            formfield.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AccessibleAutocomplete(db_field, self.admin_site, kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AccessibleAutocompleteMany(db_field, self.admin_site, kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class LabelledInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:  # a checkbox under the column "Supprimer?", without a label
            form.fields["DELETE"].widget.attrs["aria-label"] = "Supprimer"


class AccessibleTabularInline(AccessibleFormsMixin, TabularInline):
    formset = LabelledInlineFormSet


class PhonesField(SimpleArrayField):
    """Phones typed as "+41 22 717 91 11, 022 717 91 12", stored in E.164 as imports store
    them. A national number takes the country the form gives (`region`, set by the form)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Téléphones")
        # No help_text: a tabular inline shows it in the column header, and the
        # input's aria-describedby would point at nothing.
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "aria-label": "Téléphones, séparés par des virgules",
                    "placeholder": "+41…, +41…",
                    "size": 28,
                }
            ),
        )
        super().__init__(forms.CharField(), **kwargs)

    @staticmethod
    def normalised(typed_numbers, region: str | None) -> list[str]:
        phones = []
        for typed in typed_numbers:
            number = to_e164(typed, region)
            if number is None:
                raise forms.ValidationError(
                    f"« {typed} » n’est pas un numéro : un numéro par virgule, avec son indicatif (+41…)."
                )
            if number not in phones:
                phones.append(number)
        return phones
