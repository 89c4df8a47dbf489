"""The files an import reads: every page under the paths given, and every path it
could not read (a folder without permission, a broken or looping link) with why."""

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from releases.parsing import PageError, read_lines

PAGE_SUFFIXES = (".txt", ".html", ".htm")


class BadPath(ValueError):
    """A path given on the command line does not exist (a usage error)."""

    def __init__(self, path):
        super().__init__(f"no such file or folder: {path}")
        self.path = path


@dataclass
class FoundFiles:
    pages: list[tuple[Path, str]] = field(default_factory=list)  # (path, name to report)
    failed: list[dict] = field(default_factory=list)  # {"path", "error"}: found, not readable

    def __len__(self) -> int:
        return len(self.pages) + len(self.failed)


def _failure(path, exc: OSError, what: str = "") -> dict:
    if exc.errno == errno.ELOOP:
        return {"path": str(path), "error": "symbolic link loop", "code": "symbolic_link_loop"}
    return {"path": str(path), "error": f"cannot read{what} ({exc.strerror or exc})", "code": "unreadable"}


def collect_files(paths) -> FoundFiles:
    """Pages (.txt, .html, .htm) under the given files and folders, read recursively,
    in a stable order; a file given by name is read whatever its ending."""
    found = FoundFiles()
    for given in paths:
        path = Path(given)
        try:
            info = path.stat()
        except FileNotFoundError:
            if not path.is_symlink():
                raise BadPath(given) from None
            found.failed.append({"path": given, "error": "broken symbolic link", "code": "broken_link"})
            continue
        except OSError as exc:
            found.failed.append(_failure(given, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, found)
        elif stat.S_ISREG(info.st_mode):
            found.pages.append((path, given))
        else:
            found.failed.append({"path": given, "error": "not a regular file", "code": "not_a_file"})
    return found


def _walk(top: Path, found: FoundFiles) -> None:
    """Depth first, following links to folders; a link back to a folder above it
    (a loop) is reported once, a folder reached twice by other links is read once."""
    read: set[tuple[int, int]] = set()
    stack: list[tuple[Path, frozenset]] = [(top, frozenset())]
    while stack:
        folder, above = stack.pop()
        try:
            info = folder.stat()
            identity = (info.st_dev, info.st_ino)
            if identity in above:
                found.failed.append(
                    {"path": str(folder), "error": "symbolic link loop", "code": "symbolic_link_loop"}
                )
                continue
            if identity in read:
                continue
            read.add(identity)
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            found.failed.append(_failure(folder, exc, " the folder"))
            continue
        folders = []
        for entry in entries:
            _take(entry, found, folders)
        # Reversed: the stack then reads the folders in name order.
        stack.extend((Path(sub), above | {identity}) for sub in reversed(folders))


def _take(entry: os.DirEntry, found: FoundFiles, folders: list[str]) -> None:
    try:
        if entry.is_dir():
            folders.append(entry.path)
        elif entry.is_file():
            if entry.name.lower().endswith(PAGE_SUFFIXES):
                found.pages.append((Path(entry.path), entry.path))
        elif entry.is_symlink() and (entry.name.lower().endswith(PAGE_SUFFIXES) or "." not in entry.name):
            # A link that leads nowhere (broken, or a loop): it may have been a page or a folder.
            os.stat(entry.path)
            found.failed.append({"path": entry.path, "error": "not a regular file", "code": "not_a_file"})
    except FileNotFoundError:
        found.failed.append({"path": entry.path, "error": "broken symbolic link", "code": "broken_link"})
    except OSError as exc:
        found.failed.append(_failure(entry.path, exc))


def read_page(path: Path):
    """The page's lines (text or HTML); PageError when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        failure = _failure(path, exc, " the file")
        raise PageError(failure["error"], failure["code"]) from exc
    return read_lines(data, path.name)
