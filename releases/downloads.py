"""Exports written once per version of the data, then served as files.

A download is named by what it holds (its kind and its filters) and by the
version of the data (the page cache's "all" and "lists" tokens). The first
request for it writes the file (streamed: constant memory), from one snapshot
of the data on PostgreSQL, in a thread of lower CPU priority; later requests
get the file itself, with an ETag and Last-Modified, and a 304 when the client
has it.

At most settings.EXPORTS_AT_ONCE files are written at a time on a server;
a request beyond that, or for a file another request is writing, gets a 429
with Retry-After at once, so that downloads never hold every worker of the
portal. Locks are flock()s on files in EXPORT_DIR: a crashed writer frees its
own. Files of older versions are deleted when a new one is written.
"""

import contextlib
import fcntl
import hashlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction
from django.http import FileResponse, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from core.caching import ALL, LISTS, tokens

RETRY_AFTER_SECONDS = 10
STALE_PART_SECONDS = 3600
WRITER_NICENESS = 10


@dataclass(frozen=True)
class Download:
    what: str  # what the file holds: its kind and its filters, canonical
    suffix: str  # ".csv", ".json"
    content_type: str
    filename: str  # as the browser saves it
    write: Callable  # write(text_file) writes the whole file


class Busy(Exception):
    """The file is being written by another request, or every writing slot is taken."""


def serve(request, download: Download) -> HttpResponse:
    """The download as a file: from disk if written for this version, else written now, or a 429."""
    versions = tokens([ALL, LISTS])
    version = hashlib.sha256(repr(sorted(versions.items())).encode()).hexdigest()[:12]
    name = f"{version}-{hashlib.sha256(download.what.encode()).hexdigest()[:24]}{download.suffix}"
    etag = f'"{name}"'
    changed = [when for _token, when in versions.values() if when is not None]
    last_modified = max(changed).timestamp() if changed else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified
    folder = Path(settings.EXPORT_DIR)
    try:
        handle = open(folder / name, "rb")  # noqa: SIM115 (FileResponse closes it)
    except FileNotFoundError:
        try:
            handle = _write_once(folder, folder / name, download.write)
        except Busy:
            return _busy(request)
        _forget_other_versions(folder, version)
    response = FileResponse(handle, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "no-cache"
    return response


@contextlib.contextmanager
def _snapshot():
    """On PostgreSQL, one snapshot of the data for the version read and the file written."""
    if connection.vendor != "postgresql" or not connection.get_autocommit():
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def _write_once(folder: Path, path: Path, write: Callable):
    """The file, open: written now unless another request is writing it, in a free slot,
    or Busy. (Opened before the lock is let go: a writer of a newer version may delete it.)"""
    folder.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    with _locked(part) as locked:
        if not locked:
            raise Busy
        with contextlib.suppress(FileNotFoundError):
            handle = open(path, "rb")  # noqa: SIM115 (written by another request just now)
            part.unlink(missing_ok=True)
            return handle
        with _free_slot(folder):
            try:
                with open(part, "w", encoding="utf-8", newline="") as out:
                    _write_behind_pages(write, out)
                os.replace(part, path)
            except BaseException:
                part.unlink(missing_ok=True)
                raise
            return open(path, "rb")


def _write_behind_pages(write: Callable, out) -> None:
    """Write in a thread of its own at a lower CPU priority, so that the pages this server
    answers meanwhile come first; with a database connection of its own, closed when done.

    Inside a transaction (a test, ATOMIC_REQUESTS) another connection would not see
    what it holds: the request's thread writes then."""
    if connection.in_atomic_block:
        write(out)
        return
    failure: list[BaseException] = []

    def run():
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WRITER_NICENESS)
        try:
            with _snapshot():
                write(out)
        except BaseException as exc:
            failure.append(exc)
        finally:
            connections.close_all()  # this thread's

    writer = threading.Thread(target=run, name="export-writer", daemon=True)
    writer.start()
    writer.join()
    if failure:
        raise failure[0]


@contextlib.contextmanager
def _locked(path: Path):
    """An exclusive flock() on this file, if no one else holds one: yields whether it is ours."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def _free_slot(folder: Path):
    slots = folder / ".slots"
    slots.mkdir(exist_ok=True)
    for number in range(max(1, settings.EXPORTS_AT_ONCE)):
        with _locked(slots / f"{number}.lock") as locked:
            if locked:
                yield
                return
    raise Busy


def _forget_other_versions(folder: Path, version: str) -> None:
    """Files of older versions will never be served again; a stale .part is a crashed writer's."""
    now = time.time()
    for path in folder.iterdir():
        if not path.is_file() or path.name.startswith(version):
            continue
        if path.suffix == ".part" and now - path.stat().st_mtime < STALE_PART_SECONDS:
            continue  # being written (an older version's: it will be served once, then deleted)
        path.unlink(missing_ok=True)


def _busy(request) -> HttpResponse:
    body = render_to_string("releases/export_busy.html", {"seconds": RETRY_AFTER_SECONDS}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
