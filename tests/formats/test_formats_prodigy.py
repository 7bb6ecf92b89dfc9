"""Prodigy tasks: exact records, tokens, filters, atomic writing, reading back, round trips and the CLI.

The hypothesis strategy :func:`documents` and :func:`build_project` are shared with the doccano tests.
"""

from __future__ import annotations

import json
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonl_sample import ORIGIN, TEXT, at

import annotator.formats.prodigy as prodigy
from annotator.cli.main import main
from annotator.domain.model import (
    ACCEPTED,
    DOC_STATUSES,
    REJECTED,
    GOLD,
    Document,
    Event,
    EventArg,
    Quote,
    Span,
)
from annotator.formats import EXPORTERS, IMPORTERS, exporter, importer
from annotator.formats.jsonl import export_jsonl, iter_records
from annotator.formats.prodigy import (
    KEYS,
    export_prodigy,
    iter_prodigy_records,
    read_prodigy,
    task_to_record,
    token_bounds,
)
from annotator.services.exporting import default_export_path
from annotator.services.importing import import_paths
from annotator.store import open_project
from annotator.store.project import AnnotatedDocument, NewDocument


def read(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def export(project, tmp_path, name="out.jsonl", **options):
    path = tmp_path / name
    report = export_prodigy(project, path, **options)
    records = read(path)
    assert report.records == len(records)
    assert report.documents == len({r["id"] for r in records})
    for r in records:
        assert tuple(r) == KEYS
    return records


def by_annotator(records):
    return {(r["id"], r["_annotator_id"]): r for r in records}


def span(part, label, tokens, nth=1, **extra):
    start, end = at(TEXT, part, nth)
    first, last = tokens
    return {"start": start, "end": end, "token_start": first, "token_end": last, "label": label, "text": part,
            **extra}


def test_registered_for_export_and_import():
    assert EXPORTERS["prodigy"].target == "annotator.formats.prodigy:export_prodigy"
    assert exporter("prodigy") is export_prodigy and importer("prodigy") is read_prodigy
    assert IMPORTERS["prodigy"].target == "annotator.formats.prodigy:read_prodigy"
    assert str(default_export_path("/data/news.db", "prodigy")) == "exports/news-prodigy.jsonl"


# --- exact records --------------------------------------------------------------------------------


def test_alice_record_exactly(annotated, tmp_path):
    project, _ = annotated
    alice = by_annotator(export(project, tmp_path))["doc-1", "alice"]
    assert alice["text"] == TEXT and alice["id"] == "doc-1"
    assert alice["meta"] == {"title": "Draghi e Macron", "url": "https://example.org/a", "source": "ANSA",
                             "published": "2021-12-22", "annotator_status": "done",
                             # not among the spans: an accepted task would teach them as entities
                             "rejected_suggestions": {"spans": [{"start": 94, "end": 100, "label": "ORG", "text": "Macron", "origin": "manual"}], "quotes": [], "events": []}}
    assert (alice["_annotator_id"], alice["_session_id"], alice["answer"]) == ("alice", "alice", "accept")
    jsonl = next(r for r in iter_records(project) if r["annotator"] == "alice")
    assert (alice["_input_hash"], alice["_task_hash"]) == (jsonl["_input_hash"], jsonl["_task_hash"])

    assert [t["text"] for t in alice["tokens"]] == [
        "🇮🇹", "Oggi", "😀", "Mario", "Draghi", "ha", "detto", ":", "«", "La", "città", "è", "pronta", "»", ".",
        "Secondo", "l", "'", "ANSA", ",", "Draghi", "ha", "telefonato", "a", "Macron", "a", "Parigi", "il", "30",
        "dicembre", ".", "Il", "governo", "ha", "spiegato", "che", "la", "crisi", "è", "finita", "."]
    assert alice["tokens"][0] == {"text": "🇮🇹", "start": 0, "end": 2, "id": 0, "ws": True}
    assert alice["tokens"][2] == {"text": "😀", "start": 8, "end": 9, "id": 2, "ws": True}  # code points
    assert [t["ws"] for t in alice["tokens"][6:10]] == [False, True, False, True]  # "detto: «La "
    assert alice["tokens"][14] == {"text": ".", "start": 52, "end": 53, "id": 14, "ws": True}  # before \r\n

    per = span("Mario Draghi", "PER", (3, 4), origin="manual")
    quote = span("La città è pronta", "QUOTE", (9, 12), kind="direct")
    speaker = span("Mario Draghi", "SPEAKER", (3, 4), entity_label="PER")
    cue = span("ha detto", "CUE", (5, 6))
    loc = span("Parigi", "LOC", (26, 26), origin=ORIGIN)
    event = span("telefonato", "EVENT", (22, 22), event_type="CONSULT", mode="phone", context=["diplomatic"],
                 date="2021-12-30", quote=None)
    actor, recipient = span("Draghi", "ARG", (20, 20), 2), span("Macron", "ARG", (24, 24))
    assert alice["spans"] == [
        per, span("ANSA", "ORG", (18, 18), origin="manual"), loc,
        quote, speaker, cue, span("la crisi è finita", "QUOTE", (36, 39), kind="indirect"),
        event, actor, recipient,
    ]
    assert alice["relations"] == [
        {"head": 12, "child": 4, "head_span": quote, "child_span": speaker, "label": "speaker"},
        {"head": 12, "child": 6, "head_span": quote, "child_span": cue, "label": "cue"},
        {"head": 22, "child": 20, "head_span": event, "child_span": actor, "label": "actor"},
        {"head": 22, "child": 24, "head_span": event, "child_span": recipient, "label": "recipient"},
        # an argument that is an entity of the record links to that entity's span
        {"head": 22, "child": 26, "head_span": event, "child_span": loc, "label": "location"},
    ]


def test_other_records_annotators_and_statuses(annotated, tmp_path):
    project, _ = annotated
    records = by_annotator(export(project, tmp_path, gold=True, include_suggestions=True))
    assert list(records) == [("doc-1", "alice"), ("doc-1", "bob"), ("doc-1", GOLD), ("doc-1", ORIGIN),
                             ("doc-2", None)]
    bob = records["doc-1", "bob"]
    assert bob["meta"]["annotator_status"] == "in progress" and bob["answer"] == "ignore"
    assert bob["spans"] == [span("Macron", "PER", (24, 24), origin="manual")] and bob["relations"] == []
    assert [t["text"] for t in bob["tokens"]][3:5] == ["Mario", "Draghi"]
    assert records["doc-1", GOLD]["answer"] == "accept"
    suggested = records["doc-1", ORIGIN]
    assert (suggested["_annotator_id"], suggested["meta"]["annotator_status"], suggested["answer"]) == (
        ORIGIN, "suggested", "ignore")
    assert [(s["label"], s["origin"]) for s in suggested["spans"]] == [("PER", ORIGIN), ("LOC", ORIGIN)]
    nobody = records["doc-2", None]
    assert nobody["meta"] == {"title": "Altro"} and nobody["_session_id"] is None
    assert nobody["spans"] == nobody["relations"] == [] and len(nobody["tokens"]) == 13


def test_tokens_never_hold_whitespace_and_follow_span_boundaries():
    text = "  Caffè👍🏽 e 👨‍👩‍👧ok!\r\nMa\u0301rio\tl'ANSA "
    bounds = token_bounds(text)
    assert [text[s:e] for s, e in bounds] == [
        "Caffè", "👍🏽", "e", "👨‍👩‍👧", "ok", "!", "Ma\u0301rio", "l", "'", "ANSA"]
    covered = {i for s, e in bounds for i in range(s, e)}
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
    assert all(not text[i].isspace() for i in covered)
    # a span that starts inside a word cuts the word into two tokens
    assert [text[s:e] for s, e in token_bounds(text, [4, 20])][:3] == ["Ca", "ffè", "👍🏽"]


def test_span_of_whitespace_only_has_no_tokens(project, tmp_path):
    (doc, _), = project.add_documents([NewDocument("Roma  e Milano", uid="w")])
    project.import_annotations([Span(doc, 4, 6, "LOC", "alice"), Span(doc, 8, 11, "LOC", "alice")],
                               action="t", annotator="t")
    (record,) = export(project, tmp_path)
    assert [(s["text"], s["token_start"], s["token_end"]) for s in record["spans"]] == [
        ("  ", None, None), ("Mil", 2, 2)]
    assert [t["text"] for t in record["tokens"]] == ["Roma", "e", "Mil", "ano"]


def test_events_without_trigger_and_identical_quotes(project, tmp_path, labels):
    text = "Rossi e Bianchi: «Sì», disse il ministro."
    (doc, _), = project.add_documents([NewDocument(text, uid="q")])
    content = at(text, "Sì")
    project.insert(Quote(doc, *content, "alice", "direct", *at(text, "Rossi"), "PER", annotator="alice"))
    project.insert(Quote(doc, *content, "alice", "direct", *at(text, "Bianchi"), "PER", *at(text, "disse"),
                         annotator="alice"))
    project.insert(Event(doc, "AGREE", "alice", args=(EventArg("actor", *at(text, "Rossi")),), annotator="alice"))
    (record,) = export(project, tmp_path, "a.jsonl")
    quotes = [s for s in record["spans"] if s["label"] == "QUOTE"]
    assert [q.get("n") for q in quotes] == [None, 2]  # two quotations on the same words: two heads
    assert [(r["head_span"].get("n"), r["label"], r["child_span"]["text"]) for r in record["relations"]] == [
        (None, "speaker", "Rossi"), (2, "speaker", "Bianchi"), (2, "cue", "disse")]
    (untriggered,) = record["meta"]["events_without_trigger"]
    assert untriggered["type"] == "AGREE" and untriggered["trigger"] is None
    fresh = open_project(tmp_path / "fresh.db")
    try:
        report = import_paths(fresh, [tmp_path / "a.jsonl"], annotator=None, labels=labels, fmt="prodigy")
        assert report.rejected == [] and report.annotations == 3
        assert export(fresh, tmp_path, "b.jsonl") == [record]
    finally:
        fresh.close()


# --- filters, progress, atomic writing ------------------------------------------------------------


@pytest.mark.parametrize("filters", [
    {}, {"annotators": ["bob"]}, {"annotators": [GOLD]}, {"gold": True}, {"status": "done"},
    {"status": "in progress", "include_suggestions": True}, {"include_suggestions": True}, {"labels": ["PER"]},
    {"annotators": ["nobody"]},
])
def test_one_task_per_jsonl_record_with_every_filter(annotated, tmp_path, filters):
    project, _ = annotated
    tasks = export(project, tmp_path, **filters)
    records = list(iter_records(project, **filters))
    assert [(t["id"], t["_annotator_id"], t["_task_hash"]) for t in tasks] == [
        (r["id"], r["annotator"], r["_task_hash"]) for r in records]
    for task, record in zip(tasks, records):
        entities = [s for s in task["spans"] if s["label"] not in prodigy.PARTS]
        assert [(s["start"], s["end"], s["label"]) for s in entities] == [
            (s["start"], s["end"], s["label"]) for s in record["spans"]]


def test_labels_filter_keeps_quotes_and_events(annotated, tmp_path):
    project, _ = annotated
    alice = by_annotator(export(project, tmp_path, labels=["PER"]))["doc-1", "alice"]
    assert [s["label"] for s in alice["spans"]] == ["PER", "QUOTE", "SPEAKER", "CUE", "QUOTE", "EVENT", "ARG",
                                                    "ARG", "ARG"]  # Parigi is no entity now: an ARG span


def test_progress_is_passed_through(annotated, tmp_path):
    project, _ = annotated
    seen = []
    list(iter_prodigy_records(project, progress=lambda done, total: seen.append((done, total)), batch_size=1))
    assert seen == [(1, 2), (2, 2)]
    seen.clear()
    export_prodigy(project, tmp_path / "p.jsonl", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 2)]


