"""Admin forms that speak French and never show a database constraint: a country typed by
its name, a language chosen from a list, a date written in words, phones one per line."""

from datetime import date

import pytest
from django.urls import reverse

from contacts.models import CountryOffice
from releases.models import Release
from tests.admin_helpers import change_form_data
from tests.helpers import SAMPLE_PAGES, form_fields, readable, run_import

pytestmark = pytest.mark.django_db

PAGE = SAMPLE_PAGES[0]  # one release, from the office in Argentina


@pytest.fixture
def release_form(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    return release, reverse("admin:releases_release_change", args=[release.pk])


def errors_of(response) -> str:
    return readable(" ".join(" ".join(e) for e in response.context["adminform"].form.errors.values()))


def test_a_country_is_shown_and_typed_by_its_name(client, release_form):
    release, url = release_form
    page = client.get(url).content.decode()
    assert form_fields(page, "#release_form")["country"] == ["Argentine"]  # not "AR"
    assert '<datalist id="country-names">' in page and '<option value="Haïti">' in page
    assert "Pays (code ISO)" not in page

    for typed in ("Haïti", "haiti", "HT"):
        data = change_form_data(client.get(url))
        data["country"] = typed
        assert client.post(url, data).status_code == 302, typed
        release.refresh_from_db()
        assert release.country == "HT"
    assert "country" in release.locked_fields


def test_an_unknown_country_is_a_french_sentence_not_a_database_constraint(client, release_form):
    release, url = release_form
    data = change_form_data(client.get(url))
    data["country"] = "Atlantide"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "« Atlantide » n’est pas un pays connu : choisissez son nom dans la liste" in errors_of(response)
    assert "contrainte" not in response.content.decode()
    release.refresh_from_db()
    assert release.country == "AR"


def test_an_office_country_is_typed_by_name_and_listed_by_name(client, editor):
    run_import(PAGE)
    office = CountryOffice.objects.get()
    url = reverse("admin:contacts_countryoffice_change", args=[office.pk])
    data = change_form_data(client.get(url))
    data["country"] = "République démocratique du Congo"
    assert client.post(url, data).status_code == 302
    office.refresh_from_db()
    assert office.country == "CD"
    listing = client.get(reverse("admin:contacts_countryoffice_changelist")).content.decode()
    assert "République démocratique du Congo" in listing and ">CD<" not in listing


def test_a_language_is_chosen_from_a_list_of_names(client, release_form):
    release, url = release_form
    page = client.get(url).content.decode()
    assert '<option value="fr" selected>français</option>' in page
    data = change_form_data(client.get(url))
    data["language"] = "français"  # what an editor typed into the old text box
    response = client.post(url, data)
    assert response.status_code == 200
    assert "« français » n’est pas une langue de la liste" in errors_of(response)
    data["language"] = "es"
    assert client.post(url, data).status_code == 302
    release.refresh_from_db()
    assert release.language == "es"


def test_a_language_stored_outside_the_list_is_shown_as_it_is(client, release_form):
    release, url = release_form
    Release.objects.filter(pk=release.pk).update(language="français")
    page = client.get(url).content.decode()
    assert form_fields(page, "#release_form")["language"] == ["français"]  # never replaced unseen
    assert "français (pas dans la liste)" in page


@pytest.mark.parametrize(
    "typed, day",
    [
        ("9 mars 2022", date(2022, 3, 9)), ("1er juillet 2023", date(2023, 7, 1)),
        ("1 Juillet 2023", date(2023, 7, 1)), ("3 fevrier 2020", date(2020, 2, 3)),
        ("lundi 3 févr. 2020", date(2020, 2, 3)), ("15 août 2021", date(2021, 8, 15)),
        ("09/03/2022", date(2022, 3, 9)), ("2022-03-09", date(2022, 3, 9)),
    ],
)  # fmt: skip
def test_a_date_is_typed_in_french_words_or_figures(client, release_form, typed, day):
    release, url = release_form
    data = change_form_data(client.get(url))
    data["published"] = typed
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.published == day


def test_a_date_has_a_format_hint_and_a_french_error(client, release_form):
    _release, url = release_form
    assert "Par exemple 9 mars 2022, 1er juillet 2023 ou 09/03/2022." in client.get(url).content.decode()
    data = change_form_data(client.get(url))
    for typed, error in [
        ("9 marz 2022", "Date non comprise : écrivez-la comme 9 mars 2022 ou 09/03/2022."),
        ("31 février 2022", "Le 31 février 2022 n’existe pas."),
    ]:
        data["published"] = typed
        response = client.post(url, data)
        assert response.status_code == 200 and error in errors_of(response)


def test_a_person_phones_are_shown_one_per_line_as_people_read_them(client, editor):
    run_import(*SAMPLE_PAGES)
    from contacts.models import ContactPerson

    person = ContactPerson.objects.get(email="spellecer@iom.int")
    url = reverse("admin:contacts_contactperson_change", args=[person.pk])
    page = client.get(url).content.decode()
    assert "+502 2333 6052, poste 218" in form_fields(page, "#contactperson_form")["phones"][0]
    assert ";ext=" not in form_fields(page, "#contactperson_form")["phones"][0]
    data = change_form_data(client.get(url))
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert "phones" not in person.locked_fields  # sent back as shown: no correction
