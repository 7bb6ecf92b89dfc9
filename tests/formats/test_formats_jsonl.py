"""The annotator JSONL: schema, filters, record mapping and the export -> import -> export round trip."""

from __future__ import annotations

import json

import pytest
from jsonl_sample import ORIGIN, OTHER, TEXT, at

from annotator.domain.model import ACCEPTED, GOLD, IMPORT, SUGGESTED, SUGGESTIONS, Event, Quote, Span
from annotator.formats.jsonl import KEYS, RecordError, export_jsonl, input_hash, iter_records, record_to_items
from annotator.services.importing import import_paths
from annotator.store import open_project


def read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def export(project, tmp_path, name="out.jsonl", **options):
    path = tmp_path / name
    report = export_jsonl(project, path, **options)
    records = read(path)
    assert report.records == len(records)
    assert report.documents == len({r["id"] for r in records})
    return records


def by_annotator(records):
    return {(r["id"], r["annotator"]): r for r in records}


def test_every_key_present_with_the_right_types(annotated, tmp_path):
    project, _ = annotated
    records = export(project, tmp_path, gold=True, include_suggestions=True)
    assert records
    for r in records:
        assert tuple(r) == KEYS
        assert isinstance(r["id"], str) and isinstance(r["text"], str) and isinstance(r["meta"], dict)
        assert r["annotator"] is None or isinstance(r["annotator"], str)
        assert r["status"] is None or isinstance(r["status"], str)
        assert all(isinstance(r[k], list) for k in ("spans", "quotes", "events"))
        assert isinstance(r["_input_hash"], int) and -(2**31) <= r["_input_hash"] < 2**31
        assert isinstance(r["_task_hash"], int) and -(2**31) <= r["_task_hash"] < 2**31
        assert r["answer"] in ("accept", "ignore")
        for s in r["spans"]:
            assert list(s) == ["start", "end", "label", "text", "origin"]
            assert r["text"][s["start"]:s["end"]] == s["text"]
        for q in r["quotes"]:
            assert list(q) == ["start", "end", "text", "kind", "speaker", "cue"]
            assert q["speaker"] is None or list(q["speaker"]) == ["start", "end", "text", "label"]
            assert q["cue"] is None or list(q["cue"]) == ["start", "end", "text"]
        for e in r["events"]:
            assert list(e) == ["type", "mode", "context", "trigger", "args", "date", "quote"]
            assert all(list(a) == ["role", "start", "end", "text"] for a in e["args"])
            assert e["quote"] is None or list(e["quote"]) == ["start", "end", "text"]


def test_records_per_layer_and_content(annotated, tmp_path):
    project, _ = annotated
    records = by_annotator(export(project, tmp_path))
    assert set(records) == {("doc-1", "alice"), ("doc-1", "bob"), ("doc-2", None)}
    alice = records["doc-1", "alice"]
    assert alice["status"] == "done" and alice["answer"] == "accept"
    assert alice["meta"] == {"title": "Draghi e Macron", "url": "https://example.org/a", "source": "ANSA",
                             "published": "2021-12-22"}
    assert alice["_input_hash"] == input_hash(TEXT)
    # offsets are code points: the emoji before the span count as one character each
    start, end = at(TEXT, "Mario Draghi")
    assert {"start": start, "end": end, "label": "PER", "text": "Mario Draghi", "origin": "manual"} in alice["spans"]
    assert [s["label"] for s in alice["spans"]] == ["PER", "ORG", "LOC"]  # the rejected one is apart:
    assert [(s["text"], s["label"]) for s in alice["rejected"]["spans"]] == [("Macron", "ORG")]
    direct, indirect = alice["quotes"]
    assert direct["kind"] == "direct" and direct["text"] == "La città è pronta"
    assert direct["speaker"] == {"start": start, "end": end, "text": "Mario Draghi", "label": "PER"}
    assert direct["cue"]["text"] == "ha detto"
    assert indirect["speaker"] is None and indirect["cue"] is None
    (event,) = alice["events"]
    assert event["type"] == "CONSULT" and event["mode"] == "phone" and event["context"] == ["diplomatic"]
    assert event["trigger"]["text"] == "telefonato" and event["date"] == "2021-12-30"
    assert [(a["role"], a["text"]) for a in event["args"]] == [("actor", "Draghi"), ("recipient", "Macron"),
                                                              ("location", "Parigi")]
    bob = records["doc-1", "bob"]
    assert bob["status"] == "in progress" and bob["answer"] == "ignore"
    assert alice["_task_hash"] != bob["_task_hash"]


def test_document_nobody_annotated_is_one_null_record(annotated, tmp_path):
    project, _ = annotated
    records = [r for r in export(project, tmp_path) if r["id"] == "doc-2"]
    assert len(records) == 1
    (r,) = records
    assert r["annotator"] is None and r["status"] is None and r["text"] == OTHER
    assert r["spans"] == r["quotes"] == r["events"] == [] and r["answer"] == "ignore"


