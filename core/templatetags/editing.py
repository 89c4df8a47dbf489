"""The "Modifier" link portal pages show to a logged-in editor: straight to the row's form
in the admin. Pages with it are never cached (core.caching.cached_page skips staff)."""

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("includes/edit_link.html", takes_context=True)
def edit_link(context, obj):
    user = getattr(context.get("request"), "user", None)
    opts = obj._meta
    allowed = bool(
        user is not None
        and user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]) if allowed else ""
    return {"url": url, "name": str(obj)}
