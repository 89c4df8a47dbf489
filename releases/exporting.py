"""Releases in the export format of the contract (JSON objects, CSV rows)."""

import csv
import json
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

from .models import Release

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


def release_record(release: Release) -> dict:
    office = release.office
    return {
        "source": release.source,
        "url": release.get_absolute_url(),
        "title": release.title,
        "dateline": release.dateline or None,
        "published": release.published.isoformat() if release.published else None,
        "language": release.language,
        "country": release.country or None,
        "country_office": (
            {"name": office.name, "city": office.city or None, "country": office.country or None}
            if office
            else None
        ),
        "body": release.body,
        "projects": [{"name": p.name, "acronym": p.acronym or None} for p in release.projects.all()],
        "contacts": [
            {
                "name": link.person.name,
                "email": link.person.email,
                "phones": list(link.phones),
                "office": link.office.name if link.office else None,
            }
            for link in release.contact_links.all()
        ],
        "quoted_people": [{"name": q.name, "role": q.role} for q in release.quoted_people.all()],
    }


def iter_records(releases: QuerySet, chunk_size: int = 500) -> Iterator[dict]:
    # iterator(chunk_size) keeps memory flat and still prefetches per chunk.
    for release in releases.with_details().iterator(chunk_size=chunk_size):
        yield release_record(release)


def write_json(records: Iterable[dict], out) -> None:
    """A JSON array, written record by record."""
    out.write("[")
    for i, record in enumerate(records):
        out.write(",\n" if i else "\n")
        out.write(json.dumps(record, ensure_ascii=False))
    out.write("\n]\n")


def csv_row(record: dict) -> list[str]:
    office = record["country_office"] or {}
    contacts = [
        " ".join(
            filter(
                None,
                [
                    c["name"],
                    f"<{c['email']}>" if c["email"] else None,
                    *c["phones"],
                    f"({c['office']})" if c["office"] else None,
                ],
            )
        )
        for c in record["contacts"]
    ]
    return [
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
        "; ".join(contacts),
        "; ".join(f"{q['name']}, {q['role']}" if q["role"] else q["name"] for q in record["quoted_people"]),
    ]


def write_csv(records: Iterable[dict], out) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow(csv_row(record))
