"""French as it is printed: numbers grouped by a narrow no-break space ("3 064"), a decimal
comma ("17,54"), "1er juillet", singular up to one ("0 communiqué", "1,5 seconde"), and no
line break before « : ; ! ? » or inside « … ». Plain Python: templates (portal filters),
the admin's messages and the import command share it.

Templates print numbers through Django's locale (USE_THOUSAND_SEPARATOR, core/formats);
these functions are for text written in Python.
"""

import re
from datetime import date, datetime

NBSP = "\u00a0"  # before ":" and inside « »
NNBSP = "\u202f"  # before ; ! ? and between groups of digits

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")  # fmt: skip


def number(value, decimals: int | None = None) -> str:
    """3064 -> "3 064"; 17.5432 with decimals=2 -> "17,54" (narrow no-break spaces)."""
    text = f"{value:,.{decimals}f}" if decimals is not None else f"{value:,}"
    return text.replace(",", NNBSP).replace(".", ",")


def quantity(count: int, singular: str, plural: str | None = None, zero: str | None = None) -> str:
    """ "0 communiqué", "1 communiqué", "3 064 communiqués": French puts 0 and 1 in the
    singular. `zero` replaces the whole text when there are none ("aucun communiqué")."""
    if not count and zero:
        return zero
    word = singular if abs(count) < 2 else (plural or singular + "s")
    return f"{number(count)} {word}"


def day(value: date) -> str:
    """ "1er juillet 2023", "9 mars 2022"."""
    first = "1er" if value.day == 1 else str(value.day)
    return f"{first} {MONTHS[value.month - 1]} {value.year}"


def moment(value: datetime) -> str:
    """ "1er juillet 2023 à 09:05" (in the time zone it carries)."""
    return f"{day(value)} à {value:%H:%M}"


_SPACE_BEFORE = re.compile(r" +([:;!?»])")
_SPACE_AFTER = re.compile(r"« +")


def french_spacing(text: str) -> str:
    """The spaces typed before « : ; ! ? » » and after « « » made no-break, so that a line
    never starts with the mark ("Pays : Haïti" keeps its colon on the line of "Pays")."""
    text = _SPACE_BEFORE.sub(lambda m: (NBSP if m.group(1) in ":»" else NNBSP) + m.group(1), text)
    return _SPACE_AFTER.sub("«" + NBSP, text)


def quoted(text) -> str:
    """ "« text »" with no-break spaces inside the guillemets."""
    return f"«{NBSP}{text}{NBSP}»"
