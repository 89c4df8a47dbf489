from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from releases.facets import query_string
from releases.models import MATCH_END, MATCH_START
from releases.parsing.places import country_label

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, key, value):
    return query_string(context["request"].GET, key, value)


@register.simple_tag(takes_context=True)
def page_link(context, number):
    """The current query string on another page: filters survive paging."""
    params = context["request"].GET.copy()
    params["page"] = number
    return f"?{params.urlencode()}"


@register.filter
def country_name(code):
    return country_label(code)


@register.filter
def highlight(text):
    """A search passage, escaped, with its matches in <mark>."""
    escaped = escape(text or "")
    return mark_safe(escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


@register.filter
def first_sentence(text, limit=220):
    text = (text or "").split("\n\n", 1)[0]
    for end in (". ", "! ", "? "):
        cut = text.find(end)
        if 0 < cut < limit:
            return text[: cut + 1]
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
