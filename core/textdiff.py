"""Word-level differences between two texts, as HTML: what was removed in <del>, what
was added in <ins>, unchanged stretches shortened to their ends in long texts."""

import difflib
import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# A word with the spaces after it: joining the pieces gives the text back exactly.
_TOKENS = re.compile(r"\S+\s*|\s+")
# Unchanged stretches longer than this many words are shortened to their first and last words.
CONTEXT_WORDS = 12


def _shorten(words: list[str], first: bool, last: bool) -> str:
    """An unchanged stretch: whole if short; else its ends, around an ellipsis."""
    if len(words) <= 2 * CONTEXT_WORDS:
        return "".join(words)
    if first and last:
        return "".join(words[: 2 * CONTEXT_WORDS]) + " […]"
    head = [] if first else words[:CONTEXT_WORDS]
    tail = [] if last else words[-CONTEXT_WORDS:]
    return "".join(head) + " […] " + "".join(tail)


def word_diff(old: str, new: str) -> SafeString:
    """The new text with removed words in <del> and added words in <ins>."""
    old_words, new_words = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            text = _shorten(old_words[i1:i2], first=index == 0, last=index == len(opcodes) - 1)
            parts.append(format_html("{}", text))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(new_words[j1:j2])))
    return mark_safe("".join(parts))


def paragraphs_diff(old: str, new: str) -> SafeString:
    """A word diff per paragraph (blank lines separate them); unchanged paragraphs are left out,
    replaced by a note of how many there are."""
    old_paragraphs = [p for p in (old or "").split("\n\n") if p.strip()]
    new_paragraphs = [p for p in (new or "").split("\n\n") if p.strip()]
    matcher = difflib.SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    blocks = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            count = i2 - i1
            blocks.append(
                format_html(
                    '<p class="diff-same">{}</p>',
                    "1 paragraphe inchangé" if count == 1 else f"{count} paragraphes inchangés",
                )
            )
        elif tag == "replace" and i2 - i1 == j2 - j1:
            pairs = zip(old_paragraphs[i1:i2], new_paragraphs[j1:j2], strict=True)
            blocks += [format_html("<p>{}</p>", word_diff(a, b)) for a, b in pairs]
        else:
            removed = "\n\n".join(old_paragraphs[i1:i2])
            added = "\n\n".join(new_paragraphs[j1:j2])
            blocks.append(format_html("<p>{}</p>", word_diff(removed, added)))
    return format_html_join("", "{}", ((block,) for block in blocks))
