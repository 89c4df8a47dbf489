"""Merges in the admin: confirmed on a page that says what each field keeps, recorded in the
kept record's history, undone from there; nothing lost, not even by the next import."""

import pytest
from django.urls import reverse

from contacts.models import ContactPerson, Merge
from releases.models import Release
from tests.helpers import SAMPLE_PAGES, readable, run_import

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:contacts_contactperson_changelist"


@pytest.fixture
def sonia_and_karla(db):
    run_import(*SAMPLE_PAGES)
    sonia = ContactPerson.objects.get(email="spellecer@iom.int")
    karla = ContactPerson.objects.get(email="kvillamar@iom.int")
    # Karla's number typed as a national number: the same number as Sonia's second one.
    karla.phones = [*karla.phones, "2362 8367"]
    karla.save()
    return sonia, karla


def merge_action(*people, **extra) -> dict:
    return {"action": "merge_selected", "_selected_action": [p.pk for p in people], **extra}


def test_the_confirmation_page_says_what_each_field_keeps(client, editor, sonia_and_karla):
    sonia, karla = sonia_and_karla
    response = client.post(reverse(CHANGELIST), merge_action(sonia, karla))
    assert response.status_code == 200 and ContactPerson.objects.filter(pk=karla.pk).exists()  # not yet
    page = response.content.decode()
    # Sonia has as many releases as Karla and came first: she is kept unless the editor chooses.
    assert f'name="kept" value="{sonia.pk}" checked' in page
    assert "Après la fusion : « Sonia Pellecer »" in readable(page)
    assert "Gardée comme autre adresse : kvillamar@iom.int." in readable(page)
    assert "valeurs différentes" in page  # names, e-mails, phones differ
    table = response.context["table"]
    phones = next(row for row in table if row.label == "Téléphones")
    # Three numbers shown four times: one in two writings, once after the merge.
    assert phones.result == "+502 2333 6052, poste 218, +502 2362 8367, +502 2333 6052, poste 125"
    assert response.context["aliases"] == ["Karla Villamar", "kvillamar@iom.int"]

    other_choice = client.post(reverse(CHANGELIST), merge_action(sonia, karla, kept=karla.pk, preview="1"))
    assert "Après la fusion : « Karla Villamar »" in readable(other_choice.content.decode())
    assert ContactPerson.objects.filter(pk=karla.pk).exists()


