"""Editors' corrections survive any later import."""

import pytest

from releases.models import Release
from tests.helpers import SAMPLE_PAGES, run_import

pytestmark = pytest.mark.django_db


def test_a_corrected_field_is_kept_and_counted():
    page = SAMPLE_PAGES[1]
    run_import(page)
    release = Release.objects.get()
    release.title = "Titre corrigé par un éditeur"
    release.lock_fields(["title"])
    release.save()

    report = run_import(page)
    release.refresh_from_db()
    assert release.title == "Titre corrigé par un éditeur"
    assert report["kept_editor_fields"] == 1
    assert report["unchanged"] == 1


def test_a_changed_source_page_updates_fields_but_not_the_corrected_ones(tmp_path):
    page = SAMPLE_PAGES[1]
    copy = tmp_path / page.name
    copy.write_bytes(page.read_bytes())
    run_import(copy)
    release = Release.objects.get()
    release.dateline = "Corrigé"
    release.lock_fields(["dateline"])
    release.save()

    text = page.read_text().replace("Carolina Urcuyo", "Carolina Modifiée")
    text = text.replace("Un documentaire retrace", "Un film retrace")
    copy.write_text(text)
    report = run_import(copy)
    release.refresh_from_db()
    assert report["updated"] == 1
    assert release.title.startswith("Un film retrace")
    assert release.dateline == "Corrigé"
    assert release.imported_values["dateline"] == "Costa Rica"
