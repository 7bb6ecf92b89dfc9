"""doccano JSONL, both variants: exact lines, filters, atomic writing, reading back (doccano's own
export too), round trips and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from jsonl_sample import ORIGIN, TEXT, at
from test_formats_prodigy import documents, expected_spans, kept_spans, peak_memory, round_trip

import annotator.formats.doccano as doccano
from annotator.cli.main import main
from annotator.domain.model import GOLD
from annotator.formats import EXPORTERS, IMPORTERS, exporter, importer
from annotator.formats.doccano import (
    KEYS,
    RELATION_KEYS,
    export_doccano,
    export_doccano_relations,
    line_to_record,
    read_doccano,
)
from annotator.formats.jsonl import iter_records
from annotator.services.exporting import default_export_path
from annotator.services.importing import import_paths

META = {"title": "Draghi e Macron", "url": "https://example.org/a", "source": "ANSA", "published": "2021-12-22"}


def read(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def export(project, tmp_path, name="out.jsonl", relations=False, **options):
    path = tmp_path / name
    report = (export_doccano_relations if relations else export_doccano)(project, path, **options)
    records = read(path)
    assert report.records == len(records)
    assert report.documents == len({r["id"] for r in records})
    for r in records:
        assert tuple(r) == (RELATION_KEYS if relations else KEYS)  # every line the same columns
    return records


# alice's rejection (Macron is no ORG), kept apart from the labels so doccano does not show it as one
REJECTED = {"spans": [{"start": 94, "end": 100, "label": "ORG", "text": "Macron", "origin": "manual"}], "quotes": [], "events": []}


def entity(n, part, label, nth=1, **extra):
    start, end = at(TEXT, part, nth)
    return {"id": n, "start_offset": start, "end_offset": end, "label": label, **extra}


def test_registered_for_export_and_import():
    assert exporter("doccano") is export_doccano and exporter("doccano-relations") is export_doccano_relations
    assert importer("doccano") is read_doccano and "doccano" in IMPORTERS
    assert EXPORTERS["doccano-relations"].suffix == ".jsonl"
    assert str(default_export_path("/data/news.db", "doccano-relations")) == "exports/news-doccano-relations.jsonl"


# --- exact lines ----------------------------------------------------------------------------------


def test_sequence_labelling_lines_exactly(annotated, tmp_path):
    project, _ = annotated
    lines = export(project, tmp_path, gold=True, include_suggestions=True)
    draghi, ansa, parigi, macron = at(TEXT, "Mario Draghi"), at(TEXT, "ANSA"), at(TEXT, "Parigi"), at(TEXT, "Macron")
    assert lines == [
        {"id": "doc-1", "text": TEXT, "label": [[*draghi, "PER"], [*ansa, "ORG"], [*parigi, "LOC"]],
         "meta": {**META, "annotator_status": "done", "rejected_suggestions": REJECTED}, "annotator": "alice"},
        {"id": "doc-1", "text": TEXT, "label": [[*macron, "PER"]], "meta": {**META, "annotator_status": "in progress"},
         "annotator": "bob"},
        {"id": "doc-1", "text": TEXT, "label": [[*draghi, "PER"]], "meta": {**META, "annotator_status": "new"},
         "annotator": GOLD},
        {"id": "doc-1", "text": TEXT, "label": [[*macron, "PER"], [*parigi, "LOC"]],
         "meta": {**META, "annotator_status": "suggested"}, "annotator": ORIGIN},
        {"id": "doc-2", "text": "Un articolo che nessuno ha annotato: Perché sì, però no.", "label": [],
         "meta": {"title": "Altro"}, "annotator": None},
    ]
    assert draghi == (10, 22)  # code points: the flag and the emoji before it count one per code point


def test_files_are_ascii_for_doccanos_encoding_guess(annotated, tmp_path):
    project, _ = annotated
    for relations in (False, True):
        path = tmp_path / f"{relations}.jsonl"
        (export_doccano_relations if relations else export_doccano)(project, path)
        data = path.read_bytes()
        assert data.isascii() and b"\\u00e0" in data and b"\\ud83d\\ude00" in data  # "à" and 😀 escaped
        assert json.loads(data.splitlines()[0])["text"] == TEXT


def test_relation_line_exactly(annotated, tmp_path):
    project, _ = annotated
    alice = export(project, tmp_path, relations=True)[0]
    assert (alice["id"], alice["annotator"], alice["meta"]) == (
        "doc-1", "alice", {**META, "annotator_status": "done", "rejected_suggestions": REJECTED})
    assert alice["entities"] == [
        entity(1, "Mario Draghi", "PER"), entity(2, "ANSA", "ORG"), entity(3, "Parigi", "LOC"),
        entity(4, "La città è pronta", "QUOTE", kind="direct"),
        entity(5, "Mario Draghi", "SPEAKER", entity_label="PER"),
        entity(6, "ha detto", "CUE"),
        entity(7, "la crisi è finita", "QUOTE", kind="indirect"),
        entity(8, "telefonato", "EVENT:CONSULT", mode="phone", context=["diplomatic"], date="2021-12-30", quote=None),
        entity(9, "Draghi", "ARG", 2),
        entity(10, "Macron", "ARG"),
    ]
    assert alice["relations"] == [
        {"id": 1, "from_id": 4, "to_id": 5, "type": "speaker"},
        {"id": 2, "from_id": 4, "to_id": 6, "type": "cue"},
        {"id": 3, "from_id": 8, "to_id": 9, "type": "actor"},
        {"id": 4, "from_id": 8, "to_id": 10, "type": "recipient"},
        {"id": 5, "from_id": 8, "to_id": 3, "type": "location"},  # the LOC entity itself
    ]


# --- filters, progress, atomic writing ------------------------------------------------------------


@pytest.mark.parametrize("relations", [False, True])
@pytest.mark.parametrize("filters", [
    {}, {"annotators": ["bob"]}, {"annotators": [GOLD]}, {"gold": True}, {"status": "done"},
    {"status": "in progress", "include_suggestions": True}, {"labels": ["LOC"]}, {"annotators": ["nobody"]},
])
def test_one_line_per_jsonl_record_with_every_filter(annotated, tmp_path, filters, relations):
    project, _ = annotated
    lines = export(project, tmp_path, relations=relations, **filters)
    records = list(iter_records(project, **filters))
    assert [(x["id"], x["annotator"]) for x in lines] == [(r["id"], r["annotator"]) for r in records]
    for line, record in zip(lines, records):
        if relations:
            found = [(e["start_offset"], e["end_offset"], e["label"]) for e in line["entities"]
                     if e["label"] not in ("QUOTE", "SPEAKER", "CUE", "ARG") and ":" not in e["label"]]
        else:
            found = [tuple(x) for x in line["label"]]
        assert found == [(s["start"], s["end"], s["label"]) for s in record["spans"]]


def test_progress_is_passed_through(annotated, tmp_path):
    project, _ = annotated
    for fn in (export_doccano, export_doccano_relations):
        seen = []
        fn(project, tmp_path / "p.jsonl", progress=lambda done, total: seen.append((done, total)))
        assert seen == [(2, 2)]


@pytest.mark.parametrize("name", ["doccano_record", "doccano_relation_record"])
def test_failing_midway_leaves_the_previous_export(annotated, tmp_path, monkeypatch, name):
    project, _ = annotated
    fn = export_doccano if name == "doccano_record" else export_doccano_relations
    target = tmp_path / "lines.jsonl"
    fn(project, target)
    before = target.read_bytes()
    real, calls = getattr(doccano, name), []

    def flaky(record):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("no space left on device")
        return real(record)

    monkeypatch.setattr(doccano, name, flaky)
    with pytest.raises(OSError):
        fn(project, target, gold=True)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("fn", [export_doccano, export_doccano_relations])
def test_memory_does_not_grow_with_the_number_of_documents(tmp_path, fn):
    (small_records, small), (large_records, large) = (peak_memory(fn, n, tmp_path / f"{n}.jsonl")
                                                      for n in (100, 1000))
    assert (small_records, large_records) == (100, 1000)
    assert large < 1.5 * small + 200_000, (small, large)


# --- reading back ---------------------------------------------------------------------------------


# Lines as doccano 1.8 exports them: its own example ids, metadata as top-level columns, Comments.
TEXT2 = "Il ministro Rossi ha detto: «Andiamo avanti». Poi ha incontrato Bianchi a Roma."


def test_lines_as_doccano_exports_them():
    plain = {"id": 17, "text": TEXT2, "source": "ANSA", "label": [[12, 17, "PER"], [74, 78, "LOC"]], "Comments": []}
    record = line_to_record(plain)
    assert record == {"id": 17, "text": TEXT2, "meta": {"source": "ANSA"}, "annotator": None, "status": None,
                      "spans": [{"start": 12, "end": 17, "label": "PER"}, {"start": 74, "end": 78, "label": "LOC"}],
                      "quotes": [], "events": []}
    relation = {"id": 18, "text": TEXT2, "Comments": [],
                "entities": [{"id": 301, "label": "PER", "start_offset": 12, "end_offset": 17},
                             {"id": 302, "label": "QUOTE", "start_offset": 29, "end_offset": 44},
                             {"id": 303, "label": "CUE", "start_offset": 18, "end_offset": 26},
                             {"id": 304, "label": "EVENT:MEET", "start_offset": 53, "end_offset": 63},
                             {"id": 305, "label": "PER", "start_offset": 64, "end_offset": 71}],
                "relations": [{"id": 9, "from_id": 302, "to_id": 301, "type": "speaker"},
                              {"id": 10, "from_id": 302, "to_id": 303, "type": "cue"},
                              {"id": 11, "from_id": 304, "to_id": 305, "type": "recipient"}]}
    record = line_to_record(relation)
    assert record["spans"] == [{"start": 12, "end": 17, "label": "PER"}, {"start": 64, "end": 71, "label": "PER"}]
    assert record["quotes"] == [{"start": 29, "end": 44, "kind": "direct", "speaker": {"start": 12, "end": 17,
                                 "label": "PER"}, "cue": {"start": 18, "end": 26}}]
    assert record["events"] == [{"type": "MEET", "mode": None, "context": [], "trigger": {"start": 53, "end": 63},
                                 "args": [{"role": "recipient", "start": 64, "end": 71}], "date": None, "quote": None}]
    # entity objects in "label" (doccano accepts both shapes)
    assert line_to_record({"text": TEXT2, "label": [{"start_offset": 12, "end_offset": 17, "label": "PER"}]})[
        "spans"] == [{"start": 12, "end": 17, "label": "PER"}]


def test_bad_lines_are_named_and_the_file_goes_on(tmp_path, project, labels):
    lines = [
        json.dumps({"text": TEXT2, "label": [[12, 17, "PER"]], "annotator": "carla"}),
        "[1, 2",
        json.dumps({"text": TEXT2, "label": [[12, "17", "PER"]]}),
        json.dumps({"text": TEXT2, "entities": [{"id": 1, "start_offset": 12, "end_offset": 17, "label": "PER"}],
                    "relations": [{"id": 1, "from_id": 1, "to_id": 7, "type": "speaker"}]}),
        json.dumps({"text": TEXT2, "entities": [{"id": 1, "start_offset": 12, "end_offset": 17, "label": "CUE"}],
                    "relations": []}),
        json.dumps({"text": TEXT2, "label": [[12, 170, "PER"]]}),
        json.dumps({"text": "Un altro testo.", "label": []}),
    ]
    path = tmp_path / "doccano.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_doccano(path))
    reasons = {source.rsplit(":", 1)[1]: r for source, r in results if isinstance(r, str)}
    assert sorted(reasons) == ["2", "3", "4", "5"]
    assert "not valid JSON" in reasons["2"] and "[start, end, label]" in reasons["3"]
    assert "to_id 7" in reasons["4"] and "linked to no QUOTE" in reasons["5"]
    report = import_paths(project, [path], annotator="me", labels=labels, fmt="doccano")
    assert report.added == 2
    assert sorted(r.source for r in report.rejected) == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert "outside the text" in next(r.reason for r in report.rejected if r.source.endswith(":6"))
    assert [s.label for s in project.spans(1, "carla")] == ["PER"]  # the line's own annotator


def test_a_folder_is_read_file_by_file(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "b.jsonl").write_text(json.dumps({"text": "Secondo.", "label": [[0, 7, "MISC"]], "meta": None}) + "\n",
                                    encoding="utf-8")
    (folder / "a.jsonl").write_text(json.dumps({"text": "Primo.", "label": []}) + "\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a doccano file", encoding="utf-8")
    found = list(read_doccano(folder))
    assert [(source, r["text"], r["meta"]) for source, r in found] == [
        (f"{folder / 'a.jsonl'}:1", "Primo.", {}), (f"{folder / 'b.jsonl'}:1", "Secondo.", {})]


# --- round trips ----------------------------------------------------------------------------------


def without_span_origins(records):
    return [{**r, "spans": [{k: v for k, v in s.items() if k != "origin"} for s in r["spans"]]} for r in records]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=documents(rejections=True))
def test_relations_round_trip_keeps_everything(docs, labels):
    first, second, before, after = round_trip(docs, export_doccano_relations, "doccano", labels)
    assert first == second
    # everything but the spans' origins (doccano has no field for them; suggestions keep theirs)
    assert without_span_origins(after) == without_span_origins(before)
    assert kept_spans(after) == expected_spans(docs)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=documents(parts=False))
def test_sequence_labelling_round_trip(docs, labels):
    first, second, before, after = round_trip(docs, export_doccano, "doccano", labels)
    assert first == second
    assert without_span_origins(after) == without_span_origins(before)
    assert kept_spans(after) == expected_spans(docs)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=documents())
@example(docs=[{  # a suggestion pending only for an annotator whose one annotation is an event
    "text": "D0 a ", "suggested": [(0, 1, "PER")],
    "layers": {"bob": {"spans": [(0, 1, "PER")], "quotes": [], "events": [], "status": "new"},
               "alice": {"spans": [], "quotes": [], "status": "new",
                         "events": [{"type": "CONSULT", "mode": None, "context": (), "trigger": None, "args": (),
                                     "date": None, "quote": None}]}}}])
def test_sequence_labelling_keeps_every_entity_of_a_full_project(docs, labels):
    *_, after = round_trip(docs, export_doccano, "doccano", labels)
    # quotations and events need the relation variant: an annotator with only those has no record after
    assert kept_spans(after) == expected_spans(docs, carried=("spans",))


# --- the command line -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["doccano", "doccano-relations"])
def test_cli_export_then_import(annotated, tmp_path, capsys, fmt):
    project, _ = annotated
    target = tmp_path / "lines.jsonl"
    assert main(["--project", str(project.path), "export", "--format", fmt, "-o", str(target), "--gold"]) == 0
    assert f"Wrote 1 record (1 document) to {target}" in capsys.readouterr()[0]  # the gold layer alone
    other = tmp_path / "other.db"
    assert main(["--project", str(other), "import", "--format", "doccano", str(target)]) == 0
    again = tmp_path / "again.jsonl"
    assert main(["--project", str(other), "export", "--format", fmt, "-o", str(again), "--gold"]) == 0
    assert again.read_bytes() == target.read_bytes()
