"""The editors' admin, through the test client, logged in as an editor."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contacts.models import ContactPerson, CountryOffice
from releases.models import ImportRun, Release
from tests.admin_helpers import change_form_data
from tests.helpers import SAMPLE_PAGES, readable, run_import

pytestmark = pytest.mark.django_db

PAGE = SAMPLE_PAGES[0]  # 000: one release, one contact


def test_an_editor_corrects_a_title_and_the_next_import_keeps_it(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    url = reverse("admin:releases_release_change", args=[release.pk])
    data = change_form_data(client.get(url))
    data["title"] = "Titre corrigé par Edith"
    response = client.post(url, data)
    assert response.status_code == 302, [f.formset.errors for f in response.context["inline_admin_formsets"]]
    release.refresh_from_db()
    assert release.title == "Titre corrigé par Edith"
    assert release.locked_fields == ["title"]

    report = run_import(PAGE)
    release.refresh_from_db()
    assert release.title == "Titre corrigé par Edith"
    assert report["kept_editor_fields"] == 1
    page = client.get(url).content.decode()
    assert (
        "Corrections conservées" in page and "Nouveaux projets de micro-crédits" in page
    )  # the imported value
    assert "Titre corrigé par Edith" in client.get(release.get_absolute_url()).content.decode()


def test_a_form_sent_back_with_browser_line_ends_locks_only_what_changed(client, editor):
    run_import(SAMPLE_PAGES[2])  # a body of several paragraphs
    release = Release.objects.get()
    url = reverse("admin:releases_release_change", args=[release.pk])
    data = change_form_data(client.get(url))
    assert "\n" in data["body"]
    data["body"] = data["body"].replace("\n", "\r\n")  # what browsers send for a <textarea>
    data["title"] = "Titre corrigé"
    assert client.post(url, data).status_code == 302
    release.refresh_from_db()
    assert release.locked_fields == ["title"]
    assert "\r" not in release.body


def test_contact_phones_are_edited_one_per_line_as_people_read_them(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    url = reverse("admin:releases_release_change", args=[release.pk])
    data = change_form_data(client.get(url))
    assert data["contact_links-0-phones"] == "+54 11 4815-5194"  # not the stored "+541148155194"
    assert client.post(url, data).status_code == 302
    assert release.contact_links.get().phones == ["+541148155194"]
    assert "contacts" not in Release.objects.get().locked_fields  # sent back unchanged: not a correction

    data["contact_links-0-phones"] = (
        "+54 11 4815-5194\r\n+54 11 4815 5195\r\n011 4815-5196, +502 2333 6052, poste 125\r\n"
    )
    assert client.post(url, data).status_code == 302
    # To E.164 as imports store them; a national number takes the office's country (Argentina).
    assert release.contact_links.get().phones == [
        "+541148155194", "+541148155195", "+541148155196", "+50223336052;ext=125",
    ]  # fmt: skip
    shown = change_form_data(client.get(url))["contact_links-0-phones"]
    assert shown.splitlines() == [
        "+54 11 4815-5194", "+54 11 4815-5195", "+54 11 4815-5196", "+502 2333 6052, poste 125",
    ]  # fmt: skip

    data["contact_links-0-phones"] = "+541148155194\npas un numéro"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "« pas un numéro » n’est pas un numéro de téléphone : un numéro par ligne" in readable(
        response.content.decode()
    )
    assert len(release.contact_links.get().phones) == 4  # nothing stored


def test_a_persons_phones_are_typed_as_on_a_release_national_numbers_in_the_offices_country(client, editor):
    run_import(PAGE)
    office = CountryOffice.objects.get()
    url = reverse("admin:contacts_contactperson_add")
    data = {
        "name": "Jeanne Exemple",
        "slug": "jeanne-exemple",
        "office": office.pk,
        "phones": "011 4815-5196",
    }
    assert client.post(url, {**data, "phones": "011 4815-5196, +54 11 4815 5196"}).status_code == 302
    assert ContactPerson.objects.get(slug="jeanne-exemple").phones == ["+541148155196"]  # one number, once
    response = client.post(url, {**data, "slug": "autre", "office": "", "phones": "4815 5196"})
    assert "« 4815 5196 » n’est pas un numéro de téléphone" in readable(
        response.content.decode()
    )  # no office: no country


def test_correction_bookkeeping_is_not_typed_in_as_json(client, editor):
    run_import(PAGE)
    for person in ContactPerson.objects.all():
        response = client.get(reverse("admin:contacts_contactperson_change", args=[person.pk]))
        fields = set(response.context["adminform"].form.fields)
        assert {"name", "email"} <= fields
        assert not {"locked_fields", "imported_values"} & fields


def test_create_editor_brings_back_a_deleted_editors_group(client):
    Group.objects.filter(name="Éditeurs").delete()
    call_command("create_editor", "edith", stdout=io.StringIO())
    user = User.objects.get(username="edith")
    group = user.groups.get()
    assert group.name == "Éditeurs" and group.permissions.filter(codename="change_release").exists()
    assert not group.permissions.filter(codename="delete_release").exists()
    run_import(PAGE)
    client.force_login(user)
    release = Release.objects.get()
    assert client.get(reverse("admin:releases_release_change", args=[release.pk])).status_code == 200


def test_restoring_the_imported_value_gives_the_field_back_to_imports(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    imported_title = release.title
    release.title = "Titre corrigé"
    release.lock_fields(["title"])
    release.save()
    response = client.post(reverse("admin:releases_release_restore", args=[release.pk, "title"]))
    assert response.status_code == 302
    release.refresh_from_db()
    assert (release.title, release.locked_fields) == (imported_title, [])


def test_restoring_held_contacts_gives_them_back_to_the_next_import(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    release.contact_links.all().delete()
    release.lock_fields(["contacts"])
    release.save()
    response = client.post(reverse("admin:releases_release_restore", args=[release.pk, "contacts"]))
    assert response.status_code == 302
    release.refresh_from_db()
    assert (release.locked_fields, release.import_hash) == ([], "")
    run_import(PAGE)
    assert release.contact_links.count() == 1
    merges = client.get(reverse("admin:contacts_merge_changelist"))
    assert merges.status_code == 200 and "<h1>Fusions</h1>" in merges.content.decode()


def test_a_changed_source_page_flags_the_corrected_release_for_review(client, editor, tmp_path):
    copy = tmp_path / PAGE.name
    copy.write_bytes(PAGE.read_bytes())
    run_import(copy)
    release = Release.objects.get()
    release.title = "Titre corrigé"
    release.lock_fields(["title"])
    release.save()
    copy.write_text(PAGE.read_text().replace("Nouveaux projets", "Nouveaux programmes"))
    run_import(copy)
    release.refresh_from_db()
    assert release.title == "Titre corrigé"
    assert release.imported_values["title"].startswith("Nouveaux programmes")
    assert release in Release.objects.needing_review()
    page = client.get(reverse("admin:releases_release_changelist") + "?review=todo").content.decode()
    assert "page modifiée après correction" in page


def test_review_queue_on_the_admin_index_and_marking_reviewed(client, editor, tmp_path):
    run_import(*SAMPLE_PAGES)
    Release.objects.update(reviewed_at=timezone.now())
    assert "Aucun communiqué à relire" in client.get(reverse("admin:index")).content.decode()
    doubtful = Release.objects.filter(source__in=[p.name for p in SAMPLE_PAGES[:3]])
    doubtful.update(reviewed_at=None, warnings=[{"code": "title_too_long", "detail": ""}])
    assert "3 communiqués à relire" in client.get(reverse("admin:index")).content.decode()
    ids = list(doubtful.values_list("pk", flat=True)[:2])
    client.post(
        reverse("admin:releases_release_changelist"), {"action": "mark_reviewed", "_selected_action": ids}
    )
    assert "1 communiqué à relire" in client.get(reverse("admin:index")).content.decode()


def test_merging_two_people_moves_their_releases(client, editor):
    run_import(*SAMPLE_PAGES)
    sonia = ContactPerson.objects.get(email="spellecer@iom.int")
    karla = ContactPerson.objects.get(email="kvillamar@iom.int")
    changelist = reverse("admin:contacts_contactperson_changelist")
    chosen = {"action": "merge_selected", "_selected_action": [sonia.pk, karla.pk]}
    confirmation = client.post(changelist, chosen)
    assert confirmation.status_code == 200 and ContactPerson.objects.filter(pk=karla.pk).exists()
    response = client.post(changelist, {**chosen, "kept": sonia.pk, "confirm": "yes"})
    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=karla.pk).exists()
    sonia.refresh_from_db()
    assert sonia.release_links.count() == 2  # 003 (both were contacts) and 004
    assert list(sonia.aliases.values_list("key", flat=True)) == [
        "email:kvillamar@iom.int",
        "name:karla villamar",
    ]
    assert "+50223336052;ext=125" in sonia.phones


def test_an_editor_cannot_delete_a_release(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    assert client.get(reverse("admin:releases_release_delete", args=[release.pk])).status_code == 403
    assert (
        client.post(reverse("admin:releases_release_delete", args=[release.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Release.objects.exists()


def test_import_runs_are_recorded_and_listed(client, editor):
    run_import(*SAMPLE_PAGES)
    run = ImportRun.objects.get()
    assert (run.created, run.failed) == (5, [])
    assert "Import" in client.get(reverse("admin:releases_importrun_changelist")).content.decode()


def test_admin_pages_open_for_an_editor(client, editor):
    run_import(*SAMPLE_PAGES)
    for name in ("releases_release", "contacts_project", "contacts_countryoffice", "contacts_contactperson"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:{name}_changelist") + "?q=OIM").status_code == 200


def test_history_shows_who_changed_what_and_a_change_can_be_reverted(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    imported_title = release.title
    url = reverse("admin:releases_release_change", args=[release.pk])
    data = change_form_data(client.get(url))
    data["title"] = "Titre corrigé par Edith"
    assert client.post(url, data).status_code == 302

    history = list(release.history.order_by("history_date"))
    assert [h.title for h in history] == [imported_title, "Titre corrigé par Edith"]
    assert history[0].history_change_reason == "Version importée"
    assert history[1].history_user == editor
    page = client.get(reverse("admin:releases_release_history", args=[release.pk])).content.decode()
    assert "edith" in page and "Titre corrigé par Edith" in page and imported_title in page  # the field diff

    # Revert to the imported version from its page in the history.
    revert_url = reverse("admin:releases_release_history_version", args=[release.pk, history[0].history_id])
    assert client.post(revert_url).status_code == 302
    release.refresh_from_db()
    assert release.title == imported_title


def test_change_pages_of_offices_people_and_projects_list_their_releases(client, editor):
    run_import(*SAMPLE_PAGES)
    person = ContactPerson.objects.get(email="spellecer@iom.int")
    page = client.get(reverse("admin:contacts_contactperson_change", args=[person.pk])).content.decode()
    assert "L’aide aux migrants irréguliers" in page and "soutien financier" in page
    release = Release.objects.get(source=SAMPLE_PAGES[0].name)
    page = client.get(reverse("admin:releases_release_change", args=[release.pk])).content.decode()
    assert "Qui sommes nous" in page  # the text as imported, navigation included, read-only
