"""Suggestions, quotations and events in the store; cascades; the indexes that keep documents quick."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annotator.domain import commands
from annotator.domain.commands import Command
from annotator.domain.model import (
    ACCEPTED,
    DOC_NEW,
    GOLD,
    REJECTED,
    SUGGESTED,
    SUGGESTIONS,
    Event,
    EventArg,
    Quote,
    Span,
)
from annotator.store import Project
from store_helpers import ANNA, MODEL, add

TEXT = "Draghi ha detto: «Il governo va avanti», dopo la telefonata con Macron a Parigi."


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def sugg(doc_id: int, fragment: str, label: str, origin: str = MODEL) -> Span:
    return Span(doc_id, *at(fragment), label, SUGGESTIONS, origin)


# --- suggestions ------------------------------------------------------------------------------


def test_replace_suggestions_replaces_and_decisions_lose_their_link(project: Project) -> None:
    doc_id = add(project, TEXT)
    n = project.replace_suggestions([(doc_id, [sugg(doc_id, "Draghi", "PER"), sugg(doc_id, "Macron", "PER"),
                                               sugg(doc_id, "Parigi", "LOC")])], origin="v1", action="Pre-annotate")
    assert n == 3
    stored = project.suggestions(doc_id)
    assert [(TEXT[s.start : s.end], s.status, s.layer, s.origin) for s in stored] == [
        ("Draghi", SUGGESTED, SUGGESTIONS, MODEL),
        ("Macron", SUGGESTED, SUGGESTIONS, MODEL),
        ("Parigi", SUGGESTED, SUGGESTIONS, MODEL),
    ]
    draghi, macron, _parigi = stored
    common = dict(layer=ANNA, annotator=ANNA, doc_status=DOC_NEW)
    project.apply(commands.accept(text=TEXT, span=draghi, **common))
    project.apply(commands.delete(text=TEXT, span=macron, **{**common, "doc_status": project.doc_status(doc_id, ANNA)}))
    assert {s.source_id for s in project.spans(doc_id, ANNA)} == {draghi.id, macron.id}

    n = project.replace_suggestions([(doc_id, [sugg(doc_id, "Parigi", "GPE", "rules")])], origin="v2", action="Again")
    assert n == 1
    assert [(TEXT[s.start : s.end], s.label, s.origin) for s in project.suggestions(doc_id)] == [("Parigi", "GPE", "rules")]
    # the annotator's decisions stay, unlinked
    mine = project.spans(doc_id, ANNA)
    assert [(TEXT[s.start : s.end], s.status, s.source_id) for s in mine] == [
        ("Draghi", ACCEPTED, None),
        ("Macron", REJECTED, None),
    ]
    assert [r["direction"] for r in project.history(limit=10) if r["doc_id"] is None] == ["batch", "batch"]


def test_replace_suggestions_is_one_transaction(project: Project) -> None:
    doc_id = add(project, TEXT)
    project.replace_suggestions([(doc_id, [sugg(doc_id, "Draghi", "PER")])], origin="v1", action="first")
    bad = Span(doc_id, 10, 3, "PER", SUGGESTIONS, "v2")  # start > end
    other = add(project, "Un altro articolo.")
    with pytest.raises(Exception):
        project.replace_suggestions([(other, []), (doc_id, [sugg(doc_id, "Macron", "PER"), bad])],
                                    origin="v2", action="second")
    assert [TEXT[s.start : s.end] for s in project.suggestions(doc_id)] == ["Draghi"]
    assert project.documents_without_suggestions() == [other]
    assert [r["action"] for r in project.history()] == ["first"]


def test_documents_without_suggestions(project: Project) -> None:
    a, b, c = add(project, "Primo a Roma."), add(project, "Secondo."), add(project, "Terzo a Milano.")
    assert project.documents_without_suggestions() == [a, b, c]
    assert not project.has_suggestions(a)
    project.replace_suggestions([(a, [Span(a, 8, 12, "LOC", SUGGESTIONS, "m")]), (b, [])], origin="m", action="pre")
    # b was pre-annotated and nothing was found: it is not listed again
    assert project.documents_without_suggestions() == [c]
    assert project.has_suggestions(a) and not project.has_suggestions(b)


# --- quotes and events ------------------------------------------------------------------------


def quote(doc_id: int) -> Quote:
    s, e = at("Il governo va avanti")
    return Quote(doc_id, s, e, ANNA, kind="direct", speaker_start=0, speaker_end=6, speaker_label="PER",
                 cue_start=at("ha detto")[0], cue_end=at("ha detto")[1], annotator=ANNA)


def event(doc_id: int, quote_id: int | None) -> Event:
    return Event(
        doc_id, "CONSULT", ANNA, mode="phone", context=("diplomatic", "international", "città"),
        trigger_start=at("telefonata")[0], trigger_end=at("telefonata")[1],
        args=(EventArg("recipient", *at("Macron")), EventArg("actor", *at("Draghi")), EventArg("location", *at("Parigi"))),
        date="2021-12-30", quote_id=quote_id, comment="chiamata «cordiale»", annotator=ANNA,
    )


def test_quotes_and_events_read_back_equal(project: Project) -> None:
    doc_id = add(project, TEXT)
    q = project.insert(quote(doc_id))
    ev = project.insert(event(doc_id, q.id))
    bare = project.insert(Event(doc_id, "MEET", ANNA))
    assert project.quotes(doc_id, ANNA) == [q]
    assert project.events(doc_id, ANNA) == [ev, bare]
    assert [a.role for a in project.events(doc_id, ANNA)[0].args] == ["recipient", "actor", "location"]
    assert project.events(doc_id, ANNA)[0].context == ("diplomatic", "international", "città")
    assert project.events(doc_id, ANNA)[1].args == () and project.events(doc_id, ANNA)[1].context == ()
    assert project.quotes(doc_id, GOLD) == [] and project.events(doc_id, GOLD) == []
    assert project.layers(doc_id) == [ANNA]


def test_updating_an_event_replaces_its_args(project: Project) -> None:
    doc_id = add(project, TEXT)
    ev = project.insert(event(doc_id, None))
    changed = ev.with_(args=(EventArg("actor", *at("Macron")),), context=(), type="MEET", date=None)
    project.update(changed)
    assert project.events(doc_id, ANNA) == [changed]
    assert project.conn.execute("SELECT count(*) FROM event_args").fetchone()[0] == 1


def test_updating_a_quote_keeps_the_events_that_cite_it(project: Project) -> None:
    doc_id = add(project, TEXT)
    q = project.insert(quote(doc_id))
    ev = project.insert(event(doc_id, q.id))
    decision = project.insert(q.with_(id=None, layer="bruno", annotator="bruno", source_id=q.id))
    project.update(q.with_(kind="partial", speaker_start=None, speaker_end=None, speaker_label=None))
    assert project.quotes(doc_id, ANNA)[0].kind == "partial"
    assert project.events(doc_id, ANNA) == [ev]  # quote_id still set
    assert project.quotes(doc_id, "bruno") == [decision]  # source_id still set
    project.update(ev.with_(comment=None))
    assert project.events(doc_id, ANNA)[0].quote_id == q.id


def test_deleting_a_document_removes_everything_of_it(project: Project) -> None:
    keep = add(project, "Un altro articolo su Parigi.")
    doc_id = add(project, TEXT)
    project.replace_suggestions([(doc_id, [sugg(doc_id, "Draghi", "PER")]), (keep, [])], origin="m", action="pre")
    project.apply(Command("all", doc_id, ANNA, added=[Span(doc_id, *at("Macron"), "PER", ANNA, annotator=ANNA)],
                          status_change=(DOC_NEW, "done")))
    q = project.insert(quote(doc_id))
    project.insert(event(doc_id, q.id))
    keep_span = project.insert(Span(keep, 21, 27, "LOC", ANNA, annotator=ANNA))
    with project.transaction():
        project.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
    for name in ("spans", "quotes", "events", "doc_status", "preannotated"):
        assert project.conn.execute(f"SELECT count(*) FROM {name} WHERE doc_id = ?", (doc_id,)).fetchone()[0] == 0, name
    assert project.conn.execute("SELECT count(*) FROM event_args").fetchone()[0] == 0
    assert project.document_ids(annotator=ANNA, query="governo") == []  # gone from the search index too
    assert project.spans(keep, ANNA) == [keep_span]
    assert project.document_ids(annotator=ANNA, query="parigi") == [keep]


# --- indexes ----------------------------------------------------------------------------------


def plans(project: Project, action: Callable[[], object]) -> list[tuple[str, str]]:
    """(sql, query plan) of every statement ``action`` runs."""
    statements: list[str] = []
    project.conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        project.conn.set_trace_callback(None)
    out = []
    for sql in statements:
        if sql.lstrip().upper().startswith("SELECT"):
            detail = " | ".join(r[3] for r in project.conn.execute("EXPLAIN QUERY PLAN " + sql))
            out.append((sql, detail))
    return out


@pytest.mark.parametrize("backend", ["sqlite"])  # SQLite's query plans
def test_opening_a_document_with_many_spans_uses_the_index(project: Project) -> None:
    docs = [add(project, f"Documento {i}: " + "Roma Milano " * 100) for i in range(3)]
    doc_id = docs[1]
    with project.transaction():
        for i in range(1000):
            project.insert(Span(doc_id, i, i + 1, "LOC", ANNA if i % 2 else SUGGESTIONS, annotator=ANNA))
    project.conn.execute("ANALYZE")
    found = plans(project, lambda: project.visible_spans(doc_id, ANNA))
    assert len(found) == 2  # the layer and the suggestions
    for sql, plan in found:
        assert "spans_by_doc" in plan, f"{sql}\n  → {plan}"
        assert all("doc_id=?" in step for step in spans_lookups(plan)), plan
        assert "SCAN spans" not in plan, f"{sql}\n  → {plan}"
    assert len(project.visible_spans(doc_id, ANNA)) == 1000


def spans_lookups(plan: str) -> list[str]:
    return [step for step in plan.split(" | ") if " spans" in step]


@pytest.mark.parametrize("backend", ["sqlite"])  # SQLite's query plans
def test_the_document_list_rows_use_indexes(project: Project) -> None:
    ids = [add(project, f"Documento {i}: Roma e Milano.") for i in range(20)]
    with project.transaction():  # a busy annotator: many accepted spans in other documents
        for doc_id in ids:
            for i in range(20):
                project.insert(Span(doc_id, i, i + 1, "LOC", ANNA, annotator=ANNA))
    found = plans(project, lambda: project.document_rows(ids[:3], annotator=ANNA))
    assert found
    for sql, plan in found:
        assert "SCAN spans" not in plan and "SCAN doc_status" not in plan, f"{sql}\n  → {plan}"
        lookups = spans_lookups(plan)
        assert lookups, plan
        # every count looks up one document's rows (or the decisions on one suggestion),
        # never the annotator's whole layer
        for step in lookups:
            assert "doc_id=?" in step or "source_id=?" in step, f"{sql}\n  → {plan}"