def test_failing_midway_leaves_the_previous_export(annotated, tmp_path, monkeypatch):
    project, _ = annotated
    target = tmp_path / "tasks.jsonl"
    export_prodigy(project, target)
    before = target.read_bytes()
    real, calls = prodigy.prodigy_record, []

    def flaky(record):
        calls.append(1)
        if len(calls) == 3:  # two tasks are already written when this fails
            raise OSError("no space left on device")
        return real(record)

    monkeypatch.setattr(prodigy, "prodigy_record", flaky)
    with pytest.raises(OSError):
        export_prodigy(project, target, gold=True)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


class LazySource:
    """``n`` documents made one at a time, each with an entity, a quotation and an event: what a
    project of any size gives an exporter, without building it."""

    def __init__(self, n):
        self.n = n

    def count_documents(self):
        return self.n

    def iter_annotated_documents(self, *, batch=500, statuses=None):
        for i in range(1, self.n + 1):
            text = f"Il ministro Rossi ha detto: «Andiamo avanti» 👍🏽 (articolo {i})."
            yield AnnotatedDocument(
                Document(i, f"a{i}", text, {"title": f"Articolo {i}"}),
                [Span(i, 12, 17, "PER", "alice")], [Quote(i, 29, 44, "alice", "direct", 12, 17, "PER", 18, 26)],
                [Event(i, "MEET", "alice", trigger_start=18, trigger_end=26, args=(EventArg("actor", 12, 17),))],
                {"alice": "done"})


