"""Walks a filtered list of the API page after page while an import runs, in a process of
its own (tests/api/test_cursor_walk.py starts it with the database's DATABASE_URL):

    python -m tests.api.cursor_walker QUERY PAGE_SIZE RELEASES_AT_START RELEASES_AT_END

It waits for the import's first window (more releases than RELEASES_AT_START),
notes the releases of the list then, walks it through `next` (half-way, it waits
for the import's next window, so that the import surely writes during the walk,
however fast either goes), and prints JSON:
{"before": [...], "walked": [...], "releases_at_walk_start": n, "releases_at_walk_end": n}.
"""

import json
import os
import sys
import time


def main(query: str, page_size: int, at_start: int, at_end: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iomnews.settings")
    django.setup()
    from django.http import QueryDict
    from django.test import Client

    from api.paging import ApiReleaseList
    from releases.models import Release

    def wait_for_more_than(count: int) -> None:
        deadline = time.monotonic() + 120
        while Release.objects.count() <= count:
            if time.monotonic() > deadline:
                raise SystemExit(f"the import wrote nothing after {count} releases")
            time.sleep(0.02)

    wait_for_more_than(at_start)  # the import's first window
    started_with = Release.objects.count()
    listing = ApiReleaseList(QueryDict(query))
    assert listing.filterset.form.is_valid(), listing.filterset.form.errors
    before = list(listing.matches.values_list("pk", flat=True))
    client, walked, url = Client(), [], f"/api/v1/releases/?{query}&limit={page_size}&fields=id"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        walked += [r["id"] for r in page["results"]]
        url = page["next"]
        if started_with < at_end and len(walked) >= len(before) // 2 > len(walked) - page_size:
            wait_for_more_than(started_with)  # half-way: the import's next window
    ended_with = Release.objects.count()
    print(
        json.dumps(
            {
                "before": before,
                "walked": walked,
                "releases_at_walk_start": started_with,
                "releases_at_walk_end": ended_with,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
