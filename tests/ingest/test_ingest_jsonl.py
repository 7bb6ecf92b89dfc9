"""JSONL: records streamed line by line, text verbatim, bad lines rejected one by one."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from annotator.ingest import IncomingDocument, Rejection, read_paths
from annotator.ingest import limits

RECORD = {
    "id": "doc-7",
    "text": "  Putin ha detto:\r\n\"Siamo pronti\".\u2028Fine.  ",
    "meta": {"title": "Colloqui", "source": "ansa.it", "published": "2021-12-22"},
    "annotator": "giulia",
    "status": "done",
    "spans": [{"start": 2, "end": 7, "label": "PER", "text": "Putin", "origin": "manual"}],
    "quotes": [],
    "events": [],
    "_input_hash": 123,
    "_task_hash": 456,
    "answer": "accept",
}


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    path.write_bytes(b"\n".join(x if isinstance(x, bytes) else x.encode("utf-8") for x in lines) + b"\n")
    return path


def test_record_text_is_verbatim_and_record_is_kept(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "export.jsonl", [json.dumps(RECORD, ensure_ascii=False)])
    (doc,) = read_paths([path])
    assert isinstance(doc, IncomingDocument)
    assert doc.text == RECORD["text"]  # no stripping, no cleaning, \r\n and U+2028 kept
    assert doc.raw == RECORD["text"]
    assert doc.text[doc.record["spans"][0]["start"]:doc.record["spans"][0]["end"]] == "Putin"
    assert doc.meta == RECORD["meta"]  # kept as given; the id stays on the record
    assert doc.record == RECORD
    assert doc.source == f"{path}:1"
    assert "id" not in RECORD["meta"]  # the record's own meta was not modified


def test_noise_in_jsonl_text_is_not_cleaned(tmp_path: Path) -> None:
    text = "date 2021-12 https://example.com/a\n\nmondo\n\nfine.Inizio"
    path = write_lines(tmp_path / "a.jsonl", [json.dumps({"text": text})])
    (doc,) = read_paths([path])
    assert doc.text == text and doc.meta == {}


def test_malformed_lines_are_rejected_and_the_others_come_through(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "misto.jsonl", [
        '{"text": "uno"}',
        "",
        '{"text": "due", "meta": {"a": 1} "x": 2}',
        "[1, 2]",
        '{"meta": {}}',
        '{"text": 42}',
        '{"text": ""}',
        '{"text": "   \\n "}',
        '{"text": "tre", "meta": ["x"]}',
        '{"text": "quattro", "meta": null}',
        "   ",
        '{"text": "cinque"}',
    ])
    results = list(read_paths([path]))
    summary = [(r.source.rsplit(":", 1)[1], r.text if isinstance(r, IncomingDocument) else r.reason)
               for r in results]
    assert summary == [
        ("1", "uno"),
        ("3", "line 3 is not valid JSON: Expecting ',' delimiter at column 34"),
        ("4", "the line is not a JSON object (found an array)"),
        ("5", 'record has no "text" string'),
        ("6", 'record has no "text" string ("text" is a number)'),
        ("7", 'record has an empty "text"'),
        ("8", 'record has an empty "text"'),
        ("9", 'record\'s "meta" is not an object (found an array)'),
        ("10", "quattro"),
        ("12", "cinque"),
    ]


def test_record_text_over_the_limit_is_rejected_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_RECORD_CHARS", 10)
    path = write_lines(tmp_path / "a.jsonl", ['{"text": "troppo lungo per il limite"}', '{"text": "corto"}'])
    first, second = read_paths([path])
    assert first == Rejection(
        f"{path}:1", "record text is 26 characters, over the 10-character limit for one document: split it"
    )
    assert isinstance(second, IncomingDocument) and second.text == "corto"


def test_line_over_the_byte_limit_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_JSONL_LINE_BYTES", 64)
    path = write_lines(tmp_path / "a.jsonl", [json.dumps({"text": "x" * 500}), '{"text": "dopo"}'])
    first, second = read_paths([path])
    assert isinstance(first, Rejection) and first.source == f"{path}:1"
    assert first.reason.startswith("line 1 is longer than 64 bytes")
    assert isinstance(second, IncomingDocument) and second.text == "dopo"


def test_a_line_in_windows_1252_is_read(tmp_path: Path) -> None:
    latin = '{"text": "Caffè “corretto” a 2 €"}'.encode("cp1252")
    path = write_lines(tmp_path / "a.jsonl", ['{"text": "già"}', latin, b'{"text": "\x81\x8d\x90\x9d"}'])
    first, second, third = read_paths([path])
    assert first.text == "già"
    assert second.text == "Caffè “corretto” a 2 €"
    assert third == Rejection(f"{path}:3", "line 3 is not valid UTF-8, Latin-1 or Windows-1252 text")


def test_utf8_bom_and_crlf_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "uno"}\r\n{"text": "due"}\r\n')
    assert [d.text for d in read_paths([path])] == ["uno", "due"]


def test_empty_and_binary_jsonl_files(tmp_path: Path) -> None:
    empty = tmp_path / "vuoto.jsonl"
    empty.write_bytes(b"\n\n  \n")
    binary = tmp_path / "binario.jsonl"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert list(read_paths([empty, binary])) == [
        Rejection(str(empty), "empty file"),
        Rejection(str(binary), "binary file (contains NUL bytes)"),
    ]


def test_jsonl_is_streamed_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "grande.jsonl"
    line = json.dumps({"text": "Il governo ha approvato la manovra. " * 25}) + "\n"
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(6000):  # about 5.5 MB
            handle.write(line)
    count = 0
    tracemalloc.start()
    try:
        for result in read_paths([path]):
            assert isinstance(result, IncomingDocument)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 6000
    assert peak < 1_500_000, f"reading used {peak} bytes at its peak: the file was not streamed"

