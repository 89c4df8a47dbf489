"""PORTAL_REQUIRE_LOGIN: every page needs a logged-in account (the admin always does)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

from api.errors import login_required

# Reachable without an account: signing in, the health check, static files, the admin's own login.
OPEN_PREFIXES = ("/login/", "/healthz", "/static/", "/admin/")


class RequireLoginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PORTAL_REQUIRE_LOGIN
            and not request.path.startswith(OPEN_PREFIXES)
            and not request.user.is_authenticated
        ):
            if request.path.startswith("/api/"):
                return login_required(request)  # a program: an answer it can read, not a login page
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
