from django.http import HttpResponse
from django.urls import path

from iomnews.urls import urlpatterns as portal_urlpatterns


def constant(request):
    """The ceiling: Django's request cycle with no work of ours."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("__constant__/", constant), *portal_urlpatterns]
