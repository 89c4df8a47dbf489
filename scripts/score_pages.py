"""Score the parser on labelled pages: how many releases come out right, and how many other pages are refused.

    .venv/bin/python scripts/score_pages.py DIR [--by site|language] [--batch [site|all]] [--failures]

DIR holds the pages (DIR/*.txt, or DIR/pages/*) and DIR/labels.json:

    {"<file>": {"url", "site", "language", "is_release", "kind", "cut", "title", "body_start",
                "dateline", "dateline_country", "menu_lines": [...],
                "contacts": [{"name", "email", "office"}], "notes"}}

Each page is parsed alone, as a page from a site never seen (no navigation
known); `--batch` parses each site's pages as one batch instead (the
navigation learned across the batch, as an import does), `--batch all` all
pages as one batch mixing every site. Plain Python on the parser: no database.

Texts compare ignoring runs of white space and ' against ’; `body_start` is
a prefix of the text once its dateline is removed (a subtitle, kept apart
from the body, opens the text as readers see it). A release refused counts
as wrong on every line. `--failures` lists what went wrong, page by page.
"""

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from releases.parsing import (  # noqa: E402
    Navigation,
    NotARelease,
    PageError,
    learn_sites,
    parse_page,
    read_lines,
)

# (key, heading): the lines of the table, in order.
CHECKS = [
    ("accepted", "accepted", "releases accepted"),
    ("refused", "refused", "non-releases refused"),
    ("navigation", "nav gone", "navigation gone"),
    ("title", "title", "title exact"),
    ("body", "body start", "body start right"),
    ("dateline", "dateline", "dateline country right"),
    ("language", "language", "language right"),
    ("contacts", "contacts", "contacts found (where labelled)"),
]


# The refusal code a labelled kind of page should get (other kinds: any refusal counts).
REFUSAL_CODES = {
    "listing": "listing_page",
    "thematic": "thematic_page",
    "country": "thematic_page",
    "key_figures": "key_figures_page",
    "home": "home_page",
    "media_contacts": "media_contacts_page",
    "navigation": "only_navigation",
}


def same(text: str | None) -> str:
    """A text as compared: one space for any run of white space, one kind of apostrophe."""
    return re.sub(r"\s+", " ", (text or "").replace("’", "'").replace("‘", "'")).strip()


@dataclass
class Outcome:
    """One page's checks: True (right), False (wrong); a check that does not apply is absent."""

    name: str
    label: dict
    checks: dict[str, bool] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load(folder: Path) -> tuple[dict[str, dict], dict[str, bytes]]:
    """(labels, page bytes) of a labelled folder."""
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    pages = {}
    for name in labels:
        path = folder / "pages" / name
        pages[name] = (path if path.exists() else folder / name).read_bytes()
    return labels, pages


def _menu_leaks(release, menu_lines: list[str]) -> list[str]:
    """The labelled menu lines that reached the release's title, subtitle or text."""
    body = same(release.body)
    heads = {same(release.title), same(release.subtitle)}
    first = [same(p) for p in release.body.split("\n\n")[:3]]
    leaks = []
    for line in menu_lines:
        menu = same(line)
        if len(menu) < 2:
            continue
        long_line_inside = len(menu) >= 30 and menu in body
        if menu in heads or long_line_inside or any(p == menu or p.startswith(menu + " ") for p in first):
            leaks.append(line)
    return leaks


def _contact_found(wanted: dict, contacts) -> bool:
    email = (wanted.get("email") or "").lower()
    name = same(wanted.get("name"))
    return any((not email or c.email == email) and (not name or same(c.name) == name) for c in contacts)


def check(name: str, label: dict, result) -> Outcome:
    """What a page's parse got right: `result` is a ParsedRelease, or the exception that refused it."""
    outcome = Outcome(name, label)
    refused = isinstance(result, Exception)
    if not label.get("is_release"):
        outcome.checks["refused"] = isinstance(result, NotARelease)
        expected = REFUSAL_CODES.get(label.get("kind") or "")
        if not refused:
            outcome.problems.append(
                f"imported (title {result.title!r}), expected refused ({label.get('kind')})"
            )
        elif expected and result.code != expected:
            outcome.problems.append(f"refused as {result.code}, expected {expected}")
        return outcome
    outcome.checks["accepted"] = not refused
    if refused:
        outcome.problems.append(f"refused: {getattr(result, 'code', '')} {result}")
        for key in ("navigation", "title", "body", "dateline", "language"):
            outcome.checks[key] = False
        if label.get("contacts"):
            outcome.checks["contacts"] = False
        return outcome
    leaks = _menu_leaks(result, label.get("menu_lines") or [])
    outcome.checks["navigation"] = not leaks
    if leaks:
        outcome.problems.append(f"menu left: {leaks[:3]}")
    outcome.checks["title"] = same(result.title) == same(label.get("title"))
    if not outcome.checks["title"]:
        outcome.problems.append(f"title {result.title!r}, expected {label.get('title')!r}")
    start = same(label.get("body_start"))
    # The text as a reader sees it: a subtitle (a standfirst) opens it.
    text = same(f"{result.subtitle or ''} {result.body}")
    outcome.checks["body"] = text.startswith(start)
    if not outcome.checks["body"]:
        outcome.problems.append(f"body {text[:80]!r}, expected {start[:80]!r}")
    country = label.get("dateline_country")
    # (A parser from before the dateline's own country was kept: the release's, when it has a dateline.)
    found = getattr(result, "dateline_country", result.country if result.dateline else None)
    outcome.checks["dateline"] = found == country
    if not outcome.checks["dateline"]:
        wanted = f"{label.get('dateline')!r} ({country})"
        outcome.problems.append(f"dateline {result.dateline!r} ({found}), expected {wanted}")
    outcome.checks["language"] = result.language == label.get("language")
    if not outcome.checks["language"]:
        outcome.problems.append(f"language {result.language}, expected {label.get('language')}")
    wanted = label.get("contacts") or []
    if wanted:
        missing = [c for c in wanted if not _contact_found(c, result.contacts)]
        outcome.checks["contacts"] = not missing
        if missing:
            got = [(c.name, c.email, c.office) for c in result.contacts]
            outcome.problems.append(f"contacts missing {missing}, got {got}")
    return outcome


