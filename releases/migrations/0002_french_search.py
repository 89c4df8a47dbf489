"""French full-text search on PostgreSQL: accent-blind stemming, a trigger, a GIN index.

The vector is kept by a trigger so that imports, admin edits and bulk updates
all keep it current. Nothing to do on SQLite, where search falls back to
accent-folded matching.
"""

from django.db import migrations

FORWARD = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'iomnews_fr') THEN
    CREATE TEXT SEARCH CONFIGURATION iomnews_fr (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION iomnews_fr
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END $$;
CREATE OR REPLACE FUNCTION releases_release_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('iomnews_fr', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('iomnews_fr', coalesce(NEW.dateline, '')), 'B') ||
    setweight(to_tsvector('iomnews_fr', coalesce(NEW.body, '')), 'C');
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER releases_release_search_vector
  BEFORE INSERT OR UPDATE OF title, dateline, body ON releases_release
  FOR EACH ROW EXECUTE FUNCTION releases_release_search_vector();
CREATE INDEX release_search_gin ON releases_release USING gin (search_vector);
UPDATE releases_release SET title = title;
"""

BACKWARD = """
DROP INDEX IF EXISTS release_search_gin;
DROP TRIGGER IF EXISTS releases_release_search_vector ON releases_release;
DROP FUNCTION IF EXISTS releases_release_search_vector();
DROP TEXT SEARCH CONFIGURATION IF EXISTS iomnews_fr;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("releases", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
