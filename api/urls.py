"""/api/v1/: every answer through the rate limit, then the page cache (ETag, 304)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from core.caching import cached_page

from . import views
from .docs import DocumentationPage
from .errors import not_found
from .limits import rate_limited

app_name = "api"


def endpoint(view):
    return rate_limited(cached_page(view))


offices, office = views.entity_views("offices")
people, person = views.entity_views("people")
projects, project = views.entity_views("projects")

urlpatterns = [
    path("releases/", endpoint(views.ReleaseList.as_view()), name="releases"),
    path("releases/<int:pk>/", endpoint(views.ReleaseDetail.as_view()), name="release"),
    path("offices/", endpoint(offices), name="offices"),
    path("offices/<int:pk>/", endpoint(office), name="office"),
    path("people/", endpoint(people), name="people"),
    path("people/<int:pk>/", endpoint(person), name="person"),
    path("projects/", endpoint(projects), name="projects"),
    path("projects/<int:pk>/", endpoint(project), name="project"),
    path("schema/", rate_limited(SpectacularJSONAPIView.as_view()), name="schema"),
    path("docs/", rate_limited(DocumentationPage.as_view(url_name="api:schema")), name="docs"),
    re_path(r"^.*$", not_found),
]
