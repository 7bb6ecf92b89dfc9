"""Span values in the annotator JSONL: an extra "value" key, written only when there is a value."""

from __future__ import annotations

import json

import pytest
from jsonl_sample import ORIGIN, TEXT, at

from annotator.domain.model import ACCEPTED, SUGGESTIONS, Span
from annotator.formats.jsonl import RecordError, export_jsonl, record_to_items
from annotator.services.importing import import_paths
from annotator.store import open_project

DATE = at(TEXT, "30 dicembre")


@pytest.fixture
def dated(annotated):
    """The sample project, plus a DATE with its value in alice's layer and among the suggestions."""
    project, ids = annotated
    doc_id = ids["doc"]
    project.import_annotations(
        [Span(doc_id, *DATE, "DATE", "alice", "manual", ACCEPTED, "alice", value="2021-12-30")],
        action="fixture", annotator="tester")
    kept = project.suggestions(doc_id)
    project.replace_suggestions(
        [(doc_id, [*kept, Span(doc_id, *DATE, "DATE", SUGGESTIONS, ORIGIN, value="2021-12-30")])],
        origin=ORIGIN, action="fixture")
    return project


def spans_of(records, annotator):
    [record] = [r for r in records if r["id"] == "doc-1" and r["annotator"] == annotator]
    return record["spans"]


def export(project, path):
    export_jsonl(project, path, include_suggestions=True)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_span_with_a_value_has_a_value_key_and_the_others_do_not(dated, tmp_path):
    records = export(dated, tmp_path / "out.jsonl")
    for annotator in ("alice", ORIGIN):
        spans = spans_of(records, annotator)
        [date] = [s for s in spans if s["label"] == "DATE"]
        assert date == {"start": DATE[0], "end": DATE[1], "label": "DATE", "text": "30 dicembre",
                        "origin": date["origin"], "value": "2021-12-30"}
        assert all("value" not in s for s in spans if s["label"] != "DATE")


def test_values_survive_export_and_import(dated, tmp_path, labels):
    first = export(dated, tmp_path / "first.jsonl")
    fresh = open_project(tmp_path / "fresh.db")
    try:
        report = import_paths(fresh, [tmp_path / "first.jsonl"], annotator="someone", labels=labels)
        assert report.rejected == []
        doc_id = fresh.document_ids()[0]
        assert [(s.label, s.value) for s in fresh.spans(doc_id, "alice") if s.label == "DATE"] == [
            ("DATE", "2021-12-30")]
        assert [s.value for s in fresh.suggestions(doc_id) if s.label == "DATE"] == ["2021-12-30"]
        assert export(fresh, tmp_path / "second.jsonl") == first
    finally:
        fresh.close()


def test_a_value_that_is_not_a_string_is_refused():
    record = {"text": "Il 30 dicembre.", "annotator": "alice", "status": "done",
              "spans": [{"start": 3, "end": 14, "label": "DATE", "value": 20211230}]}
    with pytest.raises(RecordError, match='span 1 .*"value" must be a string'):
        record_to_items(record, doc_id=1, text=record["text"], default_annotator=None, labels=None)
    record["spans"][0]["value"] = "2021-12-30"
    _, _, [span] = record_to_items(record, doc_id=1, text=record["text"], default_annotator=None, labels=None)
    assert span.value == "2021-12-30"
