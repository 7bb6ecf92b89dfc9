"""Exporters and importers. The annotator JSONL (:mod:`.jsonl`) is the complete format; the others are
projections of it.

:data:`EXPORTERS` maps a format name (``annotator export --format NAME``) to its exporter, named as a
"module:function" string so that nothing is imported until that format is used. Every exporter is
called as ``fn(project, path, **filters)``: the keywords of
:func:`annotator.formats.jsonl.iter_records` (``annotators``, ``status``, ``include_suggestions``,
``gold``, ``labels``, ``progress``) plus format options such as spacy's ``split``, which the others
pass on and ``iter_records`` ignores. It returns a report with ``documents`` and ``records`` and
writes atomically (:mod:`annotator.formats.atomic`). Every exporter is a projection of
``iter_records``, so all filter alike and stream in bounded memory.

:data:`IMPORTERS` maps a format name (``annotator import --format NAME``) to a reader called as
``fn(path)``, which yields ``(source, record)`` pairs: ``record`` an annotator JSONL record (a dict
with "text", "meta", "annotator", "spans", "quotes", "events") or, for a part that cannot be read, a
string saying why (``source`` names the file and line or document). The import then treats the
record exactly as a line of an annotator JSONL file. Adding a format is one line here.
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
    output: str = "text"  # "text": one stream (may go to standard output); "parts": a file, or a
    # folder of part files when large; "folder": a folder of files

    def load(self) -> Callable[..., Any]:
        module, _, name = self.target.partition(":")
        return getattr(import_module(module), name)


EXPORTERS: dict[str, ExporterSpec] = {
    "jsonl": ExporterSpec("annotator.formats.jsonl:export_jsonl", ".jsonl", "annotator JSONL (complete)"),
    "plover": ExporterSpec("annotator.formats.plover:export_plover", ".jsonl", "PLOVER event records, one per event"),
    "prodigy": ExporterSpec("annotator.formats.prodigy:export_prodigy", ".jsonl", "Prodigy tasks with spans and relations"),
    "doccano": ExporterSpec("annotator.formats.doccano:export_doccano", ".jsonl", "doccano sequence labelling JSONL"),
    "doccano-relations": ExporterSpec("annotator.formats.doccano:export_doccano_relations", ".jsonl",
                                      "doccano JSONL with entities and relations"),
    "conll": ExporterSpec("annotator.formats.conll:export_conll", ".conll", "CoNLL-2003 token/IOB columns"),
    "brat": ExporterSpec("annotator.formats.brat:export_brat", "", "brat standoff: a folder of .txt and .ann",
                         output="folder"),
    "spacy": ExporterSpec("annotator.formats.spacy_docbin:export_docbin", ".spacy", "spaCy DocBin for spacy train",
                          output="parts"),
    "xmi": ExporterSpec("annotator.formats.xmi:export_xmi", "", "UIMA CAS XMI for INCEpTION: a folder of .xmi",
                        output="folder"),
}


@dataclass(frozen=True)
class ImporterSpec:
    target: str  # "module:function"
    description: str = ""

    def load(self) -> Callable[..., Any]:
        module, _, name = self.target.partition(":")
        return getattr(import_module(module), name)


IMPORTERS: dict[str, ImporterSpec] = {
    "prodigy": ImporterSpec("annotator.formats.prodigy:read_prodigy", "Prodigy JSONL (spans, relations)"),
    "doccano": ImporterSpec("annotator.formats.doccano:read_doccano", "doccano JSONL (both variants)"),
    "conll": ImporterSpec("annotator.formats.conll:read_conll", "CoNLL token/IOB columns"),
    "brat": ImporterSpec("annotator.formats.brat:read_brat", "brat .ann files (with their .txt)"),
    "xmi": ImporterSpec("annotator.formats.xmi:read_xmi", "UIMA CAS XMI (with TypeSystem.xml beside)"),
}


def importer(name: str) -> Callable[..., Any]:
    """The reader of format ``name``; KeyError lists the known formats."""
    try:
        return IMPORTERS[name].load()
    except KeyError:
        raise KeyError(f"unknown import format {name!r} (known: {', '.join(sorted(IMPORTERS))})") from None


def exporter(name: str) -> Callable[..., Any]:
    """The export function of format ``name``; KeyError lists the known formats."""
    try:
        return EXPORTERS[name].load()
    except KeyError:
        raise KeyError(f"unknown export format {name!r} (known: {', '.join(sorted(EXPORTERS))})") from None
