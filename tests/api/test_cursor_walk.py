"""A cursor walk of a filtered list while another process imports new pages: every
release that was in the list when the walk began is seen exactly once.

The import and the walk each run in a process of their own, on a copy of the test
database (SQLite: a file backed up from the in-memory one; PostgreSQL: a database
made from the test database as its template), as the portal and a scheduled import
would on a server.
"""

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter

import pytest
from django.db import connection, connections

from benchmarks.generate import write_pages
from tests.helpers import ROOT

QUERY = "published_since=2010-01-01"  # about half of the generated pages, spread over 15 years
BEFORE, DURING = 200, 600


@pytest.fixture
def database_copy(transactional_db, tmp_path):
    """DATABASE_URL of an empty copy of the migrated test database, dropped afterwards."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "walk.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        yield f"sqlite:///{path}"
        return
    import psycopg2

    name, port = f"{settings['NAME']}_walk", settings["PORT"] or 5432
    connections.close_all()  # a template database must have no other connection
    admin = psycopg2.connect(dbname="postgres", user=settings["USER"], host=settings["HOST"], port=port)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
    try:
        yield f"postgres://{settings['USER']}@{settings['HOST']}:{port}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_a_cursor_walk_during_an_import_sees_every_release_once(database_copy, tmp_path):
    env = {**os.environ, "DATABASE_URL": database_copy, "API_RATE_LIMIT": "0", "PYTHONPATH": str(ROOT)}
    write_pages(tmp_path / "first", BEFORE)
    write_pages(tmp_path / "second", DURING, start=BEFORE)
    manage = [sys.executable, str(ROOT / "manage.py"), "import_releases"]
    first = subprocess.run([*manage, str(tmp_path / "first")], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr[-3000:]

    importing = subprocess.Popen([*manage, str(tmp_path / "second")], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)  # fmt: skip
    walker = [sys.executable, "-m", "tests.api.cursor_walker", QUERY, "7", str(BEFORE), str(BEFORE + DURING)]
    walk = subprocess.run(walker, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert importing.wait(timeout=300) == 0, importing.stderr.read()
    assert walk.returncode == 0, walk.stderr
    seen = json.loads(walk.stdout.splitlines()[-1])

    # The import wrote while the list was walked.
    assert BEFORE < seen["releases_at_walk_start"] < seen["releases_at_walk_end"], seen
    times = Counter(seen["walked"])
    assert [pk for pk, n in times.items() if n > 1] == []  # no release twice
    assert [pk for pk in seen["before"] if pk not in times] == []  # none of those there before skipped
    assert len(seen["before"]) > 60
