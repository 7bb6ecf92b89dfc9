"""``adjudicate --auto`` puts what annotators agree on into gold; ``merge`` brings another project in
without duplicating documents or annotations; ``export --gold`` writes the gold layer."""

from __future__ import annotations

import json
import shutil

import pytest

from annotator.cli.main import main
from annotator.domain.model import ACCEPTED, DOC_DONE, DOC_IN_REVIEW, GOLD, Event, EventArg, Quote, Span
from annotator.services.adjudication import adjudicate_auto
from annotator.services.merging import MergeError, merge_project
from annotator.store import NewDocument, open_project

TEXT = "Mario Draghi ha incontrato Emmanuel Macron a Roma. «Siamo d'accordo», ha detto Draghi."


def at(words: str, last: bool = False) -> tuple[int, int]:
    start = TEXT.rindex(words) if last else TEXT.index(words)
    return start, start + len(words)


def span(words: str, label: str, who: str) -> Span:
    return Span(1, *at(words), label, who, annotator=who)


def quote(who: str, speaker: str = "Draghi") -> Quote:
    s = at(speaker, last=True)
    return Quote(1, *at("Siamo d'accordo"), who, "direct", s[0], s[1], "PER", annotator=who)


def event(type_: str, who: str) -> Event:
    return Event(1, type_, who, trigger_start=at("incontrato")[0], trigger_end=at("incontrato")[1],
                 args=(EventArg("actor", *at("Mario Draghi")),), annotator=who)


@pytest.fixture
def three(project):
    project.add_documents([NewDocument(TEXT, {"title": "Draghi e Macron"})])
    items = [
        span("Mario Draghi", "PER", "alice"), span("Mario Draghi", "PER", "bob"), span("Mario Draghi", "PER", "carol"),
        span("Emmanuel Macron", "PER", "alice"), span("Emmanuel Macron", "PER", "bob"), span("Macron", "PER", "carol"),
        span("Roma", "LOC", "alice"), span("Roma", "ORG", "bob"),
        quote("alice"), quote("bob"), quote("carol"),
        event("CONSULT", "alice"), event("CONSULT", "bob"), event("AGREE", "carol"),
    ]
    project.import_annotations(items, action="test", annotator="test")
    for who in ("alice", "bob", "carol"):
        project.set_doc_status(1, who, DOC_DONE)
    return project


def gold(project) -> list[tuple]:
    found = [(TEXT[s.start:s.end], s.label) for s in project.spans(1, GOLD) if s.status == ACCEPTED]
    found += [("quote", TEXT[q.start:q.end]) for q in project.quotes(1, GOLD)]
    found += [("event", e.type) for e in project.events(1, GOLD)]
    return sorted(found)


def test_all_must_agree_by_default(three):
    report = adjudicate_auto(three)
    assert gold(three) == [("Mario Draghi", "PER"), ("quote", "Siamo d'accordo")]
    assert (report.spans, report.quotes, report.events, report.documents) == (1, 1, 0, 1)
    assert three.doc_status(1, GOLD) == DOC_IN_REVIEW
    assert three.doc_status(1, "alice") == DOC_DONE  # the annotators' own work is untouched


def test_two_of_three_is_enough_with_min_agreement(three):
    adjudicate_auto(three, min_agreement=2)
    assert gold(three) == [("Emmanuel Macron", "PER"), ("Mario Draghi", "PER"), ("event", "CONSULT"),
                           ("quote", "Siamo d'accordo")]  # Roma: LOC and ORG have one vote each


def test_running_it_again_adds_nothing_and_gold_edits_stay(three):
    adjudicate_auto(three, min_agreement=2)
    before = gold(three)
    report = adjudicate_auto(three, min_agreement=2)
    assert (report.spans, report.quotes, report.events) == (0, 0, 0)
    assert gold(three) == before


def test_a_gold_entity_is_never_overridden(three):
    three.insert(Span(1, *at("Macron"), "ORG", GOLD, annotator="reviewer"))  # the reviewer decided otherwise
    adjudicate_auto(three, min_agreement=2)
    assert ("Emmanuel Macron", "PER") not in gold(three) and ("Macron", "ORG") in gold(three)


def test_cli_adjudicate_then_export_gold(three, tmp_path, capsys):
    path = str(three.path)
    three.close()
    assert main(["--project", path, "adjudicate", "--auto", "--min-agreement", "2"]) == 0
    assert "2 entities, 1 quotation and 1 event added in 1 document" in capsys.readouterr().out
    out = tmp_path / "gold.jsonl"
    assert main(["--project", path, "export", "--annotator", "gold", "-o", str(out)]) == 0
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["annotator"] == "gold" and record["status"] == DOC_IN_REVIEW
    assert [s["text"] for s in record["spans"]] == ["Mario Draghi", "Emmanuel Macron"]
    assert [e["type"] for e in record["events"]] == ["CONSULT"]


