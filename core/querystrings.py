"""Links that keep the list's other GET parameters."""

from urllib.parse import urlencode


def query_string(params, key: str, value) -> str:
    """The query string with one parameter set (or removed when value is empty); page resets.

    Built from the pairs, not from a copy of the QueryDict: a list page makes one
    link per facet option and bar, and a QueryDict copy is a deep copy.
    """
    pairs, placed = [], value in (None, "")
    for name, values in params.lists():
        if name == "page":
            continue
        if name == key:
            if not placed:
                pairs.append((name, value))
                placed = True
            continue
        pairs.extend((name, v) for v in values)
    if not placed:
        pairs.append((key, value))
    return f"?{urlencode(pairs)}" if pairs else "?"
