"""Writing releases: each page stored whole or not at all, once, never over an editor.

`ReleaseWriter().load(pages)` is the one path for one page or many: it reads
ahead what the pages refer to (releases already stored, offices, people,
projects), plans every row, and writes them in bulk in one transaction. If
anything fails, the transaction is rolled back and each half is loaded again,
down to the page that fails, which alone is reported: a bad page costs about
itself, not its window.

A page is the release already stored with the same source (file name or
canonical URL) or, failing that, the same content fingerprint — also when the
copy comes earlier in the same batch. Fields an editor corrected are never
overwritten (CorrectableModel); an import that would replace most of a
release's title and body is held for review instead of applied.
"""

import json
import logging
import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from core.caching import bump, tag
from core.history import record_imported_versions

from ..models import QuotedPerson, Release, ReleaseContact, year_of
from ..search import INDEXED_BODY_CHARS, forget_stems_ahead, stems_ahead
from ..warning_labels import warning_code
from .resolving import EntityResolver, ResolvedContact
from .slugs import SlugAllocator

logger = logging.getLogger(__name__)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
QUERY_SIZE = 500
# Pages written together in one savepoint: what a failing page costs to replay.
CHUNK = 32
COUNTRY = re.compile(r"^[A-Z]{2}$")
# Below this share of its paragraphs kept, with another title, a page replaces a release.
REPLACEMENT_KEEPS_LESS_THAN = 0.5
RELATIONS = ("contacts", "projects", "quoted_people")


@dataclass(frozen=True)
class StoredRelease:
    """What the writer needs to know of a release already in the database."""

    pk: int
    source: str
    fingerprint: str
    import_hash: str
    locked_fields: tuple[str, ...]


@dataclass
class LoadOutcome:
    status: str
    kept_fields: list[str] = field(default_factory=list)


@dataclass
class PlannedRelease:
    """A page and the rows it needs: its release (new, or stored and to update) and its links."""

    page: object
    release: Release | None = None
    stored: StoredRelease | None = None
    office: object = None
    contacts: list[ResolvedContact] = field(default_factory=list)
    projects: list = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    outcome: LoadOutcome | None = None


def warning_json(warning) -> dict:
    """A parser's warning as stored: {"code", "detail"} (releases/warning_labels.py names them)."""
    return warning_code(warning)


def release_values(page, office) -> dict:
    """The fields of a release as the page gives them, cut to what the columns hold."""
    country = page.country or ""
    return {
        "title": page.title[:500],
        "dateline": (page.dateline or "")[:200],
        "published": page.published,
        "language": (page.language or "")[:8],
        "country": country if COUNTRY.match(country) else "",
        "office_id": office.pk if office is not None else None,
        "body": page.body,
    }


def indexed_texts(page) -> list[str]:
    """The texts SQLite's search triggers stem for a page's release (title, dateline, body prefix)."""
    values = release_values(page, None)
    return [values["title"], values["dateline"], values["body"][:INDEXED_BODY_CHARS]]


def _json_safe(values: dict) -> dict:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


def _quotes(page) -> list[tuple[str, str]]:
    return list({q.name[:200]: q.role[:300] for q in page.quoted_people}.items())


def _replaces(release: Release, values: dict) -> bool:
    """Would the page put another title and most of another body in place of this release's?"""
    if values["title"] == release.title or {"title", "body"} & set(release.locked_fields):
        return False
    before = {p for p in release.body.split("\n\n") if p.strip()}
    after = {p for p in values["body"].split("\n\n") if p.strip()}
    if not before:
        return False
    return len(before & after) / len(before) < REPLACEMENT_KEEPS_LESS_THAN