def test_annotator_filter(annotated, tmp_path):
    project, _ = annotated
    records = export(project, tmp_path, annotators=["bob"])
    assert [(r["id"], r["annotator"]) for r in records] == [("doc-1", "bob")]
    assert export(project, tmp_path, annotators=["nobody"]) == []


def test_status_filter_uses_each_records_annotator(annotated, tmp_path):
    project, _ = annotated
    assert [r["annotator"] for r in export(project, tmp_path, status="done")] == ["alice"]
    assert [r["annotator"] for r in export(project, tmp_path, status="in progress")] == ["bob"]
    assert export(project, tmp_path, status="adjudicated") == []


def test_include_suggestions_one_record_per_origin(annotated, tmp_path):
    project, ids = annotated
    records = export(project, tmp_path, include_suggestions=True)
    suggested = [r for r in records if r["status"] == "suggested"]
    assert [(r["id"], r["annotator"]) for r in suggested] == [("doc-1", ORIGIN)]
    assert [(s["label"], s["text"], s["origin"]) for s in suggested[0]["spans"]] == [
        ("PER", "Macron", ORIGIN), ("LOC", "Parigi", ORIGIN)]
    assert suggested[0]["answer"] == "ignore"
    # a second pipeline gives a second record
    project.import_annotations([Span(ids["doc"], 0, 2, "LOC", SUGGESTIONS, "rules@1", SUGGESTED, "rules@1")],
                               action="t", annotator="t")
    origins = [r["annotator"] for r in export(project, tmp_path, include_suggestions=True) if r["status"] == "suggested"]
    assert origins == [ORIGIN, "rules@1"]
    # filtered exports keep the suggestions of the documents they write only
    filtered = export(project, tmp_path, annotators=["bob"], include_suggestions=True)
    assert {r["id"] for r in filtered} == {"doc-1"}


def test_gold(annotated, tmp_path):
    project, _ = annotated
    assert all(r["annotator"] != GOLD for r in export(project, tmp_path))
    with_gold = by_annotator(export(project, tmp_path, gold=True))
    assert ("doc-1", GOLD) in with_gold and ("doc-1", "alice") in with_gold
    assert with_gold["doc-1", GOLD]["answer"] == "accept"
    assert [s["text"] for s in with_gold["doc-1", GOLD]["spans"]] == ["Mario Draghi"]
    only = export(project, tmp_path, annotators=[GOLD])
    assert [(r["id"], r["annotator"]) for r in only] == [("doc-1", GOLD)]


def test_labels_filter(annotated, tmp_path):
    project, _ = annotated
    records = by_annotator(export(project, tmp_path, labels={"PER"}))
    assert [s["label"] for s in records["doc-1", "alice"]["spans"]] == ["PER"]


def test_progress_and_constant_batches(annotated):
    project, _ = annotated
    seen = []
    records = list(iter_records(project, progress=lambda done, total: seen.append((done, total)), batch_size=1))
    assert seen == [(1, 2), (2, 2)]
    assert len(records) == 3


# --- record_to_items -------------------------------------------------------------------------------


def record(**changes):
    text = "Mario Draghi è a Roma."
    base = {"id": "x", "text": text, "meta": {}, "annotator": "alice", "status": "done",
            "spans": [{"start": 0, "end": 12, "label": "PER", "text": "Mario Draghi"}], "quotes": [], "events": []}
    base.update(changes)
    return base


def items(rec, labels=("PER", "LOC")):
    return record_to_items(rec, doc_id=7, text=rec["text"], default_annotator="me", labels=set(labels))


def test_record_to_items_maps_layer_status_and_origin():
    layer, status, found = items(record())
    assert (layer, status) == ("alice", "done")
    assert found == [Span(7, 0, 12, "PER", "alice", IMPORT, ACCEPTED, "alice")]
    layer, _, found = items(record(annotator=None))
    assert layer == "me" and found[0].layer == "me"
    assert items(record(annotator=GOLD))[0] == GOLD
    assert items(record(annotator=None, spans=[], status=None)) == (None, None, [])
    layer, status, found = items(record(annotator="rules@2", status="suggested",
                                        spans=[{"start": 17, "end": 21, "label": "LOC", "origin": "rules@2"}]))
    assert (layer, status) == (SUGGESTIONS, None)
    assert found == [Span(7, 17, 21, "LOC", SUGGESTIONS, "rules@2", SUGGESTED, "rules@2")]


