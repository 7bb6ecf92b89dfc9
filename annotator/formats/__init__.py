"""Exporters and importers. The annotator JSONL (:mod:`.jsonl`) is the complete format; the others are
projections of it.

:data:`EXPORTERS` maps a format name (``annotator export --format NAME``) to its exporter, named as a
"module:function" string so that nothing is imported until that format is used. Every exporter is
called as ``fn(project, path, *, annotators, status, include_suggestions, gold, labels, progress)``
and returns a report with ``documents`` and ``records``; it writes through
:func:`annotator.formats.atomic.atomic_write`. Adding a format is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any, Callable


@dataclass(frozen=True)
class ExporterSpec:
    target: str  # "module:function"
    suffix: str  # file extension of the default output name
    description: str = ""

    def load(self) -> Callable[..., Any]:
        module, _, name = self.target.partition(":")
        return getattr(import_module(module), name)


EXPORTERS: dict[str, ExporterSpec] = {
    "jsonl": ExporterSpec("annotator.formats.jsonl:export_jsonl", ".jsonl", "annotator JSONL (complete)"),
    "plover": ExporterSpec("annotator.formats.plover:export_plover", ".jsonl", "PLOVER event records, one per event"),
}


def exporter(name: str) -> Callable[..., Any]:
    """The export function of format ``name``; KeyError lists the known formats."""
    try:
        return EXPORTERS[name].load()
    except KeyError:
        raise KeyError(f"unknown export format {name!r} (known: {', '.join(sorted(EXPORTERS))})") from None
