"""Parsing of scraped press-release pages: plain Python, no Django.

`parse_page(read_lines(data, name), source, navigation)` turns a page's bytes
into a `ParsedRelease`; `learn_sites(pages, known)` finds the menus of the
sites a batch's pages come from; `Navigation.of({site: lines})` is what
`parse_page` is given.
"""

from .errors import NotARelease, PageError
from .navigation import (
    DEFAULT,
    Navigation,
    learn_navigation,
    learn_sites,
    navigation_key,
)
from .page import parse_page
from .reading import PageLines, read_lines
from .results import ParsedContact, ParsedOffice, ParsedProject, ParsedQuote, ParsedRelease
from .warnings import ParseWarning, label, render, warnings_as_json


def warm_up() -> None:
    """Load the gazetteer and the language model now, before forking workers that share them."""
    from .language import warm_up as load_language_model
    from .places import warm_up as load_places

    load_language_model()
    load_places()


__all__ = [
    "DEFAULT",
    "Navigation",
    "NotARelease",
    "PageError",
    "PageLines",
    "ParseWarning",
    "ParsedContact",
    "ParsedOffice",
    "ParsedProject",
    "ParsedQuote",
    "ParsedRelease",
    "label",
    "learn_navigation",
    "learn_sites",
    "navigation_key",
    "parse_page",
    "read_lines",
    "render",
    "warm_up",
    "warnings_as_json",
]
