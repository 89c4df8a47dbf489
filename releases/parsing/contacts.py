"""The contact block at the end of a release: who to call, at which office."""

import re

import phonenumbers

from . import words
from .places import french_place
from .results import ParsedContact
from .text import fold, fold_with_positions
from .warnings import ParseWarning

# The words come from words.toml, in every language; the shapes are the same in all.
# "Pour plus d’informations, veuillez contacter :", "... prière de contacter",
# "For more information, please contact:", "如需更多信息，请联系：", "Contacts presse :".
_OPENING_START = words.starts_with("contact_opening")
_OPENING_VERB = re.compile(rf"(?<![^\W_])(?:{words.alternation('contact_verb')})(?![^\W\d_])\s*:?\s*")
# "Si vous souhaitez acquérir l'étude, veuillez contacter :": any line that ends on the verb.
_ENDS_ON_VERB = re.compile(rf"(?<![^\W_])(?:{words.alternation('contact_verb')})\s*(?::|\.\.\.|…)?$")
_OPENING_MAX_LINES = 3
_VERB_TAIL = 40  # the verb that ends an opening is in its line's last characters
# An opening without its verb ("Per maggiori informazioni:") is one when people follow it at once.
_PEOPLE_WITHIN = 4
_OPENING_MAX_WORDS = 40

EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_HTML_JUNK = re.compile(
    r"""<[^>]*>|\b(?:href|target|title|class|rel|style)\s*=\s*(?:"[^"]*"|'[^']*'|\S*)|mailto:|["'<>]"""
)
_AND = r"(?:/|et|and|y|e|und|и|і|و)"
_PHONE_LABEL = re.compile(
    rf"^(?:{words.alternation('phone_label')})(?![^\W\d_])\.?"
    rf"(?:\s*{_AND}\s*(?:{words.alternation('phone_label')}|{words.alternation('fax_label')})\.?)?\s*[.:]?\s*"
)
_FAX_LABEL = re.compile(rf"^(?:{words.alternation('fax_label')})(?![^\W\d_])")
_LABEL_ONLY = re.compile(r"^[\w\s.'’-]{1,30}:\s*$")
_EMAIL_LABEL = re.compile(rf"^(?:{words.alternation('email_label')})(?![^\W\d_])\s*:?\s*")
# "OIM Rome", "l’OIM Costa Rica", "IOM in Kenya", "المنظمة الدولية للهجرة في القاهرة",
# "Bureau de l'OIM à Genève", "Mission de l’OIM au Niger".
_ORGANISATION = rf"(?:l'\s*)?(?:{words.alternation('organisation')})(?![^\W\d_])"
_IN_PLACE = rf"(?:(?:{words.alternation('office_preposition')})(?![^\W\d_])\s*)?(?:l'\s*)?"
_OFFICE = re.compile(
    rf"^{_ORGANISATION}[\s,–—-]*{_IN_PLACE}(?P<place>[^\d@:]{{2,60}})$"
    rf"|^(?:{words.alternation('office_word')})\s+(?:(?:de|of|del|da|do|di|der)\s+(?:la\s+|the\s+)?)?"
    rf"{_ORGANISATION}\s*{_IN_PLACE}(?P<place2>[^\d@:]{{2,60}})$"
)
_UNCASED_PLACE_WORDS = 4
_TWO_DIGITS = re.compile(r"\d{2}")
_PHONE_ONLY = re.compile(
    r"[+(]?[\d\s().,/#-]{7,}(?:\s*(?:ext|poste)\.?\s*\d+)?", re.IGNORECASE
)  # a place in a script without capitals ("القاهرة"): a few words, not a sentence
_CIVILITY = re.compile(r"^(?:M\.|Mme\.?|Mlle\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?)\s+")
_NAME = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[\w'’.-]+){0,5}$")
_EXTENSION = re.compile(r"[,;\s]*\b(?:ext|extension|poste|int|interne)\b\.?\s*[:.]?\s*(\d{1,6})", re.I)
_NUMBER = re.compile(r"(\+?\s*\(?\d[\d\s().-]{4,}\d)(?:#(\d+))?")


def opens_contact_block(lines: list[str], start: int) -> int | None:
    """How many lines the opening phrase starting at lines[start] takes (None: it opens no block)."""
    key = fold(lines[start])
    if key.count(" ") >= _OPENING_MAX_WORDS:
        return None
    heading = words.is_phrase("contact_heading", key)  # "Contacts presse :", "Контакты"
    opening = not heading and bool(_OPENING_START.match(key))
    if opening:
        for offset in range(_OPENING_MAX_LINES):
            if start + offset < len(lines) and _OPENING_VERB.search(fold(lines[start + offset])):
                return offset + 1
    # "Pour plus d’informations et pour obtenir une copie de" cut before its verb, or
    # "Si vous souhaitez acquérir l'étude, veuillez contacter :": one when people follow.
    if heading or opening or _ENDS_ON_VERB.search(key[-_VERB_TAIL:]):
        return 1 if any(_has_means(line) for line in lines[start + 1 : start + 1 + _PEOPLE_WITHIN]) else None
    return None


def _has_means(line: str) -> bool:
    return bool(EMAIL.search(line)) or _is_phone_line(line)


def find_contact_block(lines: list[str]) -> tuple[int, int] | None:
    """(start of the opening phrase, first line after it), or None when the page has none."""
    for start in range(len(lines) - 1, -1, -1):
        if not lines[start]:
            continue
        length = opens_contact_block(lines, start)
        if length:
            end = start + length
            # "Pour plus d’informations et pour obtenir une copie de" / "l’étude, veuillez contacter :".
            for begin in range(start - 1, max(-1, start - _OPENING_MAX_LINES), -1):
                if lines[begin] and _OPENING_START.match(fold(lines[begin])):
                    return begin, end
            return start, end
    return None


def opening_remainder(line: str) -> str:
    """What follows the opening phrase on its own line ("... contacter : Jean Dupont")."""
    rest = words.after(_OPENING_VERB, line, search=True)
    return rest.strip() if rest else ""


def normalise_office(line: str) -> str | None:
    """An office line as the office's name: the organisation as "OIM", the place in French when
    the page names it in another language ('IOM Nairobi' -> 'OIM Nairobi', 'Bureau de l'OIM à
    Genève' -> 'OIM Genève', 'المنظمة الدولية للهجرة في مصر' -> 'OIM Égypte'); None for another line."""
    text = line.strip().rstrip(".,;")
    if not _OFFICE.match(fold(text)):
        return None
    folded, positions = fold_with_positions(text)
    match = _OFFICE.match(folded)
    group = "place" if match.group("place") is not None else "place2"
    place = text[positions[match.start(group)] : positions[match.end(group)]].strip(" .,;-–—")
    first = place[:1]
    # A place is named with a capital ("OIM Rome"); "l’OIM aide les migrants" is a sentence.
    if not first or first.islower() or EMAIL.search(place) or not first.isalpha():
        return None
    if not first.isupper() and len(place.split()) > _UNCASED_PLACE_WORDS:
        return None
    return f"OIM {french_place(place)}"


def parse_phones(text: str, default_region: str | None = None) -> tuple[list[str], list[str]]:
    """Phone numbers of one line in E.164 ("+50223336052;ext=125"), with their regions.

    "+511 221 7698/221-7209" is two numbers: the second keeps the first's
    country code and leading digits.
    """
    text = _PHONE_LABEL.sub("", fold(text))
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


_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'’.-]*|de|da|di|del|van|von|le|la|du|dos|das|bin|ben|al|el)$")
# Where one line holds several fields: "Jean Exemple, OIM Mali, Tel: ..., EMail: ...".
_FIELD_START = re.compile(
    r"\s*[,;|，]\s*(?=(?:"
    + "|".join(
        words.alternation(section)
        for section in ("phone_label", "fax_label", "email_label", "organisation", "office_word")
    )
    + r")(?![^\W\d_]))",
    re.IGNORECASE,
)


def _capitalised(word: str) -> bool:
    """A word written with a capital, or in a script without capitals ("王例", "سارة")."""
    return not word[:1].islower()


def _name_from(line: str) -> str | None:
    """The person's name a line gives, if any: never an e-mail, a field label or a headline."""
    text = EMAIL.sub("", _HTML_JUNK.sub(" ", line))
    text = re.sub(r"\(.*?\)", "", text)
    parts = re.split(r"\s*(?:,|;|:|\s[-–—]\s|\|)\s*", text.strip(), maxsplit=1)
    text = _CIVILITY.sub("", parts[0].strip()).strip(" .-–—")
    if not text or len(text) > 80 or any(ch.isdigit() for ch in text):
        return None
    if len(text) < 20 and words.is_phrase("field_label", text):
        return None
    if not _NAME.match(text) or not _capitalised(text):
        return None
    # A name's words are capitalised (particles aside): a headline's are not.
    if not all(_NAME_WORD.match(w) and (_capitalised(w) or len(w) <= 3) for w in text.split()):
        return None
    return text


def _is_phone_line(line: str) -> bool:
    if not _TWO_DIGITS.search(line):
        return False
    return bool(_PHONE_LABEL.match(fold(line)) or _PHONE_ONLY.fullmatch(line))


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
        remainder = words.after(_EMAIL_LABEL, line)
        remainder = line if remainder is None else remainder
        name = _name_from(remainder) if not _HTML_JUNK.search(line) else None
        if name:
            self.name(name)
        if self.current.email and emails[0] != self.current.email:
            self.close()
        self.current.email = self.current.email or emails[0]

    def read(self, line: str) -> None:
        if line.strip(" .,;") == "/" or words.is_phrase("contact_separator", line.strip(" .,;")):
            self.close()
            return
        if _FAX_LABEL.match(fold(line)):
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
