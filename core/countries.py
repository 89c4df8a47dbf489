"""Countries and languages as people read them: ISO codes to French names, the names the
United Nations use where they differ from CLDR's (Babel), lists in French alphabetical
order, and a typed name back to its code."""

import re
from functools import cache

from .matching import plain

# The UN's French short names (UNTERM) where CLDR's common names differ. IOM, a UN
# agency, writes these; CLDR's forms ("Biélorussie", "Congo-Kinshasa") stay understood
# when typed (country_code).
UN_NAMES = {
    "BN": "Brunéi Darussalam",
    "BO": "Bolivie (État plurinational de)",
    "BY": "Bélarus",
    "CD": "République démocratique du Congo",
    "CG": "Congo",
    "CV": "Cabo Verde",
    "FM": "Micronésie (États fédérés de)",
    "GB": "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
    "HK": "Hong Kong (Chine)",
    "IQ": "Iraq",
    "IR": "Iran (République islamique d’)",
    "KG": "Kirghizistan",
    "KN": "Saint-Kitts-et-Nevis",
    "KP": "République populaire démocratique de Corée",
    "KR": "République de Corée",
    "LA": "République démocratique populaire lao",
    "MD": "République de Moldova",
    "MM": "Myanmar",
    "MO": "Macao (Chine)",
    "PS": "État de Palestine",
    "RU": "Fédération de Russie",
    "SV": "El Salvador",
    "SY": "République arabe syrienne",
    "TL": "Timor-Leste",
    "TR": "Türkiye",
    "TZ": "République-Unie de Tanzanie",
    "US": "États-Unis d’Amérique",
    "VA": "Saint-Siège",
    "VE": "Venezuela (République bolivarienne du)",
    "VN": "Viet Nam",
}
# CLDR territories that are no country a release comes from (groupings, test codes).
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
ISO_CODE = re.compile(r"[A-Z]{2}")


def _cldr(locale: str):
    from babel import Locale

    return Locale.parse(locale)


def sort_key(text: str) -> tuple[str, str]:
    """French alphabetical order: accents and case count only between equal words
    ("Égypte" before "Tunisie", "Œ" as "oe")."""
    return (plain(text), text)


@cache
def country_label(code: str | None) -> str:
    """A country's name in French ("GT" -> "Guatemala", "BY" -> "Bélarus"); the code when unknown."""
    if not code:
        return ""
    code = code.upper()
    return UN_NAMES.get(code) or _cldr("fr").territories.get(code, code)


@cache
def country_choices() -> tuple[tuple[str, str], ...]:
    """Every country as (code, French name), in French alphabetical order."""
    codes = [c for c in _cldr("fr").territories if ISO_CODE.fullmatch(c) and c not in NOT_COUNTRIES]
    return tuple(sorted(((c, country_label(c)) for c in codes), key=lambda pair: sort_key(pair[1])))


def sorted_by_name(pairs, name=lambda pair: pair[1]) -> list:
    """(code, name) pairs, or anything `name` reads a name from, in French alphabetical order."""
    return sorted(pairs, key=lambda item: sort_key(name(item)))


@cache
def _codes_by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    fr, en = _cldr("fr").territories, _cldr("en").territories
    for code, label in country_choices():  # the UN's name first, then CLDR's French and English
        for name in (label, fr.get(code), en.get(code), code):
            if name:
                names.setdefault(plain(name), code)
    return names


def country_code(typed: str | None) -> str | None:
    """The ISO code of a country typed by name in French or English, or by its code,
    whatever its accents or case ("haiti", "Haïti", "HT" -> "HT"); None when unknown."""
    key = plain(" ".join((typed or "").split()))
    return _codes_by_name().get(key) if key else None


@cache
def language_label(code: str | None) -> str:
    """A language's name in French ("es" -> "espagnol"); the code itself when unknown."""
    if not code:
        return ""
    return _cldr("fr").languages.get(code.lower(), code)


@cache
def language_choices() -> tuple[tuple[str, str], ...]:
    """The languages with a two-letter ISO code, as (code, French name), in French order."""
    pairs = [(code, name) for code, name in _cldr("fr").languages.items() if re.fullmatch(r"[a-z]{2}", code)]
    return tuple(sorted_by_name(pairs))
