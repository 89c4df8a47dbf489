"""Text clean-up: decoding, line normalisation, paragraphs, lost ligatures."""

import math
import re
import unicodedata
from functools import lru_cache

from .errors import NotARelease, PageError
from .warnings import ParseWarning

MAX_PAGE_BYTES = 20 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


# What a page in the portal's languages may be written in when it is not UTF-8.
_WESTERN_ENCODINGS = ["cp1252", "iso8859_15", "latin_1", "mac_roman", "cp850"]
# UTF-8 misread once as Windows-1252: "gÃ©nÃ©rale", "â€™".
_MOJIBAKE = re.compile(
    r"Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€"
)


def decode(data: bytes) -> str:
    """Bytes to text (see decode_page)."""
    return decode_page(data)[0]


def decode_page(data: bytes) -> tuple[str, list[ParseWarning]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else a Western encoding.

    A UTF-8 page with a few bad bytes stays UTF-8 (they are replaced, with a
    warning); only a page that is not UTF-8 at all is read in another encoding,
    which charset-normalizer chooses among Western ones.
    """
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(f"page too large ({len(data) // (1024 * 1024)} MB, limit 20 MB)", "too_large")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise PageError(f"not a text file (invalid {encoding})", "invalid_encoding") from exc
            return _checked_text(text)
    sample = data[:SAMPLE_BYTES]
    if b"\x00" in sample and _binary(sample.count(b"\x00"), len(sample)):
        raise PageError("not a text file (binary content)", "binary_content")
    warnings: list[ParseWarning] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, bad = _mostly_utf8(data)
        if bad:
            warnings.append(ParseWarning("invalid_utf8_bytes", f"{bad} octet(s)"))
        else:
            text = _western(data)
    if ("Ã" in text or "â€" in text) and _MOJIBAKE.search(text):
        text = _repaired(text)
    text, control = _checked_text(text)
    return text, warnings + control


def _mostly_utf8(data: bytes) -> tuple[str, int]:
    """(text, number of bad bytes) when the page is UTF-8 but for a few bytes, else ("", 0)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    decoded = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    # Real UTF-8 text has its accented letters decoded; a Windows-1252 page has none.
    return (text, bad) if decoded >= 2 * bad else ("", 0)


def _western(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_WESTERN_ENCODINGS).best()
    # cp1252 is a superset of Latin-1 for printable text; a few bytes are undefined in it.
    return str(best) if best is not None else data.decode("cp1252", errors="replace")


def _repaired(text: str) -> str:
    """Mojibake undone line by line (ftfy), where a line holds it: other lines are left as they are."""
    import ftfy

    return "\n".join(ftfy.fix_encoding(line) if _MOJIBAKE.search(line) else line for line in text.split("\n"))


# Control characters no text has (tab, line feed, carriage return and form feed are the text's).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
SAMPLE_BYTES = 8192
# More NUL bytes or control characters than this share of a page's start: a binary file, refused.
# Fewer (a stray NUL, a few control characters left by a scraper): dropped, with a warning.
BINARY_SHARE = 0.02


def _binary(control: int, size: int) -> bool:
    return control > 1 and control > BINARY_SHARE * size


def _checked_text(text: str) -> tuple[str, list[ParseWarning]]:
    warnings = []
    if _CONTROL.search(text):
        sample = text[:SAMPLE_BYTES]
        if _binary(len(_CONTROL.findall(sample)), len(sample)):
            raise PageError("not a text file (binary content)", "binary_content")
        removed = len(_CONTROL.findall(text))
        text = _CONTROL.sub("", text)
        warnings.append(ParseWarning("control_characters_removed", f"{removed} caractère(s)"))
    if not text.strip():
        raise NotARelease("empty page", "empty_page")
    return text, warnings


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")


def clean_line(line: str) -> str:
    """One line with its spaces folded and its ends trimmed, in Unicode NFC."""
    line = unicodedata.normalize("NFC", line).replace("\ufeff", "").replace("\u00ad", "")
    return _SPACES.sub(" ", line).strip()


def split_lines(text: str) -> list[str]:
    """Text with any line endings to cleaned lines (blank lines kept as '')."""
    # The whole text at once: the same as clean_line() on every line, faster.
    text = unicodedata.normalize("NFC", text).replace("\ufeff", "").replace("\u00ad", "")
    text = _SPACES.sub(" ", text)
    return [line.strip() for line in re.split(r"\r\n|\r|\n|\f|\u2028|\u2029", text)]


# Accents, and the Arabic vowel signs and hamza written over or under a letter ("أ" is "ا").
_COMBINING = re.compile(
    r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u064b-\u065f\u0670]"
)


def fold(text: str) -> str:
    """A comparison key: no accents, no case, one kind of apostrophe, single spaces."""
    # Short strings (navigation lines, names) repeat from page to page: cache them.
    return _fold_short(text) if len(text) < 300 else _fold(text)


@lru_cache(maxsize=16384)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():  # most lines of English pages, and every number: the quick way
        return " ".join(text.split()).lower()
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return _SPACES.sub(" ", text).strip().casefold()


# Scripts written without spaces between words (Chinese, Japanese, Korean).
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Sentence ends of every script: the Latin ones, the ideographic full stop, the Arabic question mark.
SENTENCE_END_CHARS = ".!?…。！？؟"


