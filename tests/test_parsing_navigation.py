"""Site navigation: learned from a batch, not hand-listed."""

from releases.parsing import DEFAULT_NAVIGATION, learn_navigation, parse_page
from releases.parsing.navigation import navigation_length
from releases.parsing.reading import PageLines

OTHER_SITE_MENU = ["Accueil", "Actualités", "Nos missions", "Contact", "Plan du site"]


def page(*lines):
    return PageLines(text="\n".join(lines), lines=list(lines))


def release_lines(title, sentence):
    return [
        *OTHER_SITE_MENU,
        title,
        sentence,
        "Pour plus d'informations, veuillez contacter :",
        "Jean Exemple",
        "jexemple@iom.int",
    ]


def test_navigation_of_an_unknown_site_is_learned_from_two_pages():
    pages = [release_lines("Premier titre", "Un texte."), release_lines("Second titre", "Un autre texte.")]
    learned = learn_navigation(pages, known=DEFAULT_NAVIGATION)
    parsed = parse_page(page(*pages[0]), "a.txt", DEFAULT_NAVIGATION | learned)
    assert parsed.title == "Premier titre"
    assert "Accueil" not in parsed.body


def test_lines_shared_further_down_are_not_navigation():
    pages = [release_lines("Premier titre", "Un texte."), release_lines("Second titre", "Un autre texte.")]
    learned = learn_navigation(pages)
    assert all("informations" not in key for key in learned)
    assert "premier titre" not in learned


def test_one_page_alone_teaches_nothing():
    assert learn_navigation([release_lines("Titre", "Texte.")]) == set()


def test_a_menu_item_added_since_is_bridged():
    known = {"accueil", "actualites", "nos missions", "contact"}
    lines = ["Accueil", "Actualités", "Nouveau menu", "Nos missions", "Contact", "Le titre", "Le texte."]
    assert navigation_length(lines, known) == 5


def test_the_default_navigation_strips_the_iom_menu():
    lines = ["-", "Qui sommes nous", "Structure", "- 2030 AGENDA", "Un titre", "Un texte."]
    assert navigation_length(lines, DEFAULT_NAVIGATION) == 4


def test_two_versions_of_one_release_teach_no_navigation():
    first = release_lines("Le même titre", "Le même texte du communiqué.")
    second = [*first[:-1], "autre@iom.int"]  # corrected later: another e-mail
    assert learn_navigation([first, second]) == set()
    assert learn_navigation([first, first[:6]]) == set()  # a cut copy
