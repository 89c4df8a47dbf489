"""Every layout of IOM's sites, on invented pages (tests/data/layouts), scored as the devset is.

The pages are written for these tests, one or more per layout and language: the
template's menu in French, English, Portuguese, Arabic, Spanish, German, Russian,
Ukrainian, Chinese and Italian, the label layout, speeches and statements,
listings, key figures, a skip link before a thematic page, contact blocks in each
language. scripts/score_pages.py must score them all right, each page alone, each
site's pages as a batch, and all of them as one batch mixing every site.
"""

import importlib.util
import json

import pytest

from tests.helpers import ROOT

LAYOUTS = ROOT / "tests" / "data" / "layouts"
LABELS = json.loads((LAYOUTS / "labels.json").read_text(encoding="utf-8"))


def _scorer():
    spec = importlib.util.spec_from_file_location("score_pages", ROOT / "scripts" / "score_pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scorer = _scorer()


@pytest.mark.parametrize("batch", [None, "site", "all"], ids=["alone", "batch-per-site", "batch-of-all"])
def test_every_line_of_the_score_is_full(batch):
    outcomes = scorer.score(LAYOUTS, batch)
    assert scorer.failures(outcomes) == ""
    for check, (right, count) in scorer.totals(outcomes).items():
        assert right == count, check
    # Every line applies to some page.
    assert all(count for _right, count in scorer.totals(outcomes).values())


@pytest.mark.parametrize("name", sorted(LABELS))
def test_each_layout_alone(name):
    result = scorer.parse_alone({name: (LAYOUTS / name).read_bytes()})[name]
    outcome = scorer.check(name, LABELS[name], result)
    assert outcome.problems == []
    assert all(outcome.checks.values())


def test_the_set_covers_every_language_and_kind():
    languages = {label["language"] for label in LABELS.values()}
    assert languages >= {"fr", "en", "es", "pt", "it", "ar", "de", "ru", "uk", "zh"}
    kinds = {label["kind"] for label in LABELS.values()}
    assert kinds >= {"release", "speech", "listing", "key_figures", "thematic", "media_contacts"}


def test_the_scorer_prints_each_site_and_language(capsys):
    scorer.main([str(LAYOUTS), "--by", "language"])
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("zh ") for line in lines)
    total = next(line for line in lines if line.startswith("total"))
    releases = sum(1 for label in LABELS.values() if label["is_release"])
    others = len(LABELS) - releases
    assert f"{releases}/{releases} 100%" in total and f"{others}/{others} 100%" in total


def test_a_wrong_parse_shows_in_the_score():
    name = "fr-speech.txt"
    label = {**LABELS[name], "title": "Un autre titre"}
    outcome = scorer.check(name, label, scorer.parse_alone({name: (LAYOUTS / name).read_bytes()})[name])
    assert outcome.checks["title"] is False
    assert "expected 'Un autre titre'" in outcome.problems[0]
