"""A release's source: its file name, or the canonical URL its HTML page declares
when that URL is trustworthy — an absolute http(s) URL on a host the operator
allows (setting IMPORT_SOURCE_HOSTS) — so that no page can take another
release's place by naming its source."""

from urllib.parse import urlsplit

MAX_SOURCE_LENGTH = 2000


def allowed_host(host: str, hosts) -> bool:
    """The host is one of `hosts` or a sub-domain of one ("rodakar.iom.int" under "iom.int")."""
    host = host.lower().rstrip(".")
    return any(host == allowed or host.endswith("." + allowed) for allowed in hosts)


def release_source(canonical_url: str | None, file_name: str, hosts) -> tuple[str, str | None]:
    """(source, why the canonical URL was ignored, or None)."""
    if not canonical_url:
        return file_name, None
    url = canonical_url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    if parts is None or parts.scheme not in ("http", "https") or not host:
        reason = "not an absolute http(s) URL"
    elif not allowed_host(host, hosts):
        reason = f"host {host} not allowed"
    elif len(url.encode("utf-8")) > MAX_SOURCE_LENGTH:
        reason = f"longer than {MAX_SOURCE_LENGTH} bytes"
    else:
        return url, None
    return file_name, f"{url[:200]} ({reason})"
