"""Import speed and peak memory, on SQLite and PostgreSQL.

    python benchmarks/import_benchmark.py [--counts 1000 20000] [--databases sqlite postgres]
                                          [--styles samples other]
    python benchmarks/import_benchmark.py --grow 300000 [--step 10000] [--databases postgres] [--profile]

Each run imports freshly generated pages into an empty database in a child
process and prints pages/s and that process's peak resident memory.

`--grow N` loads N distinct pages into one database, `--step` pages at a
time (one import each, as a scheduled import would), and prints pages/s per
step: whether the cost of a page grows with the database. `--profile` adds,
per step, the SQL statements that took the most time.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_pages  # noqa: E402

PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")

CHILD = """
import json, resource, sys, time, io
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
out = io.StringIO()
started = time.monotonic()
try:
    call_command("import_releases", sys.argv[1], report="json", stdout=out, stderr=io.StringIO())
except Exception:
    pass
seconds = time.monotonic() - started
report = json.loads(out.getvalue())
report["seconds"] = seconds
report["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({k: v for k, v in report.items() if k not in ("skipped", "failed")}
                 | {"failed": len(report["failed"]), "skipped": len(report["skipped"])}))
"""


GROW_CHILD = """
import collections, contextlib, io, json, sys, tempfile, time
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from benchmarks.generate import write_pages
total, step, style, profile = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4] == "1"
call_command("migrate", verbosity=0)
spent = collections.Counter()

def timed(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        spent[" ".join(sql.split())[:90]] += time.perf_counter() - started

for start in range(0, total, step):
    with tempfile.TemporaryDirectory() as tmp:
        write_pages(Path(tmp), step, style=style, start=start)
        spent.clear()
        out = io.StringIO()
        started = time.monotonic()
        with connection.execute_wrapper(timed) if profile else contextlib.nullcontext():
            try:
                call_command("import_releases", tmp, report="json", stdout=out, stderr=io.StringIO())
            except Exception:
                pass
        seconds = time.monotonic() - started
    report = json.loads(out.getvalue())
    top = [(round(t, 1), sql) for sql, t in spent.most_common(6)]
    print(json.dumps({"start": start, "seconds": seconds, "created": report["created"],
                      "failed": len(report["failed"]), "sql_seconds": round(sum(spent.values()), 1),
                      "top": top}), flush=True)
"""


def database_url(kind: str, workdir: Path, name: str = "iomnews_bench_import") -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    subprocess.run(["psql", PG_ADMIN_URL + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", PG_ADMIN_URL + "/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    return f"{PG_ADMIN_URL}/{name}"


def run(count: int, kind: str, style: str = "samples", pg_name: str = "iomnews_bench_import") -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        pages = workdir / "pages"
        write_pages(pages, count, style=style)
        env = {
            **os.environ,
            "DATABASE_URL": database_url(kind, workdir, pg_name),
            "DJANGO_SETTINGS_MODULE": "iomnews.settings",
        }
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(pages)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])


def grow(total: int, step: int, kind: str, style: str, profile: bool, pg_name: str) -> None:
    """One database, `step` new pages at a time: pages/s per step, and the end against the start."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(kind, Path(tmp), pg_name),
            "DJANGO_SETTINGS_MODULE": "iomnews.settings",
        }
        print(f"{kind}, {style} pages, {step} at a time up to {total}")
        print(f"{'releases before':>15} {'seconds':>8} {'pages/s':>8}  created/failed")
        child = subprocess.Popen(
            [sys.executable, "-c", GROW_CHILD, str(total), str(step), style, "1" if profile else "0"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        rates = []
        for line in child.stdout:
            r = json.loads(line)
            rates.append(step / r["seconds"])
            print(
                f"{r['start']:>15} {r['seconds']:>8.1f} {rates[-1]:>8.0f}  {r['created']}/{r['failed']}",
                flush=True,
            )
            if profile:
                print(f"{'':>15} SQL {r['sql_seconds']} s; most:", flush=True)
                for seconds, sql in r["top"]:
                    print(f"{'':>19}{seconds:>6} s  {sql}", flush=True)
        if child.wait():
            raise SystemExit(f"the import child failed ({child.returncode})")
    if len(rates) >= 2:
        mean = sum(rates) / len(rates)
        print(f"last step / first step: {rates[-1] / rates[0]:.0%}; mean {mean:.0f} pages/s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument(
        "--databases", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"]
    )
    parser.add_argument("--styles", nargs="+", default=["samples"], choices=["samples", "other"])
    parser.add_argument("--grow", type=int, metavar="N", help="load N pages into one database, step by step")
    parser.add_argument("--step", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="with --grow: the slowest SQL of each step")
    parser.add_argument("--pg-name", default="iomnews_bench_import", help="PostgreSQL database to (re)create")
    args = parser.parse_args()
    if args.grow:
        for kind in args.databases:
            for style in args.styles:
                grow(args.grow, args.step, kind, style, args.profile, args.pg_name)
        return
    header = f"{'database':<10} {'style':<8} {'pages':>7} {'seconds':>8} {'pages/s':>8} {'peak MB':>8}"
    print(header + "  created/failed")
    for kind in args.databases:
        for style in args.styles:
            for count in args.counts:
                r = run(count, kind, style, args.pg_name)
                print(
                    f"{kind:<10} {style:<8} {count:>7} {r['seconds']:>8.1f} {count / r['seconds']:>8.0f} "
                    f"{r['peak_rss_mb']:>8.0f}  {r['created']}/{r['failed']}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