def word_count(line: str) -> int:
    """Words of a line; in Chinese, about one for every one and a half characters."""
    words = line.count(" ") + 1 if line else 0
    if line.isascii() or not _WIDE.search(line):
        return words
    return words + 2 * len(_WIDE.findall(line)) // 3


def display_length(line: str) -> int:
    """A line's length as it is laid out: a Chinese character is as wide as two Latin letters."""
    if line.isascii() or not _WIDE.search(line):
        return len(line)
    return len(line) + len(_WIDE.findall(line))


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """fold(text) of a cleaned line (single spaces), and for each of its characters the
    position in `text` it comes from: what a match in folded text covers in the line as written."""
    if text.isascii():  # folding keeps every character in place
        return text.lower(), list(range(len(text) + 1))
    folded: list[str] = []
    positions: list[int] = []
    for run in _ASCII_RUN.finditer(text):
        start, end = run.span()
        # Runs of ASCII fold in place; another character may fold to none ("\u0301") or two ("ﬁ").
        part = run.group().lower() if end - start > 1 or run.group().isascii() else _fold_short(run.group())
        folded.append(part)
        positions.extend(range(start, end) if len(part) == end - start else [start] * len(part))
    positions.append(len(text))
    return "".join(folded), positions


_ASCII_RUN = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]")


# ---------------------------------------------------------------- ligatures
# Scraping lost the "œ" of some words ("mettre en uvre", "uvrent"). Only forms
# that are not French words themselves are restored ("sur" stays "sur").
_LOST_LIGATURE = re.compile(
    r"\b(?P<prefix>d[eé]s|man|main-d['’]|chef-d['’]|hors-d['’])?(?P<u>[Uu])(?P<rest>vr(?:e|es|er|ent|ant|é|ée|és|ées"
    r"|ons|ez|ait|aient|era|eront|erait)?)\b"
    r"|\b(?P<c>[cC])ur(?P<cs>s?)\b"
    r"|\b(?P<r>[rR])ancur(?P<rs>s?)\b"
    r"|\b(?P<v>[vV])ux\b"
    r"|\b(?P<n>[nN])ud(?P<ns>s?)\b"
    r"|\b(?P<b>[bB])uf(?P<bs>s?)\b"
    r"|\b(?P<f>[fF])tus\b"
)


def _restored(m: re.Match) -> str:
    if m.group("u"):
        oe = "Œ" if m.group("u") == "U" and not m.group("prefix") else "œ"
        return (m.group("prefix") or "") + oe + "u" + m.group("rest")
    for letter, word, plural in (
        ("c", "œur", "cs"),
        ("r", "ancœur", "rs"),
        ("n", "œud", "ns"),
        ("b", "œuf", "bs"),
    ):
        if m.group(letter):
            return m.group(letter) + word + m.group(plural)
    if m.group("v"):
        return m.group("v") + "œux"
    return m.group("f") + "œtus"


# Every form above has one of these in it: most texts have none, and are left at once.
_LIGATURE_HINT = re.compile(r"[Uu]vr|\b(?:[cC]|[rR]anc)urs?\b|\b(?:[vV]ux|[nN]uds?|[bB]ufs?|[fF]tus)\b")


def restore_ligatures(text: str) -> str:
    if not _LIGATURE_HINT.search(text):
        return text
    return _LOST_LIGATURE.sub(_restored, text)


# ---------------------------------------------------------------- paragraphs
_SENTENCE_END = re.compile(r"""(?:[.!?…。！？؟]|[.!?…]\s*[»”")])$""")
_BULLET = re.compile(r"^(?:[-–—•*·]|\d{1,2}[.)])\s+\S")
_URL_ONLY = re.compile(r"^\S+://\S+$")


def _split_word(line: str) -> bool:
    """The line ends with a word cut by a hyphen ("socio-")."""
    return len(line) > 1 and line.endswith("-") and line[-2].isalpha() and line[-2].islower()


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) or bool(_URL_ONLY.match(line))


def wrap_width(lengths: list[int]) -> int:
    """The width a text is wrapped at: its longest lines' (the 90th percentile of sorted lengths,
    rounded up, so that a short excerpt's few lines are measured by their longest)."""
    return lengths[math.ceil(0.9 * (len(lengths) - 1))]


def to_paragraphs(lines: list[str], hard_wrapped: bool | None = None) -> list[str]:
    """Join hard-wrapped lines into paragraphs; pages written one paragraph a line stay so.

    A wrapped line ends its paragraph only when it closes a sentence and is
    clearly shorter than the wrap width, so no paragraph ends mid-sentence.
    """
    text_lines = [line for line in lines if line]
    if not text_lines:
        return []
    lengths = sorted(display_length(line) for line in text_lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if hard_wrapped is None:
        hard_wrapped = wrap_width(lengths) <= 110 and len(text_lines) > 2
    if not hard_wrapped:
        return [line for line in text_lines]

    paragraphs: list[str] = []
    parts: list[str] = []  # the current paragraph's lines (joined once: linear on any page)

    def close() -> None:
        if parts:
            paragraphs.append("".join(parts))
            parts.clear()

    for line in lines:
        if not line:
            close()
            continue
        if parts and _BULLET.match(line):
            close()
        if not parts:
            parts.append(line)
        elif _split_word(parts[-1]) and line[:1].islower():
            parts.append(line)  # a word split at the wrap
        else:
            parts.append(" " + line)
        if _ends_sentence(line) and display_length(line) < 0.85 * width:
            close()
    close()
    return paragraphs
