"""Datelines, projects and quoted people, on strings."""

import pytest

from releases.parsing.body import find_dateline, find_projects, find_quoted_people


@pytest.mark.parametrize(
    ("paragraph", "place", "country"),
    [
        ("Costa Rica - Katy et Jesús sont de retour.", "Costa Rica", "CR"),
        ("Genève – L’OIM a annoncé aujourd’hui.", "Genève", "CH"),
        ("Minsk, Bélarus - Un atelier s’est tenu.", "Minsk, Bélarus", "BY"),
        ("Dakar - Un nouveau centre ouvre.", "Dakar", "SN"),
    ],
)
def test_datelines_give_a_country(paragraph, place, country):
    dateline = find_dateline(paragraph)
    assert (dateline.place, dateline.country) == (place, country)
    assert not dateline.rest.startswith(("-", "–"))


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


def test_dateline_with_a_date():
    dateline = find_dateline("Genève, le 12 mars 2013 - L’OIM a annoncé.")
    assert (dateline.place, dateline.country, str(dateline.published)) == (
        "Genève, le 12 mars 2013",
        "CH",
        "2013-03-12",
    )
    assert dateline.places == ["Genève"]


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
