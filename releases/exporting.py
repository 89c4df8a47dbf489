"""Releases in the export format of the contract (JSON objects, CSV rows), and a
spreadsheet variant of the CSV (French headers, one column per contact field).

Records are built from plain rows, 5,000 releases at a time (their links,
offices, people and projects in three queries a batch), never from model
instances: an export of 100,000 releases takes seconds, in constant memory.

CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab
or a carriage return) are kept text (core/spreadsheets.py): an apostrophe in front in
the contract's CSV, an invisible word joiner in the one for French spreadsheets.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

import orjson
from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse

from contacts.models import ContactPerson, CountryOffice, Project
from core.countries import country_label
from core.phones import display
from core.spreadsheets import program_cell, spreadsheet_cell

from .models import QuotedPerson, Release, ReleaseContact

# Releases read together, with their links in three queries: few queries, bounded memory.
BATCH = 5000
ROW = (
    "pk", "source", "slug", "title", "dateline", "published", "language", "country", "body",
    "office__name", "office__city", "office__country",
)  # fmt: skip

CSV_COLUMNS = [
    "source",
    "url",
    "title",
    "dateline",
    "published",
    "language",
    "country",
    "country_office",
    "office_city",
    "office_country",
    "body",
    "projects",
    "contacts",
    "quoted_people",
]
SPREADSHEET_COLUMNS = [
    "Titre", "Date", "Lieu", "Pays", "Bureau", "Ville du bureau", "Pays du bureau", "Projets",
    "Personnes citées", "Texte", "Lien", "Source", "Langue",
]  # fmt: skip
CONTACT_COLUMNS = ["nom", "courriel", "téléphones", "bureau"]


# ---------------------------------------------------------------- records
def iter_records(releases: QuerySet, base_url: str = "") -> Iterator[dict]:
    """The releases' records, in the queryset's order; `url` is made absolute with `base_url`."""
    page_url = base_url.rstrip("/") + reverse("releases:release", args=["SLUG"]).replace("SLUG", "{}")
    rows = releases.values_list(*ROW).iterator(chunk_size=BATCH)
    for batch in batched(rows, BATCH):
        yield from _records(batch, page_url)


def batched(items, size: int) -> Iterator[tuple]:
    """itertools.batched, which Python 3.11 lacks."""
    items = iter(items)
    while batch := tuple(islice(items, size)):
        yield batch


def _records(rows, page_url: str) -> Iterator[dict]:
    ids = [row[0] for row in rows]
    contacts, projects, quotes = defaultdict(list), defaultdict(list), defaultdict(list)
    for release, name, email, phones, office in _select(CONTACTS, ids):
        phones = orjson.loads(phones) if isinstance(phones, str | bytes) else phones
        contacts[release].append({"name": name, "email": email, "phones": phones, "office": office})
    for release, name, acronym in _select(PROJECTS, ids):
        projects[release].append({"name": name, "acronym": acronym or None})
    for release, name, role in _select(QUOTES, ids):
        quotes[release].append({"name": name, "role": role})
    for pk, source, slug, title, dateline, published, language, country, body, *office in rows:
        yield {
            "source": source,
            "url": page_url.format(slug),
            "title": title,
            "dateline": dateline or None,
            "published": published.isoformat() if published else None,
            "language": language,
            "country": country or None,
            "country_office": (
                {"name": office[0], "city": office[1] or None, "country": office[2] or None}
                if office[0] is not None
                else None
            ),
            "body": body,
            "projects": projects.get(pk, []),
            "contacts": contacts.get(pk, []),
            "quoted_people": quotes.get(pk, []),
        }


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


# The links of a batch of releases, in page order: plain SQL, a batch of ids as one parameter.
CONTACTS = (
    f"SELECT link.release_id, person.name, person.email, link.phones, office.name "
    f"FROM {_table(ReleaseContact)} link JOIN {_table(ContactPerson)} person ON person.id = link.person_id "
    f"LEFT JOIN {_table(CountryOffice)} office ON office.id = link.office_id "
    f"WHERE link.release_id IN {{ids}} ORDER BY link.release_id, link.position, link.id"
)
PROJECTS = (
    f"SELECT link.release_id, project.name, project.acronym "
    f"FROM {_table(Release.projects.through)} link "
    f"JOIN {_table(Project)} project ON project.id = link.project_id "
    f"WHERE link.release_id IN {{ids}} ORDER BY link.release_id, project.name, project.id"
)
QUOTES = (
    f"SELECT release_id, name, role FROM {_table(QuotedPerson)} "
    f"WHERE release_id IN {{ids}} ORDER BY release_id, position, id"
)


def _select(sql: str, ids: list[int]):
    if connection.vendor == "postgresql":
        sql, params = sql.replace("IN {ids}", "= ANY(%s::bigint[])"), [ids]
    else:
        sql, params = sql.replace("IN {ids}", "IN (SELECT value FROM json_each(%s))"), [json.dumps(ids)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        yield from cursor.fetchall()


def most_contacts(releases: QuerySet) -> int:
    """The largest number of contacts of one of these releases (the spreadsheet's contact columns)."""
    from django.db.models import Count, Max

    counts = ReleaseContact.objects.filter(release__in=releases.order_by().values("pk"))
    return counts.values("release").annotate(n=Count("pk")).aggregate(most=Max("n"))["most"] or 0


# ---------------------------------------------------------------- writing
def write_json(records: Iterable[dict], out) -> None:
    """A JSON array, written record by record (orjson: a tenth of the time of json)."""
    out.write("[")
    for i, record in enumerate(records):
        out.write(",\n" if i else "\n")
        out.write(orjson.dumps(record).decode())
    out.write("\n]\n")


def _contact_text(contact: dict) -> str:
    parts = [
        contact["name"],
        f"<{contact['email']}>" if contact["email"] else None,
        *contact["phones"],
        f"({contact['office']})" if contact["office"] else None,
    ]
    return " ".join(part for part in parts if part)


def csv_row(record: dict) -> list[str]:
    office = record["country_office"] or {}
    cells = [
        record["source"],
        record["url"],
        record["title"],
        record["dateline"] or "",
        record["published"] or "",
        record["language"],
        record["country"] or "",
        office.get("name") or "",
        office.get("city") or "",
        office.get("country") or "",
        record["body"],
        "; ".join(
            p["name"] + (f" ({p['acronym']})" if p["acronym"] and p["acronym"] != p["name"] else "")
            for p in record["projects"]
        ),
        "; ".join(_contact_text(c) for c in record["contacts"]),
        "; ".join(f"{q['name']}, {q['role']}" if q["role"] else q["name"] for q in record["quoted_people"]),
    ]
    return [program_cell(cell) for cell in cells]


def csv_line(cells: list[str], delimiter: str = ",") -> str:
    """One CSV record, every cell quoted (RFC 4180, as csv.QUOTE_ALL writes it, ten times faster)."""
    return delimiter.join(['"' + cell.replace('"', '""') + '"' for cell in cells]) + "\r\n"


def write_csv(records: Iterable[dict], out) -> None:
    """The contract's columns, one row per release."""
    out.write(csv_line(CSV_COLUMNS))
    for record in records:
        out.write(csv_line(csv_row(record)))


def spreadsheet_header(contact_slots: int) -> list[str]:
    contact_columns = [
        f"Contact {i} : {field}" for i in range(1, contact_slots + 1) for field in CONTACT_COLUMNS
    ]
    return SPREADSHEET_COLUMNS + contact_columns


def spreadsheet_row(record: dict, contact_slots: int) -> list[str]:
    office = record["country_office"] or {}
    cells = [
        record["title"],
        record["published"] or "",
        record["dateline"] or "",
        country_label(record["country"]),
        office.get("name") or "",
        office.get("city") or "",
        country_label(office.get("country")),
        "; ".join(p["name"] for p in record["projects"]),
        "; ".join(f"{q['name']}, {q['role']}" if q["role"] else q["name"] for q in record["quoted_people"]),
        record["body"],
        record["url"],
        record["source"],
        record["language"],
    ]
    for contact in record["contacts"][:contact_slots]:
        phones = ", ".join(display(phone) for phone in contact["phones"])
        cells += [contact["name"], contact["email"] or "", phones, contact["office"] or ""]
    cells += [""] * (len(CONTACT_COLUMNS) * contact_slots - (len(cells) - len(SPREADSHEET_COLUMNS)))
    return [spreadsheet_cell(cell) for cell in cells]


def write_spreadsheet_csv(records: Iterable[dict], out, contact_slots: int) -> None:
    """For spreadsheets set to French: semicolons, French headers, a column per contact field."""
    out.write(csv_line(spreadsheet_header(contact_slots), ";"))
    for record in records:
        out.write(csv_line(spreadsheet_row(record, contact_slots), ";"))