def peak_memory(export_fn, n, path):
    """(records written, peak traced memory) of exporting :class:`LazySource` ``n``."""
    tracemalloc.start()
    try:
        report = export_fn(LazySource(n), path)
        return report.records, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_documents(tmp_path):
    (small_records, small), (large_records, large) = (peak_memory(export_prodigy, n, tmp_path / f"{n}.jsonl")
                                                      for n in (100, 1000))
    assert (small_records, large_records) == (100, 1000)
    assert large < 1.5 * small + 200_000, (small, large)


# --- reading back ---------------------------------------------------------------------------------


NATIVE = "Mario Draghi ha detto: «Basta». Poi ha chiamato Macron."


def native_task(**changes):
    """A task as Prodigy's rel.manual saves it: no status, a dataset-session annotator, "type" keys."""
    quote = {"start": 24, "end": 29, "token_start": 6, "token_end": 6, "label": "QUOTE", "type": "span"}
    per = {"start": 0, "end": 12, "token_start": 0, "token_end": 1, "label": "PER", "type": "span"}
    event = {"start": 38, "end": 46, "token_start": 10, "token_end": 10, "label": "EVENT", "event_type": "CONSULT"}
    macron = {"start": 47, "end": 53, "token_start": 11, "token_end": 11, "label": "PER"}
    task = {"text": NATIVE, "spans": [per, quote, event, macron],
            "relations": [{"head": 6, "child": 1, "head_span": quote, "child_span": per, "label": "speaker"},
                          {"head": 10, "child": 11, "head_span": event, "child_span": macron, "label": "recipient"},
                          {"head": 2, "child": 3, "label": "nsubj"}],  # between tokens: not stored
            "_annotator_id": "news-alice", "_session_id": "news-alice", "answer": "accept"}
    task.update(changes)
    return task


