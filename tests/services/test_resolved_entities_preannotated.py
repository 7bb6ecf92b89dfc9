"""Pre-annotation gives quotation speakers and event arguments the named entity they refer to, and
the JSONL export carries it as ``entity`` (issue 15)."""

from __future__ import annotations

import json

from annotator.domain.model import SUGGESTIONS
from annotator.services.preannotation import preannotate
from annotator.store.project import NewDocument

TEXT = ("Il presidente russo Vladimir Putin è arrivato a Mosca. «Non cederemo», ha detto il presidente. "
        "Putin ha poi minacciato la Nato.")


def test_a_title_speaker_and_a_surname_actor_resolve_to_the_full_name(project, labels):
    project.set_setting("model", "gazetteer")
    (doc_id, _), = project.add_documents([NewDocument(TEXT)])
    list(preannotate(project, labels=labels))
    (quote,) = project.quotes(doc_id, SUGGESTIONS)
    assert TEXT[quote.speaker_start:quote.speaker_end] == "il presidente"
    assert TEXT[quote.speaker_entity_start:quote.speaker_entity_end] == "Vladimir Putin"
    threat = next(e for e in project.events(doc_id, SUGGESTIONS) if e.type == "THREATEN")
    actor = next(a for a in threat.args if a.role == "actor")
    assert TEXT[actor.start:actor.end] == "Putin"
    assert TEXT[actor.entity_start:actor.entity_end] == "Vladimir Putin"


def test_the_jsonl_export_of_suggestions_names_the_entity(project, labels, tmp_path):
    from annotator.services.exporting import export

    project.set_setting("model", "gazetteer")
    (doc_id, _), = project.add_documents([NewDocument(TEXT)])
    list(preannotate(project, labels=labels))
    out = tmp_path / "out.jsonl"
    export(project, out, fmt="jsonl", include_suggestions=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (record,) = [r for r in records if r["quotes"]]  # the suggesting pipeline's record
    speaker = record["quotes"][0]["speaker"]
    assert speaker["text"] == "il presidente" and speaker["entity"]["text"] == "Vladimir Putin"
