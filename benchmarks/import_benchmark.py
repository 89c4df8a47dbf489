"""Import speed and peak memory, on SQLite and PostgreSQL.

    python benchmarks/import_benchmark.py [--counts 1000 20000] [--databases sqlite postgres]
                                          [--styles samples other]

Each run imports freshly generated pages into an empty database in a child
process and prints pages/s and that process's peak resident memory.
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


def database_url(kind: str, workdir: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    name = "iomnews_bench_import"
    subprocess.run(["psql", PG_ADMIN_URL + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", PG_ADMIN_URL + "/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    return f"{PG_ADMIN_URL}/{name}"


def run(count: int, kind: str, style: str = "samples") -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        pages = workdir / "pages"
        write_pages(pages, count, style=style)
        env = {
            **os.environ,
            "DATABASE_URL": database_url(kind, workdir),
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument(
        "--databases", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"]
    )
    parser.add_argument("--styles", nargs="+", default=["samples"], choices=["samples", "other"])
    args = parser.parse_args()
    header = f"{'database':<10} {'style':<8} {'pages':>7} {'seconds':>8} {'pages/s':>8} {'peak MB':>8}"
    print(header + "  created/failed")
    for kind in args.databases:
        for style in args.styles:
            for count in args.counts:
                r = run(count, kind, style)
                print(
                    f"{kind:<10} {style:<8} {count:>7} {r['seconds']:>8.1f} {count / r['seconds']:>8.0f} "
                    f"{r['peak_rss_mb']:>8.0f}  {r['created']}/{r['failed']}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
