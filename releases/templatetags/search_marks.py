import re

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from releases.search import MATCH_END, MATCH_START, stem

register = template.Library()

_WORD = re.compile(r"\w+")
# Words inside a web address or an e-mail are never marked: urlize must still see them whole.
_LINKISH = re.compile(r"\S*(?:://|www\.|@)\S*")


@register.filter
def highlight(text):
    """A search passage, escaped, with its matches in <mark>."""
    escaped = escape(text or "")
    return mark_safe(escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


@register.filter
def mark_words(text, stems):
    """The text with the words whose stem was searched between match marks (still plain
    text: escape or urlize it, then `marks_to_html`)."""
    text = text or ""
    if not stems:
        return text
    links = [m.span() for m in _LINKISH.finditer(text)]
    parts, cursor = [], 0
    for token in _WORD.finditer(text):
        if stem(token.group()) not in stems or any(a <= token.start() < b for a, b in links):
            continue
        parts += [text[cursor : token.start()], MATCH_START, token.group(), MATCH_END]
        cursor = token.end()
    return "".join(parts) + text[cursor:]


@register.filter
def marks_to_html(text):
    """Match marks as <mark>, after the text is escaped (or urlized, which escapes)."""
    escaped = conditional_escape(text)
    return mark_safe(escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))
