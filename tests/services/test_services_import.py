"""Importing files: documents in batches, JSONL annotations, rejections, duplicates, what was there."""

from __future__ import annotations

import json

import pytest

from annotator.domain.labels import LabelSchema
from annotator.domain.model import ACCEPTED, GOLD, IMPORT, SUGGESTIONS, Span
from annotator.services.importing import ensure_demo, import_paths, iter_import
from annotator.store.project import NewDocument, content_hash

ARTICLE = (
    "Vertice a Roma\n\n"
    "Mario Draghi ha incontrato Emmanuel Macron a Roma. I due leader hanno parlato a lungo della crisi "
    "energetica e delle prossime mosse europee.\n\n"
    "https://www.example.org/notizia\n"
    "2021\n"
)
T1 = "Sergio Mattarella è arrivato a Milano lunedì."
T2 = "La NATO ha riunito i ministri a Bruxelles. 😀 Stoltenberg ha parlato."
T3 = "Un testo con un'etichetta sconosciuta: Pippo."


def line(**record):
    return json.dumps(record, ensure_ascii=False)


def span(text, part, label, **extra):
    start = text.index(part)
    return {"start": start, "end": start + len(part), "label": label, "text": part, **extra}


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.jsonl").write_text(
        "\n".join([
            line(text=T1, meta={"title": "Mattarella"}),
            line(id="n2", text=T2, meta={"source": "ANSA"}, annotator="alice", status="done",
                 spans=[span(T2, "NATO", "ORG"), span(T2, "Bruxelles", "LOC"), span(T2, "Stoltenberg", "PER")]),
            "{not json",
            line(text=T3, annotator="alice", spans=[span(T3, "Pippo", "CARTOON")]),
        ]) + "\n",
        encoding="utf-8",
    )
    return folder


def test_import_folder_reports_and_stores(project, labels, inputs):
    report = import_paths(project, [inputs], annotator="tester", labels=labels, keep_removed=True)
    assert (report.added, report.duplicates, report.annotations) == (3, 0, 3)
    assert [r.source for r in report.rejected] == [f"{inputs / 'b.jsonl'}:3", f"{inputs / 'b.jsonl'}:4"]
    reason = report.rejected[1].reason
    assert "CARTOON" in reason and "add it to the label schema or fix the record" in reason
    assert report.removed_lines == {str(inputs / "a.txt"): 2}
    assert report.removed_text[str(inputs / "a.txt")] == ["bare-url: https://www.example.org/notizia", "year: 2021"]
    assert project.count_documents() == 3
    # nothing of the rejected record is stored, not even its document
    assert project.document_id_by_hash(content_hash(T3)) is None
    doc_id = project.document_id_by_hash(content_hash(T2))
    doc = project.document(doc_id)
    assert doc.uid == "n2" and doc.meta == {"source": "ANSA"}
    spans = project.spans(doc_id, "alice")
    assert [(T2[s.start:s.end], s.label, s.origin, s.status) for s in spans] == [
        ("NATO", "ORG", IMPORT, ACCEPTED), ("Bruxelles", "LOC", IMPORT, ACCEPTED), ("Stoltenberg", "PER", IMPORT, ACCEPTED)]
    assert project.doc_status(doc_id, "alice") == "done"
    assert "alice" in project.annotators()
    txt = project.document(project.document_id_by_hash(content_hash(ARTICLE.split("https")[0].strip())))
    assert txt.meta.get("title") == "Vertice a Roma"
    # what cleaning removed is kept with the document, for the app's Metadata tab
    assert [r["rule"] for r in txt.meta["removed"]] == ["bare-url", "year"]
    assert txt.uid == "a"  # a file's name becomes its uid


def test_importing_twice_adds_nothing(project, labels, inputs):
    import_paths(project, [inputs], annotator="tester", labels=labels)
    again = import_paths(project, [inputs], annotator="tester", labels=labels)
    assert (again.added, again.duplicates, again.annotations, again.skipped_annotations) == (0, 3, 0, 3)
    assert project.count_documents() == 3
    doc_id = project.document_id_by_hash(content_hash(T2))
    assert len(project.spans(doc_id, "alice")) == 3


def test_what_was_there_is_untouched(project, labels, tmp_path):
    (doc_id, _), = project.add_documents([NewDocument(T2, meta={"title": "mine"}, uid="old")])
    nato = span(T2, "NATO", "ORG")
    kept = Span(doc_id, nato["start"], nato["end"], "ORG", "alice", "manual", ACCEPTED, "alice")
    project.import_annotations([kept], action="t", annotator="alice")
    with project.db.atomic():
        project.set_doc_status(doc_id, "alice", "in progress")
    path = tmp_path / "x.jsonl"
    path.write_text(line(id="new", text=T2, meta={"title": "theirs"}, annotator="alice", status="done",
                         spans=[span(T2, "NATO", "ORG"), span(T2, "Bruxelles", "LOC")]) + "\n", encoding="utf-8")
    report = import_paths(project, [path], annotator="tester", labels=labels)
    assert (report.added, report.duplicates, report.annotations) == (0, 1, 1)
    doc = project.document(doc_id)
    assert doc.uid == "old" and doc.meta == {"title": "mine"}
    assert project.doc_status(doc_id, "alice") == "in progress"
    spans = project.spans(doc_id, "alice")
    assert [(T2[s.start:s.end], s.label, s.origin) for s in spans] == [("NATO", "ORG", "manual"),
                                                                      ("Bruxelles", "LOC", IMPORT)]
    assert report.skipped_annotations == 1


