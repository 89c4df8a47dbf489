"""The contact block at the end of a release: who to call, at which office."""

import re
from dataclasses import dataclass, field

import phonenumbers

from .text import fold

# "Pour plus d’informations, veuillez contacter :", "... prière de contacter",
# "Pour plus d'informations et pour obtenir une copie de l'étude, veuillez contacter :",
# "For more information, please contact:", "Contacts presse :".
_OPENING_START = re.compile(
    r"^(?:pour (?:plus|de plus amples|davantage|toute|toutes|obtenir|en savoir)\b"
    r"|for (?:more|further|additional)\b|contacts?\b|contact presse|media contacts?)"
)
_OPENING_VERB = re.compile(r"\b(?:contacter|contactez|contact|contacts|s'adresser a|joindre)\b\s*:?")
_OPENING_MAX_LINES = 3

EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_HTML_JUNK = re.compile(
    r"""<[^>]*>|\b(?:href|target|title|class|rel|style)\s*=\s*(?:"[^"]*"|'[^']*'|\S*)|mailto:|["'<>]"""
)
_SEPARATORS = {"ou", "or", "et", "and", "/"}
_PHONE_LABEL = re.compile(
    r"^(?:t[eé]l[eé]phone|telephone|t[eé]l|tel|phone|mobile|portable|cellulaire|cell|gsm|fixe|bureau|office)\b\.?"
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


@dataclass
class RawContact:
    name: str = ""
    office: str | None = None
    email: str | None = None
    phones: list[str] = field(default_factory=list)
    phone_regions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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
    match = _OPENING_VERB.search(fold(line))
    if not match:
        return ""
    # fold() keeps the length of plain text, but not always of accented text: cut on the colon.
    if ":" in line:
        return line.split(":", 1)[1].strip()
    return ""


def normalise_office(line: str) -> str | None:
    """'l’OIM Costa Rica' -> 'OIM Costa Rica'; 'Bureau de l'OIM à Genève' -> 'OIM Genève'."""
    match = _OFFICE.match(line.strip().rstrip(".,;"))
    if not match:
        return None
    org = (match.group("org") or match.group("org2")).upper()
    place = (match.group("place") or match.group("place2")).strip(" .,;-–—")
    if not place or EMAIL.search(place):
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


def _name_from(line: str) -> str | None:
    text = EMAIL.sub("", _HTML_JUNK.sub(" ", line))
    text = re.sub(r"\(.*?\)", "", text)
    text = re.split(r"\s*(?:,|;|:|\s[-–—]\s|\|)\s*", text.strip(), maxsplit=1)[0]
    text = _CIVILITY.sub("", text.strip()).strip(" .-–—")
    if not text or any(ch.isdigit() for ch in text) or len(text) > 80:
        return None
    if not _NAME.match(text) or not text[0].isupper():
        return None
    return text


def _is_phone_line(line: str) -> bool:
    if _PHONE_LABEL.match(line) and re.search(r"\d{2}", line):
        return True
    return bool(re.fullmatch(r"[+(]?[\d\s().,/#-]{7,}(?:\s*(?:ext|poste)\.?\s*\d+)?", line, re.I))


def parse_contact_lines(lines: list[str]) -> list[RawContact]:
    """People of a contact block, in page order.

    People are separated by a line "ou" (or "or", "et"), or by a new name once
    the current person has an e-mail or a phone.
    """
    people: list[RawContact] = []
    current = RawContact()

    def close() -> None:
        nonlocal current
        if current.name or current.email:
            people.append(current)
        current = RawContact()

    for line in lines:
        line = line.strip()
        if not line:
            continue
        if fold(line).strip(" .,;") in _SEPARATORS:
            close()
            continue
        emails = _emails(line)
        if _FAX_LABEL.match(line):
            continue
        office = normalise_office(line)
        if office:
            if current.office and (current.email or current.phones):
                close()
            current.office = current.office or office
            continue
        if _is_phone_line(line) and not emails:
            numbers, regions = parse_phones(line)
            if not numbers:
                current.warnings.append(f"phone not understood: {line!r}")
            for number in numbers:
                if number not in current.phones:
                    current.phones.append(number)
            current.phone_regions.extend(regions)
            continue
        remainder = _EMAIL_LABEL.sub("", line)
        if emails:
            name = _name_from(remainder) if not _HTML_JUNK.search(line) else None
            if name and current.name and (current.email or current.phones):
                close()
            if name and not current.name:
                current.name = name
            if current.email and emails[0] != current.email:
                close()
            current.email = current.email or emails[0]
            continue
        if _LABEL_ONLY.match(line) or _HTML_JUNK.search(line):
            continue
        name = _name_from(line)
        if name:
            if current.name and (current.email or current.phones):
                close()
            if not current.name:
                current.name = name
    close()
    return people
