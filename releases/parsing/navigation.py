"""Site navigation: the block of lines that a site's pages share at their start.

Two ways, both without any site's words: menus are learned per site from a
batch (its pages grouped by their opening lines, each group's shared leading
lines being that site's menu; the caller stores them, so that a later page
imported alone is still stripped), and a page of a site never seen loses its
menu by the template's layout (`template_menu_length`): dashes, bullets,
items printed twice or glued to their description, in any language or script.
"""

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice

from . import words
from .heading import is_glued, is_text
from .text import fold, word_count

# Lines further down than this are never navigation.
LEADING_LINES = 150
# How many pages of a batch are read to learn its navigation.
SAMPLE_PAGES = 200
# A menu has several items: a single line shared by pages is no site's menu.
MIN_MENU_LINES = 2
# Pages of a site open with the same menu: this many of its first lines name the group.
OPENING_LINES = 6


def navigation_key(line: str) -> str:
    return fold(line)


@dataclass(frozen=True)
class Navigation:
    """The known menus, per site (site key -> navigation keys)."""

    sites: Mapping[str, frozenset[str]]
    every_line: frozenset[str] = field(default=frozenset(), compare=False)

    @classmethod
    def of(cls, sites: Mapping[str, Iterable[str]] | Iterable[str]) -> "Navigation":
        """From {site: lines}, or from one set of lines (one unnamed site)."""
        if not isinstance(sites, Mapping):
            sites = {"": sites}
        frozen = {site: frozenset(keys) for site, keys in sites.items()}
        return cls(frozen, frozenset().union(*frozen.values()))

    def strip_length(self, lines: list[str]) -> tuple[str | None, int]:
        """(the site whose menu opens the page, how many leading lines it covers)."""
        best: tuple[str | None, int] = (None, 0)
        # A site's menu holds the page's first line, or its second (one unknown line is bridged).
        opening = [navigation_key(line) for line in islice((x for x in lines if x.strip()), 2)]
        for site, keys in self.sites.items():
            if not any(key in keys for key in opening):
                continue
            length = navigation_length(lines, keys)
            if length > best[1]:
                best = (site, length)
        return best


# No site's menu ships with the parser: a page is stripped by what imports learned, and by structure.
DEFAULT = Navigation.of({})

# ---------------------------------------------------------------- the template's menu, by its layout
# Lines whose layout only a menu has ("-", "- Item", an item glued to its text) end a menu's run;
# short items between them, or printed twice, belong to it; anything else ends it.
MENU_ITEM_WORDS = 6  # an item between the marks: a few words, no sentence
MENU_BULLET_WORDS = 12  # "- Bureau des partenariats, de la sensibilisation et de la communication"
MENU_GAP = 10  # items between two marks ("What we do" ×2, "Partnerships" ×2, …)
MENU_MIN_MARKS = 2
MENU_DESCRIPTION_LINES = 2
_DASH_ONLY = re.compile(r"^[-–—•·*]$")
_BULLET_ITEM = re.compile(r"^[-–—]\s+\S")  # the template's bullets are dashes ("•" lists are text)
# A menu item may ask ("Où travaillons-nous ?", "أين نعمل؟"), never states.
_SENTENCE_END = re.compile(r"[.…;:。：]$")
_FIGURE_ONLY = re.compile(r"^[+~]?\d[\d\s.,’']*(?:\s?(?:%|[kKmM]))?$")


def _menu_mark(line: str, key: str, previous: str) -> bool:
    """A line only a menu has: a dash, a short bullet, an item glued to its description, a skip link."""
    if _DASH_ONLY.match(line) or words.is_phrase("skip_link", line):
        return True
    if _BULLET_ITEM.match(line):
        return word_count(line) <= MENU_BULLET_WORDS and not _SENTENCE_END.search(line)
    # "Who we are" then "WHO WE AREThe International …": the item, then the item glued to its text.
    glued_to_item = bool(previous) and key.startswith(previous) and len(key) >= len(previous) + 20
    return glued_to_item or (is_glued(line) and word_count(line) >= 8)


def _menu_item(line: str, key: str, previous: str) -> bool:
    """A short item between marks, or one printed twice."""
    if key == previous:
        return word_count(line) <= MENU_BULLET_WORDS
    return word_count(line) <= MENU_ITEM_WORDS and not _SENTENCE_END.search(line) and not line[:1].isdigit()


def template_menu_length(lines: list[str]) -> int:
    """How many leading lines are the site template's menu, told by its layout alone (0: none).

    The run starts at the top and ends with its last mark; at least two marks make a menu,
    so that a title followed by a list is never taken for one.
    """
    end = marks = gap = 0
    previous = ""
    # Description lines left after a section's item printed twice below its dash ("-", "Unsere
    # Arbeit" ×2, its text), where other menus glue the description to the item.
    described = 0
    for i, line in enumerate(lines[:LEADING_LINES]):
        if not line:
            continue
        key = navigation_key(line)
        if _menu_mark(line, key, previous):
            end, marks, gap, described = i + 1, marks + 1, 0, 0
        elif _menu_item(line, key, previous) and gap < MENU_GAP:
            gap += 1
            section = key == previous and gap == 2 and _DASH_ONLY.match(lines[end - 1] if end else "")
            described = MENU_DESCRIPTION_LINES if section else 0
        elif described and marks and gap < MENU_GAP:
            # An item's description printed below it rather than glued to it: the menu goes on
            # only if a mark follows (the run ends with its last mark).
            gap, described = gap + 1, described - 1
        else:
            break
        previous = key
    if marks < MENU_MIN_MARKS:
        return 0
    while end < len(lines) and not lines[end].strip():
        end += 1
    return end