def test_a_confirmed_merge_is_in_the_kept_records_history_and_can_be_undone(client, editor, sonia_and_karla):
    sonia, karla = sonia_and_karla
    response = client.post(reverse(CHANGELIST), merge_action(sonia, karla, kept=sonia.pk, confirm="yes"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:contacts_contactperson_change", args=[sonia.pk])
    sonia.refresh_from_db()
    assert sonia.phones == ["+50223336052;ext=218", "+50223628367", "+50223336052;ext=125"]
    assert sonia.email == "spellecer@iom.int"
    form = client.get(response["Location"]).content.decode()
    assert "kvillamar@iom.int" in form and "Autres noms et adresses" in form

    merged = sonia.history.latest()
    assert merged.history_change_reason == "Fusion de Karla Villamar dans Sonia Pellecer"
    assert merged.history_user == editor
    history = client.get(reverse("admin:contacts_contactperson_history", args=[sonia.pk])).content.decode()
    assert "Fusion de Karla Villamar dans Sonia Pellecer" in history and "None" not in history
    record = Merge.objects.get()
    undo_url = reverse("admin:contacts_contactperson_undo_merge", args=[sonia.pk, record.pk])
    assert undo_url in history
    assert "Karla Villamar" in client.get(undo_url).content.decode()

    assert client.post(undo_url).status_code == 302
    karla = ContactPerson.objects.get(pk=karla.pk)
    assert karla.email == "kvillamar@iom.int" and karla.release_links.count() == 1  # 003, with Sonia
    sonia.refresh_from_db()
    assert sonia.phones == ["+50223336052;ext=218", "+50223628367"] and not sonia.aliases.exists()
    assert sonia.history.latest().history_change_reason.startswith("Fusion défaite")
    history = client.get(reverse("admin:contacts_contactperson_history", args=[sonia.pk])).content.decode()
    assert undo_url not in history  # undone: not twice


def test_a_merge_keeps_both_emails_and_survives_an_import(client, editor, sonia_and_karla):
    sonia, karla = sonia_and_karla
    client.post(reverse(CHANGELIST), merge_action(sonia, karla, kept=sonia.pk, confirm="yes"))
    report = run_import(*SAMPLE_PAGES)
    assert report["failed"] == []
    assert not ContactPerson.objects.filter(email="kvillamar@iom.int").exists()
    assert not ContactPerson.objects.filter(name="Karla Villamar").exists()
    sonia.refresh_from_db()
    assert sonia.email == "spellecer@iom.int"
    assert set(sonia.aliases.values_list("text", flat=True)) == {"Karla Villamar", "kvillamar@iom.int"}
    karlas_release = Release.objects.get(source=SAMPLE_PAGES[3].name)  # both were its contacts
    assert [link.person for link in karlas_release.contact_links.all()] == [sonia]


def test_a_single_record_is_not_merged(client, editor, sonia_and_karla):
    sonia, _ = sonia_and_karla
    response = client.post(reverse(CHANGELIST), merge_action(sonia), follow=True)
    assert "Choisissez au moins deux éléments à fusionner." in response.content.decode()


@pytest.fixture
def two_diegos(db):
    from tests.factories import OfficeFactory, PersonFactory, ReleaseContactFactory, ReleaseFactory

    geneva = OfficeFactory(name="OIM Genève", slug="oim-geneve", city="Genève", country="CH")
    dakar = OfficeFactory(name="OIM Dakar", slug="oim-dakar", city="Dakar", country="SN")
    kept = PersonFactory(
        name="Diego Lefèvre", slug="diego-lefevre", email="dlefevre@iom.int", office=geneva,
        phones=["+41227179111"],
    )  # fmt: skip
    duplicate = PersonFactory(
        name="Diego Lefèvre", slug="diego-lefevre-4", email="diego.lefevre@iom.int", office=dakar,
        phones=["+50223336052;ext=218"],
    )  # fmt: skip
    for _ in range(2):
        ReleaseContactFactory(person=kept, release=ReleaseFactory(office=geneva))
    ReleaseContactFactory(person=duplicate, release=ReleaseFactory(office=dakar))
    return kept, duplicate


def test_the_merge_page_tells_records_of_one_name_apart_in_an_editors_words(client, editor, two_diegos):
    kept, duplicate = two_diegos
    page = client.post(reverse(CHANGELIST), merge_action(kept, duplicate)).content.decode()
    assert "Diego Lefèvre — dlefevre@iom.int, OIM Genève, 2 communiqués" in page
    assert "Diego Lefèvre — diego.lefevre@iom.int, OIM Dakar, 1 communiqué" in page
    assert "Slug" not in page and "Adresse de la page" in page
    assert "/people/diego-lefevre-4/" in page  # the address, as a reader knows it
    assert "+502 2333 6052, poste 218" in page and ";ext=" not in page
    assert "Annuler" not in page and "Ne pas fusionner, revenir à la liste" in page


def test_the_merge_message_names_both_records_distinctly(client, editor, two_diegos):
    kept, duplicate = two_diegos
    response = client.post(
        reverse(CHANGELIST), merge_action(kept, duplicate, kept=kept.pk, confirm="yes"), follow=True
    )
    (message,) = [str(m) for m in response.context["messages"]]
    assert message.startswith(
        "Fusion de Diego Lefèvre (diego.lefevre@iom.int) dans Diego Lefèvre (dlefevre@iom.int). "
    )
    assert "permet de la défaire" in message
    history = client.get(reverse("admin:contacts_contactperson_history", args=[kept.pk])).content.decode()
    assert "Défaire cette fusion" in history and "Annuler cette fusion" not in history


def test_a_merged_away_page_answers_301_to_the_kept_one(client, editor, two_diegos):
    from contacts.merging import merge_entities, undo_merge
    from tests.factories import PersonFactory

    kept, duplicate = two_diegos
    record = merge_entities(kept, [duplicate])
    client.logout()  # as the public sees it
    for path, target in [
        ("/people/diego-lefevre-4/", "/people/diego-lefevre/"),
        ("/people/diego-lefevre-4/?page=2", "/people/diego-lefevre/?page=2"),
        ("/people/diego-lefevre-4/vcard.vcf", "/people/diego-lefevre/vcard.vcf"),
    ]:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (301, target), path
        assert "no-cache" in response["Cache-Control"]  # an undone merge gives the page back
    assert client.get("/people/personne-inconnue/").status_code == 404

    # Merged again into a third record: the first address follows to the last.
    third = PersonFactory(name="Diego Lefèvre Martín", slug="diego-lefevre-martin", email="dlm@iom.int")
    merge_entities(third, [kept])
    assert client.get("/people/diego-lefevre-4/")["Location"] == "/people/diego-lefevre-martin/"
    assert client.get("/people/diego-lefevre/")["Location"] == "/people/diego-lefevre-martin/"

    undo_merge(Merge.objects.get(kept_id=third.pk))
    undo_merge(record)
    assert client.get("/people/diego-lefevre-4/").status_code == 200  # back on its own page


def test_merged_away_office_and_project_pages_answer_301(client, db):
    from contacts.merging import merge_entities
    from tests.factories import OfficeFactory, ProjectFactory

    office = OfficeFactory(name="OIM Genève", slug="oim-geneve")
    other_office = OfficeFactory(name="OIM Geneva", slug="oim-geneva")
    merge_entities(office, [other_office])
    response = client.get(f"/offices/{other_office.slug}/")
    assert (response.status_code, response["Location"]) == (301, f"/offices/{office.slug}/")
    project, other_project = ProjectFactory(name="Fonds A"), ProjectFactory(name="Fonds A bis")
    merge_entities(project, [other_project])
    response = client.get(f"/projects/{other_project.slug}/")
    assert (response.status_code, response["Location"]) == (301, f"/projects/{project.slug}/")
