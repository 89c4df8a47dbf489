"""On a phone: find the press contact for a country, dial the right number, keep the vCard.
And the list's filters within reach of a thumb."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from releases.models import Release
from tests.browser.conftest import WIDTHS

TAP = 44  # px: the smallest comfortable tap target


def test_staff_find_a_countrys_press_contact_on_a_phone_and_keep_the_vcard(open_window, samples):
    window = open_window(375)
    page = window.page
    window.open("/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Personnes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des contacts presse")
    page.get_by_label("Pays").select_option(label="Guatemala")
    page.get_by_role("button", name="Chercher").click()
    expect(page).to_have_url(re.compile(r"country=GT"))
    expect(page.get_by_role("heading", level=2, name="2 personnes")).to_be_visible()
    window.screenshot("journey-directory-country")

    row = page.get_by_role("row", name=re.compile("Sonia Pellecer"))
    dial = row.get_by_role("link", name="+502 2333 6052, poste 218")
    expect(dial).to_have_attribute("href", "tel:+50223336052;ext=218")  # the extension kept apart
    expect(dial).to_be_visible()
    assert dial.bounding_box()["height"] >= TAP
    expect(row.get_by_text("Fixe").first).to_be_visible()

    with page.expect_download() as download:
        row.get_by_role("link", name="vCard de Sonia Pellecer").click()
    card = download.value.path().read_text(encoding="utf-8")
    assert download.value.suggested_filename == "sonia-pellecer.vcf"
    assert "FN:Sonia Pellecer" in card and "TEL;TYPE=WORK,VOICE:+50223336052,218" in card
    window.screenshot("journey-directory-contact")
    assert window.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_filters_within_reach_and_tap_targets_of_44_px(open_window, samples, width):
    window = open_window(width, javascript=False)
    page = window.page
    window.open("/")
    facets = page.get_by_role("complementary", name="Affiner")
    disclosure = facets.locator("summary", has_text="Filtrer")
    country = facets.get_by_role("heading", name="Pays")
    if width == 375:
        # A disclosure at the top of the list, closed: the results come right after it.
        expect(disclosure).to_be_visible()
        assert disclosure.bounding_box()["height"] >= TAP
        results = page.get_by_role("heading", level=2, name="5 communiqués")
        assert disclosure.bounding_box()["y"] < results.bounding_box()["y"] < 900  # both on the first screen
        expect(country).to_be_hidden()
        disclosure.click()
        expect(country).to_be_visible()
        expect(country).to_be_in_viewport()
        window.screenshot("journey-mobile-filters")
        links = page.locator(".facet li a, .site-header li a, .release-item h3 a, .pagination a")
        heights = [links.nth(i).bounding_box()["height"] for i in range(links.count())]
        assert heights and min(heights) >= TAP, heights
        facets.get_by_role("link", name=re.compile("^Guatemala")).click()
        expect(page).to_have_url(re.compile("country=GT"))
    else:
        expect(disclosure).to_be_hidden()  # the filters are open beside the results
        expect(country).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_releases_contacts_are_reached_from_its_top(open_window, samples, width):
    release = Release.objects.filter(source__startswith="002").get()  # three contacts
    window = open_window(width, javascript=False)
    page = window.page
    window.open(release.get_absolute_url())
    to_contacts = page.get_by_role("link", name="3 contacts presse")
    contacts = page.get_by_role("region", name="Contacts")
    if width == 375:
        expect(to_contacts).to_be_in_viewport()  # on the first screen, under the title
        expect(contacts.get_by_role("heading", name="Contacts")).not_to_be_in_viewport()
        to_contacts.click()
        expect(contacts.get_by_role("heading", name="Contacts")).to_be_in_viewport()
        window.screenshot("journey-mobile-release-contacts")
    else:
        expect(to_contacts).to_be_hidden()  # the card is beside the text
        expect(contacts.get_by_role("heading", name="Contacts")).to_be_in_viewport()


def test_the_chart_and_map_link_to_their_filters(open_window, samples):
    for i, release in enumerate(Release.objects.order_by("pk")):
        release.published = date(2018 + i % 2, 3 + i, 1)
        release.save()
    window = open_window(1280)
    page = window.page
    window.open("/")
    chart = page.get_by_role("group", name="Communiqués par année")
    chart.get_by_role("link", name="2018 : 3 communiqués").click()
    expect(page).to_have_url(re.compile(r"year=2018"))
    months = page.get_by_role("group", name="Communiqués par mois en 2018")
    months.get_by_role("link", name="mars : 1 communiqué").click()
    expect(page.get_by_role("heading", level=2, name="1 communiqué")).to_be_visible()
    window.screenshot("journey-chart-month")
    window.open("/")
    world = page.get_by_role("group", name="Communiqués par pays")
    world.get_by_role("link", name="Guatemala : 2 communiqués").click()
    expect(page).to_have_url(re.compile(r"country=GT"))
    expect(page.get_by_role("heading", level=2, name="2 communiqués")).to_be_visible()
    window.screenshot("journey-map-country")
    assert window.console_errors == []
