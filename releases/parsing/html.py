"""HTML pages: keep the article, drop the site around it."""

import re
import warnings
from dataclasses import dataclass, field
from datetime import date

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning

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
        raise PageError("HTML page too complex (more than 400,000 tags)")
    try:
        with warnings.catch_warnings():
            # A short page can look like a file name to bs4; it is a page.
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            soup = BeautifulSoup(text, "html.parser")
        return _read_soup(soup)
    except RecursionError as exc:
        raise PageError("HTML page too deeply nested") from exc


def _read_soup(soup: BeautifulSoup) -> HtmlPage:
    canonical_tag = soup.find("link", rel="canonical")
    canonical = str(canonical_tag["href"]).strip() if canonical_tag and canonical_tag.get("href") else None
    published = _iso_date(_meta(soup, "article:published_time", "date", "dc.date", "DC.date.issued"))
    if published is None:
        time_tag = soup.find("time", attrs={"datetime": True})
        published = _iso_date(time_tag["datetime"]) if time_tag else None

    og_title = _meta(soup, "og:title")
    head_title = soup.title.get_text(" ", strip=True) if soup.title else None

    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(attrs={"role": ["navigation", "banner", "contentinfo", "complementary"]}):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body", "main", "article"):
            continue
        hints = " ".join([*tag.get("class", []), tag.get("id") or ""]) if tag.attrs else ""
        if hints and _CHROME_HINT.search(hints):
            tag.decompose()

    root = soup.find("article") or soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body or soup
    h1 = root.find("h1") or soup.find("h1")
    title = clean_line(h1.get_text(" ", strip=True)) if h1 else None
    title = title or (clean_line(og_title) if og_title else None)
    title = title or (_site_suffix_removed(clean_line(head_title)) if head_title else None)

    for br in root.find_all("br"):
        br.replace_with("\n")
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = [clean_line(line) for line in root.get_text().split("\n")]
    lines = [line for line in lines if line]
    if title and lines and clean_line(lines[0]) == title:
        lines = lines[1:]
    return HtmlPage(title=title, lines=lines, canonical_url=canonical, published=published)
