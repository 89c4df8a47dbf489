"""French typography: numbers grouped by a narrow no-break space, "1er", singular up to one,
no line break before « : ; ! ? » or inside guillemets — in templates, messages and pages."""

import re
from datetime import date, datetime

import pytest

from core.typography import NBSP, NNBSP, day, french_spacing, moment, number, quantity
from tests.factories import OfficeFactory, PersonFactory, ReleaseContactFactory, ReleaseFactory
from tests.helpers import ROOT

TEMPLATES = sorted(
    path
    for folder in ("templates", "releases/templates", "contacts/templates", "core/templates")
    for path in (ROOT / folder).rglob("*.html")
)


def test_numbers_days_and_plurals_as_printed_in_french():
    assert number(3064) == f"3{NNBSP}064" and number(17.5432, 2) == "17,54"
    assert number(1234567.891, 1) == f"1{NNBSP}234{NNBSP}567,9"
    assert quantity(0, "communiqué") == "0 communiqué"
    assert quantity(0, "communiqué", zero="aucun communiqué") == "aucun communiqué"
    assert quantity(1, "bureau", "bureaux") == "1 bureau"
    assert quantity(3064, "communiqué") == f"3{NNBSP}064 communiqués"
    assert day(date(2023, 7, 1)) == "1er juillet 2023" and day(date(2022, 3, 9)) == "9 mars 2022"
    assert moment(datetime(2023, 7, 1, 9, 5)) == "1er juillet 2023 à 09:05"


def test_french_spacing_keeps_marks_with_their_words():
    assert french_spacing("Pays : Haïti ; « Genève » ! Vraiment ?") == (
        f"Pays{NBSP}: Haïti{NNBSP}; «{NBSP}Genève{NBSP}»{NNBSP}! Vraiment{NNBSP}?"
    )
    assert french_spacing("https://iom.int à 10:30") == "https://iom.int à 10:30"  # no space: unchanged


def _text_of(template: str) -> str:
    """What a template prints of its own: without its tags, variables and comments."""
    text = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}", "", template, flags=re.DOTALL)
    # A tag's attribute values are text too (aria-label, title); each on its own.
    return re.sub(r"<[^>]*?>", lambda tag: "|" + "|".join(re.findall(r'="([^"]*)"', tag.group())) + "|", text)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_breaks_a_line_before_french_punctuation(path):
    text = _text_of(path.read_text())
    wrong = re.findall(r".{0,20}(?: [:;!?»]|« ).{0,20}", text)
    assert not wrong, f"ordinary spaces where French wants no-break ones: {wrong}"


@pytest.mark.django_db
def test_pages_print_numbers_days_and_plurals_the_french_way(client, settings):
    office = OfficeFactory(name="OIM Genève", slug="oim-geneve", country="CH")
    person = PersonFactory(name="Diego Lefèvre", slug="diego-lefevre", office=office)
    ReleaseContactFactory(person=person, release=ReleaseFactory(published=date(2023, 7, 1), office=office))
    page = client.get("/").content.decode()
    assert "1er juillet 2023" in page and "1 juillet" not in page
    assert "1 communiqué<" in page
    none = client.get("/", {"q": "introuvablezzz"}).content.decode()
    assert "Aucun communiqué" in none and "0 communiqués" not in none
    assert "1 bureau<" in client.get("/offices/").content.decode()
    assert "1 personne<" in client.get("/people/").content.decode()
    by_month = client.get("/", {"year": 2023}).content.decode()
    assert "mois en 2023" in by_month  # a year is no number to group ("2 023")
    assert "Aucun projet" in client.get("/projects/").content.decode()


def test_counts_of_thousands_are_grouped_by_a_narrow_no_break_space():
    from django.template import Context, Template

    html = Template('{% load portal %}{{ n }} · {{ n|quantity:"communiqué" }}').render(Context({"n": 3064}))
    assert html == f"3{NNBSP}064 · 3{NNBSP}064 communiqués"
