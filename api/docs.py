"""The API's documentation page: Swagger UI from the portal's own static files
(drf-spectacular-sidecar, no CDN), inside the portal's frame, its script in a file of
its own (the portal's Content-Security-Policy forbids inline scripts)."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class DocumentationPage(SpectacularSwaggerSplitView):
    template_name = "api/docs.html"
    title = "Documentation de l’API"
