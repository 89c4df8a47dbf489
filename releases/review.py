"""The review queue: which releases need an editor, and why, in the editors' words.

A release waits for review, until an editor marks it reviewed, when something is
missing that an editor can supply, or the import warned about something an editor
can fix (REVIEW_WARNINGS). A page changed at its source after an editor corrected it
waits again, whenever it was reviewed. What is not worth an editor's time is not a
reason: text pages carry no date at all (a date is missing only where the page could
have given one: HTML pages), a contact without an e-mail, a canonical URL the
operator's settings refuse.
"""

from dataclasses import dataclass

from django.db import models

from .warning_labels import describe_warning

# HTML pages carry a date (article:published_time, <time>); the scraped text pages never do.
HTML_PAGE = (
    models.Q(source__istartswith="http")
    | models.Q(source__iendswith=".html")
    | models.Q(source__iendswith=".htm")
)

# Import warnings that ask for an editor: each names something the editor can fix on the form.
# (no_contact_block and contact_block_without_person are the reason "pas de contact".)
REVIEW_WARNINGS = (
    "no_title", "title_is_label", "title_is_menu", "title_too_long", "menu_lines_in_body", "empty_body",
    "phone_not_understood", "lines_after_contact_block", "invalid_utf8_bytes", "contact_without_name",
    "shared_email", "import_would_replace", "note",
    # Where the parser was unsure: a title guessed, a page nearly refused, e-mails without a
    # recognised contact block, characters dropped from the text.
    "title_guessed", "nearly_refused", "contact_block_not_recognised", "control_characters_removed",
)  # fmt: skip

REASONS = {
    "no_date": "pas de date connue",
    "no_office": "pas de bureau",
    "no_contact": "pas de contact",
    "source_changed": "page modifiée après correction",
    "warnings": "avertissements d’import",
}


@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    details: tuple[str, ...] = ()  # each warning with its detail (the form)
    kinds: tuple[str, ...] = ()  # each kind of warning once (the list)

    def __str__(self) -> str:
        return f"{self.label} : {' ; '.join(self.details)}" if self.details else self.label

    @property
    def short(self) -> str:
        return f"{self.label} : {', '.join(self.kinds)}" if self.kinds else self.label


def _has_contact():
    from .models import ReleaseContact

    return models.Exists(ReleaseContact.objects.filter(release=models.OuterRef("pk")))


def _warned():
    # One text search per code, the same on both databases: stored JSON reads '"code": "…"'.
    found = models.Q(pk__in=[])
    for code in REVIEW_WARNINGS:
        found |= models.Q(warnings__icontains=f'"code": "{code}"')
    return found


def reason_filter(code: str) -> models.Q:
    """The releases that have this reason (reviewed or not)."""
    if code == "no_date":
        return models.Q(published__isnull=True) & HTML_PAGE
    if code == "no_office":
        return models.Q(office__isnull=True)
    if code == "no_contact":
        return ~_has_contact()
    if code == "warnings":
        return _warned()
    if code == "source_changed":
        return models.Q(source_changed_at__isnull=False) & (
            models.Q(reviewed_at__isnull=True) | models.Q(source_changed_at__gt=models.F("reviewed_at"))
        )
    raise ValueError(f"unknown review reason: {code}")


def needing_review() -> models.Q:
    """Releases with a reason, not reviewed since; or changed at their source since reviewed."""
    problems = models.Q(pk__in=[])
    for code in ("no_date", "no_office", "no_contact", "warnings"):
        problems |= reason_filter(code)
    return (problems & models.Q(reviewed_at__isnull=True)) | reason_filter("source_changed")


def _is_html_page(source: str) -> bool:
    lowered = source.lower()
    return lowered.startswith("http") or lowered.endswith((".html", ".htm"))


def reasons_of(release, contact_count: int | None = None) -> list[Reason]:
    """Why this release needs (or needed, before it was reviewed) an editor, in French.

    `contact_count` when the row is annotated with it (the admin's list), else counted.
    """
    if contact_count is None:
        contact_count = release.contact_links.count()
    found = []
    if release.published is None and _is_html_page(release.source):
        found.append(Reason("no_date", REASONS["no_date"]))
    if release.office_id is None:
        found.append(Reason("no_office", REASONS["no_office"]))
    if not contact_count:
        found.append(Reason("no_contact", REASONS["no_contact"]))
    if is_source_changed(release):
        found.append(Reason("source_changed", REASONS["source_changed"]))
    warned = [w for w in map(describe_warning, release.warnings or []) if w.code in REVIEW_WARNINGS]
    if warned:
        details = tuple(dict.fromkeys(str(w) for w in warned))
        kinds = tuple(dict.fromkeys(w.label for w in warned))
        found.append(Reason("warnings", REASONS["warnings"], details, kinds))
    return found


def is_source_changed(release) -> bool:
    changed, reviewed = release.source_changed_at, release.reviewed_at
    return bool(changed and (not reviewed or changed > reviewed))


def is_waiting(release, reasons: list[Reason]) -> bool:
    """Still in the queue: a reason and never reviewed, or its page changed since."""
    return is_source_changed(release) or bool(reasons and release.reviewed_at is None)
