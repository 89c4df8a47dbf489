"""The press-contact directory as files: vCards (address books, phones) and CSV (spreadsheets)."""

import csv

import vobject

from core import phones
from core.countries import country_label
from core.spreadsheets import spreadsheet_cell

VCARD_TYPES = {"mobile": ["CELL", "VOICE"], "fixe": ["WORK", "VOICE"]}
CSV_COLUMNS = [
    "nom", "courriel", "téléphones", "bureau", "pays", "dernier_communiqué", "communiqués",
    "peut_être_plus_à_jour", "page",
]  # fmt: skip


def dialable(e164: str) -> str:
    """A number for an address book: an extension after a pause (","), which phones dial
    once the call is answered (vCard 3.0 has no extension field)."""
    number, extension = phones.split_extension(e164)
    return f"{number},{extension}" if extension else number


def vcard(person, url: str) -> str:
    """One person's vCard 3.0: name, office, e-mail, phones (mobile or work), their page."""
    card = vobject.vCard()
    card.add("fn").value = person.name
    given, _, family = person.name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if person.office:
        card.add("org").value = [person.office.name]
    if person.email:
        email = card.add("email")
        email.value, email.type_param = person.email, ["INTERNET", "WORK"]
    for number in person.phones:
        tel = card.add("tel")
        tel.value = dialable(number)
        tel.type_param = VCARD_TYPES.get(phones.kind(number), ["VOICE"])
        tel.encoded = True  # a phone number, not text: its "," pause is not escaped
    card.add("url").value = url
    return card.serialize()


def csv_rows(people, absolute_url):
    """The directory's header and one row a person (formulas neutralised)."""

    def row(person):
        office = person.office
        return [
            person.name,
            person.email or "",
            "; ".join(phones.display(n) for n in person.phones),
            office.name if office else "",
            country_label(office.country) if office else "",
            person.last_release.isoformat() if person.last_release else "",
            person.release_count,
            "oui" if person.possibly_stale else "non",
            absolute_url(person.get_absolute_url()),
        ]

    yield CSV_COLUMNS
    for person in people:
        yield [spreadsheet_cell(cell) for cell in row(person)]


class Echo:
    """A file for csv.writer that hands each line back (streamed responses)."""

    def write(self, value):
        return value


def csv_lines(rows):
    writer = csv.writer(Echo())
    yield "\ufeff"  # the BOM: spreadsheets then read the file as UTF-8
    for row in rows:
        yield writer.writerow(row)
