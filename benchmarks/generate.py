"""Realistic synthetic release pages, deterministic for a seed.

Same shapes as the sample pages: a site menu in the template's layout, a title,
hard-wrapped (or one-line) paragraphs, sometimes a dateline, a quote with a
role, a named project, and a contact block in its variants (opening phrases,
people separated by "ou", phones in several shapes, broken HTML e-mails).

    python benchmarks/generate.py OUT_DIR --count 1000 [--seed 1] [--style samples|other]

`--style other` writes pages of another hand: projects named with and without
their acronym in one page ("le projet Fonds 1035 (F1035)", then "le fonds
1035"), programmes named by acronym only, shared press mailboxes (two named
people on one e-mail), people listed twice, contact blocks on one line.
"""

import argparse
import random
import textwrap
from pathlib import Path

# A French site's menu, invented, in the layout of IOM's template ("-" lines, items printed
# twice or glued to their description, bullets): the parser learns it, as it would a real one.
NAVIGATION = "\n".join(
    [
        "-",
        "L'Organisation",
        "L'OrganisationUne agence intergouvernementale au service des États et des personnes en "
        "déplacement, présente sur tous les continents.",
        "Gouvernance",
        "Gouvernance",
        "- Organigramme",
        "- Direction générale",
        "-",
        "Nos domaines",
        "Nos domainesDe l'urgence au développement, l'Organisation accompagne les migrants et les "
        "communautés qui les accueillent.",
        "Programmes",
        "Programmes",
        "Régions",
        "Régions",
        "- Bureaux",
        "-",
        "Participer",
        "Participer",
        "- Publications",
        "- Agenda 2030",
    ]
)

# (office place, country name for datelines, phone country code, phone digits)
OFFICES = [
    ("Genève", "Suisse", "41", 9),
    ("Dakar", "Sénégal", "221", 9),
    ("Nairobi", "Kenya", "254", 9),
    ("Bangkok", "Thaïlande", "66", 8),
    ("Rome", "Italie", "39", 10),
    ("Lima", "Pérou", "51", 8),
    ("Quito", "Équateur", "593", 8),
    ("Guatemala", "Guatemala", "502", 8),
    ("Costa Rica", "Costa Rica", "506", 8),
    ("Buenos Aires", "Argentine", "54", 10),
    ("Tunis", "Tunisie", "216", 8),
    ("Kaboul", "Afghanistan", "93", 9),
    ("Manille", "Philippines", "63", 9),
    ("Le Caire", "Égypte", "20", 9),
    ("Bogota", "Colombie", "57", 10),
]
FIRST = [
    "Marie",
    "Jean",
    "Aïcha",
    "Pablo",
    "Nadia",
    "Omar",
    "Lucía",
    "Kofi",
    "Anna",
    "Yusuf",
    "Inès",
    "Tomás",
    "Fatou",
    "Hugo",
    "Amina",
    "Diego",
    "Léa",
    "Samuel",
    "Mariam",
    "Pierre",
]
LAST = [
    "Diallo",
    "Martin",
    "Okafor",
    "García",
    "Haddad",
    "Nguyen",
    "Rossi",
    "Silva",
    "Kamara",
    "Dubois",
    "Mensah",
    "Fernández",
    "Traoré",
    "Moreau",
    "Bakr",
    "Costa",
    "Lefèvre",
    "Ndiaye",
    "Romero",
    "Petit",
]
SUBJECTS = [
    "L’OIM",
    "Le gouvernement",
    "Les autorités locales",
    "Le bureau de l’OIM",
    "Les partenaires",
    "Une équipe mobile",
    "Le ministère de l’Intérieur",
    "Les communautés d’accueil",
]
VERBS = ["a lancé", "soutient", "renforce", "a présenté", "finance", "accompagne", "a évalué", "organise"]
OBJECTS = [
    "un programme d’aide aux migrants de retour",
    "des formations professionnelles pour les jeunes",
    "la protection des victimes de traite",
    "un centre d’accueil pour les personnes déplacées",
    "des micro-crédits pour les familles de migrants",
    "la réintégration des migrants expulsés",
    "une campagne d’information sur la migration irrégulière",
    "la collecte de données migratoires",
    "l’accès aux soins de santé des migrants",
    "la gestion des frontières",
]
TAILS = [
    "dans les régions frontalières",
    "en coopération avec les ONG locales",
    "depuis le début de l’année",
    "avec le soutien de donateurs internationaux",
    "au bénéfice de plus de 3 000 personnes",
    "dans le cadre d’un accord de coopération",
    "pour la troisième année consécutive",
]
ROLES = [
    "chef de mission de l’OIM",
    "Représentante régionale de l’OIM",
    "coordinatrice du programme de l’OIM",
    "directeur des opérations de l’OIM",
]
PROJECT_WORDS = ["Avenir", "Horizon", "Solidarité", "Retour", "Dignité", "Espoir", "Pont", "Racines", "Cap"]
OPENINGS = [
    "Pour plus d’informations, veuillez contacter :",
    "Pour plus d'informations, prière de contacter",
    "Pour plus d’informations et pour obtenir une copie de\nl’étude, veuillez contacter :",
    "Pour plus d'informations, veuillez contacter:",
]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
SYLLABLES = ["ka", "lo", "mi", "zu", "ren", "tal", "bo", "vi", "sha", "gor", "nek", "pli", "dru", "fa"]


