"""What the body says beyond its text: dateline, projects, people quoted."""

import re
from dataclasses import dataclass
from datetime import date

from . import words
from .places import country_code, place_country
from .results import ParsedProject, ParsedQuote
from .text import fold, fold_with_positions

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"

# ---------------------------------------------------------------- dateline
# "Place – text", "Place — text", "Place − text", "Dakar- text", "30 novembre 2021, Le Caire - text".
_DATELINE = re.compile(r"^(?P<place>[^\W_][^\n–—−]{0,70}?)\.?\s*[-–—−]{1,2}\s+(?P<rest>\S.*)$", re.DOTALL)
# "(Genève). text", "【東京発】text": a place in brackets.
_DATELINE_BRACKETS = re.compile(
    r"^[(\[【]\s*(?P<place>[^()\[\]【】\n]{2,40}?)\s*発?[)\]】]\s*[.:–—−-]?\s*(?P<rest>\S.*)$", re.DOTALL
)
# "San Jose, Costa Rica. The IOM ...": a city and its country, then a full stop.
_DATELINE_STOP = re.compile(
    r"^(?P<place>[^\W\d_][^\n.,–—−]{1,40},[^\n.,–—−]{2,40})\.\s+(?=[«“\"A-ZÀ-Ý])(?P<rest>\S.*)$", re.DOTALL
)
# Months and weekdays in every language IOM publishes in (words.toml): "Ginevra 25 giugno -",
# "Berlin, 3. März 2020 -", "القاهرة، 5 مارس 2020 -".
_MONTHS = words.numbered("months")
_WEEKDAYS = rf"(?:{words.alternation('weekdays')})"
# "le 12 mars 2013", "mardi 9 mars", "9 de marzo de 2010", "3. März 2020": a day, a month, a year if given
# (matched on folded text: no accents, no case).
_DATE = re.compile(
    rf"(?:{_WEEKDAYS},?\s+)?(?:le\s+|el\s+)?(\d{{1,2}})(?:er|\.)?\s+(?:de\s+)?([^\W\d_]+)(?:,?\s+(?:de\s+)?(\d{{4}}))?\b"
)
_COMMAS = re.compile("[،、，]")
_MONTH_FIRST = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_DIGIT = re.compile(r"\d")  # the Arabic, Chinese and Japanese commas
# "2024年3月5日", "2024년 3월 5일": a date written year, month, day in Chinese, Japanese or Korean.
_YEAR_FIRST = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# "10 ottobre 2016 - L’Organizzazione …": a text opening with its date alone.
_DATE_PREFIX = re.compile(rf"^{_DATE.pattern}\s*[-–—−]{{1,2}}\s+(?=\S)")
# A paragraph that is only a date ("14 juin 2019"): the publication date at the head of an article.
_DATE_ONLY = re.compile(rf"^\s*{_DATE.pattern}\s*$")


@dataclass
class Dateline:
    place: str
    places: list[str]
    country: str | None
    published: date | None
    rest: str


def _to_date(day: str, month: str, year: str | None) -> date | None:
    if not year or month not in _MONTHS:
        return None
    try:
        return date(int(year), _MONTHS[month], int(day))
    except ValueError:
        return None


def _year_first(match: re.Match) -> date | None:
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def _date_in(text: str) -> tuple[date | None, str]:
    """(the date written in a dateline's place, the place without its date words)."""
    if not _DIGIT.search(text):
        return None, text
    if found := _YEAR_FIRST.search(text):
        return _year_first(found), (text[: found.start()] + text[found.end() :]).strip(" ,")
    folded = fold(text)
    if (found := _MONTH_FIRST.search(folded)) and found.group(1) in _MONTHS and folded.isascii():
        # "Geneva, March 5, 2020": the English order (ASCII, so that folded and written positions agree).
        day, month, year = found.group(2, 1, 3)
        return _to_date(day, month, year), (text[: found.start()] + text[found.end() :]).strip(" ,")
    folded, positions = fold_with_positions(text)
    for match in _DATE.finditer(folded):
        if match.group(2) in _MONTHS:
            found = _to_date(*match.group(1, 2, 3))
            place = text[: positions[match.start()]] + text[positions[match.end()] :]
            return found, re.sub(r"\s*\(\s*\)", "", place).strip(" ,")  # "Genève (25 juin 2019)"
    return None, text


