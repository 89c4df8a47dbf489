"""Invented pages in the shapes of real scraped IOM pages, one builder per layout.

Names, sentences and menus are made up (places are real place names), in the
layout of IOM's site template: "-" lines, items printed twice, an item glued to
its description, bullets.
"""

# The main French site's menu.
MAIN_MENU = [
    "-",
    "Qui nous sommes",
    "Qui nous sommesL'Organisation accompagne depuis des décennies les États et les personnes en "
    "déplacement, avec des bureaux sur tous les continents.",
    "Gouvernance",
    "Gouvernance",
    "- Organigramme",
    "- Direction",
    "- Bureau du Directeur",
    "-",
    "Nos activités",
    "Nos activitésEn tant qu'agence chargée des migrations, l'Organisation relie l'aide d'urgence et "
    "le développement durable.",
    "Thèmes",
    "Thèmes",
    "Régions",
    "Régions",
    "- Nos bureaux",
    "-",
    "S'engager",
    "S'engager",
    "Carrières",
    "Carrières",
    "- Publications et données",
    "- Objectifs 2030",
]

# A country office's menu: the main site's first lines, then its own.
COUNTRY_MENU = [
    "-",
    "Qui sommes nous",
    "Qui sommes nousL'Organisation internationale pour les migrations (OIM) accompagne le Burkina Faso "
    "depuis 1995 et soutient ses autorités dans la gestion des migrations.",
    "À propos",
    "À propos",
    "OIM Global",
    "OIM Global",
    "-",
    "Notre travail",
    "Notre TravailEn tant qu'organisation intergouvernementale, l'OIM appuie le Programme 2030 "
    "à travers différents domaines d'intervention au Burkina Faso.",
    "Ce que nous faisons",
    "Ce que nous faisons",
    "Priorités transversales",
    "- Où travaillons nous",
    "- Agir",
    "- 2030 Agenda",
]

SPANISH_MENU = [
    "-",
    "Quiénes somos",
    "Quiénes somosLa Organización Internacional para las Migraciones (OIM) forma parte del sistema "
    "de las Naciones Unidas y promueve una migración humana y ordenada.",
    "Estructura",
    "Estructura",
    "- Estructura organizativa",
    "- Director General",
    "-",
    "Nuestro trabajo",
    "Nuestro trabajoComo organización intergubernamental, la OIM apoya el logro de la Agenda 2030 "
    "por medio de diferentes áreas de intervención.",
    "Qué hacemos",
    "Qué hacemos",
    "Actúa",
    "Actúa",
    "- Datos e investigación",
    "- Dónde operamos",
    "- AGENDA 2030",
]

ENGLISH_MENU = [
    "-",
    "Who we are",
    "WHO WE AREThe International Organization for Migration (IOM) is part of the United Nations "
    "system and promotes humane and orderly migration.",
    "Structure",
    "Structure",
    "- Organizational structure",
    "- Director General",
    "-",
    "Our work",
    "Our WorkAs the leading inter-governmental organization promoting humane migration, IOM supports "
    "the 2030 Agenda through different areas of intervention.",
    "What we do",
    "What we do",
    "Take action",
    "Take action",
    "- Data and research",
    "- Where we work",
    "- 2030 Agenda",
]

CONTACT_FR = [
    "Pour plus d’informations, veuillez contacter :",
    "Awa Exemple",
    "OIM Ouagadougou",
    "Tél. : +226 25 37 00 00",
    "Courriel : aexemple@iom.int",
]


def french_body(place: str, topic: str) -> list[str]:
    """A release's text, one paragraph a line, opening with a dateline."""
    return [
        f"{place} – L’OIM a ouvert cette semaine un centre d’accueil pour {topic}, avec le soutien "
        "des autorités locales et de plusieurs organisations partenaires.",
        f"Le centre pourra accueillir 300 personnes chaque mois ; il offre aux {topic} des repas, "
        "des soins et une aide psychosociale.",
        f"« Nous voulons que les {topic.split(' ', 1)[-1]} soient reçus dignement », explique Paul Modèle, "
        "chef de mission de l’OIM, lors de l’inauguration.",
    ]


def release(menu: list[str], title: str, body: list[str], contact: list[str] = CONTACT_FR) -> str:
    return "\n".join([*menu, title, *body, *contact]) + "\n"


def label_layout(label: str, scope: str, title: str, body: list[str]) -> str:
    """'Communiqué' / 'Global', a blank line, the title, then paragraphs separated by blank lines."""
    return "\n".join([label, scope, "", title, "", *[p + "\n" for p in body], *CONTACT_FR]) + "\n"


def hard_wrapped(text: str, width: int = 60) -> list[str]:
    """A paragraph wrapped at about `width` characters, as old releases were."""
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current]


def html_release(title: str, paragraphs: list[str], date_line: str | None = None, contact: str = "") -> str:
    head = f"<p class='date'>{date_line}</p>" if date_line else ""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        "<!doctype html><html><head><title>" + title + " | OIM</title></head><body>"
        "<header><nav><a href='/'>Accueil</a><a href='/qui'>Qui sommes nous</a></nav></header>"
        f"<article><h1>{title}</h1>{head}\n{body}<p>{contact}</p></article>"
        "<footer>© OIM</footer></body></html>"
    )
