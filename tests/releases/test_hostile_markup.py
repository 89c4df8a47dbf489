"""Markup typed into the admin stays text, in the admin and on every page that shows it."""

import pytest
from django.urls import reverse

from contacts.models import ContactPerson
from releases.models import Release
from tests.admin_helpers import change_form_data
from tests.helpers import SAMPLE_PAGES, run_import

pytestmark = pytest.mark.django_db

TITLE = '<script>alert("titre")</script>Titre piégé'
BODY = 'Premier <img src=x onerror=alert(1)>.\n\n<a href="javascript:alert(2)">lien</a> <b>gras</b>'
NAME = "<svg onload=alert(3)>Nom piégé"
RAW = ["<script>alert(", "<img src=x", "<svg onload", 'href="javascript:', "<b>gras</b>"]


def shown(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_hostile_markup_typed_in_the_admin_stays_text_everywhere(client, editor):
    run_import(SAMPLE_PAGES[0])
    release = Release.objects.get()
    url = reverse("admin:releases_release_change", args=[release.pk])
    data = change_form_data(client.get(url))
    data.update(title=TITLE, body=BODY)
    assert client.post(url, data).status_code == 302
    person = ContactPerson.objects.first()
    person_url = reverse("admin:contacts_contactperson_change", args=[person.pk])
    data = change_form_data(client.get(person_url))
    data["name"] = NAME
    assert client.post(person_url, data).status_code == 302
    release.refresh_from_db()
    person.refresh_from_db()
    assert release.title == TITLE and person.name == NAME  # stored as typed

    pages = [
        url,
        person_url,
        reverse("admin:releases_release_changelist"),
        reverse("admin:releases_release_history", args=[release.pk]),
        release.get_absolute_url(),
        person.get_absolute_url(),
        "/",
        "/?q=piégé",
        "/people/",
        "/feeds/rss/",
    ]
    for page_url in pages:
        page = shown(client, page_url)
        for raw in RAW:
            assert raw not in page, f"{raw!r} as markup on {page_url}"
    page = shown(client, release.get_absolute_url())
    assert "&lt;script&gt;alert(&quot;titre&quot;)&lt;/script&gt;Titre piégé" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;svg onload=alert(3)&gt;Nom piégé" in shown(client, "/people/")
