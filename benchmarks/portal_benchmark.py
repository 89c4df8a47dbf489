"""Load test of the portal: gunicorn serving 100,000 synthetic releases, wrk as the client.

    python benchmarks/portal_benchmark.py prepare --database sqlite|postgres [--releases 100000]
    python benchmarks/portal_benchmark.py run --database sqlite|postgres [--seconds 10] [--connections 8]

`prepare` generates the pages (benchmarks/generate.py) and imports them into
a database of its own; `run` starts gunicorn (2 workers, the machine has 2
cores) on 127.0.0.1 and prints requests/s and median/p99 latency for each
kind of page, and for a constant-response view as the ceiling. wrk comes from
Debian (apt-get install wrk); the load and the server share the machine.
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


def wrk(url: str, seconds: int, connections: int) -> tuple[float, str, str, str]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    return rps, median, p99, errors.group(0) if errors else "0"


def run(kind: str, seconds: int, connections: int) -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    manage(kind, "migrate", "-v0")
    urls = sample_urls(kind)
    command = [sys.executable, "-m", "gunicorn", "iomnews.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}"]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env_for(kind))
    try:
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/__constant__/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        print(f"\n{kind}: {connections} connections, {seconds} s each")
        print(f"{'page':<36} {'req/s':>8} {'median':>9} {'p99':>9}  errors")
        for name, path in urls.items():
            first = time.monotonic()
            urllib.request.urlopen(base + path, timeout=60).read()  # first, uncached request
            first_ms = (time.monotonic() - first) * 1000
            rps, median, p99, errors = wrk(base + path, seconds, connections)
            line = f"{name:<36} {rps:>8.0f} {median:>9} {p99:>9}  {errors}"
            print(f"{line}   (first request {first_ms:.0f} ms)", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)


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
        run(args.database, args.seconds, args.connections)


if __name__ == "__main__":
    main()
