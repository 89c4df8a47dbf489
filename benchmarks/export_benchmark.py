"""Exports of 100,000 releases: the time and peak memory of a full export, and ten
exports asked for at once while people keep reading other pages.

    python benchmarks/export_benchmark.py prepare --database sqlite|postgres [--releases 100000]
    python benchmarks/export_benchmark.py full --database sqlite|postgres
    python benchmarks/export_benchmark.py load --database sqlite|postgres [--rate 40]

`prepare` imports generated pages into a database of its own
(iomnews_exports_portal, or benchmarks/out/exports.sqlite3). `full` requests
each download in a fresh process, as the first visitor does (the file is written
then served), then again (served from the file), and runs `export_releases`;
it prints seconds, megabytes and that process's peak resident memory.

`load` starts gunicorn as the README deploys it (2 workers, 4 threads each),
asks for other pages at a fixed rate (open loop: latency counts from when a
request was due), and after a quiet period sends ten different export requests
at once. It prints what each export got (200 and complete, or 429 with
Retry-After) and the median, p99 and worst latency of the other pages before,
during and after the exports. It exits with 1 if a page failed or an export
that answered 200 was incomplete.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "iomnews_exports_portal"
PORT = 8210
EXPORTS = [
    "/export.json", "/export.csv", "/export-tableur.csv", "/export.json?country=SN",
    "/export.csv?year=2010", "/export.json?year=2012", "/export.csv?year=2014",
    "/export-tableur.csv?year=2016", "/export.json?q=migrants", "/export.csv?has_contacts=true",
]  # fmt: skip
sys.path.insert(0, str(ROOT))


def env_for(kind: str, export_dir: Path) -> dict:
    url = f"sqlite:///{OUT / 'exports.sqlite3'}" if kind == "sqlite" else f"{PG_ADMIN_URL}/{PG_NAME}"
    return {
        **os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "iomnews.settings",
        "ALLOWED_HOSTS": "127.0.0.1,testserver", "DEBUG": "0", "EXPORT_DIR": str(export_dir),
    }  # fmt: skip


def prepare(kind: str, count: int) -> None:
    from benchmarks.generate import write_pages

    OUT.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        (OUT / "exports.sqlite3").unlink(missing_ok=True)
    else:
        for sql in (f"DROP DATABASE IF EXISTS {PG_NAME}", f"CREATE DATABASE {PG_NAME}"):
            subprocess.run(["psql", f"{PG_ADMIN_URL}/postgres", "-qc", sql], check=True)
    env = env_for(kind, OUT / "exports")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        write_pages(Path(tmp), count)
        started = time.monotonic()
        subprocess.run([sys.executable, "manage.py", "import_releases", tmp], cwd=ROOT, env=env, check=True)
        print(f"{count} pages imported in {time.monotonic() - started:.0f} s", flush=True)
    if kind == "postgres":
        subprocess.run(["psql", f"{PG_ADMIN_URL}/{PG_NAME}", "-qc", "VACUUM ANALYZE"], check=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


FULL_CHILD = """
import resource, sys, time
import django
django.setup()
from django.test import Client
path, command = sys.argv[1], sys.argv[2] == "command"
started = time.monotonic()
if command:
    from django.core.management import call_command
    with open("/dev/null", "w") as out:
        call_command("export_releases", format=path, stdout=out)
    size = 0
else:
    response = Client().get(path)
    assert response.status_code == 200, response.status_code
    size = sum(len(block) for block in response.streaming_content)
first = time.monotonic() - started
again = 0.0
if not command:
    started = time.monotonic()
    sum(len(block) for block in Client().get(path).streaming_content)
    again = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{first:.1f} {again:.2f} {size / 1e6:.0f} {peak:.0f}")
