"""Countries and languages as people read them: ISO codes to French names (Babel's CLDR data)."""

from functools import cache


@cache
def country_label(code: str | None) -> str:
    """A country's name in French ("GT" -> "Guatemala"); the code itself when unknown."""
    if not code:
        return ""
    from babel import Locale

    return Locale.parse("fr").territories.get(code.upper(), code.upper())


@cache
def language_label(code: str | None) -> str:
    """A language's name in French ("es" -> "espagnol"); the code itself when unknown."""
    if not code:
        return ""
    from babel import Locale

    return Locale.parse("fr").languages.get(code.lower(), code)
