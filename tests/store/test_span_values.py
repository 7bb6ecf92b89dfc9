"""A span's value (a DATE's "2021-12-17") is stored, read back, undone and exported with it."""

from __future__ import annotations

import json

from annotator.domain import commands
from annotator.domain.model import ACCEPTED, SUGGESTED, SUGGESTIONS, Span
from annotator.store import Project
from store_helpers import ANNA, MODEL, add

TEXT = "Putin ha parlato ieri con Biden; si rivedranno il 17 dicembre a Ginevra."


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def preannotate(project: Project) -> int:
    doc_id = add(project, TEXT, published="2021-12-22")
    project.replace_suggestions([(doc_id, [
        Span(doc_id, *at("Putin"), "PER", SUGGESTIONS, MODEL),
        Span(doc_id, *at("ieri"), "DATE", SUGGESTIONS, MODEL, value="2021-12-21"),
        Span(doc_id, *at("17 dicembre"), "DATE", SUGGESTIONS, MODEL, value="2021-12-17"),
    ])], origin=MODEL, action="Pre-annotate 1 document")
    return doc_id


def values(spans: list[Span]) -> list[tuple[str, str, str | None]]:
    return [(TEXT[s.start:s.end], s.label, s.value) for s in spans]


def test_suggested_values_are_stored_and_read_back(make_project) -> None:
    project = make_project()
    doc_id = preannotate(project)
    expected = [("Putin", "PER", None), ("ieri", "DATE", "2021-12-21"), ("17 dicembre", "DATE", "2021-12-17")]
    assert values(project.suggestions(doc_id)) == expected
    project.close()
    reopened = make_project()  # the same file: the values are on disk
    assert values(reopened.suggestions(doc_id)) == expected
    [annotated] = list(reopened.iter_annotated_documents())
    assert values(annotated.spans) == expected


def test_accepting_keeps_the_value_and_undo_takes_it_away(project: Project) -> None:
    doc_id = preannotate(project)
    ieri = next(s for s in project.suggestions(doc_id) if s.value == "2021-12-21")
    cmd = commands.accept(text=TEXT, span=ieri, layer=ANNA, annotator=ANNA,
                          doc_status=project.doc_status(doc_id, ANNA))
    project.apply(cmd)
    assert [(s.label, s.value, s.status) for s in project.spans(doc_id, ANNA)] == [("DATE", "2021-12-21", ACCEPTED)]
    payload = json.loads(project.conn.execute("SELECT payload FROM history ORDER BY id DESC").fetchone()[0])
    assert payload["added"][0]["value"] == "2021-12-21"  # the history records it too
    project.revert(cmd)
    assert project.spans(doc_id, ANNA) == []
    project.apply(cmd, direction="redo")
    assert [s.value for s in project.spans(doc_id, ANNA)] == ["2021-12-21"]


def test_relabelling_a_stored_date_clears_its_value(project: Project) -> None:
    doc_id = preannotate(project)
    sugg = next(s for s in project.suggestions(doc_id) if s.value == "2021-12-17")
    project.apply(commands.accept(text=TEXT, span=sugg, layer=ANNA, annotator=ANNA, doc_status="new"))
    [accepted] = project.spans(doc_id, ANNA)
    project.apply(commands.relabel(text=TEXT, span=accepted, label="MISC", layer=ANNA, annotator=ANNA,
                                   doc_status=project.doc_status(doc_id, ANNA)))
    assert values(project.spans(doc_id, ANNA)) == [("17 dicembre", "MISC", None)]
    assert [s.status for s in project.suggestions(doc_id)] == [SUGGESTED] * 3
