"""Links that keep the list's other GET parameters."""

from urllib.parse import urlencode


def query_string(params, key: str, value) -> str:
    """The query string with one parameter set (or removed when value is empty; a list
    gives it several values, as countries have); page resets.

    Built from the pairs, not from a copy of the QueryDict: a list page makes one
    link per facet option and bar, and a QueryDict copy is a deep copy.
    """
    new = [(key, v) for v in value] if isinstance(value, list) else [(key, value)]
    new = [(k, v) for k, v in new if v not in (None, "")]
    pairs, placed = [], False
    for name, values in params.lists():
        if name == "page":
            continue
        if name == key:
            pairs += [] if placed else new
            placed = True
            continue
        pairs.extend((name, v) for v in values)
    if not placed:
        pairs += new
    return f"?{urlencode(pairs)}" if pairs else "?"
