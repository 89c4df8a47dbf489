"""Several countries at once, languages, and what the list says about them."""

from datetime import date

import pytest

from tests.factories import OfficeFactory, ReleaseFactory
from tests.helpers import facet, readable

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


def options(response, name: str) -> dict[str, dict]:
    return {o["label"]: o for o in facet(response, name)}


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
    chips = {chip["label"]: chip["remove_url"] for chip in response.context["releases"].chips}
    assert chips == {"Pays : Guatemala": "?country=CR", "Pays : Costa Rica": "?country=GT"}
    # Searching keeps both.
    assert html.count('<input type="hidden" name="country"') == 2


def test_a_wrong_country_code_is_named_and_ignored(client, three_countries):
    response = client.get("/?country=GUA")
    assert len(response.context["page"].object_list) == 4
    assert "« GUA » n’est ni un pays ni un code de pays ISO" in response.content.decode()


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
    assert 'Langue : <a href="/?language=es">espagnol</a>' in readable(page) and '<h1 lang="es">' in page


def test_country_and_year_facets_of_a_filtered_list_are_counted_live(client, db):
    office = OfficeFactory(country="GT")
    for year in (2019, 2019, 2020):
        ReleaseFactory(office=office, published=date(year, 6, 1))
    ReleaseFactory(office=OfficeFactory(country="CR"), published=date(2019, 1, 1))
    response = client.get("/?country=GT&year=2019")
    assert len(response.context["page"].object_list) == 2
    assert {o["value"]: o["count"] for o in facet(response, "country")} == {"GT": 2, "CR": 1}
    assert {o["value"]: o["count"] for o in facet(response, "year")} == {"2019": 2}


def test_a_download_of_several_countries_says_so_in_its_name(client, three_countries):
    response = client.get("/export.csv?country=GT&country=CR")
    assert "communiques-pays-gt-cr-" in response["Content-Disposition"]


@pytest.mark.parametrize("url", ["/?language=fr", "/?year=2019", "/?year=2019&country=GT", "/?q=migrants"])
def test_small_and_large_result_sets_are_counted_alike(client, db, monkeypatch, url):
    """A small list is counted from one read of its rows, a large one by the database: same counts."""
    from releases import listing
    from tests.factories import PersonFactory, ProjectFactory, ReleaseContactFactory

    gt, cr = OfficeFactory(country="GT"), OfficeFactory(country="CR")
    # More people than a facet shows, most named once: the last places go to the first slugs.
    people, projects = [PersonFactory() for _ in range(22)], [ProjectFactory() for _ in range(2)]
    for i in range(9):
        release = ReleaseFactory(
            office=gt if i % 3 else cr,
            published=date(2019 if i % 2 else 2020, 1 + i, 1),
            language="fr",
            body="Des migrants de retour.",
            projects=projects[: i % 3],
        )
        for person in [*people[: i % 4], people[4 + 2 * i], people[5 + 2 * i]]:
            ReleaseContactFactory(release=release, person=person)

    def seen():
        response = client.get(url)
        charts = response.context["charts"]
        return (
            {name: shown["options"] for name, shown in response.context["releases"].facets.items()},
            response.context["page"].paginator.count,
            [(bar["label"], bar["count"]) for bar in charts["timeline"]["bars"]],
            [(c["code"], c["count"]) for c in charts["map"]["countries"]],
        )

    small = seen()
    monkeypatch.setattr(listing, "SMALL_RESULT", 1)
    from django.core.cache import cache

    cache.clear()
    large = seen()
    assert small == large
    assert small[0]["contact"] and small[0]["project"] and small[0]["office"]
    if "year" not in url:  # all nine releases: 22 people, of whom the facet shows 12
        assert len(small[0]["contact"]) == 12


def test_a_year_or_month_is_a_whole_number_and_a_language_any_case(client, three_countries):
    response = client.get("/?year=2020.7")
    assert "Année" in dict(response.context["releases"].invalid)
    assert len(response.context["page"].object_list) == 4  # the wrong filter is ignored, said so
    assert titles(client.get("/?language=ES")) == ["Costa Rica : accueil", "Guatemala : retours"]
