"""Search, on both databases: other word forms, accents, several words, edits, highlights.

PostgreSQL stems French words; SQLite's FTS5 matches words by prefix. Both ignore accents and case.
"""

from datetime import date

import pytest

from releases.models import Release
from tests.factories import ReleaseFactory
from tests.helpers import FIXTURES, form_fields, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples(db):
    run_import(FIXTURES)


def titles(words):
    return {r.title[:30] for r in Release.objects.search(words)}


def test_stemming_finds_other_forms(samples):
    # "migrant" finds pages that only say "migrants"; "expulsé" finds "expulsés".
    assert titles("migrant") == titles("migrants")
    assert "L’aide aux migrants irrégulier" in titles("migrant")
    assert "L’aide aux migrants irrégulier" in titles("expulsé")


def test_accents_are_ignored(samples):
    assert titles("reintegration") == titles("réintégration")
    assert titles("reintegration")


def test_several_words_must_all_match(samples):
    assert titles("cartoneros recyclage") == {"Nouveaux projets de micro-créd"}
    assert titles("cartoneros Guatemala") == set()


def test_no_match(samples):
    assert titles("zzzintrouvable") == set()


def test_search_vector_follows_edits(samples):
    release = Release.objects.get(source="000_f54fc7d57c954cef.txt")
    release.body = "Un texte entièrement nouveau sur les girafes."
    release.save()
    assert titles("girafe") == {"Nouveaux projets de micro-créd"}


def test_results_ranked_and_highlighted(client, samples):
    page = client.get("/?q=cartoneros&sort=relevance").content.decode()
    assert "<mark>cartoneros</mark>" in page


@pytest.mark.postgres
def test_web_search_syntax_on_postgresql(samples):
    assert titles("migrants -cartoneros") == titles("migrants") - {"Nouveaux projets de micro-créd"}
    assert titles('"familles de migrants"') >= {"Nouveaux projets de micro-créd"}


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (1, ["2019"]),
        (2, ["2019", "2018b"]),
        (3, ["2019", "2018b", "2018a"]),
        (10, ["2019", "2018b", "2018a", "sans date"]),
    ],
)
def test_newest_matches_whether_few_or_many(db, limit, expected):
    # Few matches are sorted from the search index's answer, many by the newest-first walk.
    for title, published in [("2018a", date(2018, 3, 1)), ("sans date", None), ("2019", date(2019, 1, 5)),
                             ("2018b", date(2018, 3, 1)), ("autre", date(2020, 1, 1))]:  # fmt: skip
        ReleaseFactory(
            title=title,
            published=published,
            imported_on=date(2017, 1, 1),  # undated: placed by its first import
            body="Des migrants." if title != "autre" else "Rien.",
        )
    titles = dict(Release.objects.values_list("pk", "title"))
    assert [titles[pk] for pk in Release.objects.search("migrants").newest_ids(limit)] == expected


def test_the_list_pages_through_search_matches_newest_first(client, db):
    for title, published in [("Ancien", date(2015, 6, 1)), ("Récent", date(2021, 2, 3)), ("Sans date", None)]:
        ReleaseFactory(
            title=title, published=published, body="Des migrants de retour.", imported_on=date(2014, 1, 1)
        )
    response = client.get("/", {"q": "migrants", "sort": "date"})
    assert [r.title for r in response.context["page"].object_list] == ["Récent", "Ancien", "Sans date"]
    assert response.context["releases"].count == 3 and not response.context["releases"].capped


def test_a_search_is_sorted_by_relevance_unless_asked_otherwise(client, db):
    ReleaseFactory(title="Récent, en passant", published=date(2022, 1, 1), body="Un mot sur les migrants.")
    ReleaseFactory(
        title="Les migrants de retour",
        published=date(2015, 1, 1),
        body="Les migrants reviennent ; des migrants partent ; les migrants témoignent.",
    )
    response = client.get("/", {"q": "migrants"})
    assert [r.title for r in response.context["page"].object_list] == [
        "Les migrants de retour",
        "Récent, en passant",
    ]
    assert '<option value="relevance" selected>' in response.content.decode()
    by_date = client.get("/", {"q": "migrants", "sort": "date"}).context["page"].object_list
    assert [r.title for r in by_date] == ["Récent, en passant", "Les migrants de retour"]
    # Feeds follow the news: newest first, unless relevance is asked for.
    feed = client.get("/feeds/rss/", {"q": "migrants"}).content.decode()
    assert feed.index("Récent, en passant") < feed.index("Les migrants de retour")


def test_a_word_typed_on_the_front_page_is_searched_by_relevance(client, db):
    """The front page's form, sent as a browser sends it, asks for relevance (it once
    pre-selected "date", so that no search from the front page was ever ranked)."""
    ReleaseFactory(title="Récent, en passant", published=date(2022, 1, 1), body="Un mot sur les migrants.")
    ReleaseFactory(
        title="Les migrants de retour",
        published=date(2015, 1, 1),
        body="Les migrants reviennent ; des migrants partent ; les migrants témoignent.",
    )
    front_page = client.get("/").content.decode()
    sent = form_fields(front_page, "form.search", q="migrants")
    assert sent["sort"] == ["relevance"]
    response = client.get("/", sent)
    assert [r.title for r in response.context["page"].object_list] == [
        "Les migrants de retour",
        "Récent, en passant",
    ]
    # The results' form keeps the choice; the date is chosen only when asked for.
    assert form_fields(response.content.decode(), "form.search")["sort"] == ["relevance"]
    by_date = client.get("/", {"q": "migrants", "sort": "date"}).content.decode()
    assert form_fields(by_date, "form.search")["sort"] == ["date"]


def test_a_huge_page_is_searched_on_its_first_part_only(db):
    """One 10 MB page must not slow every search that matches it: only a prefix is indexed."""
    from releases.search import INDEXED_BODY_CHARS

    filler = "Une phrase ordinaire sur les migrants. " * (INDEXED_BODY_CHARS // 30)
    ReleaseFactory(title="Énorme", body=filler + " Le mot zanzibarite n’apparaît qu’à la fin.")
    assert titles("migrants") == {"Énorme"}
    assert titles("zanzibarite") == set()


def test_french_word_forms_find_the_same_releases(samples):
    # Stemmed at index and query time on both databases (Snowball, accents removed).
    forms = [titles(word) for word in ("réintégration", "réintégrer", "réintégrés", "REINTEGRATION")]
    assert forms[0] == {"Un documentaire retrace le par", "L’aide aux migrants irrégulier"}
    assert all(found == forms[0] for found in forms)


def test_highlights_mark_every_form_of_the_words(client, samples):
    page = client.get("/", {"q": "réintégrer"}).content.decode()
    assert "<mark>réintégration</mark>" in page


def test_sqlite_index_takes_the_stems_the_parsing_workers_computed(db):
    """The import hands the workers' stems over to SQLite's triggers; the index is the same."""
    from django.db import connection

    from releases.search import stem_text, stems_ahead

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's search index")
    with connection.cursor() as cursor:
        stems_ahead({"Un texte": "handed over"})
        cursor.execute("SELECT iomnews_stem('Un texte'), iomnews_stem('Un texte')")
        assert cursor.fetchone() == ("handed over", stem_text("Un texte"))  # each is taken once
    run_import(FIXTURES)
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid, title, body FROM releases_release_fts")
        indexed = {pk: (title, body) for pk, title, body in cursor.fetchall()}
    for release in Release.objects.all():
        assert indexed[release.pk] == (stem_text(release.title), stem_text(release.body))
