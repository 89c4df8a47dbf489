"""Loading parsed releases into the database: each page stored whole or not at all.

`Loader().load(parsed)` creates the release, updates it in place, or reports it
unchanged; offices merge by name, people by e-mail, projects by acronym or
name. Fields an editor corrected are never overwritten (see CorrectableModel).
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from contacts.models import ContactPerson, CountryOffice

from .caching import bump_version
from .models import Project, QuotedPerson, Release, ReleaseContact
from .parsing import ParsedContact, ParsedOffice, ParsedRelease, warnings_as_json

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class LoadOutcome:
    status: str
    release: Release | None  # None when unchanged and not read
    kept_fields: list[str] = field(default_factory=list)


@lru_cache(maxsize=8192)
def slug_base(text: str, fallback: str) -> str:
    return slugify(text)[:200].strip("-") or fallback


SLUG_QUERY_SIZE = 200


def taken_slugs(model, bases) -> set[str]:
    """Every slug that starts with one of the bases: one indexed range per base
    ("base" .. "base-~"), a few hundred per statement (the ORM is slow to build a
    long OR, and SQLite limits how deep an expression may be)."""
    bases = sorted(set(bases))
    table = connection.ops.quote_name(model._meta.db_table)
    taken: set[str] = set()
    with connection.cursor() as cursor:
        for start in range(0, len(bases), SLUG_QUERY_SIZE):
            chunk = bases[start : start + SLUG_QUERY_SIZE]
            ranges = " OR ".join(["(slug >= %s AND slug <= %s)"] * len(chunk))
            params = [value for base in chunk for value in (base, base + "-~")]
            cursor.execute(f"SELECT slug FROM {table} WHERE {ranges}", params)
            taken.update(row[0] for row in cursor.fetchall())
    return taken


def unique_slug(model, text: str, fallback: str, taken: set[str] | None = None) -> str:
    """A free slug from the text: "jean-dupont", else "jean-dupont-2", "-3"...

    `taken` holds the slugs known to exist for this base (see Loader.prefetch);
    without it, one indexed range query finds them.
    """
    base = slug_base(text, fallback)
    if taken is None:
        taken = taken_slugs(model, [base])
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


# ---------------------------------------------------------------- loader
def find_existing(parsed: ParsedRelease) -> tuple | None:
    """(pk, import_hash, locked_fields) of the same release: same source (file name
    or canonical URL), else the same content; None when the release is new."""
    matches = list(
        Release.objects.filter(Q(source=parsed.source) | Q(fingerprint=parsed.fingerprint))
        .order_by()
        .values_list("pk", "source", "import_hash", "locked_fields")[:5]
    )
    match = next((m for m in matches if m[1] == parsed.source), matches[0] if matches else None)
    return (match[0], match[2], match[3]) if match else None


def _release_values(parsed: ParsedRelease, office: CountryOffice | None) -> dict:
    return {
        "title": parsed.title[:500],
        "dateline": (parsed.dateline or "")[:200],
        "published": parsed.published,
        "language": parsed.language,
        "country": parsed.country or "",
        "office_id": office.pk if office else None,
        "body": parsed.body,
    }


def _json_safe(values: dict) -> dict:
    return {k: str(v) if hasattr(v, "isoformat") else v for k, v in values.items()}


class Loader:
    """Loads parsed releases: plans the rows each page needs, then writes them.

    Offices, people and projects seen in a batch are remembered so that each is
    looked up once; a remembered row is only reused while the page agrees with
    it. `prefetch()` reads what a window of pages refers to in a few queries;
    `load_window()` then writes all of the window's new releases with bulk
    inserts in one transaction and, if anything fails, rolls it back and loads
    the pages one by one, each in its own transaction, so that a bad page is
    isolated and every page is stored whole or not at all.
    """

    def __init__(self):
        self.offices: dict[str, CountryOffice] = {}
        self.people: dict[str, ContactPerson] = {}
        self.projects: dict[str, Project] = {}
        self.existing: dict[str, tuple] | None = None  # see prefetch()
        self.slugs: dict[type, dict[str, set[str]]] = {}
        self._reset_plan()

    def _reset_plan(self) -> None:
        self.new_rows: dict[type, list] = {
            CountryOffice: [], ContactPerson: [], Project: [], Release: [],
            ReleaseContact: [], Release.projects.through: [], QuotedPerson: [],
        }  # fmt: skip
        self.dirty: dict[int, tuple] = {}  # id(row) -> (row, fields to update)

    def forget(self) -> None:
        """After a failure: what was planned or created was rolled back."""
        self.offices.clear()
        self.people.clear()
        self.projects.clear()
        self.existing = None
        self.slugs.clear()
        self._reset_plan()

    # ------------------------------------------------------------ reading ahead
    def prefetch(self, pages: list[ParsedRelease]) -> None:
        """Read what a window of pages refers to: releases already stored, offices,
        people, projects and the slugs taken for their names."""
        self.forget()
        self.existing = {}
        rows = (
            Release.objects.filter(
                Q(source__in=[p.source for p in pages]) | Q(fingerprint__in=[p.fingerprint for p in pages])
            )
            .order_by()
            .values_list("pk", "source", "fingerprint", "import_hash", "locked_fields")
        )
        for pk, source, fingerprint, import_hash, locked in rows:
            self.existing[source] = (pk, import_hash, locked)
            self.existing.setdefault(f"#{fingerprint}", (pk, import_hash, locked))

        office_names = {o.name.casefold() for p in pages for o in p.offices}
        for office in (
            CountryOffice.objects.annotate(key=Lower("name")).filter(key__in=office_names).order_by()
        ):
            self.offices[office.name.casefold()] = office
        emails = {c.email.lower() for p in pages for c in p.contacts if c.email}
        names = {c.name.casefold() for p in pages for c in p.contacts}
        people = ContactPerson.objects.filter(email__in=emails).order_by()
        nameless = ContactPerson.objects.annotate(key=Lower("name")).filter(email__isnull=True, key__in=names)
        for person in [*people, *nameless.order_by()]:
            self.people[person.email or f"name:{person.name.casefold()}"] = person
        acronyms = {pr.acronym for p in pages for pr in p.projects if pr.acronym}
        titles = {pr.name.casefold() for p in pages for pr in p.projects}
        projects = Project.objects.annotate(key=Lower("name")).filter(
            Q(acronym__in=acronyms) | Q(key__in=titles)
        )
        for project in projects.order_by():
            if project.acronym:
                self.projects[project.acronym.casefold()] = project
            self.projects.setdefault(project.name.casefold(), project)

        bases = {
            Release: {slug_base(p.title, "communique") for p in pages},
            ContactPerson: {slug_base(c.name, "personne") for p in pages for c in p.contacts},
            CountryOffice: {slug_base(o.name, "bureau") for p in pages for o in p.offices},
            Project: {slug_base(pr.acronym or pr.name, "projet") for p in pages for pr in p.projects},
        }
        for model, model_bases in bases.items():
            taken = taken_slugs(model, model_bases)
            self.slugs[model] = {base: taken for base in model_bases}

    def _prefetched(self) -> bool:
        return self.existing is not None

    def slug(self, model, text: str, fallback: str) -> str:
        return unique_slug(model, text, fallback, self.slugs.get(model, {}).get(slug_base(text, fallback)))

    def find_existing(self, parsed: ParsedRelease) -> tuple | None:
        if self.existing is None:
            return find_existing(parsed)
        return self.existing.get(parsed.source) or self.existing.get(f"#{parsed.fingerprint}")

    # ------------------------------------------------------------ planning rows
    def _add(self, row) -> None:
        self.new_rows[type(row)].append(row)

    def _update(self, row, fields) -> None:
        if row.pk is None:
            return  # a new row: it is inserted with its final values
        _row, known = self.dirty.get(id(row), (row, set()))
        self.dirty[id(row)] = (row, known | set(fields))

    def office(self, parsed: ParsedOffice) -> CountryOffice:
        key = parsed.name.casefold()
        # A release that does not know the country does not erase what another one taught.
        values = {k: v for k, v in {"city": parsed.city, "country": parsed.country}.items() if v}
        office = self.offices.get(key)
        if office is not None and all(getattr(office, k) == v for k, v in values.items()):
            return office
        if office is None:
            # Unknown: after prefetch() that means new; otherwise ask the database.
            office = None if self._prefetched() else self._read_office(parsed.name)
        elif office.pk is not None:
            office = self._read_office(parsed.name)  # about to change: read it afresh
        if office is None:
            office = CountryOffice(
                name=parsed.name, slug=self.slug(CountryOffice, parsed.name, "bureau"), **values
            )
            office.imported_values = dict(values)
            self._add(office)
        else:
            changed, _kept = office.apply_imported(values)
            self._update(office, [*changed, "imported_values"] if changed else [])
        self.offices[key] = office
        return office

    @staticmethod
    def _read_office(name: str) -> CountryOffice | None:
        return CountryOffice.objects.filter(name__iexact=name).order_by().first()

    @staticmethod
    def _read_person(email: str | None, name: str) -> ContactPerson | None:
        """The person with this e-mail (stored in lower case: an exact, indexed
        lookup), else someone of that name known without an e-mail."""
        same_name = Q(name__iexact=name, email__isnull=True)
        candidates = list(
            ContactPerson.objects.filter(Q(email=email) | same_name if email else same_name)[:5]
        )
        with_email = [c for c in candidates if email and c.email == email]
        return (with_email or candidates or [None])[0]

    def person(self, parsed: ParsedContact, office: CountryOffice | None) -> ContactPerson:
        email = parsed.email.lower() if parsed.email else None
        key = email or f"name:{parsed.name.casefold()}"
        person = self.people.get(key)
        if (
            person is not None
            and person.name == parsed.name
            and (office is None or person.office is office or (office.pk and person.office_id == office.pk))
            and all(p in person.phones for p in parsed.phones)
        ):
            return person
        if person is None:
            # Unknown: after prefetch() only someone of that name without an
            # e-mail can match; otherwise ask the database.
            if self._prefetched():
                person = self.people.get(f"name:{parsed.name.casefold()}") if email else None
            else:
                person = self._read_person(email, parsed.name)
        elif person.pk is not None:
            person = self._read_person(email, parsed.name)  # about to change: read it afresh
        if person is None:
            person = ContactPerson(
                name=parsed.name, email=email, phones=list(parsed.phones), office=office,
                slug=self.slug(ContactPerson, parsed.name, "personne"),
            )  # fmt: skip
            person.imported_values = {"name": parsed.name, "office_id": office.pk if office else None}
            self._add(person)
        else:
            changed, _kept = person.apply_imported({"name": parsed.name})
            if office is not None and "office" not in person.locked_fields and person.office is not office:
                person.office = office
                changed.append("office")
            # One person can have several numbers over time: keep them all.
            new_phones = [p for p in parsed.phones if p not in person.phones]
            if new_phones and "phones" not in person.locked_fields:
                person.phones = [*person.phones, *new_phones]
                changed.append("phones")
            if email and not person.email:
                person.email = email
                changed.append("email")
            self._update(person, [*changed, "imported_values"] if changed else [])
        self.people[key] = person
        return person

    def project(self, name: str, acronym: str | None) -> Project:
        key = (acronym or name).casefold()
        project = self.projects.get(key) or (self.projects.get(name.casefold()) if acronym else None)
        if project is None and not self._prefetched():
            lookup = Q(name__iexact=name) | Q(acronym=acronym) if acronym else Q(name__iexact=name)
            candidates = list(Project.objects.filter(lookup).order_by()[:5])
            project = next((p for p in candidates if acronym and p.acronym == acronym), None) or (
                candidates[0] if candidates else None
            )
        if project is None:
            project = Project(
                name=name, acronym=acronym or "", slug=self.slug(Project, acronym or name, "projet"),
                imported_values={"name": name, "acronym": acronym or ""},
            )  # fmt: skip
            self._add(project)
        elif acronym and not project.acronym and "acronym" not in project.locked_fields:
            project.acronym = acronym
            self._update(project, ["acronym"])
        self.projects[key] = project
        return project

    def flush(self) -> None:
        """Write what was planned: new rows in bulk, parents before children."""
        for model in (CountryOffice, ContactPerson, Project):
            model.objects.bulk_create(self.new_rows[model])
            for row, fields in [d for d in self.dirty.values() if isinstance(d[0], model)]:
                if fields:
                    row.save(update_fields=sorted(fields))
        Release.objects.bulk_create(self.new_rows[Release])
        # The rows that link a release to its contacts, projects and quotes are many
        # and simple: written as plain tuples, without model instances (import speed).
        contacts = self.new_rows[ReleaseContact]
        _insert_rows(
            ReleaseContact, ["release", "person", "office", "phones", "position"],
            [(r.pk, p.pk, o.pk if o else None, json.dumps(phones), i) for r, p, o, phones, i in contacts],
        )  # fmt: skip
        _insert_rows(
            Release.projects.through, ["release", "project"],
            [(r.pk, p.pk) for r, p in self.new_rows[Release.projects.through]],
        )  # fmt: skip
        _insert_rows(
            QuotedPerson, ["release", "name", "role", "position"],
            [(r.pk, name, role, i) for r, name, role, i in self.new_rows[QuotedPerson]],
        )  # fmt: skip
        if any(self.new_rows.values()) or self.dirty:
            bump_version()  # bulk inserts send no signals
        self._reset_plan()

    # ------------------------------------------------------------ releases
    def _plan_new(self, parsed: ParsedRelease, content_hash: str) -> Release:
        offices = {office.name: self.office(office) for office in parsed.offices}
        office = offices.get(parsed.office.name) if parsed.office else None
        values = _release_values(parsed, None)
        release = Release(
            source=parsed.source, slug=self.slug(Release, parsed.title, "communique"),
            fingerprint=parsed.fingerprint, import_hash=content_hash, raw_text=parsed.text,
            warnings=warnings_as_json(parsed.warnings), office=office,
            **{k: v for k, v in values.items() if k != "office_id"},
        )  # fmt: skip
        release.imported_values = _json_safe(values)
        self._add(release)
        for position, (person, contact_office, phones) in enumerate(self._contacts(parsed, offices)):
            self.new_rows[ReleaseContact].append((release, person, contact_office, phones, position))
        for project in {
            id(p): p for p in (self.project(p.name, p.acronym) for p in parsed.projects)
        }.values():
            self.new_rows[Release.projects.through].append((release, project))
        for position, (name, role) in enumerate(_quotes(parsed)):
            self.new_rows[QuotedPerson].append((release, name, role, position))
        if self.existing is not None:
            # A copy of this page later in the batch is the same release.
            key = (release, content_hash, [])
            self.existing[release.source] = key
            self.existing.setdefault(f"#{release.fingerprint}", key)
        return release

    def load_window(self, pages: list[ParsedRelease]) -> list[tuple[ParsedRelease, LoadOutcome | Exception]]:
        """Load a window of pages (after prefetch()): new releases in bulk, the others one by one."""
        new, others = [], []
        for parsed in pages:
            (others if self.find_existing(parsed) else new).append(parsed)
        results: list[tuple[ParsedRelease, LoadOutcome | Exception]] = []
        if new:
            try:
                with transaction.atomic():
                    planned = [(parsed, self._plan_new(parsed, parsed.content_hash())) for parsed in new]
                    self.flush()
                results += [(parsed, LoadOutcome(CREATED, release)) for parsed, release in planned]
            except Exception:
                self.forget()  # isolate the bad page: each page on its own
                others = new + others
        for parsed in others:
            try:
                results.append((parsed, self.load(parsed)))
            except Exception as exc:  # reported for that page only
                results.append((parsed, exc))
        return results

    def load(self, parsed: ParsedRelease) -> LoadOutcome:
        """Load one page in its own transaction."""
        try:
            with transaction.atomic():
                return self._load(parsed)
        except Exception:
            self.forget()
            raise

    def _load(self, parsed: ParsedRelease) -> LoadOutcome:
        content_hash = parsed.content_hash()
        existing = self.find_existing(parsed)
        if existing is not None and isinstance(existing[0], Release):
            existing = (existing[0].pk, *existing[1:])
        if existing is not None and existing[1] == content_hash and not existing[2]:
            return LoadOutcome(UNCHANGED, None)
        if existing is None:
            release = self._plan_new(parsed, content_hash)
            self.flush()
            return LoadOutcome(CREATED, release)

        release = Release.objects.get(pk=existing[0])
        offices = {office.name: self.office(office) for office in parsed.offices}
        release_office = offices.get(parsed.office.name) if parsed.office else None
        contacts = self._contacts(parsed, offices)
        projects = [self.project(p.name, p.acronym) for p in parsed.projects]
        self.flush()  # the offices, people and projects exist from here on

        previously_imported = dict(release.imported_values)
        changed, kept = release.apply_imported(_release_values(parsed, release_office))
        release.imported_values = _json_safe(release.imported_values)
        if any(previously_imported.get(f) != release.imported_values.get(f) for f in kept):
            # The page changed a field an editor corrected: flag it, both versions kept.
            release.source_changed_at = timezone.now()
        if release.import_hash != content_hash:
            changed.append("import_hash")
        release.fingerprint = parsed.fingerprint
        release.import_hash = content_hash
        release.raw_text = parsed.text
        release.warnings = warnings_as_json(parsed.warnings)
        release.save()
        for relation, wanted, current in (
            ("contacts", contacts, [(c.person_id, c.office_id, c.phones) for c in release.contact_links.all()]),  # noqa: E501
            ("projects", projects, list(release.projects.all())),
            ("quoted_people", _quotes(parsed), list(release.quoted_people.values_list("name", "role"))),
        ):  # fmt: skip
            if _same(relation, wanted, current):
                continue
            if relation in release.locked_fields:
                kept.append(relation)
                continue
            changed.append(relation)
            self._replace_relation(release, relation, wanted)
        return LoadOutcome(UPDATED if changed else UNCHANGED, release, kept)

    def _contacts(self, parsed: ParsedRelease, offices: dict[str, CountryOffice]) -> list[tuple]:
        wanted: list[tuple] = []
        for contact in parsed.contacts:
            if not contact.name:
                continue
            office = offices.get(contact.office) if contact.office else None
            person = self.person(contact, office)
            if all(w[0] is not person for w in wanted):
                wanted.append((person, office, contact.phones))
        return wanted

    def _replace_relation(self, release: Release, relation: str, wanted) -> None:
        if relation == "contacts":
            release.contact_links.all().delete()
            ReleaseContact.objects.bulk_create(
                ReleaseContact(release=release, person=p, office=o, phones=phones, position=i)
                for i, (p, o, phones) in enumerate(wanted)
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


def _quotes(parsed: ParsedRelease) -> list[tuple[str, str]]:
    return list({q.name[:200]: q.role[:300] for q in parsed.quoted_people}.items())


def _same(relation: str, wanted, current) -> bool:
    if relation == "contacts":
        return [(p.pk, o.pk if o else None, phones) for p, o, phones in wanted] == current
    if relation == "projects":
        return {p.pk for p in wanted} == {p.pk for p in current}
    return wanted == current
