"""The list as one piece: every value of a facet reachable, feeds named after their filters,
downloads of any filter, undated releases placed by their first import."""

from datetime import date

import pytest

from releases.filters import FILTERS
from releases.listing import FACET_SIZE
from tests.factories import OfficeFactory, ReleaseFactory
from tests.helpers import facet, readable

pytestmark = pytest.mark.django_db

# More countries than a facet shows: the last ones in alphabetical order have the fewest releases.
COUNTRIES = ["SN", "GT", "CR", "HN", "SV", "MX", "PE", "CO", "EC", "BO", "AR", "CL", "TN", "EG", "HT", "NE"]


@pytest.fixture
def many_countries():
    for rank, code in enumerate(COUNTRIES):
        for _ in range(len(COUNTRIES) - rank):
            ReleaseFactory(office=OfficeFactory(country=code), published=date(2020, 1, 1))


def test_a_facet_shows_its_first_values_and_leads_to_all_of_them(client, many_countries):
    response = client.get("/?year=2020")
    shown = [option["value"] for option in facet(response, "country")]
    assert shown == COUNTRIES[:FACET_SIZE]  # most releases first
    html = response.content.decode()
    assert 'href="/facets/country/?year=2020">Tous les pays' in html
    # Every country, in French alphabetical order (Égypte before Équateur before Haïti…), each a link.
    page = client.get("/facets/country/?year=2020")
    names = [option["label"] for option in page.context["options"]]
    assert len(names) == len(COUNTRIES)
    assert names.index("Égypte") < names.index("Équateur") < names.index("Haïti") < names.index("Tunisie")
    niger = next(option for option in page.context["options"] if option["value"] == "NE")
    assert niger["count"] == 1 and niger["url"] == "?year=2020&country=NE"
    niger_link = '<a href="/?year=2020&amp;country=NE">Niger</a> <span class="count">(1)</span>'
    assert niger_link in page.content.decode()


def test_a_facet_page_narrows_to_a_name_typed_without_accents(client, many_countries):
    page = client.get("/facets/country/", {"nom": "haiti"})
    assert [option["label"] for option in page.context["options"]] == ["Haïti"]
    html = page.content.decode()
    assert '<datalist id="facet-names">' in html and '<option value="Niger">' in html  # type-ahead, no script
    assert "nom=" not in page.context["options"][0]["url"]  # the typed name is no filter of the list
    nothing = client.get("/facets/country/", {"nom": "zzz"}).content.decode()
    assert "Aucune valeur ne correspond à « zzz »" in readable(nothing)


def test_only_faceted_filters_have_a_facet_page(client, db):
    assert client.get("/facets/q/").status_code == 404
    assert client.get("/facets/nothing/").status_code == 404


def test_a_country_can_be_named_in_french_or_english(client, many_countries):
    by_name = client.get("/", {"country": "Haïti"})
    assert [r.office.country for r in by_name.context["page"].object_list] == ["HT"] * 2
    assert [r.pk for r in client.get("/", {"country": "haiti"}).context["page"].object_list] == [
        r.pk for r in by_name.context["page"].object_list
    ]


def test_feeds_are_named_after_their_filters_and_link_to_themselves(client, many_countries):
    rss = client.get("/feeds/rss/?country=GT&year=2020").content.decode()
    assert "<title>Communiqués de l’OIM — Guatemala, 2020</title>" in rss
    assert 'href="http://testserver/feeds/rss/?country=GT&amp;year=2020" rel="self"' in rss
    assert '<?xml-stylesheet href="/static/css/feed.css" media="screen" type="text/css"?>' in rss
    atom = client.get("/feeds/atom/?country=GT&country=CR").content.decode()
    assert "<title>Communiqués de l’OIM — Guatemala ou Costa Rica</title>" in atom
    assert 'href="http://testserver/feeds/atom/?country=GT&amp;country=CR" rel="self"' in atom
    assert "<title>Communiqués de l’OIM</title>" in client.get("/feeds/rss/").content.decode()


def test_feeds_carry_imported_text_as_text(client, db):
    ReleaseFactory(title="Balises", body="Avant <img src=x onerror=alert(1)> après.")
    for url in ("/feeds/rss/", "/feeds/atom/"):
        feed = client.get(url).content.decode()
        # Escaped twice in the XML: a feed reader reads the description as HTML and shows the words.
        assert "&amp;lt;img src=x onerror=alert(1)&amp;gt;" in feed
        assert "&lt;img" not in feed.replace("&amp;lt;img", "")


@pytest.mark.parametrize("url", ["/export.csv", "/export.json", "/export-tableur.csv"])
def test_every_filter_can_be_downloaded_and_names_the_file(client, many_countries, url):
    query = {"country": "GT", "year": "2020", "month": "1", "language": "fr", "has_contacts": "false"}
    response = client.get(url, query)
    assert response.status_code == 200
    name = response["Content-Disposition"]
    assert "communiques-pays-gt-langue-fr-annee-2020-mois-1-avec-contacts-false-" in name
    assert {f.file_word for f in FILTERS.values()} >= {"pays", "annee", "mois", "recherche"}


def test_undated_releases_are_not_in_a_year_but_are_placed_by_their_first_import(client, db):
    ReleaseFactory(title="Ancien", published=date(2019, 5, 1))
    ReleaseFactory(title="Importé en 2020", published=None, imported_on=date(2020, 3, 2))
    listed = [r.title for r in client.get("/").context["page"].object_list]
    assert listed == ["Importé en 2020", "Ancien"]
    assert [r.title for r in client.get("/?year=2020").context["page"].object_list] == []
    assert [r.title for r in client.get("/?month=3").context["page"].object_list] == []


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The cache's tokens, the list's few columns (its count and facets), the projects' and
        # people's counts in one query, the names of offices, projects and people in one, the
        # stored counts (countries without the country filter), the page's rows.
        ("/?country=SN", 6),
        ("/?country=SN&year=2020", 6),
        # A page of every release: tokens, the stored counts (few-valued facets), the largest
        # offices, projects and people (one query each), their names, the page's rows.
        ("/", 7),
    ],
)
def test_a_list_page_costs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries, url, queries):
    from releases import facet_counts
    from tests.releases.test_views import _many_releases

    _many_releases(30)
    for release in ReleaseFactory._meta.model.objects.all():
        release.published = date(2020, 5, 1)
        release.save()
    facet_counts.refresh_all()
    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200
