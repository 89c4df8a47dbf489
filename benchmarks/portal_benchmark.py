"""Load test of the portal: gunicorn serving 100,000 synthetic releases, wrk as the client.

    python benchmarks/portal_benchmark.py prepare --database sqlite|postgres [--releases 100000]
    python benchmarks/portal_benchmark.py run --database sqlite|postgres [--seconds 10] [--connections 8]
        [--datasette PATH | --no-datasette] [--writes 20]
    python benchmarks/portal_benchmark.py growth --database sqlite|postgres --releases-steps 10000 100000

`prepare` generates the pages (benchmarks/generate.py) and imports them into
a database of its own; `run` starts gunicorn (2 workers, the machine has 2
cores) on 127.0.0.1 and prints requests/s, median and p99 latency and errors
for each kind of page (after a warm-up), for pages that change at every
request (so that no cache helps), the first front page after an editor's
save, and a constant-response view as the ceiling. On SQLite, when Datasette
is found (--datasette, PATH, or /work/benchdata/dsvenv), it serves the same
file as a reference (benchmarks/portal_datasette.py) and the ratios are
printed. `growth` prepares a database per size (once: kept in
benchmarks/out/portal-SIZE.sqlite3 or iomnews_bench_portal_SIZE) and prints
the median time of the uncached rows at each size. `run` and `growth` exit
with 1 if any request failed. wrk comes from Debian (apt-get install wrk);
the load and the server share the machine.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "iomnews_bench_portal"
PORT = 8801
sys.path.insert(0, str(ROOT))

from benchmarks import portal_datasette as datasette  # noqa: E402
from benchmarks.portal_wrk import header, line, to_ms, varied_rows, wrk  # noqa: E402

FILTERED, SEARCH, RELEASE = (
    "filtered list, a different filter each time",
    "search, a different word each time",
    "release page, a different one each time",
)
API_FILTERED, API_FACETS, API_RELEASE = (
    "API: filtered list, the same filters",
    "API: the same, with the six facets",
    "API: release, a different one each time",
)
ALL_FACETS = "country,office,project,contact,year,language"


def names(kind: str, size: int | None = None) -> tuple[Path, str]:
    """The SQLite file and the PostgreSQL database (one of each per size for `growth`)."""
    suffix = f"-{size}" if size else ""
    return OUT / f"portal{suffix}.sqlite3", PG_NAME + suffix.replace("-", "_")


def database_url(kind: str, size: int | None = None) -> str:
    sqlite_file, pg_name = names(kind, size)
    return f"sqlite:///{sqlite_file}" if kind == "sqlite" else f"{PG_ADMIN_URL}/{pg_name}"


def env_for(kind: str, size: int | None = None) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url(kind, size),
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "0",
    }


def manage(kind: str, *args: str, size: int | None = None) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env_for(kind, size), check=True)


def in_django(kind: str, *args: str, size: int | None = None):
    """What benchmarks/portal_django.py prints (JSON), run against the benchmark database."""
    command = [sys.executable, "-m", "benchmarks.portal_django", *args]
    result = subprocess.run(
        command, cwd=ROOT, env=env_for(kind, size), check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout.splitlines()[-1])


def psql(database: str, sql: str) -> None:
    subprocess.run(["psql", f"{PG_ADMIN_URL}/{database}", "-qc", sql], check=True)


def prepare(kind: str, count: int, size: int | None = None) -> None:
    from benchmarks.generate import write_pages

    OUT.mkdir(parents=True, exist_ok=True)
    sqlite_file, pg_name = names(kind, size)
    if kind == "sqlite":
        sqlite_file.unlink(missing_ok=True)
    else:
        for sql in (f"DROP DATABASE IF EXISTS {pg_name}", f"CREATE DATABASE {pg_name}"):
            psql("postgres", sql)
    manage(kind, "migrate", "-v0", size=size)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        write_pages(Path(tmp), count)
        print(f"{count} pages generated in {time.monotonic() - started:.0f} s", flush=True)
        started = time.monotonic()
        manage(kind, "import_releases", tmp, size=size)
        print(f"imported in {time.monotonic() - started:.0f} s", flush=True)
    if kind == "postgres":
        psql(pg_name, "VACUUM ANALYZE")
    manage(kind, "collectstatic", "--noinput", "-v0", size=size)


def sample_urls(samples: dict) -> dict[str, str]:
    from benchmarks.generate import rare_words_of

    one = samples["release"]
    return {
        "ceiling (constant view)": "/__constant__/",
        "list with facets": "/",
        "filtered list": f"/?country={one['country']}&year={one['year']}",
        "search, rare word": f"/?q={rare_words_of(4242)[0]}",
        "search, common word": "/?q=migrants",
        "search, common word, by relevance": "/?q=migrants&sort=relevance",
        "release page": one["url"],
    }


def rare_words(pages: int, count: int = 5000) -> list[str]:
    """A rare word of `count` pages spread over the database (every 20th page of 100,000)."""
    from benchmarks.generate import rare_words_of

    return [rare_words_of(i * pages // count)[0] for i in range(count)]


def filtered_paths(samples: dict, wanted: int = 5000) -> list[str]:
    """Every country and year that has releases, in random order; then their pages 2, 3, …
    (those that have them) until there are as many paths as wanted, so that none is asked twice."""
    combos = samples["combos"]
    random.Random(7).shuffle(combos)
    paths: list[str] = []
    number = 1
    while len(paths) < wanted:
        page = [
            f"/?country={country}&year={year}" + (f"&page={number}" if number > 1 else "")
            for country, year, count in combos
            if (number - 1) * samples["page_size"] < count
        ]
        if not page:
            break
        paths += page
        number += 1
    # A small database has too few: the same lists again, sorted by date as they already
    # are (another URL, the same work), so that the cache never answers.
    for sort in ("date", "relevance"):
        if len(paths) < wanted:
            paths += [f"{path}&sort={sort}" for path in paths if "&sort=" not in path]
    return paths[:wanted]


def api_filtered_paths(samples: dict, extra: str = "", wanted: int = 5000) -> list[str]:
    """The HTML row's lists and pages, through the API: page N by the cursor its `next` link gives."""
    combos = samples["combos"]
    random.Random(7).shuffle(combos)
    cursors = samples["api_cursors"]
    paths: list[str] = []
    number = 1
    while len(paths) < wanted:
        page = [
            f"/api/v1/releases/?country={country}&year={year}{extra}"
            + (f"&cursor={cursors[f'{country} {year}'][number - 2]}" if number > 1 else "")
            for country, year, count in combos
            if (number - 1) * samples["page_size"] < count
        ]
        if not page:
            break
        paths += page
        number += 1
    for limit in (21, 22):  # a small database: the same lists again (another URL, the same work)
        if len(paths) < wanted:
            paths += [f"{path}&limit={limit}" for path in paths if "&limit=" not in path]
    return paths[:wanted]


