"""A rate limit per client: API_RATE_LIMIT requests a minute, then a 429 with Retry-After.

Counted in Django's cache: in each process's memory by default, in Redis when
CACHE_URL names one (every process and server then shares one count per client).
A fixed window per minute, one atomic `incr` per request; the limit is checked
before the page cache, so that a cached answer counts too. If the cache is down,
requests are let through (and a warning logged): the limit protects the portal,
it must not take it down.
"""

import functools
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse

from .errors import entry

logger = logging.getLogger(__name__)
WINDOW = 60


def client_of(request) -> str:
    """The client's address. Behind the proxy that terminates TLS (SECURE_PROXY_SSL_HEADER
    set), the last address of X-Forwarded-For: the one that proxy saw, which no client can forge."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def seconds_to_wait(client: str, limit: int) -> int:
    """0 if the client may go on, else the seconds until its next window."""
    now = time.time()
    key = f"api-rate:{client}:{int(now // WINDOW)}"
    try:
        cache.add(key, 0, WINDOW * 2)
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        return 0
    except Exception:
        logger.warning("rate limit: cache unavailable", exc_info=True)
        return 0
    if used <= limit:
        return 0
    return max(1, math.ceil(WINDOW - now % WINDOW))


def too_many(wait: int) -> JsonResponse:
    error = entry(
        "rate_limited",
        f"Trop de requêtes : {settings.API_RATE_LIMIT} par minute au plus. Réessayez dans {wait} s.",
        f"Too many requests: at most {settings.API_RATE_LIMIT} a minute. Try again in {wait} s.",
    )
    response = JsonResponse({"errors": [error]}, status=429)
    response["Retry-After"] = str(wait)
    return response


def rate_limited(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = settings.API_RATE_LIMIT
        if limit:
            wait = seconds_to_wait(client_of(request), limit)
            if wait:
                return too_many(wait)
        return view(request, *args, **kwargs)

    return wrapper
