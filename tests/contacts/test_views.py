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
