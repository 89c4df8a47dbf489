"""What parsing yields: one dataclass per concept (none named like a Django model)."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from .warnings import ParseWarning


@dataclass
class ParsedOffice:
    name: str
    city: str | None
    country: str | None


@dataclass
class ParsedContact:
    name: str = ""
    email: str | None = None
    phones: list[str] = field(default_factory=list)
    office: str | None = None
    # Regions of the phones, in order: where an office without a country is.
    phone_regions: list[str] = field(default_factory=list, repr=False, compare=False)


@dataclass(frozen=True)
class ParsedProject:
    name: str
    acronym: str | None = None


@dataclass(frozen=True)
class ParsedQuote:
    name: str
    role: str


@dataclass
class ParsedRelease:
    source: str
    title: str
    body: str
    subtitle: str | None = None  # a line between the title and the text, kept out of the body
    dateline: str | None = None
    # Every place of a dateline such as "Genève/ Port-au-Prince": the first one gives the country.
    dateline_places: list[str] = field(default_factory=list)
    dateline_country: str | None = None  # the dateline's own country (`country` may be the office's)
    published: date | None = None
    language: str = "fr"
    country: str | None = None
    office: ParsedOffice | None = None
    offices: list[ParsedOffice] = field(default_factory=list)
    contacts: list[ParsedContact] = field(default_factory=list)
    projects: list[ParsedProject] = field(default_factory=list)
    quoted_people: list[ParsedQuote] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
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
                self.title, self.subtitle, self.body, self.dateline, self.dateline_places,
                str(self.published), self.language, self.country, self.fingerprint,
                [office.name, office.city, office.country] if office else None,
                [[o.name, o.city, o.country] for o in self.offices],
                [[c.name, c.email, c.phones, c.office] for c in self.contacts],
                [[p.name, p.acronym] for p in self.projects],
                [[q.name, q.role] for q in self.quoted_people],
                [[w.code, w.detail] for w in self.warnings],
            ]  # fmt: skip
            self._content_hash = hashlib.sha256(json.dumps(data).encode()).hexdigest()
        return self._content_hash


def fingerprint(lines: list[str]) -> str:
    """Identity of a page's content, blind to encoding, line endings and spacing."""
    # Decoding and split_lines() already made encodings, line endings and spaces alike.
    content = "\n".join(line.strip() for line in lines if line.strip())
    return hashlib.sha256(content.encode("utf-8")).hexdigest()
