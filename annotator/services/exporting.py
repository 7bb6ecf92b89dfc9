"""Export a project in one of the registered formats (see :data:`annotator.formats.EXPORTERS`)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from os import PathLike
from pathlib import Path
from typing import Any

from ..formats import EXPORTERS, exporter

EXPORTS_DIR = Path("exports")


def default_export_path(project_path: str | PathLike[str], fmt: str) -> Path:
    """``exports/<project-stem>-<format><suffix>``, relative to the working folder."""
    return EXPORTS_DIR / f"{Path(project_path).stem}-{fmt}{EXPORTERS[fmt].suffix}"


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
    """Write ``project`` to ``path`` in format ``fmt`` atomically; returns the exporter's report.
    ``options`` are format-specific (``split=0.8`` for spacy)."""
    fn = exporter(fmt)
    return fn(project, path, annotators=annotators, status=status, include_suggestions=include_suggestions,
              gold=gold, labels=labels, progress=progress, **options)
