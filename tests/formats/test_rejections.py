"""Rejections are data: what an annotator rejected is exported in their record (``rejected``), the
spaCy export gives it to the NER as ``incorrect_spans``, ``--include-suggestions`` exports only what
is still pending, and an import reads the rejections back, linked to their suggestions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.domain.commands import accept, delete
from annotator.domain.event_commands import delete_event
from annotator.domain.model import REJECTED, SUGGESTED, SUGGESTIONS, Event, EventArg, Quote, Span
from annotator.domain.quote_commands import delete_quote
from annotator.formats.jsonl import KEYS, export_jsonl
from annotator.services.importing import import_paths
from annotator.store import NewDocument, open_project

TEXT = ("Mario Draghi ha detto: «La città è pronta». Poi ha telefonato a Macron, "
        "che era a Parigi con la Lega.")
ORIGIN = "it_news@1.0"


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def preannotated(project, uid: str = "a1") -> int:
    """A document with a pipeline's suggestions: four entities, a quotation and an event."""
    [(doc, _)] = project.add_documents([NewDocument(TEXT, {"title": "Vertice"}, uid=uid)])
    spans = [Span(doc, *at(words), label, SUGGESTIONS, ORIGIN, SUGGESTED, ORIGIN)
             for words, label in (("Mario Draghi", "PER"), ("Macron", "ORG"), ("Parigi", "LOC"), ("Lega", "PER"))]
    quotes = [Quote(doc, *at("La città è pronta"), SUGGESTIONS, "direct", *at("Mario Draghi"), "PER",
                    origin=ORIGIN, status=SUGGESTED, annotator=ORIGIN)]
    project.replace_suggestions([(doc, spans, quotes)], origin=ORIGIN, action="pre-annotate")
    project.import_annotations([Event(doc, "CONSULT", SUGGESTIONS, trigger_start=at("telefonato")[0],
                                      trigger_end=at("telefonato")[1], args=(EventArg("recipient", *at("Macron")),),
                                      origin=ORIGIN, status=SUGGESTED, annotator=ORIGIN)],
                               action="pre-annotate", annotator=ORIGIN)
    return doc


def suggestion(project, doc: int, words: str) -> Span:
    return next(s for s in project.suggestions(doc) if TEXT[s.start:s.end] == words)


def decide(project, doc: int, who: str) -> None:
    """``who`` accepts Draghi, rejects Macron (ORG), the Lega (PER), the quotation and the event;
    Parigi stays pending."""
    editor = {"text": TEXT, "layer": who, "annotator": who, "doc_status": "in progress"}
    project.apply(accept(span=suggestion(project, doc, "Mario Draghi"), **editor))
    for words in ("Macron", "Lega"):
        project.apply(delete(span=suggestion(project, doc, words), **editor))
    project.apply(delete_quote(quote=project.quotes(doc, SUGGESTIONS)[0], **editor))
    project.apply(delete_event(event=project.events(doc, SUGGESTIONS)[0], **editor))


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_annotator(records: list[dict]) -> dict:
    return {r["annotator"]: r for r in records}


# --- the annotator JSONL --------------------------------------------------------------------------


def test_a_rejection_is_in_the_annotators_record_with_its_origin(project, tmp_path):
    doc = preannotated(project)
    decide(project, doc, "alice")
    export_jsonl(project, tmp_path / "out.jsonl")
    [alice] = read(tmp_path / "out.jsonl")
    assert tuple(alice) == KEYS
    assert [(s["text"], s["label"], s["origin"]) for s in alice["spans"]] == [("Mario Draghi", "PER", ORIGIN)]
    rejected = alice["rejected"]
    assert list(rejected) == ["spans", "quotes", "events"]
    assert rejected["spans"] == [
        {"start": at("Macron")[0], "end": at("Macron")[1], "label": "ORG", "text": "Macron", "origin": ORIGIN},
        {"start": at("Lega")[0], "end": at("Lega")[1], "label": "PER", "text": "Lega", "origin": ORIGIN}]
    [quote] = rejected["quotes"]
    assert (quote["text"], quote["speaker"]["text"], quote["origin"]) == ("La città è pronta", "Mario Draghi", ORIGIN)
    [event] = rejected["events"]
    assert (event["type"], event["trigger"]["text"], event["args"][0]["text"], event["origin"]) == (
        "CONSULT", "telefonato", "Macron", ORIGIN)
    # the labels filter applies to rejected spans as to spans
    export_jsonl(project, tmp_path / "per.jsonl", labels=["PER"])
    [alice] = read(tmp_path / "per.jsonl")
    assert [s["text"] for s in alice["rejected"]["spans"]] == ["Lega"]


