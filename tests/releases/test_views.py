"""The staff's pages, end to end: import the sample pages, request pages, read what a person sees."""

import csv
import io
import json

import pytest
from django.urls import reverse

from releases import facet_counts
from releases.models import Release
from tests.factories import (
    OfficeFactory,
    PersonFactory,
    ProjectFactory,
    ReleaseContactFactory,
    ReleaseFactory,
)
from tests.helpers import FIXTURES, readable, run_import

pytestmark = pytest.mark.django_db

GT_TITLE = "L'OIM fournit un soutien financier"
AR_TITLE = "Nouveaux projets de micro-crédits"


@pytest.fixture
def samples(db):
    run_import(FIXTURES)


def text(response):
    return response.content.decode()


def test_list_shows_every_release_with_its_office_and_facets(client, samples):
    page = text(client.get("/"))
    assert "5 communiqués" in page
    assert AR_TITLE in page and "OIM Buenos Aires" in page
    assert "Guatemala" in page and "(2)" in page  # the country facet counts two releases
    assert '<link rel="canonical"' in page and '<html lang="fr">' in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("country=GT", [GT_TITLE], [AR_TITLE]),
        ("country=gt", [GT_TITLE], [AR_TITLE]),
        ("office=oim-buenos-aires", [AR_TITLE], [GT_TITLE]),
        ("project=midla", ["Faire participer les migrants"], [AR_TITLE]),
        ("contact=sonia-pellecer", [GT_TITLE, "L’aide aux migrants irréguliers"], [AR_TITLE]),
        ("country=GT&contact=karla-villamar", [GT_TITLE], ["L’aide aux migrants irréguliers"]),
        ("has_contacts=true", [AR_TITLE], []),
        ("country=ZZ", ["Aucun communiqué"], [AR_TITLE]),
        ("q=cartoneros", [AR_TITLE], [GT_TITLE]),
        ("q=CARTONEROS", [AR_TITLE], [GT_TITLE]),
        ("q=reintegration", ["Un documentaire retrace"], [GT_TITLE]),
        ("q=mot-introuvable-xyz", ["Aucun communiqué"], [AR_TITLE]),
    ],
)
def test_filters_and_search(client, samples, query, shown, hidden):
    page = text(client.get(f"/?{query}"))
    for fragment in shown:
        assert fragment.replace("'", "&#x27;") in page or fragment in page
    for fragment in hidden:
        assert fragment not in page


def test_active_filters_are_removable_chips_that_keep_the_others(client, samples):
    page = text(client.get("/?country=GT&contact=sonia-pellecer"))
    assert "Pays : Guatemala" in page
    assert 'href="?contact=sonia-pellecer"' in page  # removing the country keeps the contact


def test_pagination_keeps_the_filters(client, db):
    office = OfficeFactory(country="SN")
    for i in range(25):
        ReleaseFactory(title=f"Communiqué {i}", office=office)
    page = text(client.get("/?country=SN"))
    assert "Page 1 sur 2" in page
    assert 'href="?country=SN&amp;page=2"' in page
    assert "Communiqué 4" in text(client.get("/?country=SN&page=2"))


def test_release_page_shows_contacts_projects_quotes_and_links(client, samples):
    release = Release.objects.get(source="002_86671072dc2623bc.txt")
    page = text(client.get(release.get_absolute_url()))
    assert "<h1>Faire participer" in page
    assert 'href="mailto:jcasapia@iom.int"' in page
    assert 'href="tel:+5112217698"' in page
    assert reverse("contacts:person", args=["juan-pablo-casapia"]) in page
    assert "Migration pour le Développement en Amérique Latine (MIDLA)" in page
    assert "Tana Anglana, chef de projet" in page


def test_urls_in_the_body_are_links(client, samples):
    release = Release.objects.get(dateline="Costa Rica")
    page = text(client.get(release.get_absolute_url()))
    assert '<a href="https://vimeo.com/63333086"' in page
    assert "Costa Rica" in page


def test_related_releases_share_a_contact_or_office(client, samples):
    release = Release.objects.get(source="003_c5f081d114bf6c23.txt")
    page = text(client.get(release.get_absolute_url()))
    assert "Communiqués liés" in page and "L’aide aux migrants irréguliers" in page


def test_scraped_text_is_escaped_never_rendered_as_html(client, db):
    ReleaseFactory(
        title="<script>alert(1)</script> titre",
        slug="xss",
        body='Texte <img src=x onerror="alert(2)"> et javascript:alert(3)',
    )
    page = text(client.get("/releases/xss/"))
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<img" not in page
    assert 'href="javascript:' not in page


def test_unknown_pages_are_french_404s(client, db):
    response = client.get("/releases/inexistant/")
    assert response.status_code == 404
    assert "Page introuvable" in text(response)


