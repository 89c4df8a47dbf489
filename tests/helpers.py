"""What many tests use: the sample pages and a way to import them through the command."""

import io
import json
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SAMPLE_PAGES = sorted(FIXTURES.glob("*.txt"))


def run_import(*paths, **options):
    """Run import_releases with a JSON report; returns the report as a dict."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_releases", *map(str, paths), report="json", stdout=out, stderr=err, **options)
    except Exception:
        if not out.getvalue():
            raise
    return json.loads(out.getvalue())


def facet(response, name: str) -> list[dict]:
    """The options a list page shows for one facet (value, label, count, url, selected)."""
    return response.context["releases"].facets[name]["options"]
