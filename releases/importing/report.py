"""What an import did: every file in exactly one bucket, and the run kept for the admin."""

import getpass
import logging
import os
from dataclasses import dataclass, field

from django.utils import timezone

from ..models import ImportRun
from .writing import CREATED, UPDATED

logger = logging.getLogger(__name__)

KEPT_IN_RUN = 1000  # entries of each list of files kept with a run


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

    def count(self, name: str, outcome) -> None:
        """One page's outcome (a LoadOutcome, or the error that kept it out)."""
        if isinstance(outcome, Exception):
            logger.error("could not store %s: %r", name, outcome)
            self.failed.append(
                {
                    "path": name,
                    "error": f"could not be stored: {type(outcome).__name__}: {outcome}",
                    "code": "not_stored",
                }
            )
            return
        if outcome.status == CREATED:
            self.created += 1
        elif outcome.status == UPDATED:
            self.updated += 1
        else:
            self.unchanged += 1
        self.kept_editor_fields += len(outcome.kept_fields)

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


def open_run(paths: list[str], started, operator: str | None = None) -> ImportRun:
    """The run, recorded as it starts, so that the releases it writes can name it."""
    return ImportRun.objects.create(
        started_at=started,
        operator=operator or os.environ.get("IOMNEWS_OPERATOR") or getpass.getuser(),
        paths=[str(p) for p in paths],
    )


def record_run(
    report: ImportReport, paths: list[str], started, operator: str | None = None, run: ImportRun | None = None
) -> ImportRun:
    """Keep the run for the admin (the lists of files cut at KEPT_IN_RUN entries each):
    the one open_run started, or a new one."""
    run = run or open_run(paths, started, operator)
    run.finished_at = timezone.now()
    run.created, run.updated, run.unchanged = report.created, report.updated, report.unchanged
    run.skipped, run.failed = report.skipped[:KEPT_IN_RUN], report.failed[:KEPT_IN_RUN]
    run.kept_editor_fields = report.kept_editor_fields
    run.save()
    return run
