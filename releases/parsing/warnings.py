"""What the parser tells editors: warnings and refusals, with stable codes and French labels.

Codes are stable snake_case strings (stored, filtered on, tested); labels are
what editors read (releases/warning_labels.py). The English messages of PageError and NotARelease stay
for the import report.
"""

from dataclasses import dataclass

from ..warning_labels import REFUSAL_LABELS, WARNING_LABELS


@dataclass(frozen=True)
class ParseWarning:
    code: str
    detail: str = ""

    def __str__(self) -> str:
        return render(self)


# The labels live beside the parser, not in it: the admin reads them too (releases/warning_labels.py).
ERROR_LABELS = REFUSAL_LABELS


def label(code: str) -> str:
    """The French label of a warning or error code (the code itself when unknown)."""
    return WARNING_LABELS.get(code) or ERROR_LABELS.get(code) or code


def render(warning: ParseWarning) -> str:
    """'label : detail', as editors read it."""
    text = label(warning.code)
    return f"{text} : {warning.detail}" if warning.detail else text


def warnings_as_json(warnings: list[ParseWarning]) -> list[dict[str, str]]:
    """The warnings as stored in a JSON field."""
    return [{"code": w.code, "detail": w.detail} for w in warnings]