def test_a_task_saved_by_prodigy():
    record = task_to_record(native_task())
    assert (record["annotator"], record["status"]) == ("news-alice", "done")  # accepted: done
    assert record["spans"] == [{"start": 0, "end": 12, "label": "PER"}, {"start": 47, "end": 53, "label": "PER"}]
    assert record["quotes"] == [{"start": 24, "end": 29, "kind": "direct", "cue": None,
                                 "speaker": {"start": 0, "end": 12, "label": "PER"}}]
    assert record["events"] == [{"type": "CONSULT", "mode": None, "context": [], "trigger": {"start": 38, "end": 46},
                                 "args": [{"role": "recipient", "start": 47, "end": 53}], "date": None,
                                 "quote": None}]
    assert task_to_record(native_task(answer="ignore", _annotator_id=None))["status"] is None


def test_bad_lines_are_named_and_the_file_goes_on(tmp_path, project, labels):
    good = native_task()
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps(native_task(answer="reject")),
        json.dumps(native_task(relations=[{"head": 0, "child": 1, "label": "speaker",
                                           "head_span": {"start": 1, "end": 3, "label": "QUOTE"},
                                           "child_span": good["spans"][0]}])),
        json.dumps(native_task(spans=good["spans"] + [{"start": 13, "end": 15, "label": "SPEAKER"}])),
        json.dumps(native_task(spans=[{"start": 38, "end": 46, "label": "EVENT"}], relations=[])),
        json.dumps(native_task(spans=[{"start": 0, "end": 12, "label": "PERSONA"}], relations=[])),
        "",
        json.dumps({"text": "Un testo senza annotazioni.", "answer": "ignore"}),
    ]
    path = tmp_path / "prodigy.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_prodigy(path))
    assert [source for source, _ in results] == [f"{path}:{n}" for n in (1, 2, 3, 4, 5, 6, 7, 9)]
    reasons = {source.rsplit(":", 1)[1]: r for source, r in results if isinstance(r, str)}
    assert sorted(reasons) == ["2", "3", "4", "5", "6"]
    assert "not valid JSON" in reasons["2"]
    assert "rejected in Prodigy" in reasons["3"]
    assert "is not one of the spans" in reasons["4"]
    assert "SPEAKER" in reasons["5"] and "linked to no QUOTE" in reasons["5"]
    assert "event_type" in reasons["6"]
    report = import_paths(project, [path], annotator="me", labels=labels, fmt="prodigy")
    assert report.added == 2  # lines 1 and 9
    assert sorted(r.source for r in report.rejected) == sorted(f"{path}:{n}" for n in (2, 3, 4, 5, 6, 7))
    assert "PERSONA" in next(r.reason for r in report.rejected if r.source.endswith(":7"))  # label schema


