"""Site navigation: learned from a batch, not hand-listed."""

from releases.parsing import (
    Navigation,
    learn_navigation,
    learn_sites,
    navigation_key,
    parse_page,
)
from releases.parsing.navigation import navigation_length, template_menu_length
from releases.parsing.reading import PageLines
from tests.invented_pages import MAIN_MENU

KNOWN = {navigation_key(line) for line in MAIN_MENU}  # a site an earlier import learned

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
    learned = learn_navigation(pages, known=KNOWN)
    parsed = parse_page(page(*pages[0]), "a.txt", KNOWN | learned)
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


def test_a_learned_menu_strips_its_lines():
    lines = ["-", "Qui nous sommes", "Gouvernance", "- Objectifs 2030", "Un titre", "Un texte."]
    assert navigation_length(lines, KNOWN) == 4


def test_no_site_menu_ships_with_the_parser():
    assert Navigation.of({}).every_line == frozenset()
    from releases.parsing import DEFAULT

    assert DEFAULT.sites == {}


def test_the_template_menu_is_told_by_its_layout_in_any_script():
    from tests.invented_pages import ENGLISH_MENU, SPANISH_MENU

    arabic = ["-", "من نحن", "من نحنتعمل المنظمة في المنطقة منذ عقود مع الحكومات والشركاء.", "مهمتنا",
              "مهمتنا", "-", "عملنا", "- البيانات", "- خطة 2030"]  # fmt: skip
    for menu in (MAIN_MENU, ENGLISH_MENU, SPANISH_MENU, arabic):
        lines = [*menu, "Un titre assez long pour un communiqué", "Une phrase du texte, qui se termine."]
        assert template_menu_length(lines) == len(menu)


def test_an_item_glued_to_its_description_in_cyrillic_marks_a_menu():
    menu = ["О насОрганизация работает в регионе вместе с правительствами.", "Миссия",
            "Наша работаКак агентство ООН по миграции, Организация помогает всем.", "- Данные"]  # fmt: skip
    assert (
        template_menu_length([*menu, "Заголовок новости о работе", "Текст новости, который заканчивается."])
        == 4
    )


def test_a_title_printed_twice_after_the_menu_stays_out_of_it():
    lines = [*MAIN_MENU, "Un atelier à Dakar", "Un atelier à Dakar", "Dakar – Le texte du communiqué."]
    assert template_menu_length(lines) == len(MAIN_MENU)


def test_a_section_described_below_its_item_is_menu():
    menu = ["-", "Qui nous sommes", "Qui nous sommes", "Une description de la section, à part.",
            "Une autre ligne.Nos activités", "Thèmes", "Thèmes", "- Données", "- Objectifs"]  # fmt: skip
    assert template_menu_length([*menu, "Un titre", "Un texte assez long, qui finit ici."]) == len(menu)


def test_a_title_printed_twice_then_text_and_a_list_stays_out_of_the_menu():
    lines = [*MAIN_MENU, "Un atelier à Dakar", "Un atelier à Dakar", "Dakar – Le texte du communiqué.",
             "Un deuxième paragraphe.", "- un point", "- un autre point"]  # fmt: skip
    assert template_menu_length(lines) == len(MAIN_MENU)


def test_a_title_followed_by_a_list_is_no_menu():
    lines = ["Des abris pour les familles", "- Mopti", "Le texte du communiqué commence ici, assez long."]
    assert template_menu_length(lines) == 0


def test_two_versions_of_one_release_teach_no_navigation():
    first = release_lines("Le même titre", "Le même texte du communiqué.")
    second = [*first[:-1], "autre@iom.int"]  # corrected later: another e-mail
    assert learn_navigation([first, second]) == set()
    assert learn_navigation([first, first[:6]]) == set()  # a cut copy


# ---------------------------------------------------------------- per site
def site_pages(menu, count, start=0):
    from tests.invented_pages import french_body

    return [
        [
            *menu,
            f"Titre du communiqué numéro {start + i}",
            *french_body("Dakar", f"les familles du quartier {i}"),
        ]
        for i in range(count)
    ]


def test_a_page_opening_with_known_lines_still_teaches_the_rest_of_its_menu():
    from tests.invented_pages import COUNTRY_MENU

    learned = learn_sites(site_pages(COUNTRY_MENU, 3), {"main": frozenset(KNOWN)})
    [(site, keys)] = learned.items()
    assert site != "main"
    # Its own lines are learned, and so are the first ones it shares with the main site.
    assert {"a propos", "oim global", "- 2030 agenda", "-", "qui sommes nous"} <= keys
    assert not any("titre du communique" in key for key in keys)


def test_a_batch_mixing_three_sites_learns_each_menu_apart():
    from tests.invented_pages import COUNTRY_MENU, MAIN_MENU, SPANISH_MENU

    pages = [*site_pages(COUNTRY_MENU, 3), *site_pages(SPANISH_MENU, 3, 10), *site_pages(MAIN_MENU, 3, 20)]
    learned = learn_sites(pages, {"main": frozenset(KNOWN)})
    assert len(learned) == 2  # the main site's menu is known already
    menus = sorted(learned.values(), key=len)
    assert {navigation_key(line) for line in COUNTRY_MENU} == menus[0]
    assert {navigation_key(line) for line in SPANISH_MENU} == menus[1]
    # Each page is stripped with its own site's menu.
    navigation = Navigation.of({"main": KNOWN, **learned})
    for menu in (COUNTRY_MENU, SPANISH_MENU, MAIN_MENU):
        assert navigation.strip_length([*menu, "Un titre", "Un texte."])[1] == len(menu)


def test_learned_site_keys_are_short_and_stable():
    from tests.invented_pages import COUNTRY_MENU

    first = learn_sites(site_pages(COUNTRY_MENU, 3))
    again = learn_sites(site_pages(COUNTRY_MENU, 4, 5))
    assert first.keys() == again.keys()
    assert all(len(site) <= 40 for site in first)


def test_a_page_alone_from_a_never_seen_site_loses_its_menu_by_structure():
    from tests.invented_pages import french_body

    menu = ["Accueil", "Le bureau", "Nos projets", "- Actualités", "- Publications", "Contact"]
    parsed = parse_page(page(*menu, "Titre d’un communiqué", *french_body("Bamako", "les familles")), "p.txt")
    assert parsed.title == "Titre d’un communiqué"
    assert parsed.body.startswith("L’OIM a ouvert")


def test_a_heading_or_figures_shared_by_pages_of_one_kind_are_no_menu():
    text = "The Organization works with governments across the region to assist migrants, page {}."
    one_line = [["Facts and Figures", f"Caption {i}", text.format(i)] for i in range(3)]
    assert learn_sites(one_line) == {}
    figures = [
        ["Facts and Figures", "People reached", "1.2 M", "Countries", "14", text.format(i)] for i in range(3)
    ]
    learned = set().union(*learn_sites(figures).values())
    assert learned == {"facts and figures", "people reached"}


def test_below_the_template_menu_nothing_more_is_learned():
    pages = [
        [*MAIN_MENU, "Chiffres clés", "Bureaux", f"Un texte qui commence ici, numéro {i}."] for i in range(3)
    ]
    learned = set().union(*learn_sites(pages).values())
    assert learned == KNOWN
