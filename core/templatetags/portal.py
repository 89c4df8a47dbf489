"""Template tags and filters every page may use."""

from django import template
from django.utils.html import format_html

from core import phones, typography
from core.countries import country_label, language_label
from core.querystrings import query_string

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
def date_element(day):
    """A date in a <time> element, as people read it ("3 février 2021", "1er juillet 2023").
    Written here rather than with |date: a list shows many, and |date looks up the
    language for every part (and knows no "1er")."""
    if not day:
        return ""
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), typography.day(day))


@register.filter
def quantity(count, words):
    """ "0 communiqué", "1 communiqué", "3 064 communiqués": `words` is "singular", or
    "singular,plural", or "singular,plural,text for none" ("aucun communiqué")."""
    singular, plural, zero = ([*words.split(","), None, None])[:3]
    return typography.quantity(int(count or 0), singular, plural or None, zero or None)


@register.filter
def language_name(code):
    return language_label(code)


@register.filter
def tel_uri(number):
    """A stored phone as a tel: link; an extension stays ";ext=" (RFC 3966)."""
    return phones.tel_uri(number)


@register.filter
def phone(number):
    """A stored phone as people read it: "+502 2333 6052, poste 218"."""
    return phones.display(number)


@register.filter
def phone_label(number):
    """What to say before a number: "Mobile", "Fixe", or "Tél." when the metadata does not tell."""
    return {"mobile": "Mobile", "fixe": "Fixe"}.get(phones.kind(number), "Tél.")


@register.filter
def duration_fr(delta):
    """A timedelta as people say it: "15 minutes", "1 heure 30 minutes"."""
    minutes = round(delta.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} heure{'s' if hours > 1 else ''}"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} minute{'s' if minutes > 1 else ''}")
    return " ".join(parts)


@register.filter
def source_url(source):
    """The source as a link when it is a web address (a file name is not)."""
    return source if str(source).startswith(("https://", "http://")) else ""


@register.filter
def first_sentence(text, limit=220):
    text = (text or "").split("\n\n", 1)[0]
    for end in (". ", "! ", "? "):
        cut = text.find(end)
        if 0 < cut < limit:
            return text[: cut + 1]
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
