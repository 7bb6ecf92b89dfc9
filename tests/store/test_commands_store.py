"""Commands against the real store: one transaction each, logged in history, exactly undoable."""

from __future__ import annotations

import json
import sqlite3

import pytest

from annotator.domain import commands, quote_commands
from annotator.domain.commands import Command
from annotator.domain.model import (
    ACCEPTED,
    DOC_DONE,
    DOC_IN_PROGRESS,
    DOC_NEW,
    GOLD,
    MANUAL,
    REJECTED,
    SUGGESTED,
    SUGGESTIONS,
    Event,
    EventArg,
    Quote,
    Span,
)
from annotator.store import Project
from store_helpers import ANNA, MODEL, add, table

TEXT = "Mario Rossi ha incontrato Giorgia Meloni a Palazzo Chigi, Roma."


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def contents(project: Project) -> dict[str, list[tuple]]:
    """All annotation state (timestamps aside; event argument row ids are an implementation detail)."""
    return {
        "spans": table(project, "spans"),
        "quotes": table(project, "quotes"),
        "events": table(project, "events"),
        "event_args": table(project, "event_args", without=("id",)),
        "doc_status": table(project, "doc_status"),
    }


def history_rows(project: Project) -> list[tuple]:
    return project.conn.execute("SELECT annotator, doc_id, action, direction, payload FROM history ORDER BY id").fetchall()


@pytest.fixture
def doc(project: Project) -> int:
    doc_id = add(project, TEXT, title="Incontro")
    project.replace_suggestions(
        [(doc_id, [Span(doc_id, *at(f), label, SUGGESTIONS, MODEL, SUGGESTED, MODEL)
                   for f, label in [("Mario Rossi", "PER"), ("Rossi", "PER"), ("Palazzo Chigi", "LOC"), ("Roma", "LOC")]])],
        origin=MODEL, action="Pre-annotate 1 document",
    )
    return doc_id


def label(project: Project, doc_id: int, fragment: str, name: str) -> Command:
    start, end = at(fragment)
    return commands.label_range(
        text=TEXT, visible=project.visible_spans(doc_id, ANNA), doc_id=doc_id, start=start, end=end,
        label=name, layer=ANNA, annotator=ANNA, doc_status=project.doc_status(doc_id, ANNA),
    )


def view(project: Project, doc_id: int) -> list[tuple[str, str, str, str]]:
    return [(TEXT[s.start : s.end], s.label, s.status, s.origin) for s in project.visible_spans(doc_id, ANNA)]


# --- one transaction per command --------------------------------------------------------------


def test_a_command_that_fails_halfway_stores_nothing(project: Project, doc: int) -> None:
    project.apply(label(project, doc, "Giorgia Meloni", "PER"))
    before = contents(project)
    history_before = history_rows(project)
    (existing,) = project.spans(doc, ANNA)
    broken = Command(
        "Broken edit", doc, "bruno",
        removed=[existing],
        added=[Span(doc, 0, 5, "PER", "bruno"), Span(doc, 9, 9, "PER", "bruno")],  # start >= end: CHECK fails
        status_change=(DOC_NEW, DOC_IN_PROGRESS),
    )
    with pytest.raises(sqlite3.IntegrityError):
        project.apply(broken)
    assert contents(project) == before
    assert history_rows(project) == history_before
    assert "bruno" not in project.annotators()
    assert not project.conn.in_transaction
    # and the project keeps working
    project.apply(label(project, doc, "Roma", "LOC"))
    assert ("Roma", "LOC", ACCEPTED, MODEL) in view(project, doc)


def test_a_failing_revert_changes_nothing(project: Project, doc: int) -> None:
    cmd = label(project, doc, "Giorgia Meloni", "PER")
    project.apply(cmd)
    after = contents(project)
    # revert deletes the added span first, then re-inserts what was removed: make that re-insert fail
    cmd.removed.append(Span(doc, 5, 2, "PER", ANNA))
    with pytest.raises(sqlite3.IntegrityError):
        project.revert(cmd)
    assert contents(project) == after
    assert [r[3] for r in history_rows(project)] == ["batch", "do"]


