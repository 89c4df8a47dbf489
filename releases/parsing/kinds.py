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

from . import words
from .body import date_line, find_dateline
from .contacts import opens_contact_block
from .errors import NotARelease
from .heading import ends_mid_sentence, is_text, looks_like_menu
from .places import country_code
from .text import fold, word_count


@dataclass
class ReleaseShape:
    """What the page looks like once read: enough to tell a release from other pages."""

    title: str
    has_title: bool  # False: the page has no title line (the title is made from its text)
    body_lines: list[str]
    contact_lines: list[str]
    has_dateline: bool


# The words come from words.toml (every language); the patterns match folded text.
# "Home / Press Room", "Accueil › Actualités": a breadcrumb, which listings open with.
_BREADCRUMB = re.compile(rf"^(?:{words.alternation('breadcrumb_home')})\s*[/›>»|]")
# A page of search results or of a listing: "Displaying 721 - 732 of 20317", "Affichage de 1 à 10 sur 95".
_RESULTS_COUNT = re.compile(
    rf"^(?:{words.alternation('results_count')})\s+\d+\s*(?:[-–]|a|to|al|bis|по|до)\s*\d+"
    r"\s+(?:of|sur|de|di|von|из|з|od)\s+\d+"
)
# A home page's sections.
_HOME_SECTION = re.compile(rf"^(?:{words.alternation('home_section')})\s*:?$")
# A teaser's link to the full text, a story's sharing line.
_READ_MORE = words.starts_with("read_more")
# Date stamps of listed items: "Wed, 09/19/2018 - 11:19", "Posted on Tue. May 23, 2017".
_STAMP = re.compile(
    rf"\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\s*-\s*\d{{1,2}}:\d{{2}}\b|^(?:{words.alternation('posted_on')})(?![^\W\d_])"
)
# A feed's stamp: "17 hours 23 min ago" (no release says so).
_FEED_STAMP = re.compile(r"\b\d+\s+(?:min|mins|minutes|hours?|days?)\s+ago\b")
_FEED = re.compile(rf"^subscribe to\b.*\bfeed$|{_FEED_STAMP.pattern}")
# A listing's own title: "IOM Mali News", "Official Statements", "Subscribe to ... feed".
_LISTING_TITLE = re.compile(
    rf"(?<![^\W_])(?:{words.alternation('listing_title')})\s*$|^subscribe to\b|\bfeed$"
)
# A feature's title: "Photo story: …", "Reportage photo : …".
_FEATURE = re.compile(rf"^(?:{words.alternation('feature_label')})\s*[:：|–—-]")
# A page's kind shows in its first lines.
SCAN_LINES = 200
# Listing signs are looked for in this many lines, in lines this short for stamps, links and tags.
LISTING_LINES = 80
SHORT_LINE = 50
HEADING_WORDS = 6  # a home page's section, a feed's lines ("Updated: 2 hours 25 min ago")
BREADCRUMB_LINE = 120
_DASH = re.compile(r"[-–—−]")
_ENDS_SENTENCE = re.compile(r"[.!?…»”:]$")
_BULLET_ITEM = re.compile(r"^[•·▪*–-]\s+(?=\S)")
_HEADING = re.compile(r"^[^\W\d_][^.!?:;]{5,70}$")
_MEANS = re.compile(r"@|\d{3}")  # an e-mail, a phone
_DIGITS = re.compile(r"\d")
# Only such lines may be a breadcrumb or a count of results.
_CRUMB_OR_COUNT = re.compile(r"[/›>»|]|\d")


def _is_title_like(line: str) -> bool:
    """A line that may be a teaser's title: capitalised, ending no sentence nor mid-sentence."""
    return line[:1].isupper() and not _ENDS_SENTENCE.search(line) and not ends_mid_sentence(line)


