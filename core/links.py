"""reverse() for the pages a list links to by the dozen (a release, an office, a person).

reverse() walks the URL patterns at every call; a list page makes some forty
such links. The path of each named page is reversed once per script prefix and
URLconf, with a placeholder for the slug.
"""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = "__slug__"


@lru_cache(maxsize=64)
def _path_of(name: str, prefix: str, urlconf) -> str:
    return reverse(name, args=[PLACEHOLDER], urlconf=urlconf)


def slug_path(name: str, slug: str) -> str:
    """reverse(name, args=[slug]) for a URL whose one argument is a slug."""
    return _path_of(name, get_script_prefix(), get_urlconf()).replace(PLACEHOLDER, slug)
