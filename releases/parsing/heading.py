"""Where a release starts: its title, and the first line of its body.

After the known menu is stripped, a page opens with its title, sometimes
printed twice, sometimes followed by a subtitle or a photo caption, sometimes
with no title at all. A page from a never-seen site still opens with its
menu: the run of short lines without sentence punctuation before the first
real paragraph, whose last line is the title.
"""

import re
from dataclasses import dataclass

from . import words
from .body import date_line, find_dateline
from .places import country_code
from .text import display_length, fold, word_count, wrap_width

HEAD_LINES = 120  # the first paragraph is looked for this far down
SALUTATION_WORDS = 25
SECTION_LABEL_WORDS = 10
REPEATED_LETTERS = 12  # a line printed again is this long at least (letters and digits)
TITLE_WORDS = 4  # a title printed twice has at least this many words (menu items fewer)
MENU_ITEM_LENGTH = 150  # longer lines are menu items only when glued to their text
_SENTENCE_END = re.compile(r"""[.…。](?:\s*[»”"')])?$|[.!?…]\s*[»”"]$|[！？؟]$""")
_NOT_LETTERS = re.compile(r"[\W_]+")
_BULLET = re.compile(r"^(?:[-–—•·›»|*>]|\d{1,2}[.)])(?:\s|$)")
_INNER_SENTENCE_END = re.compile(r"[a-zà-ÿ]{2}[.!?…][»”\"]?\s+[«“\"A-ZÀ-Ý]")
# "Qui sommes nousL'Organisation ...": a menu item glued to its description.
# "WHO WE AREThe International ...", "Notre TravailEn tant que ...": likewise.
# (Latin, Cyrillic and Greek letters: the scripts with capitals.)
_LOWER = "a-zß-öø-ÿа-яёіїєґα-ω"
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐΑ-Ω"
_GLUED = re.compile(
    rf"^[^.!?]{{2,40}}?(?:[{_LOWER}][{_UPPER}](?:['’]|[{_LOWER}])|[{_UPPER}]{{3}}[{_LOWER}]{{2}})"
)
# "21/04/2021", "Tue, 10/13/2020 - 08:16", "IOM - News - Ven, 09/08/2017 - 11:21": a date stamp.
_NUMERIC_DATE = re.compile(
    r"^(?:[^\n]{0,40}?\s[-–]\s)?(?:[^\W\d_]{3,9}\.?,?\s+)?\d{1,2}/\d{1,2}/\d{2,4}(?:\s*[-–]\s*\d{1,2}:\d{2})?$"
)
# "Photo : OIM/Awa Exemple", "Фото: УНІАН", "© OIM", "… Photo OIM Sénégal 2024." (in folded text)
# "31/01/2019 - 17:25": a date and a time, which only a page's stamp gives.
_TIME_STAMP = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\s*[-–,]?\s*\d{1,2}:\d{2}\b")
STAMP_WORDS = 15
_CAPTION = re.compile(
    rf"(?<![^\W_])(?:{words.alternation('photo_credit')})\s*[:：]|©"
    rf"|(?<![^\W_])(?:{words.alternation('photo_credit')})\s[^.]{{0,60}}\b(?:19|20)\d\d\.?$"
)
# "… de la", "… the": the line's sentence goes on below.
_FUNCTION_WORD = re.compile(rf"(?:^|\s)(?:{words.written('function_word')}),?$", re.IGNORECASE)


@dataclass
class Heading:
    title: str | None  # None: the page has no title line
    body: list[str]  # the body's lines, from the first paragraph on
    subtitle: str | None = None
    guessed: bool = False  # the title was told from lines a menu left, not from the page's layout


def is_salutation(line: str) -> bool:
    """A speech's first words ("Excellences, chers membres du Conseil,", "Ladies and gentlemen:"):
    the body's, never a title."""
    if word_count(line) > SALUTATION_WORDS or _SENTENCE_END.search(line):
        return False
    return line.endswith((",", "，", "،")) or words.starts_line("salutation", line)


def is_caption(line: str) -> bool:
    return len(line) < 400 and bool(_CAPTION.search(fold(line)))


def is_glued(line: str) -> bool:
    """A menu item glued to its description ("Qui sommes nousL'Organisation ...")."""
    return bool(_GLUED.match(line))