def test_bad_filter_values_give_a_normal_page(client, samples):
    for query in (
        "year=abc",
        "page=999",
        "page=x",
        "sort=nimporte",
        "has_contacts=peut-etre",
        "q=" + "a" * 500,
    ):
        assert client.get(f"/?{query}").status_code == 200


def test_an_invalid_filter_is_named_by_its_label_and_not_applied(client, samples):
    page = client.get("/?year=99999&country=GT&has_contacts=peut-etre").content.decode()
    assert "Ces filtres ne sont pas valides et ne sont pas appliqués" in page
    assert "<li>Année : Assurez-vous que cette valeur est inférieure ou égale à 2100.</li>" in readable(page)
    assert "2 communiqués" in page  # the valid filter (country) still applies
    assert "Avec contacts : peut-etre" in page  # shown as typed, not as "non"
    assert "Avec contacts : non" not in page
    assert "Avec contacts : non" in client.get("/?has_contacts=false").content.decode()


def test_feeds_follow_the_filters(client, samples):
    rss = text(client.get("/feeds/rss/?country=GT"))
    assert "<rss" in rss and GT_TITLE.replace("'", "&#x27;") in rss.replace("'", "&#x27;")
    assert AR_TITLE not in rss
    atom = text(client.get("/feeds/atom/?office=oim-buenos-aires"))
    assert "<feed" in atom and AR_TITLE in atom


def test_downloads_follow_the_filters(client, samples):
    data = json.loads(b"".join(client.get("/export.json?country=GT").streaming_content))
    assert len(data) == 2
    assert {r["source"] for r in data} == {"003_c5f081d114bf6c23.txt", "004_0c090d2e4fc6ebe0.txt"}
    assert data[0]["contacts"][0]["office"] == "OIM Guatemala"
    response = client.get("/export.csv?project=midla")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [r["source"] for r in rows] == ["002_86671072dc2623bc.txt"]
    assert response["Content-Type"].startswith("text/csv")


def _many_releases(n=30):
    office = OfficeFactory(name="OIM Q", slug="oim-q", country="SN")
    person = PersonFactory(slug="p-q", office=office)
    project = ProjectFactory(slug="projet-q")
    for _ in range(n):
        release = ReleaseFactory(office=office, body="Un texte.", projects=[project])
        ReleaseContactFactory(release=release, person=person)
    return office, person, project


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?country=SN&q=texte",
        "/offices/oim-q/",
        "/people/p-q/",
        "/projects/projet-q/",
        "/offices/",
        "/people/",
        "/projects/",
        "/feeds/rss/",
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(client, db, django_assert_max_num_queries, url):
    _many_releases(30)
    facet_counts.refresh_all()  # as an import leaves them (counted once at the first reading otherwise)
    # A search with countries also counts the countries without them (one more search, one more count).
    with django_assert_max_num_queries(14 if "country" in url else 12):
        assert client.get(url).status_code == 200


def test_release_page_queries_do_not_grow_with_contacts(client, db, django_assert_max_num_queries):
    office, _person, _project = _many_releases(3)
    release = Release.objects.first()
    for _ in range(10):
        ReleaseContactFactory(release=release, person=PersonFactory(office=office))
    # Related releases: on SQLite, one small query each by office, people and projects.
    with django_assert_max_num_queries(10):
        assert client.get(release.get_absolute_url()).status_code == 200


def test_cached_pages_follow_every_change(client, samples, django_assert_max_num_queries):
    release = Release.objects.get(source="000_f54fc7d57c954cef.txt")
    assert AR_TITLE in text(client.get("/"))
    with django_assert_max_num_queries(1):  # served from the cache: one query for the data version
        assert AR_TITLE in text(client.get("/"))
    release.title = "Titre corrigé par un éditeur"
    release.save()
    assert "Titre corrigé par un éditeur" in text(client.get("/"))
    release.office.name = "OIM Buenos Aires (Argentine)"
    release.office.save()
    assert "OIM Buenos Aires (Argentine)" in text(client.get(release.get_absolute_url()))


def test_an_import_shows_at_once(client, samples, tmp_path):
    assert "Titre tout neuf" not in text(client.get("/"))
    page = tmp_path / "neuf.txt"
    page.write_text("Titre tout neuf\nUn texte.\n")
    run_import(page)
    assert "Titre tout neuf" in text(client.get("/"))


def test_a_word_in_nearly_every_release_is_counted_up_to_a_cap(client, db, monkeypatch):
    import releases.listing

    monkeypatch.setattr(releases.listing.ReleaseList, "max_counted", 10)
    _many_releases(15)
    page = text(client.get("/?q=texte"))
    assert "Plus de 10 communiqués" in page
    assert "Page 1 sur 1" not in page