def varied_paths(samples: dict, api: bool = True) -> dict[str, list[str]]:
    """Rows where every request asks for another page, so that no cache helps; the API's
    beside the pages that show the same releases."""
    rows = {
        FILTERED: filtered_paths(samples),
        API_FILTERED: api_filtered_paths(samples),
        API_FACETS: api_filtered_paths(samples, f"&facets={ALL_FACETS}"),
        SEARCH: [f"/?q={word}" for word in rare_words(samples["count"])],
        RELEASE: [f"/releases/{slug}/" for _pk, slug in samples["releases"]],
        API_RELEASE: [f"/api/v1/releases/{pk}/" for pk, _slug in samples["releases"]],
    }
    return rows if api else {name: rows[name] for name in (FILTERED, SEARCH, RELEASE)}


@contextmanager
def serving(kind: str, size: int | None = None):
    """gunicorn (2 workers) on the benchmark database; yields its base URL."""
    command = [sys.executable, "-m", "gunicorn", "iomnews.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}"]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env_for(kind, size))
    base = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/__constant__/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def cached_rows(base: str, urls: dict[str, str], seconds: int, connections: int) -> int:
    errors = 0
    for name, path in urls.items():
        first = time.monotonic()
        urllib.request.urlopen(base + path, timeout=60).read()  # first, uncached request
        first_ms = (time.monotonic() - first) * 1000
        wrk(base + path, 2, connections)  # warm-up: each gunicorn worker fills its own cache
        result = wrk(base + path, seconds, connections)
        errors += result["errors"]
        line(name, result, f"first request {first_ms:.0f} ms")
    return errors


def after_writes(kind: str, base: str, repeat: int, size: int | None = None) -> int:
    """The first front page and release page after an editor's save, `repeat` times."""
    found = in_django(kind, "writes", base, str(repeat), size=size)
    print(f"\nfirst request after a write ({repeat} saves of a front-page release's title):")
    for name, times in (("front page /", found["front"]), ("that release's page", found["release"])):
        print(f"  {name:<44} p50 {statistics.median(times):>7.0f} ms   max {max(times):>7.0f} ms")
    print(f"  new title shown on both pages: {found['changed']} of {repeat}")
    return repeat - found["changed"]


def reference_rows(binary: str, samples: dict, seconds: int, connections: int) -> dict[str, dict]:
    """Datasette serving the same SQLite file, the same kinds of uncached pages."""
    sqlite_file = samples["sqlite_file"]
    rows = datasette.varied_paths(Path(sqlite_file).stem, samples, rare_words(samples["count"]))
    server, base = datasette.start(binary, sqlite_file)
    try:
        datasette.check(base, rows)
        header(f"{datasette.version(binary)} (-i, {datasette.SETTINGS}), the same file")
        return varied_rows(base, rows, seconds, connections)
    finally:
        datasette.stop(server)


