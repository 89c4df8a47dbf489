"""The history as editors read it: who or which import wrote each version, what changed (in
French, long texts word by word), any two versions compared, a version brought back."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils.html import escape

from core.history import record_imported_versions
from releases.models import ImportRun, Release
from tests.admin_helpers import change_form_data
from tests.helpers import SAMPLE_PAGES, run_import

pytestmark = pytest.mark.django_db

PAGE = SAMPLE_PAGES[2]  # several paragraphs


def edit(client, release, **changes):
    url = reverse("admin:releases_release_change", args=[release.pk])
    data = {**change_form_data(client.get(url)), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    release.refresh_from_db()
    return response


def test_the_imported_version_is_the_import_runs_not_the_editors(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    run = ImportRun.objects.get()
    assert release.import_run == run
    edit(client, release, title="Titre corrigé")
    first, second = release.history.order_by("history_date")
    assert (first.history_change_reason, first.history_user, first.import_run_id) == (
        "Version importée",
        None,
        run.pk,
    )
    assert second.history_user == editor
    page = client.get(reverse("admin:releases_release_history", args=[release.pk])).content.decode()
    run_link = reverse("admin:releases_importrun_change", args=[run.pk])
    assert f'Par <a href="{run_link}">{run}</a>' in page
    assert "Par edith" in page


def test_a_version_lists_its_changes_in_french_and_long_texts_word_by_word(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    paragraphs = release.body.split("\n\n")
    paragraphs[1] = paragraphs[1].replace("Migration pour le Développement", "Migration et Développement", 1)
    edit(client, release, body="\n\n".join(paragraphs), dateline="Rome")
    page = client.get(reverse("admin:releases_release_history", args=[release.pk])).content.decode()
    assert '<th scope="row">Texte</th>' in page and '<th scope="row">Lieu (dateline)</th>' in page
    assert '<del><span class="visually-hidden">avant : </span>(vide)' not in page
    assert '<span class="empty">(vide)</span>' in page  # the dateline was empty: never "None"
    assert "None" not in page.split('id="content-main"')[1]
    assert "<del>pour le </del><ins>et </ins>" in page
    assert "paragraphes inchangés" in page and "[136 chars]" not in page


def test_restoring_a_version_is_logged_attributed_and_lands_on_the_form(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    imported_title = release.title
    edit(client, release, title="Titre corrigé")
    imported = release.history.earliest()
    version_url = reverse("admin:releases_release_history_version", args=[release.pk, imported.history_id])
    page = client.get(version_url).content.decode()
    assert "Rétablir la version du" in page and "Titre corrigé" in page and escape(imported_title) in page

    response = client.post(version_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:releases_release_change", args=[release.pk])
    release.refresh_from_db()
    assert release.title == imported_title
    assert release.locked_fields == []  # back to what imports give: given back to them
    latest = release.history.latest()
    assert latest.history_change_reason.startswith("Rétabli depuis la version du ")
    assert latest.history_user == editor
    entry = LogEntry.objects.filter(object_id=str(release.pk)).latest("action_time")
    assert entry.get_change_message().startswith("Rétabli depuis la version du ")
    history = client.get(reverse("admin:releases_release_history", args=[release.pk])).content.decode()
    assert "Rétabli depuis la version du" in history


def test_restoring_an_editors_version_holds_it_against_imports(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    edit(client, release, title="Premier titre corrigé")
    edit(client, release, title="Second titre corrigé")
    first_correction = release.history.order_by("history_date")[1]
    client.post(
        reverse("admin:releases_release_history_version", args=[release.pk, first_correction.history_id])
    )
    release.refresh_from_db()
    assert (release.title, release.locked_fields) == ("Premier titre corrigé", ["title"])
    run_import(PAGE)
    release.refresh_from_db()
    assert release.title == "Premier titre corrigé"


def test_any_two_versions_compare(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    edit(client, release, title="Premier titre corrigé")
    edit(client, release, dateline="Rome")
    first, _, third = release.history.order_by("history_date")
    url = reverse("admin:releases_release_history_compare", args=[release.pk])
    page = client.get(url, {"from": third.history_id, "to": first.history_id}).content.decode()
    assert "2 champs diffèrent" in page and "Premier titre corrigé" in page and "Rome" in page
    assert "Rétablir" not in page  # only against the version now
    assert client.get(url, {"from": "x"}).status_code == 302


def test_an_import_that_changes_a_release_keeps_its_first_version_and_names_itself(tmp_path):
    copy = tmp_path / PAGE.name
    copy.write_text(PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    run_import(copy)
    run_import(copy)  # read again, unchanged: no version
    release = Release.objects.get()
    assert not release.history.exists()
    copy.write_text(PAGE.read_text(encoding="utf-8").replace("diaspora", "diasporas"), encoding="utf-8")
    run_import(copy)
    first_run, _, third_run = ImportRun.objects.order_by("started_at")
    versions = list(release.history.order_by("history_date"))
    assert [(v.history_change_reason, v.import_run_id) for v in versions] == [
        ("Version importée", first_run.pk),
        ("Import", third_run.pk),
    ]
    assert "diasporas" in versions[1].body and "diasporas" not in versions[0].body
    release.refresh_from_db()
    assert release.import_run == third_run


def test_a_long_history_is_read_page_by_page(client, editor):
    run_import(PAGE)
    release = Release.objects.get()
    record_imported_versions(Release, [release])
    for n in range(30):
        release.dateline = f"Lieu {n}"
        release.save()
    url = reverse("admin:releases_release_history", args=[release.pk])
    first = client.get(url)
    assert len(first.context["versions"]) == 25 and "Versions plus anciennes" in first.content.decode()
    assert "Lieu 28" in first.content.decode() and "Lieu 29" in first.content.decode()
    last = client.get(url, {"p": 2}).content.decode()
    assert "Première version connue" in last and "Version importée" in last and "Lieu 0" in last
