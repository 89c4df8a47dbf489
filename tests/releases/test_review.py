"""The review queue: reasons an editor can act on, named in French, filtered, cleared from the form."""

import pytest
from django.urls import reverse

from releases import review
from releases.models import Release
from releases.warning_labels import describe_refusal, describe_warning, warning_code
from tests.admin_helpers import change_form_data
from tests.factories import ReleaseContactFactory, ReleaseFactory
from tests.helpers import SAMPLE_PAGES, run_import

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:releases_release_changelist"


def reasons(release) -> list[str]:
    return [str(reason) for reason in review.reasons_of(release)]


def test_each_reason_is_a_french_label():
    html_page = ReleaseFactory(
        source="https://www.iom.int/fr/news/un-communique", published=None, office=None
    )
    assert reasons(html_page) == ["pas de date connue", "pas de bureau", "pas de contact"]
    warned = ReleaseFactory(
        warnings=[{"code": "shared_email", "detail": "Marie Curie <presse@iom.int> (Jean Dupont)"}]
    )
    ReleaseContactFactory(release=warned)
    assert reasons(warned) == [
        "avertissements d’import : une adresse électronique pour deux noms : "
        "Marie Curie <presse@iom.int> (Jean Dupont)"
    ]


def test_a_text_page_without_a_date_is_not_queued_for_it():
    """The scraped text pages carry no date at all: an editor could not find one there."""
    text_page = ReleaseFactory(source="000_f54fc7d57c954cef.txt", published=None)
    ReleaseContactFactory(release=text_page)
    assert reasons(text_page) == []
    assert text_page not in Release.objects.needing_review()
    html_page = ReleaseFactory(source="communique.html", published=None)
    ReleaseContactFactory(release=html_page)
    assert reasons(html_page) == ["pas de date connue"]
    assert list(Release.objects.needing_review()) == [html_page]


def test_only_warnings_an_editor_can_act_on_queue_a_release():
    quiet = ReleaseFactory(
        warnings=[{"code": "canonical_url_ignored", "detail": "https://ailleurs.example/x"}]
    )
    ReleaseContactFactory(release=quiet)
    loud = ReleaseFactory(warnings=[{"code": "title_too_long", "detail": ""}])
    ReleaseContactFactory(release=loud)
    assert list(Release.objects.needing_review()) == [loud]
    assert list(Release.objects.with_review_reason("warnings")) == [loud]
    assert reasons(loud) == ["avertissements d’import : titre trop long, coupé"]


def test_english_notes_of_older_imports_are_read_in_french():
    assert warning_code({"code": "note", "detail": "contact without e-mail: Jean Dupont"}) == {
        "code": "contact_without_email",
        "detail": "Jean Dupont",
    }
    assert str(describe_warning({"code": "note", "detail": "no contact block"})) == "pas de bloc de contacts"
    assert str(describe_warning({"code": "un_code_futur", "detail": "x"})) == "un code futur : x"
    assert str(describe_refusal({"path": "a.txt", "reason": "only site navigation"})) == (
        "seulement la navigation du site"
    )
    assert str(
        describe_refusal({"path": "b.txt", "error": "could not be stored: RuntimeError: disque plein"})
    ) == ("n’a pas pu être enregistré : RuntimeError: disque plein")


def test_a_page_without_contact_block_is_stored_with_a_code(tmp_path):
    lines = SAMPLE_PAGES[0].read_text(encoding="utf-8").split("Pour plus d")[0]
    (tmp_path / "sans-contacts.txt").write_text(lines, encoding="utf-8")
    run_import(tmp_path)
    release = Release.objects.get()
    assert release.warnings == [{"code": "no_contact_block", "detail": ""}]
    # The office comes from the contact block: neither is there. The warning is not listed again.
    assert reasons(release) == ["pas de bureau", "pas de contact"]


def test_the_list_shows_the_reasons_and_filters_on_them(client, editor):
    no_office = ReleaseFactory(title="Sans bureau", office=None, country="SN")
    ReleaseContactFactory(release=no_office)
    no_contact = ReleaseFactory(title="Sans contact")
    done = ReleaseFactory(title="Tout y est")
    ReleaseContactFactory(release=done)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert (
        page.count("À relire") >= 2 and "<li>pas de bureau</li>" in page and "<li>pas de contact</li>" in page
    )
    assert "Rien à relire" in page
    filtered = client.get(reverse(CHANGELIST), {"reason": "no_office"})
    assert list(filtered.context["cl"].result_list) == [no_office]
    queue = client.get(reverse(CHANGELIST), {"review": "todo"})
    assert set(queue.context["cl"].result_list) == {no_office, no_contact}


def test_marking_reviewed_from_the_form_saves_it_and_returns_to_the_queue(client, editor):
    release = ReleaseFactory(office=None)
    ReleaseContactFactory(release=release)
    url = reverse("admin:releases_release_change", args=[release.pk])
    form = client.get(url)
    page = form.content.decode()
    assert "pas de bureau" in page and 'name="_mark_reviewed"' in page and "Marquer comme relu" in page
    data = change_form_data(form)
    data["title"] = "Titre relu et corrigé"
    response = client.post(url, {**data, "_mark_reviewed": "1"})
    assert response.status_code == 302 and response["Location"].endswith("?review=todo")
    release.refresh_from_db()
    assert release.reviewed_by == editor and release.reviewed_at is not None
    assert release.title == "Titre relu et corrigé" and release.locked_fields == ["title"]
    assert release not in Release.objects.needing_review()
    assert release.history.latest().history_change_reason == "Marqué comme relu"
