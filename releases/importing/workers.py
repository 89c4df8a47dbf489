"""Parsing in worker processes: pure Python, about as long as loading, so worker
processes parse the next window of pages while the main process loads the current one."""

import logging
import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..parsing import DEFAULT, Navigation, NotARelease, PageError, ParseWarning, parse_page, warm_up
from ..search import stem_text
from .files import read_page
from .sources import release_source
from .writing import indexed_texts

logger = logging.getLogger(__name__)

PARALLEL_MIN_FILES = 200
WINDOW = 256
PARSED, SKIPPED, FAILED = "parsed", "skipped", "failed"


@dataclass(frozen=True)
class ParseSettings:
    navigation: Navigation
    source_hosts: tuple[str, ...]
    stems: bool = False  # stem the texts SQLite's search index needs


_settings = ParseSettings(DEFAULT, ())


def _configure(settings: ParseSettings) -> None:
    global _settings
    _settings = settings


def parse_file(task) -> tuple[str, str, object]:
    """(name, PARSED | SKIPPED | FAILED, release or reason); never raises."""
    path, name = task
    try:
        parsed = parse_page(read_page(path), path.name, _settings.navigation)
        parsed.source, ignored = release_source(parsed.canonical_url, parsed.source, _settings.source_hosts)
        if ignored:
            parsed.warnings.append(ParseWarning("canonical_url_ignored", ignored))
        parsed.content_hash()  # computed here, in the worker
        if _settings.stems:
            # SQLite's search triggers find these instead of stemming in the loading process.
            parsed.stems = {text: stem_text(text) for text in indexed_texts(parsed) if text}
        return name, PARSED, parsed
    except NotARelease as exc:
        return name, SKIPPED, exc
    except PageError as exc:
        return name, FAILED, exc
    except Exception as exc:
        logger.exception("unexpected error parsing %s", name)
        return name, FAILED, PageError(f"internal error: {type(exc).__name__}: {exc}", "internal_error")


@contextmanager
def parsed_pages(files: list, settings: ParseSettings) -> Iterator[Iterator[tuple]]:
    """The files parsed, in order, as (name, kind, payload)."""
    workers = min(4, os.cpu_count() or 1)
    _configure(settings)
    if workers < 2 or len(files) < PARALLEL_MIN_FILES:
        yield map(parse_file, files)
        return
    warm_up()  # the gazetteer and the language model are loaded once, then shared with the forked workers
    with multiprocessing.get_context("fork").Pool(workers, _configure, (settings,)) as pool:

        def windows() -> Iterator[tuple]:
            chunks = [files[i : i + WINDOW] for i in range(0, len(files), WINDOW)]
            pending = pool.map_async(parse_file, chunks[0], chunksize=16)
            for k in range(len(chunks)):
                results = pending.get()
                if k + 1 < len(chunks):
                    pending = pool.map_async(parse_file, chunks[k + 1], chunksize=16)
                yield from results

        yield windows()