# --- round trips ----------------------------------------------------------------------------------


def test_sample_round_trip(annotated, tmp_path, labels):
    project, _ = annotated
    options = {"gold": True, "include_suggestions": True}
    first = export(project, tmp_path, "first.jsonl", **options)
    fresh = open_project(tmp_path / "fresh.db")
    try:
        report = import_paths(fresh, [tmp_path / "first.jsonl"], annotator="someone", labels=labels, fmt="prodigy")
        assert report.rejected == [] and report.added == 2
        assert export(fresh, tmp_path, "second.jsonl", **options) == first
        assert (tmp_path / "first.jsonl").read_bytes() == (tmp_path / "second.jsonl").read_bytes()
        export_jsonl(project, tmp_path / "a.jsonl", **options)
        export_jsonl(fresh, tmp_path / "b.jsonl", **options)
        assert read(tmp_path / "a.jsonl") == read(tmp_path / "b.jsonl")  # the complete format too
        again = import_paths(fresh, [tmp_path / "second.jsonl"], annotator="someone", labels=labels, fmt="prodigy")
        assert (again.added, again.annotations) == (0, 0)
    finally:
        fresh.close()


LETTERS = "abcdefgilmnoprstuvzàèéìòùÀÈÉçñ"
EMOJI = ["👍🏽", "😀", "🇮🇹", "👨‍👩‍👧", "❤️", "e\u0301"]
PUNCT = list(".,;:!?«»\"'()-…")
SEPARATORS = [" ", " ", "  ", "\r\n", " \r\n", "\n", "\t", ""]
ENTITY_LABELS = ["PER", "ORG", "LOC", "MISC", "DATE"]
PEOPLE = ("alice", "bob")  # two annotators whose layers overlap
SUGGESTER = "ner_it@1.0"


@st.composite
def _ranges(draw, n, most):
    """Non-overlapping (start, end) ranges of a text of length ``n``."""
    points = sorted(draw(st.sets(st.integers(0, n), max_size=2 * most)))
    return [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)]


def _one_range(n):
    return st.tuples(st.integers(0, n), st.integers(0, n)).filter(lambda r: r[0] != r[1]).map(sorted).map(tuple)


