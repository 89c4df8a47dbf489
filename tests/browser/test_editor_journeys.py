"""An editor's day in the admin, in a real browser at both widths: clear the review queue,
read the history and restore a version, merge a duplicate person, add a person with
phones, meet a refused page and the import runs, go from the portal to the form.

The portal's CSP stays on: a script or style it blocks shows as a console error.
(Every page these journeys cross is also checked by axe-core and the Nu HTML Checker
in test_page_kinds.py.)
"""

import re

import pytest
from playwright.sync_api import expect

from contacts.models import ContactPerson
from releases.models import ImportRun, Release
from tests.browser.conftest import WIDTHS
from tests.helpers import SAMPLE_PAGES, run_import

ROME_PAGE = SAMPLE_PAGES[2]


def start(open_window, log_in, editor, width, path="/admin/"):
    window = open_window(width)
    log_in(window, editor)
    window.open(path)
    return window, window.page


@pytest.mark.parametrize("width", WIDTHS)
def test_editor_clears_the_review_queue_knowing_why(open_window, samples, editor, log_in, width):
    Release.objects.filter(source=SAMPLE_PAGES[0].name).update(
        warnings=[{"code": "phone_not_understood", "detail": "+00 1234"}]
    )
    Release.objects.filter(source=SAMPLE_PAGES[1].name).update(
        warnings=[{"code": "title_too_long", "detail": ""}]
    )
    window, page = start(open_window, log_in, editor, width)
    page.get_by_role("link", name="2 communiqués à relire").click()
    results = page.locator("#result_list")
    waiting = results.locator("td.field-review_state", has_text="À relire")
    expect(waiting).to_have_count(2)
    # The title first (what most needs a decision), then the contacts; each says why.
    expect(waiting.nth(0)).to_contain_text("titre deviné ou douteux : titre trop long, coupé")
    expect(waiting.nth(1)).to_contain_text("contacts non compris : numéro de téléphone non compris")
    expect(results).not_to_contain_text("pas de contact")
    if width == 1280:  # the state is read without scrolling sideways
        for cell in waiting.all():
            box = cell.bounding_box()
            assert box["x"] + box["width"] <= 1280
        assert page.evaluate("(el => el.scrollWidth <= el.clientWidth)(document.querySelector('.results'))")
    window.screenshot("journey-review-queue")

    page.locator("#changelist-filter").get_by_role("link", name="contacts non compris").click()
    expect(waiting).to_have_count(1)
    results.get_by_role("link", name=re.compile("Nouveaux projets de micro-crédits")).click()
    panel = page.locator("fieldset.review-panel")
    expect(panel).to_contain_text("À relire.")
    expect(panel).to_contain_text("numéro de téléphone non compris : +00 1234")
    window.screenshot("journey-review-form")
    panel.get_by_role("button", name="Marquer comme relu").click()
    expect(page.locator(".messagelist")).to_contain_text("est marqué comme relu")
    expect(page.locator("#result_list td.field-review_state", has_text="À relire")).to_have_count(1)
    window.screenshot("journey-review-done")
    assert window.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_editor_reads_the_history_and_restores_the_imported_version(open_window, editor, log_in, width):
    run_import(ROME_PAGE)
    release = Release.objects.get()
    window, page = start(open_window, log_in, editor, width, f"/admin/releases/release/{release.pk}/change/")
    body = page.get_by_role("textbox", name=re.compile("^Texte"))
    body.fill(body.input_value().replace("diaspora", "communauté expatriée", 1))
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Modifications enregistrées")

    page.goto(window.base_url + f"/admin/releases/release/{release.pk}/history/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Historique : Faire participer"))
    run = ImportRun.objects.get()
    imported = page.locator("li.version").last
    expect(imported.get_by_role("heading", level=2)).to_contain_text("Version importée")
    expect(imported.get_by_role("link", name=str(run))).to_be_visible()
    edited = page.locator("li.version").first
    expect(edited).to_contain_text("Par edith")
    expect(edited.locator("td.diff del")).to_contain_text("diaspora")
    expect(edited.locator("td.diff ins")).to_contain_text("communauté expatriée")
    expect(page.locator("#content-main")).not_to_contain_text("None")
    window.screenshot("journey-history")

    imported.get_by_role("link", name="Comparer avec la version actuelle et rétablir").click()
    window.screenshot("journey-history-compare")
    page.get_by_role("button", name=re.compile("^Rétablir la version du")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier le communiqué")
    expect(page.locator(".messagelist")).to_contain_text("Rétabli depuis la version du")
    expect(page.get_by_role("textbox", name=re.compile("^Texte"))).to_have_value(re.compile("diaspora"))
    page.get_by_role("link", name="Historique").click()
    expect(page.locator("li.version").first.get_by_role("heading", level=2)).to_contain_text(
        "Rétabli depuis la version du"
    )
    window.screenshot("journey-history-restored")
    assert window.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_editor_merges_a_duplicate_person_after_seeing_what_each_field_keeps(
    open_window, samples, editor, log_in, width
):
    karla = ContactPerson.objects.get(name="Karla Villamar")
    sonia = ContactPerson.objects.get(name="Sonia Pellecer")
    window, page = start(open_window, log_in, editor, width, "/admin/contacts/contactperson/")
    for name in ("Sonia Pellecer", "Karla Villamar"):
        page.get_by_role("row", name=re.compile(name)).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Fusionner les éléments sélectionnés…")
    page.get_by_role("button", name="Envoyer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Fusionner 2 personnes de contact")
    # Each record told apart by its e-mail, office and releases.
    expect(
        page.get_by_role("radio", name=re.compile("Karla Villamar — kvillamar@iom.int, OIM"))
    ).to_be_visible()
    preview = page.locator("table.merge-preview")
    expect(preview).to_contain_text("Gardée comme autre adresse : kvillamar@iom.int.")
    expect(preview).not_to_contain_text("Slug")
    expect(preview.locator("tr.conflict").first).to_be_visible()
    page.get_by_role("radio", name=re.compile("Karla Villamar")).check()
    page.get_by_role("button", name=re.compile("mettre à jour l’aperçu")).click()
    expect(preview.locator("caption")).to_have_text("Après la fusion : « Karla Villamar »")
    page.get_by_role("radio", name=re.compile("Sonia Pellecer")).check()
    page.get_by_role("button", name=re.compile("mettre à jour l’aperçu")).click()
    expect(page.get_by_role("link", name="Ne pas fusionner, revenir à la liste")).to_be_visible()
    window.screenshot("journey-merge-confirmation")
    page.get_by_role("button", name="Fusionner dans « Sonia Pellecer »").click()

    expect(page.locator(".messagelist")).to_contain_text("Fusion de Karla Villamar dans Sonia Pellecer")
    expect(page.locator(".messagelist").get_by_role("link", name="L’historique")).to_be_visible()
    expect(page.locator(".field-aliases_shown")).to_contain_text("kvillamar@iom.int")
    window.screenshot("journey-merge-done")

    # Karla's old address leads to the record kept (a 301, followed by the browser).
    page.goto(window.base_url + karla.get_absolute_url())
    expect(page).to_have_url(window.base_url + sonia.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Sonia Pellecer")
    window.screenshot("journey-merge-redirect")

    window.open(f"/admin/contacts/contactperson/{sonia.pk}/history/")
    merge = page.locator("li.version").first
    expect(merge.get_by_role("heading", level=2)).to_contain_text(
        "Fusion de Karla Villamar dans Sonia Pellecer"
    )
    merge.get_by_role("link", name="Défaire cette fusion").click()
    window.screenshot("journey-merge-undo")
    page.get_by_role("button", name="Défaire la fusion").click()
    expect(page.locator(".messagelist")).to_contain_text("Fusion défaite : « Karla Villamar »")
    assert ContactPerson.objects.get(email="kvillamar@iom.int").name == "Karla Villamar"
    window.open(karla.get_absolute_url())  # her own page again
    expect(page.get_by_role("heading", level=1)).to_have_text("Karla Villamar")
    assert window.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_editor_adds_a_person_with_phones_typed_as_on_a_release(open_window, samples, editor, log_in, width):
    window, page = start(open_window, log_in, editor, width, "/admin/contacts/contactperson/add/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter une personne de contact")
    page.get_by_label("Nom").press_sequentially("Jeanne Exemple-Dupré")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Adresse de la page")).to_have_value("jeanne-exemple-dupre")  # from the name
    phones = page.get_by_label("Téléphones, un par ligne")
    phones.fill("2333 6052\n+502 2333 6052")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text(
        "« 2333 6052 » n’est pas un numéro"
    )  # no office: no country

    page.locator(".field-office .select2-selection").click()
    page.locator(".select2-search__field").fill("Guatemala")
    page.get_by_role("option", name="OIM Guatemala").click()
    window.screenshot("journey-person-phones")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Ajout enregistré : personne de contact")
    person = ContactPerson.objects.get(slug="jeanne-exemple-dupre")
    assert person.phones == ["+50223336052"]  # the office's country; one number written twice

    release = Release.objects.exclude(contacts=None).order_by("pk").first()
    page.goto(window.base_url + f"/admin/releases/release/{release.pk}/change/")
    expect(page.get_by_label("Téléphones, un par ligne").first).to_be_visible()  # the same input
    assert window.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_editor_chooses_a_country_by_its_name(open_window, editor, log_in, width):
    run_import(SAMPLE_PAGES[0])  # from the office in Argentina
    release = Release.objects.get()
    window, page = start(open_window, log_in, editor, width, f"/admin/releases/release/{release.pk}/change/")
    country = page.get_by_role("combobox", name="Pays")  # a text box with suggestions
    expect(country).to_have_value("Argentine")
    # The browser suggests the names (a datalist, no script); typed without its accent, it is found too.
    expect(page.locator("datalist#country-names option[value='Haïti']")).to_have_count(1)
    country.fill("")
    country.press_sequentially("haiti")
    page.get_by_label("Date de publication").fill("1er juillet 2023")
    window.screenshot("journey-country-by-name")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Modifications enregistrées")
    release.refresh_from_db()
    assert (release.country, str(release.published)) == ("HT", "2023-07-01")

    page.get_by_role("link", name=re.compile("Nouveaux projets de micro-crédits")).first.click()
    expect(country).to_have_value("Haïti")
    country.fill("Atlantide")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("« Atlantide » n’est pas un pays connu")
    expect(page.locator("#content")).not_to_contain_text("contrainte")
    window.screenshot("journey-country-unknown")
    assert window.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_editor_refused_a_page_finds_the_way_back_and_reads_the_import_runs(
    open_window, samples, editor, log_in, width
):
    window, page = start(open_window, log_in, editor, width)
    response = page.goto(window.base_url + "/admin/auth/user/", referer=window.base_url + "/admin/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    window.screenshot("journey-refused")
    page.get_by_role("link", name="Revenir à la page précédente").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Corriger les communiqués")

    page.get_by_role("link", name="Imports").first.click()
    run = ImportRun.objects.get()
    page.get_by_role("link", name=str(run)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consulter l’import")
    expect(page.locator(".field-releases_written")).to_contain_text("(créé)")
    window.screenshot("journey-import-run")
    page.locator(".field-releases_written").get_by_role(
        "link", name=re.compile("Un documentaire retrace")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier le communiqué")
    assert [e for e in window.console_errors if "status of 403" not in e] == []  # the refusal itself


@pytest.mark.parametrize("width", WIDTHS)
def test_editor_goes_from_the_portal_to_the_form_with_the_text_beside(
    open_window, samples, editor, log_in, width
):
    release = Release.objects.get(source=ROME_PAGE.name)
    window, page = start(open_window, log_in, editor, width, release.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Modifier")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier le communiqué")
    title = page.get_by_label("Titre").bounding_box()
    text = page.get_by_role("region", name="Texte importé").bounding_box()
    if width == 1280:  # beside the fields, level with the title
        assert text["x"] >= title["x"] + title["width"]
        assert text["y"] <= title["y"] + title["height"] and text["y"] + text["height"] >= title["y"]
    else:  # right after the fields, before the contacts
        contacts = page.get_by_role("heading", name="Contacts du communiqué").bounding_box()
        assert (
            page.get_by_role("textbox", name=re.compile("^Texte")).bounding_box()["y"]
            < text["y"]
            < contacts["y"]
        )
    window.screenshot("journey-portal-to-form")
    assert window.console_errors == []
