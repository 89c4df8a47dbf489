"""Site navigation: the block of lines that a site's pages share at their start.

The navigation is learned from a batch (lines found at the start of several
pages) and kept by the caller, so that a later page imported alone is still
stripped. The current IOM French navigation ships as the starting point.
"""

from collections import Counter
from pathlib import Path

from .text import fold

# Lines further down than this are never navigation.
LEADING_LINES = 150
# How many pages of a batch are enough to learn its navigation.
SAMPLE_PAGES = 200


def navigation_key(line: str) -> str:
    return fold(line)


def _load_default() -> frozenset[str]:
    path = Path(__file__).with_name("iom_navigation_fr.txt")
    return frozenset(
        navigation_key(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    )


DEFAULT_NAVIGATION = _load_default()


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


def _same_release(a: list[str], b: list[str]) -> bool:
    """Past their common start, the two pages are mostly the same lines (or one ends there)."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    if common >= 0.85 * min(len(a), len(b)):
        return True
    rest_a, rest_b = set(a[common:]), set(b[common:])
    smaller = min(len(rest_a), len(rest_b))
    return smaller == 0 or len(rest_a & rest_b) / smaller > 0.6


def learn_navigation(pages: list[list[str]], known: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Navigation lines shared at the start of the pages of one batch.

    A line is a candidate when it opens at least two distinct pages and half
    of them; the navigation is each page's leading run of candidates. Pages
    that start with known navigation teach nothing, and versions of one
    release count once. Returns the keys of lines not already known.
    """
    heads: list[list[str]] = []
    for lines in pages[:SAMPLE_PAGES]:
        head = [navigation_key(line) for line in lines[:LEADING_LINES] if line.strip()]
        if not head or navigation_length(head, known):
            continue  # its navigation is known already: nothing to learn past it
        # Two versions of one release share their title and body too: learn from one.
        if not any(_same_release(head, kept) for kept in heads):
            heads.append(head)
    if len(heads) < 2:
        return set()
    counts = Counter(key for head in heads for key in set(head))
    threshold = max(2, (len(heads) + 1) // 2)
    candidates = {key for key, n in counts.items() if n >= threshold} | set(known)

    learned: Counter[str] = Counter()
    for head in heads:
        length = navigation_length(head, candidates)
        learned.update(set(head[:length]))
    return {key for key, n in learned.items() if n >= 2 and key not in known}
