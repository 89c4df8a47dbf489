"""Site navigation learned from batches, kept in the database for later pages."""

from ..models import NavigationLine
from ..parsing import DEFAULT_NAVIGATION, NotARelease, PageError, learn_navigation, navigation_key
from ..parsing.navigation import SAMPLE_PAGES
from .files import read_page


def known_navigation() -> frozenset[str]:
    return DEFAULT_NAVIGATION | frozenset(NavigationLine.objects.values_list("key", flat=True))


def remember_navigation(lines: dict[str, str]) -> int:
    """Store newly learned navigation lines (key -> text as seen); returns how many."""
    new = [
        NavigationLine(key=key[:1000], text=text, learned=True)
        for key, text in lines.items()
        if key not in DEFAULT_NAVIGATION
    ]
    return len(NavigationLine.objects.bulk_create(new, ignore_conflicts=True))


def learn_batch_navigation(files) -> tuple[frozenset[str], dict[str, str]]:
    """Known navigation plus what a sample of the batch teaches: (keys, new lines by key)."""
    sample = []
    for path, _name in files[:SAMPLE_PAGES]:
        try:
            sample.append(read_page(path).lines)
        except (PageError, NotARelease):
            continue
    known = known_navigation()
    learned_keys = learn_navigation(sample, known)
    learned_text: dict[str, str] = {}
    for lines in sample:
        for line in lines:
            key = navigation_key(line)
            if key in learned_keys:
                learned_text.setdefault(key, line)
    return known | learned_keys, learned_text
