"""Text compared as people read it: plain Python (the parser uses it too)."""

import re
import unicodedata

_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def without_accents(text: str) -> str:
    """The text with its accents taken off its letters ("Égypte" -> "Egypte")."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFKD", text)))


def collation_key(text: str) -> tuple[str, str]:
    """Sorts names as a French index does: accents and case aside first (Égypte before
    Tunisie), then accents and case to order what is otherwise the same."""
    return (without_accents(text).casefold(), text)


def matches_name(typed: str, name: str) -> bool:
    """Whether a name holds what someone typed, accents and case aside ("hai" finds Haïti)."""
    return without_accents(typed).casefold() in without_accents(name).casefold()