def _listing_signs(title: str, lines: list[str]) -> dict[str, int]:
    """Signs of several items: stamps, "read more" links, tags repeated over them, teasers' datelines
    (each counted; two of a kind make a listing)."""
    if _LISTING_TITLE.search(fold(title)):
        return {"listing title": 2}
    lines = lines[:LISTING_LINES]
    # Stamps, links and tags are short lines; a release's text is made of long ones.
    short = [line for line in lines if len(line) <= SHORT_LINE]
    keys = [fold(line) for line in short]
    if any(_FEED_STAMP.search(key) for key in keys):
        return {"feed stamp": 2}
    # Tags or stamps repeated over the items: "English", "main banner", "© IOM 2007" (an e-mail or
    # a phone printed twice is a contact's, not a tag).
    tags = Counter(
        line for line in short if word_count(line) < 5 and not line.endswith(".") and not _MEANS.search(line)
    )
    # Teasers open with their dateline, after their title: a release has one.
    datelines = sum(
        1
        for before, line in pairwise(_BULLET_ITEM.sub("", line) for line in lines)  # "• Title"
        if before[:1].isupper()
        and _DASH.search(line, 0, 80)
        and _is_title_like(before)
        and find_dateline(line, bare=False)
    )
    return {
        "stamps": sum(
            1
            for line, key in zip(short, keys, strict=True)
            if _DIGITS.search(line) and (_STAMP.search(key) or date_line(line))
        ),
        "read more": sum(1 for key in keys if _READ_MORE.match(key)),
        "repeated lines": sum(n for n in tags.values() if n >= 2),
        "teasers' datelines": datelines,
    }


# "1951", "19 000", "1,2 million", "4.5M", "85 %", "+300": a figure, alone on its line.
_FIGURE = re.compile(r"^[+~≈]?\d[\d\s.,’']*(?:\s?(?:%|[kKmM]|[^\W\d_]{1,9}))?\+?$")
KEY_FIGURES = 3  # figures on lines of their own
_FIGURE_START = set("0123456789+~≈")


def _is_figure(line: str) -> bool:
    return line[:1] in _FIGURE_START and bool(_FIGURE.match(line)) and any(ch.isdigit() for ch in line)


def _key_figures(page_lines: list[str], lines: list[str]) -> int:
    """Figures of a page of figures, each over its caption ("1951" / "Année de création" / "175" / …):
    those before its first paragraph (no release opens so), or all of them when the page has
    fewer sentences than figures; 0 for a page of text."""
    head = []
    for i, line in enumerate(page_lines[:LISTING_LINES]):
        if line and is_text(page_lines, i):
            break
        head.append(line)
    before_text = sum(1 for line in head if _is_figure(line))
    figures = sum(1 for line in lines if _is_figure(line))
    if figures <= before_text:
        return before_text
    sentences = sum(1 for line in lines if word_count(line) >= 12)
    return max(before_text, figures if figures >= sentences else 0)


def _has_key_figures_heading(page_lines: list[str]) -> bool:
    """A short line heading a page's figures: "Chiffres clés", "Key facts"."""
    return any(words.is_phrase("key_figures", line) for line in page_lines[:LISTING_LINES] if line)


def _is_heading(lines: list[str], i: int) -> bool:
    """A short line between paragraphs, ending no sentence: a section's heading (not a wrapped line)."""
    line, before, after = lines[i], lines[i - 1], lines[i + 1]
    return (
        bool(_HEADING.match(line))
        and word_count(line) <= 8
        and bool(re.search(r"[.!?…»”]$", before))
        and after[:1].isupper()
        and word_count(after) >= 12
    )


def _subject_signs(lines: list[str], has_dateline: bool) -> dict[str, int]:
    """Signs of a page presenting a subject rather than news: bullet lists, links, sections' headings."""
    if has_dateline:
        return {}
    return {
        "bullets": sum(1 for line in lines if _BULLET_ITEM.match(line)),
        "read more": 3 * sum(1 for line in lines if _READ_MORE.match(fold(line))),
        "headings": sum(1 for i in range(1, len(lines) - 1) if _is_heading(lines, i)),
    }


SUBJECT_SIGNS = {"bullets": 3, "read more": 3, "headings": 2}


