"""Resolving what a page names — offices, people, projects — to rows.

A row is found by its name, e-mail or acronym, or through an alias an editor's
merge or rename left (contacts.models.Alias), so that an import never recreates
what an editor merged away; otherwise it is planned as a new row. Everything a
window of pages names is read in a few queries (`prefetch`); nothing is written
until `write()`.

Who owns an e-mail: the person already stored with it (or first met in the
batch). A page that gives that e-mail to a clearly different name (a shared
press mailbox) gets that name as a person of its own, without the e-mail, and
a warning, so that editors see both names.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.utils import bulk_update_with_history

from contacts.aliases import acronym_key, email_key, name_key, stored_office_names
from contacts.models import ContactPerson, CountryOffice, OfficeAlias, PersonAlias, Project, ProjectAlias
from core.caching import tag

from .slugs import SlugAllocator

QUERY_SIZE = 500
UPDATE_BATCH = 100
ENTITIES = (CountryOffice, ContactPerson, Project)


@dataclass
class ResolvedContact:
    person: ContactPerson
    office: CountryOffice | None
    phones: list[str]


def _words(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z]+", folded)


def same_person(a: str, b: str) -> bool:
    """Two ways of writing one person's name ("Jean Dupont", "J. Dupont", "DUPONT Jean")?"""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return False
    set_a, set_b = set(words_a), set(words_b)
    return set_a <= set_b or set_b <= set_a or words_a[-1] == words_b[-1]


def _works_at(person: ContactPerson, office: CountryOffice) -> bool:
    """By ids, without loading the person's office (one query a person otherwise)."""
    if office.pk is not None:
        return person.office_id == office.pk
    return ContactPerson.office.is_cached(person) and person.office is office


def _chunks(values):
    values = sorted(values)
    for start in range(0, len(values), QUERY_SIZE):
        yield values[start : start + QUERY_SIZE]


def _clip(value: str | None, length: int) -> str:
    return (value or "")[:length]


