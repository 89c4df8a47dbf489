"""Admin forms and widgets: what Django's admin lacks for real browsers, the
accessibility checkers (axe-core, Nu HTML Checker) and editors typing phones."""

import datetime
import re

from django import forms
from django.contrib.admin import TabularInline
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect, AutocompleteSelectMultiple
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst

from .countries import ISO_CODE, country_choices, country_code, country_label, language_choices, plain
from .phones import display, to_e164
from .typography import french_spacing


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


# ---------------------------------------------------------------- fields as editors type them
class CountryInput(forms.TextInput):
    """A text box that suggests every country by its French name (a <datalist>: type-ahead
    in the browser, no script), showing the stored code as its name."""

    template_name = "core/widgets/country_input.html"
    LIST_ID = "country-names"

    def __init__(self, attrs=None):
        super().__init__({"list": self.LIST_ID, "autocomplete": "off", "size": 32, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["countries"] = [label for _code, label in country_choices()]
        context["widget"]["list_id"] = self.LIST_ID
        return context


class CountryField(forms.CharField):
    """A country typed by its name (French or English, any accents or case) or ISO code,
    stored as its ISO code: "Haïti" -> "HT"."""

    widget = CountryInput
    default_error_messages = {
        "unknown": french_spacing(
            "« %(typed)s » n’est pas un pays connu : choisissez son nom dans la liste "
            "(ou tapez son code ISO, HT pour Haïti)."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)  # a name is longer than the code it gives
        kwargs.setdefault(
            "help_text", french_spacing("Tapez le nom du pays en français : la liste le propose.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        """The stored code shown as its name ("HT" -> "Haïti"); what was typed, as typed."""
        return country_label(value) if value and ISO_CODE.fullmatch(str(value)) else value

    def to_python(self, value):
        typed = super().to_python(value).strip()
        if not typed:
            return ""
        code = country_code(typed)
        if code is None:
            raise forms.ValidationError(self.error_messages["unknown"], "unknown", {"typed": typed})
        return code


class LanguageSelect(forms.Select):
    """A stored language that is no longer in the list (typed before it was a list) stays
    shown as it is, so that saving the form never changes it unseen."""

    def optgroups(self, name, value, attrs=None):
        known = {str(code) for code, _label in self.choices}
        stored = [v for v in value if v and v not in known]
        groups = super().optgroups(name, value, attrs)
        for index, typed in enumerate(stored, start=len(groups)):
            option = self.create_option(name, typed, f"{typed} (pas dans la liste)", True, index)
            groups.append((None, [option], index))
        return groups


class LanguageField(forms.ChoiceField):
    """The language chosen by its French name ("espagnol"), stored as its ISO code ("es")."""

    widget = LanguageSelect
    default_error_messages = {
        "invalid_choice": french_spacing(
            "« %(value)s » n’est pas une langue de la liste : choisissez-la par son nom."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("empty_value", None)
        super().__init__(choices=language_choices, **kwargs)


FRENCH_MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}  # fmt: skip
_WRITTEN_DATE = re.compile(r"(?:[a-z]+\.?\s+)?(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})")


class FrenchDateField(forms.DateField):
    """A date as people write it ("9 mars 2022", "1er juillet 2023", "lundi 3 févr. 2020"),
    or in figures (09/03/2022, 2022-03-09)."""

    default_error_messages = {
        "invalid": french_spacing("Date non comprise : écrivez-la comme 9 mars 2022 ou 09/03/2022."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Par exemple 9 mars 2022, 1er juillet 2023 ou 09/03/2022.")
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            written = _WRITTEN_DATE.fullmatch(plain(" ".join(value.split())))
            if written and written.group(2) in FRENCH_MONTHS:
                day, month, year = written.groups()
                try:
                    return datetime.date(int(year), FRENCH_MONTHS[month], int(day))
                except ValueError:
                    raise forms.ValidationError(f"Le {value.strip()} n’existe pas.", code="invalid") from None
        return super().to_python(value)


_SEPARATOR = re.compile(r"[,;](?!\s*(?:poste|ext|extension|int|interne)\b)", re.IGNORECASE)


class PhonesField(forms.Field):
    """Phones edited one per line as people read them ("+502 2333 6052, poste 218"), stored
    in E.164 as imports store them ("+50223336052;ext=218"). Numbers separated by commas
    on one line are read too. A national number takes the country the form gives
    (`normalised(…, region)`, called by the form once it knows the office)."""

    widget = forms.Textarea

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Téléphones")
        # No help_text: a tabular inline shows it in the column header, and the
        # input's aria-describedby would point at nothing.
        attrs = {"aria-label": "Téléphones, un par ligne", "rows": 2, "cols": 26}
        kwargs.setdefault("widget", forms.Textarea(attrs=attrs))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(display(number) for number in value)
        return value

    def to_python(self, value) -> list[str]:
        """Each number typed, in E.164 when it reads without a country (so that a form sent
        back unchanged is unchanged), else as typed, for `normalised` to read with one."""
        if isinstance(value, list | tuple):
            return list(value)
        typed = [part.strip() for line in (value or "").splitlines() for part in _SEPARATOR.split(line)]
        return [to_e164(part) or part for part in typed if part]

    @staticmethod
    def normalised(typed_numbers, region: str | None) -> list[str]:
        phones = []
        for typed in typed_numbers:
            number = to_e164(typed, region)
            if number is None:
                raise forms.ValidationError(
                    french_spacing(
                        f"« {typed} » n’est pas un numéro de téléphone : un numéro par ligne, avec son "
                        "indicatif (+41 22 717 91 11) ou, pour le pays du bureau, sans."
                    )
                )
            if number not in phones:
                phones.append(number)
        return phones


class FrenchFieldsMixin:
    """Countries, languages, dates and phones typed as editors write them, in every admin form."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        label = {"label": capfirst(db_field.verbose_name), "required": not db_field.blank}
        if db_field.name == "country":
            return CountryField(**label)
        if db_field.name == "language":
            return LanguageField(**label, initial=db_field.default)
        if db_field.name == "phones":
            return PhonesField(label=label["label"])
        if type(db_field) is models.DateField and db_field.editable:
            return FrenchDateField(**label, widget=AdminDateWidget(attrs={"size": 18}))
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class AccessibleTabularInline(FrenchFieldsMixin, AccessibleFormsMixin, TabularInline):
    formset = LabelledInlineFormSet
