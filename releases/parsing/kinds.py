"""Pages that are not press releases: listings, home and thematic pages, media contacts, menus.

A release has one title, one dateline at most, and text; a listing strings
several teasers together (each with its dateline, tag or date stamp), a
thematic or country page presents a subject in headings and bullet lists,
and a media-contacts page is a contact block with no release before it.
"""

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from .body import find_dateline
from .contacts import find_contact_block
from .errors import NotARelease
from .heading import ends_mid_sentence, is_text, looks_like_menu
from .places import country_code


@dataclass
class ReleaseShape:
    """What the page looks like once read: enough to tell a release from other pages."""

    title: str
    has_title: bool  # False: the page has no title line (the title is made from its text)
    body_lines: list[str]
    contact_lines: list[str]
    has_dateline: bool


# "Home / Press Room", "Accueil › Actualités": a breadcrumb, which listings open with.
_BREADCRUMB = re.compile(r"^(?:home|accueil|inicio|page d['’]accueil)\s*[/›>»|]", re.IGNORECASE)
# A page of search results or of a listing: "Displaying 721 - 732 of 20317", "Affichage de 1 à 10 sur 95".
_RESULTS_COUNT = re.compile(
    r"^(?:displaying|showing|affichage(?: de)?|mostrando)\s+\d+\s*(?:[-–]|à|a|to)\s*\d+"
    r"\s+(?:of|sur|de)\s+\d+",
    re.IGNORECASE,
)
# A home page's sections.
_HOME_SECTION = re.compile(
    r"^(?:derni[eè]res? (?:nouvelles|actualit[eé]s)|latest news|[uú]ltimas noticias|[àa] la une"
    r"|nos (?:priorit[eé]s|programmes)|en bref|in focus)\s*:?$",
    re.IGNORECASE,
)
# A teaser's link to the full text, a story's sharing line.
_READ_MORE = re.compile(
    r"^(?:lire la suite|lire plus|en savoir plus|read more|read on|leer m[aá]s|ver m[aá]s|learn more)\b", re.I
)
# Date stamps of listed items: "Wed, 09/19/2018 - 11:19", "Posted on Tue. May 23, 2017".
_STAMP = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\s*-\s*\d{1,2}:\d{2}\b|^(?:posted|publié|publicado)(?: on| le| el)?\b", re.I
)
# A feed's stamp: "17 hours 23 min ago" (no release says so).
_FEED_STAMP = re.compile(r"\b\d+\s+(?:min|mins|minutes|hours?|days?)\s+ago\b", re.IGNORECASE)
# A listing's own title: "IOM Mali News", "Official Statements", "Subscribe to ... feed".
_LISTING_TITLE = re.compile(
    r"\b(?:news|actualit[eé]s|noticias|statements|d[eé]clarations officielles|communiqu[eé]s(?: de presse)?"
    r"|press releases|comunicados(?: de prensa)?)\s*$|^subscribe to\b|\bfeed$",
    re.IGNORECASE,
)
# A page's kind shows in its first lines.
SCAN_LINES = 200
# Listing signs are looked for in this many lines, in lines this short for stamps, links and tags.
LISTING_LINES = 80
SHORT_LINE = 50
_DASH = re.compile(r"[-–—−]")
_ENDS_SENTENCE = re.compile(r"[.!?…»”:]$")
_BULLET_ITEM = re.compile(r"^[•·▪*–-]\s+\S")
_HEADING = re.compile(r"^[^\W\d_][^.!?:;]{5,70}$")


def _is_title_like(line: str) -> bool:
    """A line that may be a teaser's title: capitalised, ending no sentence nor mid-sentence."""
    return line[:1].isupper() and not _ENDS_SENTENCE.search(line) and not ends_mid_sentence(line)