def _parse(data: bytes, name: str, navigation: Navigation):
    try:
        return parse_page(read_lines(data, name), name, navigation)
    except (NotARelease, PageError) as exc:
        return exc


def parse_alone(pages: dict[str, bytes]) -> dict[str, object]:
    """Each page parsed on its own, as from a site never seen."""
    nobody = Navigation.of({})
    return {name: _parse(data, name, nobody) for name, data in pages.items()}


def parse_as_batch(pages: dict[str, bytes]) -> dict[str, object]:
    """The pages parsed as one import: the navigation learned across them first."""
    lines = []
    for name, data in pages.items():
        try:
            lines.append(read_lines(data, name).lines)
        except (NotARelease, PageError):
            continue
    navigation = Navigation.of(learn_sites(lines, {}))
    return {name: _parse(data, name, navigation) for name, data in pages.items()}


def score(folder: Path, batch: str | None = None) -> list[Outcome]:
    """Every labelled page's outcome; `batch`: None (each alone), "site" or "all"."""
    labels, pages = load(folder)
    if batch is None:
        results = parse_alone(pages)
    elif batch == "all":
        results = parse_as_batch(pages)
    else:
        results = {}
        by_site: dict[str, dict[str, bytes]] = defaultdict(dict)
        for name, data in pages.items():
            by_site[labels[name].get("site") or ""][name] = data
        for site_pages in by_site.values():
            results.update(parse_as_batch(site_pages))
    return [check(name, labels[name], results[name]) for name in sorted(labels)]


def totals(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """{check: (right, applicable)}."""
    found: dict[str, list[int]] = {key: [0, 0] for key, _short, _long in CHECKS}
    for outcome in outcomes:
        for key, right in outcome.checks.items():
            found[key][0] += right
            found[key][1] += 1
    return {key: (right, count) for key, (right, count) in found.items()}


def table(outcomes: list[Outcome], by: str | None = None) -> str:
    """The scores, per group (site or language) and in total, one column per check."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    if by:
        for outcome in outcomes:
            groups[str(outcome.label.get(by) or "?")].append(outcome)
    rows = [(group, groups[group]) for group in sorted(groups)] + [("total", outcomes)]
    width = max(len(group) for group, _ in rows) + 2
    header = f"{(by or ''):<{width}}{'pages':>6}" + "".join(f"{short:>15}" for _k, short, _long in CHECKS)
    lines = [header]
    for group, members in rows:
        cells = []
        for key, _short, _long in CHECKS:
            right, count = totals(members)[key]
            cells.append(f"{right}/{count} {100 * right / count:3.0f}%" if count else "-")
        lines.append(f"{group:<{width}}{len(members):>6}" + "".join(f"{c:>15}" for c in cells))
    legend = ", ".join(f"{short}: {long}" for _k, short, long in CHECKS)
    return "\n".join([*lines, f"({legend}; right/pages it applies to)"])


def failures(outcomes: list[Outcome]) -> str:
    return "\n".join(
        f"{o.name} [{o.label.get('site')}, {o.label.get('language')}]: " + "; ".join(o.problems)
        for o in outcomes
        if o.problems
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--by", choices=["site", "language"], help="one line per site or language")
    parser.add_argument(
        "--batch",
        nargs="?",
        const="site",
        choices=["site", "all"],
        help="parse each site's pages as one batch",
    )
    parser.add_argument("--failures", action="store_true", help="list what went wrong, page by page")
    args = parser.parse_args(argv)
    outcomes = score(args.folder, args.batch)
    mode = {None: "each page alone", "site": "each site's pages as a batch", "all": "all pages as one batch"}
    print(f"{args.folder}: {len(outcomes)} pages, {mode[args.batch]}")
    print(table(outcomes, args.by))
    if args.failures and failures(outcomes):
        print()
        print(failures(outcomes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
