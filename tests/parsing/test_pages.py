"""Whole invented pages through parse_page, in each layout seen on real sites, text and HTML."""

import pytest

from releases.parsing import DEFAULT, NotARelease, parse_page, read_lines
from tests.invented_pages import (
    CONTACT_FR,
    COUNTRY_MENU,
    ENGLISH_MENU,
    MAIN_MENU,
    SPANISH_MENU,
    french_body,
    hard_wrapped,
    html_release,
    label_layout,
    release,
)

TITLE = "L’OIM ouvre un centre d’accueil pour les migrants de retour"
BODY = french_body("Ouagadougou", "les migrants de retour")
SPANISH_BODY = [
    "Tapachula – La OIM abrió esta semana un centro de acogida para las personas migrantes que llegan "
    "a la frontera sur, con el apoyo de las autoridades locales.",
    "El centro podrá recibir a 300 personas cada mes y ofrece comida, atención médica y apoyo "
    "psicosocial a las familias.",
]
ENGLISH_BODY = [
    "Geneva – IOM opened a reception centre this week for migrants returning home, with the support "
    "of local authorities and several partner organizations.",
    "The centre can receive 300 people every month and offers meals, health care and psychosocial "
    "support to the families who arrive exhausted.",
]
CONTACT_EN = [
    "For more information, please contact:",
    "John Example",
    "IOM Geneva",
    "Email: jexample@iom.int",
]
WRAPPED = [
    line
    for paragraph in BODY
    for line in hard_wrapped(paragraph)  # old releases: no blank line between paragraphs
]


def parse(text: str, name: str = "page.txt", navigation=DEFAULT):
    return parse_page(read_lines(text.encode("utf-8"), name), name, navigation)


