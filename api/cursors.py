"""Cursors: where the next page starts, as the sort key of the last row sent (keyset
paging). Rows written elsewhere in the list while a client pages through it, by an
import or an editor, never make it skip or repeat one that was there before.

A cursor is signed (SECRET_KEY), so that the API reads back only what it wrote.
"""

from django.core import signing

SALT = "api.cursor"


class BadCursor(ValueError):
    pass


def encode(kind: str, *key) -> str:
    return signing.dumps([kind, *key], salt=SALT, compress=False)


def decode(text: str, kind: str) -> list:
    """The key of a cursor made by `encode(kind, …)`; BadCursor for anything else."""
    try:
        value = signing.loads(text, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError) as error:
        raise BadCursor(str(error)) from error
    if not isinstance(value, list) or not value or value[0] != kind:
        raise BadCursor("another list's cursor")
    return value[1:]
