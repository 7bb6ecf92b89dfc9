"""``annotator merge OTHER.db``: bring another project's documents and every layer into this one.

The other project is copied (its write-ahead log too), the copy written to a temporary annotator
JSONL (every annotator, gold and the suggestions) and imported back with the import's rules:
documents are matched by content hash and never duplicated, an item already there is skipped, each
record's annotator keeps their layer and their status where this project has none yet, quotation
links follow their quotation. The other file is never opened for writing.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from ..domain.labels import LabelSchema
from ..formats.jsonl import export_jsonl
from .importing import ImportReport, import_paths

__all__ = ["MergeError", "merge_project"]


class MergeError(ValueError):
    """The other project cannot be merged; the message says why and what to do."""


def merge_project(project: Any, other_path: str | Path, *, labels: LabelSchema) -> ImportReport:
    """Merge the project file at ``other_path`` into ``project``; returns the import's report."""
    from ..store import open_project
    from ..store.schema import ProjectVersionError

    other_path = Path(other_path)
    if not other_path.is_file():
        raise MergeError(f"{other_path}: no such project file")
    if other_path.resolve() == Path(project.path).resolve():
        raise MergeError(f"{other_path} is this project: merge another annotator's project file")
    with tempfile.TemporaryDirectory(prefix="annotator-merge-") as folder:
        copy = Path(folder) / other_path.name
        shutil.copyfile(other_path, copy)
        for suffix in ("-wal", "-shm"):
            side = other_path.with_name(other_path.name + suffix)
            if side.is_file():
                shutil.copyfile(side, copy.with_name(copy.name + suffix))
        try:
            other = open_project(copy)
        except (ProjectVersionError, sqlite3.DatabaseError) as err:
            raise MergeError(f"{other_path}: not a project this annotator can read ({err})") from None
        try:
            dump = Path(folder) / f"{other_path.stem}.jsonl"
            export_jsonl(other, dump, include_suggestions=True, gold=True)
        finally:
            other.close()
        return import_paths(project, [dump], annotator=None, labels=labels)
