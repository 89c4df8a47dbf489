"""What an editor may do and how the admin tells them: a French refusal with a way back,
no deletion of offices, people or projects (merge instead), French names everywhere."""

import io
import re

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from contacts.models import ContactPerson, CountryOffice, Project
from core.editors import GROUP
from releases.models import Release
from tests.factories import OfficeFactory, PersonFactory, ProjectFactory, ReleaseFactory
from tests.helpers import ROOT, SAMPLE_PAGES, readable, run_import

pytestmark = pytest.mark.django_db

CATALOG = ROOT / "core" / "locale" / "fr" / "LC_MESSAGES"


@pytest.mark.parametrize("path", ["/admin/auth/user/", "/admin/auth/group/", "/admin/axes/accessattempt/"])
def test_an_editor_gets_a_french_refusal_with_a_way_back(client, editor, path):
    response = client.get(path, HTTP_REFERER="http://testserver/admin/releases/release/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "<title>Accès refusé | Espace éditeurs OIM</title>" in page
    assert "Votre compte ne permet pas d’ouvrir cette page" in page
    assert 'href="http://testserver/admin/releases/release/">Revenir à la page précédente' in page
    assert 'href="/admin/">Aller à l’accueil de l’espace éditeurs' in page
    assert "Forbidden" not in page and "admin/css/base.css" in page  # styled like the admin


def test_a_refusal_never_links_back_to_another_site(client, editor):
    page = client.get("/admin/auth/user/", HTTP_REFERER="https://ailleurs.example/piege").content.decode()
    assert "ailleurs.example" not in page


@pytest.mark.parametrize(
    "factory, model",
    [(OfficeFactory, CountryOffice), (PersonFactory, ContactPerson), (ProjectFactory, Project)],
)
def test_editors_cannot_delete_offices_people_or_projects(client, editor, factory, model):
    row = factory()
    opts = model._meta
    delete_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[row.pk])
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    actions = [name for name, _label in changelist.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in actions and "merge_selected" in actions
    refused = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )
    assert refused.status_code in (200, 302) and model.objects.filter(pk=row.pk).exists()


def test_the_group_loses_deletions_it_had():
    group = Group.objects.get(name=GROUP)
    group.permissions.add(Permission.objects.get(codename="delete_contactperson"))
    call_command("create_editor", "olga", stdout=io.StringIO())
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert not codenames & {
        "delete_contactperson",
        "delete_countryoffice",
        "delete_project",
        "delete_release",
    }
    assert {"change_contactperson", "view_merge", "delete_releasecontact"} <= codenames


def test_permissions_read_in_french():
    installed = {(m._meta.app_label, m._meta.model_name) for m in apps.get_models()}
    names = {
        p.codename: p.name
        for p in Permission.objects.select_related("content_type")
        if (p.content_type.app_label, p.content_type.model) in installed  # not models moved away since
    }
    assert names["add_release"] == "Peut ajouter des communiqués"
    assert names["change_contactperson"] == "Peut modifier les personnes de contact"
    assert names["view_historicalrelease"] == "Peut voir les versions de l’historique des communiqués"
    assert names["delete_user"] == "Peut supprimer les utilisateurs"
    assert not [name for name in names.values() if name.startswith("Can ")]


def test_titles_and_buttons_are_french_sentences(client, editor):
    run_import(SAMPLE_PAGES[2])
    release = Release.objects.get()
    changelist = client.get(reverse("admin:releases_release_changelist")).content.decode()
    assert "<h1>Communiqués</h1>" in changelist and "Ajouter un communiqué" in changelist
    assert "objet" not in changelist
    form = client.get(reverse("admin:releases_release_change", args=[release.pk])).content.decode()
    assert "<h1>Modifier le communiqué</h1>" in form
    assert "Ajouter un contact" in form and "Ajouter une personne cit" in form and "objet" not in form
    person_form = client.get(reverse("admin:contacts_contactperson_add")).content.decode()
    assert "<h1>Ajouter une personne de contact</h1>" in person_form
    saved = client.post(
        reverse("admin:contacts_project_add"), {"name": "Fonds d’essai", "slug": "fonds-essai"}, follow=True
    )
    # No-break spaces before the colon and inside the guillemets (French typography).
    assert re.search(
        r"Ajout enregistré\u00a0: projet «\u00a0<a href=\"[^\"]+\">Fonds d’essai</a>\u00a0»\.",
        saved.content.decode(),
    )


def test_the_admins_catalog_is_compiled_from_its_source():
    with (CATALOG / "django.po").open("rb") as source, (CATALOG / "django.mo").open("rb") as compiled:
        po, mo = read_po(source), read_mo(compiled)

    def flat(text):
        return tuple(text) if isinstance(text, list | tuple) else text

    def messages(catalog):
        return {flat(m.id): flat(m.string) for m in catalog if m.id}

    assert messages(mo) == messages(po), "run msgfmt (see the header of django.po)"


def test_the_login_attempts_section_has_a_french_name(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Connexions refusées" in page and ">Axes<" not in page


def test_an_editor_reading_the_portal_gets_a_modifier_link_others_do_not(client, editor):
    release = ReleaseFactory(title="Un communiqué à corriger")
    person = PersonFactory(name="Jean Exemple")
    for row, admin_name in ((release, "releases_release"), (person, "contacts_contactperson")):
        link = reverse(f"admin:{admin_name}_change", args=[row.pk])
        page = client.get(row.get_absolute_url()).content.decode()
        assert f'<a href="{link}">Modifier<span class="visually-hidden"> « {row} »' in readable(page)
    client.logout()
    for row in (release, person, person.office):
        # Served from the cache the editor's visits never filled: no link for anyone else.
        assert "Modifier" not in client.get(row.get_absolute_url()).content.decode()
