"""HTML pages: keep the article, drop the site around it."""

import re
import warnings
from dataclasses import dataclass, field
from datetime import date

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    MarkupResemblesLocatorWarning,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

from .errors import PageError
from .text import clean_line

_CHROME_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "svg",
    "iframe",
    "button",
    "select",
    "menu",
    "dialog",
]
_CHROME_HINT = re.compile(
    r"breadcrumb|fil-ariane|menu|navbar|navigation|sidebar|share|social|cookie|footer|header|skip", re.I
)
_CHROME_TAG_SET = set(_CHROME_TAGS)
_BLOCK_TAGS = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "blockquote",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "address",
    "figure",
    "figcaption",
    "pre",
    "hr",
]
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class HtmlPage:
    title: str | None
    lines: list[str]
    canonical_url: str | None = None
    published: date | None = None
    warnings: list[str] = field(default_factory=list)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(html|head|body|article)\b", head)
    )


def _iso_date(value: str | None) -> date | None:
    match = _ISO_DATE.search(value or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content"):
            return str(tag["content"]).strip()
    return None


def _site_suffix_removed(title: str) -> str:
    # "Title | OIM" / "Title - Organisation internationale pour les migrations"
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and len(parts[-1]) < len(" ".join(parts[:-1])):
        return " - ".join(parts[:-1]).strip()
    return title.strip()


def read_html(text: str) -> HtmlPage:
    if text.count("<") > 400_000:
        raise PageError("HTML page too complex (more than 400,000 tags)", "html_too_complex")
    try:
        with warnings.catch_warnings():
            # A short page can look like a file name to bs4; it is a page.
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            soup = BeautifulSoup(text, "html.parser")
        return _read_soup(soup)
    except RecursionError as exc:
        raise PageError("HTML page too deeply nested", "html_too_deep") from exc


_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary"}
_CONTENT_TAGS = {"html", "body", "main", "article"}
MAX_DEPTH = 500


def _is_chrome(tag: Tag) -> bool:
    """Site furniture around the article: menus, header, footer, asides, breadcrumbs."""
    if tag.name in _CHROME_TAG_SET or tag.get("role") in _CHROME_ROLES:
        return True
    if tag.name in _CONTENT_TAGS or not tag.attrs:
        return False
    hints = " ".join([*tag.get("class", []), tag.get("id") or ""])
    return bool(hints and _CHROME_HINT.search(hints))


def _check_depth(soup: BeautifulSoup) -> None:
    depth: dict[int, int] = {id(soup): 0}
    for tag in soup.descendants:
        if isinstance(tag, Tag):
            level = depth[id(tag.parent)] + 1
            if level > MAX_DEPTH:
                raise PageError(
                    f"HTML page too deeply nested (more than {MAX_DEPTH} levels)", "html_too_deep"
                )
            depth[id(tag)] = level


def _text_lines(root: Tag) -> list[str]:
    """The text of the content, a line per block element (p, li, h2, div...), without
    the site furniture. One pass over the tree, which it leaves as it is."""
    blocks = set(_BLOCK_TAGS)

    def place_of(node) -> tuple[Tag | None, bool]:
        """(the block the text belongs to, whether it sits in site furniture)."""
        block = None
        for parent in node.parents:
            if parent is root:
                break
            if _is_chrome(parent):
                return None, True
            if block is None and parent.name in blocks:
                block = parent
        return block or root, False

    lines: list[str] = []
    current: list[str] = []
    current_block = None
    for node in root.descendants:
        if isinstance(node, NavigableString):
            if isinstance(node, Comment | Doctype | Declaration | ProcessingInstruction) or not node.strip():
                continue
            block, furniture = place_of(node)
            if furniture:
                continue
            if block is not current_block and (current or lines):
                # A new block (p, li, div...) is a new paragraph: a blank line between them.
                lines.extend(["".join(current), ""] if current else [""])
                current = []
            current_block = block
            current.append(str(node))
        elif node.name == "br":
            lines.append("".join(current))
            current = []
    if current:
        lines.append("".join(current))
    return lines


_LINE_BREAKS = re.compile(r"[\r\n]+")


def _single_blanks(lines: list[str]) -> list[str]:
    """No blank line at either end, and never two in a row."""
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _read_soup(soup: BeautifulSoup) -> HtmlPage:
    _check_depth(soup)
    head = soup.head or soup  # metadata lives in <head>: no need to search the whole page
    canonical_tag = head.find("link", rel="canonical")
    canonical = str(canonical_tag["href"]).strip() if canonical_tag and canonical_tag.get("href") else None
    published = _iso_date(_meta(head, "article:published_time", "date", "dc.date", "DC.date.issued"))
    if published is None:
        time_tag = soup.find("time", attrs={"datetime": True})
        published = _iso_date(time_tag["datetime"]) if time_tag else None
    og_title = _meta(head, "og:title")
    title_tag = head.find("title")
    head_title = title_tag.get_text(" ", strip=True) if title_tag else None

    root = soup.find("article") or soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body or soup
    h1 = next((h for h in root.find_all("h1") if not any(_is_chrome(p) for p in h.parents)), None)
    title = clean_line(h1.get_text(" ", strip=True)) if h1 else None
    title = title or (clean_line(og_title) if og_title else None)
    title = title or (_site_suffix_removed(clean_line(head_title)) if head_title else None)

    # Line breaks of the HTML source are spaces; only <br> and blocks break lines.
    lines = _single_blanks([clean_line(_LINE_BREAKS.sub(" ", text)) for text in _text_lines(root)])
    if title and lines and lines[0] == title:
        lines = lines[2:] if len(lines) > 1 and not lines[1] else lines[1:]
    return HtmlPage(title=title, lines=lines, canonical_url=canonical, published=published)
