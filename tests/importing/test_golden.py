"""Importing the five sample pages meets the contract's seed-expectations.json.

The repository carries a copy (tests/data/); the contract itself lives beside the
project (../shared/spec/) where the team keeps it: when it is there, the copy must match.

Every check runs twice: the five pages imported as one batch (their site's menu
learned across them), and each page imported alone (its menu told by the
template's layout): no copy of their menu is in the code.
"""

import json
import re
from pathlib import Path

import pytest

from contacts.models import ContactPerson, CountryOffice
from releases.exporting import iter_records
from releases.models import Release, ReleaseContact
from tests.helpers import FIXTURES, run_import

COPY = Path(__file__).parent.parent / "data" / "seed-expectations.json"
CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "spec" / "seed-expectations.json"
EXPECTATIONS = json.loads(COPY.read_text())
CASES = {case["source"]: case for case in EXPECTATIONS["releases"]}


def same_text(a, b):
    def norm(s):
        return re.sub(r"\s+", " ", (s or "").replace("’", "'")).strip()

    return norm(a) == norm(b)


@pytest.mark.skipif(not CONTRACT.exists(), reason=f"the contract is not beside the project ({CONTRACT})")
def test_the_copy_matches_the_contract():
    assert json.loads(CONTRACT.read_text()) == EXPECTATIONS


@pytest.fixture(params=["batch", "alone"])
def records(request, db):
    if request.param == "batch":
        run_import(FIXTURES)
    else:
        for page in sorted(FIXTURES.glob("*.txt")):
            report = run_import(page)
            assert report["navigation_lines_learned"] == 0  # one page teaches no menu
    return {r["source"]: r for r in iter_records(Release.objects.all())}


def test_totals(records):
    totals = EXPECTATIONS["totals_after_importing_all_five"]
    assert Release.objects.count() == totals["releases"]
    assert CountryOffice.objects.count() == totals["country_offices"]
    assert ContactPerson.objects.count() == totals["contact_people"]
    assert ReleaseContact.objects.count() == totals["release_contact_links"]


@pytest.mark.parametrize("source", sorted(CASES))
def test_must_and_should(records, source):
    expected = {**CASES[source]["must"], **CASES[source].get("should", {})}
    record = records[source]
    if "title" in expected:
        assert same_text(record["title"], expected["title"])
    if "dateline" in expected:
        assert record["dateline"] == expected["dateline"]
    if "country_office" in expected:
        office = record["country_office"]
        assert (office["name"], office["country"]) == (
            expected["country_office"]["name"],
            expected["country_office"]["country"],
        )
        assert record["country"] == expected["country_office"]["country"]
    if "contacts" in expected:
        assert len(record["contacts"]) == len(expected["contacts"])
        for got, want in zip(record["contacts"], expected["contacts"], strict=True):
            for key, value in want.items():
                assert got[key] == value, (key, got)
    for name, office in expected.get("contacts_office", {}).items():
        assert next(c["office"] for c in record["contacts"] if c["name"] == name) == office
    names = {p["name"] for p in record["projects"]} | {p["acronym"] for p in record["projects"]}
    for project in expected.get("projects_include", []):
        assert project in names
    for fragment in expected.get("body_contains", []):
        assert fragment in record["body"]
    if "first_paragraph" in expected:
        assert same_text(record["body"].split("\n\n")[0], expected["first_paragraph"])
    if "quoted_people" in expected:
        assert [q["name"] for q in record["quoted_people"]] == expected["quoted_people"]


@pytest.mark.parametrize("source", sorted(CASES))
def test_every_release_body_is_clean(records, source):
    body = records[source]["body"]
    for fragment in EXPECTATIONS["every_release_must"]["body_not_contains"]:
        assert fragment not in body
    for paragraph in body.split("\n\n"):
        # No paragraph ends in the middle of a sentence.
        assert re.search(r"""[.!?…»”"]$|https?://\S+$""", paragraph), paragraph[-60:]


def test_release_pages_link_to_a_slug_url(records):
    assert records["000_f54fc7d57c954cef.txt"]["url"] == (
        "/releases/nouveaux-projets-de-micro-credits-pour-les-familles-de-migrants/"
    )