@st.composite
def _layer(draw, n, *, parts):
    spans = [(s, e, draw(st.sampled_from(ENTITY_LABELS))) for s, e in draw(_ranges(n, 4))]
    layer = {"spans": spans, "quotes": [], "events": [], "status": draw(st.sampled_from(DOC_STATUSES))}
    if not parts:
        return layer
    seen = set()
    for _ in range(draw(st.integers(0, 2))):
        speaker = draw(st.none() | _one_range(n))
        quote = (*draw(_one_range(n)), draw(st.sampled_from(["direct", "partial", "indirect", "headline"])),
                 speaker, draw(st.sampled_from([None, "PER", "ORG"])) if speaker else None,
                 draw(st.none() | _one_range(n)))
        if quote not in seen:
            seen.add(quote)
            layer["quotes"].append(quote)
    events, untriggered = [], []
    for _ in range(draw(st.integers(0, 2))):
        arg_range = st.sampled_from([(s, e) for s, e, _ in spans]) | _one_range(n) if spans else _one_range(n)
        etype = draw(st.sampled_from(["CONSULT", "AGREE", "ACCUSE"]))  # types of the bundled PLOVER schema
        event = {
            "type": etype,
            "mode": draw(st.sampled_from([None, "phone", "visit"])) if etype == "CONSULT" else None,
            "context": tuple(draw(st.lists(st.sampled_from(["diplomatic", "military"]), max_size=2, unique=True))),
            "trigger": draw(st.none() | _one_range(n)),
            "args": tuple(EventArg(draw(st.sampled_from(["actor", "recipient", "location"])), *draw(arg_range))
                          for _ in range(draw(st.integers(0, 3)))),
            "date": draw(st.sampled_from([None, "2021-12-30", "2022-01"])),
            "quote": draw(st.none() | st.integers(0, len(layer["quotes"]) - 1)) if layer["quotes"] else None,
        }
        key = tuple(v for k, v in event.items() if k != "quote")
        if key not in seen:
            seen.add(key)
            (events if event["trigger"] else untriggered).append(event)
    layer["events"] = events + untriggered  # the ones without trigger last: read back, they come last
    return layer


@st.composite
def documents(draw, parts=True, rejections=False):
    """One or two documents with random text (accents, emoji, CRLF, punctuation), two annotators'
    overlapping layers, gold spans and a pipeline's suggestions; with ``rejections``, each annotator
    rejects some of the suggestions (``"rejects"``: their indices)."""
    docs = []
    for i in range(draw(st.integers(1, 2))):
        pieces = draw(st.lists(st.tuples(st.text(LETTERS, min_size=1, max_size=7) | st.sampled_from(EMOJI + PUNCT),
                                         st.sampled_from(SEPARATORS)), min_size=1, max_size=14))
        text = f"D{i} " + "".join(p + s for p, s in pieces)
        n = len(text)
        layers = {name: draw(_layer(n, parts=parts)) for name in draw(st.sets(st.sampled_from(PEOPLE)))}
        if draw(st.booleans()):
            layers[GOLD] = draw(_layer(n, parts=False))
        suggested = [(s, e, draw(st.sampled_from(ENTITY_LABELS))) for s, e in draw(_ranges(n, 2))]
        for name, layer in layers.items():
            if rejections and name != GOLD and suggested:
                layer["rejects"] = sorted(draw(st.sets(st.integers(0, len(suggested) - 1))))
        docs.append({"text": text, "layers": layers, "suggested": suggested})
    return docs


def build_project(path, docs):
    """A project holding ``docs`` (from :func:`documents`)."""
    project = open_project(path)
    ids = project.add_documents(NewDocument(d["text"], meta={"title": f"T{i}", "n": i}, uid=f"d{i}")
                                for i, d in enumerate(docs))
    for (doc, _), spec in zip(ids, docs):
        for layer, content in spec["layers"].items():
            project.import_annotations([Span(doc, s, e, label, layer, "manual", ACCEPTED, layer)
                                        for s, e, label in content["spans"]], action="t", annotator="t")
            quote_ids = [project.insert(Quote(doc, s, e, layer, kind, *(sp or (None, None)), sl, *(cue or (None, None)),
                                              annotator=layer)).id
                         for s, e, kind, sp, sl, cue in content["quotes"]]
            for ev in content["events"]:
                trigger = ev["trigger"] or (None, None)
                project.insert(Event(doc, ev["type"], layer, ev["mode"], ev["context"], *trigger, ev["args"],
                                     ev["date"], None if ev["quote"] is None else quote_ids[ev["quote"]],
                                     annotator=layer))
            if layer != GOLD:
                project.set_doc_status(doc, layer, content["status"])
        project.replace_suggestions([(doc, [Span(doc, s, e, label, "@suggestions", SUGGESTER)
                                            for s, e, label in spec["suggested"]])], origin=SUGGESTER, action="t")
        offered = {(s.start, s.end, s.label): s for s in project.suggestions(doc)}
        project.import_annotations(
            [offered[spec["suggested"][i]].with_(layer=layer, status=REJECTED, annotator=layer,
                                                 source_id=offered[spec["suggested"][i]].id, id=None)
             for layer, content in spec["layers"].items() for i in content.get("rejects", ())],
            action="t", annotator="t")
    return project


