"""Search, on both databases: other word forms, accents, several words, edits, highlights.

PostgreSQL stems French words; SQLite's FTS5 matches words by prefix. Both ignore accents and case.
"""

import pytest

from releases.models import Release

from .conftest import FIXTURES, run_import

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


@pytest.mark.parametrize("limit", [1, 3, 4, 10])
def test_newest_matches_by_id_whether_few_or_many(samples, limit):
    # Few matches are sorted from the search index's answer, many by the newest-first walk.
    matches = Release.objects.search("migrants")
    assert matches.count() == 4
    expected = list(matches.newest_first().values_list("pk", flat=True))[:limit]
    assert matches.newest_ids(limit) == expected


def test_the_list_pages_through_search_matches_newest_first(client, samples):
    page = client.get("/", {"q": "migrants"}).context["page"]
    listed = [r.pk for r in page.object_list]
    assert listed == list(Release.objects.search("migrants").newest_first().values_list("pk", flat=True))
    assert page.paginator.count == len(listed) and not page.paginator.capped