RATIOS = [  # the portal's row, Datasette's, the target
    (FILTERED, "datasette: filtered table, 2 facets", 20),
    (RELEASE, "datasette: row page", 2),
    (SEARCH, "datasette: search (FTS5), 2 facets", 5),
]


def print_api_ratios(portal: dict[str, dict]) -> None:
    print("\nAPI / the HTML page of the same releases (req/s; median latency, the page's over the API's):")
    for api, page in ((API_FILTERED, FILTERED), (API_FACETS, FILTERED), (API_RELEASE, RELEASE)):
        rps = portal[api]["rps"] / portal[page]["rps"]
        median = to_ms(portal[page]["median"]) / to_ms(portal[api]["median"])
        verdict = "at least as fast" if min(rps, median) >= 1 else "SLOWER"
        print(f"  {api:<46} {rps:>6.2f}x   {median:>6.2f}x   ({verdict})")


def print_ratios(portal: dict[str, dict], reference: dict[str, dict]) -> None:
    print("\nportal / Datasette (requests/s; median latency, Datasette's over the portal's):")
    for mine, theirs, target in RATIOS:
        rps = portal[mine]["rps"] / reference[theirs]["rps"]
        median = to_ms(reference[theirs]["median"]) / to_ms(portal[mine]["median"])
        verdict = "reached" if min(rps, median) >= target else "NOT reached"
        print(f"  {mine:<46} {rps:>6.1f}x   {median:>6.1f}x   (target >= {target}x: {verdict})")


def run(kind: str, seconds: int, connections: int, binary: str | None, writes: int) -> int:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    manage(kind, "migrate", "-v0")
    samples = in_django(kind, "samples")
    varied = varied_paths(samples)
    print(f"load average before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    with serving(kind) as base:
        header(f"{kind}: {connections} connections, {seconds} s each")
        errors = cached_rows(base, sample_urls(samples), seconds, connections)
        portal = varied_rows(base, varied, seconds, connections)
        errors += sum(result["errors"] for result in portal.values())
        if writes:
            errors += after_writes(kind, base, writes)
    print_api_ratios(portal)
    if binary and kind == "sqlite":
        reference = reference_rows(binary, samples, seconds, connections)
        errors += sum(result["errors"] for result in reference.values())
        print_ratios(portal, reference)
    elif kind == "sqlite":
        print("\nDatasette not found (--datasette PATH): no reference rows")
    print(f"load average after: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print(f"errors in all: {errors}")
    return 1 if errors else 0


def prepared_marker(kind: str, size: int) -> Path:
    return OUT / f"prepared-{kind}-{size}"


def growth(kind: str, steps: list[int], seconds: int, connections: int, fresh: bool) -> int:
    """Median latency of the uncached rows at each database size, and largest over smallest."""
    medians, errors = {}, 0
    for size in steps:
        if fresh or not prepared_marker(kind, size).exists():
            prepare(kind, size, size)
            prepared_marker(kind, size).write_text(time.strftime("%Y-%m-%d %H:%M\n"))
        samples = in_django(kind, "samples", size=size)
        with serving(kind, size) as base:
            header(f"{kind}, {size:,} releases: {connections} connections, {seconds} s each")
            results = varied_rows(base, varied_paths(samples, api=False), seconds, connections)
        errors += sum(result["errors"] for result in results.values())
        medians[size] = {name: to_ms(result["median"]) for name, result in results.items()}
    small, large = min(steps), max(steps)
    print(f"\nmedian latency by size ({kind}); target: largest / smallest < 2x")
    print(f"{'page':<46}" + "".join(f"{size:>11,}" for size in steps) + f"{'ratio':>8}")
    for name in medians[small]:
        figures = "".join(f"{medians[size][name]:>9.1f}ms" for size in steps)
        print(f"{name:<46}{figures}{medians[large][name] / medians[small][name]:>7.2f}x")
    print(f"load average: {' '.join(f'{n:.2f}' for n in os.getloadavg())}; errors in all: {errors}")
    return 1 if errors else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=["prepare", "run", "growth"])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--releases-steps", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--fresh", action="store_true", help="growth: prepare every size again")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--datasette", help="the datasette executable (default: on PATH, or the benchmark venv)"
    )
    parser.add_argument("--no-datasette", action="store_true")
    parser.add_argument("--writes", type=int, default=20, help="saves before a first front page (0: none)")
    args = parser.parse_args()
    if args.action == "prepare":
        prepare(args.database, args.releases)
    elif args.action == "growth":
        sys.exit(growth(args.database, args.releases_steps, args.seconds, args.connections, args.fresh))
    else:
        binary = None if args.no_datasette else datasette.find_binary(args.datasette)
        sys.exit(run(args.database, args.seconds, args.connections, binary, args.writes))


if __name__ == "__main__":
    main()
