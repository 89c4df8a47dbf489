"""Import runs in the admin: in French, at the portal's time, with the releases they wrote."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from releases.models import ImportRun, Release
from tests.helpers import SAMPLE_PAGES, run_import

pytestmark = pytest.mark.django_db


def test_a_run_names_the_releases_it_wrote_and_its_files_reasons_in_french(client, editor, tmp_path):
    navigation_only = "\n".join(SAMPLE_PAGES[0].read_text(encoding="utf-8").splitlines()[:29]) + "\n"
    (tmp_path / "menu.txt").write_text(navigation_only, encoding="utf-8")
    (tmp_path / "binaire.txt").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 20)
    for sample in SAMPLE_PAGES[:2]:
        (tmp_path / sample.name).write_bytes(sample.read_bytes())
    run_import(tmp_path)
    run = ImportRun.objects.get()
    assert run.finished_at is not None
    assert set(Release.objects.values_list("import_run", flat=True)) == {run.pk}

    page = client.get(reverse("admin:releases_importrun_change", args=[run.pk])).content.decode()
    assert "seulement la navigation du site" in page and "pas un fichier texte" in page
    assert "only site navigation" not in page and "binary content" not in page
    listing = reverse("admin:releases_release_changelist") + f"?import_run={run.pk}"
    assert f'<a href="{listing}">Voir les 2 communiqués dans la liste</a>' in page
    for release in Release.objects.all():
        assert reverse("admin:releases_release_change", args=[release.pk]) in page
    assert page.count("(créé)") == 2
    filtered = client.get(listing)
    assert filtered.status_code == 200 and filtered.context["cl"].result_count == 2


def test_a_runs_title_and_fields_tell_the_same_time(client, editor):
    run_import(SAMPLE_PAGES[0])
    run = ImportRun.objects.get()
    local = timezone.localtime(run.started_at)
    assert str(run) == f"Import du {local:%d/%m/%Y à %H:%M}"
    page = client.get(reverse("admin:releases_importrun_change", args=[run.pk])).content.decode()
    title_time = re.search(r"<h2>Import du \d\d/\d\d/\d{4} à (\d\d:\d\d)</h2>", page).group(1)
    assert title_time == f"{local:%H:%M}"
    started_field = page.split('class="form-row field-started_at"')[1].split("field-finished_at")[0]
    assert f"{local:%H:%M}" in started_field, started_field


def test_a_second_run_that_changes_a_release_is_named_on_it(tmp_path):
    copy = tmp_path / SAMPLE_PAGES[0].name
    copy.write_bytes(SAMPLE_PAGES[0].read_bytes())
    run_import(copy)
    run_import(copy)  # unchanged: the release keeps naming the first run
    copy.write_text(
        copy.read_text(encoding="utf-8").replace("micro-crédits", "microcrédits"), encoding="utf-8"
    )
    run_import(copy)
    first, _, third = ImportRun.objects.order_by("started_at")
    assert Release.objects.get().import_run == third
    assert (first.created, third.updated) == (1, 1)
