"""A batch import: files in, every file in exactly one bucket out.

Reads the files, learns the batch's site navigation, then parses and loads
window after window of pages, so memory does not grow with the number of pages.
"""

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext

from django.conf import settings
from django.db import connection, transaction

from .. import facet_counts
from ..models import ImportRun
from ..search import register_sqlite_functions
from .files import FoundFiles
from .navigation import learn_batch_navigation, remember_navigation
from .report import ImportReport
from .workers import FAILED, PARSED, SKIPPED, WINDOW, ParseSettings, parsed_pages
from .writing import ReleaseWriter

logger = logging.getLogger(__name__)

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


ANALYZE_AFTER = 1000  # releases created


def run_import(
    found: FoundFiles,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    run: ImportRun | None = None,
) -> ImportReport:
    """Import the files; the releases written name `run` (report.open_run) as their import."""
    with one_import_at_a_time():
        report = None
        behind = facet_counts.behind()  # an earlier import was killed before recounting
        try:
            with facet_counts.deferred(mark=not dry_run):
                report = _run_import(found, dry_run, progress, run)
        finally:
            # Bulk writes send no signals: everything recounted once (also after a failure).
            if not dry_run and (behind or report is None or report.created or report.updated):
                facet_counts.refresh_all()
                _analyze_after_large_import(report)
            elif not dry_run:
                facet_counts.caught_up()
        return report


def _analyze_after_large_import(report: ImportReport | None) -> None:
    """The planners choose indexes by the tables' statistics: a large import refreshes them
    now (PostgreSQL's autovacuum would, later; SQLite never would), so that the first pages
    after it are planned on the new sizes (SQLite then counts a facet from the index alone)."""
    if report is None or report.created < ANALYZE_AFTER:
        return
    analyze_tables()


def analyze_tables() -> None:
    tables = ["releases_release", "releases_releasecontact", "releases_release_projects"]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 2000")  # a sample: milliseconds, not seconds
            for table in tables:
                cursor.execute(f"ANALYZE {table}")
        else:
            cursor.execute(f"ANALYZE {', '.join(tables)}")


def _run_import(found: FoundFiles, dry_run: bool, progress, run: ImportRun | None) -> ImportReport:
    report = ImportReport(failed=list(found.failed))
    started = time.monotonic()
    navigation, learned_text = learn_batch_navigation(found.pages)
    if connection.vendor == "sqlite" and connection.connection is not None:
        # The stemmer that takes the workers' stems (a migration may have registered the plain one).
        register_sqlite_functions(None, connection)
    parse_settings = ParseSettings(
        navigation, tuple(settings.IMPORT_SOURCE_HOSTS), stems=connection.vendor == "sqlite"
    )
    writer = ReleaseWriter(import_run=run)
    # Each window in its own transaction; a dry run wraps them all in one more that it rolls back.
    with (
        parsed_pages(found.pages, parse_settings) as pages,
        transaction.atomic() if dry_run else nullcontext(),
    ):
        if learned_text:
            report.navigation_lines_learned = remember_navigation(learned_text)
        done = len(found.failed)
        for window in _windows(pages, WINDOW):
            names = {id(payload): name for name, kind, payload in window if kind == PARSED}
            for page, outcome in writer.load([payload for _name, kind, payload in window if kind == PARSED]):
                report.count(names[id(page)], outcome)
            if report.created:
                # The list's count of releases (and so its last pages) follows the import as it
                # goes; the counts of each filter catch up at its end.
                facet_counts.recount_total()
            for name, kind, payload in window:
                if kind == SKIPPED:
                    report.skipped.append({"path": name, "reason": str(payload), "code": payload.code})
                elif kind == FAILED:
                    report.failed.append({"path": name, "error": str(payload), "code": payload.code})
            done += len(window)
            if progress:
                progress(done, len(found))
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
