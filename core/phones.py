"""Phone numbers as the portal stores and shows them: E.164, an extension as ";ext=".

Plain Python (phonenumbers only): used by the admin's phone field, merges and templates.
"""

import re

import phonenumbers

_EXTENSION = re.compile(
    r"[,;\s]*(?:;ext=|\b(?:ext|extension|poste|int|interne)\b\.?\s*[:.]?\s*|#)(\d{1,7})\s*$", re.I
)


def to_e164(typed: str, region: str | None = None) -> str | None:
    """One typed number to E.164 ("+41 22 717 91 11 poste 218" -> "+41227179111;ext=218").

    A national number takes `region`'s country code. None when it is not a phone number.
    """
    typed = (typed or "").strip()
    extension = None
    match = _EXTENSION.search(typed)
    if match:
        extension, typed = match.group(1), typed[: match.start()]
    digits = re.sub(r"[^\d+]", "", typed)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    try:
        number = phonenumbers.parse(digits, None if digits.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={extension}" if extension else e164


def split_extension(e164: str) -> tuple[str, str | None]:
    number, _, extension = e164.partition(";ext=")
    return number, extension or None


def tel_uri(e164: str) -> str:
    """The tel: link of a stored number; the extension stays ";ext=" (RFC 3966)."""
    number, extension = split_extension(e164 or "")
    number = re.sub(r"[^\d+]", "", number)
    return f"tel:{number};ext={extension}" if extension else f"tel:{number}"


def display(e164: str) -> str:
    """A stored number as people read it: grouped as its country writes it
    ("+502 2333 6052, poste 218"); what is not a number is shown as stored."""
    number, extension = split_extension(e164 or "")
    try:
        parsed = phonenumbers.parse(number, None)
        shown = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        shown = number
    return f"{shown}, poste {extension}" if extension else shown


# What phonenumbers' metadata says a number is, where it knows (many countries
# share ranges between fixed lines and mobiles: then nothing is said).
KINDS = {
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE: "fixe",
}


def kind(e164: str) -> str:
    """ "mobile", "fixe", or "" when the number's country does not tell them apart."""
    number, _extension = split_extension(e164 or "")
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return ""
    return KINDS.get(phonenumbers.number_type(parsed), "")


def unique_numbers(numbers, region: str | None = None) -> list[str]:
    """Numbers in E.164 where they can be (a national number takes `region`), each once,
    in their first order: "+41 22 717 91 11" and "022 717 91 11" in CH are one number."""
    seen: dict[str, None] = {}
    for number in numbers:
        seen.setdefault(to_e164(number, region) or number, None)
    return list(seen)
