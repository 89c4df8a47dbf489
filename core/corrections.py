"""Editors' corrections that no import can undo.

Every model that an import fills and an editor may correct keeps the names of
the fields an editor changed (`locked_fields`) and the values the last import
gave (`imported_values`). An import only writes the fields that are not locked.
"""

from django.db import models


class CorrectableModel(models.Model):
    locked_fields = models.JSONField(
        "champs corrigés",
        default=list,
        blank=True,
        help_text="Champs modifiés par un éditeur : les imports ne les écrasent pas.",
    )
    imported_values = models.JSONField("valeurs importées", default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def lock_fields(self, names) -> None:
        """Record fields an editor changed."""
        self.locked_fields = sorted(set(self.locked_fields) | {self._field_name(n) for n in names})

    def _field_name(self, name: str) -> str:
        # "office_id" and "office" are the same correction.
        try:
            return self._meta.get_field(name).name
        except Exception:
            return name

    def unlock_field(self, name: str) -> None:
        self.locked_fields = [f for f in self.locked_fields if f != name]

    def apply_imported(self, values: dict) -> tuple[list[str], list[str]]:
        """Set the imported values on fields no editor corrected.

        Returns (fields changed, fields kept as the editor set them).
        """
        changed: list[str] = []
        kept: list[str] = []
        for name, value in values.items():
            self.imported_values[name] = (
                value if isinstance(value, str | int | bool | list | None) else str(value)
            )
            if self._field_name(name) in self.locked_fields:
                if getattr(self, name) != value:
                    kept.append(name)
                continue
            if getattr(self, name) != value:
                setattr(self, name, value)
                changed.append(name)
        return changed, kept
