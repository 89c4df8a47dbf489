"""Full-text search on SQLite: an FTS5 index of title, dateline and body.

Accents and case are removed by the tokenizer; triggers keep the index current
on every insert, update and delete (imports, admin edits, bulk writes alike).
Nothing to do on PostgreSQL, which has its own vector (migration 0002).
"""

from django.db import migrations

FORWARD = [
    """CREATE VIRTUAL TABLE releases_release_fts USING fts5(
         title, dateline, body,
         content='releases_release', content_rowid='id',
         tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER releases_release_fts_insert AFTER INSERT ON releases_release BEGIN
         INSERT INTO releases_release_fts(rowid, title, dateline, body)
         VALUES (new.id, new.title, new.dateline, new.body);
       END""",
    """CREATE TRIGGER releases_release_fts_delete AFTER DELETE ON releases_release BEGIN
         INSERT INTO releases_release_fts(releases_release_fts, rowid, title, dateline, body)
         VALUES ('delete', old.id, old.title, old.dateline, old.body);
       END""",
    """CREATE TRIGGER releases_release_fts_update AFTER UPDATE OF title, dateline, body ON releases_release BEGIN
         INSERT INTO releases_release_fts(releases_release_fts, rowid, title, dateline, body)
         VALUES ('delete', old.id, old.title, old.dateline, old.body);
         INSERT INTO releases_release_fts(rowid, title, dateline, body)
         VALUES (new.id, new.title, new.dateline, new.body);
       END""",
    "INSERT INTO releases_release_fts(releases_release_fts) VALUES ('rebuild')",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS releases_release_fts_update",
    "DROP TRIGGER IF EXISTS releases_release_fts_delete",
    "DROP TRIGGER IF EXISTS releases_release_fts_insert",
    "DROP TABLE IF EXISTS releases_release_fts",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("releases", "0002_french_search")]
    operations = [migrations.RunPython(forward, backward)]
