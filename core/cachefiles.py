"""Files computed once and kept between processes (the gazetteer's index, the language
model, the world map's outlines), in $IOMNEWS_CACHE_DIR, else ~/.cache/iomnews.

Plain Python: the parser, which imports no Django, uses it too.
"""

import json
import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path


def cache_dir() -> Path:
    return Path(os.environ.get("IOMNEWS_CACHE_DIR") or Path.home() / ".cache" / "iomnews")


def write_atomically(path: Path, data: bytes) -> None:
    """The file written whole or not at all, even by several processes at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)


def cached_json(name: str, build: Callable[[], object]):
    """The JSON kept under this name, else what build() returns (kept for the next process)."""
    path = cache_dir() / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = build()
    with suppress(OSError):  # no cache: built again by the next process
        write_atomically(path, json.dumps(value, ensure_ascii=False).encode("utf-8"))
    return value
