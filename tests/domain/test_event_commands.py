"""Undoable edits of events against a real project file, and what one annotator sees of them.

Every command goes through ``apply`` (the helper below): it is applied, undone with
``project.revert`` (which must give back the events and document status of before), and applied again.
"""

from __future__ import annotations

import pytest

from annotator.domain import event_commands as ec
from annotator.domain.commands import Command
from annotator.domain.model import (
    ACCEPTED,
    DOC_IN_PROGRESS,
    DOC_NEW,
    MANUAL,
    REJECTED,
    SUGGESTED,
    SUGGESTIONS,
    Event,
    EventArg,
)
from annotator.store import NewDocument, Project

TEXT = "Biden e Putin hanno avuto una telefonata; colloqui a Ginevra il mese prossimo, non a Roma."
ANNA = "anna"
MODEL = "events-it@1"


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def arg(role: str, words: str) -> EventArg:
    return EventArg(role, *at(words))


def state(project: Project, doc: int) -> tuple:
    """What the store holds for the document: events of both layers and Anna's status."""
    return project.events(doc, ANNA), project.events(doc, SUGGESTIONS), project.doc_status(doc, ANNA)


def apply(project: Project, doc: int, cmd: Command) -> Command:
    """Apply ``cmd``; check that undoing it restores the store exactly and that redoing it gives the same."""
    before = state(project, doc)
    project.apply(cmd)
    after = state(project, doc)
    project.revert(cmd)
    assert state(project, doc) == before, "undo did not restore the events"
    project.apply(cmd, direction="redo")
    assert state(project, doc) == after, "redo gave other events than the first apply"
    return cmd


def common(project: Project, doc: int) -> dict[str, object]:
    return {"text": TEXT, "layer": ANNA, "annotator": ANNA, "doc_status": project.doc_status(doc, ANNA)}


@pytest.fixture
def doc(project: Project) -> int:
    """A document with two suggested events: CONSULT phone (Biden, Putin) and AGREE (location Ginevra)."""
    [(doc_id, _)] = project.add_documents([NewDocument(TEXT, {"title": "Telefonata"})])
    suggested = [
        Event(doc_id, "CONSULT", SUGGESTIONS, mode="phone", trigger_start=at("telefonata")[0],
              trigger_end=at("telefonata")[1], args=(arg("actor", "Biden"), arg("actor", "Putin")),
              date="2021-12-07", origin=MODEL),
        Event(doc_id, "AGREE", SUGGESTIONS, trigger_start=at("colloqui")[0], trigger_end=at("colloqui")[1],
              args=(arg("location", "Ginevra"),), date="2022-01", origin=MODEL),
    ]
    project.replace_suggestions([(doc_id, [], [], suggested)], origin=MODEL, action="Suggest events")
    return doc_id


def suggestion(project: Project, doc: int, type_: str) -> Event:
    return next(e for e in project.events(doc, SUGGESTIONS) if e.type == type_)


def own(project: Project, doc: int) -> Event:
    [event] = project.events(doc, ANNA)
    return event


def create(project: Project, doc: int, type_: str = "ASSAULT", words: str | None = "non a Roma", **kw) -> Event:
    apply(project, doc, ec.create_event(doc_id=doc, type=type_, trigger=at(words) if words else None,
                                        **common(project, doc), **kw))
    return own(project, doc)


def add_arg(project: Project, doc: int, event: Event, role: str, words: str, *, multiple: bool = True) -> Command:
    return apply(project, doc, ec.add_argument(event=event, role=role, start=at(words)[0], end=at(words)[1],
                                               multiple=multiple, **common(project, doc)))


# --- the annotator's own events -------------------------------------------------------------------


def test_create_event(project: Project, doc: int) -> None:
    event = create(project, doc, "SANCTION", "telefonata", mode="discontinue", date="2021-12-08")
    assert (event.type, event.mode, event.date) == ("SANCTION", "discontinue", "2021-12-08")
    assert TEXT[event.trigger_start:event.trigger_end] == "telefonata"
    assert (event.layer, event.annotator, event.origin, event.status) == (ANNA, ANNA, MANUAL, ACCEPTED)
    assert event.args == () and event.source_id is None


def test_create_event_starts_work_on_the_document(project: Project, doc: int) -> None:
    assert project.doc_status(doc, ANNA) == DOC_NEW
    create(project, doc)
    assert project.doc_status(doc, ANNA) == DOC_IN_PROGRESS


def test_create_event_of_the_whole_article(project: Project, doc: int) -> None:
    event = create(project, doc, "PROTEST", None)
    assert (event.trigger_start, event.trigger_end) == (None, None)


