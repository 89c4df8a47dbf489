"""Datelines, projects and quoted people, on strings."""

import pytest

from releases.parsing.body import date_line, find_dateline, find_projects, find_quoted_people


@pytest.mark.parametrize(
    ("paragraph", "place", "country"),
    [
        ("Costa Rica - Katy et Jesús sont de retour.", "Costa Rica", "CR"),
        ("Genève – L’OIM a annoncé aujourd’hui.", "Genève", "CH"),
        ("Minsk, Bélarus - Un atelier s’est tenu.", "Minsk, Bélarus", "BY"),
        ("Dakar - Un nouveau centre ouvre.", "Dakar", "SN"),
        # Several places: all kept, the first one's country; date words are the dateline's.
        ("Genève/ Port-au-Prince, 9 mars – L’OIM a annoncé.", "Genève/ Port-au-Prince, 9 mars", "CH"),
        ("Tripoli/Niamey – Un vol a décollé.", "Tripoli/Niamey", "LY"),
        ("Tapachula (México) / Tecún Umán (Guatemala). - Representantes de la OIM.", None, "MX"),
        # Other dashes and stops, other languages.
        ("Sénégal − Des fonctionnaires se réunissent.", "Sénégal", "SN"),
        ("Dakar- Le bureau a organisé un atelier.", "Dakar", "SN"),
        ("San Jose, Costa Rica. The IOM opened two hubs.", "San Jose, Costa Rica", "CR"),
        ("Suiza - El Director General de la OIM insta.", "Suiza", "CH"),
        ("Washington, D.C. – Le rapport a été publié.", "Washington, D.C.", "US"),
        ("Djibouti City – The conference opened.", "Djibouti City", "DJ"),
        ("La République arabe syrienne - Mercredi, 36 migrants.", "La République arabe syrienne", "SY"),
        # A country named without a dash before the first sentence.
        ("République démocratique du Congo Les nouveaux affrontements ont repris.", None, "CD"),
    ],
)
def test_datelines_give_a_country(paragraph, place, country):
    dateline = find_dateline(paragraph)
    place = place or paragraph.split(" -")[0].split(" Les")[0].rstrip(".")
    assert (dateline.place, dateline.country) == (place, country)
    assert dateline.rest[:1].isupper()


@pytest.mark.parametrize(
    ("paragraph", "language", "country"),
    [
        ("San Jose – La OIM abrió un centro.", "es", "CR"),  # San José, Costa Rica: Spanish is spoken there
        ("San Jose – IOM opened a centre.", "en", "US"),  # the largest San Jose
        ("Vienne – L’OIM a ouvert un centre.", "fr", "AT"),  # Vienna: the French town is far smaller
        ("Saint-Louis – L’OIM a ouvert un centre.", "fr", "SN"),
        ("Rome – L’OIM a ouvert un centre.", "fr", "IT"),  # another city's other name does not count
    ],
)
def test_namesake_cities_are_told_apart_by_the_language(paragraph, language, country):
    assert find_dateline(paragraph, language=language).country == country


@pytest.mark.parametrize(
    "paragraph",
    [
        "Cette semaine, l’OIM a lancé un programme - le premier du genre.",
        "Les familles - environ 200 - ont reçu une aide.",
        "Un atelier s'est tenu.",
    ],
)
def test_sentences_with_dashes_are_not_datelines(paragraph):
    assert find_dateline(paragraph) is None


def test_dateline_places():
    assert find_dateline("Genève/ Port-au-Prince, 9 mars – L’OIM.").places == ["Genève", "Port-au-Prince"]
    assert find_dateline("Tripoli/Niamey – Un vol.").places == ["Tripoli", "Niamey"]


@pytest.mark.parametrize(
    ("paragraph", "published"),
    [("14 juin 2019", "2019-06-14"), ("21 April, 2021", "2021-04-21"), ("6 Noviembre, 2017", "2017-11-06")],
)
def test_a_paragraph_that_is_a_date(paragraph, published):
    assert str(date_line(paragraph)) == published


def test_a_sentence_with_a_date_is_not_a_date_line():
    assert date_line("Le 14 juin 2019, l'OIM a ouvert un centre.") is None


def test_dateline_with_a_date():
    dateline = find_dateline("Genève, le 12 mars 2013 - L’OIM a annoncé.")
    assert (dateline.place, dateline.country, str(dateline.published)) == (
        "Genève, le 12 mars 2013",
        "CH",
        "2013-03-12",
    )
    assert dateline.places == ["Genève"]


