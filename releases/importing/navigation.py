"""Site navigation kept in the database: each site's learned menu (NavigationLine rows).

The parser learns menus per site from a batch (`learn_sites`); this module
reads what earlier batches taught, and stores what a batch teaches, so that a
later page imported alone is still stripped of its site's menu.
"""

from collections import defaultdict

from ..models import NavigationLine
from ..parsing import (
    Navigation,
    NotARelease,
    PageError,
    learn_sites,
    navigation_key,
)
from ..parsing.navigation import SAMPLE_PAGES
from .files import read_page


def known_sites() -> dict[str, frozenset[str]]:
    """Every known site's menu (line keys), as imports learned them."""
    sites: dict[str, set[str]] = defaultdict(set)
    for site, key in NavigationLine.objects.values_list("site", "key").iterator():
        sites[site].add(key)
    return {site: frozenset(keys) for site, keys in sites.items()}


def known_navigation() -> Navigation:
    return Navigation.of(known_sites())


def learn_from_batch(pages: list[list[str]]) -> tuple[Navigation, dict[str, dict[str, str]]]:
    """The navigation to parse a batch with, and what it teaches: {site: {key: line as seen}}."""
    known = known_sites()
    learned = learn_sites(pages, known)
    texts: dict[str, dict[str, str]] = {site: {} for site in learned}
    for lines in pages:
        for line in lines:
            key = navigation_key(line)
            for site, keys in learned.items():
                if key in keys:
                    texts[site].setdefault(key, line)
    merged = {site: known.get(site, frozenset()) | keys for site, keys in learned.items()}
    return Navigation.of({**known, **merged}), texts


def learn_batch_navigation(files) -> tuple[Navigation, dict[str, dict[str, str]]]:
    """Known navigation plus what a sample of the batch teaches: (navigation, new lines by site).

    The sample is spread over the whole batch, so that every site in it has its chance.
    """
    sample = []
    step = max(1, len(files) // SAMPLE_PAGES)
    for path, _name in files[::step][:SAMPLE_PAGES]:
        try:
            sample.append(read_page(path).lines)
        except (PageError, NotARelease):
            continue
    return learn_from_batch(sample)


def remember_navigation(learned: dict[str, dict[str, str]]) -> int:
    """Store newly learned navigation lines ({site: {key: text}}); returns how many."""
    new = [
        NavigationLine(site=site[:100], key=key[:1000], text=text, learned=True)
        for site, lines in learned.items()
        for key, text in lines.items()
    ]
    return len(NavigationLine.objects.bulk_create(new, ignore_conflicts=True))
