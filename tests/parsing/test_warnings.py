"""Warnings and refusals: stable codes, French labels; the parsing package stays plain Python."""

import ast
import re
from pathlib import Path

import pytest

from releases.parsing import NotARelease, PageError, ParseWarning, label, render, warnings_as_json
from releases.parsing.warnings import ERROR_LABELS, WARNING_LABELS

RELEASES = Path(__file__).resolve().parents[2] / "releases"
PARSING = RELEASES / "parsing"


def codes_used(kind: str) -> set[str]:
    """Every code the parser's source gives to ParseWarning, or to PageError and NotARelease."""
    names = {"ParseWarning"} if kind == "warning" else {"PageError", "NotARelease"}
    codes: set[str] = set()
    for path in [*PARSING.glob("*.py"), *(RELEASES / "importing").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in names:
                args = [
                    a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
                codes.update(a for a in args if re.fullmatch(r"[a-z0-9_]+", a))
    return codes


@pytest.mark.parametrize(("kind", "labels"), [("warning", WARNING_LABELS), ("error", ERROR_LABELS)])
def test_every_code_is_snake_case_and_has_a_french_label(kind, labels):
    used = codes_used(kind)
    assert used, kind
    assert used <= labels.keys(), used - labels.keys()
    assert all(re.fullmatch(r"[a-z]+(?:_[a-z0-9]+)*", code) for code in labels)


def test_warnings_render_in_french_and_store_as_json():
    warning = ParseWarning("contact_without_name", "presse@iom.int")
    assert render(warning) == str(warning) == "contact sans nom : presse@iom.int"
    assert render(ParseWarning("no_contact_block")) == "pas de bloc de contacts"
    assert warnings_as_json([warning]) == [{"code": "contact_without_name", "detail": "presse@iom.int"}]
    with pytest.raises(AttributeError):
        warning.code = "other"  # frozen


def test_errors_keep_their_english_message_and_carry_a_code():
    error = NotARelease("only site navigation", "only_navigation")
    assert (str(error), error.code, label(error.code)) == (
        "only site navigation",
        "only_navigation",
        "seulement la navigation du site",
    )
    assert PageError("cannot read the file").code == "unreadable"


def test_the_parsing_package_imports_nothing_from_django():
    for path in PARSING.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:  # relative imports stay inside
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] in {"django", "releases", "contacts"} for name in names), path
