"""What staff and editors do every day, in a real browser, on a desktop window and on a phone.

The portal's own CSP stays on here: a script or style it blocks shows as a console error.
"""

import io
import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from releases.models import Release
from tests.browser.conftest import WIDTHS
from tests.factories import ReleaseFactory
from tests.helpers import SAMPLE_PAGES, run_import

ROME_PAGE = SAMPLE_PAGES[2]  # three contacts in three offices, country office in Italy
CORRECTED_TITLE = "Associer les diasporas latino-américaines au développement"


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_filter_search_open_a_release_and_reach_a_contact(open_window, samples, width):
    window = open_window(width)
    page = window.page
    window.open("/")
    expect(page.get_by_role("heading", level=2, name="5 communiqués")).to_be_visible()

    if width == 375:  # on a phone the filters wait in a disclosure above the results
        page.get_by_role("complementary", name="Affiner").locator("summary").click()
    page.get_by_role("region", name="Pays").get_by_role("link", name="Italie").click()
    expect(page.get_by_role("heading", level=2, name="1 communiqué")).to_be_visible()
    expect(page).to_have_url(re.compile(r"country=IT"))

    page.get_by_label("Rechercher des mots").fill("développement")
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"q=d%C3%A9veloppement.*country=IT|country=IT.*q=d%C3%A9veloppement"))
    results = page.get_by_role("region", name="1 communiqué")
    expect(results.locator("mark").first).to_have_text(re.compile("développement", re.IGNORECASE))
    window.screenshot("journey-staff-search")

    results.get_by_role("link", name=re.compile("Faire participer les migrants")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Faire participer les migrants"))
    contacts = page.get_by_role("region", name="Contacts")
    expect(contacts.get_by_role("listitem")).to_have_count(3)
    expect(contacts.get_by_role("link", name="fdigiacomo@iom.int")).to_have_attribute(
        "href", "mailto:fdigiacomo@iom.int"
    )
    window.screenshot("journey-staff-release")

    contacts.get_by_role("link", name="Juan Pablo Casapia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Juan Pablo Casapia")
    expect(page.get_by_text("OIM Lima").first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Faire participer les migrants"))).to_be_visible()
    window.screenshot("journey-staff-person")
    assert window.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_search_typed_on_the_front_page_is_ranked_by_relevance(open_window, live_server, width):
    ReleaseFactory(title="Récent, en passant", published=date(2022, 1, 1), body="Un mot sur les migrants.")
    ReleaseFactory(
        title="Les migrants de retour",
        published=date(2015, 1, 1),
        body="Les migrants reviennent ; des migrants partent ; les migrants témoignent.",
    )
    window = open_window(width)
    page = window.page
    window.open("/")
    page.get_by_label("Rechercher des mots").fill("migrants")
    page.get_by_label("Rechercher des mots").press("Enter")
    expect(page.get_by_role("heading", level=2, name="2 communiqués")).to_be_visible()
    expect(page).to_have_url(re.compile(r"sort=relevance"))
    titles = page.get_by_role("region", name="2 communiqués").get_by_role("heading", level=3)
    expect(titles).to_have_text(["Les migrants de retour", "Récent, en passant"])
    expect(page.get_by_label("Trier par")).to_have_value("relevance")
    window.screenshot("journey-front-page-search")
    assert window.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_editor_corrects_a_title_that_a_new_import_keeps(open_window, live_server, monkeypatch, width):
    run_import(ROME_PAGE)
    monkeypatch.setenv("IOMNEWS_EDITOR_PASSWORD", "un mot de passe assez long")
    call_command("create_editor", "edith", stdout=io.StringIO())
    assert User.objects.get(username="edith").groups.exists()

    window = open_window(width)
    page = window.page
    window.open("/admin/")
    page.get_by_label("Nom d’utilisateur").fill("edith")
    page.get_by_label("Mot de passe").fill("un mot de passe assez long")
    page.get_by_role("button", name="Connexion").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Corriger les communiqués")
    page.get_by_role("row", name=re.compile("^Communiqués")).get_by_role("link", name="Communiqués").click()
    page.get_by_role("link", name=re.compile("Faire participer les migrants")).click()
    title = page.get_by_label("Titre")
    title.fill(CORRECTED_TITLE)
    window.screenshot("journey-editor-change-form")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Modifications enregistrées : communiqué")

    report = run_import(ROME_PAGE)
    assert Release.objects.get().locked_fields == ["title"]  # the body the browser sent back is unchanged
    assert report["kept_editor_fields"] == 1

    page.get_by_role("table").get_by_role("link", name="Associer les diasporas latino-américaines").click()
    expect(page.get_by_label("Titre")).to_have_value(CORRECTED_TITLE)
    expect(page.locator(".field-held_fields")).to_contain_text("Titre : « Faire participer les migrants")
    window.screenshot("journey-editor-after-import")

    window.open("/")
    page.get_by_role("link", name=CORRECTED_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CORRECTED_TITLE)
    window.screenshot("journey-editor-portal")
    assert window.console_errors == []


def test_keyboard_only_without_javascript(open_window, samples):
    """Skip link, search and results with the keyboard alone, in a browser without JavaScript."""
    window = open_window(375, javascript=False)
    page = window.page
    window.open("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Aller au contenu")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # shown when focused
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.keyboard.press("Tab")
    expect(page.get_by_label("Rechercher des mots")).to_be_focused()
    page.keyboard.type("réintégration")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=r%C3%A9int%C3%A9gration"))  # the results, not the front page
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^\d+ communiqués?$"))).to_be_visible()
    for _ in range(40):  # through the controls in page order, to the first result
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        if "Un documentaire retrace" in focused:
            break
    else:
        raise AssertionError("the result's link was never reached with Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Un documentaire retrace"))
