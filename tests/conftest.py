"""Shared fixtures: the sample pages imported; PostgreSQL-only tests skipped on
SQLite; no cached page, export file or collected static file carried between tests."""

import pytest

from tests.admin_helpers import editor  # noqa: F401  (the editor logged in, for every admin test)
from tests.helpers import FIXTURES, run_import


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
def _export_files_of_this_test(settings, tmp_path):
    settings.EXPORT_DIR = tmp_path / "exports"


@pytest.fixture(autouse=True)
def _empty_page_cache():
    from django.core.cache import cache

    cache.clear()
