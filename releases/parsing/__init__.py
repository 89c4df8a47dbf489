"""Parsing of scraped press-release pages: plain Python, no Django.

`parse_page(data, source, navigation)` turns a page's bytes into a `ParsedRelease`;
`learn_navigation(pages)` finds the site navigation a batch of pages shares.
"""

from .errors import NotARelease, PageError
from .navigation import DEFAULT_NAVIGATION, learn_navigation, navigation_key
from .page import ParsedContact, ParsedOffice, ParsedProject, ParsedRelease, QuotedPerson, parse_page
from .reading import read_lines

__all__ = [
    "DEFAULT_NAVIGATION",
    "NotARelease",
    "PageError",
    "ParsedContact",
    "ParsedOffice",
    "ParsedProject",
    "ParsedRelease",
    "QuotedPerson",
    "learn_navigation",
    "navigation_key",
    "parse_page",
    "read_lines",
]