def _is_media_contacts(page_lines: list[str]) -> bool:
    """A contact block with nothing before it."""
    first = [line for line in page_lines[:10] if line][:8]
    return bool(first) and bool(opens_contact_block(first, 0))


def _has_text(release: ReleaseShape) -> bool:
    """Some line of the page is text of its own, not a menu's."""
    lines = release.body_lines
    if any(line and not looks_like_menu(line) and is_text(lines, i) for i, line in enumerate(lines)):
        return True
    return any(word_count(line) >= 12 and not looks_like_menu(line) for line in lines)


def refuse_non_release(page_lines: list[str], release: ReleaseShape) -> list[str]:
    """Raise NotARelease (with its code) when the page (its lines after the menu) is no press release;
    else the signs that nearly made it refused (one short of the rule), for an editor to look at."""
    if _is_media_contacts(page_lines):
        raise NotARelease("media contacts page, not a release", "media_contacts_page")
    # From the title on (what came before it is the site's), up to the contact block.
    start = next((i for i, line in enumerate(page_lines[:SCAN_LINES]) if line == release.title), None)
    content = [line for line in (page_lines[start:] if start is not None else release.body_lines) if line]
    if release.contact_lines:
        content = content[: len(content) - len(release.contact_lines)]
    lines = content[:SCAN_LINES]
    figures = _key_figures(page_lines, lines)
    if figures >= KEY_FIGURES or _has_key_figures_heading(page_lines):
        raise NotARelease("key figures page, not a release", "key_figures_page")
    if not _has_text(release):
        raise NotARelease("only site navigation", "only_navigation")
    # The page's first short lines, folded once: a home page's sections, a listing's breadcrumb or
    # count of results, a feed's lines ("Subscribe to … feed", "Updated: 2 hours 25 min ago").
    short = [
        (i, fold(line))
        for i, line in enumerate(page_lines[:LISTING_LINES])
        if 0 < len(line) <= SHORT_LINE and word_count(line) <= HEADING_WORDS
    ]
    if any(_HOME_SECTION.match(key) for _i, key in short):
        raise NotARelease("home page, not a release", "home_page")
    first = [
        fold(line)
        for line in page_lines[:20]
        if len(line) <= BREADCRUMB_LINE and _CRUMB_OR_COUNT.search(line)
    ]
    if any(_BREADCRUMB.match(key) or _RESULTS_COUNT.match(key) for key in first):
        raise NotARelease("listing of releases, not a release", "listing_page")
    if any(_FEED.search(key) for i, key in short if i < 20):
        raise NotARelease("listing of releases, not a release", "listing_page")
    if _FEATURE.match(fold(release.title)):
        raise NotARelease("feature story, not a release", "story_page")
    # A page headed by a country's name (its title, the country tag of a release comes after one).
    if country_code(next((line for line in page_lines if line), "")) or country_code(release.title):
        raise NotARelease("thematic or country page, not a release", "thematic_page")
    listing = _listing_signs(release.title, lines)
    if any(n >= 2 for n in listing.values()):
        raise NotARelease("listing of releases, not a release", "listing_page")
    subject = _subject_signs(lines, release.has_dateline)
    if any(subject[sign] >= least for sign, least in SUBJECT_SIGNS.items() if sign in subject):
        raise NotARelease("thematic or country page, not a release", "thematic_page")
    # Text with no title line after the menu and no press contact: a site's page presenting a
    # subject, or a story opening with its dateline (a release without a title line but with its
    # contact block is imported, with a warning).
    if not release.has_title and not release.contact_lines:
        if not release.has_dateline:
            raise NotARelease("thematic or country page, not a release", "thematic_page")
        raise NotARelease("page without a title, not a release", "untitled_page")
    # (One teaser's dateline is a release's own.)
    nearly = [f"{sign}: {n}" for sign, n in listing.items() if n == 1 and sign != "teasers' datelines"]
    nearly += [
        f"{sign}: {subject[sign]}" for sign, least in SUBJECT_SIGNS.items() if subject.get(sign) == least - 1
    ]
    nearly += [f"figures: {figures}"] if figures == KEY_FIGURES - 1 else []
    return nearly
