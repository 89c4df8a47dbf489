"""Importing pages: find the files, parse them (releases.parsing), resolve what they
name (resolving.py) and write the releases (writing.py), every file in one bucket."""

from .files import BadPath, FoundFiles, collect_files
from .report import ImportReport, open_run, record_run
from .run import run_import

__all__ = ["BadPath", "FoundFiles", "ImportReport", "collect_files", "open_run", "record_run", "run_import"]
