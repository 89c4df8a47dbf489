"""From bytes to the lines of a page, for text and HTML pages alike."""

from dataclasses import dataclass, field
from datetime import date

from .html import looks_like_html, read_html
from .text import decode_page, split_lines
from .warnings import ParseWarning


@dataclass
class PageLines:
    text: str  # the page as decoded, kept for editors and re-parsing
    lines: list[str]
    is_html: bool = False
    title: str | None = None  # HTML pages name their title
    canonical_url: str | None = None
    published: date | None = None
    warnings: list[ParseWarning] = field(default_factory=list)  # from decoding


def read_lines(data: bytes, filename: str = "") -> PageLines:
    text, warnings = decode_page(data)
    if filename.lower().endswith((".html", ".htm")) or looks_like_html(text):
        page = read_html(text)
        return PageLines(
            text=text,
            lines=page.lines,
            is_html=True,
            title=page.title,
            canonical_url=page.canonical_url,
            published=page.published,
            warnings=warnings,
        )
    return PageLines(text=text, lines=split_lines(text), warnings=warnings)
