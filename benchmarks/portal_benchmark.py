"""Load test of the portal: gunicorn serving 100,000 synthetic releases, wrk as the client.

    python benchmarks/portal_benchmark.py prepare --database sqlite|postgres [--releases 100000]
    python benchmarks/portal_benchmark.py run --database sqlite|postgres [--seconds 10] [--connections 8]

`prepare` generates the pages (benchmarks/generate.py) and imports them into
a database of its own; `run` starts gunicorn (2 workers, the machine has 2
cores) on 127.0.0.1 and prints requests/s, median and p99 latency and errors
for each kind of page (after a warm-up), for pages that change at every
request (so that no cache helps), and for a constant-response view as the
ceiling. It exits with 1 if any request failed. wrk comes from Debian
(apt-get install wrk); the load and the server share the machine.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "iomnews_bench_portal"
PORT = 8801
sys.path.insert(0, str(ROOT))


def database_url(kind: str) -> str:
    return f"sqlite:///{OUT / 'portal.sqlite3'}" if kind == "sqlite" else f"{PG_ADMIN_URL}/{PG_NAME}"


def env_for(kind: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url(kind),
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "0",
    }


def manage(kind: str, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env_for(kind), check=True,
        capture_output=capture, text=True,
    )  # fmt: skip
    return result.stdout if capture else ""


def prepare(kind: str, count: int) -> None:
    from benchmarks.generate import write_pages

    OUT.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        (OUT / "portal.sqlite3").unlink(missing_ok=True)
    else:
        for sql in (f"DROP DATABASE IF EXISTS {PG_NAME}", f"CREATE DATABASE {PG_NAME}"):
            subprocess.run(["psql", f"{PG_ADMIN_URL}/postgres", "-qc", sql], check=True)
    manage(kind, "migrate", "-v0")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        write_pages(Path(tmp), count)
        print(f"{count} pages generated in {time.monotonic() - started:.0f} s", flush=True)
        started = time.monotonic()
        manage(kind, "import_releases", tmp)
        print(f"imported in {time.monotonic() - started:.0f} s", flush=True)
    if kind == "postgres":
        subprocess.run(["psql", f"{PG_ADMIN_URL}/{PG_NAME}", "-qc", "VACUUM ANALYZE"], check=True)
    manage(kind, "collectstatic", "--noinput", "-v0")


def sample_urls(kind: str) -> dict[str, str]:
    from benchmarks.generate import rare_words_of

    code = (
        "from releases.models import Release;"
        "r = Release.objects.exclude(office=None).exclude(published=None).order_by('id')[4242];"
        "print(r.get_absolute_url()); print(r.country); print(r.published.year)"
    )
    url, country, year = manage(kind, "shell", "-v", "0", "-c", code, capture=True).split()[-3:]
    rare = rare_words_of(4242)[0]
    return {
        "ceiling (constant view)": "/__constant__/",
        "list with facets": "/",
        "filtered list": f"/?country={country}&year={year}",
        "search, rare word": f"/?q={rare}",
        "search, common word": "/?q=migrants",
        "search, common word, by relevance": "/?q=migrants&sort=relevance",
        "release page": url,
    }


def varied_paths(kind: str, count: int = 5000) -> dict[str, list[str]]:
    """Rows where every request asks for another page, so that no cache helps."""
    from benchmarks.generate import rare_words_of

    code = (
        "from releases.models import Release;"
        f"print(*Release.objects.order_by('?').values_list('slug', flat=True)[:{count}])"
    )
    slugs = manage(kind, "shell", "-v", "0", "-c", code, capture=True).split()
    return {
        "search, a different word each time": [f"/?q={rare_words_of(20 * i)[0]}" for i in range(count)],
        "release page, a different one each time": [f"/releases/{slug}/" for slug in slugs],
    }


# wrk's threads take the paths in turns, so that no path is asked twice.
VARIED_SCRIPT = """
local paths, position, threads = {}, 1, 0
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
function setup(thread) threads = threads + 1; thread:set("first", threads) end
function init(args) position = tonumber(wrk.thread:get("first")) end
function request()
  local path = paths[(position - 1) % #paths + 1]
  position = position + 2
  return wrk.format("GET", path)
end
"""


def wrk(url: str, seconds: int, connections: int, script: Path | None = None, paths_file: Path | None = None):
    """(requests/s, median, p99, errors) of one wrk run."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    env = {**os.environ, "PATHS_FILE": str(paths_file or "")}
    out = subprocess.run(
        [*command, *(["-s", str(script)] if script else []), url],
        capture_output=True, text=True, check=True, env=env,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, median, p99, errors + (int(non_2xx.group(1)) if non_2xx else 0)


def run(kind: str, seconds: int, connections: int) -> int:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    manage(kind, "migrate", "-v0")
    urls = sample_urls(kind)
    varied = varied_paths(kind)
    command = [sys.executable, "-m", "gunicorn", "iomnews.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}"]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env_for(kind))
    total_errors = 0
    try:
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/__constant__/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        print(f"\n{kind}: {connections} connections, {seconds} s each")
        print(f"{'page':<42} {'req/s':>8} {'median':>9} {'p99':>9} {'errors':>7}")
        for name, path in urls.items():
            first = time.monotonic()
            urllib.request.urlopen(base + path, timeout=60).read()  # first, uncached request
            first_ms = (time.monotonic() - first) * 1000
            wrk(base + path, 2, connections)  # warm-up: each gunicorn worker fills its own cache
            rps, median, p99, errors = wrk(base + path, seconds, connections)
            total_errors += errors
            line = f"{name:<42} {rps:>8.0f} {median:>9} {p99:>9} {errors:>7}"
            print(f"{line}   (first request {first_ms:.0f} ms)", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "varied.lua"
            script.write_text(VARIED_SCRIPT)
            for name, paths in varied.items():
                paths_file = Path(tmp) / "paths.txt"
                paths_file.write_text("\n".join(paths) + "\n")
                rps, median, p99, errors = wrk(base, seconds, connections, script, paths_file)
                total_errors += errors
                print(f"{name:<42} {rps:>8.0f} {median:>9} {p99:>9} {errors:>7}   (uncached)", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"errors in all: {total_errors}")
    return 1 if total_errors else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=["prepare", "run"])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if args.action == "prepare":
        prepare(args.database, args.releases)
    else:
        sys.exit(run(args.database, args.seconds, args.connections))


if __name__ == "__main__":
    main()