def test_layers_from_records(project, labels, tmp_path):
    path = tmp_path / "layers.jsonl"
    nato = span(T2, "NATO", "ORG")
    path.write_text("\n".join([
        line(text=T2, annotator="bob", spans=[nato]),                      # the record's annotator wins
        line(text=T2, annotator=None, spans=[nato]),                       # else --annotator
        line(text=T2, annotator=GOLD, status="adjudicated", spans=[nato]),  # gold
        line(text=T2, annotator=None, spans=[], quotes=[], events=[]),     # nothing
        line(text=T2, annotator="nlp@1", status="suggested", spans=[{**nato, "origin": "nlp@1"}]),
    ]) + "\n", encoding="utf-8")
    report = import_paths(project, [path], annotator="carla", labels=labels, batch_size=2)
    assert report.rejected == []
    assert (report.added, report.duplicates, report.annotations) == (1, 1, 4)
    doc_id = project.document_id_by_hash(content_hash(T2))
    assert [s.layer for s in project.spans(doc_id, "bob")] == ["bob"]
    assert [s.layer for s in project.spans(doc_id, "carla")] == ["carla"]
    assert [s.layer for s in project.spans(doc_id, GOLD)] == [GOLD]
    assert project.doc_status(doc_id, GOLD) == "adjudicated"
    (suggestion,) = project.spans(doc_id, SUGGESTIONS)
    assert (suggestion.origin, suggestion.status) == ("nlp@1", "suggested")
    assert project.documents_without_suggestions() == []


def test_quotes_and_events_are_imported_and_deduplicated(project, labels, tmp_path):
    text = "Draghi ha detto: «Siamo pronti». Poi ha telefonato a Macron."
    d, c, q = span(text, "Draghi", "PER"), span(text, "ha detto", "x"), span(text, "Siamo pronti", "x")
    t, m = span(text, "telefonato", "x"), span(text, "Macron", "PER")
    rec = line(text=text, annotator="alice", spans=[d, m],
               quotes=[{"start": q["start"], "end": q["end"], "text": "Siamo pronti", "kind": "direct",
                        "speaker": {"start": d["start"], "end": d["end"], "text": "Draghi", "label": "PER"},
                        "cue": {"start": c["start"], "end": c["end"], "text": "ha detto"}}],
               events=[{"type": "CONSULT", "mode": "phone", "context": [], "date": None,
                        "trigger": {"start": t["start"], "end": t["end"], "text": "telefonato"},
                        "args": [{"role": "recipient", "start": m["start"], "end": m["end"], "text": "Macron"}]}])
    path = tmp_path / "q.jsonl"
    path.write_text(rec + "\n" + rec + "\n", encoding="utf-8")
    report = import_paths(project, [path], annotator="x", labels=labels)
    assert (report.annotations, report.skipped_annotations) == (4, 4)
    doc_id = project.document_id_by_hash(content_hash(text))
    (quote,) = project.quotes(doc_id, "alice")
    assert (quote.speaker_label, text[quote.cue_start:quote.cue_end]) == ("PER", "ha detto")
    (event,) = project.events(doc_id, "alice")
    assert event.mode == "phone" and [a.role for a in event.args] == ["recipient"]


def test_a_label_schema_of_the_caller_is_used(project, tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(line(text=T3, annotator="alice", spans=[span(T3, "Pippo", "CARTOON")]) + "\n", encoding="utf-8")
    schema = LabelSchema.from_dict({"labels": [{"name": "CARTOON"}]}, source="mine.json")
    report = import_paths(project, [path], annotator="x", labels=schema)
    assert report.rejected == [] and report.annotations == 1


def test_iter_import_yields_progress_per_batch(project, labels, tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(line(text=f"Articolo numero {i} su Roma.") for i in range(5)) + "\n", encoding="utf-8")
    steps = list(iter_import(project, [path], annotator="x", labels=labels, batch_size=2))
    assert [s.inputs for s in steps] == [2, 4, 5]
    assert steps[-1].report.added == 5


def test_ensure_demo_only_on_an_empty_project(project, labels, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000.txt").write_text(T1, encoding="utf-8")
    (seeds / "001.txt").write_text(ARTICLE, encoding="utf-8")
    report = ensure_demo(project, seeds, labels=labels)
    assert report is not None and report.added == 2
    assert ensure_demo(project, seeds, labels=labels) is None
    assert project.count_documents() == 2
