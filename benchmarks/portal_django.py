"""The portal benchmark's work inside Django, run in a child process with the
benchmark database's settings (DATABASE_URL, DJANGO_SETTINGS_MODULE):

    python -m benchmarks.portal_django samples [COUNT]
    python -m benchmarks.portal_django writes BASE_URL [REPEAT]

`samples` prints, as JSON, what the load rows ask for: one release and its
country and year, COUNT random releases (id and slug), and every country and
year combination that has releases, with its count. `writes` saves a release of
the front page REPEAT times as an editor's admin save does (a new title, the
field locked), then times the first GET of `/` and of that release's page,
checks that both show the new title, and puts the release back as it was.
"""

import json
import secrets
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup() -> None:
    import django

    django.setup()


def samples(count: int) -> dict:
    from django.db import connection
    from django.db.models import Count

    from releases.listing import PAGE_SIZE
    from releases.models import Release

    dated = Release.objects.exclude(office=None).exclude(published=None).order_by("id")
    one = dated[min(4242, dated.count() - 1)]
    shuffled = Release.objects.order_by("?").values_list("id", "slug")[:count]
    combos = (
        Release.objects.exclude(country="")
        .exclude(published=None)
        .values_list("country", "published__year")
        .annotate(n=Count("id"))
        .order_by("country", "published__year")
    )
    combos = list(combos)
    return {
        "api_cursors": api_cursors(combos, PAGE_SIZE),
        "vendor": connection.vendor,
        "sqlite_file": str(connection.settings_dict["NAME"]) if connection.vendor == "sqlite" else "",
        "page_size": PAGE_SIZE,
        "count": Release.objects.count(),
        "release": {"url": one.get_absolute_url(), "country": one.country, "year": one.published.year},
        "releases": [[pk, slug] for pk, slug in shuffled],
        "combos": [[country, year, n] for country, year, n in combos],
    }


def api_cursors(combos, page_size: int) -> dict[str, list[str]]:
    """For each country and year with more than a page: the API's cursors of its pages 2, 3, …
    (what each page's `next` link carries: the sort key of the page's last release)."""
    from api.cursors import encode
    from releases.models import Release

    found = {}
    for country, year, n in combos:
        if n > page_size:
            keys = Release.objects.filter(country=country, year=year).newest_first()
            last_rows = keys.values_list("sort_date", "pk")[page_size - 1 : n - 1 : page_size]
            found[f"{country} {year}"] = [encode("date", day.isoformat(), pk) for day, pk in last_rows]
    return found


def _get(url: str) -> tuple[float, str]:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read().decode("utf-8", "replace")
    return (time.monotonic() - started) * 1000, body


def writes(base: str, repeat: int) -> dict:
    from releases.listing import PAGE_SIZE
    from releases.models import Release

    front_page = list(Release.objects.all()[:PAGE_SIZE])  # the model's order: newest first, as `/`
    marker = f"bench{secrets.token_hex(4)}"
    front, release_page, changed = [], [], 0
    for i in range(repeat):
        release = Release.objects.get(pk=front_page[i % len(front_page)].pk)
        title, locked = release.title, list(release.locked_fields)
        release.title = f"{title} {marker}x{i}"
        release.lock_fields(["title"])  # what the admin records when an editor changes a field
        release.save()  # signals bump the page cache's tags in the database
        try:
            ms, body = _get(base + "/")
            front.append(ms)
            ms, page = _get(base + release.get_absolute_url())
            release_page.append(ms)
            changed += f"{marker}x{i}" in body and f"{marker}x{i}" in page
        finally:
            release.title, release.locked_fields = title, locked
            release.save()
    return {"front": front, "release": release_page, "changed": changed}


def main() -> None:
    setup()
    if sys.argv[1] == "samples":
        result = samples(int(sys.argv[2]) if len(sys.argv) > 2 else 5000)
    else:
        result = writes(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