def test_apply_writes_one_history_row_and_revert_an_undo_row(project: Project, doc: int) -> None:
    n = len(history_rows(project))
    cmd = label(project, doc, "Giorgia Meloni", "PER")
    project.apply(cmd)
    rows = history_rows(project)[n:]
    assert len(rows) == 1
    annotator, doc_id, action, direction, payload = rows[0]
    assert (annotator, doc_id, action, direction) == (ANNA, doc, cmd.text, "do")
    assert "Giorgia Meloni" in action
    data = json.loads(payload)
    assert [(a["item"], a["start"], a["end"], a["label"], a["id"]) for a in data["added"]] == [
        ("Span", *at("Giorgia Meloni"), "PER", cmd.added[0].id)
    ]
    assert data["status"] == [DOC_NEW, DOC_IN_PROGRESS]

    project.revert(cmd)
    rows = history_rows(project)[n:]
    assert [(r[2], r[3]) for r in rows] == [(cmd.text, "do"), (cmd.text, "undo")]
    project.apply(cmd, direction="redo")
    assert [r["direction"] for r in project.history(doc)] == ["redo", "undo", "do"]
    assert project.history(doc, limit=1)[0]["action"] == cmd.text


def test_a_second_connection_sees_an_applied_command_at_once(project: Project, doc: int, make_project) -> None:
    other = make_project()
    assert other.spans(doc, ANNA) == []
    cmd = label(project, doc, "Giorgia Meloni", "PER")
    project.apply(cmd)
    assert not project.conn.in_transaction
    assert [(s.start, s.end, s.label) for s in other.spans(doc, ANNA)] == [(*at("Giorgia Meloni"), "PER")]
    assert other.doc_status(doc, ANNA) == DOC_IN_PROGRESS
    project.revert(cmd)
    assert other.spans(doc, ANNA) == []
    assert other.doc_status(doc, ANNA) == DOC_NEW


# --- exact undo on the real store -------------------------------------------------------------


def run(project: Project, cmd: Command) -> Command:
    before = contents(project)
    project.apply(cmd)
    after = contents(project)
    project.revert(cmd)
    assert contents(project) == before, f"undo of {cmd.text!r} did not restore the previous state"
    project.apply(cmd, direction="redo")
    assert contents(project) == after, f"redo of {cmd.text!r} gave another state"
    return cmd


def test_every_builder_is_exactly_undoable_in_the_store(project: Project, doc: int) -> None:
    common = lambda: dict(layer=ANNA, annotator=ANNA, doc_status=project.doc_status(doc, ANNA))  # noqa: E731
    run(project, label(project, doc, "Giorgia Meloni", "PER"))
    run(project, label(project, doc, "Palazzo Chigi", "ORG"))  # accepts the suggestion with another label
    run(project, label(project, doc, "Giorgia", "PER"))  # replaces the manual span
    sugg = {TEXT[s.start : s.end]: s for s in project.suggestions(doc)}
    run(project, commands.accept(text=TEXT, span=sugg["Roma"], **common()))
    roma = next(s for s in project.spans(doc, ANNA) if s.source_id == sugg["Roma"].id)
    run(project, commands.relabel(text=TEXT, span=roma, label="GPE", **common()))
    roma = project.spans(doc, ANNA)[-1]
    run(project, commands.delete(text=TEXT, span=roma, **common()))
    run(project, commands.accept_all(visible=project.visible_spans(doc, ANNA), doc_id=doc, **common()))
    run(project, commands.set_status(doc_id=doc, annotator=ANNA, before=project.doc_status(doc, ANNA), after=DOC_DONE))
    assert view(project, doc) == [
        ("Mario Rossi", "PER", ACCEPTED, MODEL),
        ("Giorgia", "PER", ACCEPTED, MANUAL),
        ("Palazzo Chigi", "ORG", ACCEPTED, MANUAL),
    ]
    assert project.doc_status(doc, ANNA) == DOC_DONE


def test_undo_of_the_first_edit_leaves_the_document_new_everywhere(project: Project, doc: int) -> None:
    before_stats = project.stats()["status"]
    cmd = label(project, doc, "Roma", "LOC")
    project.apply(cmd)
    assert project.doc_status(doc, ANNA) == DOC_IN_PROGRESS
    assert project.document_ids(annotator=ANNA, status=DOC_IN_PROGRESS) == [doc]
    project.revert(cmd)
    assert project.doc_status(doc, ANNA) == DOC_NEW
    assert project.document_ids(annotator=ANNA, status=DOC_NEW) == [doc]
    assert project.stats()["status"] == before_stats