def test_record_to_items_origin_and_author_of_every_kind():
    quote = {"start": 17, "end": 21, "kind": "direct"}
    event = {"type": "MEET", "args": [{"role": "actor", "start": 0, "end": 12}]}
    kinds = {"quotes": [quote], "events": [event]}

    def who(rec):
        return [(type(i).__name__, i.origin, i.annotator) for i in items(rec)[2]]

    # a suggestion record: the pipeline is origin and author; a span's own origin wins
    assert who(record(annotator="rules@2", status="suggested", **kinds)) == [
        ("Span", "rules@2", "rules@2"), ("Quote", "rules@2", "rules@2"), ("Event", "rules@2", "rules@2")]
    own = [{"start": 0, "end": 12, "label": "PER", "origin": "ner@1"}]
    assert who(record(annotator="rules@2", status="suggested", spans=own)) == [("Span", "ner@1", "ner@1")]
    assert who(record(annotator=None, status="suggested", **kinds)) == [
        ("Span", IMPORT, IMPORT), ("Quote", IMPORT, IMPORT), ("Event", IMPORT, IMPORT)]
    # a person's or the gold record: "import" is the origin, the person (gold: the importer) the author
    assert who(record(**kinds)) == [("Span", IMPORT, "alice"), ("Quote", IMPORT, "alice"), ("Event", IMPORT, "alice")]
    assert {a for _, _, a in who(record(annotator=GOLD, **kinds))} == {"me"}


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"spans": [{"start": 0, "end": 12, "label": "PERSON"}]}, ["PERSON", "add it to the label schema or fix the record"]),
        ({"spans": [{"start": 0, "end": 99, "label": "PER"}]}, ["outside the text"]),
        ({"spans": [{"start": 5, "end": 2, "label": "PER"}]}, ["outside the text"]),
        ({"spans": [{"start": 0, "end": 5, "label": "PER", "text": "Maria"}]}, ["“Maria”", "“Mario”", "fix the offsets"]),
        ({"spans": [{"start": "0", "end": 5, "label": "PER"}]}, ["integer"]),
        ({"quotes": [{"start": 0, "end": 5, "kind": "shouted"}]}, ["shouted"]),
        ({"quotes": [{"start": 0, "end": 5, "speaker": {"start": 0, "end": 5, "label": "ALIEN"}}]}, ["ALIEN"]),
        ({"events": [{"type": "CONSULT", "args": [{"role": "actor", "start": 0, "end": 50}]}]}, ["argument 1"]),
        ({"events": [{"mode": "phone"}]}, ["no type"]),
        ({"status": "finished"}, ["unknown status"]),
        ({"annotator": "@system"}, ["reserved"]),
    ],
)
def test_bad_records_raise_a_clear_error(changes, words):
    with pytest.raises(RecordError) as err:
        items(record(**changes))
    for word in words:
        assert word in str(err.value)


def test_record_without_annotator_needs_a_default():
    rec = record(annotator=None)
    with pytest.raises(RecordError, match="--annotator"):
        record_to_items(rec, doc_id=1, text=rec["text"], default_annotator=None, labels=None)


# --- round trip -----------------------------------------------------------------------------------


def test_round_trip_export_import_export(annotated, tmp_path, labels):
    project, _ = annotated
    first = export(project, tmp_path, "first.jsonl", gold=True, include_suggestions=True)
    assert "\r\n" in first[0]["text"]
    fresh = open_project(tmp_path / "fresh.db")
    try:
        report = import_paths(fresh, [tmp_path / "first.jsonl"], annotator="someone", labels=labels)
        assert report.rejected == []
        assert report.added == 2 and report.duplicates == 0
        second = export(fresh, tmp_path, "second.jsonl", gold=True, include_suggestions=True)
        # suggestions come back as suggestions, with their origin
        assert fresh.spans(1, SUGGESTIONS)[0].origin == ORIGIN
        # and again: importing the export into the project it came from adds nothing
        again = import_paths(fresh, [tmp_path / "second.jsonl"], annotator="someone", labels=labels)
        assert (again.added, again.annotations, again.duplicates) == (0, 0, 2)
        assert export(fresh, tmp_path, "third.jsonl", gold=True, include_suggestions=True) == second
    finally:
        fresh.close()
    assert second == first
    assert (tmp_path / "first.jsonl").read_bytes() == (tmp_path / "second.jsonl").read_bytes()


def test_items_of_every_kind_survive_the_round_trip(annotated, tmp_path, labels):
    project, ids = annotated
    export(project, tmp_path, "a.jsonl")
    fresh = open_project(tmp_path / "fresh.db")
    try:
        import_paths(fresh, [tmp_path / "a.jsonl"], annotator="x", labels=labels)
        doc = fresh.document_id_by_hash(project.document(ids["doc"]).content_hash)

        def strip(item):
            return item.with_(id=None, doc_id=0, origin="-", annotator="-", source_id=None)

        def plain(p, d, kind):
            got = getattr(p, kind)(d, "alice")
            return [strip(i) for i in got if i.status == ACCEPTED]

        for kind in ("spans", "quotes", "events"):
            assert plain(fresh, doc, kind) == plain(project, ids["doc"], kind)
        assert isinstance(fresh.quotes(doc, "alice")[0], Quote)
        assert isinstance(fresh.events(doc, "alice")[0], Event)
        assert fresh.doc_status(doc, "alice") == "done" and fresh.doc_status(doc, "bob") == "in progress"
    finally:
        fresh.close()
