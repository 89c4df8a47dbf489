"""The press-contact directory: who to call about releases from a country, as a page,
vCards and CSV."""

import csv
import io
from datetime import date

import pytest
import vobject

from contacts.models import stale_before
from tests.factories import OfficeFactory, PersonFactory, ReleaseContactFactory, ReleaseFactory
from tests.helpers import FIXTURES, run_import

pytestmark = pytest.mark.django_db


def text(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def people(db):
    guatemala = OfficeFactory(name="OIM Ciudad", country="GT")
    senegal = OfficeFactory(name="OIM Dakar", country="SN")
    phones = ["+50223336052;ext=218", "+50255551234"]
    recent = PersonFactory(name="Ana Recente", email="ana@iom.int", office=guatemala, phones=phones)
    old = PersonFactory(name="Bruno Ancien", email="bruno@iom.int", office=senegal, phones=["+221338696200"])
    this_year = date.today().replace(month=1, day=2)
    for published in (date(2015, 3, 1), this_year):
        ReleaseContactFactory(person=recent, release=ReleaseFactory(published=published, office=guatemala))
    ReleaseContactFactory(person=old, release=ReleaseFactory(published=date(2012, 6, 5), office=senegal))
    return recent, old


def test_the_directory_shows_who_to_call_with_the_latest_release(client, people):
    page = text(client.get("/people/"))
    assert "2 personnes" in page
    row = page[page.index("Ana Recente") :][:3000]
    assert 'href="tel:+50223336052;ext=218"' in row and "+502 2333 6052, poste 218" in row
    assert "Fixe</span>" in row and "Mobile</span>" in row  # told apart by the numbering plan
    assert 'href="mailto:ana@iom.int"' in row
    assert date.today().strftime("%Y") in row and "peut-être plus à jour" not in row[: row.index("</tr>")]
    assert 'href="/?contact=' in row  # their releases
    old_row = page[page.index("Bruno Ancien") :]
    assert "5 juin 2012" in old_row and "peut-être plus à jour" in old_row[: old_row.index("</tr>")]


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("country=GT", "Ana Recente", "Bruno Ancien"),
        ("office=oim-dakar", "Bruno Ancien", "Ana Recente"),
        ("q=recente", "Ana Recente", "Bruno Ancien"),
        ("q=bruno@iom", "Bruno Ancien", "Ana Recente"),
        ("q=ana+recente&country=GT", "Ana Recente", "Bruno Ancien"),
    ],
)
def test_the_directory_filters_by_country_office_and_name(client, people, query, shown, hidden):
    page = text(client.get(f"/people/?{query}"))
    assert shown in page and hidden not in page
    assert "1 personne" in page


def test_an_unknown_filter_value_is_said_and_ignored(client, people):
    page = text(client.get("/people/?country=ZZ"))
    assert "ne sont pas valides" in page and "Ana Recente" in page and "Bruno Ancien" in page


def test_the_directory_costs_the_same_queries_for_many_people(client, people, django_assert_max_num_queries):
    office = OfficeFactory(country="GT")
    for _ in range(30):
        ReleaseContactFactory(person=PersonFactory(office=office))
    with django_assert_max_num_queries(8):
        client.get("/people/?country=GT")


def test_stale_means_not_named_for_three_years():
    assert stale_before(date(2024, 2, 29)) == date(2021, 2, 28)


def test_a_persons_vcard_dials_the_extension(client, people):
    recent, _ = people
    response = client.get(f"/people/{recent.slug}/vcard.vcf")
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{recent.slug}.vcf"'
    raw = response.content.decode()
    assert "TEL;TYPE=WORK,VOICE:+50223336052,218\r\n" in raw  # the extension after a pause
    assert "TEL;TYPE=CELL,VOICE:+50255551234\r\n" in raw
    card = vobject.readOne(raw)
    assert card.fn.value == "Ana Recente" and card.n.value.family == "Recente"
    assert card.email.value == "ana@iom.int" and card.org.value == ["OIM Ciudad"]
    assert card.url.value == f"http://testserver/people/{recent.slug}/"


def test_an_offices_contacts_in_one_vcard_file(client, db):
    run_import(FIXTURES)
    response = client.get("/offices/oim-guatemala/contacts.vcf")
    cards = list(vobject.readComponents(response.content.decode()))
    assert sorted(c.fn.value for c in cards) == ["Karla Villamar", "Sonia Pellecer"]
    assert response["Content-Disposition"] == 'attachment; filename="contacts-oim-guatemala.vcf"'


def test_the_directory_as_csv_with_the_same_filters(client, people):
    PersonFactory(name='=HYPERLINK("http://x")', email="formula@iom.int", office=people[0].office)
    response = client.get("/people/annuaire.csv?country=GT")
    assert response["Content-Disposition"] == 'attachment; filename="annuaire-contacts.csv"'
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [r["nom"] for r in rows] == ['\u2060=HYPERLINK("http://x")', "Ana Recente"]
    ana = rows[1]
    # A cell starting with "+" would be a formula to a spreadsheet: an invisible word joiner
    # in front keeps it text (an apostrophe would show in LibreOffice).
    assert ana["téléphones"] == "\u2060+502 2333 6052, poste 218; +502 5555 1234"
    assert ana["pays"] == "Guatemala" and ana["communiqués"] == "2" and ana["peut_être_plus_à_jour"] == "non"
    assert ana["page"].startswith("http://testserver/people/")


def test_offices_list_their_press_contacts_and_where_releases_come_from(client, db):
    run_import(FIXTURES)
    page = text(client.get("/offices/oim-guatemala/"))
    contacts = page[page.index("Contacts presse") : page.index("</table>")]
    assert "Sonia Pellecer" in contacts and 'href="tel:+502' in contacts
    assert "Karla Villamar" in contacts and "/offices/oim-guatemala/contacts.vcf" in page
    assert "D’où viennent ses communiqués" in page
    assert 'href="/?office=oim-guatemala&amp;country=GT"' in page


@pytest.mark.parametrize(
    ("path", "shown", "hidden"),
    [
        ("/offices/?q=rome", "OIM Rome", "OIM Guatemala"),
        ("/offices/?q=buenos", "OIM Buenos Aires", "OIM Rome"),
        ("/projects/?q=midla", "MIDLA", "Fonds 1035"),
        ("/projects/?q=fonds", "Fonds 1035", "MIDLA"),
    ],
)
def test_indexes_are_searchable_tables_with_counts(client, db, path, shown, hidden):
    run_import(FIXTURES)
    page = text(client.get(path))
    assert '<table class="data-table">' in page and shown in page and hidden not in page


def test_office_index_counts_releases_and_people(client, db):
    run_import(FIXTURES)
    page = text(client.get("/offices/"))
    row = page[page.index(">OIM Guatemala<") :]
    row = row[: row.index("</tr>")]
    assert 'href="/people/?office=oim-guatemala"' in row and ">2</a>" in row  # two people, two releases


def test_libreoffice_opens_the_directory_with_phones_as_written(client, people, tmp_path):
    from tests.helpers import as_libreoffice_shows

    body = b"".join(client.get("/people/annuaire.csv?country=GT").streaming_content).decode()
    shown = as_libreoffice_shows(body.lstrip("\ufeff"), ",", tmp_path)
    if shown is None:
        pytest.skip("LibreOffice is not installed: the cells are checked by the test above")
    header, ana = shown[0], shown[1]
    record = dict(zip(header, (cell.strip("\u2060") for cell in ana), strict=True))
    assert record["téléphones"] == "+502 2333 6052, poste 218; +502 5555 1234"
