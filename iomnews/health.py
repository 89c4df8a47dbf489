from django.db import connection
from django.http import JsonResponse
from django.template.loader import render_to_string


def healthz(request):
    """For load balancers and monitors: 200 when a page renders, else 503.

    A page needs the database and the site's frame (templates, static files' names
    — gunicorn started without collectstatic fails there, on every page).
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure is "unhealthy"
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    try:
        render_to_string("base.html", request=request)
    except Exception as exc:  # what fails here fails every page
        return JsonResponse({"status": "error", "page": f"{type(exc).__name__}: {exc}"}, status=503)
    return JsonResponse({"status": "ok"})
