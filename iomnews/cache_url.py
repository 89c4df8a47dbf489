"""The CACHE_URL setting: which cache keeps the portal's pages."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

REDIS_SCHEMES = ("redis", "rediss", "unix")


def cache_from_url(url: str, key_prefix: str = "iomnews") -> dict:
    """A CACHES entry: this process's memory when `url` is empty or "locmem://",
    Redis (Django's own backend) for redis://, rediss:// (TLS) and unix:// URLs."""
    url = url.strip()
    scheme = urlsplit(url).scheme if url else "locmem"
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "iomnews",
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    if scheme in REDIS_SCHEMES:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            # A Redis that does not answer makes pages slower (uncached), not late.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    raise ImproperlyConfigured(
        f"CACHE_URL: unknown kind of cache {scheme!r} in {url!r}; "
        "leave it empty (this process's memory) or give redis://host:6379/0"
    )
