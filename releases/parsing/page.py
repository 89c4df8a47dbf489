"""One page to one release: the steps of parsing, in order."""

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

from .body import Dateline, date_line, date_prefix, find_dateline, find_projects, find_quoted_people
from .contacts import EMAIL, find_contact_block, opening_remainder, parse_contact_lines
from .errors import NotARelease
from .heading import Heading, is_caption, is_glued, is_label, looks_like_menu, read_heading
from .kinds import ReleaseShape, refuse_non_release
from .language import detect_language
from .navigation import DEFAULT, Navigation, template_menu_length
from .places import city_countries, country_code
from .reading import PageLines
from .results import ParsedContact, ParsedOffice, ParsedRelease, fingerprint
from .text import fold, restore_ligatures, to_paragraphs, word_count
from .warnings import ParseWarning

MAX_TITLE_LENGTH = 300
MENU_ITEM_LENGTH = 150
MAX_CONTACT_LINES = 60
CONTACT_TAIL_LINES = 12  # a contact block sits in the last lines
# Menu lines left over sit at the top of the body.
MENU_LEFTOVER_LINES = 20
# A title made from the first sentence, when the page has none, is cut about here.
DERIVED_TITLE_LENGTH = 150


def parse_page(
    page: PageLines,
    source: str,
    navigation: Navigation | Mapping[str, Iterable[str]] | Iterable[str] = DEFAULT,
) -> ParsedRelease:
    """The release a page holds; NotARelease or PageError (with a code) when it holds none."""
    navigation = navigation if isinstance(navigation, Navigation) else Navigation.of(navigation)
    lines, stripped = strip_navigation(page.lines, navigation)
    # What a menu has: the site's known lines, and this page's own menu lines.
    menu = navigation.every_line | stripped
    heading = find_heading(page, lines, menu, bool(stripped))
    warnings = [*page.warnings, *menu_warnings(heading, menu)]
    if heading.guessed:
        warnings.append(ParseWarning("title_guessed", heading.title or ""))
    body_lines, contact_lines = split_contact_block(heading.body, warnings)
    language = release_language(heading.title, body_lines)
    paragraphs, dateline, published = read_body(body_lines, page.is_html, language)
    if not paragraphs:
        warnings.append(ParseWarning("empty_body"))
    title = settle_title(heading.title, paragraphs or [line for line in lines if line], menu, warnings)
    shape = ReleaseShape(title, heading.title is not None, body_lines, contact_lines, dateline is not None)
    nearly = refuse_non_release(lines, shape)
    if nearly:
        warnings.append(ParseWarning("nearly_refused", ", ".join(nearly)))
    contacts, offices = read_contacts(contact_lines, warnings)
    release_office = next((offices[c.office] for c in contacts if c.office in offices), None)
    flat_body = " ".join(paragraphs)
    return ParsedRelease(
        source=source,
        canonical_url=page.canonical_url,
        title=title,
        subtitle=heading.subtitle,
        body="\n\n".join(paragraphs),
        dateline=dateline.place if dateline else None,
        dateline_places=dateline.places if dateline else [],
        dateline_country=dateline.country if dateline else None,
        published=page.published or published,
        language=language,
        country=(release_office.country if release_office else None)
        or (dateline.country if dateline else None),
        office=release_office,
        offices=list(offices.values()),
        contacts=contacts,
        projects=find_projects(flat_body),
        quoted_people=find_quoted_people(flat_body),
        warnings=warnings,
        text=page.text,
        fingerprint=fingerprint([title, *(line for line in lines if line)]),
    )


# ---------------------------------------------------------------- steps
def strip_navigation(lines: list[str], navigation: Navigation) -> tuple[list[str], frozenset[str]]:
    """The page without the menu that opens it (its site's as learned, then the template's as
    laid out), and the keys of the lines taken away."""
    _site, length = navigation.strip_length(lines)
    length += template_menu_length(lines[length:])
    rest = lines[length:]
    # (Menu items are short; the long descriptions glued to them are never compared.)
    stripped = frozenset(fold(line) for line in lines[:length] if line and len(line) <= MENU_ITEM_LENGTH)
    if not any(rest) and length:
        raise NotARelease("only site navigation", "only_navigation")
    if not any(rest):
        raise NotARelease("empty page", "empty_page")
    return rest, stripped


def find_heading(page: PageLines, lines: list[str], menu: frozenset[str], menu_stripped: bool) -> Heading:
    """The title and the body's lines: an HTML page names its title, a text page is read for it."""
    if page.title:
        title = fold(page.title)
        return Heading(page.title, [line for line in lines if fold(line) != title and not is_caption(line)])
    return read_heading(lines, menu, menu_stripped)


def menu_warnings(heading: Heading, menu: frozenset[str]) -> list[ParseWarning]:
    """Lines left in the body that a menu has (menu items are short, or glued to their text)."""
    leftovers = [
        line
        for line in heading.body[:MENU_LEFTOVER_LINES]
        if line and (word_count(line) < 7 or is_glued(line)) and fold(line) in menu
    ]
    return [ParseWarning("menu_lines_in_body", " | ".join(leftovers[:5]))] if leftovers else []


