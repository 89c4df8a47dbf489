"""Warnings stored as English notes ({"code": "note", "detail": "no contact block"}) get
their code ({"code": "no_contact_block", "detail": ""}), so that the admin can name them in
French and the review queue can tell which ones need an editor. Nothing else changes."""

from django.db import migrations

from releases.warning_labels import warning_code

BATCH = 500


def code_english_notes(apps, schema_editor):
    Release = apps.get_model("releases", "Release")
    noted = Release.objects.filter(warnings__icontains='"code": "note"').order_by("pk")
    last = 0
    while True:
        batch = list(noted.filter(pk__gt=last).only("pk", "warnings")[:BATCH])
        if not batch:
            return
        for release in batch:
            release.warnings = [warning_code(w) for w in release.warnings]
        Release.objects.bulk_update(batch, ["warnings"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("releases", "0014_import_run_link")]
    operations = [migrations.RunPython(code_english_notes, migrations.RunPython.noop)]