def test_include_suggestions_exports_only_pending_ones(project, tmp_path):
    doc = preannotated(project)
    decide(project, doc, "alice")
    export_jsonl(project, tmp_path / "out.jsonl", include_suggestions=True)
    records = by_annotator(read(tmp_path / "out.jsonl"))
    assert list(records) == ["alice", ORIGIN]
    suggested = records[ORIGIN]
    # Parigi is all alice left undecided; what she accepted or rejected is in her record, once
    assert [s["text"] for s in suggested["spans"]] == ["Parigi"]
    assert suggested["quotes"] == suggested["events"] == []
    assert suggested["rejected"] == {"spans": [], "quotes": [], "events": []}

    # bob has started on the article without deciding anything: every suggestion is pending for him
    project.set_doc_status(doc, "bob", "in progress")
    export_jsonl(project, tmp_path / "both.jsonl", include_suggestions=True)
    suggested = by_annotator(read(tmp_path / "both.jsonl"))[ORIGIN]
    assert [s["text"] for s in suggested["spans"]] == ["Mario Draghi", "Macron", "Parigi", "Lega"]
    assert len(suggested["quotes"]) == len(suggested["events"]) == 1
    # ... unless the export is alice's alone
    export_jsonl(project, tmp_path / "alice.jsonl", include_suggestions=True, annotators=["alice"])
    assert [s["text"] for s in by_annotator(read(tmp_path / "alice.jsonl"))[ORIGIN]["spans"]] == ["Parigi"]


def test_import_links_each_rejection_to_its_suggestion(project, tmp_path, labels):
    doc = preannotated(project)
    decide(project, doc, "alice")
    export_jsonl(project, tmp_path / "alice.jsonl")  # without suggestions

    with open_project(tmp_path / "other.db") as other:
        other_doc = preannotated(other)  # the same pipeline ran on the same article there
        report = import_paths(other, [tmp_path / "alice.jsonl"], annotator=None, labels=labels)
        assert report.rejected == [] and report.annotations == 5
        rejected = [s for s in other.spans(other_doc, "alice") if s.status == REJECTED]
        assert sorted((TEXT[s.start:s.end], s.label, s.origin) for s in rejected) == [
            ("Lega", "PER", ORIGIN), ("Macron", "ORG", ORIGIN)]
        offered = {s.id: TEXT[s.start:s.end] for s in other.suggestions(other_doc)}
        assert sorted(offered[s.source_id] for s in rejected) == ["Lega", "Macron"]
        # so alice does not see them suggested again; Parigi (never decided) she does
        pending = [TEXT[s.start:s.end] for s in other.visible_spans(other_doc, "alice") if s.status == SUGGESTED]
        assert pending == ["Parigi"]
        [quote] = [q for q in other.quotes(other_doc, "alice") if q.status == REJECTED]
        [event] = [e for e in other.events(other_doc, "alice") if e.status == REJECTED]
        assert quote.source_id == other.quotes(other_doc, SUGGESTIONS)[0].id
        assert event.source_id == other.events(other_doc, SUGGESTIONS)[0].id
        # importing the same file again adds nothing
        again = import_paths(other, [tmp_path / "alice.jsonl"], annotator=None, labels=labels)
        assert (again.annotations, again.skipped_annotations) == (0, 5)  # Draghi and the four rejections


