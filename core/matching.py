"""Names compared as people type them: without accents or case ("geneve" finds "Genève"),
the same on PostgreSQL and SQLite.

`plain()` is the Python side; the `__plain` lookup (registered on text columns) the
database's: PostgreSQL's `unaccent` and `lower`, SQLite a function registered on every
connection (`register_sqlite_function`) that runs `plain()` itself.
"""

import unicodedata

from django.db import models

# Letters that do not decompose into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "’": "'"})


def plain(text: str | None) -> str:
    """Text without accents or case, for sorting and comparing ("Genève" -> "geneve")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold().translate(_LIGATURES)


SQLITE_FUNCTION = "iomnews_plain"


class Plain(models.Transform):
    """`name__plain__contains=plain(word)`: the column without accents or case."""

    lookup_name = "plain"
    function = SQLITE_FUNCTION
    output_field = models.CharField()

    def as_postgresql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        # unaccent (migration releases 0002) removes accents and ligatures; lower the case.
        return f"translate(lower(unaccent({sql})), %s, %s)", (*params, "’", "'")


models.CharField.register_lookup(Plain)
models.TextField.register_lookup(Plain)


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """plain() as a SQL function, on every new SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, plain, deterministic=True)


def words_of(text: str, most: int = 8) -> list[str]:
    """The words of a search as names are matched: plain, without quotes or excluded words."""
    words = [w.strip("\"'()") for w in (text or "").split() if not w.startswith("-")]
    return [plain(w) for w in words if w][:most]


def matching(words: list[str], fields) -> models.Q:
    """Every word in one of these fields, accents and case aside."""
    found = models.Q()
    for word in words:
        found &= models.Q.create([(f"{field}__plain__contains", word) for field in fields], connector="OR")
    return found