def test_redo_works_after_other_edits_took_new_ids(project: Project, doc: int, make_project) -> None:
    cmd = label(project, doc, "Giorgia Meloni", "PER")
    project.apply(cmd)
    (span_id,) = [i.id for i in cmd.added]
    project.revert(cmd)
    # meanwhile: a pre-annotation batch on another document, and a colleague's edit in another window
    other_doc = add(project, "Sergio Mattarella al Quirinale.")
    project.replace_suggestions([(other_doc, [Span(other_doc, 0, 17, "PER", SUGGESTIONS, MODEL)])],
                                origin=MODEL, action="pre")
    colleague = make_project()
    colleague.apply(Command("Label", other_doc, "bruno", added=[Span(other_doc, 21, 30, "LOC", "bruno")]))
    new_ids = {s.id for s in project.suggestions(other_doc)} | {s.id for s in project.spans(other_doc, "bruno")}
    assert span_id not in new_ids  # an id freed by undo is never handed out again
    project.apply(cmd, direction="redo")
    assert [s.id for s in project.spans(doc, ANNA)] == [span_id]


def test_removed_items_come_back_with_their_ids_so_links_survive(project: Project, doc: int) -> None:
    sugg = {TEXT[s.start : s.end]: s for s in project.suggestions(doc)}
    common = dict(layer=ANNA, annotator=ANNA, doc_status=DOC_NEW)
    project.apply(commands.accept(text=TEXT, span=sugg["Roma"], **common))
    (accepted,) = project.spans(doc, ANNA)
    cmd = Command("Remove", doc, ANNA, removed=[accepted])
    project.apply(cmd)
    assert project.spans(doc, ANNA) == []
    project.revert(cmd)
    assert project.spans(doc, ANNA) == [accepted]
    assert accepted.source_id == sugg["Roma"].id


def test_quote_and_event_commands_are_undoable(project: Project, doc: int) -> None:
    quote = Quote(doc, 0, 11, ANNA, kind="direct", speaker_start=26, speaker_end=40, speaker_label="PER")
    add_quote = run(project, Command("Add quote", doc, ANNA, added=[quote]))
    stored_quote = add_quote.added[0]
    event = Event(doc, "MEET", ANNA, mode="in person", context=("diplomatic", "domestic"), trigger_start=15,
                  trigger_end=25, args=(EventArg("actor", 0, 11), EventArg("recipient", 26, 40)),
                  quote_id=stored_quote.id)
    add_event = run(project, Command("Add event", doc, ANNA, added=[event]))
    stored_event = add_event.added[0]
    changed = stored_event.with_(args=(EventArg("recipient", 26, 40),), context=("domestic",), mode=None)
    run(project, Command("Edit event", doc, ANNA, updated=[(stored_event, changed)]))
    assert project.events(doc, ANNA) == [changed]
    run(project, Command("Edit quote", doc, ANNA, updated=[(stored_quote, stored_quote.with_(kind="partial"))]))
    # editing the quote keeps the event's link to it
    assert project.events(doc, ANNA)[0].quote_id == stored_quote.id
    run(project, Command("Remove event", doc, ANNA, removed=[changed]))
    assert project.events(doc, ANNA) == []


def test_deleting_a_quote_an_event_cites_is_undone_with_the_link(project: Project, doc: int) -> None:
    """The delete unlinks the event in the same command; its undo must bring the quotation back
    before the link (the foreign key refused the link to a quotation not yet there)."""
    quote = Quote(doc, 0, 11, ANNA, kind="direct", speaker_start=26, speaker_end=40, speaker_label="PER")
    stored_quote = run(project, Command("Add quote", doc, ANNA, added=[quote])).added[0]
    event = Event(doc, "MEET", ANNA, trigger_start=15, trigger_end=25, args=(EventArg("actor", 0, 11),),
                  quote_id=stored_quote.id)
    run(project, Command("Add event", doc, ANNA, added=[event]))
    delete = quote_commands.delete_quote(text=TEXT, quote=stored_quote, layer=ANNA, annotator=ANNA,
                                         doc_status=DOC_IN_PROGRESS, events=project.events(doc, ANNA))
    run(project, delete)  # apply, undo (checked to give the state back), redo
    assert project.quotes(doc, ANNA) == [] and project.events(doc, ANNA)[0].quote_id is None
    project.revert(delete)
    assert project.quotes(doc, ANNA) == [stored_quote]
    assert project.events(doc, ANNA)[0].quote_id == stored_quote.id


