"""Errors as JSON, each in French and English, never a page of HTML nor a 500 for a bad parameter:

{"errors": [{"parameter": "year", "code": "max_value",
             "message": {"fr": "Assurez-vous que…", "en": "Ensure this value…"}}]}
"""

from django.http import Http404, JsonResponse
from django.utils import translation
from rest_framework import exceptions
from rest_framework.response import Response


def entry(code: str, fr: str, en: str, parameter: str | None = None) -> dict:
    found = {"code": code, "message": {"fr": fr, "en": en}}
    return {"parameter": parameter, **found} if parameter else found


class ApiError(exceptions.APIException):
    """An answer other than 200, with its errors (entries above)."""

    def __init__(self, status_code: int, errors: list[dict], headers: dict | None = None):
        super().__init__()
        self.status_code, self.errors, self.headers = status_code, errors, headers or {}


def bad_parameters(errors: list[dict]) -> ApiError:
    return ApiError(400, errors)


def form_errors(form, expected_en: dict[str, str]) -> list[dict]:
    """The errors of a validated form, one entry per message, in both languages.

    Django's own messages (a whole number, a maximum length…) are translated; a
    message written in French only is followed in English by what the parameter
    expects (`expected_en`, from its description)."""
    entries = []
    for name, errors in form.errors.as_data().items():
        for error in errors:
            with translation.override("fr"):
                fr = " ".join(error.messages)
            with translation.override("en"):
                en = " ".join(error.messages)
            if en == fr:
                en = f"Invalid value for “{name}”. {expected_en.get(name, 'See the documentation.')}"
            entries.append(entry(error.code or "invalid", fr, en, name))
    return entries


NOT_FOUND = entry("not_found", "Aucun élément à cette adresse.", "Nothing at this address.")


def exception_handler(exc, context):
    """Every error of the API's views in the shape above (DRF's handler gives {"detail": …})."""
    if isinstance(exc, Http404 | exceptions.NotFound):
        return Response({"errors": [NOT_FOUND]}, status=404)
    if isinstance(exc, ApiError):
        return Response({"errors": exc.errors}, status=exc.status_code, headers=exc.headers)
    if isinstance(exc, exceptions.MethodNotAllowed):
        error = entry(
            "method_not_allowed",
            "Cette API se lit seulement : GET (ou HEAD).",
            "This API is read-only: GET (or HEAD).",
        )
        return Response({"errors": [error]}, status=405, headers={"Allow": "GET, HEAD, OPTIONS"})
    if isinstance(exc, exceptions.APIException):
        with translation.override("en"):
            en = str(exc.detail)
        error = entry(exc.default_code, "La requête n’a pas pu aboutir.", en)
        return Response({"errors": [error]}, status=exc.status_code)
    return None  # a fault of ours: Django's 500, logged


LOGIN_REQUIRED = entry(
    "login_required",
    "Compte requis : connectez-vous au portail, puis appelez l’API avec son cookie de session.",
    "Account required: log in on the portal, then call the API with its session cookie.",
)


def login_required(request):
    """A client of the API asked without the account the portal requires (PORTAL_REQUIRE_LOGIN)."""
    return JsonResponse({"errors": [LOGIN_REQUIRED]}, status=401, headers={"WWW-Authenticate": "Session"})


def not_found(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404 rather than the portal's page."""
    return JsonResponse({"errors": [NOT_FOUND]}, status=404)
