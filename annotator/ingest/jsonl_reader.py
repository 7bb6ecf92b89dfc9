"""JSONL files (.jsonl): one record per line, streamed so that files of any size can be read.

Each record is an object with a ``"text"`` string and optionally ``"meta"`` and the annotator JSONL
fields (``id``, ``spans``, ``quotes``, ``events``, ``_input_hash`` …). The text is kept verbatim:
offsets of the annotations in the record point into it. A bad line becomes a Rejection for that line
only (``file.jsonl:LINE``) and reading goes on.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from annotator.ingest import limits
from annotator.ingest.documents import IncomingDocument, Rejection
from annotator.ingest.encoding import EMPTY_FILE, NUL_BYTES, UNDECODABLE, DecodeError, decode_legacy

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
        if b"\x00" in head:
            yield Rejection(name, NUL_BYTES)
            return
        handle.seek(0)
        found_any = False
        for number, line in _lines(handle):
            if line is None:
                found_any = True
                yield Rejection(
                    f"{name}:{number}",
                    f"line {number} is longer than {limits.human_size(limits.MAX_JSONL_LINE_BYTES)}"
                    ", the limit for one record: split the record",
                )
                continue
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8):]
            if not line.strip():
                continue
            found_any = True
            yield parse_record_line(line, number=number, source=f"{name}:{number}")
        if not found_any:
            yield Rejection(name, EMPTY_FILE)


def parse_record_line(line: bytes, *, number: int, source: str) -> IncomingDocument | Rejection:
    """Decode and check one JSONL line; ``source`` is ``"path:LINE"``."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            decoded, _encoding = decode_legacy(line)
        except DecodeError:
            return Rejection(source, f"line {number} is {UNDECODABLE}")
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as err:
        return Rejection(source, f"line {number} is not valid JSON: {err.msg} at column {err.colno}")
    except RecursionError:
        return Rejection(source, f"line {number} is not valid JSON: nested too deeply")
    return document_from_record(record, source=source)


def document_from_record(record: Any, *, source: str) -> IncomingDocument | Rejection:
    """Check a parsed record and turn it into a document with the text verbatim."""
    if not isinstance(record, dict):
        return Rejection(source, f"the line is not a JSON object (found {_kind(record)})")
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


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` for each line; ``None`` for a line over the size limit (skipped)."""
    limit = limits.MAX_JSONL_LINE_BYTES
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the line without holding it
                rest = handle.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line.rstrip(b"\r\n")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