def date_line(paragraph: str) -> date | None:
    """The date of a paragraph that holds only a date with its year ("14 juin 2019", "2024年3月5日")."""
    if len(paragraph) < 40 and (found := _YEAR_FIRST.fullmatch(paragraph.strip(" ."))):
        return _year_first(found)
    match = _DATE_ONLY.match(fold(paragraph).strip(" .")) if len(paragraph) < 40 else None
    if not match or match.group(2) not in _MONTHS:
        return None
    return _to_date(*match.group(1, 2, 3))


def date_prefix(paragraph: str) -> tuple[date | None, str] | None:
    """(its date, the rest) of a paragraph opening with a date and a dash ("10 ottobre 2016 - …")."""
    if not _DIGIT.search(paragraph, 0, 30):
        return None
    folded, positions = fold_with_positions(paragraph[:80])
    match = _DATE_PREFIX.match(folded)
    if not match or match.group(2) not in _MONTHS:
        return None
    return _to_date(*match.group(1, 2, 3)), paragraph[positions[match.end()] :]


def _country_of(parts: list[str], language: str | None = None) -> str | None:
    """'Minsk, Bélarus', 'Tapachula (México)': the country a part names, else the first part's city."""
    named = re.search(r"\(([^)]+)\)", parts[0])
    for part in [*reversed(parts[1:]), *([named.group(1)] if named else []), parts[0]]:
        country = country_code(part)
        if country:
            return country
    return place_country(re.sub(r"\s*\(.*?\)", "", parts[0]), language)


def _bare_country(paragraph: str) -> Dateline | None:
    """'République démocratique du Congo Les nouveaux affrontements ...': a country named
    without a dash before the first sentence."""
    words = paragraph[:120].split(" ")
    for n in range(min(6, len(words) - 1), 0, -1):
        place = " ".join(words[:n])
        country = country_code(place) if place[:1].isupper() and words[n][:1].isupper() else None
        if country and words[n][1:2].islower():
            rest = paragraph[len(place) :].lstrip()
            return Dateline(place=place, places=[place], country=country, published=None, rest=rest)
    return None


def find_dateline(paragraph: str, bare: bool = True, language: str | None = None) -> Dateline | None:
    """'Costa Rica - Katy, ...' -> Dateline('Costa Rica', 'CR', ...).

    Several places ("Genève/ Port-au-Prince, 9 mars –") are all kept; the first
    gives the country. The place must be a country or a city that the
    gazetteer knows, so that an ordinary sentence with a dash is not taken
    for a dateline. `bare`: a country named without a dash counts too.
    """
    match = (
        _DATELINE.match(paragraph) or _DATELINE_STOP.match(paragraph) or _DATELINE_BRACKETS.match(paragraph)
    )
    if not match:
        return _bare_country(paragraph) if bare else None
    printed = match.group("place").strip(" ,、，،")
    if re.search(r"\b[A-Z]\.[A-Z]$", printed):
        printed += "."  # "Washington, D.C." keeps its last full stop
    published, place = _date_in(_COMMAS.sub(",", printed))
    place = place.strip(" ,.")
    parts = [part.strip() for part in place.split(",") if part.strip()]
    places = [p.strip() for p in re.split(r"\s*/\s*", parts[0]) if p.strip()] if parts else []
    if not places or len(parts) > 3 or any(len(part.split()) > 5 for part in [*places, *parts[1:]]):
        return None
    # The first place known gives the country ("Floriana/Roma/Bruxelles": a town the gazetteer lacks).
    country = next(
        (c for place_ in places if (c := _country_of([place_, *parts[1:]], language)) is not None), None
    )
    if country is None:
        return None
    place = printed  # as printed, date words included: they leave the body with it
    return Dateline(
        place=place, places=places, country=country, published=published, rest=match.group("rest")
    )


