"""Pages cached until what they show changes: never stale, cheap to serve again.

Every page depends on tags: "all" and, unless it says otherwise, "lists" (any
list of releases, facets, feeds, indexes). A release page depends only on
"release:<pk>" of itself and of the releases it shows, and on the tags of the
offices, people and projects it shows (`depends_on`). A write sets a new token
on the tags of what it changed (`bump`), in its own transaction, and always on
"lists": so an edit of one release leaves the pages of other releases cached.

The tokens live in the database (CacheTag), so that every process and server
agrees on them; the pages live in the cache (CACHE_URL: this process's memory,
or Redis, shared by every process and server).
"""

import functools
import hashlib
import logging
import secrets

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .models import CacheTag

logger = logging.getLogger(__name__)

CACHE_SECONDS = 6 * 3600
ALL, LISTS = "all", "lists"
EVERY_PAGE = (ALL,)
LIST_PAGE = (ALL, LISTS)


def tag(model_or_row, pk=None) -> str | None:
    """The tag of one row ("release:12"), or None when there is no row."""
    pk = model_or_row.pk if pk is None else pk
    return f"{model_or_row._meta.model_name}:{pk}" if pk is not None else None


def tokens(keys) -> dict[str, tuple[str, object]]:
    """{tag: (token, changed_at)} of these tags, in one query; a tag never bumped has none."""
    keys = sorted(set(keys))
    found = {key: (token, changed) for key, token, changed in _rows(keys)}
    if ALL in keys and ALL not in found:
        # A database emptied by hand (or by a test's flush): a new token, never one seen before.
        CacheTag.objects.get_or_create(
            key=ALL, defaults={"token": secrets.token_hex(8), "changed_at": timezone.now()}
        )
        found.update({key: (token, changed) for key, token, changed in _rows([ALL])})
    return found


def _rows(keys):
    return CacheTag.objects.filter(key__in=keys).values_list("key", "token", "changed_at")


def bump(keys=()) -> None:
    """Record that the data behind these tags changed (one statement, in the caller's transaction).

    "lists" always changes, and is written first: every writer takes its row lock
    before any other tag's, so two writers never wait for each other in a cycle.
    """
    keys = [LISTS, *sorted({key for key in keys if key} - {LISTS})]
    now, token = timezone.now(), secrets.token_hex(8)
    CacheTag.objects.bulk_create(
        [CacheTag(key=key, token=token, changed_at=now) for key in keys],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["token", "changed_at"],
    )


def bump_version() -> None:
    """Anything may have changed: every cached page is recomputed."""
    bump([ALL])


def current_version() -> str:
    """A token that changes with every write to the portal's data."""
    token, _changed = tokens([LISTS]).get(LISTS, ("0", None))
    return token


def page_key(request) -> str:
    """Everything a page shows depends on: its scheme and host (the canonical
    link is absolute) and its path with the query string."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


def depends_on(response, tags) -> None:
    """Say that this page shows only what these tags cover (not every list of releases)."""
    response.cache_tags = {*EVERY_PAGE, *(t for t in tags if t)}


def is_staff(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


def cached_page(view):
    """Serve a GET page from the cache while the data it shows has not changed,
    with an ETag and Last-Modified, and 304 to a client that has it already.

    The pages show nothing that depends on who asks, so one copy serves everyone —
    except staff: they get a "Modifier" link to the admin, so their pages are
    rendered for them, never read from nor written to the cache.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # Keep this bypass (admin branch): a staff page cached would show its "Modifier"
        # links to everyone, and a cached page would hide them from editors.
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if is_staff(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)  # never kept by a shared cache
            return response
        key = f"page:{page_key(request)}"
        hit = _cache_get(key)
        if hit is not None:
            current = tokens(hit["tags"])
            if _same(hit["tokens"], current):
                response = HttpResponse(hit["content"], content_type=hit["content_type"])
                return _validated(request, response, key, current)
        before = tokens(LIST_PAGE)
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming:
            return response
        if hasattr(response, "render") and callable(response.render):
            response.render()
        current = _tokens_after(response, before)
        if current is None:
            return response  # the data changed while the page was computed: not kept
        _cache_set(key, response, current)
        return _validated(request, response, key, current)

    return wrapper


def _tokens_after(response, before: dict) -> dict | None:
    """The tokens the page is kept with. A page with tags of its own learns them only
    once computed: they are read then, and the page is kept only if "lists" (which
    every write changes) did not change meanwhile, i.e. no write came in between."""
    tags = getattr(response, "cache_tags", None)
    if tags is None:
        return before
    after = tokens({*tags, LISTS})
    if after.get(LISTS) != before.get(LISTS):
        return None
    return {key: value for key, value in after.items() if key in tags}


def _same(kept: dict, current: dict) -> bool:
    return kept == {key: token for key, (token, _changed) in current.items()}


def _validated(request, response, key: str, current: dict):
    """ETag and Last-Modified of the page's version; 304 when the client has it."""
    versions = "".join(f"{k}={token};" for k, (token, _c) in sorted(current.items()))
    etag = '"' + hashlib.sha256(f"{key}:{versions}".encode()).hexdigest()[:32] + '"'
    changed = [changed for _token, changed in current.values() if changed is not None]
    last_modified = max(changed).timestamp() if changed else None
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    # Browsers ask again every time (and get a 304 when nothing changed).
    response["Cache-Control"] = "no-cache"
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


def _cache_get(key: str):
    try:
        return cache.get(key)
    except Exception:  # a cache that is down makes pages slower, never broken
        logger.warning("page cache unavailable", exc_info=True)
        return None


def _cache_set(key: str, response, current: dict) -> None:
    entry = {
        "content": response.content,
        "content_type": response["Content-Type"],
        "tags": sorted(current),
        "tokens": {k: token for k, (token, _changed) in current.items()},
    }
    try:
        cache.set(key, entry, CACHE_SECONDS)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)


# ---------------------------------------------------------------- writes
def bump_on_writes(*models, tags=None) -> None:
    """Every save or delete of these models bumps the tags `tags(row)` returns
    (by default the row's own), and "lists"."""
    for model in models:
        handler = _bumper(tags or (lambda row: [tag(row)]))
        label = model._meta.label
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"version-save-{label}")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"version-delete-{label}")


def _bumper(tags):
    def changed(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return  # loading fixtures
        bump(tags(instance))

    return changed


def bump_on_m2m(*throughs) -> None:
    """A change of these many-to-many links bumps the rows on both sides."""
    for through in throughs:
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"version-m2m-{through._meta.label}")


def _links_changed(sender, instance, action, model, pk_set, **kwargs):
    if action.startswith("post_"):
        bump([tag(instance), *(tag(model, pk) for pk in pk_set or ())])