def _is_listing(title: str, lines: list[str]) -> bool:
    """Several items: stamps, "read more" links, teasers' datelines or tags repeated over them."""
    if _LISTING_TITLE.search(title):
        return True
    lines = lines[:LISTING_LINES]
    # Stamps, links and tags are short lines; a release's text is made of long ones.
    short = [line for line in lines if len(line) <= SHORT_LINE]
    if any(_FEED_STAMP.search(line) for line in short):
        return True
    stamps = sum(1 for line in short if _STAMP.search(line))
    teasers = sum(1 for line in short if _READ_MORE.match(line))
    # Tags or stamps repeated over the items: "English", "main banner", "© IOM 2007".
    tags = Counter(line for line in short if line.count(" ") < 4 and not line.endswith("."))
    repeated = sum(n for n in tags.values() if n >= 2)
    if stamps >= 2 or teasers >= 2 or repeated >= 2:
        return True
    # Teasers open with their dateline, after their title: a release has one.
    datelines = (
        1
        for before, line in pairwise(lines)
        if before[:1].isupper()
        and _DASH.search(line, 0, 80)
        and _is_title_like(before)
        and find_dateline(line, bare=False)
    )
    return sum(datelines) >= 2


def _is_heading(lines: list[str], i: int) -> bool:
    """A short line between paragraphs, ending no sentence: a section's heading (not a wrapped line)."""
    line, before, after = lines[i], lines[i - 1], lines[i + 1]
    return (
        bool(_HEADING.match(line))
        and len(line.split()) <= 8
        and bool(re.search(r"[.!?…»”]$", before))
        and after[:1].isupper()
        and len(after.split()) >= 12
    )


def _is_subject_page(
    title: str, lines: list[str], has_title: bool, has_dateline: bool, has_contacts: bool
) -> bool:
    """A country or thematic page: named after a country, or presenting a subject without news."""
    if country_code(title):
        return True
    if has_dateline:
        return False
    bullets = sum(1 for line in lines if _BULLET_ITEM.match(line))
    teasers = sum(1 for line in lines if _READ_MORE.match(line))
    headings = sum(1 for i in range(1, len(lines) - 1) if _is_heading(lines, i))
    return bullets >= 3 or teasers >= 1 or headings >= 2 or not (has_title or has_contacts)


def _refuse_empty(page_lines: list[str], release: ReleaseShape) -> None:
    """A page with no text of its own: a menu, or a contact block and nothing before it."""
    first_lines = [line for line in page_lines[:10] if line][:3]
    block = find_contact_block(first_lines)
    if block and block[0] == 0:
        raise NotARelease("media contacts page, not a release", "media_contacts_page")
    lines = release.body_lines
    text = any(line and not looks_like_menu(line) and is_text(lines, i) for i, line in enumerate(lines))
    if not text and not any(len(line.split()) >= 12 and not looks_like_menu(line) for line in lines):
        raise NotARelease("only site navigation", "only_navigation")


def refuse_non_release(page_lines: list[str], release: ReleaseShape) -> None:
    """Raise NotARelease (with its code) when the page (its lines after the menu) is no press release."""
    _refuse_empty(page_lines, release)
    if any(_HOME_SECTION.match(line) for line in page_lines[:LISTING_LINES] if len(line) <= SHORT_LINE):
        raise NotARelease("home page, not a release", "home_page")
    if any(_BREADCRUMB.match(line) or _RESULTS_COUNT.match(line) for line in page_lines[:20]):
        raise NotARelease("listing of releases, not a release", "listing_page")
    # A page headed by a country's name (its title, the country tag of a release comes after one).
    if country_code(next((line for line in page_lines if line), "")):
        raise NotARelease("thematic or country page, not a release", "thematic_page")
    # From the title on (what came before it is the site's), up to the contact block.
    start = next((i for i, line in enumerate(page_lines[:SCAN_LINES]) if line == release.title), None)
    content = [line for line in (page_lines[start:] if start is not None else release.body_lines) if line]
    if release.contact_lines:
        content = content[: len(content) - len(release.contact_lines)]
    lines = content[:SCAN_LINES]
    if _is_listing(release.title, lines):
        raise NotARelease("listing of releases, not a release", "listing_page")
    if _is_subject_page(
        release.title, lines, release.has_title, release.has_dateline, bool(release.contact_lines)
    ):
        raise NotARelease("thematic or country page, not a release", "thematic_page")