def test_merge_brings_layers_in_once(three, tmp_path, labels):
    other = open_project(tmp_path / "other.db")
    try:
        [(doc_id, _)] = other.add_documents([NewDocument(TEXT, {"title": "same text"}),
                                             NewDocument("Un altro articolo su Roma.", {"title": "new"})])[:1]
        other.import_annotations([Span(doc_id, *at("Roma"), "LOC", "dario", annotator="dario")], action="t",
                                 annotator="t")
        other.set_doc_status(doc_id, "dario", DOC_DONE)
    finally:
        other.close()
    report = merge_project(three, tmp_path / "other.db", labels=labels)
    assert (report.added, report.duplicates, report.annotations) == (1, 1, 1)
    assert three.count_documents() == 2  # the shared text is one document
    assert [(TEXT[s.start:s.end], s.label) for s in three.spans(1, "dario")] == [("Roma", "LOC")]
    assert three.doc_status(1, "dario") == DOC_DONE
    again = merge_project(three, tmp_path / "other.db", labels=labels)
    assert (again.added, again.annotations, again.skipped_annotations) == (0, 0, 1)


def test_merge_refuses_itself_and_non_projects(three, tmp_path, labels):
    with pytest.raises(MergeError, match="is this project"):
        merge_project(three, three.path, labels=labels)
    junk = tmp_path / "notes.db"
    junk.write_text("not a database", encoding="utf-8")
    with pytest.raises(MergeError, match="notes.db: not a project"):
        merge_project(three, junk, labels=labels)
    with pytest.raises(MergeError, match="no such project file"):
        merge_project(three, tmp_path / "missing.db", labels=labels)


def test_merge_never_writes_the_other_file(three, tmp_path, labels):
    shutil.copyfile(three.path, tmp_path / "copy.db")
    before = (tmp_path / "copy.db").read_bytes()
    merge_project(three, tmp_path / "copy.db", labels=labels)
    assert (tmp_path / "copy.db").read_bytes() == before


def test_merge_writes_no_temporary_copy_and_removes_old_ones(three, tmp_path, labels, monkeypatch):
    import os
    import tempfile
    import time

    from annotator.services.merging import merge_project as merge

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    left = temp / "annotator-merge-k3v9_x2q"  # what a killed merge of an older version left
    left.mkdir()
    (left / "other.db").write_bytes(b"x" * 1000)
    old = time.time() - 2 * 3600
    os.utime(left, (old, old))
    recent = temp / "annotator-merge-r8nn1ng0"  # a merge of an older version still at work
    recent.mkdir()
    mine = temp / "annotator-merge-notes"  # the user's own folder, named alike
    mine.mkdir()
    os.utime(mine, (old, old))
    shutil.copyfile(three.path, tmp_path / "other.db")
    merge(three, tmp_path / "other.db", labels=labels)
    assert sorted(p.name for p in temp.iterdir()) == ["annotator-merge-notes", "annotator-merge-r8nn1ng0"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_merge_rejects_records_whose_events_this_schema_does_not_know(three, tmp_path, labels):
    other = open_project(tmp_path / "other.db")
    other.add_documents([NewDocument(TEXT, {"title": "Draghi e Macron"})])
    other.import_annotations([event("MEET", "dave"), span("Roma", "LOC", "erin")], action="test", annotator="test")
    other.close()
    report = merge_project(three, tmp_path / "other.db", labels=labels)
    [rejected] = report.rejected
    assert "other.db" in rejected.source and "MEET" in rejected.reason
    assert three.events(1, "dave") == []  # the record with the unknown type is left out whole
    assert [(s.start, s.label) for s in three.spans(1, "erin")] == [(TEXT.index("Roma"), "LOC")]  # the rest comes in


def test_adjudication_and_merge_keep_the_entities_and_differing_ones_still_agree(project, tmp_path, labels):
    """Annotators agree on a quotation and an event whatever entity they resolved the speaker or
    the actor to (it is not what makes them the same); gold takes the first annotator's, entity
    and all; a merge brings the entities of another project's layers."""
    from annotator.domain.model import EntityRef

    project.add_documents([NewDocument(TEXT, {"title": "Draghi e Macron"})])
    draghi = EntityRef(*at("Mario Draghi"), "PER")
    items = [quote("alice").with_(speaker_entity_start=draghi.start, speaker_entity_end=draghi.end,
                                  speaker_entity_label="PER"), quote("bob")]
    items += [event("CONSULT", "alice"), event("CONSULT", "bob")]
    items[2] = items[2].with_(args=(items[2].args[0].with_entity(draghi),))
    project.import_annotations(items, action="test", annotator="test")
    report = adjudicate_auto(project)
    assert (report.quotes, report.events) == (1, 1)
    assert [q.speaker_entity for q in project.quotes(1, GOLD)] == [draghi]
    assert [a.entity for a in project.events(1, GOLD)[0].args] == [draghi]

    other = open_project(tmp_path / "other.db")
    try:
        other.add_documents([NewDocument(TEXT, {"title": "same text"})])
        other.import_annotations([quote("dario").with_(speaker_entity_start=draghi.start,
                                                       speaker_entity_end=draghi.end, speaker_entity_label="PER")],
                                 action="t", annotator="t")
    finally:
        other.close()
    merge_project(project, tmp_path / "other.db", labels=labels)
    assert [q.speaker_entity for q in project.quotes(1, "dario")] == [draghi]
