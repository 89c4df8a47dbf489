"""One page to one release: the steps of parsing, in order."""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .body import find_dateline, find_projects, find_quoted_people
from .contacts import RawContact, find_contact_block, opening_remainder, parse_contact_lines
from .errors import NotARelease
from .navigation import DEFAULT_NAVIGATION, navigation_length
from .places import city_countries, country_code
from .reading import PageLines
from .text import detect_language, restore_ligatures, to_paragraphs

MAX_TITLE_LENGTH = 300
MAX_CONTACT_LINES = 60


@dataclass
class ParsedOffice:
    name: str
    city: str | None
    country: str | None


@dataclass
class ParsedContact:
    name: str
    email: str | None
    phones: list[str]
    office: str | None


@dataclass
class ParsedProject:
    name: str
    acronym: str | None


@dataclass
class QuotedPerson:
    name: str
    role: str


@dataclass
class ParsedRelease:
    source: str
    title: str
    body: str
    dateline: str | None = None
    published: date | None = None
    language: str = "fr"
    country: str | None = None
    office: ParsedOffice | None = None
    offices: list[ParsedOffice] = field(default_factory=list)
    contacts: list[ParsedContact] = field(default_factory=list)
    projects: list[ParsedProject] = field(default_factory=list)
    quoted_people: list[QuotedPerson] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text: str = field(default="", repr=False)
    fingerprint: str = ""
    canonical_url: str | None = None  # what an HTML page says it is; the importer decides if it counts
    _content_hash: str = field(default="", repr=False, compare=False)

    def content_hash(self) -> str:
        """Changes whenever anything the import would write changes (not the source: a
        copy of a page under another name is the same release, unchanged)."""
        if not self._content_hash:
            office = self.office
            data = [
                self.title, self.body, self.dateline, str(self.published), self.language,
                self.country, self.fingerprint,
                [office.name, office.city, office.country] if office else None,
                [[o.name, o.city, o.country] for o in self.offices],
                [[c.name, c.email, c.phones, c.office] for c in self.contacts],
                [[p.name, p.acronym] for p in self.projects],
                [[q.name, q.role] for q in self.quoted_people],
            ]  # fmt: skip
            self._content_hash = hashlib.sha256(json.dumps(data).encode()).hexdigest()
        return self._content_hash


def fingerprint(lines: list[str]) -> str:
    """Identity of a page's content, blind to encoding, line endings and spacing."""
    # Decoding and split_lines() already made encodings, line endings and spaces alike.
    content = "\n".join(line.strip() for line in lines if line.strip())
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _resolve_offices(people: list[RawContact]) -> dict[str, ParsedOffice]:
    """Each office's city and country: the country it names, else its contacts' phones."""
    offices: dict[str, ParsedOffice] = {}
    members: dict[str, list[RawContact]] = {}
    for person in people:
        if person.office:
            members.setdefault(person.office, []).append(person)
    for name, group in members.items():
        place = name.split(" ", 1)[1] if " " in name else name
        named = country_code(place)
        if named:
            offices[name] = ParsedOffice(name=name, city=None, country=named)
            continue
        regions = Counter(region for person in group for region in person.phone_regions[:1])
        cities = city_countries(place)
        country = None
        for region, _count in regions.most_common():
            if not cities or region in cities:
                country = region
                break
        if country is None:
            country = cities[0] if cities else (regions.most_common(1)[0][0] if regions else None)
        offices[name] = ParsedOffice(name=name, city=place, country=country)
    return offices


def parse_page(
    page: PageLines, source: str, navigation: frozenset[str] | set[str] = DEFAULT_NAVIGATION
) -> ParsedRelease:
    lines = page.lines
    skipped = navigation_length(lines, navigation)
    lines = lines[skipped:]
    content = [line for line in lines if line]
    if not content:
        raise NotARelease("only site navigation" if skipped else "empty page")

    warnings: list[str] = []
    if page.title:
        title, rest = page.title, lines
    else:
        first = next(i for i, line in enumerate(lines) if line)
        title, rest = lines[first], lines[first + 1 :]
    if len(title) > MAX_TITLE_LENGTH:
        warnings.append("title too long: cut")
        title = title[:MAX_TITLE_LENGTH].rsplit(" ", 1)[0] + "…"
    title = restore_ligatures(title)

    block = find_contact_block(rest)
    if block:
        body_lines = rest[: block[0]]
        contact_lines = [opening_remainder(rest[block[1] - 1]), *rest[block[1] :]]
        if len(contact_lines) > MAX_CONTACT_LINES:
            # A contact block is a few lines; what follows it is not contacts.
            warnings.append(f"{len(contact_lines) - MAX_CONTACT_LINES} lines after the contact block ignored")
            contact_lines = contact_lines[:MAX_CONTACT_LINES]
    else:
        body_lines, contact_lines = rest, []
        warnings.append("no contact block")

    paragraphs = restore_ligatures("\n\n".join(to_paragraphs(body_lines, False if page.is_html else None)))
    paragraphs = [p for p in paragraphs.split("\n\n") if p]
    dateline = find_dateline(paragraphs[0]) if paragraphs else None
    if dateline:
        paragraphs[0] = dateline.rest
    body = "\n\n".join(paragraphs)
    if not body:
        warnings.append("empty body")

    people = parse_contact_lines(contact_lines)
    offices = _resolve_offices(people)
    contacts: list[ParsedContact] = []
    for person in people:
        warnings.extend(person.warnings)
        office = person.office
        if office is None and person.phone_regions:
            # No office line: the release's office in the country of their phone.
            office = next((o.name for o in offices.values() if o.country == person.phone_regions[0]), None)
        if not person.email:
            warnings.append(f"contact without e-mail: {person.name}")
        contacts.append(
            ParsedContact(
                name=person.name or person.email or "",
                email=person.email,
                phones=person.phones,
                office=office,
            )
        )
    if block and not contacts:
        warnings.append("contact block without a person")

    release_office = next((offices[c.office] for c in contacts if c.office in offices), None)
    country = (release_office.country if release_office else None) or (dateline.country if dateline else None)
    flat_body = " ".join(paragraphs)
    return ParsedRelease(
        source=source,
        canonical_url=page.canonical_url,
        title=title,
        body=body,
        dateline=dateline.place if dateline else None,
        published=page.published or (dateline.published if dateline else None),
        language=detect_language(flat_body or title),
        country=country,
        office=release_office,
        offices=list(offices.values()),
        contacts=contacts,
        projects=[ParsedProject(p.name, p.acronym) for p in find_projects(flat_body)],
        quoted_people=[QuotedPerson(q.name, q.role) for q in find_quoted_people(flat_body)],
        warnings=warnings,
        text=page.text,
        fingerprint=fingerprint([title, *content]),
    )