class ReleaseWriter:
    def __init__(self, import_run=None):
        self.import_run = import_run  # named by the releases it creates or changes
        self.entities = EntityResolver()
        self.slugs = SlugAllocator(Release, "communique")
        self.stored: dict[str, StoredRelease] = {}
        self.earlier: dict[str, PlannedRelease] = {}  # this window's new releases so far
        self.changed_tags: set[str] = set()  # what cached pages the window's writes change

    def load(self, pages) -> list[tuple[object, LoadOutcome | Exception]]:
        """Load a window of pages; returns each page with its outcome, or the error that kept it out.

        The window is read ahead, then written CHUNK pages at a time, each chunk in a
        savepoint. When a chunk fails, only it is replayed, page by page; what it had
        planned was rolled back, so the rest of the window is read ahead again.
        """
        outcomes: list = []
        self.changed_tags = set()
        try:
            with transaction.atomic():
                self._read_ahead(pages)
                for start in range(0, len(pages), CHUNK):
                    outcomes += self._load_chunk(pages[start : start + CHUNK], pages[start:])
                if self.changed_tags:
                    # Once per window, just before its commit: the lock on the tags is held briefly.
                    bump(self.changed_tags)
                    self.changed_tags = set()
        except Exception as exc:  # the window as a whole (its reading, its commit)
            logger.exception("a window of %d pages could not be stored", len(pages))
            outcomes = [(page, exc) for page in pages]
        finally:
            forget_stems_ahead()  # those of pages not written (unchanged, failed)
        return outcomes

    def _load_chunk(self, chunk, rest) -> list:
        written, _error = self._write_safely(chunk)
        if written is not None:
            return written
        self._read_ahead(rest)
        outcomes = []
        for i, page in enumerate(chunk):
            written, error = self._write_safely([page])
            if written is None:
                outcomes.append((page, error))
                self._read_ahead(rest[i + 1 :])
            else:
                outcomes += written
        return outcomes

    def _write_safely(self, pages) -> tuple[list | None, Exception | None]:
        try:
            with transaction.atomic():
                return self._write(pages), None
        except Exception as exc:
            logger.debug("pages %s failed", [p.source for p in pages], exc_info=True)
            return None, exc

    def _read_ahead(self, pages) -> None:
        """What the pages refer to, in a few queries: stored releases, offices, people, projects, slugs."""
        self.entities.prefetch(pages)
        self.slugs.reset()
        self.slugs.prefetch((page.title, page.source) for page in pages)
        self.stored = self._stored(pages)
        self.earlier = {}

    def _write(self, pages) -> list[tuple[object, LoadOutcome]]:
        for page in pages:
            stems_ahead(getattr(page, "stems", {}))  # from the parsing workers (SQLite)
        plans = self._plan(pages)
        self.changed_tags.update(self.entities.changed_tags())
        self.entities.write()
        self._insert([plan for plan in plans if plan.release is not None and plan.outcome is None])
        self._update([plan for plan in plans if plan.stored is not None and plan.outcome is None])
        for plan in plans:
            if plan.outcome is not None and plan.outcome.status != UNCHANGED:  # bulk inserts send no signals
                self.changed_tags.update(_tags(plan))
        later = [plan.page for plan in plans if plan.outcome is None]
        if later:
            # Another version of a page met earlier in this chunk: now stored, it is updated.
            self.stored.update(self._stored(later))
            written = dict((id(page), outcome) for page, outcome in self._write(later))
            for plan in plans:
                plan.outcome = plan.outcome or written[id(plan.page)]
        return [(plan.page, plan.outcome) for plan in plans]

    # ------------------------------------------------------------ planning
    @staticmethod
    def _stored(pages) -> dict[str, StoredRelease]:
        """The stored releases the pages are, by "source" and by "#fingerprint"."""
        found: dict[str, StoredRelease] = {}
        sources = sorted({p.source for p in pages})
        prints = sorted({p.fingerprint for p in pages})
        for start in range(0, max(len(sources), len(prints)), QUERY_SIZE):
            rows = Release.objects.filter(
                Q(source__in=sources[start : start + QUERY_SIZE])
                | Q(fingerprint__in=prints[start : start + QUERY_SIZE])
            ).order_by("pk")
            for pk, source, fingerprint, import_hash, locked in rows.values_list(
                "pk", "source", "fingerprint", "import_hash", "locked_fields"
            ):
                row = StoredRelease(pk, source, fingerprint, import_hash, tuple(locked))
                found[source] = row
                found.setdefault(f"#{fingerprint}", row)
        return found

    def _plan(self, pages) -> list[PlannedRelease]:
        stored, earlier = self.stored, self.earlier
        plans = []
        for page in pages:
            plan = PlannedRelease(page=page, warnings=[warning_json(w) for w in page.warnings])
            plans.append(plan)
            match = stored.get(page.source) or earlier.get(page.source)
            match = match or stored.get(f"#{page.fingerprint}") or earlier.get(f"#{page.fingerprint}")
            if isinstance(match, PlannedRelease):
                if match.page.fingerprint == page.fingerprint:
                    plan.outcome = LoadOutcome(UNCHANGED)  # a copy of a page met earlier in this batch
                continue  # else another version of it: written once that one is stored
            same = isinstance(match, StoredRelease) and match.import_hash == page.content_hash()
            if same and not match.locked_fields:
                plan.outcome = LoadOutcome(UNCHANGED)
                continue
            # (Unchanged with corrections: read on, to count the corrections it keeps.)
            self._resolve(plan)
            if match is None:
                plan.release = self._new_release(plan)
                earlier[page.source] = earlier[f"#{page.fingerprint}"] = plan
            else:
                plan.stored = match
        return plans

    def _resolve(self, plan: PlannedRelease) -> None:
        page = plan.page
        offices = {office.name: self.entities.office(office) for office in page.offices}
        plan.office = offices.get(page.office.name) if page.office else None
        plan.contacts = self.entities.contacts(page, offices, plan.warnings)
        plan.projects = self.entities.projects_of(page)
        plan.quotes = _quotes(page)

    def _new_release(self, plan: PlannedRelease) -> Release:
        page = plan.page
        values = release_values(page, None)
        del values["office_id"]
        release = Release(
            source=page.source, slug=self.slugs.allocate(page.title, page.source),
            fingerprint=page.fingerprint, import_hash=page.content_hash(), raw_text=page.text,
            warnings=plan.warnings, office=plan.office, import_run=self.import_run, **values,
        )  # fmt: skip
        release.year = year_of(release.published)  # save() keeps it; bulk_create does not call save()
        release.imported_values = _json_safe(release_values(page, plan.office))
        return release

    # ------------------------------------------------------------ writing
    def _insert(self, plans: list[PlannedRelease]) -> None:
        """New releases in bulk; the rows that link them as plain tuples (many and simple)."""
        for plan in plans:
            plan.release.office = plan.office  # now saved: its id is known
            plan.release.imported_values["office_id"] = plan.office.pk if plan.office else None
        Release.objects.bulk_create([plan.release for plan in plans])
        contacts, projects, quotes = [], [], []
        for plan in plans:
            pk = plan.release.pk
            contacts += [
                (pk, c.person.pk, c.office.pk if c.office else None, json.dumps(c.phones), i)
                for i, c in enumerate(plan.contacts)
            ]
            projects += [(pk, project.pk) for project in plan.projects]
            quotes += [(pk, name, role, i) for i, (name, role) in enumerate(plan.quotes)]
            plan.outcome = LoadOutcome(CREATED)
        _insert_rows(ReleaseContact, ["release", "person", "office", "phones", "position"], contacts)
        _insert_rows(Release.projects.through, ["release", "project"], projects)
        _insert_rows(QuotedPerson, ["release", "name", "role", "position"], quotes)

    def _update(self, plans: list[PlannedRelease]) -> None:
        releases = Release.objects.with_details().in_bulk([plan.stored.pk for plan in plans])
        # Their version before this import, for the history of those never changed since created.
        record_imported_versions(Release, releases.values())
        for plan in plans:
            plan.outcome = self._update_one(releases[plan.stored.pk], plan)

    def _update_one(self, release: Release, plan: PlannedRelease) -> LoadOutcome:
        page = plan.page
        values = release_values(page, plan.office)
        previously_imported = dict(release.imported_values)
        if _replaces(release, values):
            # Another release's text under this one's source: held for an editor to decide.
            release.lock_fields(["title", "body"])
            plan.warnings.append({"code": "import_would_replace", "detail": values["title"]})
            release.source_changed_at = timezone.now()
        changed, kept = release.apply_imported(values)
        release.imported_values = _json_safe(release.imported_values)
        if any(previously_imported.get(f) != release.imported_values.get(f) for f in kept):
            # The page changed a field an editor corrected: flagged, both versions kept.
            release.source_changed_at = timezone.now()
        if release.import_hash != page.content_hash():
            changed.append("import_hash")
        release.fingerprint, release.import_hash = page.fingerprint, page.content_hash()
        release.raw_text, release.warnings = page.text, plan.warnings
        links = [r for r in RELATIONS if not _same_links(release, r, _wanted(plan, r))]
        kept += [r for r in links if r in release.locked_fields]
        replaced = [r for r in links if r not in release.locked_fields]
        changed += replaced
        if changed:
            release.import_run = self.import_run or release.import_run
        release._change_reason = "Import"
        # A history entry only for a change of the fields the history keeps (set: skipped).
        if not set(changed) - {"import_hash", *RELATIONS}:
            release.skip_history_when_saving = True
        release.save()
        release.__dict__.pop("skip_history_when_saving", None)
        for relation in replaced:
            _replace_links(release, relation, _wanted(plan, relation))
        return LoadOutcome(UPDATED if changed else UNCHANGED, kept)