"""


def full(kind: str) -> None:
    print(f"{'what':<28} {'written':>8} {'again':>7} {'MB':>6} {'peak RSS':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        env = env_for(kind, Path(tmp))
        for what, mode in [("/export.json", "url"), ("/export.csv", "url"), ("/export-tableur.csv", "url"),
                           ("json", "command"), ("csv", "command")]:  # fmt: skip
            result = subprocess.run(
                [sys.executable, "-c", FULL_CHILD, what, mode], cwd=ROOT, env=env,
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            first, again, size, peak = result.stdout.split()
            label = what if mode == "url" else f"export_releases --format {what}"
            again = f"{float(again):.2f} s" if mode == "url" else "-"
            print(f"{label:<28} {first:>6} s {again:>7} {size:>6} {peak:>6} MB", flush=True)


# ---------------------------------------------------------------- load
class Pages(threading.Thread):
    """Other pages at a fixed rate; latency from when each request was due."""

    def __init__(self, urls: list[str], rate: float):
        super().__init__(daemon=True)
        self.urls, self.rate, self.stop = urls, rate, threading.Event()
        self.samples: list[tuple[float, float, bool]] = []  # (due, latency, ok)
        self.failures: dict[str, int] = {}

    def run(self) -> None:
        start, lock, index = time.monotonic(), threading.Lock(), [0]

        def worker():
            while not self.stop.is_set():
                with lock:
                    i = index[0]
                    index[0] += 1
                due = start + i / self.rate
                time.sleep(max(0.0, due - time.monotonic()))
                url = self.urls[i % len(self.urls)]
                status = fetch(url)[0]
                self.samples.append((due, time.monotonic() - due, status == 200))
                if status != 200:
                    self.failures[f"{status} {url}"] = self.failures.get(f"{status} {url}", 0) + 1

        workers = [threading.Thread(target=worker, daemon=True) for _ in range(16)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()


def fetch(path: str) -> tuple[int, int, bytes, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=60) as response:
            size, tail = 0, b""
            while block := response.read(1 << 20):
                size, tail = size + len(block), (tail + block)[-8:]
            return response.status, size, tail, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, 0, b"", dict(error.headers)
    except OSError:
        return 0, 0, b"", {}


def latency_line(label: str, samples) -> str:
    if not samples:
        return f"{label:<22} (none)"
    ms = sorted(latency * 1000 for _due, latency, _ok in samples)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    failed = sum(not ok for *_rest, ok in samples)
    return (
        f"{label:<22} {len(ms):>5} pages  median {statistics.median(ms):6.1f} ms  p99 {p99:6.1f} ms  "
        f"worst {ms[-1]:6.1f} ms  failed {failed}"
    )


def load(kind: str, rate: float) -> int:
    export_dir = Path(tempfile.mkdtemp())
    env = env_for(kind, export_dir)
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "iomnews.wsgi", "--workers", "2", "--threads", "4",
         "--bind", f"127.0.0.1:{PORT}"],
        cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            if fetch("/healthz")[0] == 200:
                break
            time.sleep(0.2)
        urls = page_urls(env)
        for _ in range(2):  # every worker has the pages cached, as in production
            for url in urls:
                fetch(url)
        pages = Pages(urls, rate)
        pages.start()
        time.sleep(10)
        exports_started = time.monotonic()
        results: dict[str, tuple] = {}

        def export(path):
            began = time.monotonic()
            results[path] = (*fetch(path), time.monotonic() - began)

        threads = [threading.Thread(target=export, args=(path,)) for path in EXPORTS]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        exports_ended = time.monotonic()
        time.sleep(10)
        pages.stop.set()
        pages.join(timeout=70)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(export_dir, ignore_errors=True)
    incomplete = 0
    print(f"{'export':<32} {'status':>6} {'seconds':>8} {'MB':>6}  complete")
    for path in EXPORTS:
        status, size, tail, headers, seconds = results[path]
        complete = status == 200 and size == int(headers.get("Content-Length", -1)) and tail.endswith(b"\n")
        incomplete += status == 200 and not complete
        note = "yes" if complete else f"Retry-After {headers.get('Retry-After')}" if status == 429 else "NO"
        print(f"{path:<32} {status:>6} {seconds:>8.1f} {size / 1e6:>6.0f}  {note}")
    samples = pages.samples
    print(latency_line("pages before exports", [s for s in samples if s[0] < exports_started]))
    print(
        latency_line("pages during exports", [s for s in samples if exports_started <= s[0] < exports_ended])
    )
    print(latency_line("pages after exports", [s for s in samples if s[0] >= exports_ended]))
    for failure, times in sorted(pages.failures.items()):
        print(f"failed: {failure} ({times} times)")
    return 1 if incomplete or pages.failures else 0


def page_urls(env: dict) -> list[str]:
    """The list, a filtered list, an index and 20 release pages of the benchmark's database."""
    slugs = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from releases.models import Release; print(*Release.objects.values_list('slug', flat=True)[:20])"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout.splitlines()[-1].split()  # fmt: skip
    return ["/", "/?country=SN", "/offices/", *(f"/releases/{slug}/" for slug in slugs)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=["prepare", "full", "load"])
    parser.add_argument("--database", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=40, help="other pages per second during `load`")
    args = parser.parse_args()
    if args.action == "prepare":
        prepare(args.database, args.releases)
    elif args.action == "full":
        full(args.database)
    else:
        sys.exit(load(args.database, args.rate))


if __name__ == "__main__":
    main()
