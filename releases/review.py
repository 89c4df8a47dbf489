"""The review queue: which releases need an editor, why, and which first, in the editors' words.

A release waits for review, until an editor marks it reviewed, when the import guessed
or doubted something an editor can check on the form: a new version of a page an
editor corrected, a title guessed, a page almost refused, a contact block not
understood, text left with menu lines or bad bytes, an HTML page without its date.
The queue lists first what most needs a decision (REASONS, in order).

What is not worth an editor's time is not a reason: a page without a contact block
(common, and nothing to fix), no office, a contact without an e-mail, a canonical URL
the operator's settings refuse, a text page without a date (the scraped text pages
never carry one).
"""

from dataclasses import dataclass

from django.db import models

from core.typography import NBSP, NNBSP

from .warning_labels import Described, describe_warning

# HTML pages carry a date (article:published_time, <time>); the scraped text pages never do.
HTML_PAGE = (
    models.Q(source__istartswith="http")
    | models.Q(source__iendswith=".html")
    | models.Q(source__iendswith=".htm")
)


@dataclass(frozen=True)
class Kind:
    """A reason for review: its code, what the editor reads, the import warnings that give it."""

    code: str
    label: str
    warnings: tuple[str, ...] = ()


# In the order the queue lists them: what most needs an editor's decision first.
REASONS = (
    Kind("new_version", "nouvelle version de la page", ("import_would_replace",)),
    Kind("nearly_refused", "page presque refusée", ("nearly_refused",)),
    Kind("title", "titre deviné ou douteux", (
        "title_guessed", "no_title", "title_is_label", "title_is_menu", "title_too_long",
    )),
    Kind("contacts", "contacts non compris", (
        "contact_block_not_recognised", "contact_block_without_person", "contact_without_name",
        "phone_not_understood", "shared_email", "lines_after_contact_block",
    )),
    Kind("text", "texte à vérifier", (
        "menu_lines_in_body", "empty_body", "invalid_utf8_bytes", "control_characters_removed",
    )),
    Kind("note", "remarque de l’import", ("note",)),
    Kind("no_date", "pas de date connue"),
)  # fmt: skip
KINDS = {kind.code: kind for kind in REASONS}
REVIEW_WARNINGS = tuple(code for kind in REASONS for code in kind.warnings)
# The page changed at its source after an editor corrected it: a new version too.
SOURCE_CHANGED = Described(
    "source_changed", "page modifiée après correction", "les deux versions sont sur le formulaire"
)


@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    details: tuple[str, ...] = ()  # each warning with its detail (the form)
    kinds: tuple[str, ...] = ()  # each kind of warning once (the list)

    def __str__(self) -> str:
        return f"{self.label}{NBSP}: {f'{NNBSP}; '.join(self.details)}" if self.details else self.label

    @property
    def short(self) -> str:
        return f"{self.label}{NBSP}: {', '.join(self.kinds)}" if self.kinds else self.label


def _warned(codes) -> models.Q:
    # One text search per code, the same on both databases: stored JSON reads '"code": "…"'.
    found = models.Q(pk__in=[])
    for code in codes:
        found |= models.Q(warnings__icontains=f'"code": "{code}"')
    return found


def _source_changed() -> models.Q:
    return models.Q(source_changed_at__isnull=False) & (
        models.Q(reviewed_at__isnull=True) | models.Q(source_changed_at__gt=models.F("reviewed_at"))
    )


def reason_filter(code: str) -> models.Q:
    """The releases that have this reason (reviewed or not)."""
    if code not in KINDS:
        raise ValueError(f"unknown review reason: {code}")
    if code == "no_date":
        return models.Q(published__isnull=True) & HTML_PAGE
    found = _warned(KINDS[code].warnings)
    return found | _source_changed() if code == "new_version" else found


def needing_review() -> models.Q:
    """Releases with a reason, not reviewed since; or changed at their source since reviewed."""
    problems = models.Q(pk__in=[])
    for kind in REASONS:
        problems |= reason_filter(kind.code)
    return (problems & models.Q(reviewed_at__isnull=True)) | _source_changed()


def urgency() -> models.Case:
    """The rank of a release's first reason in REASONS (0 first): the queue's order."""
    whens = [
        models.When(reason_filter(kind.code), then=models.Value(rank)) for rank, kind in enumerate(REASONS)
    ]
    return models.Case(*whens, default=models.Value(len(REASONS)), output_field=models.IntegerField())


def _is_html_page(source: str) -> bool:
    lowered = source.lower()
    return lowered.startswith("http") or lowered.endswith((".html", ".htm"))


def reasons_of(release) -> list[Reason]:
    """Why this release needs (or needed, before it was reviewed) an editor, in French,
    in the queue's order."""
    warned = [w for w in map(describe_warning, release.warnings or []) if w.code in REVIEW_WARNINGS]
    found = []
    for kind in REASONS:
        mine = [w for w in warned if w.code in kind.warnings]
        if kind.code == "new_version" and is_source_changed(release):
            mine.insert(0, SOURCE_CHANGED)
        if kind.code == "no_date" and release.published is None and _is_html_page(release.source):
            found.append(Reason(kind.code, kind.label))
        elif mine:
            details = tuple(dict.fromkeys(str(w) for w in mine))
            found.append(Reason(kind.code, kind.label, details, tuple(dict.fromkeys(w.label for w in mine))))
    return found


def is_source_changed(release) -> bool:
    changed, reviewed = release.source_changed_at, release.reviewed_at
    return bool(changed and (not reviewed or changed > reviewed))


def is_waiting(release, reasons: list[Reason]) -> bool:
    """Still in the queue: a reason and never reviewed, or its page changed since."""
    return is_source_changed(release) or bool(reasons and release.reviewed_at is None)