def rare_word(rng: random.Random) -> str:
    """A made-up word: each appears in a handful of pages, for 'rare word' searches."""
    return "".join(rng.choice(SYLLABLES) for _ in range(4))


def _phone(rng: random.Random, code: str, digits: int) -> str:
    number = "".join(str(rng.randint(0, 9)) for _ in range(digits))
    number = str(rng.randint(2, 9)) + number[1:]
    shape = rng.randrange(4)
    if shape == 0:
        return f"+{code} {number[:2]} {number[2:5]} {number[5:]}"
    if shape == 1:
        return f"+{code}.{'.'.join(number[i : i + 2] for i in range(0, len(number), 2))}"
    if shape == 2:
        return f"+ {code} {number[:1]} {number[1:4]} {number[4:]}, Ext. {rng.randint(100, 299)}"
    return f"+{code} {number[:4]} {number[4:]}/{number[-4:-2]}-{rng.randint(10, 99)}"


def _contact(rng: random.Random, office: tuple, with_office: bool) -> list[str]:
    place, _country, code, digits = office
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"{first[0].lower()}{last.lower()}{rng.randint(1, 400)}@iom.int"
    email = email.replace("í", "i").replace("á", "a").replace("è", "e").replace("é", "e")
    lines = [f"{first} {last}"]
    if with_office:
        lines.append(rng.choice(["OIM ", "l’OIM "]) + place)
    lines.append(rng.choice(["Tél. ", "Tél : ", "Téléphone : ", "Mobile : "]) + _phone(rng, code, digits))
    shape = rng.randrange(3)
    if shape == 0:
        lines += ["Email :", f'"mailto:{email}">{email}']
    elif shape == 1:
        lines += ["Courrier électronique :", f'href="mailto:{email}" target="_blank" title=', f'"">{email}']
    else:
        lines.append(f"Courriel : {email}.")
    return lines


def _sentence(rng: random.Random, words: list[str]) -> str:
    extra = f" ({rng.choice(words)})" if words and rng.random() < 0.3 else ""
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}{extra}."


