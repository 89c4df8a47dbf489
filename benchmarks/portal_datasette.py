"""Datasette as a reference for the portal benchmark: the same SQLite file, the
same kinds of pages, a different one at every request.

Datasette is a benchmark dependency only, installed apart from the project:

    python3 -m venv /work/benchdata/dsvenv && /work/benchdata/dsvenv/bin/pip install datasette

It serves the file in immutable mode (`-i`, Datasette's advice for a file that
does not change while it is served: no locking or change checks; the row
counts it then computes at start-up are those of whole tables, which no row
here shows) with `default_cache_ttl 0` (no Cache-Control: wrk ignores it
anyway, and Datasette has no page cache of its own). The facet and SQL time
limits are raised so that Datasette computes every facet and count instead of
leaving them out after 200 ms; suggested facets, which the portal has no
equivalent of, are off.
"""

import random
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

DEFAULT_BINARY = Path("/work/benchdata/dsvenv/bin/datasette")
PORT = 8802
TABLE = "releases_release"
SETTINGS = {
    "default_cache_ttl": "0",
    "facet_time_limit_ms": "10000",
    "sql_time_limit_ms": "10000",
    "suggest_facets": "off",
    "num_sql_threads": "3",
}
# The columns a list of the portal shows, newest first, as many a page.
LIST_ARGS = [("_col", c) for c in ("title", "published", "country", "office_id", "slug")]
FACETS = [("_facet", "country"), ("_facet", "office_id")]


def find_binary(given: str | None) -> str | None:
    """The datasette executable: given, on PATH, or in the benchmark's own venv."""
    if given:
        return given
    found = shutil.which("datasette")
    if found:
        return found
    return str(DEFAULT_BINARY) if DEFAULT_BINARY.exists() else None


def start(binary: str, sqlite_file: str) -> tuple[subprocess.Popen, str]:
    """Serve the file; returns the server and its base URL (the database is the file's stem)."""
    settings = [arg for name, value in SETTINGS.items() for arg in ("--setting", name, value)]
    command = [binary, "serve", "-i", sqlite_file, "-h", "127.0.0.1", "-p", str(PORT), *settings]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{PORT}"
    for _ in range(300):  # immutable mode counts every table's rows first
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
            break
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"datasette exited: {server.stderr.read()}") from None
            time.sleep(0.2)
    return server, base


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=10)


def version(binary: str) -> str:
    return subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()


def varied_paths(database: str, samples: dict, rare_words: list[str]) -> dict[str, list[str]]:
    """Paths (under the database's URL) of the reference rows, each asked once."""
    from releases.search import FTS_TABLE, stem

    size = [("_size", str(samples["page_size"])), ("_sort_desc", "published")]
    combos = [(country, year) for country, year, _n in samples["combos"]]
    random.Random(7).shuffle(combos)
    table = f"/{database}/{TABLE}"
    filtered = [
        f"{table}?" + urlencode([("country", c), ("published__startswith", y), *FACETS, *size, *LIST_ARGS])
        for c, y in combos
    ]
    search = [
        f"{table}?"
        + urlencode(
            [("_search", stem(w)), ("_fts_table", FTS_TABLE), ("_fts_pk", "id"), *FACETS, *size, *LIST_ARGS]
        )
        for w in rare_words
    ]
    rows = [f"{table}/{pk}" for pk, _slug in samples["releases"]]
    return {
        "datasette: filtered table, 2 facets": filtered,
        "datasette: search (FTS5), 2 facets": search,
        "datasette: row page": rows,
    }


def check(base: str, paths: dict[str, list[str]]) -> None:
    """Ask for the first path of each row once, so that a wrong URL fails loudly."""
    for name, row in paths.items():
        with urllib.request.urlopen(base + row[0], timeout=60) as response:
            body = response.read()
        if response.status != 200 or not body:
            raise RuntimeError(f"{name}: {response.status}")
