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


def form_fields(html: str, selector: str = "form", **typed) -> dict[str, list[str]]:
    """What a browser sends when the form is submitted as the page gives it, with `typed`
    values in place: each select's selected option (its first when none is), the inputs'
    values, checked boxes only, no buttons."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").select_one(selector)
    sent: dict[str, list[str]] = {}
    for element in form.select("input[name], select[name], textarea[name]"):
        name, kind = element["name"], element.get("type", "text")
        if element.name == "select":
            options = element.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            values = [o.get("value", o.get_text()) for o in chosen]
        elif element.name == "textarea":
            values = [element.get_text()]
        elif kind in ("submit", "button", "reset", "image", "file"):
            continue
        elif kind in ("checkbox", "radio"):
            values = [element.get("value", "on")] if element.has_attr("checked") else []
        else:
            values = [element.get("value", "")]
        sent.setdefault(name, []).extend(values)
    for name, value in typed.items():
        sent[name] = value if isinstance(value, list) else [value]
    return sent
