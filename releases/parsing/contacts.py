"""The contact block at the end of a release: who to call, at which office."""

import re

import phonenumbers

from .results import ParsedContact
from .text import fold
from .warnings import ParseWarning

# "Pour plus d’informations, veuillez contacter :", "... prière de contacter",
# "Pour plus d'informations et pour obtenir une copie de l'étude, veuillez contacter :",
# "For more information, please contact:", "Contacts presse :".
_OPENING_START = re.compile(
    r"^(?:pour (?:plus|de plus amples|davantage|toute|toutes|obtenir|en savoir)\b"
    r"|for (?:more|further|additional)\b|contacts?\b|contact presse|media contacts?)"
)
_OPENING_VERB = re.compile(
    r"\b(?:contacter|contactez|contact|contacts|s['’]adresser [àa]|joindre)\b\s*:?\s*", re.I
)
_OPENING_MAX_LINES = 3

EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_HTML_JUNK = re.compile(
    r"""<[^>]*>|\b(?:href|target|title|class|rel|style)\s*=\s*(?:"[^"]*"|'[^']*'|\S*)|mailto:|["'<>]"""
)
_SEPARATORS = {"ou", "or", "et", "and", "/"}
_PHONE_LABEL = re.compile(
    r"^(?:t[eé]l[eé]phone|telephone|t[eé]l|tel|phone|mobile|mob|portable|cellulaire|cell|gsm|fixe|bureau|office)\b\.?"
    r"(?:\s*(?:/|et|and)\s*(?:fax|mobile|portable))?\s*[.:]?\s*",
    re.IGNORECASE,
)
_FAX_LABEL = re.compile(r"^(?:fax|t[eé]l[eé]copie)\b", re.IGNORECASE)
_LABEL_ONLY = re.compile(r"^[\w\s.'’-]{1,30}:\s*$")
_EMAIL_LABEL = re.compile(
    r"^(?:e-?mail|courriel|courrier [eé]lectronique|m[eé]l|adresse [eé]lectronique)\b\s*:?\s*",
    re.IGNORECASE,
)
_OFFICE = re.compile(
    r"^(?:l['’]\s*)?(?P<org>OIM|IOM)\b[\s,–—-]+(?P<place>[^\d@:]{2,60})$"
    r"|^(?:le |la )?(?:bureau|mission)\s+de\s+l['’]\s*(?P<org2>OIM|IOM)\s+"
    r"(?:à|au|aux|en|de|du|pour|in)\s+(?:l['’]\s*)?(?P<place2>[^\d@:]{2,60})$",
    re.IGNORECASE,
)
_CIVILITY = re.compile(r"^(?:M\.|Mme\.?|Mlle\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?)\s+")
_NAME = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[\w'’.-]+){0,5}$")
_EXTENSION = re.compile(r"[,;\s]*\b(?:ext|extension|poste|int|interne)\b\.?\s*[:.]?\s*(\d{1,6})", re.I)
_NUMBER = re.compile(r"(\+?\s*\(?\d[\d\s().-]{4,}\d)(?:#(\d+))?")


def find_contact_block(lines: list[str]) -> tuple[int, int] | None:
    """(start of the opening phrase, first line after it), or None when the page has none."""
    for start in range(len(lines) - 1, -1, -1):
        if not _OPENING_START.match(fold(lines[start])):
            continue
        for offset in range(_OPENING_MAX_LINES):
            if start + offset >= len(lines):
                break
            if _OPENING_VERB.search(fold(lines[start + offset])):
                return start, start + offset + 1
        if re.fullmatch(r"contacts?( presse| media)?\s*:?", fold(lines[start])):
            return start, start + 1
    return None


def opening_remainder(line: str) -> str:
    """What follows the opening phrase on its own line ("... contacter : Jean Dupont")."""
    match = _OPENING_VERB.search(line)
    return line[match.end() :].strip() if match else ""


def normalise_office(line: str) -> str | None:
    """'l’OIM Costa Rica' -> 'OIM Costa Rica'; 'Bureau de l'OIM à Genève' -> 'OIM Genève'."""
    match = _OFFICE.match(line.strip().rstrip(".,;"))
    if not match:
        return None
    org = (match.group("org") or match.group("org2")).upper()
    place = (match.group("place") or match.group("place2")).strip(" .,;-–—")
    place = re.sub(r"^(?:en|au|aux|à|a|in|de|du|pour|for)\s+(?:l['’]\s*)?", "", place, flags=re.IGNORECASE)
    # A place is named with a capital ("OIM Rome"); "l’OIM aide les migrants" is a sentence.
    if not place[:1].isupper() or EMAIL.search(place):
        return None
    return f"{org} {place}"


def parse_phones(text: str, default_region: str | None = None) -> tuple[list[str], list[str]]:
    """Phone numbers of one line in E.164 ("+50223336052;ext=125"), with their regions.

    "+511 221 7698/221-7209" is two numbers: the second keeps the first's
    country code and leading digits.
    """
    text = _PHONE_LABEL.sub("", text.strip())
    text = _EXTENSION.sub(lambda m: f"#{m.group(1)}", text)
    text = re.sub(r"\+\s+", "+", text)
    numbers: list[str] = []
    regions: list[str] = []
    previous: phonenumbers.PhoneNumber | None = None
    for part in re.split(r"\s*(?:/|;|,|\bou\b|\bor\b|\bet\b)\s*", text):
        match = _NUMBER.search(part)
        if not match:
            continue
        raw, extension = match.group(1), match.group(2)
        digits = re.sub(r"\D", "", raw)
        if len(digits) < 6:
            continue
        try:
            if raw.lstrip().startswith("+"):
                number = phonenumbers.parse("+" + digits)
            elif digits.startswith("00"):
                number = phonenumbers.parse("+" + digits[2:])
            elif previous is not None and len(digits) < len(str(previous.national_number)):
                national = str(previous.national_number)
                prefix = national[: len(national) - len(digits)]
                number = phonenumbers.parse(f"+{previous.country_code}{prefix}{digits}")
            elif default_region:
                number = phonenumbers.parse(digits, default_region)
            else:
                continue
        except phonenumbers.NumberParseException:
            continue
        # Keep what the page says if phonenumbers finds it merely odd-sized,
        # but not when it is far from any phone number.
        if not phonenumbers.is_possible_number(number) and not 7 <= len(str(number.national_number)) <= 13:
            continue
        previous = number
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if extension:
            e164 += f";ext={extension}"
        if e164 not in numbers:
            numbers.append(e164)
            region = phonenumbers.region_code_for_number(number)
            if region and region != "ZZ":
                regions.append(region)
    return numbers, regions


def _emails(line: str) -> list[str]:
    found: list[str] = []
    for email in EMAIL.findall(line):
        email = email.lower().rstrip(".")
        if email not in found:
            found.append(email)
    return found


# Words that label a field of the page, never a person's name ("Posted", "Catégorie : ...").
_FIELD_LABELS = {
    "posted", "publie", "publie le", "date", "categorie", "category", "tags", "mots-cles", "partager",
    "share", "source", "photo", "auteur", "author", "communique", "press release", "comunicado",
}  # fmt: skip
_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'’.-]*|de|da|di|del|van|von|le|la|du|dos|das|bin|ben|al|el)$")
# Where one line holds several fields: "Jean Exemple, OIM Mali, Tel: ..., EMail: ...".
_FIELD_START = re.compile(
    r"\s*[,;|]\s*(?=(?:t[eé]l[eé]?(?:phone)?|tel|phone|mob(?:ile)?|portable|cell|gsm|fax|e-?mail|courriel"
    r"|m[eé]l|OIM|IOM|bureau de l)\b)",
    re.IGNORECASE,
)


def _name_from(line: str) -> str | None:
    """The person's name a line gives, if any: never an e-mail, a field label or a headline."""
    text = EMAIL.sub("", _HTML_JUNK.sub(" ", line))
    text = re.sub(r"\(.*?\)", "", text)
    parts = re.split(r"\s*(?:,|;|:|\s[-–—]\s|\|)\s*", text.strip(), maxsplit=1)
    text = _CIVILITY.sub("", parts[0].strip()).strip(" .-–—")
    if not text or len(text) > 80 or any(ch.isdigit() for ch in text):
        return None
    if len(text) < 20 and fold(text) in _FIELD_LABELS:
        return None
    if not _NAME.match(text) or not text[0].isupper():
        return None
    words = text.split()
    # A name's words are capitalised (particles aside): a headline's are not.
    if not all(_NAME_WORD.match(w) and (w[0].isupper() or len(w) <= 3) for w in words):
        return None
    return text


def _is_phone_line(line: str) -> bool:
    if _PHONE_LABEL.match(line) and re.search(r"\d{2}", line):
        return True
    return bool(re.fullmatch(r"[+(]?[\d\s().,/#-]{7,}(?:\s*(?:ext|poste)\.?\s*\d+)?", line, re.I))


# "... EMail: obelbeisi@iom.int or Ashraf Hassan, Tel ...": the next person on the same line.
_NEXT_PERSON = re.compile(r"\s+(?:ou|or|o|y)\s+(?=[A-ZÀ-Ý][\w'’-]+\s+[A-ZÀ-Ý])")


def _fields(lines: list[str]) -> list[str]:
    """The block's lines, a line holding several fields cut into one per field."""
    fields: list[str] = []
    for line in lines:
        line = line.strip()
        if not line or _HTML_JUNK.search(line):
            fields.extend([line] if line else [])
            continue
        for n, person in enumerate(_NEXT_PERSON.split(line)):
            fields.extend(["ou"] if n else [])
            for part in _FIELD_START.split(person):
                # "l’OIM en Libye, Othman Belbeisi": the office, then the person.
                office, _comma, rest = part.partition(", ")
                fields.extend([office, rest] if rest and normalise_office(office) else [part] if part else [])
    return fields


class _ContactReader:
    """Reads a contact block field by field; people are closed as the next one starts."""

    def __init__(self) -> None:
        self.people: list[ParsedContact] = []
        self.warnings: list[ParseWarning] = []
        self.current = ParsedContact()

    def close(self) -> None:
        if self.current.name or self.current.email:
            self.people.append(self.current)
        self.current = ParsedContact()

    def has_means(self) -> bool:
        return bool(self.current.email or self.current.phones)

    def name(self, name: str) -> None:
        if self.current.name and self.has_means():
            self.close()
        if not self.current.name:
            self.current.name = name

    def office(self, office: str) -> None:
        if self.current.office and self.has_means():
            self.close()
        self.current.office = self.current.office or office

    def phones(self, line: str) -> None:
        numbers, regions = parse_phones(line)
        if not numbers:
            self.warnings.append(ParseWarning("phone_not_understood", line))
        self.current.phones.extend(n for n in numbers if n not in self.current.phones)
        self.current.phone_regions.extend(regions)

    def emails(self, line: str, emails: list[str]) -> None:
        remainder = _EMAIL_LABEL.sub("", line)
        name = _name_from(remainder) if not _HTML_JUNK.search(line) else None
        if name:
            self.name(name)
        if self.current.email and emails[0] != self.current.email:
            self.close()
        self.current.email = self.current.email or emails[0]

    def read(self, line: str) -> None:
        if fold(line).strip(" .,;") in _SEPARATORS:
            self.close()
            return
        if _FAX_LABEL.match(line):
            return
        emails = _emails(line)
        office = normalise_office(line)
        if office:
            self.office(office)
        elif _is_phone_line(line) and not emails:
            self.phones(line)
        elif emails:
            self.emails(line, emails)
        elif not (_LABEL_ONLY.match(line) or _HTML_JUNK.search(line)):
            name = _name_from(line)
            if name:
                self.name(name)


def parse_contact_lines(lines: list[str]) -> tuple[list[ParsedContact], list[ParseWarning]]:
    """People of a contact block, in page order, and what could not be understood.

    People are separated by a line "ou" (or "or", "et"), or by a new name once
    the current person has an e-mail or a phone. A person known only by an
    e-mail has no name (never the e-mail as a name).
    """
    reader = _ContactReader()
    for field in _fields(lines):
        reader.read(field)
    reader.close()
    return reader.people, reader.warnings