# ---------------------------------------------------------------- projects
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


class _Projects:
    """Projects in page order, each once: mentions with and without the acronym are one project."""

    def __init__(self) -> None:
        self.found: list[ParsedProject] = []

    def get(self, acronym: str) -> ParsedProject | None:
        return next((p for p in self.found if p.acronym == acronym), None)

    def add(self, name: str, acronym: str | None = None) -> None:
        name = re.sub(r"\s+", " ", name).strip(" ,.;:")
        if len(name) < 2 or (acronym and acronym in _NOT_PROJECTS) or name in _NOT_PROJECTS:
            return
        for i, known in enumerate(self.found):
            same_name = fold(known.name) == fold(name)
            same_acronym = acronym is not None and acronym in (known.acronym, known.name)
            if same_name or same_acronym or (known.acronym and known.acronym == name):
                # One project: its full name (not the bare acronym), its acronym when any mention gives one.
                better = name if known.name == known.acronym and name != acronym else known.name
                self.found[i] = ParsedProject(name=better, acronym=known.acronym or acronym)
                return
        self.found.append(ParsedProject(name=name, acronym=acronym))


def find_projects(text: str) -> list[ParsedProject]:
    projects = _Projects()
    add = projects.add
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
        known = projects.get(acronym)
        add(known.name if known else acronym, acronym)
    return projects.found


# ---------------------------------------------------------------- quoted people
_PARTICLE = r"(?:de|da|di|del|van|von|le|la|du|dos|das|bin|ben|al|el)\s"
_NAME = rf"{_CAP}[{_LOWER}'’-]+(?:[ -](?:{_PARTICLE})?{_CAP}[{_LOWER}'’-]+){{1,3}}"
_SPEECH = (
    r"(?:explique|expliquait|déclare|a déclaré|a expliqué|affirme|a affirmé|ajoute|a ajouté|"
    r"précise|a précisé|souligne|a souligné|indique|a indiqué|estime|rappelle|conclut|poursuit|"
    r"dit|a dit|note|observe|commente|insiste|selon|d'après|says|said|explains|explained|according to)"
)
_CIVILITY = r"(?:(?:M\.|Mme|Mlle|Dr\.?|Pr\.?|Mr\.?|Ms\.?)\s+)?"
# "..., explique Ana Hidalgo, Coordinatrice régionale de la lutte contre la traite au Costa Rica."
# The role ends at the first comma: what follows is the next clause (", aujourd’hui à Genève").
_SPEECH_THEN_NAME = re.compile(
    rf"\b{_SPEECH}\s+{_CIVILITY}(?P<name>{_NAME}),\s+(?P<role>[^.;:!?«»“”\",]{{3,200}}?)\s*(?=[.;:!?«»“”\",]|$)"
)
# "..., déclare le Directeur général de l’OIM, William Lacy Swing." (the role before the name)
_SPEECH_THEN_ROLE = re.compile(
    rf"\b{_SPEECH}\s+(?:le|la|l['’])\s*(?P<role>[^.;:!?«»“”\",]{{3,120}}?),\s+{_CIVILITY}(?P<name>{_NAME})"
    r"(?=\s*[.;:!?«»“”\",]|\s*$)"
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


def find_quoted_people(text: str) -> list[ParsedQuote]:
    quotes: dict[str, ParsedQuote] = {}
    for pattern in (_NAME_THEN_SPEECH, _SPEECH_THEN_NAME, _SPEECH_THEN_ROLE):
        for match in pattern.finditer(text):
            role = re.sub(r"\s+", " ", match.group("role")).strip(" ,")
            name = match.group("name").strip()
            if not _ROLE_WORD.search(role) or country_code(name):
                continue
            quotes.setdefault(name.casefold(), ParsedQuote(name=name, role=role))
    # In page order.
    return sorted(quotes.values(), key=lambda q: text.find(q.name))
