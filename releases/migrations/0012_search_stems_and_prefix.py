"""Search: the same French stems on both databases, and a bounded body prefix.

SQLite: the FTS5 index now holds the stems of title, dateline and body (the
Snowball stemmer, through the SQL function `iomnews_stem` that releases/search.py
registers on every connection), so that "réintégrer" finds "réintégration" as on
PostgreSQL. Both databases index only the first 100,000 characters of a body
(releases.search.INDEXED_BODY_CHARS): one huge page must not slow every search.
"""

from django.db import migrations

PREFIX = 100_000

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS releases_release_fts_update",
    "DROP TRIGGER IF EXISTS releases_release_fts_delete",
    "DROP TRIGGER IF EXISTS releases_release_fts_insert",
    "DROP TABLE IF EXISTS releases_release_fts",
    "CREATE VIRTUAL TABLE releases_release_fts USING fts5("
    " title, dateline, body, tokenize='unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER releases_release_fts_insert AFTER INSERT ON releases_release BEGIN
         INSERT INTO releases_release_fts(rowid, title, dateline, body)
         VALUES (new.id, iomnews_stem(new.title), iomnews_stem(new.dateline),
                 iomnews_stem(substr(new.body, 1, {PREFIX})));
       END""",
    """CREATE TRIGGER releases_release_fts_delete AFTER DELETE ON releases_release BEGIN
         DELETE FROM releases_release_fts WHERE rowid = old.id;
       END""",
    f"""CREATE TRIGGER releases_release_fts_update AFTER UPDATE OF title, dateline, body
       ON releases_release BEGIN
         DELETE FROM releases_release_fts WHERE rowid = old.id;
         INSERT INTO releases_release_fts(rowid, title, dateline, body)
         VALUES (new.id, iomnews_stem(new.title), iomnews_stem(new.dateline),
                 iomnews_stem(substr(new.body, 1, {PREFIX})));
       END""",
    f"""INSERT INTO releases_release_fts(rowid, title, dateline, body)
        SELECT id, iomnews_stem(title), iomnews_stem(dateline), iomnews_stem(substr(body, 1, {PREFIX}))
        FROM releases_release""",
]

POSTGRES_FORWARD = f"""
CREATE OR REPLACE FUNCTION releases_release_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('iomnews_fr', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('iomnews_fr', coalesce(NEW.dateline, '')), 'B') ||
    setweight(to_tsvector('iomnews_fr', left(coalesce(NEW.body, ''), {PREFIX})), 'C');
  RETURN NEW;
END $$ LANGUAGE plpgsql;
UPDATE releases_release SET body = body WHERE length(body) > {PREFIX};
"""


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        from releases.search import stem_text

        connection.ensure_connection()
        connection.connection.create_function("iomnews_stem", 1, stem_text, deterministic=True)
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)
    elif connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)


def backward(apps, schema_editor):
    """Back to the index of words (migration 0003) and an unbounded body on PostgreSQL."""
    import importlib

    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        words = importlib.import_module("releases.migrations.0003_sqlite_fts")
        for statement in [*SQLITE_FORWARD[:4], *words.FORWARD]:
            schema_editor.execute(statement)
    elif connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD.replace(f"left(coalesce(NEW.body, ''), {PREFIX})", "coalesce(NEW.body, '')"))


class Migration(migrations.Migration):
    dependencies = [("releases", "0011_longer_sources")]
    operations = [migrations.RunPython(forward, backward)]
