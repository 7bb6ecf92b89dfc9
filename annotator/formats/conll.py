"""CoNLL-2003 style columns: one token a line with its BIO entity tag, for NER tools and trainers.

Writing (:func:`export_conll`), one block per record of :func:`annotator.formats.jsonl.iter_records`
(a document in one layer; same filters, same order)::

    -DOCSTART- -X- -X- O
    <blank>
    Mario -X- -X- B-PER
    Draghi -X- -X- I-PER
    ha -X- -X- O
    …
    . -X- -X- O
    <blank>                      (after every sentence)

- Tokens are runs of word characters (letters, digits, "_", combining accents) and single other
  characters (punctuation, symbols, each emoji code point); whitespace is never in a token. A token
  is also cut where an entity starts or ends inside a word, so every entity is a run of whole tokens.
- Sentences end after ``.``, ``!`` or ``?`` followed by whitespace, and at line breaks (``\\r``,
  ``\\n``), but never inside an entity; empty sentences are not written.
- Tags are IOB2: ``B-LABEL`` on an entity's first token, ``I-LABEL`` on the others, ``O`` outside.
  Columns 2 and 3 (part of speech and chunk in CoNLL-2003) are ``-X-``.
- Entities only. Quotations and events cannot be carried by token tags and are left out, and so
  are the document's id, metadata, annotator and status, and the text's exact spacing. Where a
  layer's entities overlap (they normally do not), the one that starts first (the longer one on a
  tie) is written and the others are left out.

Reading (:func:`read_conll`) takes our files and real CoNLL files: 2 or more whitespace-separated
columns (the token first, the tag last: CoNLL-2003's 4 columns, or token/tag pairs), blank lines
between sentences, ``-DOCSTART-`` lines optional (each one starts a document; a file without any is
one document). Tags may be IOB1 (``I-`` starts an entity unless it continues one of the same label;
``B-`` only between two adjacent entities of one label) or IOB2 (``B-`` starts every entity);
the ``E-``/``L-`` and ``S-``/``U-`` tags of BIOES/BILOU are read as well. A bad line (one column,
an unknown tag) rejects the document it is in, naming the line; reading goes on with the next one.
The text is rebuilt from the tokens: sentences joined with "\\n", the tokens of a sentence with
single spaces, except that no space follows a ``.``, ``!`` or ``?`` token inside a sentence (the
writer only leaves one there when no whitespace followed it, so rebuilding keeps the sentences).
Records name no annotator: the import puts them in the importing annotator's layer.

The round trip is defined on the file: for every block the writer wrote, reading it and writing the
record again gives the same block (same tokens, sentences and tags: ``export(import(export(x))) ==
export(x)``), and each entity's tokens and label are kept. In a project: exporting one layer
(``--annotator NAME``), importing the file into a fresh project as that annotator and exporting the
layer again gives the same file, except for blocks without any entity, which bring their document
alone (no annotator or status travels, so the layer has nothing of that document). The original
spacing, offsets, and everything but the entities, are not kept: use the annotator JSONL or brat.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .atomic import atomic_write
from .jsonl import AnnotatedSource, ExportReport, iter_records

DOCSTART = "-DOCSTART-"
DOCSTART_LINE = "-DOCSTART- -X- -X- O"
FILLER = "-X-"
OUTSIDE = "O"

# word characters: \w plus the combining diacritical marks of the common blocks (NFD accents)
_WORD = "\\w\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TOKEN = re.compile(f"[{_WORD}]+|[^{_WORD}\\s]")
_SENTENCE_END = frozenset(".!?")
_LINE_BREAK = re.compile("[\r\n]")
# begin / inside prefixes of IOB1, IOB2, BIOES (E-, S-) and BILOU (L-, U-)
_BEGIN, _INSIDE = frozenset("BSU"), frozenset("IEL")
_LAST = frozenset("ESLU")  # the tag ends its entity


# --- tokens and sentences -------------------------------------------------------------------------


def tokenize(text: str, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every token of ``text``; tokens are also cut at each offset of
    ``cuts`` that falls inside one (entity boundaries)."""
    points = sorted(set(cuts))
    out: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if end - start > 1 and points:
            i, j = bisect_right(points, start), bisect_left(points, end)
            for cut in points[i:j]:
                out.append((start, cut))
                start = cut
        out.append((start, end))
    return out


