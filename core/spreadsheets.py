"""CSV cells a spreadsheet shows as text and never runs as a formula (CSV injection).

A spreadsheet runs a cell that starts with = + - @ (or a tab, a line break, their
full-width forms) as a formula: `=HYPERLINK(…)` in a title would send data away. Two
ways to keep such a cell text, for two kinds of readers:

- files for programs (the export of the contract): an apostrophe in front, as OWASP
  recommends; a program sees it and can drop it;
- files people open in a spreadsheet (the one for a French spreadsheet, the press
  directory): an invisible WORD JOINER (U+2060) in front. LibreOffice shows an
  apostrophe typed in a CSV as it is ("'+502 2333 6052"), which the word joiner never is;
  neither it nor Excel runs a cell that starts with one.

Plain Python.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")
WORD_JOINER = "\u2060"


def program_cell(value) -> str:
    """The cell for a CSV that programs read: an apostrophe before what would run."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def spreadsheet_cell(value) -> str:
    """The cell for a CSV that people open in a spreadsheet: an invisible word joiner before
    what would run, so that "+502 2333 6052" reads as it is written."""
    text = "" if value is None else str(value)
    return WORD_JOINER + text if text.startswith(FORMULA_STARTS) else text
