"""Loading parsed releases into the database: one transaction per page.

`load_release(parsed)` creates the release, updates it in place, or reports it
unchanged; offices merge by name, people by e-mail, projects by acronym or
name. Fields an editor corrected are never overwritten (see CorrectableModel).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from contacts.models import ContactPerson, CountryOffice

from .models import NavigationLine, Project, QuotedPerson, Release, ReleaseContact
from .parsing import DEFAULT_NAVIGATION, ParsedContact, ParsedOffice, ParsedRelease

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class LoadOutcome:
    status: str
    release: Release | None  # None when unchanged and not read
    kept_fields: list[str] = field(default_factory=list)


def unique_slug(model, text: str, fallback: str) -> str:
    """A free slug from the text: "jean-dupont", else "jean-dupont-2", "-3"...

    One indexed range query fetches every slug that starts with the base.
    """
    base = slugify(text)[:200].strip("-") or fallback
    taken = set(
        model.objects.filter(slug__gte=base, slug__lte=base + "-~").order_by().values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# ---------------------------------------------------------------- navigation
def known_navigation() -> frozenset[str]:
    return DEFAULT_NAVIGATION | frozenset(NavigationLine.objects.values_list("key", flat=True))


def remember_navigation(lines: dict[str, str]) -> int:
    """Store newly learned navigation lines (key -> text as seen); returns how many."""
    new = [
        NavigationLine(key=key[:1000], text=text, learned=True)
        for key, text in lines.items()
        if key not in DEFAULT_NAVIGATION
    ]
    created = NavigationLine.objects.bulk_create(new, ignore_conflicts=True)
    return len(created)


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
    """Loads releases one transaction each, remembering the offices, people and
    projects it has seen in this batch so that each is looked up once.

    A remembered row is only reused while the page agrees with it; anything to
    change is read again from the database first, so an editor's correction
    made meanwhile is seen and kept.
    """

    def __init__(self):
        self.offices: dict[str, CountryOffice] = {}
        self.people: dict[str, ContactPerson] = {}
        self.projects: dict[str, Project] = {}

    def forget(self) -> None:
        """After a failed page: what it created was rolled back."""
        self.offices.clear()
        self.people.clear()
        self.projects.clear()

    # ------------------------------------------------------------ entities
    def office(self, parsed: ParsedOffice) -> CountryOffice:
        key = parsed.name.casefold()
        # A release that does not know the country does not erase what another one taught.
        values = {k: v for k, v in {"city": parsed.city, "country": parsed.country}.items() if v}
        cached = self.offices.get(key)
        if cached is not None and all(getattr(cached, k) == v for k, v in values.items()):
            return cached
        office = (
            CountryOffice.objects.filter(name=parsed.name).order_by().first()
            or CountryOffice.objects.filter(name__iexact=parsed.name).order_by().first()
        )
        if office is None:
            office = CountryOffice(
                name=parsed.name, slug=unique_slug(CountryOffice, parsed.name, "bureau"), **values
            )
            office.imported_values = dict(values)
            office.save()
        else:
            changed, _kept = office.apply_imported(values)
            if changed:
                office.save(update_fields=[*changed, "imported_values"])
        self.offices[key] = office
        return office

    def person(self, parsed: ParsedContact, office: CountryOffice | None) -> ContactPerson:
        key = parsed.email or f"name:{parsed.name.casefold()}"
        cached = self.people.get(key)
        if (
            cached is not None
            and cached.name == parsed.name
            and (office is None or cached.office_id == office.pk)
            and all(p in cached.phones for p in parsed.phones)
        ):
            return cached
        person = None
        if parsed.email:
            # E-mails are stored in lower case: an exact, indexed lookup.
            person = ContactPerson.objects.filter(email=parsed.email.lower()).order_by().first()
        if person is None:
            person = (
                ContactPerson.objects.filter(name__iexact=parsed.name, email__isnull=True).order_by().first()
            )
        if person is None:
            person = ContactPerson(
                name=parsed.name,
                email=parsed.email,
                phones=list(parsed.phones),
                office=office,
                slug=unique_slug(ContactPerson, parsed.name, "personne"),
            )
            person.imported_values = {"name": parsed.name, "office_id": office.pk if office else None}
            person.save()
        else:
            values = {"name": parsed.name, **({"office_id": office.pk} if office else {})}
            changed, _kept = person.apply_imported(values)
            # One person can have several numbers over time: keep them all.
            new_phones = [p for p in parsed.phones if p not in person.phones]
            if new_phones and "phones" not in person.locked_fields:
                person.phones = [*person.phones, *new_phones]
                changed.append("phones")
            if parsed.email and not person.email:
                person.email = parsed.email
                changed.append("email")
            if changed:
                person.save(update_fields=[*changed, "imported_values"])
        self.people[key] = person
        return person

    def project(self, name: str, acronym: str | None) -> Project:
        key = (acronym or name).casefold()
        cached = self.projects.get(key)
        if cached is not None:
            return cached
        lookup = Q(name__iexact=name) | Q(acronym=acronym) if acronym else Q(name__iexact=name)
        candidates = list(Project.objects.filter(lookup).order_by()[:5])
        project = next((p for p in candidates if acronym and p.acronym == acronym), None)
        project = project or (candidates[0] if candidates else None)
        if project is None:
            project = Project.objects.create(
                name=name,
                acronym=acronym or "",
                slug=unique_slug(Project, acronym or name, "projet"),
                imported_values={"name": name, "acronym": acronym or ""},
            )
        elif acronym and not project.acronym and "acronym" not in project.locked_fields:
            project.acronym = acronym
            project.save(update_fields=["acronym"])
        self.projects[key] = project
        return project

    # ------------------------------------------------------------ release
    def load(self, parsed: ParsedRelease) -> LoadOutcome:
        try:
            with transaction.atomic():
                return self._load(parsed)
        except Exception:
            self.forget()
            raise

    def _load(self, parsed: ParsedRelease) -> LoadOutcome:
        content_hash = parsed.content_hash()
        existing = find_existing(parsed)
        if existing is not None and existing[1] == content_hash and not existing[2]:
            return LoadOutcome(UNCHANGED, None)
        release = Release.objects.get(pk=existing[0]) if existing else None

        offices = {office.name: self.office(office) for office in parsed.offices}
        release_office = offices.get(parsed.office.name) if parsed.office else None
        if parsed.office and release_office is None:
            release_office = self.office(parsed.office)
        values = _release_values(parsed, release_office)
        contacts = self._contacts(parsed, offices)
        projects = [self.project(p.name, p.acronym) for p in parsed.projects]
        quotes = list({q.name[:200]: q.role[:300] for q in parsed.quoted_people}.items())

        if release is None:
            release = Release(
                source=parsed.source,
                slug=unique_slug(Release, parsed.title, "communique"),
                fingerprint=parsed.fingerprint,
                import_hash=content_hash,
                raw_text=parsed.text,
                warnings=parsed.warnings,
                imported_values=_json_safe(values),
                **values,
            )
            release.save()
            self._add_relations(release, contacts, projects, quotes)
            return LoadOutcome(CREATED, release)

        changed, kept = release.apply_imported(values)
        release.imported_values = _json_safe(release.imported_values)
        if release.import_hash != content_hash:
            changed.append("import_hash")
        release.fingerprint = parsed.fingerprint
        release.import_hash = content_hash
        release.raw_text = parsed.text
        release.warnings = parsed.warnings
        release.save()
        for relation, wanted, current in (
            ("contacts", contacts, self._current_contacts(release)),
            ("projects", projects, list(release.projects.all())),
            ("quoted_people", quotes, list(release.quoted_people.values_list("name", "role"))),
        ):
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
            if all(w[0].pk != person.pk for w in wanted):
                wanted.append((person, office, contact.phones))
        return wanted

    @staticmethod
    def _current_contacts(release: Release) -> list[tuple]:
        return [(link.person_id, link.office_id, link.phones) for link in release.contact_links.all()]

    @staticmethod
    def _add_relations(release: Release, contacts, projects, quotes) -> None:
        ReleaseContact.objects.bulk_create(
            ReleaseContact(release=release, person=p, office=o, phones=phones, position=i)
            for i, (p, o, phones) in enumerate(contacts)
        )
        Release.projects.through.objects.bulk_create(
            Release.projects.through(release=release, project=p) for p in {p.pk: p for p in projects}.values()
        )
        QuotedPerson.objects.bulk_create(
            QuotedPerson(release=release, name=name, role=role, position=i)
            for i, (name, role) in enumerate(quotes)
        )

    def _replace_relation(self, release: Release, relation: str, wanted) -> None:
        if relation == "contacts":
            release.contact_links.all().delete()
            self._add_relations(release, wanted, [], [])
        elif relation == "projects":
            release.projects.set(wanted)
        else:
            release.quoted_people.all().delete()
            self._add_relations(release, [], [], wanted)


def _same(relation: str, wanted, current) -> bool:
    if relation == "contacts":
        return [(p.pk, o.pk if o else None, phones) for p, o, phones in wanted] == current
    if relation == "projects":
        return {p.pk for p in wanted} == {p.pk for p in current}
    return wanted == current


def load_release(parsed: ParsedRelease) -> LoadOutcome:
    """Load one release on its own (a batch keeps one Loader instead)."""
    return Loader().load(parsed)