def _entities(spans: Iterable[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """The record's spans as ``(start, end, label)`` in text order, overlapping ones left out."""
    ordered = sorted((s["start"], -s["end"], s["label"]) for s in spans)
    kept: list[tuple[int, int, str]] = []
    last_end = -1
    for start, neg_end, label in ordered:
        if start >= last_end:
            kept.append((start, -neg_end, label))
            last_end = -neg_end
    return kept


def sentences(text: str, spans: Iterable[dict[str, Any]] = ()) -> list[list[tuple[str, str]]]:
    """The sentences of ``text`` as lists of ``(token, tag)``; ``spans`` are the entities
    (dicts with start, end and label), tagged IOB2."""
    entities = _entities(spans)
    cuts = [offset for start, end, _ in entities for offset in (start, end)]
    out: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    k = 0  # the first entity that does not end before the token
    prev_end = -1
    prev_entity = -1
    for start, end in tokenize(text, cuts):
        while k < len(entities) and entities[k][1] <= start:
            k += 1
        entity = k if k < len(entities) and entities[k][0] <= start else -1
        if current and not (entity >= 0 and entity == prev_entity) and _breaks(text, prev_end, start):
            out.append(current)
            current = []
        if entity < 0:
            tag = OUTSIDE
        else:
            tag = ("I-" if entity == prev_entity else "B-") + entities[entity][2]
        current.append((text[start:end], tag))
        prev_end, prev_entity = end, entity
    if current:
        out.append(current)
    return out


def _breaks(text: str, prev_end: int, start: int) -> bool:
    """Whether a sentence ends between the token ending at ``prev_end`` and the one at ``start``:
    whitespace after a ``.``, ``!`` or ``?`` (always a token of its own), or a line break."""
    if prev_end == start:
        return False
    if text[prev_end - 1] in _SENTENCE_END:
        return True  # whitespace follows: start > prev_end and only whitespace lies between tokens
    return _LINE_BREAK.search(text, prev_end, start) is not None


def block(record: dict[str, Any]) -> str:
    """The CoNLL block of one annotator JSONL record: the -DOCSTART- line, a blank line, then every
    sentence followed by a blank line."""
    parts = [DOCSTART_LINE, "\n\n"]
    for sentence in sentences(record["text"], record.get("spans") or ()):
        for token, tag in sentence:
            parts.append(f"{token} {FILLER} {FILLER} {tag}\n")
        parts.append("\n")
    return "".join(parts)


def write_conll(path: str | Path, records: Iterable[dict[str, Any]]) -> ExportReport:
    """Write one block per record to ``path`` atomically; documents count runs of one ``id``."""
    documents = written = 0
    last_id: Any = object()
    with atomic_write(path) as out:
        for record in records:
            out.write(block(record))
            written += 1
            if record.get("id") != last_id:
                documents += 1
                last_id = record.get("id")
    return ExportReport(documents=documents, records=written)


def export_conll(project: AnnotatedSource, path: str | Path, **filters: Any) -> ExportReport:
    """Write the entities of ``project`` as CoNLL-2003 columns to ``path`` atomically: one block per
    record of the annotator JSONL export with the same filters (see the module docstring)."""
    return write_conll(path, iter_records(project, **filters))


# --- reading --------------------------------------------------------------------------------------


class _BadLine(ValueError):
    pass


def _decode(line: bytes) -> str:
    """UTF-8, else the legacy single-byte encodings old CoNLL files use (cp1252, then latin-1)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return line.decode("cp1252")
        except UnicodeDecodeError:
            return line.decode("latin-1")


def _tag(value: str, number: int) -> tuple[str, str | None]:
    """``(prefix, label)`` of a tag: ``("O", None)``, ``("B", "PER")``, ``("I", "PER")``…"""
    if value == OUTSIDE:
        return OUTSIDE, None
    prefix, sep, label = value.partition("-")
    if not sep or len(prefix) != 1 or prefix not in _BEGIN | _INSIDE or not label:
        raise _BadLine(f"line {number} has the tag {value!r}: expected O, or B-, I-, E- or S- "
                       "followed by a label (B-PER)")
    return prefix, label


class _Document:
    """The document being read: sentences of ``(token, prefix, label)``."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.sentences: list[list[tuple[str, str, str | None]]] = []
        self.current: list[tuple[str, str, str | None]] = []
        self.error: str | None = None

    def end_sentence(self) -> None:
        if self.current:
            self.sentences.append(self.current)
            self.current = []

    def record(self, doc_id: str) -> dict[str, Any]:
        self.end_sentence()
        pieces: list[str] = []
        spans: list[dict[str, Any]] = []
        offset = 0
        open_label: str | None = None
        open_start = 0
        open_end = 0

        def close() -> None:
            nonlocal open_label
            if open_label is not None:
                spans.append({"start": open_start, "end": open_end, "label": open_label})
                open_label = None

        for n, sentence in enumerate(self.sentences):
            if n:
                pieces.append("\n")
                offset += 1
            close()  # entities never run across sentences
            last = len(sentence) - 1
            for i, (token, prefix, label) in enumerate(sentence):
                start, end = offset, offset + len(token)
                pieces.append(token)
                if prefix == OUTSIDE:
                    close()
                elif prefix in _BEGIN or open_label != label:
                    close()
                    open_label, open_start, open_end = label, start, end
                else:
                    open_end = end
                if prefix in _LAST:
                    close()
                offset = end
                if i < last and token not in _SENTENCE_END:
                    pieces.append(" ")
                    offset += 1
        close()
        return {"id": doc_id, "text": "".join(pieces), "meta": {}, "annotator": None, "status": None,
                "spans": spans, "quotes": [], "events": []}


def read_conll(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """``(source, record)`` for every document of the CoNLL file ``path`` (or of every file of the
    folder ``path``), or ``(source, reason)`` for one that cannot be read; see the module docstring."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            yield str(path), "the folder holds no files to read as CoNLL"
        for file in files:
            yield from _read_file(file)
        return
    yield from _read_file(path)


def _read_file(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        yield name, f"cannot open the file: {err.strerror or err}"
        return
    count = 0
    with handle:
        head = handle.read(8192)
        if b"\x00" in head:
            yield name, "the file holds NUL bytes: it is not a text file in CoNLL columns"
            return
        handle.seek(0)
        doc: _Document | None = None
        number = 0
        for raw in handle:
            number += 1
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            columns = _decode(raw.rstrip(b"\r\n")).split()
            if not columns:
                if doc is not None:
                    doc.end_sentence()
                continue
            if columns[0] == DOCSTART:
                if doc is not None and (doc.sentences or doc.current or doc.error):
                    count += 1
                    yield _finish(doc, path, count)
                doc = _Document(f"{name}:{number}")
                continue
            if doc is None:
                doc = _Document(f"{name}:{number}")
            if doc.error:
                continue
            try:
                if len(columns) < 2:
                    raise _BadLine(f"line {number} has one column ({columns[0][:40]!r}): a token line needs "
                                   "the token and its tag, separated by a space")
                prefix, label = _tag(columns[-1], number)
            except _BadLine as err:
                doc.error = f"{err}: fix the line (the document is left out)"
                continue
            doc.current.append((columns[0], prefix, label))
        if doc is not None and (doc.sentences or doc.current or doc.error):
            count += 1
            yield _finish(doc, path, count)
    if count == 0:
        yield name, "no tokens found: a CoNLL file has one token and its tag a line"


def _finish(doc: _Document, path: Path, count: int) -> tuple[str, dict[str, Any] | str]:
    if doc.error:
        return doc.source, doc.error
    return doc.source, doc.record(f"{path.stem}-{count}")
