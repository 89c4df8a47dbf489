"""Pictures of a list of releases, from the same filtered releases the facets count:
releases over time (a bar chart, by year or by month inside a year) and by country
(a world map). Both are SVG drawn on the server; each bar and country is a link that
adds its filter, and the same numbers are given as a table."""

from core.querystrings import query_string
from core.worldmap import choropleth

MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
WIDTH, HEIGHT = 480, 180  # the chart's drawing units; it scales to its box
TOP, BOTTOM = 18, 22  # room for counts above the bars and labels below


def timeline(params, year: int | None, counts: dict[int, int]) -> dict | None:
    """Bars by year (every year from the first to the last, empty ones too), or by
    month when the list is of one year (`counts` by month then); None when no release has a date."""
    if year:
        keys, labels, param = list(range(1, 13)), MONTHS, "month"
    else:
        keys = list(range(min(counts), max(counts) + 1)) if counts else []
        labels, param = [str(k) for k in keys], "year"
    if not counts:
        return None
    bars = _bars(keys, labels, counts, lambda key: query_string(params, param, key))
    return {"bars": bars, "by_month": bool(year), "year": year}


def _number(value: float) -> str:
    """A coordinate for SVG: never localised ("12.5", not "12,5")."""
    return f"{value:.1f}".removesuffix(".0")


def _bars(keys, labels, counts, link) -> list[dict]:
    most = max(counts.values())
    slot = WIDTH / len(keys)
    every = max(1, round(len(keys) / 10))  # at most about 10 labels under the bars
    bars = []
    for i, (key, label) in enumerate(zip(keys, labels, strict=True)):
        count = counts.get(key, 0)
        height = (HEIGHT - TOP - BOTTOM) * count / most
        top = HEIGHT - BOTTOM - height
        bars.append({
            "label": label, "count": count, "url": link(key) if count else "",
            "x": _number(i * slot + slot * 0.12), "width": _number(slot * 0.76),
            "y": _number(top), "height": _number(height),
            "center": _number(i * slot + slot / 2), "count_y": _number(top - 4),
            "slot_x": _number(i * slot), "slot_width": _number(slot),
            "labelled": i % every == 0,
        })  # fmt: skip
    return bars


def release_charts(listing) -> dict:
    """The pictures of a list (listing.ReleaseList): by month when it is of one year."""
    year = listing.values.get("year")
    params = listing.params
    return {
        "timeline": timeline(params, year, listing.counted_by("month" if year else "year")),
        "map": choropleth(listing.counted_by("country"), lambda code: query_string(params, "country", code)),
    }
