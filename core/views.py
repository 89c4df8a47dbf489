"""Views every app shares: the world map's grey background, and a refused page that
says why in French and offers a way back (Django's is a bare English "403
Forbidden"); in the admin it looks like the admin."""

from django.contrib import admin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.cache import cache_control

from .worldmap import base_svg


@cache_control(public=True, max_age=7 * 24 * 3600)
def world_map_base(request):
    """The grey world every map draws its countries over: the same for every page, kept by browsers."""
    return HttpResponse(base_svg(), content_type="image/svg+xml")


def permission_denied(request, exception=None):
    admin_root = reverse("admin:index")
    if not request.path.startswith(admin_root):
        return defaults.permission_denied(request, exception)
    back = request.META.get("HTTP_REFERER", "")
    safe_back = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    context = {
        **admin.site.each_context(request),
        "title": "Accès refusé",
        "subtitle": None,
        "back": back if safe_back and back != request.build_absolute_uri() else "",
        "is_staff": request.user.is_active and request.user.is_staff,
    }
    return TemplateResponse(request, "admin/iomnews/403.html", context, status=403)
