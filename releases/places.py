"""Country names for display, in French."""

from functools import cache


@cache
def country_label(code: str | None) -> str:
    if not code:
        return ""
    from babel import Locale

    return Locale.parse("fr").territories.get(code.upper(), code.upper())
