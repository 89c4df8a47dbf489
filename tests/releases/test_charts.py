"""The list's pictures (releases over time, a world map by country) and the release
page's way back, highlights and contact card."""

import re
from datetime import date

import pytest

from core import worldmap
from tests.factories import OfficeFactory, PersonFactory, ReleaseContactFactory, ReleaseFactory
from tests.helpers import FIXTURES, readable, run_import

pytestmark = pytest.mark.django_db


def text(response):
    assert response.status_code == 200
    return readable(response.content.decode())  # "2019 : 2 communiqués", no-break spaces as spaces


@pytest.fixture
def dated(db):
    senegal, italy = OfficeFactory(country="SN"), OfficeFactory(name="OIM Roma", country="IT")
    for published, office in [
        (date(2019, 3, 1), senegal), (date(2019, 3, 20), senegal), (date(2019, 11, 2), italy),
        (date(2021, 5, 5), senegal), (None, italy),
    ]:  # fmt: skip
        ReleaseFactory(published=published, office=office)


def bars(page) -> dict[str, str]:
    """Each bar's accessible name -> its link."""
    chart = page[page.index('class="bar-chart"') : page.index("</svg>", page.index('class="bar-chart"'))]
    return {label: href for href, label in re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"', chart)}


def test_releases_by_year_each_bar_a_link_that_adds_the_filter(client, dated):
    page = text(client.get("/?country=SN"))
    assert "Communiqués par année" in page
    assert bars(page) == {
        "2019 : 2 communiqués": "?country=SN&amp;year=2019",
        "2021 : 1 communiqué": "?country=SN&amp;year=2021",
    }  # 2020 has a place on the axis, and no link
    table = page[page.index("<caption>Communiqués par année") :]
    assert re.search(r"2020</th><td>0</td>", table) and re.search(r">2019</a></th><td>2</td>", table)


def test_inside_a_year_releases_by_month(client, dated):
    page = text(client.get("/?year=2019"))
    assert "Communiqués par mois en 2019" in page
    assert bars(page) == {
        "mars : 2 communiqués": "?year=2019&amp;month=3",
        "nov. : 1 communiqué": "?year=2019&amp;month=11",
    }
    assert "1 communiqué" in text(client.get("/?year=2019&month=11"))


def test_the_world_map_counts_the_filtered_releases_each_country_a_link(client, dated):
    page = text(client.get("/?year=2019"))
    figure = page[page.index('class="world-map"') :]
    senegal = 'href="?year=2019&amp;country=SN" class="map-level-5" aria-label="Sénégal : 2 communiqués"'
    italy = 'href="?year=2019&amp;country=IT" class="map-level-1" aria-label="Italie : 1 communiqué"'
    assert senegal in figure and italy in figure
    assert f'href="/carte/monde.svg" x="{worldmap.view_box().split()[0]}"' in figure
    assert "<style" not in page and "<script" not in page and " style=" not in page  # the CSP stays strict


def test_charts_are_absent_when_there_is_nothing_to_draw(client, db):
    page = text(client.get("/?q=introuvable"))
    assert "bar-chart" not in page and "world-map" not in page


def test_the_grey_world_is_one_cached_image(client):
    response = client.get("/carte/monde.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age=604800" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response.content.count(b"<path") > 150 and len(response.content) < 100_000


def test_the_map_shades_on_a_square_root_scale_and_lists_what_it_cannot_place():
    counts = {"GT": 100, "CR": 25, "SG": 1, "ZZ": 3, "": 9}
    drawn = worldmap.choropleth(counts, lambda code: f"?country={code}")
    assert [(c["code"], c["level"]) for c in drawn["countries"]] == [("GT", 5), ("CR", 3), ("SG", 1)]
    assert drawn["countries"][2]["dot"]  # too small to see: a dot too
    assert [(c["code"], c["url"]) for c in drawn["unplaced"]] == [("ZZ", "?country=ZZ")]  # in the table only
    assert drawn["total"] == 4


def test_the_release_page_keeps_the_way_back_and_highlights_the_words(client, db):
    run_import(FIXTURES)
    results = text(client.get("/?country=IT&q=d%C3%A9veloppement"))
    link = re.search(r'<h3><a href="(/releases/[^"]+\?[^"]+)">Faire participer', results)[1]
    assert link.endswith("?country=IT&amp;q=d%C3%A9veloppement")
    page = text(client.get(link.replace("&amp;", "&")))
    assert '<a href="/?country=IT&amp;q=d%C3%A9veloppement" rel="up">← Retour aux résultats</a>' in page
    assert "au <mark>développement</mark>" in page  # in the title and the text
    assert (
        '<link rel="canonical" href="http://testserver/releases/' in page
        and "?country" not in (re.search(r'<link rel="canonical" href="([^"]+)"', page)[1])
    )
    plain = text(client.get(link.split("?")[0]))
    assert "← Tous les communiqués" in plain and "<mark>" not in plain


def test_highlights_never_break_a_link_or_an_address(client, db):
    release = ReleaseFactory(body="Voir www.iom.int/migrants ou écrire à migrants@iom.int sur les migrants.")
    page = text(client.get(release.get_absolute_url() + "?q=migrants"))
    assert '<a href="http://www.iom.int/migrants"' in page and "sur les <mark>migrants</mark>" in page
    assert "<mark>migrants</mark>@" not in page and "/<mark>" not in page


def test_the_contact_card_dials_the_extension_and_offers_the_vcard(client, db):
    person = PersonFactory(name="Ana Recente", phones=["+50223336052;ext=218", "+50255551234"])
    release = ReleaseContactFactory(person=person).release
    page = text(client.get(release.get_absolute_url()))
    card = page[page.index('class="contact-card"') :]
    office = '<a href="tel:+50223336052;ext=218">+502 2333 6052, poste 218</a>'
    assert f'<span class="phone-kind">Fixe</span> {office}' in card
    assert '<span class="phone-kind">Mobile</span> <a href="tel:+50255551234">+502 5555 1234</a>' in card
    assert f'href="/people/{person.slug}/vcard.vcf" download' in card
