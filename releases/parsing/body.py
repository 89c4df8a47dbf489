"""What the body says beyond its text: dateline, projects, people quoted."""

import re
from dataclasses import dataclass
from datetime import date

from .places import country_code, place_country

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"

# ---------------------------------------------------------------- dateline
_DATELINE = re.compile(r"^(?P<place>[^\W\d_][^\n–—]{0,70}?)\s+[-–—]{1,2}\s+(?P<rest>\S.*)$", re.DOTALL)
_MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "décembre": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_DATE = re.compile(r"(?:le\s+)?(\d{1,2})(?:er)?\s+([^\W\d_]+)\s+(\d{4})", re.IGNORECASE)


@dataclass
class Dateline:
    place: str
    country: str | None
    published: date | None
    rest: str


def _date_in(text: str) -> tuple[date | None, str]:
    match = _DATE.search(text)
    if not match or match.group(2).lower() not in _MONTHS:
        return None, text
    try:
        found = date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    except ValueError:
        return None, text
    return found, (text[: match.start()] + text[match.end() :]).strip(" ,")


def find_dateline(paragraph: str) -> Dateline | None:
    """'Costa Rica - Katy, ...' -> Dateline('Costa Rica', 'CR', ...).

    The place must be a country or a city that the gazetteer knows, so that
    an ordinary sentence with a dash is not taken for a dateline.
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    published, place = _date_in(match.group("place"))
    place = place.strip(" ,.")
    parts = [part.strip() for part in place.split(",") if part.strip()]
    if not parts or len(parts) > 3 or any(len(part.split()) > 5 for part in parts):
        return None
    country = None
    for part in reversed(parts):
        country = country_code(part)
        if country:
            break
    if country is None:
        country = place_country(parts[0])
    if country is None:
        return None
    return Dateline(place=place, country=country, published=published, rest=match.group("rest"))


# ---------------------------------------------------------------- projects
@dataclass(frozen=True)
class Project:
    name: str
    acronym: str | None = None


_KEYWORD = r"(?i:projet|programme|program|project|fonds|fund|initiative|campagne|campaign)"
_CAP = rf"[{_UPPER}]"
# "Le projet, nommé Alpha Beta, a été" / "un documentaire de l'OIM, intitulé X (Y)"
_NAMED = re.compile(
    rf"\b(?:nommée?|intitulée?|baptisée?|appelée?|dénommée?|called|named|entitled)\s+"
    rf"(?:«\s*(?P<quoted>[^»]{{3,120}}?)\s*»|“(?P<quoted2>[^”]{{3,120}}?)”"
    rf"|(?P<plain>{_CAP}[^,;()«».]{{2,120}}?))\s*(?=[,;(]|\s[-–—]\s|\.\s|$)"
)
# "Le projet, Migration pour le Développement en Amérique Latine (MIDLA), financé":
# found from the "(ACRONYM)", then the keyword and the name just before it.
_PAREN_ACRONYM = re.compile(rf"\((?P<acronym>[{_UPPER}][{_UPPER}0-9-]{{1,11}})\)")
_KEYWORD_THEN_NAME = re.compile(rf"\b{_KEYWORD}\s*,?\s+(?P<name>{_CAP}[^,;()«».]{{3,120}}?)\s*$")
# "le programme MIDA", "Le fonds 1035 de l'OIM", and a bare acronym later in the
# same clause ("du programme à succès de migration ... en Afrique MIDA").
_KEYWORD_ALONE = re.compile(rf"\b(?P<keyword>{_KEYWORD})\b")
_CLAUSE_END = re.compile(r"[,;:.()«»]")
_ACRONYM_OR_NUMBER = re.compile(rf"\s(?P<acronym>[{_UPPER}][{_UPPER}0-9]{{2,11}}|\d{{3,6}})\b")
# Organisations and common acronyms that are never a project's.
_NOT_PROJECTS = {
    "OIM",
    "IOM",
    "ONU",
    "UN",
    "UNICEF",
    "HCR",
    "UNHCR",
    "ONG",
    "NGO",
    "OMS",
    "WHO",
    "PNUD",
    "UNDP",
    "UE",
    "EU",
    "USA",
    "PAM",
    "WFP",
    "OCHA",
    "FAO",
    "OIT",
    "ILO",
    "UNESCO",
    "PIB",
    "GDP",
    "VIH",
    "HIV",
    "SIDA",
    "AIDS",
    "TV",
    "ONUSIDA",
    "UNFPA",
    "CICR",
    "ICRC",
}


def find_projects(text: str) -> list[Project]:
    projects: dict[str, Project] = {}

    def add(name: str, acronym: str | None = None) -> None:
        name = re.sub(r"\s+", " ", name).strip(" ,.;:")
        if len(name) < 2 or (acronym and acronym in _NOT_PROJECTS) or name in _NOT_PROJECTS:
            return
        key = (acronym or name).casefold()
        existing = projects.get(key)
        if existing is None or (existing.name == existing.acronym and name != acronym):
            projects[key] = Project(name=name, acronym=acronym)

    for match in _PAREN_ACRONYM.finditer(text):
        named = _KEYWORD_THEN_NAME.search(text[max(0, match.start() - 140) : match.start()])
        if named and named.group("name")[:1].isupper():
            add(named.group("name"), match.group("acronym"))
    for match in _NAMED.finditer(text):
        name = match.group("quoted") or match.group("quoted2") or match.group("plain")
        context = text[max(0, match.start() - 120) : match.start()].lower()
        # Only what is named as a project, programme, fund... or a film about one.
        if re.search(
            r"projet|programme|program|project|fonds|fund|initiative|campagne|documentaire|film", context
        ):
            acronym = None
            tail = text[match.end() : match.end() + 16]
            acronym_match = re.match(rf"\s*\(([{_UPPER}]{{2,12}})\)", tail)
            if acronym_match:
                acronym = acronym_match.group(1)
            if len(name.split()) <= 12:
                add(name, acronym)
    for match in _KEYWORD_ALONE.finditer(text):
        clause = text[match.end() : match.end() + 96]
        cut = _CLAUSE_END.search(clause)
        found = _ACRONYM_OR_NUMBER.search(clause[: cut.start()] if cut else clause)
        if not found:
            continue
        acronym, keyword = found.group("acronym"), match.group("keyword")
        if acronym.isdigit():
            # "le fonds 1035": the number directly after the keyword.
            if found.start() == 0:
                add(f"{keyword.capitalize()} {acronym}")
            continue
        known = projects.get(acronym.casefold())
        add(known.name if known else acronym, acronym)
    return list(projects.values())


# ---------------------------------------------------------------- quoted people
@dataclass(frozen=True)
class Quote:
    name: str
    role: str


_PARTICLE = r"(?:de|da|di|del|van|von|le|la|du|dos|das|bin|ben|al|el)\s"
_NAME = rf"{_CAP}[{_LOWER}'’-]+(?:[ -](?:{_PARTICLE})?{_CAP}[{_LOWER}'’-]+){{1,3}}"
_SPEECH = (
    r"(?:explique|expliquait|déclare|a déclaré|a expliqué|affirme|a affirmé|ajoute|a ajouté|"
    r"précise|a précisé|souligne|a souligné|indique|a indiqué|estime|rappelle|conclut|poursuit|"
    r"dit|a dit|note|observe|commente|insiste|selon|d'après|says|said|explains|explained|according to)"
)
_CIVILITY = r"(?:(?:M\.|Mme|Mlle|Dr\.?|Pr\.?|Mr\.?|Ms\.?)\s+)?"
# "..., explique Ana Hidalgo, Coordinatrice régionale de la lutte contre la traite au Costa Rica."
_SPEECH_THEN_NAME = re.compile(
    rf"\b{_SPEECH}\s+{_CIVILITY}(?P<name>{_NAME}),\s+(?P<role>[^.;:!?«»“”\"]{{3,200}}?)\s*(?=[.;:!?«»“”\"]|$)"
)
# "Eugenio Ambrosi, Représentant régional de l’OIM à Buenos Aires, déclare : « ..."
_NAME_THEN_SPEECH = re.compile(
    rf"(?:^|(?<=[.!?»”])\s+){_CIVILITY}(?P<name>{_NAME}),\s+(?P<role>[^.;:!?«»“”\",]{{3,200}}?),\s+{_SPEECH}\b"
)
_ROLE_WORD = re.compile(
    r"\b(?:chef|cheffe|directeur|directrice|représentant|représentante|coordinateur|coordinatrice|"
    r"responsable|chargée?|porte-parole|président|présidente|ministre|conseiller|conseillère|"
    r"administrateur|administratrice|officier|spécialiste|expert|experte|secrétaire|"
    r"ambassadeur|ambassadrice|head|director|representative|coordinator|officer|spokesperson|"
    r"manager|adviser|advisor|specialist|minister|chief)\b",
    re.IGNORECASE,
)


def find_quoted_people(text: str) -> list[Quote]:
    quotes: dict[str, Quote] = {}
    for pattern in (_NAME_THEN_SPEECH, _SPEECH_THEN_NAME):
        for match in pattern.finditer(text):
            role = re.sub(r"\s+", " ", match.group("role")).strip(" ,")
            name = match.group("name").strip()
            if not _ROLE_WORD.search(role) or country_code(name):
                continue
            quotes.setdefault(name.casefold(), Quote(name=name, role=role))
    # In page order.
    return sorted(quotes.values(), key=lambda q: text.find(q.name))
