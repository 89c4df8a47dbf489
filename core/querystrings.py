"""Links that keep the list's other GET parameters."""


def query_string(params, key: str, value) -> str:
    """The query string with one parameter set (or removed when value is empty); page resets."""
    params = params.copy()
    params.pop("page", None)
    if value in (None, ""):
        params.pop(key, None)
    else:
        params[key] = value
    query = params.urlencode()
    return f"?{query}" if query else "?"
