"""The review queue: reasons an editor can act on, named in French, filtered, cleared from the form."""

import pytest
from django.urls import reverse

from releases import review
from releases.models import Release
from releases.warning_labels import describe_refusal, describe_warning, warning_code
from tests.admin_helpers import change_form_data
from tests.factories import ReleaseContactFactory, ReleaseFactory
from tests.helpers import SAMPLE_PAGES, readable, run_import

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:releases_release_changelist"


def reasons(release) -> list[str]:
    return [readable(str(reason)) for reason in review.reasons_of(release)]


def test_each_reason_is_a_french_label():
    html_page = ReleaseFactory(
        source="https://www.iom.int/fr/news/un-communique", published=None, office=None
    )
    assert reasons(html_page) == ["pas de date connue"]  # no office, no contact: not reasons
    warned = ReleaseFactory(
        warnings=[{"code": "shared_email", "detail": "Marie Curie <presse@iom.int> (Jean Dupont)"}]
    )
    ReleaseContactFactory(release=warned)
    assert reasons(warned) == [
        "contacts non compris : une adresse électronique pour deux noms : "
        "Marie Curie <presse@iom.int> (Jean Dupont)"
    ]


def test_a_release_without_office_or_contact_does_not_wait():
    """Pages without a contact block are common and leave nothing to fix: the queue once
    listed 56 of 58 releases for that alone."""
    bare = ReleaseFactory(office=None, warnings=[{"code": "no_contact_block", "detail": ""}])
    assert reasons(bare) == []
    assert not Release.objects.needing_review().exists()


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
    assert list(Release.objects.with_review_reason("title")) == [loud]
    assert reasons(loud) == ["titre deviné ou douteux : titre trop long, coupé"]


def test_the_queue_lists_first_what_most_needs_a_decision(client, editor):
    from datetime import date

    from django.utils import timezone

    def waiting(title, **fields):
        release = ReleaseFactory(title=title, **{"published": date(2024, 1, 1), **fields})
        ReleaseContactFactory(release=release)
        return release

    waiting("Sans date", source="https://www.iom.int/fr/sans-date", published=None)
    waiting("Numéro incompris", warnings=[{"code": "phone_not_understood", "detail": "+00 12"}])
    waiting("Aller au contenu principal", warnings=[{"code": "title_guessed", "detail": "Aller au contenu"}])
    waiting("Nos priorités", warnings=[{"code": "nearly_refused", "detail": "page thématique"}])
    waiting("Courriel sans bloc", warnings=[{"code": "contact_block_not_recognised", "detail": ""}])
    waiting("Remplacé", warnings=[{"code": "import_would_replace", "detail": ""}])
    waiting("Modifié à la source", source_changed_at=timezone.now())
    waiting("Menu dans le texte", warnings=[{"code": "menu_lines_in_body", "detail": "Accueil"}])
    ReleaseFactory(title="Sans contact ni bureau", office=None)  # not in the queue

    queue = client.get(reverse(CHANGELIST), {"review": "todo"})
    assert [r.title for r in queue.context["cl"].result_list] == [
        "Modifié à la source", "Remplacé", "Nos priorités", "Aller au contenu principal",
        "Courriel sans bloc", "Numéro incompris", "Menu dans le texte", "Sans date",
    ]  # fmt: skip
    page = readable(queue.content.decode())
    assert "titre deviné ou douteux : titre deviné parmi les lignes laissées par un menu" in page
    assert "page presque refusée : page presque écartée" in page
    assert "contacts non compris : numéro de téléphone non compris" in page
    assert "nouvelle version de la page : page modifiée après correction" in page
    assert "pas de contact" not in page and "pas de bureau" not in page
    # A filter by reason keeps the order.
    titles = client.get(reverse(CHANGELIST), {"reason": "new_version"}).context["cl"].result_list
    assert [r.title for r in titles] == ["Modifié à la source", "Remplacé"]
    assert "8 communiqués à relire" in client.get(reverse("admin:index")).content.decode()


def test_english_notes_of_older_imports_are_read_in_french():
    assert warning_code({"code": "note", "detail": "contact without e-mail: Jean Dupont"}) == {
        "code": "contact_without_email",
        "detail": "Jean Dupont",
    }
    assert str(describe_warning({"code": "note", "detail": "no contact block"})) == "pas de bloc de contacts"
    assert str(describe_warning({"code": "un_code_futur", "detail": "x"})) == "un code futur\u00a0: x"
    assert str(describe_refusal({"path": "a.txt", "reason": "only site navigation"})) == (
        "seulement la navigation du site"
    )
    assert str(
        describe_refusal({"path": "b.txt", "error": "could not be stored: RuntimeError: disque plein"})
    ) == ("n’a pas pu être enregistré\u00a0: RuntimeError: disque plein")


def test_a_page_without_contact_block_is_stored_with_a_code(tmp_path):
    lines = SAMPLE_PAGES[0].read_text(encoding="utf-8").split("Pour plus d")[0]
    (tmp_path / "sans-contacts.txt").write_text(lines, encoding="utf-8")
    run_import(tmp_path)
    release = Release.objects.get()
    assert release.warnings == [{"code": "no_contact_block", "detail": ""}]
    # Shown on the form, but no reason to wait: there is nothing to fix.
    assert reasons(release) == []


def test_the_list_shows_the_reasons_and_filters_on_them(client, editor):
    menu_title = ReleaseFactory(title="Titre de menu", warnings=[{"code": "title_is_menu", "detail": ""}])
    ReleaseContactFactory(release=menu_title)
    no_date = ReleaseFactory(title="Sans date", source="page.html", published=None)
    done = ReleaseFactory(title="Tout y est")
    ReleaseContactFactory(release=done)
    page = readable(client.get(reverse(CHANGELIST)).content.decode())
    assert page.count("À relire") >= 2 and "<li>pas de date connue</li>" in page
    assert "<li>titre deviné ou douteux : le titre ressemble à une ligne de menu</li>" in page
    assert "Rien à relire" in page
    filtered = client.get(reverse(CHANGELIST), {"reason": "title"})
    assert list(filtered.context["cl"].result_list) == [menu_title]
    queue = client.get(reverse(CHANGELIST), {"review": "todo"})
    assert list(queue.context["cl"].result_list) == [menu_title, no_date]


def test_marking_reviewed_from_the_form_saves_it_and_returns_to_the_queue(client, editor):
    release = ReleaseFactory(warnings=[{"code": "title_is_menu", "detail": ""}])
    ReleaseContactFactory(release=release)
    url = reverse("admin:releases_release_change", args=[release.pk])
    form = client.get(url)
    page = form.content.decode()
    assert (
        "le titre ressemble à une ligne de menu" in page
        and 'name="_mark_reviewed"' in page
        and "Marquer comme relu" in page
    )
    data = change_form_data(form)
    data["title"] = "Titre relu et corrigé"
    response = client.post(url, {**data, "_mark_reviewed": "1"})
    assert response.status_code == 302 and response["Location"].endswith("?review=todo")
    release.refresh_from_db()
    assert release.reviewed_by == editor and release.reviewed_at is not None
    assert release.title == "Titre relu et corrigé" and release.locked_fields == ["title"]
    assert release not in Release.objects.needing_review()
    assert release.history.latest().history_change_reason == "Marqué comme relu"
