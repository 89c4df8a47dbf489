import io
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SAMPLE_PAGES = sorted(FIXTURES.glob("*.txt"))


def run_import(*paths, **options):
    """Run import_releases with a JSON report; returns the report as a dict."""
    import json

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_releases", *map(str, paths), report="json", stdout=out, stderr=err, **options)
    except Exception:
        if not out.getvalue():
            raise
    return json.loads(out.getvalue())


@pytest.fixture
def imported_samples(db):
    """The five sample pages, imported."""
    return run_import(FIXTURES)


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests do not run collectstatic: serve static files without the manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_page_cache():
    from django.core.cache import cache

    cache.clear()