def is_label(line: str) -> bool:
    """A word that labels a page's kind or scope ("Communiqué", "Notizia", "Global"), never a title."""
    return words.is_phrase("page_label", line)


def looks_like_menu(line: str, navigation: frozenset[str] = frozenset()) -> bool:
    """A line that only a menu has: a bullet, an item glued to its text, a known menu line, a label."""
    if _BULLET.match(line) or _GLUED.match(line):
        return True
    if len(line) > MENU_ITEM_LENGTH:
        return False
    return fold(line) in navigation or is_label(line)


def is_text(lines: list[str], i: int) -> bool:
    """lines[i] is the release's text, never a menu's: a paragraph, or a sentence."""
    line = lines[i]
    sentence = bool(_SENTENCE_END.search(line)) and not (_GLUED.match(line) or _BULLET.match(line))
    return sentence or starts_paragraph(lines, i)


def _short(line: str) -> bool:
    """A short line without sentence punctuation: a menu item rather than a title."""
    return word_count(line) <= 3 and not _SENTENCE_END.search(line)


def ends_mid_sentence(line: str) -> bool:
    """The line stops on a comma or a little word ("de", "the"): its sentence goes on below."""
    return bool(_FUNCTION_WORD.search(line, max(0, len(line) - 30)))


def starts_paragraph(lines: list[str], i: int) -> bool:
    """Whether lines[i] opens the release's first real paragraph (one line or hard-wrapped)."""
    line = lines[i]
    words = word_count(line)
    if words < 5 or is_caption(line) or _BULLET.match(line) or _GLUED.match(line):
        return False
    if words >= 8 and (_SENTENCE_END.search(line) or (words >= 12 and line.endswith(":"))):
        return True
    if words >= 32 or (words >= 12 and _INNER_SENTENCE_END.search(line)):
        return True  # longer than any title, or sentences: a paragraph (perhaps cut short)
    following = lines[i + 1] if i + 1 < len(lines) else ""
    # A wrapped line: the sentence goes on, on the next line.
    return words >= 5 and bool(following) and (following[0].islower() or ends_mid_sentence(line))


def _first_paragraph(lines: list[str]) -> int | None:
    for i, line in enumerate(lines[:HEAD_LINES]):
        if line and starts_paragraph(lines, i):
            following = next((x for x in lines[i + 1 : i + 3] if x), "")
            # A line followed by the dateline paragraph is the title, however long.
            return i + 1 if following and find_dateline(following) and not find_dateline(line) else i
    return None


def is_metadata(line: str) -> bool:
    """A date ("21 April, 2021"), a stamp ("This Press Note has been updated on 31/01/2019 - 17:25"),
    a field's label ("Country:") or a place tag ("Costa Rica")."""
    return (
        line.endswith(":")
        or bool(_NUMERIC_DATE.match(line))
        or (bool(_TIME_STAMP.search(line)) and word_count(line) <= STAMP_WORDS)
        or bool(date_line(line))
        or bool(country_code(line))
    )


def _is_section_label(lines: list[str], i: int, start: int) -> bool:
    """The site's section above a page's date ("DG's Statements and Speeches" / "21 Feb 2011")."""
    if word_count(lines[i]) > SECTION_LABEL_WORDS or not words.starts_line("section_label", lines[i]):
        return False
    following = next((line for line in lines[i + 1 : start] if line), "")
    return bool(date_line(following) or _NUMERIC_DATE.match(following))


def _letters(line: str) -> str:
    return _NOT_LETTERS.sub("", fold(_BULLET.sub("", line)))


def printed_again(line: str, again: str) -> bool:
    """`again` repeats `line`, perhaps with more words, other accents or apostrophes, or without its
    bullet: "Titre" / "Titre (rapport de situation)", "- L'OIM ROMA RAFFORZA" / "L’OIM ROMA RAFFORZA"."""
    letters = _letters(line)
    return len(letters) >= REPEATED_LETTERS and letters in _letters(again)


