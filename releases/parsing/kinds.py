"""Pages that are not press releases: listings, home pages, media-contact pages, menus."""

import re

from .contacts import EMAIL
from .errors import NotARelease
from .heading import starts_paragraph

# "Home / Press Room", "Accueil › Actualités": a breadcrumb, which listings open with.
_BREADCRUMB = re.compile(r"^(?:home|accueil|inicio|page d['’]accueil)\s*[/›>»|]", re.IGNORECASE)
# A teaser's link to the full text.
_READ_MORE = re.compile(
    r"^(?:lire la suite|lire plus|en savoir plus|read more|leer m[aá]s|ver m[aá]s|learn more)\b", re.I
)
_HOME_SECTIONS = re.compile(
    r"^(?:derni[eè]res (?:nouvelles|actualit[eé]s)|latest news|[uú]ltimas noticias|à la une)\s*$", re.I
)
# Teasers of a listing: this many are enough to tell a listing from a release.
LISTING_TEASERS = 3


def _real_paragraphs(lines: list[str]) -> int:
    return sum(1 for i, line in enumerate(lines) if line and starts_paragraph(lines, i))


def refuse_non_release(lines: list[str], body: list[str]) -> None:
    """Raise NotARelease when the page (its lines after the known menu) is no press release."""
    head = lines[:60]
    if any(_HOME_SECTIONS.match(line) for line in head):
        raise NotARelease("home page", "home_page")
    teasers = sum(1 for line in lines if _READ_MORE.match(line))
    if any(_BREADCRUMB.match(line) for line in head) or teasers >= LISTING_TEASERS:
        raise NotARelease("listing of releases, not a release", "listing_page")
    paragraphs = _real_paragraphs(body)
    emails = {m.lower() for line in lines for m in EMAIL.findall(line)}
    if len(emails) >= 3 and paragraphs <= 1:
        raise NotARelease("media contacts page, not a release", "media_contacts_page")
    if paragraphs == 0 and not any(re.search(r"[.!?…]$", line) for line in body):
        raise NotARelease("only site navigation", "only_navigation")
