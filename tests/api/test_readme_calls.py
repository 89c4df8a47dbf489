"""The README's `curl` calls of the API answer what the README shows.

The state they show: the five sample pages imported on 20 November 2026, then an
editor gave two Guatemalan releases their dates and corrected a title on 1 December.
Each ```sh block of the README's "The read API" section holding a `curl` call is
followed by a ```json block: the test sends the call's address to the portal and
compares the answer with that block.
"""

import json
import re
from datetime import UTC, date, datetime
from unittest import mock

import pytest

from releases.models import Release
from tests.helpers import FIXTURES, ROOT, run_import

BLOCK = re.compile(
    r"```sh\n(curl [^\n]*'(http://127\.0\.0\.1:8000)(/api/v1/[^']*)')\n```\n+```json\n(.*?)\n```", re.S
)


def readme_calls() -> list[tuple[str, str, dict]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The read API")[1].split("\n## ")[0]
    return [(command, path, json.loads(shown)) for command, _host, path, shown in BLOCK.findall(section)]


def at(*moment):
    return mock.patch("django.utils.timezone.now", return_value=datetime(*moment, tzinfo=UTC))


def correct(title_start: str, **fields) -> None:
    """An editor's correction, as the admin saves it (the fields held against imports)."""
    release = Release.objects.get(title__startswith=title_start)
    for name, value in fields.items():
        setattr(release, name, value)
    release.lock_fields(list(fields))
    release.save()


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_the_readme_calls_answer_what_the_readme_shows(client, settings):
    settings.API_RATE_LIMIT = 0
    with at(2026, 11, 20, 8, 0):
        run_import(FIXTURES)
    with at(2026, 11, 26, 10, 0):
        correct("L’aide aux migrants", published=date(2026, 11, 25))
    with at(2026, 12, 1, 9, 15):
        correct("L'OIM fournit un soutien", published=date(2026, 12, 1))
    with at(2026, 12, 1, 14, 30):
        correct("Un documentaire", title="Un documentaire suit des migrants de retour en Amérique centrale")

    calls = readme_calls()
    assert len(calls) == 3
    for command, path, shown in calls:
        response = client.get(path, HTTP_HOST="127.0.0.1:8000")
        assert response.status_code == 200, (command, response.content)
        answer = json.dumps(response.json(), ensure_ascii=False, indent=2)
        assert response.json() == shown, f"{command}\n{answer}"