def test_create_event_is_named_in_the_undo_menu(project: Project, doc: int) -> None:
    cmd = ec.create_event(doc_id=doc, type="CONSULT", trigger=at("telefonata"), **common(project, doc))
    assert cmd.text == "New event CONSULT “telefonata”"


def test_add_arguments_to_a_role_with_many(project: Project, doc: int) -> None:
    event = create(project, doc)
    add_arg(project, doc, event, "actor", "Putin")
    add_arg(project, doc, own(project, doc), "actor", "Biden")
    assert own(project, doc).args == (arg("actor", "Biden"), arg("actor", "Putin"))


def test_a_role_with_one_argument_is_replaced(project: Project, doc: int) -> None:
    event = create(project, doc)
    add_arg(project, doc, event, "actor", "Putin")
    add_arg(project, doc, own(project, doc), "location", "Ginevra", multiple=False)
    add_arg(project, doc, own(project, doc), "location", "Roma", multiple=False)
    assert own(project, doc).args == (arg("actor", "Putin"), arg("location", "Roma"))


def test_the_same_argument_again_is_nothing_to_do(project: Project, doc: int) -> None:
    event = create(project, doc)
    add_arg(project, doc, event, "actor", "Putin")
    cmd = ec.add_argument(event=own(project, doc), role="actor", start=at("Putin")[0], end=at("Putin")[1],
                          multiple=True, **common(project, doc))
    assert cmd.text == "(nothing to do)" and cmd.is_empty()


def test_remove_an_argument(project: Project, doc: int) -> None:
    event = create(project, doc)
    add_arg(project, doc, event, "actor", "Biden")
    add_arg(project, doc, own(project, doc), "recipient", "Putin")
    apply(project, doc, ec.remove_argument(event=own(project, doc), argument=arg("actor", "Biden"),
                                           **common(project, doc)))
    assert own(project, doc).args == (arg("recipient", "Putin"),)


def test_edit_type_mode_and_date(project: Project, doc: int) -> None:
    event = create(project, doc, "ASSAULT", "non a Roma", mode="aerial")
    apply(project, doc, ec.edit_event(event=event, what="Type", type="THREATEN", mode="violence",
                                      **common(project, doc)))
    apply(project, doc, ec.edit_event(event=own(project, doc), what="Date", date="2022-01",
                                      **common(project, doc)))
    edited = own(project, doc)
    assert (edited.type, edited.mode, edited.date) == ("THREATEN", "violence", "2022-01")
    assert edited.id == event.id


def test_an_edit_that_changes_nothing_is_nothing_to_do(project: Project, doc: int) -> None:
    event = create(project, doc, mode="aerial")
    cmd = ec.edit_event(event=event, what="Mode", mode="aerial", **common(project, doc))
    assert cmd.is_empty()


def test_delete_own_event(project: Project, doc: int) -> None:
    event = create(project, doc)
    apply(project, doc, ec.delete_event(event=event, **common(project, doc)))
    assert project.events(doc, ANNA) == []


# --- suggestions ----------------------------------------------------------------------------------


def test_accept_a_suggestion(project: Project, doc: int) -> None:
    suggested = suggestion(project, doc, "CONSULT")
    apply(project, doc, ec.accept_event(event=suggested, **common(project, doc)))
    accepted = own(project, doc)
    assert accepted.source_id == suggested.id
    assert (accepted.status, accepted.layer, accepted.annotator, accepted.origin) == (ACCEPTED, ANNA, ANNA, MODEL)
    assert (accepted.type, accepted.mode, accepted.args, accepted.date) == (
        "CONSULT", "phone", (arg("actor", "Biden"), arg("actor", "Putin")), "2021-12-07")
    assert suggestion(project, doc, "CONSULT") == suggested  # the suggestion itself stays as it was


def test_accepting_an_accepted_event_is_nothing_to_do(project: Project, doc: int) -> None:
    apply(project, doc, ec.accept_event(event=suggestion(project, doc, "CONSULT"), **common(project, doc)))
    assert ec.accept_event(event=own(project, doc), **common(project, doc)).is_empty()


def test_editing_a_suggestion_accepts_it_with_the_change(project: Project, doc: int) -> None:
    suggested = suggestion(project, doc, "AGREE")
    apply(project, doc, ec.edit_event(event=suggested, what="Type", type="CONSULT", mode="multilateral",
                                      **common(project, doc)))
    edited = own(project, doc)
    assert (edited.source_id, edited.status, edited.origin) == (suggested.id, ACCEPTED, MANUAL)
    assert (edited.type, edited.mode, edited.args) == ("CONSULT", "multilateral", (arg("location", "Ginevra"),))