LAYOUTS = {
    "1-main-site": (
        release(MAIN_MENU, TITLE, BODY),
        TITLE,
        "L’OIM a ouvert cette semaine",
        "Ouagadougou",
        "fr",
    ),
    "2-country-site-alone": (
        release(COUNTRY_MENU, TITLE, french_body("Bobo-Dioulasso", "les déplacés")),
        TITLE,
        "L’OIM a ouvert cette semaine un centre d’accueil pour les déplacés",
        "Bobo-Dioulasso",
        "fr",
    ),
    "3-spanish-site": (
        release(SPANISH_MENU, "La OIM abre un centro de acogida en Tapachula", SPANISH_BODY, []),
        "La OIM abre un centro de acogida en Tapachula",
        "La OIM abrió esta semana",
        "Tapachula",
        "es",
    ),
    "3-english-site": (
        release(
            ENGLISH_MENU, "IOM Opens a Reception Centre for Returning Migrants", ENGLISH_BODY, CONTACT_EN
        ),
        "IOM Opens a Reception Centre for Returning Migrants",
        "IOM opened a reception centre this week",
        "Geneva",
        "en",
    ),
    "4-label-communique": (
        label_layout("Communiqué", "Global", TITLE, BODY),
        TITLE,
        "L’OIM a ouvert cette semaine",
        "Ouagadougou",
        "fr",
    ),
    "4-label-comunicado": (
        label_layout("Comunicado", "Local", "La OIM abre un centro de acogida en Tapachula", SPANISH_BODY),
        "La OIM abre un centro de acogida en Tapachula",
        "La OIM abrió esta semana",
        "Tapachula",
        "es",
    ),
    "5-skip-link": (
        release(["Aller au contenu principal", *MAIN_MENU], TITLE, BODY),
        TITLE,
        "L’OIM a ouvert cette semaine",
        "Ouagadougou",
        "fr",
    ),
    "6-hard-wrapped": (
        release(MAIN_MENU, TITLE, WRAPPED),
        TITLE,
        "L’OIM a ouvert cette semaine",
        "Ouagadougou",
        "fr",
    ),
    "7-title-twice": (
        release(MAIN_MENU, TITLE, [TITLE, *BODY]),
        TITLE,
        "L’OIM a ouvert",
        "Ouagadougou",
        "fr",
    ),
    "7-subtitle": (
        release(MAIN_MENU, TITLE, ["Trois cents personnes pourront y être reçues chaque mois", *BODY]),
        TITLE,
        "L’OIM a ouvert cette semaine",
        "Ouagadougou",
        "fr",
    ),
    "7-caption": (
        release(
            MAIN_MENU, TITLE, ["Des familles arrivent au centre d’accueil. Photo : OIM/Awa Exemple", *BODY]
        ),
        TITLE,
        "L’OIM a ouvert cette semaine",
        "Ouagadougou",
        "fr",
    ),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_text_layouts(layout):
    text, title, body_start, dateline, language = LAYOUTS[layout]
    parsed = parse(text)
    assert parsed.title == title
    assert parsed.body.startswith(body_start), parsed.body[:80]
    assert parsed.dateline == dateline
    assert parsed.language == language
    # No line of any menu is left, in the title or the body.
    menus = {line for line in [*MAIN_MENU, *COUNTRY_MENU, *SPANISH_MENU, *ENGLISH_MENU] if len(line) > 3}
    assert not menus & {parsed.title, *parsed.body.split("\n\n")}
    assert "menu_lines_in_body" not in {w.code for w in parsed.warnings}


@pytest.mark.parametrize(
    "stamp", ["Tue, 10/13/2020 - 08:16", "IOM - News - Ven, 09/08/2017 - 11:21", "13/10/2020"]
)
def test_a_date_stamp_under_the_title_is_neither_title_nor_body(stamp):
    """A news site's item: the title, a date stamp, then the text."""
    text = "\n".join(
        [
            TITLE,
            "",
            stamp,
            "",
            *BODY,
        ]
    )
    parsed = parse(text)
    assert parsed.title == TITLE
    assert parsed.body.startswith("L’OIM a ouvert cette semaine")
    assert stamp not in parsed.body


def test_a_feed_page_is_a_listing_even_when_one_item_shows():
    """A feed's page (its items whole, one after the other): cut after the first, it still is no release."""
    text = "\n".join(["Subscribe to Example News feed", "Updated: 2 hours 17 min ago", "", TITLE, "", *BODY])
    with pytest.raises(NotARelease) as refused:
        parse(text)
    assert refused.value.code == "listing_page"


def test_no_title_line_gives_a_title_for_review_and_a_warning():
    parsed = parse(release(MAIN_MENU, "", BODY))
    assert parsed.title.startswith("L’OIM a ouvert cette semaine un centre d’accueil")
    assert parsed.dateline == "Ouagadougou"
    assert [w.code for w in parsed.warnings if w.code == "no_title"] == ["no_title"]


def test_country_of_the_dateline_when_there_is_no_office():
    parsed = parse(release(MAIN_MENU, TITLE, french_body("Tripoli/Niamey", "les migrants évacués"), []))
    assert (parsed.dateline, parsed.dateline_places, parsed.country) == (
        "Tripoli/Niamey",
        ["Tripoli", "Niamey"],
        "LY",
    )
    assert parsed.body.startswith("L’OIM a ouvert")


HTML_PARAGRAPHS = [
    "Dakar – L’OIM a ouvert un centre\nd’accueil pour les migrants de retour, avec ses partenaires locaux.",
    "Le centre accueille 200 personnes.<br>Il ouvre ses portes lundi prochain.",
]
HTML_CONTACT = (
    "Pour plus d’informations, veuillez contacter Aminata Exemple, OIM Sénégal, Tel: +221 33 869 62 00, "
    "Mob: +221 77 123 45 67, EMail: <a href='mailto:aexemple@iom.int'>aexemple@iom.int</a>"
)


def test_html_page_with_a_date_line_a_dateline_and_a_one_line_contact_block():
    parsed = parse(html_release(TITLE, HTML_PARAGRAPHS, "14 juin 2019", HTML_CONTACT), "page.html")
    assert parsed.title == TITLE
    assert str(parsed.published) == "2019-06-14"
    assert (parsed.dateline, parsed.country) == ("Dakar", "SN")
    # Source line breaks are spaces; blocks are paragraphs.
    assert parsed.body.split("\n\n") == [
        "L’OIM a ouvert un centre d’accueil pour les migrants de retour, avec ses partenaires locaux.",
        "Le centre accueille 200 personnes. Il ouvre ses portes lundi prochain.",
    ]
    [contact] = parsed.contacts
    assert (contact.name, contact.office, contact.phones, contact.email) == (
        "Aminata Exemple",
        "OIM Sénégal",
        ["+221338696200", "+221771234567"],
        "aexemple@iom.int",
    )


@pytest.mark.parametrize("layout", ["1-main-site", "4-label-communique", "7-caption", "3-spanish-site"])
def test_the_same_release_as_html_reads_alike(layout):
    text, title, body_start, dateline, language = LAYOUTS[layout]
    paragraphs = [line for line in text.split(title, 1)[1].splitlines() if line][:2]
    parsed = parse(html_release(title, paragraphs), "page.html")
    assert (parsed.title, parsed.dateline, parsed.language) == (title, dateline, language)
    assert parsed.body.startswith(body_start)


def test_an_html_title_that_is_a_label_is_flagged():
    parsed = parse(html_release("Communiqué", HTML_PARAGRAPHS), "page.html")
    assert "title_is_label" in {w.code for w in parsed.warnings}


def test_menu_lines_left_in_the_body_are_flagged():
    parsed = parse(release(MAIN_MENU, TITLE, [*BODY[:2], "S'engager", BODY[2]]))
    assert "menu_lines_in_body" in {w.code for w in parsed.warnings}


def test_a_contact_known_by_an_email_only_has_no_name_and_a_warning():
    parsed = parse(
        release(MAIN_MENU, TITLE, BODY, ["Pour plus d’informations, veuillez contacter :", "x@iom.int"])
    )
    assert [(c.name, c.email) for c in parsed.contacts] == [("", "x@iom.int")]
    assert ("contact_without_name", "x@iom.int") in {(w.code, w.detail) for w in parsed.warnings}


TEASER = "L’OIM a aidé 300 familles déplacées par les inondations à reconstruire leurs maisons cette année."
NOT_RELEASES = {
    "search-results-then-a-statement": (
        "\n".join(
            [
                *["Affichage de 41 à 52 sur 3 108", "Vidéo", "Un atelier sur la traite", "Vidéo"],
                *["Des abris pour les familles", "", TITLE, "", *BODY],
            ]
        ),
        "listing_page",
    ),
    "listing": (
        "\n".join(
            [
                *["Home / Press Room", "Communiqués", "Des abris pour les familles", TEASER, "Lire la suite"],
                *["Un atelier sur la traite", TEASER, "Lire la suite"],
            ]
        ),
        "listing_page",
    ),
    "listing-with-datelines": (
        "\n".join(
            [
                "Des abris",
                f"Mopti – {TEASER}",
                "Un atelier",
                f"Bamako – {TEASER}",
                "Une visite",
                f"Gao – {TEASER}",
            ]
        ),
        "listing_page",
    ),
    "home-page": ("\n".join([*MAIN_MENU, "À la une", "Des abris pour les familles", TEASER]), "home_page"),
    "thematic-page": (
        "\n".join(
            [
                *MAIN_MENU,
                "La migration et le climat",
                TEASER * 2,
                "Nos activités",
                "- Abris et articles non alimentaires",
                "- Gestion des camps",
                "- Réduction des risques de catastrophe",
            ]
        ),
        "thematic_page",
    ),
    "media-contacts": (
        "\n".join([*MAIN_MENU, *CONTACT_FR, "Marc Exemple", "mexemple@iom.int"]),
        "media_contacts_page",
    ),
    "country-page-of-teasers": (
        "\n".join(
            [
                *["Burkina Faso", "", "La Directrice générale de l’OIM, Marie"],
                *["Exemple, fera une visite officielle à Ouagadougou, la", "capitale, lundi 9 juillet.", ""],
                *["Trois jours de formation seront dispensés par l’OIM à", "seize organisations partenaires"],
                *["locales pour lutter contre la traite des enfants.", "", *hard_wrapped(TEASER)],
            ]
        ),
        "thematic_page",
    ),
    "menu-only": ("\n".join(MAIN_MENU), "only_navigation"),
    "other-menu-only": ("\n".join(COUNTRY_MENU), "only_navigation"),
}


def test_a_country_tag_under_a_title_is_a_release_not_a_country_page():
    parsed = parse("\n".join([TITLE, "", "Burkina Faso", "21 avril 2021", "", *BODY]))
    assert parsed.title == TITLE


@pytest.mark.parametrize("kind", sorted(NOT_RELEASES))
def test_pages_that_are_not_releases_are_refused_with_a_code(kind):
    text, code = NOT_RELEASES[kind]
    with pytest.raises(NotARelease) as refused:
        parse(text)
    assert refused.value.code == code