def split_contact_block(lines: list[str], warnings: list[ParseWarning]) -> tuple[list[str], list[str]]:
    """(the body's lines, the contact block's lines)."""
    block = find_contact_block(lines)
    if not block:
        # E-mails at the end of the text: a contact block whose opening was not recognised.
        emails = [m for line in lines[-CONTACT_TAIL_LINES:] for m in EMAIL.findall(line)]
        warnings.append(
            ParseWarning("contact_block_not_recognised", emails[0])
            if emails
            else ParseWarning("no_contact_block")
        )
        return lines, []
    contact_lines = [opening_remainder(lines[block[1] - 1]), *lines[block[1] :]]
    if len(contact_lines) > MAX_CONTACT_LINES:
        # A contact block is a few lines; what follows it is not contacts.
        warnings.append(
            ParseWarning("lines_after_contact_block", str(len(contact_lines) - MAX_CONTACT_LINES))
        )
        contact_lines = contact_lines[:MAX_CONTACT_LINES]
    return lines[: block[0]], contact_lines


def release_language(title: str | None, body_lines: list[str]) -> str:
    """The language of the title and the first lines of the text."""
    return detect_language(" ".join([title or "", *(line[:500] for line in body_lines[:40])]))


def read_body(
    lines: list[str], is_html: bool, language: str | None = None
) -> tuple[list[str], Dateline | None, date | None]:
    """(paragraphs, dateline, date of a date line) of the body, the dateline's words removed."""
    # HTML paragraphs are blocks: their lines (<br>) join like hard-wrapped text.
    text = restore_ligatures("\n\n".join(to_paragraphs(lines, True if is_html else None)))
    paragraphs = [p for p in text.split("\n\n") if p]
    published = date_line(paragraphs[0]) if paragraphs else None
    if published:
        paragraphs = paragraphs[1:]  # "14 juin 2019" at the head of the article
    dateline = None
    # The dateline opens the first paragraph, or the next one after a subtitle.
    for index, paragraph in enumerate(paragraphs[:2]):
        dateline = find_dateline(paragraph, language=language)
        if dateline and (dated := date_line(dateline.rest)) and len(paragraphs) > index + 1:
            # "Tripoli - 17 mars 2022" on its own line, the text below it.
            published = published or dated
            del paragraphs[index]
        elif dateline:
            paragraphs[index] = dateline.rest
        elif dated := date_prefix(paragraph):  # a date without a place: "10 ottobre 2016 - …"
            published, paragraphs[index] = published or dated[0], dated[1]
            break
        if dateline or re.search(r"[.!?…»”]$", paragraph):
            break
    return paragraphs, dateline, published or (dateline.published if dateline else None)


def settle_title(
    title: str | None, paragraphs: list[str], menu: frozenset[str], warnings: list[ParseWarning]
) -> str:
    """The release's title, with a warning when an editor should look at it."""
    if not title:
        warnings.append(ParseWarning("no_title"))
        first = paragraphs[0] if paragraphs else ""
        sentence = re.split(r"(?<=[.!?…])\s|(?<=[。！？])", first, maxsplit=1)[0]
        title = _cut(sentence, DERIVED_TITLE_LENGTH)
    elif is_label(title):
        warnings.append(ParseWarning("title_is_label", title))
    elif looks_like_menu(title, menu):
        warnings.append(ParseWarning("title_is_menu", title))
    if len(title) > MAX_TITLE_LENGTH:
        warnings.append(ParseWarning("title_too_long"))
        title = _cut(title, MAX_TITLE_LENGTH)
    return restore_ligatures(title)


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"


def read_contacts(
    lines: list[str], warnings: list[ParseWarning]
) -> tuple[list[ParsedContact], dict[str, ParsedOffice]]:
    """The contact block's people, each with an office, and the offices with their countries."""
    if not lines:  # no contact block
        return [], {}
    people, contact_warnings = parse_contact_lines(lines)
    warnings.extend(contact_warnings)
    offices = resolve_offices(people)
    for person in people:
        if person.office is None and person.phone_regions:
            # No office line: the release's office in the country of their phone.
            region = person.phone_regions[0]
            person.office = next((o.name for o in offices.values() if o.country == region), None)
        if not person.name:
            warnings.append(ParseWarning("contact_without_name", person.email or ""))
        elif not person.email:
            warnings.append(ParseWarning("contact_without_email", person.name))
    if not people:
        warnings.append(ParseWarning("contact_block_without_person"))
    return people, offices


def resolve_offices(people: list[ParsedContact]) -> dict[str, ParsedOffice]:
    """Each office's city and country: the country it names, else its contacts' phones."""
    offices: dict[str, ParsedOffice] = {}
    members: dict[str, list[ParsedContact]] = {}
    for person in people:
        if person.office:
            members.setdefault(person.office, []).append(person)
    for name, group in members.items():
        place = name.split(" ", 1)[1] if " " in name else name
        named = country_code(place)
        if named:
            offices[name] = ParsedOffice(name=name, city=None, country=named)
            continue
        regions = Counter(region for person in group for region in person.phone_regions[:1])
        cities = city_countries(place)
        country = next((r for r, _n in regions.most_common() if not cities or r in cities), None)
        if country is None:
            country = cities[0] if cities else (regions.most_common(1)[0][0] if regions else None)
        offices[name] = ParsedOffice(name=name, city=place, country=country)
    return offices