def _head(lines: list[str], start: int) -> tuple[list[int], set[int]]:
    """Indexes of the head's lines (no blank, caption or metadata, a line printed twice in a row
    once), and those of the lines printed twice."""
    kept: list[int] = []
    twice: set[int] = set()
    after_label = False
    for i, line in enumerate(lines[:start]):
        if not line:
            continue
        skip = after_label or is_caption(line) or is_metadata(line) or _is_section_label(lines, i, start)
        after_label = line.endswith(":")  # the next line is that field's value
        if skip:
            continue
        if kept and printed_again(lines[kept[-1]], line):
            twice.add(kept[-1])
            continue
        kept.append(i)
    return kept, twice


def _body_from(lines: list[str], index: int, start: int, title: str | None = None) -> list[str]:
    """The lines from index on, without the head's captions nor the title printed again."""
    head: list[str] = []
    after_label = False
    for line in lines[index:start]:
        # Dates stay (they give the publication date); labels, their values and place tags go.
        skip = (
            after_label
            or is_caption(line)
            or _is_label_line(line)
            or bool(title and printed_again(title, line))
        )
        skip = skip or (is_metadata(line) and not date_line(line))
        after_label = line.endswith(":")
        if not skip:
            head.append(line)
    return head + lines[max(start, index) :]


def _is_label_line(line: str) -> bool:
    """A label of several words opening a short line: "Communiqué de presse conjoint HCR/OIM"."""
    match = words.starts_with("page_label").match(fold(line))
    return bool(match) and " " in match.group(0) and word_count(line) <= SECTION_LABEL_WORDS


def _is_date_line(line: str) -> bool:
    """A date, or a place and a date ("Tripoli - 17 mars 2022"), on its own line: the text's, read for
    its dateline and date."""
    if date_line(line):
        return True
    dateline = find_dateline(line, bare=False)
    return bool(dateline and date_line(dateline.rest))


def _hard_wrapped(lines: list[str]) -> bool:
    lengths = sorted(display_length(line) for line in lines if line)
    return len(lengths) > 2 and wrap_width(lengths) <= 110


def read_heading(lines: list[str], navigation: frozenset[str], menu_stripped: bool) -> Heading:
    """The title and where the body starts, in lines that follow the known menu (if any)."""
    start = _first_paragraph(lines)
    # A speech's salutation opens its text: its heading is the title.
    salutation = next((i for i, line in enumerate(lines[:start]) if line and is_salutation(line)), None)
    if salutation is not None and any(lines[:salutation]):
        start = salutation
    if start is None:
        # No real paragraph: a short page; its first line is the title.
        content = [line for line in lines if line]
        return Heading(title=content[0] if content else None, body=content[1:])
    head, twice = _head(lines, start)
    if not head:
        return Heading(title=None, body=_body_from(lines, 0, start))
    # A heading printed twice is the title ("Notizia" / "Local" / title / title, "- TITLE" / "TITLE").
    repeated = next((i for i in head if i in twice and word_count(lines[i]) >= TITLE_WORDS), None)
    if repeated is not None:
        title = _BULLET.sub("", lines[repeated])
        return Heading(title=title, body=_body_from(lines, repeated + 1, start, title))
    first = lines[head[0]]
    if not (looks_like_menu(first, navigation) or _short(first)) and (menu_stripped or len(head) <= 2):
        # The title comes first. On a page written a paragraph a line, a line between it and the
        # first paragraph is a subtitle; on a hard-wrapped page, it is the paragraph's first line.
        body = _body_from(lines, head[0] + 1, start, first)
        extra = body[: len(body) - len(lines[start:])]
        if extra and not _hard_wrapped(lines) and not all(_is_date_line(x) for x in extra if x):
            return Heading(title=first, body=lines[start:], subtitle=" ".join(x for x in extra if x))
        return Heading(title=first, body=body)
    # Menu left over: the title is the last line before the paragraph that no menu has.
    for n in range(len(head) - 1, -1, -1):
        if not looks_like_menu(lines[head[n]], navigation):
            title = lines[head[n]]
            # Sure when the lines before it are a menu's as known or as laid out, else a guess.
            sure = all(looks_like_menu(lines[i], navigation) or _short(lines[i]) for i in head[:n])
            return Heading(title=title, body=_body_from(lines, head[n] + 1, start, title), guessed=not sure)
    return Heading(title=None, body=lines[start:])
