"""The word lists of words.toml, as the parser uses them: folded phrases and patterns.

Every list is data (words.toml), one section per concept and one entry per
language; the code names a section, never a language. Phrases are folded
(text.fold: no accents, no case) and patterns match folded text.
"""

import re
import tomllib
from functools import cache
from pathlib import Path

from .text import fold, fold_with_positions

WORDS_FILE = Path(__file__).with_name("words.toml")


@cache
def _sections() -> dict[str, dict[str, list[str]]]:
    with WORDS_FILE.open("rb") as file:
        return tomllib.load(file)


def languages() -> set[str]:
    """Every language that some section has words for."""
    return {language for section in _sections().values() for language in section}


def by_language(section: str) -> dict[str, list[str]]:
    """{language: [folded phrase, ...]} of a section, in the file's order."""
    return {language: [fold(p) for p in phrases] for language, phrases in _sections()[section].items()}


@cache
def phrases(section: str) -> frozenset[str]:
    """Every language's folded phrases of a section."""
    return frozenset(p for group in by_language(section).values() for p in group)


def _alternation(words) -> str:
    # Longest first, so that "contacts presse" wins over "contacts".
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _bounded(body: str) -> str:
    # Word boundaries, also between scripts without spaces (a Chinese phrase inside a sentence).
    return rf"(?<![^\W_])(?:{body})(?![^\W\d_])" if body else r"(?!x)x"


@cache
def starts_with(section: str) -> re.Pattern:
    """Folded text that begins with one of the section's phrases (as whole words)."""
    return re.compile(rf"^{_bounded(_alternation(phrases(section)))}")


@cache
def anywhere(section: str) -> re.Pattern:
    """Folded text holding one of the section's phrases as whole words."""
    return re.compile(_bounded(_alternation(phrases(section))))


@cache
def written(section: str) -> str:
    """The section's phrases as written and as folded, both apostrophes, as one regular expression
    (for text that is not folded, matched without case)."""
    forms = set(phrases(section))
    for language_phrases in _sections()[section].values():
        forms.update(p.lower() for p in language_phrases)
    forms.update([f.replace("'", "’") for f in forms])
    return _alternation(forms)


@cache
def alternation(section: str) -> str:
    """The section's folded phrases as one regular expression (longest first)."""
    return _alternation(phrases(section))


def is_phrase(section: str, text: str) -> bool:
    """The whole text (folded, without its trailing punctuation) is one of the section's phrases."""
    return len(text) <= _longest(section) + PUNCTUATION and fold(text).strip(" :.-–—|") in phrases(section)


PUNCTUATION = 8  # around a phrase: " :", "…", spaces


@cache
def _longest(section: str) -> int:
    return max(len(p) for p in phrases(section))


def starts_line(section: str, text: str) -> bool:
    return bool(starts_with(section).match(fold(text)))


@cache
def numbered(section: str) -> dict[str, int]:
    """{folded form: position from 1} of an ordered section (months, weekdays); "a|b" are two forms."""
    found: dict[str, int] = {}
    for group in by_language(section).values():
        for position, forms in enumerate(group, start=1):
            for form in forms.split("|"):
                found.setdefault(form, position)
    return found


def after(pattern: re.Pattern, line: str, search: bool = False) -> str | None:
    """The line as written after what the pattern matches in its folded text (None: no match)."""
    quick = pattern.search(fold(line)) if search else pattern.match(fold(line))
    if quick is None:  # most lines: no need to map the folded text back to the line
        return None
    folded, positions = fold_with_positions(line)
    match = pattern.search(folded) if search else pattern.match(folded)
    return None if match is None else line[positions[match.end()] :]