def expected_spans(docs, carried=("spans", "quotes", "events")):
    """Every (start, end, label) of the entities, per (document uid, annotator); of the suggestions
    those still pending for one of the annotators who have a record (with none, all of them): a
    suggestion an annotator's own entity overlaps is decided for that annotator. ``carried``: what
    the format keeps of a layer (an annotator with only quotations or events has no record after a
    format that keeps entities alone, so suggestions pending only for them are not pending any more)."""
    found = {}
    for i, spec in enumerate(docs):
        for layer, content in spec["layers"].items():
            if content["spans"]:
                found[f"d{i}", layer] = sorted(content["spans"])
        people = [content for layer, content in spec["layers"].items() if layer != GOLD and (
            any(content[kind] for kind in carried) or content["status"] != "new")]
        pending = [(s, e, label) for n, (s, e, label) in enumerate(spec["suggested"])
                   if not people or any(not any(a < e and s < b for a, b, _ in own["spans"])
                                        and n not in own.get("rejects", ()) for own in people)]
        if pending:
            found[f"d{i}", SUGGESTER] = sorted(pending)
    return found


def round_trip(docs, export_fn, fmt, labels):
    """Export a project of ``docs`` with ``export_fn``, import that into a fresh project, export
    again; returns both files' bytes and both projects' annotator JSONL records."""
    options = {"gold": True, "include_suggestions": True}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = build_project(folder / "source.db", docs)
        fresh = open_project(folder / "fresh.db")
        try:
            export_fn(source, folder / "first.jsonl", **options)
            report = import_paths(fresh, [folder / "first.jsonl"], annotator="someone", labels=labels, fmt=fmt)
            assert report.rejected == []
            export_fn(fresh, folder / "second.jsonl", **options)
            return ((folder / "first.jsonl").read_bytes(), (folder / "second.jsonl").read_bytes(),
                    list(iter_records(source, **options)), list(iter_records(fresh, **options)))
        finally:
            source.close()
            fresh.close()


def kept_spans(records):
    return {(r["id"], r["annotator"]): sorted((s["start"], s["end"], s["label"]) for s in r["spans"])
            for r in records if r["spans"]}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=documents(rejections=True))
def test_prodigy_round_trip_keeps_everything(docs, labels):
    first, second, before, after = round_trip(docs, export_prodigy, "prodigy", labels)
    assert first == second
    assert after == before  # the complete format: spans with origins, quotes, events, statuses, meta
    assert kept_spans(after) == expected_spans(docs)
    for task in map(json.loads, first.decode("utf-8").splitlines()):
        text, tokens = task["text"], task["tokens"]
        assert all(not any(c.isspace() for c in t["text"]) and text[t["start"]:t["end"]] == t["text"]
                   for t in tokens)
        for s in task["spans"]:
            if s["token_start"] is not None:
                assert tokens[s["token_start"]]["start"] >= s["start"] and tokens[s["token_end"]]["end"] <= s["end"]
                assert not text[s["start"]:tokens[s["token_start"]]["start"]].strip()
                assert not text[tokens[s["token_end"]]["end"]:s["end"]].strip()


# --- the command line -----------------------------------------------------------------------------


def test_cli_export_then_import(annotated, tmp_path, capsys):
    project, _ = annotated
    target = tmp_path / "tasks.jsonl"
    assert main(["--project", str(project.path), "export", "--format", "prodigy", "-o", str(target),
                 "--gold", "--include-suggestions"]) == 0
    assert f"Wrote 2 records (1 document) to {target}" in capsys.readouterr()[0]  # gold and its suggestions
    other = tmp_path / "other.db"
    assert main(["--project", str(other), "import", "--format", "prodigy", str(target)]) == 0
    assert "Imported 1 document" in capsys.readouterr()[0]
    again = tmp_path / "again.jsonl"
    assert main(["--project", str(other), "export", "--format", "prodigy", "-o", str(again),
                 "--gold", "--include-suggestions"]) == 0
    assert again.read_bytes() == target.read_bytes()