@pytest.mark.parametrize(
    ("paragraph", "places", "country", "published"),
    [
        ("Ginevra 25 giugno - L’OIM ha aperto un centro.", ["Ginevra"], "CH", None),
        ("Ginevra 28 gennaio 2017 - L’OIM ha aperto un centro.", ["Ginevra"], "CH", "2017-01-28"),
        ("Berlin, 3. März 2020 - Die IOM hat ein Zentrum eröffnet.", ["Berlin"], "DE", "2020-03-03"),
        ("Lisboa, 3 de março de 2020 - A OIM abriu um centro.", ["Lisboa"], "PT", "2020-03-03"),
        ("Genève (25 juin 2019) - L’OIM a ouvert un centre.", ["Genève"], "CH", "2019-06-25"),
        # In other scripts, the date before the place, the place in brackets.
        ("القاهرة، 5 مارس 2020 - عقدت المنظمة ورشة.", ["القاهرة"], "EG", "2020-03-05"),
        ("30 نوفمبر 2021، القاهرة - عقدت المنظمة ورشة.", ["القاهرة"], "EG", "2021-11-30"),
        ("(جنيف). أطلقت المنظمة نداء.", ["جنيف"], "CH", None),
        ("Москва, 5 марта 2020 – МОМ открыла центр.", ["Москва"], "RU", "2020-03-05"),
        ("【東京発】国際移住機関は本日、報告書を発表しました。", ["東京"], "JP", None),
        ("東京、2024年3月5日 – 国際移住機関は本日、報告書を発表しました。", ["東京"], "JP", "2024-03-05"),
        ("Genf/Wien, 3.12.2021 – Die IOM feiert.", ["Genf", "Wien"], "CH", None),
        ("Geneva, March 5, 2020 – IOM said today.", ["Geneva"], "CH", "2020-03-05"),
        # A small town the gazetteer lacks: the next place known gives the country.
        (
            "Marsaskala/Roma 10 gennaio 2019 – L’OIM accoglie la decisione.",
            ["Marsaskala", "Roma"],
            "IT",
            "2019-01-10",
        ),
    ],
)
def test_datelines_of_country_office_sites_with_their_dates(paragraph, places, country, published):
    dateline = find_dateline(paragraph)
    assert (dateline.places, dateline.country) == (places, country)
    assert (str(dateline.published) if dateline.published else None) == published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le projet, nommé Alpha Beta, a été créé.", [("Alpha Beta", None)]),
        (
            "Le projet, Appui aux Migrants du Sahel (AMIS), financé par X.",
            [("Appui aux Migrants du Sahel", "AMIS")],
        ),
        ("Le programme XYZA s'adressera aux migrants.", [("XYZA", "XYZA")]),
        ("Le fonds 2040 de l'OIM finance la phase pilote.", [("Fonds 2040", None)]),
        # One project, however often it is named, with its acronym when any mention gives one.
        ("Le projet Fonds 2040 (F2040) aide. Le fonds 2040 finance aussi.", [("Fonds 2040", "F2040")]),
        (
            "Le programme ALPHA aide. Le programme, Appui Local aux Familles (ALPHA), dure.",
            [("Appui Local aux Familles", "ALPHA")],
        ),
        # Organisations named with an acronym are not projects.
        ("Un projet régional, financé par le Bureau des réfugiés (PRM), aide.", []),
        ("L'OIM et l'UNICEF ont mené une étude.", []),
    ],
)
def test_projects(text, expected):
    assert [(p.name, p.acronym) for p in find_projects(text)] == expected


def test_quoted_people_with_their_role():
    text = (
        "« Nous sommes prêts », explique Marie Modèle, cheffe de mission de l’OIM au Sénégal. "
        "Jean Exemple, Représentant régional de l’OIM à Dakar, déclare : « Merci. » "
        "« Rien », déclare Modèle."
    )
    assert [(q.name, q.role) for q in find_quoted_people(text)] == [
        ("Marie Modèle", "cheffe de mission de l’OIM au Sénégal"),
        ("Jean Exemple", "Représentant régional de l’OIM à Dakar"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The role before the name.
        (
            "« Merci », déclare le Directeur général de l’OIM, Jean Exemple. La suite.",
            [("Jean Exemple", "Directeur général de l’OIM")],
        ),
        # The role stops at the end of the role, not at the next clause.
        (
            "« Bienvenue », explique Marie Modèle, cheffe de mission de l’OIM, aujourd’hui à Genève.",
            [("Marie Modèle", "cheffe de mission de l’OIM")],
        ),
    ],
)
def test_quoted_people_roles(text, expected):
    assert [(q.name, q.role) for q in find_quoted_people(text)] == expected


def test_the_menu_sentence_on_the_2030_agenda_is_no_project():
    # The IOM menu's glued line once gave a false project on every page where it stayed.
    from releases.parsing import DEFAULT, parse_page
    from releases.parsing.reading import PageLines
    from tests.invented_pages import MAIN_MENU, french_body

    lines = [*MAIN_MENU, "Un titre de communiqué assez long", *french_body("Dakar", "les familles")]
    assert parse_page(PageLines("", lines), "p.txt", DEFAULT).projects == []