def test_emoji_before_a_span_does_not_shift_it(project: Project) -> None:
    text = "👍🏽 Mario Rossi vive a Roma."
    doc_id = add(project, text)
    start = text.index("Mario Rossi")
    cmd = commands.label_range(text=text, visible=[], doc_id=doc_id, start=start, end=start + len("Mario Rossi"),
                               label="PER", layer=ANNA, annotator=ANNA, doc_status=DOC_NEW)
    project.apply(cmd)
    stored = project.document(doc_id)
    assert stored.text == text
    (span,) = project.spans(doc_id, ANNA)
    assert stored.text[span.start : span.end] == "Mario Rossi"
    assert (span.start, span.end) == (3, 14)  # code points: 👍 and 🏽 are one index each, then a space


def test_two_annotators_do_not_see_each_others_decisions(project: Project, doc: int) -> None:
    project.apply(commands.accept_all(visible=project.visible_spans(doc, ANNA), doc_id=doc, layer=ANNA,
                                      annotator=ANNA, doc_status=DOC_NEW))
    bruno = project.visible_spans(doc, "bruno")
    assert [s.status for s in bruno] == [SUGGESTED] * 4
    assert project.doc_status(doc, "bruno") == DOC_NEW
    assert project.layers(doc) == [ANNA]
    assert sorted(project.annotators()) == [ANNA]
    assert REJECTED in {s.status for s in project.spans(doc, ANNA)}


def test_the_in_memory_layer_follows_every_edit_undo_and_redo_exactly(project: Project, doc: int) -> None:
    """The app updates its copy of a layer from each command instead of re-reading the store;
    after every do, undo and redo that copy must equal what the store holds."""
    copy = project.spans(doc, ANNA)
    done: list[Command] = []

    def check() -> None:
        assert [(s.id, s.start, s.end, s.label, s.status, s.source_id) for s in copy] == [
            (s.id, s.start, s.end, s.label, s.status, s.source_id) for s in project.spans(doc, ANNA)]

    steps = [
        lambda: label(project, doc, "Giorgia Meloni", "PER"),
        lambda: label(project, doc, "Mario Rossi", "PER"),  # accepts the exact suggestion
        lambda: commands.accept_all(visible=project.visible_spans(doc, ANNA), doc_id=doc, layer=ANNA,
                                    annotator=ANNA, doc_status=project.doc_status(doc, ANNA)),
        lambda: label(project, doc, "Palazzo", "ORG"),  # overlaps an accepted suggestion
        lambda: commands.relabel(text=TEXT, span=project.spans(doc, ANNA)[0], label="MISC", layer=ANNA,
                                 annotator=ANNA, doc_status=project.doc_status(doc, ANNA)),
        lambda: commands.delete(text=TEXT, span=project.spans(doc, ANNA)[-1], layer=ANNA, annotator=ANNA,
                                doc_status=project.doc_status(doc, ANNA)),
    ]
    for make in steps:
        cmd = make()
        project.apply(cmd)
        copy = commands.apply_to_spans(copy, cmd)
        done.append(cmd)
        check()
    for cmd in reversed(done):
        project.revert(cmd)
        copy = commands.apply_to_spans(copy, cmd, undo=True)
        check()
    for cmd in done:
        project.apply(cmd, direction="redo")
        copy = commands.apply_to_spans(copy, cmd)
        check()


def test_replacing_a_gold_quotation_an_event_cites_is_undone_with_the_link(project: Project, doc: int) -> None:
    """Taking a clashing quotation into gold removes the old gold one; the gold event that cited it
    is unlinked in the same command, so the undo gives the link back (the foreign key nulled it
    behind the command's back)."""
    from annotator.domain.curation_commands import take_into_gold

    gold_quote = run(project, Command("Add gold quotation", doc, "rita",
                                      added=[Quote(doc, 0, 11, GOLD, kind="direct", annotator="rita")])).added[0]
    gold_event = run(project, Command("Add gold event", doc, "rita", added=[
        Event(doc, "MEET", GOLD, trigger_start=15, trigger_end=25, quote_id=gold_quote.id, annotator="rita")])).added[0]
    mine = run(project, Command("Add quote", doc, ANNA, added=[Quote(doc, 0, 12, ANNA, kind="partial")])).added[0]
    cmd = take_into_gold(text=TEXT, doc_id=doc, items=[mine], gold=[gold_quote, gold_event], reviewer="rita",
                         gold_status=DOC_IN_PROGRESS, quotes_by_id={gold_quote.id: gold_quote})
    run(project, cmd)  # apply, undo (checked to give the state back), redo
    project.revert(cmd)
    assert project.events(doc, GOLD)[0].quote_id == gold_quote.id