def _tags(plan: PlannedRelease) -> list[str]:
    """The cache tags a written release changes: itself, and the offices, people and
    projects whose pages (and whose releases' related lists) now show it."""
    return [
        tag(Release, plan.stored.pk) if plan.stored else None,
        tag(plan.office) if plan.office else None,
        *(tag(c.person) for c in plan.contacts),
        *(tag(c.office) for c in plan.contacts if c.office),
        *(tag(project) for project in plan.projects),
    ]


def _wanted(plan: PlannedRelease, relation: str):
    return getattr(plan, relation if relation != "quoted_people" else "quotes")


def _same_links(release: Release, relation: str, wanted) -> bool:
    if relation == "contacts":
        current = [(c.person_id, c.office_id, c.phones) for c in release.contact_links.all()]
        return current == [(c.person.pk, c.office.pk if c.office else None, c.phones) for c in wanted]
    if relation == "projects":
        return {p.pk for p in release.projects.all()} == {p.pk for p in wanted}
    return [(q.name, q.role) for q in release.quoted_people.all()] == wanted


def _replace_links(release: Release, relation: str, wanted) -> None:
    if relation == "contacts":
        release.contact_links.all().delete()
        ReleaseContact.objects.bulk_create(
            ReleaseContact(release=release, person=c.person, office=c.office, phones=c.phones, position=i)
            for i, c in enumerate(wanted)
        )
    elif relation == "projects":
        release.projects.set(wanted)
    else:
        release.quoted_people.all().delete()
        QuotedPerson.objects.bulk_create(
            QuotedPerson(release=release, name=name, role=role, position=i)
            for i, (name, role) in enumerate(wanted)
        )


def _insert_rows(model, fields: list[str], rows: list[tuple]) -> None:
    """INSERT plain rows (values in the order of `fields`) with one executemany."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
