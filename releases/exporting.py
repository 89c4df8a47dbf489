"""Releases in the export format of the contract (JSON objects, CSV rows), and a
spreadsheet variant of the CSV (French headers, one column per contact field).

Records are built from plain rows, a batch of releases at a time (their links,
offices, people and projects in three queries a batch), never from model
instances: an export of 100,000 releases takes seconds, in constant memory.

CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @,
a tab or a carriage return) get a leading apostrophe, as OWASP recommends.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet
from django.urls import reverse

from contacts.models import CountryOffice
from core.countries import country_label
from core.phones import display

from .models import QuotedPerson, Release, ReleaseContact

BATCH = 1000
ROW = ("pk", "source", "slug", "title", "dateline", "published", "language", "country", "office_id", "body")

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
# OWASP: a cell starting with one of these is a formula to a spreadsheet (full-width forms too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")


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
    contacts, office_ids = defaultdict(list), {row[8] for row in rows if row[8]}
    links = ReleaseContact.objects.filter(release__in=ids).order_by("release", "position", "pk")
    for release_id, name, email, phones, office_id in links.values_list(
        "release", "person__name", "person__email", "phones", "office"
    ):
        contacts[release_id].append((name, email, phones, office_id))
        office_ids.add(office_id)
    offices = {
        pk: {"name": name, "city": city or None, "country": country or None}
        for pk, name, city, country in CountryOffice.objects.filter(pk__in=office_ids).values_list(
            "pk", "name", "city", "country"
        )
    }
    projects = defaultdict(list)
    through = Release.projects.through.objects.filter(release__in=ids)
    for release_id, name, acronym in through.order_by("release", "project__name", "project").values_list(
        "release", "project__name", "project__acronym"
    ):
        projects[release_id].append({"name": name, "acronym": acronym or None})
    quotes = defaultdict(list)
    quoted = QuotedPerson.objects.filter(release__in=ids).order_by("release", "position", "pk")
    for release_id, name, role in quoted.values_list("release", "name", "role"):
        quotes[release_id].append({"name": name, "role": role})
    for pk, source, slug, title, dateline, published, language, country, office_id, body in rows:
        yield {
            "source": source,
            "url": page_url.format(slug),
            "title": title,
            "dateline": dateline or None,
            "published": published.isoformat() if published else None,
            "language": language,
            "country": country or None,
            "country_office": offices.get(office_id),
            "body": body,
            "projects": projects.get(pk, []),
            "contacts": [
                {
                    "name": name,
                    "email": email,
                    "phones": list(phones),
                    "office": offices[office]["name"] if office else None,
                }
                for name, email, phones, office in contacts.get(pk, ())
            ],
            "quoted_people": quotes.get(pk, []),
        }


def most_contacts(releases: QuerySet) -> int:
    """The largest number of contacts of one of these releases (the spreadsheet's contact columns)."""
    from django.db.models import Count, Max

    counts = ReleaseContact.objects.filter(release__in=releases.order_by().values("pk"))
    return counts.values("release").annotate(n=Count("pk")).aggregate(most=Max("n"))["most"] or 0


# ---------------------------------------------------------------- writing
def write_json(records: Iterable[dict], out) -> None:
    """A JSON array, written record by record."""
    out.write("[")
    for i, record in enumerate(records):
        out.write(",\n" if i else "\n")
        out.write(json.dumps(record, ensure_ascii=False))
    out.write("\n]\n")


def safe_cell(value: str) -> str:
    """The cell as text a spreadsheet shows, never runs (OWASP's CSV injection advice)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


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
    return [safe_cell(cell) for cell in cells]


def write_csv(records: Iterable[dict], out) -> None:
    """The contract's columns, one row per release."""
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow(csv_row(record))


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
    return [safe_cell(cell) for cell in cells]


def write_spreadsheet_csv(records: Iterable[dict], out, contact_slots: int) -> None:
    """For spreadsheets set to French: semicolons, French headers, a column per contact field."""
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL)
    writer.writerow(spreadsheet_header(contact_slots))
    for record in records:
        writer.writerow(spreadsheet_row(record, contact_slots))