def generate_page(index: int, seed: int = 1) -> str:
    rng = random.Random(seed * 1_000_003 + index)
    office = rng.choice(OFFICES)
    words = [rare_word(rng) for _ in range(2)]
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} ({index})"
    project = f"{rng.choice(PROJECT_WORDS)} {rng.choice(PROJECT_WORDS)} {index % 500}"
    paragraphs = [
        " ".join(_sentence(rng, words) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(3, 7))
    ]
    shape = rng.random()
    if shape < 0.6:
        day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2005, 2024)
        paragraphs[0] = f"{office[0]}, le {day} {month} {year} - {paragraphs[0]}"
    elif shape < 0.8:
        paragraphs[0] = f"{office[1]} - {paragraphs[0]}"
    paragraphs.insert(1, f"Le projet, nommé {project}, a été créé pour aider les familles de migrants.")
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    paragraphs.append(
        f"« Nous sommes fiers de ce travail », explique {name}, {rng.choice(ROLES)} à {office[0]}."
    )
    wrapped = rng.random() < 0.75
    body = []
    for paragraph in paragraphs:
        body.extend(textwrap.wrap(paragraph, width=rng.randint(55, 70)) if wrapped else [paragraph])
    contacts = _contact(rng, office, with_office=True)
    if rng.random() < 0.3:
        other = rng.choice(OFFICES)
        contacts += ["ou", *_contact(rng, other, with_office=rng.random() < 0.7)]
    lines = [NAVIGATION.rstrip("\n"), title, *body, *rng.choice(OPENINGS).split("\n"), *contacts]
    return "\n".join(lines)


MAILBOXES = ["presse@iom.int", "media@iom.int", "communication@iom.int"]


def _one_line_contact(rng: random.Random, office: tuple) -> str:
    place, _country, code, digits = office
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"{first[0].lower()}{last.lower()}@iom.int".replace("í", "i").replace("á", "a").replace("é", "e")
    return (
        f"Pour plus d’informations, veuillez contacter {first.upper()} {last}, OIM {place}, "
        f"Tel: {_phone(rng, code, digits)}, Mob: {_phone(rng, code, digits)}, EMail: {email}"
    )


def generate_other_page(index: int, seed: int = 1) -> str:
    """A page of another hand (see the module's docstring)."""
    rng = random.Random(seed * 7_000_003 + index)
    office = rng.choice(OFFICES)
    number = 1000 + index % 300
    acronym = f"F{number}"
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} [{index}]"
    paragraphs = [
        f"{office[1]} – Le projet Fonds {number} ({acronym}) {rng.choice(VERBS)} {rng.choice(OBJECTS)}. "
        f"Le fonds {number} de l’OIM {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}.",
        f"Le programme PRO{index % 40:02d} {rng.choice(VERBS)} {rng.choice(OBJECTS)}. "
        f"Grâce au programme PRO{index % 40:02d}, {rng.choice(OBJECTS)} {rng.choice(TAILS)}.",
        " ".join(_sentence(rng, []) for _ in range(rng.randint(2, 4))),
    ]
    if rng.random() < 0.5:
        return "\n".join(
            [title, "", *"\n\n".join(paragraphs).split("\n"), "", _one_line_contact(rng, office)]
        )
    mailbox = rng.choice(MAILBOXES)
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(2)]
    contacts = [
        people[0],
        f"OIM {office[0]}",
        f"Courriel : {mailbox}",
        "ou",
        people[1],
        f"Courriel : {mailbox}",
    ]
    if rng.random() < 0.3:  # the same person listed twice
        contacts += ["ou", people[0], f"Courriel : {mailbox}"]
    lines = [NAVIGATION.rstrip("\n"), title, *paragraphs, rng.choice(OPENINGS).split("\n")[0], *contacts]
    return "\n".join(lines)


def rare_words_of(index: int, seed: int = 1) -> list[str]:
    """The made-up words of one page (to search for a word found in few pages)."""
    rng = random.Random(seed * 1_000_003 + index)
    rng.choice(OFFICES)
    return [rare_word(rng) for _ in range(2)]


STYLES = {"samples": generate_page, "other": generate_other_page}


def write_pages(out: Path, count: int, seed: int = 1, style: str = "samples", start: int = 0) -> list[Path]:
    """Pages number `start` to `start + count - 1` (a database grows step by step with distinct pages)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = out / f"{i:06d}.txt"
        path.write_text(STYLES[style](i, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--style", choices=sorted(STYLES), default="samples")
    args = parser.parse_args()
    write_pages(args.out, args.count, args.seed, args.style)
    print(f"{args.count} pages written to {args.out}")


if __name__ == "__main__":
    main()
