"""Countries as French readers expect them: the UN's names, French alphabetical order,
and a name typed in any form back to its ISO code."""

import pytest

from core.countries import country_choices, country_code, country_label, language_choices, sort_key
from tests.factories import OfficeFactory, PersonFactory, ReleaseFactory


def test_countries_are_named_as_the_un_names_them_where_cldr_differs():
    assert country_label("CD") == "République démocratique du Congo"
    assert country_label("CG") == "Congo"
    assert country_label("BY") == "Bélarus"
    assert country_label("SY") == "République arabe syrienne"
    assert country_label("gt") == "Guatemala"  # CLDR's, where the UN says the same
    assert country_label("QQ") == "QQ"


def test_lists_of_countries_follow_french_alphabetical_order():
    names = [name for _code, name in country_choices()]
    assert names.index("Égypte") < names.index("Équateur") < names.index("Tunisie")
    assert names.index("Éthiopie") < names.index("France")
    assert sorted(["Tunisie", "Égypte", "Équateur", "Erythrée"], key=sort_key) == [
        "Égypte", "Équateur", "Erythrée", "Tunisie",
    ]  # fmt: skip
    codes = [code for code, _name in country_choices()]
    assert "EU" not in codes and "ZZ" not in codes and len(codes) > 240


@pytest.mark.parametrize(
    "typed, code",
    [
        ("Haïti", "HT"), ("haiti", "HT"), ("  HAÏTI ", "HT"), ("HT", "HT"), ("ht", "HT"),
        ("Bélarus", "BY"), ("Biélorussie", "BY"), ("Belarus", "BY"),
        ("République démocratique du Congo", "CD"), ("Congo-Kinshasa", "CD"), ("Congo", "CG"),
        ("Cote d'Ivoire", "CI"), ("Côte d’Ivoire", "CI"), ("Suisse", "CH"), ("Switzerland", "CH"),
        ("", None), ("Atlantide", None),
    ],
)  # fmt: skip
def test_a_country_typed_by_name_finds_its_code(typed, code):
    assert country_code(typed) == code


def test_languages_are_listed_by_their_french_names():
    names = dict(language_choices())
    assert names["fr"] == "français" and names["es"] == "espagnol"
    order = [code for code, _name in language_choices()]
    assert order.index("de") < order.index("en") < order.index("es") < order.index("fr")


def test_the_directory_lists_countries_in_french_order_with_the_uns_names(client, db):
    for country in ("TN", "EG", "BY", "CD"):
        PersonFactory(office=OfficeFactory(name=f"OIM {country}", country=country))
    page = client.get("/people/").content.decode()
    chooser = page[page.index('name="country"') :]
    positions = [
        chooser.index(name) for name in ("Bélarus", "Égypte", "République démocratique du Congo", "Tunisie")
    ]
    assert positions == sorted(positions)
    assert "Biélorussie" not in page and "Congo-Kinshasa" not in page


def test_the_admins_country_filter_is_in_french_order(admin_client, db):
    for country in ("TN", "EG"):
        ReleaseFactory(office=OfficeFactory(name=f"OIM {country}", country=country))
    page = admin_client.get("/admin/releases/release/").content.decode()
    assert page.index("Égypte") < page.index("Tunisie")
