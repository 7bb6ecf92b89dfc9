"""Export a project in one of the registered formats (see :data:`annotator.formats.EXPORTERS`).

An export never destroys what it did not write: :func:`check_output` refuses the project's own files
and folders holding other files before anything is read, and :func:`export` reads one snapshot of the
project and replaces the target only when something matched (see :mod:`annotator.formats.atomic`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Collection
from os import PathLike
from pathlib import Path
from typing import Any

from ..domain.shown import shown
from ..formats import EXPORTERS, exporter
from ..formats.atomic import STDOUT, OutputRefused, check_folder, held_outputs, resolve_output

__all__ = ["EXPORTS_DIR", "STDOUT", "NothingToExport", "OutputRefused", "check_output", "default_export_path",
           "export", "report_notes"]

EXPORTS_DIR = Path("exports")
PROJECT_SUFFIXES = ("", "-wal", "-shm", "-journal")  # the project file and SQLite's files beside it


class NothingToExport(Exception):
    """No record matched the export's filters: the target was left as it was."""


def default_export_path(project_path: str | PathLike[str], fmt: str) -> Path:
    """``exports/<project-stem>-<format><suffix>``, relative to the working folder."""
    from ..store.location import is_server_url

    if is_server_url(project_path):  # a team project: named after its database
        from urllib.parse import urlsplit

        stem = urlsplit(str(project_path)).path.strip("/") or "project"
    else:
        stem = Path(project_path).stem
    return EXPORTS_DIR / f"{stem}-{fmt}{EXPORTERS[fmt].suffix}"


def export(
    project: Any,
    path: str | PathLike[str],
    *,
    fmt: str = "jsonl",
    annotators: Collection[str] | None = None,
    status: str | None = None,
    include_suggestions: bool = False,
    gold: bool = False,
    labels: Collection[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    **options: Any,
) -> Any:
    """Write ``project`` to ``path`` (``-``: standard output) in format ``fmt``; returns the exporter's
    report. ``options`` are format-specific (``split=0.8`` for spacy). The records come from one
    snapshot of the project, so a concurrent writer cannot tear them. Raises OutputRefused for an
    output that would overwrite the project or files the export did not write (see
    :func:`check_output`), NothingToExport when nothing matched (the target is left as it was), and
    OSError when writing fails (the target is left as it was)."""
    fn = exporter(fmt)
    check_output(None if getattr(project, "shared", False) else getattr(project, "path", None), path, fmt=fmt,
                 split=options.get("split"))
    with _snapshot(project), held_outputs() as held:
        report = fn(project, path, annotators=annotators, status=status, include_suggestions=include_suggestions,
                    gold=gold, labels=labels, progress=progress, **options)
        if not report.records:
            filtered = annotators or status or labels is not None or gold
            raise NothingToExport(f"no {fmt} record matches the export's filters" if filtered
                                  else f"the project has no {fmt} record to export")
        held.commit()
    return report


def report_notes(report: Any) -> list[str]:
    """What the export left out or changed on the way, one phrase each (spaCy: overlapping or empty
    entities; XMI: characters XML cannot hold), for the front ends to tell after "Wrote …"."""
    counts = (("overlapping or empty entities left out", getattr(report, "dropped", 0)),
              ("characters XML cannot hold replaced by U+FFFD", getattr(report, "replaced_characters", 0)))
    return [f"{count:,} {what}" for what, count in counts if count]


def _snapshot(project: Any) -> contextlib.AbstractContextManager[Any]:
    """The project's read transaction (a stand-in that has none reads as it goes)."""
    snapshot = getattr(project, "snapshot", None)
    return snapshot() if snapshot is not None else contextlib.nullcontext(project)


# --- checks ---------------------------------------------------------------------------------------


def check_output(project_path: str | PathLike[str] | None, path: str | PathLike[str], *, fmt: str,
                 split: float | None = None) -> None:
    """Refuse (OutputRefused) an output of format ``fmt`` at ``path`` that would destroy what the
    export did not write: the project file or its ``-wal``/``-shm``/``-journal`` (through links, in
    any case), a folder that holds the project, a folder holding other files (folder formats), a
    folder for a file format, or standard output for a format that is not one text stream."""
    spec = EXPORTERS[fmt]
    if os.fspath(path) == STDOUT:
        if spec.output != "text":
            raise OutputRefused(f"the {fmt} export cannot go to standard output ('-'): give a "
                                f"{'folder' if spec.output == 'folder' else 'file'} name")
        return
    outputs = [Path(path)]
    if fmt == "spacy" and split is not None:
        from ..formats.spacy_docbin import split_paths

        outputs = list(split_paths(path))
    for output in outputs:
        _check_one(project_path, output, fmt=fmt, output=spec.output)


def _check_one(project_path: str | PathLike[str] | None, path: Path, *, fmt: str, output: str) -> None:
    target, through = resolve_output(path)
    if project_path is not None and not through:
        project = Path(os.path.realpath(project_path))
        for suffix in PROJECT_SUFFIXES:
            if _same_file(target, project.with_name(project.name + suffix)):
                what = "the project" if not suffix else f"the project's {suffix[1:]} file"
                raise OutputRefused(f"{shown(str(path))} is {what} ({shown(str(project))}{suffix}): "
                                    "choose another output")
        if output != "text" and any(_same_folder(target, folder) for folder in project.parents):
            raise OutputRefused(f"{shown(str(path))} holds the project {shown(str(project))}: "
                                f"give a new or empty folder for the {fmt} export")
    if output == "folder":
        check_folder(path, kind=fmt)
    elif output == "parts":
        check_folder(path, kind=fmt, replace_file=True)
    elif not through and target.is_dir():
        raise OutputRefused(f"{shown(str(path))} is a folder: give a file name for the {fmt} export")


def _same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file: the same file on disk, or (when one does not exist
    yet) the same name in the same folder, compared in any case (disks blind to case)."""
    with contextlib.suppress(OSError):
        if os.path.samefile(a, b):
            return True
    return a.name.casefold() == b.name.casefold() and _same_folder(a.parent, b.parent)


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(a) == os.path.normcase(b)