def navigation_length(lines: list[str], navigation: frozenset[str] | set[str]) -> int:
    """How many leading lines of a page are navigation (blank lines included).

    One unknown line inside the block (a menu item added since) is bridged when
    the two lines after it are navigation again.
    """
    head = lines[:LEADING_LINES]
    keys: dict[int, str] = {}

    def key_of(index: int) -> str:  # computed only for the lines looked at
        if index not in keys:
            keys[index] = navigation_key(head[index])
        return keys[index]

    end = 0
    i = 0
    while i < len(head):
        key = key_of(i)
        if not key or key in navigation:
            if key:
                end = i + 1
            i += 1
            continue
        following = [k for k in (key_of(j) for j in range(i + 1, min(i + 6, len(head)))) if k][:2]
        if len(following) == 2 and all(k in navigation for k in following):
            i += 1
            continue
        break
    # Blank lines right after the block belong to it.
    while end < len(lines) and not lines[end].strip():
        end += 1
    return end


def _distinct_heads(pages: list[list[str]]) -> list[tuple[list[str], list[str]]]:
    """Each page's leading lines, as keys and as written; versions of one release count once.

    Versions of one release (a copy, a correction) open with the same text, its first
    sentence or paragraph, after the same title; pages of one site share only their menu.
    A page without any text (a menu alone) teaches nothing.
    """
    heads: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for lines in pages[:SAMPLE_PAGES]:
        written = [line for line in lines[:LEADING_LINES] if line.strip()]
        first_text = next((i for i in range(len(written)) if is_text(written, i)), None)
        if first_text is None:
            continue
        head = [navigation_key(line) for line in written]
        release = (head[first_text - 1] if first_text else "", head[first_text])
        heads.setdefault(release, (head, written))
    return list(heads.values())


def _menu_length(head: list[str], written: list[str], candidates: set[str]) -> int:
    """The page's leading run of candidate lines, which stops before its title and first paragraph."""
    length = navigation_length(head, candidates)
    # Below the template's menu, lines shared by pages of one kind (a key-figures page's captions)
    # are their content, not the site's.
    template = template_menu_length(written)
    if template:
        length = min(length, template)
    # Figures ("1.2 M", "2,300") are a page's content, whatever pages share them.
    length = next((i for i in range(length) if _FIGURE_ONLY.match(written[i])), length)
    # Lines shared by two releases (copies, translations) may run into their text: never learn it.
    paragraph = next((i for i in range(length) if is_text(written, i)), None)
    return length if paragraph is None else max(0, paragraph - 1)


def site_key(menu: list[str]) -> str:
    """A short, stable name for a site, from the opening lines of its menu."""
    words = next((re.sub(r"[^a-z0-9]+", "-", k).strip("-") for k in menu if len(k) > 2), "") or "site"
    digest = hashlib.sha1("\n".join(menu[:OPENING_LINES]).encode()).hexdigest()[:8]
    return f"{words[:30]}-{digest}"


def _site_of(menu: list[str], known: Mapping[str, frozenset[str]]) -> str | None:
    """The known site whose menu holds the opening of this one (most of its first lines)."""
    opening = menu[:OPENING_LINES]
    for site, keys in known.items():
        if sum(k in keys for k in opening) >= max(1, len(opening) - 1):
            return site
    return None


def learn_sites(
    pages: list[list[str]], known: Mapping[str, frozenset[str]] | None = None
) -> dict[str, set[str]]:
    """Navigation lines per site that a batch teaches: {site key: new line keys}.

    Lines opening at least two distinct pages are candidates; a page's menu
    is its leading run of candidates, and pages whose menus open alike are
    one site. A site's menu is what at least two of its pages and half of
    them share; it joins a known site whose menu opens the same way.
    """
    known = known or {}
    heads = _distinct_heads(pages)
    counts = Counter(key for head, _written in heads for key in set(head))
    candidates = {key for key, n in counts.items() if n >= 2}
    groups: dict[tuple[str, ...], list[list[str]]] = {}
    for head, written in heads:
        menu = head[: _menu_length(head, written, candidates)]
        if menu:
            groups.setdefault(tuple(menu[:OPENING_LINES]), []).append(menu)
    learned: dict[str, set[str]] = {}
    for opening, menus in groups.items():
        if len(menus) < 2:
            continue
        shared = Counter(key for menu in menus for key in set(menu))
        threshold = max(2, (len(menus) + 1) // 2)
        lines = {key for key, n in shared.items() if n >= threshold}
        if len(lines) < MIN_MENU_LINES:
            continue  # one shared line is a heading pages of a kind share ("Facts and Figures")
        site = _site_of(list(opening), known) or site_key(list(opening))
        new = lines - known.get(site, frozenset())
        if new:
            learned.setdefault(site, set()).update(new)
    return learned


def learn_navigation(pages: list[list[str]], known: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Every navigation line a batch teaches, whatever its site (see learn_sites)."""
    learned = learn_sites(pages, {"": frozenset(known)} if known else {})
    return set().union(*learned.values()) if learned else set()
