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


def readable(html: str) -> str:
    """A page with its no-break spaces (French typography: "Pays&nbsp;:", "«\u00a0…\u00a0»",
    "3\u202f064") as ordinary ones, for tests that read its words."""
    for space in ("&nbsp;", "&#8239;", "\u00a0", "\u202f"):
        html = html.replace(space, " ")
    return html


def as_libreoffice_shows(csv_text: str, separator: str, tmp_path) -> list[list[str]] | None:
    """The cells of a CSV as LibreOffice Calc shows them when it opens the file with its
    default options (formulas evaluated, UTF-8), read back from its HTML export; None
    when LibreOffice is not installed."""
    import html
    import re
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    source = tmp_path / "ouvert.csv"
    source.write_text(csv_text, encoding="utf-8")
    options = f"CSV:{ord(separator)},34,76,1"
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profil",
         f"--infilter={options}", "--convert-to", "html", "--outdir", str(tmp_path / "lu"), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    page = (tmp_path / "lu" / "ouvert.html").read_text(encoding="utf-8", errors="replace")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.DOTALL)
    cell = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cell.findall(row)] for row in rows]
