"""Several countries at once, languages, and what the list says about them."""

from datetime import date

import pytest

from tests.factories import OfficeFactory, ReleaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_countries():
    for country, title, language in [
        ("GT", "Guatemala : retours", "es"),
        ("CR", "Costa Rica : accueil", "es"),
        ("SN", "Sénégal : route", "fr"),
        ("SN", "Sénégal : jeunes", "fr"),
    ]:
        ReleaseFactory(title=title, office=OfficeFactory(country=country), language=language)


def titles(response) -> list[str]:
    return sorted(r.title for r in response.context["page"].object_list)


def options(response, facet: str) -> dict[str, dict]:
    return {o["label"]: o for o in response.context["facets"][facet]}


def test_several_countries_at_once(client, three_countries):
    response = client.get("/?country=GT&country=CR")
    assert titles(response) == ["Costa Rica : accueil", "Guatemala : retours"]
    assert titles(client.get("/?country=gt,cr")) == titles(response)  # comma-separated, any case
    # The country facet counts the list without its own filter: another country can be added.
    countries = options(response, "country")
    assert countries["Sénégal"]["count"] == 2 and not countries["Sénégal"]["selected"]
    assert countries["Sénégal"]["url"] == "?country=GT&country=CR&country=SN"
    assert countries["Guatemala"]["selected"] and countries["Guatemala"]["url"] == "?country=CR"
    html = response.content.decode()
    assert 'Sénégal<span class="visually-hidden"> (ajouter ce pays)</span>' in html
    # One chip per country, each taking out only its own.
    chips = {chip["label"]: chip["remove_url"] for chip in response.context["chips"]}
    assert chips == {"Pays : Guatemala": "?country=CR", "Pays : Costa Rica": "?country=GT"}
    # Searching keeps both.
    assert html.count('<input type="hidden" name="country"') == 2


def test_a_wrong_country_code_is_named_and_ignored(client, three_countries):
    response = client.get("/?country=GUA")
    assert len(response.context["page"].object_list) == 4
    assert "« GUA » n’est pas un code de pays ISO" in response.content.decode()


def test_language_filter_facet_and_display(client, three_countries):
    response = client.get("/")
    assert {label: o["count"] for label, o in options(response, "language").items()} == {
        "espagnol": 2,
        "français": 2,
    }
    spanish = client.get("/?language=es")
    assert titles(spanish) == ["Costa Rica : accueil", "Guatemala : retours"]
    html = spanish.content.decode()
    assert "Langue : espagnol" in html and '<h3 lang="es">' in html and "en espagnol" in html
    release = spanish.context["page"].object_list[0]
    page = client.get(release.get_absolute_url()).content.decode()
    assert 'Langue : <a href="/?language=es">espagnol</a>' in page and '<h1 lang="es">' in page


def test_country_and_year_facets_of_a_filtered_list_are_counted_live(client, db):
    office = OfficeFactory(country="GT")
    for year in (2019, 2019, 2020):
        ReleaseFactory(office=office, published=date(year, 6, 1))
    ReleaseFactory(office=OfficeFactory(country="CR"), published=date(2019, 1, 1))
    response = client.get("/?country=GT&year=2019")
    assert len(response.context["page"].object_list) == 2
    assert {o["value"]: o["count"] for o in response.context["facets"]["country"]} == {"GT": 2, "CR": 1}
    assert {o["value"]: o["count"] for o in response.context["facets"]["year"]} == {"2019": 2}


def test_a_download_of_several_countries_says_so_in_its_name(client, three_countries):
    response = client.get("/export.csv?country=GT&country=CR")
    assert "communiques-pays-gt-cr-" in response["Content-Disposition"]
