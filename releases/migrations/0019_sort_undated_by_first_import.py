"""Undated releases placed in the list by the day they were first imported (they sorted
last, every real page among them). A generated column cannot be altered: sort_date and
the indexes on it are dropped and made again over the new expression.

SQLite adds a stored generated column by making the table anew, which drops the
table's triggers (those that keep the search index): they are read before and made
again after, whatever they are at that point of the migrations.
"""

import datetime

from django.db import migrations, models
from django.db.models.functions import Coalesce, TruncDate

SORTED_INDEXES = {
    "release_newest_first": ["-sort_date", "-id"],
    "release_country_newest": ["country", "-sort_date", "-id"],
    "release_office_newest": ["office", "-sort_date", "-id"],
    "release_language_newest": ["language", "-sort_date", "-id"],
}


_TRIGGERS: list[str] = []


def save_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'releases_release'"
            )
            _TRIGGERS[:] = [sql for (sql,) in cursor.fetchall()]


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in _TRIGGERS:
            schema_editor.execute(sql.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))


def first_import_days(apps, schema_editor):
    Release = apps.get_model("releases", "Release")
    Release.objects.update(imported_on=TruncDate("imported_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0018_link_order_by_column"),
    ]

    operations = [
        migrations.RunPython(save_sqlite_triggers, restore_sqlite_triggers),
        migrations.AddField(
            model_name="release",
            name="imported_on",
            field=models.DateField(
                default=datetime.date.today, editable=False, verbose_name="importé pour la première fois le"
            ),
        ),
        migrations.RunPython(first_import_days, migrations.RunPython.noop),
        *(migrations.RemoveIndex(model_name="release", name=name) for name in SORTED_INDEXES),
        migrations.RemoveField(model_name="release", name="sort_date"),
        migrations.AddField(
            model_name="release",
            name="sort_date",
            field=models.GeneratedField(
                db_persist=True,
                expression=Coalesce("published", "imported_on"),
                output_field=models.DateField(),
            ),
        ),
        *(
            migrations.AddIndex(model_name="release", index=models.Index(fields=fields, name=name))
            for name, fields in SORTED_INDEXES.items()
        ),
        migrations.RunPython(restore_sqlite_triggers, save_sqlite_triggers),
    ]
