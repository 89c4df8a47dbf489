from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from core.views import world_map_base

from .health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", healthz, name="healthz"),
    path("carte/monde.svg", world_map_base, name="world_map_base"),
    # Browsers and feed readers ask for /favicon.ico whatever the page says.
    path("favicon.ico", lambda request: redirect(static("img/favicon.svg"))),
    path("api/v1/", include("api.urls")),
    path("", include("contacts.urls")),
    path("", include("releases.urls")),
]

# A refused admin page in French, with a way back (core/views.py).
handler403 = "core.views.permission_denied"
