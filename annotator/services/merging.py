"""``annotator merge OTHER.db``: bring another project's documents and every layer into this one.

The other project is opened read-only (``mode=ro``: never written, not even its journal mode) and its
annotator JSONL records (every annotator, gold and the suggestions) are streamed straight into the
import, inside one read snapshot of the other file: no temporary copy or JSONL is written, so a killed
merge leaves nothing behind. Import's rules apply: documents are matched by content hash and never
duplicated, an item already there is skipped, each record's annotator keeps their layer and their
status where this project has none yet, quotation links follow their quotation, and a record whose
events this project's event schema does not know is rejected (named) like in an import. Temporary folders
left by older versions of merge (``annotator-merge-*``) are removed.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..domain.labels import LabelSchema
from ..domain.shown import shown
from ..formats.jsonl import iter_records
from .importing import ImportReport, iter_import_documents, project_events

__all__ = ["MergeError", "merge_project", "remove_stale_merge_folders"]

_STALE_AFTER = 3600.0  # seconds: an old merge's copy this old is not in use
# the names tempfile.TemporaryDirectory(prefix="annotator-merge-") gave: a folder of the user's own
# with another name (annotator-merge-notes) is not ours to remove
_OLD_MERGE_FOLDER = re.compile(r"annotator-merge-[a-z0-9_]{8}")


class MergeError(ValueError):
    """The other project cannot be merged; the message says why and what to do."""


def merge_project(project: Any, other_path: str | Path, *, labels: LabelSchema) -> ImportReport:
    """Merge the project file at ``other_path`` into ``project``; returns the import's report."""
    from ..store import open_project
    from ..store.errors import ProjectUnavailable
    from ..store.schema import ProjectVersionError

    remove_stale_merge_folders()
    other_path = Path(other_path)
    if not other_path.is_file():
        raise MergeError(f"{shown(str(other_path))}: no such project file")
    if other_path.resolve() == Path(project.path).resolve():
        raise MergeError(f"{shown(str(other_path))} is this project: merge another annotator's project file")
    try:
        other = open_project(other_path, readonly=True)
    except (ProjectVersionError, ProjectUnavailable) as err:
        raise MergeError(f"{shown(str(other_path))}: not a project this annotator can read ({err})") from None
    try:
        with other.snapshot():
            step = None
            for step in iter_import_documents(project, _documents_of(other, other_path), annotator=None,
                                              labels=labels, events=project_events(project)):
                pass
            assert step is not None  # the import always reports once, at the end
            return step.report
    finally:
        other.close()


def _documents_of(other: Any, other_path: Path) -> Iterator[Any]:
    """The other project's records as incoming documents, each named ``OTHER.db:uid`` in messages."""
    from ..ingest.jsonl_reader import document_from_record

    # every suggestion, not only those pending for the other project's annotators: this project's
    # annotators have decided none of them yet (the other's rejections come with their records)
    for record in iter_records(other, include_suggestions=True, all_suggestions=True, gold=True):
        yield document_from_record(record, source=f"{other_path}:{record.get('id', '?')}")


def remove_stale_merge_folders(root: str | Path | None = None) -> int:
    """Remove the ``annotator-merge-*`` folders that merges of older versions left in the temporary
    folder when they were killed (one copy of a whole project each): this user's, named as
    ``tempfile`` names them, untouched for an hour; returns how many went."""
    folder = Path(root or tempfile.gettempdir())
    removed = 0
    try:
        candidates = [p for p in folder.glob("annotator-merge-*") if _OLD_MERGE_FOLDER.fullmatch(p.name)]
    except OSError:
        return 0
    for path in candidates:
        try:
            info = path.lstat()
            if (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
                    and time.time() - info.st_mtime > _STALE_AFTER):
                shutil.rmtree(path)
                removed += 1
        except OSError:
            continue
    return removed
