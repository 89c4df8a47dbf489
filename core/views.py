from django.http import HttpResponse
from django.views.decorators.cache import cache_control

from .worldmap import base_svg


@cache_control(public=True, max_age=7 * 24 * 3600)
def world_map_base(request):
    """The grey world every map draws its countries over: the same for every page, kept by browsers."""
    return HttpResponse(base_svg(), content_type="image/svg+xml")
