"""The contact block: opening phrases, people, offices, phones, e-mails."""

import pytest

from releases.parsing.contacts import (
    find_contact_block,
    normalise_office,
    parse_contact_lines,
    parse_phones,
)


@pytest.mark.parametrize(
    "lines",
    [
        ["Pour plus d’informations, veuillez contacter :"],
        ["Pour plus d'informations, prière de contacter"],
        ["Pour plus d’informations et pour obtenir une copie de", "l’étude, veuillez contacter :"],
        ["Pour de plus amples informations, veuillez contacter"],
        ["For more information, please contact:"],
    ],
)
def test_contact_block_openings(lines):
    page = ["Titre", "Une phrase du texte.", *lines, "Jean Exemple", "jexemple@iom.int"]
    assert find_contact_block(page) == (2, 2 + len(lines))


def test_text_without_a_contact_block():
    assert find_contact_block(["Titre", "Pour plus d'informations sur le programme, voir le site."]) is None


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Téléphone : +54 1 14 815 51 94", ["+541148155194"]),
        ("Tél : +506 22 12 53 08", ["+50622125308"]),
        ("Tél. +39 06 44 186 207", ["+390644186207"]),
        ("Tél. +511 221 7698/221-7209", ["+5112217698", "+5112217209"]),
        ("Tél. + 593 2 225 3948", ["+59322253948"]),
        ("Tél. +502 2333 6052, Ext. 125", ["+50223336052;ext=125"]),
        ("Tél. : +502.23.62.83.67", ["+50223628367"]),
        ("Mobile : +41 79 123 45 67", ["+41791234567"]),
        ("Tel: 0041 22 717 91 11", ["+41227179111"]),
        ("Tél. : pas de numéro", []),
    ],
)
def test_phones_in_any_shape_become_e164(text, numbers):
    assert parse_phones(text)[0] == numbers


@pytest.mark.parametrize(
    ("line", "office"),
    [
        ("OIM Rome", "OIM Rome"),
        ("l’OIM Costa Rica", "OIM Costa Rica"),
        ("Bureau de l'OIM à Genève", "OIM Genève"),
        # In any language, the organisation is "OIM" and a place CLDR names is given in French.
        ("IOM Geneva", "OIM Geneva"),
        ("IOM Nairobi", "OIM Nairobi"),
        ("IOM Kenya", "OIM Kenya"),
        ("IOM in Egypt", "OIM Égypte"),
        ("OIM Lima", "OIM Lima"),
        ("OIM Bélarus", "OIM Bélarus"),  # a French name stays as written
        ("IOM Cairo", "OIM Le Caire"),
        ("المنظمة الدولية للهجرة في القاهرة", "OIM Le Caire"),
        ("مكتب المنظمة الدولية للهجرة في مصر", "OIM Égypte"),
        ("МОМ Москва", "OIM Moscou"),
        ("Ufficio di coordinamento dell'OIM per il Mediterraneo", None),
        ("l’OIM aide les migrants", None),
        ("Jean Exemple", None),
    ],
)
def test_office_lines(line, office):
    assert normalise_office(line) == office


def test_people_separated_by_ou_with_broken_html_emails():
    people, _warnings = parse_contact_lines(
        [
            "Jean Exemple",
            "OIM Dakar",
            "Tél. +221 33 869 62 00",
            "Email :",
            '"mailto:jexemple@iom.int">jexemple@iom.int',
            "ou",
            "Marie Modèle",
            'href="mailto:mmodele@iom.int" target="_blank" title=',
            '"">mmodele@iom.int',
        ]
    )
    assert [(p.name, p.office, p.email, p.phones) for p in people] == [
        ("Jean Exemple", "OIM Dakar", "jexemple@iom.int", ["+221338696200"]),
        ("Marie Modèle", None, "mmodele@iom.int", []),
    ]


def test_trailing_punctuation_is_not_part_of_an_email():
    people, _warnings = parse_contact_lines(["Jean Exemple", "Courriel : jexemple@iom.int."])
    assert people[0].email == "jexemple@iom.int"


def test_a_new_name_after_an_email_starts_a_new_person():
    people, _warnings = parse_contact_lines(
        ["Jean Exemple", "jexemple@iom.int", "Marie Modèle", "mmodele@iom.int"]
    )
    assert [p.name for p in people] == ["Jean Exemple", "Marie Modèle"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A whole contact block on one line.
        (
            ["Aminata Exemple, OIM Mali, Tel: +223 202 21747, Mob: +223 90500 001, EMail: aexemple@iom.int"],
            [("Aminata Exemple", "OIM Mali", ["+22320221747", "+22390500001"], "aexemple@iom.int")],
        ),
        # The office before the name, and a second person on the same line.
        (
            [
                "l’OIM en Libye, Omar Exemple, Tel: +216 29 600389, Email: oexemple@iom.int "
                "or Ali Modèle, Tel +216 29 794707, Email: amodele@iom.int"
            ],
            [
                ("Omar Exemple", "OIM Libye", ["+21629600389"], "oexemple@iom.int"),
                ("Ali Modèle", None, ["+21629794707"], "amodele@iom.int"),
            ],
        ),
        # A person known by an e-mail only has no name: never the e-mail as a name.
        (["presse@iom.int"], [("", None, [], "presse@iom.int")]),
        # Field labels and headlines are not names.
        (
            [
                "Jean Exemple",
                "jexemple@iom.int",
                "Posted",
                "Catégorie : Communiqué",
                "L’OIM aide les migrants",
            ],
            [("Jean Exemple", None, [], "jexemple@iom.int")],
        ),
    ],
)
def test_contact_blocks_in_any_shape(lines, expected):
    people, _warnings = parse_contact_lines(lines)
    assert [(p.name, p.office, p.phones, p.email) for p in people] == expected


def test_the_opening_phrase_may_hold_the_contact():
    from releases.parsing.contacts import opening_remainder

    line = "Pour plus d’informations, veuillez contacter Aminata Exemple, OIM Mali, Tel: +223 202 21747"
    assert opening_remainder(line) == "Aminata Exemple, OIM Mali, Tel: +223 202 21747"


def test_a_phone_that_cannot_be_read_is_a_warning():
    _people, warnings = parse_contact_lines(["Jean Exemple", "Tél. : 12", "jexemple@iom.int"])
    assert [(w.code, w.detail) for w in warnings] == [("phone_not_understood", "Tél. : 12")]
