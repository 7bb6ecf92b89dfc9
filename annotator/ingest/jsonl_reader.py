"""JSONL files (.jsonl): one record per line, streamed so that files of any size can be read.

Each record is an object with a ``"text"`` string and optionally ``"meta"`` and the annotator JSONL
fields (``id``, ``spans``, ``quotes``, ``events``, ``_input_hash`` …). The text is kept verbatim:
offsets of the annotations in the record point into it. A bad line becomes a Rejection for that line
only (``file.jsonl:LINE``) and reading goes on: so does a record holding a value that cannot be
stored or exported (NaN, Infinity, a lone surrogate ``"\\ud800"``; see
:mod:`annotator.domain.json_values`), or a line that is UTF-8 but for a few bytes.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from annotator.domain import json_values
from annotator.ingest import limits
from annotator.ingest.documents import IncomingDocument, Rejection
from annotator.ingest.encoding import (
    EMPTY_FILE,
    NUL_BYTES,
    UNDECODABLE,
    DecodeError,
    decode_legacy,
    refuse_damaged_utf8,
)

_SNIFF_BYTES = 8192


def read_jsonl(path: Path) -> Iterator[IncomingDocument | Rejection]:
    """Yield one document or rejection per non-blank line of the JSONL file at ``path``."""
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        yield Rejection(name, f"cannot open the file: {err.strerror or err}")
        return
    with handle:
        head = handle.read(_SNIFF_BYTES)
        if _binary(head):
            yield Rejection(name, NUL_BYTES)
            return
        handle.seek(0)
        found_any = False
        for number, start, line in _lines(handle):
            if line is None:
                found_any = True
                yield Rejection(
                    f"{name}:{number}",
                    f"line {number} is longer than {limits.human_size(limits.MAX_JSONL_LINE_BYTES)}"
                    ", the limit for one record: split the record",
                )
                continue
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line, start = line[len(codecs.BOM_UTF8):], start + len(codecs.BOM_UTF8)
            if not line.strip():
                continue
            found_any = True
            yield parse_record_line(line, number=number, source=f"{name}:{number}", start=start)
        if not found_any:
            yield Rejection(name, EMPTY_FILE)


def parse_record_line(line: bytes, *, number: int, source: str, start: int = 0) -> IncomingDocument | Rejection:
    """Decode and check one JSONL line; ``source`` is ``"path:LINE"``, ``start`` the line's offset in
    the file (so that bad bytes are named by their offset in the file)."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            refuse_damaged_utf8(line, what=f"line {number}", start=start)
        except DecodeError as err:
            return Rejection(source, err.reason)
        try:
            decoded, _encoding = decode_legacy(line)
        except DecodeError:
            return Rejection(source, f"line {number} is {UNDECODABLE}")
    try:
        record = json_values.loads(decoded)
    except json_values.NotJSON as err:
        return Rejection(source, f"line {number} is {err.reason}")
    return document_from_record(record, source=source)


def document_from_record(record: Any, *, source: str) -> IncomingDocument | Rejection:
    """Check a parsed record and turn it into a document with the text verbatim."""
    if not isinstance(record, dict):
        return Rejection(source, f"the line is not a JSON object (found {_kind(record)})")
    problem = json_values.first_problem(record)
    if problem is not None:
        return Rejection(source, problem)
    text = record.get("text")
    if not isinstance(text, str):
        found = "" if "text" not in record else f' ("text" is {_kind(text)})'
        return Rejection(source, f'record has no "text" string{found}')
    if not text.strip():
        return Rejection(source, 'record has an empty "text"')
    if len(text) > limits.MAX_RECORD_CHARS:
        return Rejection(
            source,
            f"record text is {len(text):,} characters, over the {limits.MAX_RECORD_CHARS:,}-character"
            " limit for one document: split it",
        )
    meta = record.get("meta")
    if meta is None:
        meta = {}
    elif not isinstance(meta, dict):
        return Rejection(source, f'record\'s "meta" is not an object (found {_kind(meta)})')
    meta = dict(meta)  # as the record gives it; its "id" stays in ``record`` (it becomes the uid)
    return IncomingDocument(text=text, raw=text, meta=meta, source=source, record=record)


def _lines(handle: BinaryIO) -> Iterator[tuple[int, int, bytes | None]]:
    """``(line number, offset in the file, bytes)`` for each line; ``None`` for a line over the size
    limit (skipped)."""
    limit = limits.MAX_JSONL_LINE_BYTES
    number = 0
    while True:
        start = handle.tell()
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the line without holding it
                rest = handle.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, start, None
            continue
        yield number, start, line.rstrip(b"\r\n")


def _binary(head: bytes) -> bool:
    """Whether the first bytes of a .jsonl file show a binary file (or UTF-16) rather than JSON lines.

    A NUL byte alone does not tell: one hostile line may hold one, and is rejected by itself. It is
    binary when it holds NULs and does not start like JSON lines (``{`` or ``[``) or has a NUL in its
    first two bytes, as UTF-16 and UTF-32 text does.
    """
    if b"\x00" not in head:
        return False
    start = head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")
    return start[:1] not in (b"{", b"[") or b"\x00" in start[:2]


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a number"  # int, float, or NaN/Infinity as json_values.loads marks them
