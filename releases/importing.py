"""A batch import: files in, every file in exactly one bucket out.

Reads the files, learns the batch's site navigation, then parses and loads
page after page, so memory does not grow with the number of pages.
"""

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .loading import CREATED, UNCHANGED, UPDATED, known_navigation, load_release, remember_navigation
from .parsing import NotARelease, PageError, learn_navigation, navigation_key, parse_page, read_lines
from .parsing.navigation import SAMPLE_PAGES

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


def run_import(
    files: list[tuple[Path, str]],
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    report = ImportReport()
    started = time.monotonic()

    # 1. Learn the navigation that the batch's pages share (from a bounded sample).
    sample: dict[Path, object] = {}
    for path, _name in files[:SAMPLE_PAGES]:
        try:
            sample[path] = _read(path)
        except (PageError, NotARelease):
            continue
    navigation = set(known_navigation())
    learned_keys = learn_navigation([page.lines for page in sample.values()], navigation)
    learned_text = {}
    for page in sample.values():
        for line in page.lines:
            key = navigation_key(line)
            if key in learned_keys:
                learned_text.setdefault(key, line)
    navigation |= learned_keys
    navigation = frozenset(navigation)

    # 2. Parse and load page by page; a dry run rolls everything back at the end.
    with transaction.atomic():
        if learned_text and not dry_run:
            report.navigation_lines_learned = remember_navigation(learned_text)
        elif learned_text:
            report.navigation_lines_learned = len(learned_text)
        for index, (path, name) in enumerate(files, start=1):
            _import_one(path, name, sample.pop(path, None), navigation, report)
            if progress:
                progress(index, len(files))
        if dry_run:
            transaction.set_rollback(True)
    report.seconds = time.monotonic() - started
    return report


def _import_one(path: Path, name: str, page, navigation: frozenset[str], report: ImportReport) -> None:
    try:
        if page is None:
            page = _read(path)
        parsed = parse_page(page, path.name, navigation)
        outcome = load_release(parsed)
    except NotARelease as exc:
        report.skipped.append({"path": name, "reason": str(exc)})
        return
    except PageError as exc:
        report.failed.append({"path": name, "error": str(exc)})
        return
    except Exception as exc:
        logger.exception("unexpected error importing %s", name)
        report.failed.append({"path": name, "error": f"internal error: {type(exc).__name__}: {exc}"})
        return
    if outcome.status == CREATED:
        report.created += 1
    elif outcome.status == UPDATED:
        report.updated += 1
    elif outcome.status == UNCHANGED:
        report.unchanged += 1
    report.kept_editor_fields += len(outcome.kept_fields)
