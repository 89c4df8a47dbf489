"""Pages cached per version of the data: never stale, cheap to serve again."""

import functools
import hashlib

from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone

from .models import DataVersion

CACHE_SECONDS = 6 * 3600


def current_version() -> str:
    """The version, with the time it changed: unique even if a database is recreated."""
    row = DataVersion.objects.filter(pk=1).values_list("number", "changed_at").first()
    return f"{row[0]}-{row[1].timestamp()}" if row else "0"


def bump_version() -> None:
    """Record that the data changed (one UPDATE; part of the caller's transaction)."""
    updated = DataVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())
    if not updated:
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def page_key(request) -> str:
    """Everything a page shows depends on: its scheme and host (the canonical
    link is absolute) and its path with the query string."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


def is_staff(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


def cached_page(view):
    """Serve a GET page from the cache while the data has not changed.

    The pages show nothing that depends on who asks, so one copy serves everyone —
    except staff: they get a "Modifier" link to the admin, so their pages are
    rendered for them, never read from nor written to the cache.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # Keep this bypass (admin branch): a staff page cached would show its "Modifier"
        # links to everyone, and a cached page would hide them from editors.
        if request.method not in ("GET", "HEAD") or is_staff(request):
            return view(request, *args, **kwargs)
        key = f"page:{current_version()}:{page_key(request)}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), CACHE_SECONDS)
        return response

    return wrapper


def _changed(sender, **kwargs):
    if kwargs.get("raw"):
        return  # loading fixtures
    bump_version()


def bump_on_writes(*models, many_to_many=()) -> None:
    """Every save or delete of these models (and change of these m2m tables) bumps the version."""
    for model in models:
        label = model._meta.label
        post_save.connect(_changed, sender=model, dispatch_uid=f"version-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"version-delete-{label}")
    for through in many_to_many:
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"version-m2m-{through._meta.label}")
