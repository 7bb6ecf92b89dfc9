"""The entity a speaker or an argument resolves to, in the files: the annotator JSONL writes it as
``"entity"`` (only when resolved) and reads it back with the same checks as any range, so store ->
export -> import -> export loses nothing; PLOVER names actors and recipients by it; the other
formats are untouched by it."""

from __future__ import annotations

import json

import pytest

from annotator.domain.model import SUGGESTIONS, EntityRef, Event, EventArg, Quote, Span
from annotator.formats.jsonl import export_jsonl, record_to_items
from annotator.formats.plover import export_plover
from annotator.services.exporting import export
from annotator.services.importing import import_paths
from annotator.store import NewDocument, open_project

TEXT = ("😀 Il presidente Lee Jae-myung ha telefonato al ministro Tajani. «Siamo pronti», ha detto Lee. "
        "L'Organizzazione mondiale della sanità (OMS) ha risposto a Lee.")
ORIGIN = "coref-it@1"


def at(words: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


LEE = EntityRef(*at("Lee Jae-myung"), "PER")
TAJANI = EntityRef(*at("Tajani"), "PER")
OMS = EntityRef(*at("Organizzazione mondiale della sanità"), "ORG")


def entity_json(entity: EntityRef) -> dict:
    return {"start": entity.start, "end": entity.end, "text": TEXT[entity.start:entity.end], "label": entity.label}


@pytest.fixture
def resolved(project):
    """alice's quotation whose speaker "Lee" is Lee Jae-myung, another unresolved; her event whose
    actor "Il presidente" is Lee Jae-myung and recipient "al ministro" Tajani; a suggested quotation
    whose speaker "OMS" is the Organizzazione mondiale della sanità."""
    ((doc, _),) = project.add_documents([NewDocument(TEXT, {"title": "Lee"}, uid="lee-1")])
    quote = Quote(doc, *at("Siamo pronti"), "alice", "direct", *at("Lee", 2), "PER", *at("ha detto"),
                  annotator="alice", speaker_entity_start=LEE.start, speaker_entity_end=LEE.end,
                  speaker_entity_label="PER")
    plain = Quote(doc, *at("ha risposto"), "alice", "indirect", *at("Lee", 3), "PER", annotator="alice")
    event = Event(doc, "CONSULT", "alice", mode="phone", trigger_start=at("telefonato")[0],
                  trigger_end=at("telefonato")[1], annotator="alice",
                  args=(EventArg("actor", *at("Il presidente")).with_entity(LEE),
                        EventArg("recipient", *at("al ministro")).with_entity(TAJANI),
                        EventArg("recipient", *at("Lee", 3))))
    project.import_annotations([Span(doc, LEE.start, LEE.end, "PER", "alice"),
                                Span(doc, TAJANI.start, TAJANI.end, "PER", "alice"),
                                quote, plain, event], action="fixture", annotator="alice")
    suggested = Quote(doc, *at("ha risposto"), SUGGESTIONS, "indirect", *at("OMS"), "ORG", origin=ORIGIN,
                      speaker_entity_start=OMS.start, speaker_entity_end=OMS.end, speaker_entity_label="ORG")
    project.replace_suggestions([(doc, [], [suggested], [])], origin=ORIGIN, action="fixture")
    return project, doc


def records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_jsonl_writes_the_entity_of_a_resolved_speaker_and_argument_only(resolved, tmp_path):
    project, _ = resolved
    export_jsonl(project, tmp_path / "out.jsonl", include_suggestions=True, all_suggestions=True)
    alice, suggestions = records(tmp_path / "out.jsonl")
    first, second = alice["quotes"]
    assert first["speaker"] == {**first["speaker"], "entity": entity_json(LEE)}
    assert list(first["speaker"]) == ["start", "end", "text", "label", "entity"]
    assert first["speaker"]["entity"]["text"] == "Lee Jae-myung"
    assert "entity" not in second["speaker"]  # unresolved: no key, the record as before
    actor, recipient, other = alice["events"][0]["args"]
    assert actor == {"role": "actor", "start": at("Il presidente")[0], "end": at("Il presidente")[1],
                     "text": "Il presidente", "entity": entity_json(LEE)}
    assert recipient["entity"]["text"] == "Tajani" and "entity" not in other
    assert suggestions["quotes"][0]["speaker"]["entity"] == entity_json(OMS)


def test_store_export_import_export_keeps_every_entity(resolved, tmp_path, labels):
    project, doc = resolved
    first = tmp_path / "first.jsonl"
    export_jsonl(project, first, include_suggestions=True, all_suggestions=True)
    with open_project(tmp_path / "fresh.db") as fresh:
        report = import_paths(fresh, [first], annotator="someone", labels=labels)
        assert report.rejected == [] and report.added == 1
        copy = fresh.document_id_by_hash(project.document(doc).content_hash)
        for layer in ("alice", SUGGESTIONS):
            assert [q.speaker_entity for q in fresh.quotes(copy, layer)] == [
                q.speaker_entity for q in project.quotes(doc, layer)]
        assert [a.entity for a in fresh.events(copy, "alice")[0].args] == [LEE, TAJANI, None]
        export_jsonl(fresh, tmp_path / "second.jsonl", include_suggestions=True, all_suggestions=True)
    assert (tmp_path / "second.jsonl").read_bytes() == first.read_bytes()


def record(**speaker_entity):
    start, end = at("Lee", 2)
    speaker = {"start": start, "end": end, "text": "Lee", "label": "PER", **speaker_entity}
    return {"id": "x", "text": TEXT, "annotator": "alice", "status": None,
            "quotes": [{"start": at("Siamo pronti")[0], "end": at("Siamo pronti")[1], "speaker": speaker}]}


def test_a_null_entity_is_unresolved():
    _, _, [quote] = record_to_items(record(entity=None), doc_id=1, text=TEXT, default_annotator=None, labels=None)
    assert quote.speaker_entity is None
    _, _, [quote] = record_to_items(record(entity={"start": LEE.start, "end": LEE.end, "label": None}), doc_id=1,
                                    text=TEXT, default_annotator=None, labels=None)
    assert quote.speaker_entity == EntityRef(LEE.start, LEE.end, None)


@pytest.mark.parametrize(("entity", "words"), [
    ({"start": 0, "end": 9999, "label": "PER"}, ["the entity of the speaker of quote 1", "outside the text"]),
    ({"start": "3", "end": 9, "label": "PER"}, ["the entity of the speaker of quote 1", "integer"]),
    ({"start": LEE.start, "end": LEE.end, "text": "Lee Jae-Myung", "label": "PER"}, ["“Lee Jae-Myung”", "fix the offsets"]),
    ({"start": LEE.start, "end": LEE.end, "label": 7}, ["the entity of the speaker of quote 1", "no label"]),
    ({"start": LEE.start, "end": LEE.end, "label": "ALIEN"}, ["ALIEN", "label schema"]),
    ("Lee Jae-myung", ["not an object"]),
])
def test_a_bad_entity_rejects_just_its_record_naming_file_line_and_reason(tmp_path, labels, entity, words):
    path = tmp_path / "in.jsonl"
    good = record()
    bad = record(entity=entity)
    bad["text"] = good["text"] = TEXT
    other = dict(record(entity=entity_json(LEE)), text=TEXT + " Altro.", id="y")
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (good, bad, other)) + "\n", encoding="utf-8")
    with open_project(tmp_path / "p.db") as project:
        report = import_paths(project, [path], annotator="someone", labels=labels)
        [rejection] = report.rejected
        assert rejection.source == f"{path}:2"
        for word in words:
            assert word in rejection.reason
        assert report.added == 2  # the good lines went in, the entity of the third with its quotation
        speakers = [q.speaker_entity for d in project.document_ids() for q in project.quotes(d, "alice")]
        assert speakers == [None, LEE]