class EntityResolver:
    def __init__(self):
        self.slugs = {model: SlugAllocator(model, model.slug_fallback) for model in ENTITIES}
        self.reset()

    def reset(self) -> None:
        """Forget everything: after a rollback, what was planned or read may be gone."""
        self.offices: dict[str, CountryOffice] = {}
        self.people: dict[str, ContactPerson] = {}
        self.projects: dict[str, Project] = {}
        self.aliased: set[int] = set()  # id() of rows met through an alias: imports do not rename them
        self.rows: dict[tuple[type, int], object] = {}  # one Python object per stored row
        self.new: dict[type, list] = {model: [] for model in ENTITIES}
        self.changed: dict[int, tuple[object, set[str]]] = {}
        for allocator in self.slugs.values():
            allocator.reset()

    # ------------------------------------------------------------ reading ahead
    def prefetch(self, pages) -> None:
        """Read every row the pages name, by name, e-mail, acronym or alias."""
        self.reset()
        office_names = {o.name for p in pages for o in p.offices}
        emails = {c.email.lower() for p in pages for c in p.contacts if c.email}
        person_names = {c.name for p in pages for c in p.contacts if c.name}
        project_names = {pr.name for p in pages for pr in p.projects}
        acronyms = {pr.acronym for p in pages for pr in p.projects if pr.acronym}

        # An office is found under its name, or under the name an earlier import gave it ("IOM Nairobi").
        stored = {other.lower(): name for name in office_names for other in stored_office_names(name)}
        found = []
        for chunk in _chunks(stored):
            found += CountryOffice.objects.annotate(key=Lower("name")).filter(key__in=chunk).order_by()
        for office in sorted(found, key=lambda o: o.name not in office_names):  # its own name first
            self.offices.setdefault(name_key(stored.get(office.name.lower(), office.name)), self._one(office))
        for chunk in _chunks(emails):
            for person in ContactPerson.objects.filter(email__in=chunk).order_by():
                self.people[email_key(person.email)] = self._one(person)
        for chunk in _chunks({name.lower() for name in person_names}):
            nameless = ContactPerson.objects.annotate(key=Lower("name")).filter(
                key__in=chunk, email__isnull=True
            )
            for person in nameless.order_by():
                self.people.setdefault(name_key(person.name), self._one(person))
        for chunk in _chunks({name.lower() for name in project_names} | {f"#{a}" for a in acronyms}):
            names = [c for c in chunk if not c.startswith("#")]
            codes = [c[1:] for c in chunk if c.startswith("#")]
            for project in Project.objects.annotate(key=Lower("name")).filter(
                Q(key__in=names) | Q(acronym__in=codes)
            ):
                self._remember_project(self._one(project))
        self._prefetch_aliases(
            office_names={name_key(n) for n in office_names},
            person_keys={email_key(e) for e in emails} | {name_key(n) for n in person_names},
            project_keys={name_key(n) for n in project_names} | {acronym_key(a) for a in acronyms},
        )
        self._prefetch_slugs(pages)

    def _prefetch_aliases(self, office_names, person_keys, project_keys) -> None:
        for alias_model, keys, known in (
            (OfficeAlias, office_names, self.offices),
            (PersonAlias, person_keys, self.people),
            (ProjectAlias, project_keys, self.projects),
        ):
            for chunk in _chunks(keys):
                for alias in alias_model.objects.filter(key__in=chunk).select_related("entity"):
                    if alias.key not in known:
                        entity = self._one(alias.entity)
                        known[alias.key] = entity
                        self.aliased.add(id(entity))

    def _one(self, row):
        """The object already read for this row, if any: one row, one object."""
        return self.rows.setdefault((type(row), row.pk), row)

    def _prefetch_slugs(self, pages) -> None:
        self.slugs[CountryOffice].prefetch((o.name, name_key(o.name)) for p in pages for o in p.offices)
        self.slugs[ContactPerson].prefetch(
            (c.name, email_key(c.email) if c.email else name_key(c.name)) for p in pages for c in p.contacts
        )
        self.slugs[Project].prefetch(
            (pr.acronym or pr.name, name_key(pr.name)) for p in pages for pr in p.projects
        )

    def _remember_project(self, project: Project) -> None:
        self.projects.setdefault(name_key(project.name), project)
        if project.acronym:
            self.projects.setdefault(acronym_key(project.acronym), project)

    # ------------------------------------------------------------ resolving
    def _plan(self, row) -> None:
        self.new[type(row)].append(row)

    def _mark_changed(self, row, fields) -> None:
        if row.pk is None or not fields:
            return  # a new row is inserted with its final values
        _row, known = self.changed.get(id(row), (row, set()))
        self.changed[id(row)] = (row, known | set(fields) | {"imported_values"})

    def office(self, parsed) -> CountryOffice:
        key = name_key(parsed.name)
        # A release that does not know the country does not erase what another one taught.
        values = {k: v for k, v in {"city": _clip(parsed.city, 120), "country": parsed.country}.items() if v}
        office = self.offices.get(key)
        if office is None:
            office = CountryOffice(
                name=_clip(parsed.name, 300), slug=self.slugs[CountryOffice].allocate(parsed.name, key),
                imported_values=dict(values), **values,
            )  # fmt: skip
            self._plan(office)
            self.offices[key] = office
        elif id(office) not in self.aliased:
            changed, _kept = office.apply_imported(values)
            self._mark_changed(office, changed)
        return office

    def person(self, parsed, office: CountryOffice | None, warnings: list) -> ContactPerson:
        email = parsed.email.lower() if parsed.email and len(parsed.email) <= 254 else None
        person = self.people.get(email_key(email)) if email else None
        if person is not None and not self._same(person, parsed.name):
            warnings.append({"code": "shared_email", "detail": f"{parsed.name} <{email}> ({person.name})"})
            email, person = None, None
        if person is None:
            person = self.people.get(name_key(parsed.name))
            if person is not None and email and person.email and person.email != email:
                person = None  # a namesake with an e-mail of their own
        if person is None:
            return self._new_person(parsed, email, office)
        self._update_person(person, parsed, email, office)
        return person

    def _same(self, person: ContactPerson, name: str) -> bool:
        return self.people.get(name_key(name)) is person or same_person(person.name, name)

    def _new_person(self, parsed, email: str | None, office) -> ContactPerson:
        key = email_key(email) if email else name_key(parsed.name)
        person = ContactPerson(
            name=_clip(parsed.name, 300), email=email, phones=list(parsed.phones), office=office,
            slug=self.slugs[ContactPerson].allocate(parsed.name, key),
            imported_values={"name": parsed.name, "office_id": office.pk if office else None},
        )  # fmt: skip
        self._plan(person)
        self.people[key] = person
        self.people.setdefault(name_key(parsed.name), person)
        return person

    def _update_person(self, person: ContactPerson, parsed, email: str | None, office) -> None:
        changed = []
        if id(person) not in self.aliased and email and person.email == email:
            changed, _kept = person.apply_imported({"name": _clip(parsed.name, 300)})
        moved = office is not None and not _works_at(person, office)
        if moved and "office" not in person.locked_fields:
            person.office = office
            changed.append("office")
        # One person can have several numbers over time: keep them all.
        new_phones = [p for p in parsed.phones if p not in person.phones]
        if new_phones and "phones" not in person.locked_fields:
            person.phones = [*person.phones, *new_phones]
            changed.append("phones")
        if email and not person.email:
            person.email = email
            self.people[email_key(email)] = person
            changed.append("email")
        self._mark_changed(person, changed)

    def contacts(self, page, offices: dict[str, CountryOffice], warnings: list) -> list[ResolvedContact]:
        """The page's contacts in order, each person once (their phones together)."""
        resolved: list[ResolvedContact] = []
        for contact in page.contacts:
            if not contact.name:
                continue
            office = offices.get(contact.office) if contact.office else None
            person = self.person(contact, office, warnings)
            same = next((r for r in resolved if r.person is person), None)
            if same is None:
                resolved.append(ResolvedContact(person, office, list(contact.phones)))
            else:
                same.phones += [p for p in contact.phones if p not in same.phones]
        return resolved

    def project(self, parsed) -> Project:
        name, acronym = _clip(parsed.name, 300), _clip(parsed.acronym, 20) or None
        project = (self.projects.get(acronym_key(acronym)) if acronym else None) or self.projects.get(
            name_key(name)
        )
        if project is None:
            slug = self.slugs[Project].allocate(acronym or name, name_key(name))
            project = Project(
                name=name,
                acronym=acronym or "",
                slug=slug,
                imported_values={"name": name, "acronym": acronym or ""},
            )
            self._plan(project)
        elif (
            acronym
            and not project.acronym
            and "acronym" not in project.locked_fields
            and acronym_key(acronym) not in self.projects
        ):
            project.acronym = acronym
            self._mark_changed(project, ["acronym"])
        self._remember_project(project)
        return project

    def projects_of(self, page) -> list[Project]:
        """The page's projects, each once."""
        found = {}
        for parsed in page.projects:
            project = self.project(parsed)
            found.setdefault(id(project), project)
        return list(found.values())

    # ------------------------------------------------------------ writing
    def changed_tags(self) -> list[str]:
        """The cache tags of the stored rows this window changes (core.caching)."""
        return [tag(row) for row, _fields in self.changed.values()]

    def write(self) -> None:
        """Insert the new rows in bulk (offices first: people point at them), update the
        changed ones in bulk with their history: a few statements whatever their number."""
        for model in ENTITIES:
            model.objects.bulk_create(self.new[model])
            by_fields = defaultdict(list)  # only the fields the import changed are written
            for row, fields in self.changed.values():
                if isinstance(row, model):
                    by_fields[tuple(sorted(fields))].append(row)
            for fields, rows in by_fields.items():
                # Small batches: bulk_update's CASE has a branch per row, evaluated for every row.
                bulk_update_with_history(rows, model, list(fields), batch_size=UPDATE_BATCH)
        self.new = {model: [] for model in ENTITIES}
        self.changed = {}