def test_a_rejection_before_its_suggestion_in_the_file_is_linked_too(project, tmp_path, labels):
    doc = preannotated(project)
    decide(project, doc, "alice")
    project.set_doc_status(doc, "bob", "in progress")  # for bob everything is pending: exported
    export_jsonl(project, tmp_path / "out.jsonl", include_suggestions=True)
    assert [r["annotator"] for r in read(tmp_path / "out.jsonl")] == ["alice", "bob", ORIGIN]
    with open_project(tmp_path / "fresh.db") as fresh:
        assert import_paths(fresh, [tmp_path / "out.jsonl"], annotator=None, labels=labels).rejected == []
        [fresh_doc] = fresh.document_ids()
        pending = [TEXT[s.start:s.end] for s in fresh.visible_spans(fresh_doc, "alice") if s.status == SUGGESTED]
        assert pending == ["Parigi"]
        export_jsonl(fresh, tmp_path / "again.jsonl", include_suggestions=True)
    assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "out.jsonl").read_bytes()


def test_a_rejection_without_its_suggestion_is_kept_with_its_origin(project, tmp_path, labels):
    doc = preannotated(project)
    decide(project, doc, "alice")
    export_jsonl(project, tmp_path / "out.jsonl")
    with open_project(tmp_path / "fresh.db") as fresh:
        import_paths(fresh, [tmp_path / "out.jsonl"], annotator=None, labels=labels)
        [fresh_doc] = fresh.document_ids()
        rejected = [s for s in fresh.spans(fresh_doc, "alice") if s.status == REJECTED]
        assert [(s.origin, s.source_id) for s in rejected] == [(ORIGIN, None), (ORIGIN, None)]
        export_jsonl(fresh, tmp_path / "again.jsonl")
    assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "out.jsonl").read_bytes()


def test_a_hand_made_record_with_rejections(project, tmp_path, labels):
    record = {"id": "x", "text": TEXT, "annotator": "carla", "status": "done", "spans": [],
              "rejected": {"spans": [{"start": at("Lega")[0], "end": at("Lega")[1], "label": "PER"}]}}
    bad = {**record, "id": "y", "text": TEXT + " ", "rejected": {"spans": [{"start": 0, "end": 5, "label": "NOPE"}]}}
    suggestions = {**record, "id": "z", "text": TEXT + "  ", "annotator": ORIGIN, "status": "suggested"}
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (record, bad, suggestions)) + "\n", encoding="utf-8")
    report = import_paths(project, [path], annotator=None, labels=labels)
    assert [r.source.rsplit(":", 1)[1] for r in report.rejected] == ["2", "3"]
    assert "rejected span 1" in report.rejected[0].reason and "NOPE" in report.rejected[0].reason
    assert "suggestions holds no rejections" in report.rejected[1].reason
    [span] = project.spans(project.document_ids()[0], "carla")
    assert (span.status, span.origin, span.label) == (REJECTED, "import", "PER")


# --- spaCy ----------------------------------------------------------------------------------------


def decided_and_read_back(project, tmp_path, own_per: str):
    """alice decides the suggestions and labels ``own_per`` PER herself; the spaCy export, read back:
    ``(nlp, doc)``."""
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    from annotator.formats.spacy_docbin import export_docbin

    doc = preannotated(project)
    decide(project, doc, "alice")
    project.import_annotations([Span(doc, *at(own_per), "PER", "alice", annotator="alice")], action="t",
                               annotator="alice")
    export_docbin(project, tmp_path / "train.spacy")
    nlp = spacy.blank("it")
    [read_back] = DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab)
    return nlp, read_back


def test_the_spacy_export_gives_rejected_entities_to_the_ner(project, tmp_path):
    # alice also labels Macron herself, as PER: "Macron is no ORG" and "Macron is a PER" together
    nlp, read_back = decided_and_read_back(project, tmp_path, "Macron")
    from spacy.training import Example

    from annotator.formats.spacy_docbin import INCORRECT_SPANS

    assert [(e.text, e.label_) for e in read_back.ents] == [("Mario Draghi", "PER"), ("Macron", "PER")]
    assert [(s.text, s.label_) for s in read_back.spans[INCORRECT_SPANS]] == [("Macron", "ORG"), ("Lega", "PER")]

    # a NER configured with incorrect_spans_key trains on it
    ner = nlp.add_pipe("ner", config={"incorrect_spans_key": INCORRECT_SPANS})
    for label in ("PER", "ORG", "LOC"):
        ner.add_label(label)
    examples = [Example(nlp.make_doc(read_back.text), read_back)]
    optimizer = nlp.initialize(lambda: examples)
    losses = nlp.update(examples, sgd=optimizer)
    assert "ner" in losses