def test_an_arguments_bad_entity_is_named_too():
    rec = {"id": "x", "text": TEXT, "annotator": "alice", "events": [{"type": "CONSULT", "args": [
        {"role": "actor", "start": at("Il presidente")[0], "end": at("Il presidente")[1],
         "entity": {"start": -1, "end": 3, "label": "PER"}}]}]}
    with pytest.raises(ValueError, match=r"the entity of argument 1 of event 1 \(CONSULT\).*outside the text"):
        record_to_items(rec, doc_id=1, text=TEXT, default_annotator=None, labels=None)


def test_plover_names_actors_and_recipients_by_their_entity(resolved, tmp_path):
    project, _ = resolved
    export_plover(project, tmp_path / "plover.jsonl")
    [consult] = records(tmp_path / "plover.jsonl")
    assert consult["actor"] == ["Lee Jae-myung"]  # not "Il presidente"
    assert consult["recipient"] == ["Tajani", "Lee"]  # the unresolved one by its own words
    assert consult["args"][0]["text"] == "Il presidente" and consult["args"][0]["entity"] == entity_json(LEE)
    assert "entity" not in consult["args"][2]


@pytest.mark.parametrize("fmt", ["prodigy", "doccano", "brat", "xmi", "conll", "spacy"])
def test_the_other_formats_export_a_project_with_entities(resolved, tmp_path, fmt):
    project, _ = resolved
    report = export(project, tmp_path / f"out-{fmt}", fmt=fmt)
    assert report is not None
