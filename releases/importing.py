"""A batch import: files in, every file in exactly one bucket out.

Reads the files, learns the batch's site navigation, then parses and loads
page after page, so memory does not grow with the number of pages.
"""

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from .loading import CREATED, UPDATED, Loader
from .parsing import DEFAULT, Navigation, NotARelease, PageError, parse_page, read_lines, warm_up
from .parsing.navigation import SAMPLE_PAGES
from .sites import learn_from_batch, remember_navigation

logger = logging.getLogger(__name__)

PAGE_SUFFIXES = (".txt", ".html", ".htm")


class BadPath(ValueError):
    pass


def collect_files(paths: Iterable[str]) -> list[tuple[Path, str]]:
    """(path, name to report) for every page under the given files and folders."""
    found: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            pages = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
            found.extend((p, str(p)) for p in pages)
        elif path.is_file():
            found.append((path, str(path)))
        else:
            raise BadPath(f"no such file or folder: {given}")
    return found


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    kept_editor_fields: int = 0
    navigation_lines_learned: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "failed": self.failed,
            "kept_editor_fields": self.kept_editor_fields,
            "navigation_lines_learned": self.navigation_lines_learned,
            "seconds": round(self.seconds, 3),
        }

    def totals_line(self) -> str:
        return (
            f"{self.created} créé(s), {self.updated} mis à jour, {self.unchanged} inchangé(s), "
            f"{len(self.skipped)} ignoré(s), {len(self.failed)} en échec, "
            f"{self.kept_editor_fields} correction(s) d’éditeur conservée(s) — {self.seconds:.2f} s"
        )


def _read(path: Path):
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PageError(f"cannot read the file ({exc.strerror or exc})") from exc
    return read_lines(data, path.name)


# ---------------------------------------------------------------- parsing, in parallel
# Parsing is pure Python and takes about as long as loading: worker processes
# parse the next window of pages while this process loads the current one.
PARALLEL_MIN_FILES = 200
WINDOW = 256
_navigation: Navigation = DEFAULT


def _set_navigation(navigation: Navigation) -> None:
    global _navigation
    _navigation = navigation


def _parse_file(task: tuple[Path, str]) -> tuple[str, str, object]:
    """(name, "parsed" | "skipped" | "failed", release or reason); never raises."""
    path, name = task
    try:
        parsed = parse_page(_read(path), path.name, _navigation)
        parsed.content_hash()  # computed here, in the worker
        return name, "parsed", parsed
    except NotARelease as exc:
        return name, "skipped", str(exc)
    except PageError as exc:
        return name, "failed", str(exc)
    except Exception as exc:
        logger.exception("unexpected error parsing %s", name)
        return name, "failed", f"internal error: {type(exc).__name__}: {exc}"


@contextmanager
def parsed_pages(files: list[tuple[Path, str]], navigation: Navigation) -> Iterator[Iterator[tuple]]:
    workers = min(4, os.cpu_count() or 1)
    _set_navigation(navigation)
    if workers < 2 or len(files) < PARALLEL_MIN_FILES:
        yield map(_parse_file, files)
        return
    warm_up()  # the gazetteer and the language model are loaded once, then shared with the forked workers
    with multiprocessing.get_context("fork").Pool(workers, _set_navigation, (navigation,)) as pool:

        def windows() -> Iterator[tuple]:
            # The next window parses while this process loads the current one.
            chunks = [files[i : i + WINDOW] for i in range(0, len(files), WINDOW)]
            pending = pool.map_async(_parse_file, chunks[0], chunksize=16)
            for k in range(len(chunks)):
                results = pending.get()
                if k + 1 < len(chunks):
                    pending = pool.map_async(_parse_file, chunks[k + 1], chunksize=16)
                yield from results

        yield windows()


# ---------------------------------------------------------------- the batch
def learn_batch_navigation(files: list[tuple[Path, str]]) -> tuple[Navigation, dict[str, dict[str, str]]]:
    """Known navigation plus what a sample of the batch teaches: (navigation, new lines by site)."""
    sample = []
    step = max(1, len(files) // SAMPLE_PAGES)  # spread over the batch: every site has its chance
    for path, _name in files[::step][:SAMPLE_PAGES]:
        try:
            sample.append(_read(path).lines)
        except (PageError, NotARelease):
            continue
    return learn_from_batch(sample)


# Any fixed number: the key of the PostgreSQL advisory lock that imports share.
IMPORT_LOCK_KEY = 7_366_150_301


@contextmanager
def one_import_at_a_time() -> Iterator[None]:
    """Imports run one after the other: a second one waits, then finds the pages stored.

    PostgreSQL: an advisory lock held by this connection. SQLite lets one writer
    in at a time anyway (see the timeout in settings).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [IMPORT_LOCK_KEY])
        if not cursor.fetchone()[0]:
            logger.warning("another import is running: waiting for it to finish")
            cursor.execute("SELECT pg_advisory_lock(%s)", [IMPORT_LOCK_KEY])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [IMPORT_LOCK_KEY])


def run_import(
    files: list[tuple[Path, str]],
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    with one_import_at_a_time():
        return _run_import(files, dry_run, progress)


def _run_import(files, dry_run, progress) -> ImportReport:
    report = ImportReport()
    started = time.monotonic()
    navigation, learned_text = learn_batch_navigation(files)
    loader = Loader()
    # One transaction per page; a dry run wraps them all in one more that it rolls back.
    with parsed_pages(files, navigation) as pages, transaction.atomic() if dry_run else nullcontext():
        if learned_text:
            report.navigation_lines_learned = remember_navigation(learned_text)
        done = 0
        for window in _windows(pages, WINDOW):
            parsed = [payload for _name, kind, payload in window if kind == "parsed"]
            loader.prefetch(parsed)
            names = {id(payload): name for name, kind, payload in window if kind == "parsed"}
            for page, outcome in loader.load_window(parsed):
                _count(names[id(page)], outcome, report)
            for name, kind, payload in window:
                if kind == "skipped":
                    report.skipped.append({"path": name, "reason": payload})
                elif kind == "failed":
                    report.failed.append({"path": name, "error": payload})
            done += len(window)
            if progress:
                progress(done, len(files))
        if dry_run:
            transaction.set_rollback(True)
    report.seconds = time.monotonic() - started
    return report


def _windows(items: Iterator, size: int) -> Iterator[list]:
    window: list = []
    for item in items:
        window.append(item)
        if len(window) == size:
            yield window
            window = []
    if window:
        yield window


def _count(name: str, outcome, report: ImportReport) -> None:
    if isinstance(outcome, Exception):
        logger.error("could not store %s: %r", name, outcome)
        report.failed.append(
            {"path": name, "error": f"could not be stored: {type(outcome).__name__}: {outcome}"}
        )
    elif outcome.status == CREATED:
        report.created += 1
    elif outcome.status == UPDATED:
        report.updated += 1
    else:
        report.unchanged += 1
    if not isinstance(outcome, Exception):
        report.kept_editor_fields += len(outcome.kept_fields)


def record_run(report: ImportReport, paths: list[str], started, operator: str | None = None) -> None:
    """Keep the run for the admin (the lists of files cut at 1,000 entries each)."""
    import getpass

    from django.utils import timezone

    from .models import ImportRun

    ImportRun.objects.create(
        started_at=started,
        finished_at=timezone.now(),
        operator=operator or os.environ.get("IOMNEWS_OPERATOR") or getpass.getuser(),
        paths=[str(p) for p in paths],
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        skipped=report.skipped[:1000],
        failed=report.failed[:1000],
        kept_editor_fields=report.kept_editor_fields,
    )