def test_a_rejection_that_is_also_an_entity_is_left_out_of_incorrect_spans(project, tmp_path):
    # alice rejected "Lega" as PER, then labelled it PER herself: spaCy refuses both at once
    _, read_back = decided_and_read_back(project, tmp_path, "Lega")
    from annotator.formats.spacy_docbin import INCORRECT_SPANS

    assert [s.text for s in read_back.spans[INCORRECT_SPANS]] == ["Macron"]


# --- Prodigy and doccano --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["prodigy", "doccano", "doccano-relations"])
def test_prodigy_and_doccano_keep_rejections_apart_and_read_them_back(project, tmp_path, labels, fmt):
    from annotator.formats import exporter

    doc = preannotated(project)
    decide(project, doc, "alice")
    exporter(fmt)(project, tmp_path / "out.jsonl")
    [line] = read(tmp_path / "out.jsonl")
    kept = line["meta"]["rejected_suggestions"]
    assert [(s["text"], s["label"], s["origin"]) for s in kept["spans"]] == [("Macron", "ORG", ORIGIN),
                                                                            ("Lega", "PER", ORIGIN)]
    # not among the entities, where an accepted task would teach them as right
    entities = line.get("spans") or line.get("entities") or line.get("label")
    assert "Lega" not in json.dumps(entities, ensure_ascii=False)
    export_jsonl(project, tmp_path / "a.jsonl")
    with open_project(tmp_path / "fresh.db") as fresh:
        report = import_paths(fresh, [tmp_path / "out.jsonl"], annotator=None, labels=labels,
                              fmt="doccano" if fmt.startswith("doccano") else fmt)
        assert report.rejected == []
        export_jsonl(fresh, tmp_path / "b.jsonl")
    assert read(tmp_path / "b.jsonl")[0]["rejected"] == read(tmp_path / "a.jsonl")[0]["rejected"]


# --- the command line -----------------------------------------------------------------------------


def test_cli_export_and_import_keep_rejections(project, tmp_path, capsys):
    doc = preannotated(project)
    decide(project, doc, "alice")
    target = tmp_path / "out.jsonl"
    assert main(["--project", str(project.path), "export", "-o", str(target), "--include-suggestions"]) == 0
    other = tmp_path / "other.db"
    assert main(["--project", str(other), "import", str(target)]) == 0
    again = tmp_path / "again.jsonl"
    assert main(["--project", str(other), "export", "-o", str(again), "--include-suggestions"]) == 0
    assert again.read_bytes() == target.read_bytes()
    assert [s["text"] for s in read(again)[0]["rejected"]["spans"]] == ["Macron", "Lega"]


# --- merge ----------------------------------------------------------------------------------------


def test_merge_brings_every_suggestion_and_the_rejections_linked(project, tmp_path, labels):
    from annotator.services.merging import merge_project

    with open_project(tmp_path / "other.db") as other:
        doc = preannotated(other)
        decide(other, doc, "dario")  # dario decided all but Parigi
    report = merge_project(project, tmp_path / "other.db", labels=labels)
    assert report.rejected == []
    [merged] = project.document_ids()
    # every suggestion comes: the annotators here have decided none of them
    assert [TEXT[s.start:s.end] for s in project.visible_spans(merged, "alice")] == [
        "Mario Draghi", "Macron", "Parigi", "Lega"]
    # dario's rejections come linked: he is offered only Parigi, as in his own project
    pending = [TEXT[s.start:s.end] for s in project.visible_spans(merged, "dario") if s.status == SUGGESTED]
    assert pending == ["Parigi"]


def test_cli_all_suggestions_exports_the_decided_ones_too(project, tmp_path, capsys):
    doc = preannotated(project)
    decide(project, doc, "alice")
    target = tmp_path / "all.jsonl"
    assert main(["--project", str(project.path), "export", "-o", str(target), "--all-suggestions"]) == 0
    alice, suggested = read(target)
    assert [s["text"] for s in suggested["spans"]] == ["Mario Draghi", "Macron", "Parigi", "Lega"]
    assert len(suggested["quotes"]) == len(suggested["events"]) == 1
    assert [s["text"] for s in alice["rejected"]["spans"]] == ["Macron", "Lega"]
