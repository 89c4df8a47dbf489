"""Site navigation: the block of lines that a site's pages share at their start.

Menus are learned per site from a batch: its pages are grouped by their
opening lines, and each group's shared leading lines are that site's menu.
The caller stores them per site, so that a later page imported alone is
still stripped. The current IOM French menu ships as a starting point
(`DEFAULT_SITE`); a page of a never-seen site loses its menu by structure
instead (see heading.py).
"""

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .heading import is_text
from .text import fold

# Lines further down than this are never navigation.
LEADING_LINES = 150
# How many pages of a batch are read to learn its navigation.
SAMPLE_PAGES = 200
# Pages of a site open with the same menu: this many of its first lines name the group.
OPENING_LINES = 6
DEFAULT_SITE = "iom.int/fr"


def navigation_key(line: str) -> str:
    return fold(line)


def _load_default() -> frozenset[str]:
    path = Path(__file__).with_name("iom_navigation_fr.txt")
    return frozenset(
        navigation_key(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    )


DEFAULT_NAVIGATION = _load_default()


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


DEFAULT = Navigation.of({DEFAULT_SITE: DEFAULT_NAVIGATION})


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
        site = _site_of(list(opening), known) or site_key(list(opening))
        new = lines - known.get(site, frozenset())
        if new:
            learned.setdefault(site, set()).update(new)
    return learned


def learn_navigation(pages: list[list[str]], known: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Every navigation line a batch teaches, whatever its site (see learn_sites)."""
    learned = learn_sites(pages, {"": frozenset(known)} if known else {})
    return set().union(*learned.values()) if learned else set()