def test_adding_an_argument_to_a_suggestion_accepts_it(project: Project, doc: int) -> None:
    suggested = suggestion(project, doc, "AGREE")
    add_arg(project, doc, suggested, "actor", "Putin")
    edited = own(project, doc)
    assert edited.source_id == suggested.id and edited.status == ACCEPTED
    assert edited.args == (arg("actor", "Putin"), arg("location", "Ginevra"))


def test_reject_a_suggestion(project: Project, doc: int) -> None:
    suggested = suggestion(project, doc, "AGREE")
    cmd = apply(project, doc, ec.delete_event(event=suggested, **common(project, doc)))
    assert cmd.text == "Reject event AGREE “colloqui”"
    rejected = own(project, doc)
    assert (rejected.source_id, rejected.status, rejected.type) == (suggested.id, REJECTED, "AGREE")
    assert suggestion(project, doc, "AGREE") == suggested


def test_deleting_an_accepted_suggestion_rejects_it(project: Project, doc: int) -> None:
    suggested = suggestion(project, doc, "CONSULT")
    apply(project, doc, ec.accept_event(event=suggested, **common(project, doc)))
    accepted = own(project, doc)
    apply(project, doc, ec.delete_event(event=accepted, **common(project, doc)))
    assert own(project, doc) == accepted.with_(status=REJECTED)


def test_accept_all_suggestions(project: Project, doc: int) -> None:
    visible = ec.visible_events(project.events(doc, ANNA), project.events(doc, SUGGESTIONS))
    cmd = apply(project, doc, ec.accept_all_events(visible=visible, doc_id=doc, layer=ANNA, annotator=ANNA,
                                                   doc_status=project.doc_status(doc, ANNA)))
    assert cmd.text == "Accept all 2 event suggestions"
    layer = project.events(doc, ANNA)
    assert sorted((e.type, e.status) for e in layer) == [("AGREE", ACCEPTED), ("CONSULT", ACCEPTED)]
    assert {e.source_id for e in layer} == {e.id for e in project.events(doc, SUGGESTIONS)}


# --- what the annotator sees ----------------------------------------------------------------------


def visible(project: Project, doc: int) -> list[tuple[str, str, str]]:
    """(type, trigger words, status) of what Anna sees, in text order."""
    return [(e.type, TEXT[e.trigger_start:e.trigger_end] if e.trigger_start is not None else "", e.status)
            for e in ec.visible_events(project.events(doc, ANNA), project.events(doc, SUGGESTIONS))]


def test_undecided_suggestions_are_visible(project: Project, doc: int) -> None:
    assert visible(project, doc) == [("CONSULT", "telefonata", SUGGESTED), ("AGREE", "colloqui", SUGGESTED)]


def test_an_accepted_suggestion_is_seen_once(project: Project, doc: int) -> None:
    apply(project, doc, ec.accept_event(event=suggestion(project, doc, "CONSULT"), **common(project, doc)))
    assert visible(project, doc) == [("CONSULT", "telefonata", ACCEPTED), ("AGREE", "colloqui", SUGGESTED)]


def test_a_rejected_suggestion_is_hidden(project: Project, doc: int) -> None:
    apply(project, doc, ec.delete_event(event=suggestion(project, doc, "AGREE"), **common(project, doc)))
    assert visible(project, doc) == [("CONSULT", "telefonata", SUGGESTED)]


def test_own_event_of_the_same_type_on_the_trigger_hides_the_suggestion(project: Project, doc: int) -> None:
    create(project, doc, "CONSULT", "una telefonata")
    assert visible(project, doc) == [("CONSULT", "una telefonata", ACCEPTED), ("AGREE", "colloqui", SUGGESTED)]


def test_own_event_of_another_type_on_the_trigger_does_not_hide_it(project: Project, doc: int) -> None:
    create(project, doc, "REQUEST", "telefonata")
    assert visible(project, doc) == [("CONSULT", "telefonata", SUGGESTED), ("REQUEST", "telefonata", ACCEPTED),
                                     ("AGREE", "colloqui", SUGGESTED)]


def test_own_event_of_the_whole_article_hides_nothing(project: Project, doc: int) -> None:
    create(project, doc, "CONSULT", None)
    assert visible(project, doc) == [("CONSULT", "", ACCEPTED), ("CONSULT", "telefonata", SUGGESTED),
                                     ("AGREE", "colloqui", SUGGESTED)]


def test_undoing_an_accept_shows_the_suggestion_again(project: Project, doc: int) -> None:
    cmd = ec.accept_event(event=suggestion(project, doc, "AGREE"), **common(project, doc))
    project.apply(cmd)
    project.revert(cmd)
    assert visible(project, doc) == [("CONSULT", "telefonata", SUGGESTED), ("AGREE", "colloqui", SUGGESTED)]
    assert project.events(doc, ANNA) == []
    assert project.doc_status(doc, ANNA) == DOC_NEW
