from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.typography import quantity
from releases.models import Release

register = template.Library()


@register.simple_tag
def review_queue_notice():
    """The number of releases waiting for an editor, linked to that list."""
    count = Release.objects.needing_review().count()
    if not count:
        return mark_safe('<p class="help">Aucun communiqué à relire.</p>')
    url = reverse("admin:releases_release_changelist") + "?review=todo"
    waiting = quantity(count, "communiqué à relire", "communiqués à relire")
    return format_html('<p><a class="button" href="{}">{}</a></p>', url, waiting)
