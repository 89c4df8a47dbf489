"""Pages of offices, people and projects, end to end on the sample pages."""

import pytest

from contacts.models import ContactPerson, CountryOffice, Project
from tests.helpers import FIXTURES, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples(db):
    run_import(FIXTURES)


def text(response):
    return response.content.decode()


def test_entity_pages_and_indexes(client, samples):
    person = ContactPerson.objects.get(email="spellecer@iom.int")
    page = text(client.get(person.get_absolute_url()))
    assert "2 communiqués" in page and "OIM Guatemala" in page
    office = CountryOffice.objects.get(name="OIM Guatemala")
    page = text(client.get(office.get_absolute_url()))
    assert "Karla Villamar" in page and "2 communiqués" in page
    project = Project.objects.get(acronym="MIDLA")
    assert "Faire participer" in text(client.get(project.get_absolute_url()))
    for index, entry in (
        ("/offices/", "OIM Rome"),
        ("/projects/", "Fonds 1035"),
        ("/people/", "Carolina Urcuyo"),
    ):
        assert entry in text(client.get(index))


@pytest.fixture
def accented(db):
    from tests.factories import OfficeFactory, PersonFactory, ProjectFactory

    geneva = OfficeFactory(name="OIM Genève", slug="oim-geneve", city="Genève", country="CH")
    OfficeFactory(name="OIM Dakar", slug="oim-dakar", city="Dakar", country="SN")
    ProjectFactory(name="Fonds pour le Développement des diasporas", slug="fonds-developpement")
    ProjectFactory(name="Retours volontaires", slug="retours")
    PersonFactory(name="Diego Lefèvre", slug="diego-lefevre", email="dlefevre@iom.int", office=geneva)
    PersonFactory(name="Zoé Œuvrard", slug="zoe-oeuvrard", email="zoe@iom.int", office=geneva)


@pytest.mark.parametrize(
    "index, typed, found, not_found",
    [
        ("/offices/", "geneve", "OIM Genève", "OIM Dakar"),
        ("/offices/", "GENÈVE", "OIM Genève", "OIM Dakar"),
        ("/offices/", "oim genève", "OIM Genève", "OIM Dakar"),
        ("/projects/", "developpement", "Fonds pour le Développement", "Retours volontaires"),
        ("/projects/", "DÉVELOPPEMENT diaspora", "Fonds pour le Développement", "Retours volontaires"),
        ("/people/", "lefevre", "Diego Lefèvre", "Zoé Œuvrard"),
        ("/people/", "zoe oeuvrard", "Zoé Œuvrard", "Diego Lefèvre"),
        ("/people/", "DLEFEVRE@IOM", "Diego Lefèvre", "Zoé Œuvrard"),
    ],
)
def test_index_searches_ignore_accents_and_case(client, accented, index, typed, found, not_found):
    page = text(client.get(index, {"q": typed}))
    assert found in page
    assert not_found not in page


def test_a_search_for_a_name_offers_the_persons_and_the_offices_page(client, accented):
    page = text(client.get("/", {"q": "lefevre"}))
    assert "Aucun communiqué" in page or "0 communiqué" in page  # no release names him…
    hint = page[page.index("Personnes et bureaux de ce nom") :]
    assert '<a href="/people/diego-lefevre/">Diego Lefèvre</a> (OIM Genève)' in hint  # …his page is offered
    page = text(client.get("/", {"q": "Genève"}))
    hint = page[page.index("Personnes et bureaux de ce nom") :]
    assert '<a href="/offices/oim-geneve/">OIM Genève</a>' in hint
    assert "Personnes et bureaux de ce nom" not in text(client.get("/", {"q": "migrants"}))
    assert "Personnes et bureaux de ce nom" not in text(client.get("/"))
