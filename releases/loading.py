"""Loading parsed releases into the database: one transaction per page.

`load_release(parsed)` creates the release, updates it in place, or reports it
unchanged; offices merge by name, people by e-mail, projects by acronym or
name. Fields an editor corrected are never overwritten (see CorrectableModel).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from contacts.models import ContactPerson, CountryOffice

from .models import NavigationLine, Project, QuotedPerson, Release, ReleaseContact
from .parsing import DEFAULT_NAVIGATION, ParsedContact, ParsedOffice, ParsedRelease

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class LoadOutcome:
    status: str
    release: Release
    kept_fields: list[str] = field(default_factory=list)


def unique_slug(model, text: str, fallback: str) -> str:
    base = slugify(text)[:200].strip("-") or fallback
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
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


# ---------------------------------------------------------------- entities
def _office(parsed: ParsedOffice, cache: dict[str, CountryOffice]) -> CountryOffice:
    if parsed.name in cache:
        return cache[parsed.name]
    office = CountryOffice.objects.filter(name__iexact=parsed.name).first()
    values = {"city": parsed.city or "", "country": parsed.country or ""}
    if office is None:
        office = CountryOffice(
            name=parsed.name, slug=unique_slug(CountryOffice, parsed.name, "bureau"), **values
        )
        office.imported_values = dict(values)
        office.save()
    else:
        # A release that does not know the country does not erase what another one taught.
        changed, _kept = office.apply_imported({k: v for k, v in values.items() if v})
        if changed:
            office.save()
    cache[parsed.name] = office
    return office


def _person(parsed: ParsedContact, office: CountryOffice | None) -> ContactPerson:
    person = None
    if parsed.email:
        person = ContactPerson.objects.filter(email__iexact=parsed.email).first()
    if person is None:
        person = ContactPerson.objects.filter(name__iexact=parsed.name, email__isnull=True).first()
        if person is not None and parsed.email:
            person.email = parsed.email
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
        return person
    values = {"name": parsed.name}
    if office is not None:
        values["office_id"] = office.pk
    changed, _kept = person.apply_imported(values)
    # One person can have several numbers over time: keep them all.
    new_phones = [p for p in parsed.phones if p not in person.phones]
    if new_phones and "phones" not in person.locked_fields:
        person.phones = [*person.phones, *new_phones]
        changed.append("phones")
    if changed or person._state.adding or person.email != parsed.email:
        person.save()
    return person


def _project(name: str, acronym: str | None) -> Project:
    project = None
    if acronym:
        project = Project.objects.filter(acronym=acronym).first()
    if project is None:
        project = Project.objects.filter(name__iexact=name).first()
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
    return project


# ---------------------------------------------------------------- release
def find_existing(parsed: ParsedRelease) -> Release | None:
    """The same release: same source (file name or canonical URL), else the same content."""
    return (
        Release.objects.filter(source=parsed.source).first()
        or Release.objects.filter(fingerprint=parsed.fingerprint).first()
    )


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


@transaction.atomic
def load_release(parsed: ParsedRelease) -> LoadOutcome:
    content_hash = parsed.content_hash()
    release = find_existing(parsed)
    if release is not None and release.import_hash == content_hash and not release.locked_fields:
        return LoadOutcome(UNCHANGED, release)

    office_cache: dict[str, CountryOffice] = {}
    for office in parsed.offices:
        _office(office, office_cache)
    release_office = _office(parsed.office, office_cache) if parsed.office else None
    values = _release_values(parsed, release_office)

    if release is None:
        created = True
        release = Release(
            source=parsed.source, slug=unique_slug(Release, parsed.title, "communique"), **values
        )
        release.imported_values = {k: str(v) if hasattr(v, "isoformat") else v for k, v in values.items()}
        changed: list[str] = list(values)
        kept: list[str] = []
    else:
        created = False
        changed, kept = release.apply_imported(values)
    if release.import_hash != content_hash:
        changed.append("import_hash")
    release.fingerprint = parsed.fingerprint
    release.import_hash = content_hash
    release.raw_text = parsed.text
    release.warnings = parsed.warnings
    release.save()

    for set_relation in (_set_contacts, _set_projects, _set_quoted_people):
        relation_changed, relation_kept = set_relation(release, parsed, office_cache)
        changed += relation_changed
        kept += relation_kept
    if created:
        return LoadOutcome(CREATED, release, kept)
    return LoadOutcome(UPDATED if changed else UNCHANGED, release, kept)


def _set_contacts(release: Release, parsed: ParsedRelease, offices: dict[str, CountryOffice]):
    wanted = []
    for contact in parsed.contacts:
        if not contact.name:
            continue
        office = offices.get(contact.office) if contact.office else None
        person = _person(contact, office)
        if all(w[0].pk != person.pk for w in wanted):
            wanted.append((person, office, contact.phones))
    current = [(link.person_id, link.office_id, link.phones) for link in release.contact_links.all()]
    desired = [(p.pk, o.pk if o else None, phones) for p, o, phones in wanted]
    if current == desired:
        return [], []
    if "contacts" in release.locked_fields:
        return [], ["contacts"]
    release.contact_links.all().delete()
    ReleaseContact.objects.bulk_create(
        ReleaseContact(release=release, person=p, office=o, phones=phones, position=i)
        for i, (p, o, phones) in enumerate(wanted)
    )
    return ["contacts"], []


def _set_projects(release: Release, parsed: ParsedRelease, _offices=None):
    projects = [_project(p.name, p.acronym) for p in parsed.projects]
    if {p.pk for p in projects} == set(release.projects.values_list("pk", flat=True)):
        return [], []
    if "projects" in release.locked_fields:
        return [], ["projects"]
    release.projects.set(projects)
    return ["projects"], []


def _set_quoted_people(release: Release, parsed: ParsedRelease, _offices=None):
    desired = list({q.name[:200]: q.role[:300] for q in parsed.quoted_people}.items())
    current = list(release.quoted_people.values_list("name", "role"))
    if current == desired:
        return [], []
    if "quoted_people" in release.locked_fields:
        return [], ["quoted_people"]
    release.quoted_people.all().delete()
    QuotedPerson.objects.bulk_create(
        QuotedPerson(release=release, name=name, role=role, position=i)
        for i, (name, role) in enumerate(desired)
    )
    return ["quoted_people"], []
