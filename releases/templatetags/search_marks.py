from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from releases.search import MATCH_END, MATCH_START

register = template.Library()


@register.filter
def highlight(text):
    """A search passage, escaped, with its matches in <mark>."""
    escaped = escape(text or "")
    return mark_safe(escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))
