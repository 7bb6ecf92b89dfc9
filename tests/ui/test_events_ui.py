"""Drive the event flow in the real main window: select a trigger, press E and pick a type, fill
roles with Alt+1…, change mode and type, set the date, link a quotation, accept and reject
suggestions, undo; and check what the store holds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.domain.model import ACCEPTED, REJECTED, SUGGESTIONS, Event, EventArg, Quote
from window_helpers import TELEFONATA, add_telefonata, select_words_in, show_main_window, words_at

TEXT = TELEFONATA
USER = "tester"
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def at(words: str) -> tuple[int, int]:
    return words_at(TEXT, words)


def select_words(view, words: str) -> None:
    select_words_in(view, TEXT, words)


@pytest.fixture
def window(qtbot, project, labels, monkeypatch):
    add_telefonata(project)
    win = show_main_window(qtbot, project, USER, labels)
    answers: list[str | None] = []
    monkeypatch.setattr(win, "pick_event_type", lambda current=None: answers.pop(0) if answers else None)
    monkeypatch.setattr(win, "pick_entity_label", lambda labels, role: "LOC" if "LOC" in labels else None)
    win.type_answers = answers  # what the type picker "chooses" next
    return win


def mine(project, status: str = ACCEPTED) -> list[Event]:
    return [e for e in project.events(1, USER) if e.status == status]


def args_of(event: Event) -> list[tuple[str, str]]:
    return [(a.role, TEXT[a.start:a.end]) for a in event.args]


def test_suggested_event_is_listed_and_its_missing_roles_none(window):
    panel = window.side.events
    assert panel.tree.topLevelItemCount() == 1
    row = panel.tree.topLevelItem(0)
    assert [row.text(c) for c in (0, 1, 2, 3, 4)] == ["?", "REJECT", "deny", "negato", "Mosca"]
    assert row.text(7) == ""  # REJECT needs only an actor, and has one


def test_new_event_with_roles_mode_date_by_keyboard(qtbot, window, project):
    view = window.view
    select_words(view, "telefonata")
    window.type_answers.append("CONSULT")
    qtbot.keyClick(view, Qt.Key.Key_E)
    [event] = mine(project)
    assert (event.type, TEXT[event.trigger_start:event.trigger_end], event.date) == ("CONSULT", "telefonata",
                                                                                     "2021-12-08")
    assert window.side.events.current_event() is not None  # the new event is current

    biden = next(s for s in window.controller.spans if TEXT[s.start:s.end] == "Biden")
    view.set_current_span(biden)  # what clicking the name does
    qtbot.keyClick(view, Qt.Key.Key_1, ALT)
    select_words(view, "Putin")
    qtbot.keyClick(view, Qt.Key.Key_1, ALT)
    qtbot.keyClick(view, Qt.Key.Key_M)  # first mode of CONSULT
    [event] = mine(project)
    assert args_of(event) == [("actor", "Biden"), ("actor", "Putin")]
    assert event.mode == "visit"
    for _ in range(3):  # visit -> third-party -> multilateral -> phone
        qtbot.keyClick(view, Qt.Key.Key_M)
    assert mine(project)[0].mode == "phone"

    panel = window.side.events
    panel.date.setText("2021-12-07")
    panel.date.editingFinished.emit()
    assert mine(project)[0].date == "2021-12-07"
    panel.date.setText("7 dicembre")  # not a normalised date: refused, nothing stored
    panel.date.editingFinished.emit()
    assert mine(project)[0].date == "2021-12-07"

    for _ in range(4):  # undo the date and three modes: back to the first mode
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert mine(project)[0].mode == "visit"


def test_type_change_keeps_a_fitting_mode_and_flags_missing_roles(qtbot, window, project):
    view = window.view
    select_words(view, "telefonata")
    window.type_answers.append("AID")  # AID needs actor and recipient
    qtbot.keyClick(view, Qt.Key.Key_E)
    row = window.side.events.tree.topLevelItem(0)
    assert row.text(7) == "⚠ missing actor, recipient"
    assert window.side.events.missing.text() == "⚠ missing actor, recipient"
    window.type_answers.append("CONSULT")
    qtbot.keyClick(view, Qt.Key.Key_T)
    assert mine(project)[0].type == "CONSULT"


def test_accept_reject_and_link_a_quotation(qtbot, window, project):
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)  # the suggested REJECT
    qtbot.keyClick(view, Qt.Key.Key_Y, ALT)
    [accepted] = mine(project)
    assert accepted.source_id is not None and accepted.type == "REJECT" and args_of(accepted) == [("actor", "Mosca")]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert mine(project) == []
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    qtbot.keyClick(view, Qt.Key.Key_X, ALT)
    assert [e.type for e in mine(project, REJECTED)] == ["REJECT"]
    assert window.side.events.tree.topLevelItemCount() == 0

    select_words(view, "attaccheremo")
    window.type_answers.append("THREATEN")
    qtbot.keyClick(view, Qt.Key.Key_E)
    window.side.quotes.select_quote(window.side.quotes.quotes[0])  # pick the quotation
    window.view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_L, ALT)
    [threat] = mine(project)
    quote = next(q for q in project.quotes(1, USER) + project.quotes(1, SUGGESTIONS) if q.id == threat.quote_id)
    assert TEXT[quote.start:quote.end] == "Non attaccheremo"


def test_role_from_selected_words_creates_the_entity(qtbot, window, project):
    view = window.view
    select_words(view, "telefonata")
    window.type_answers.append("CONSULT")
    qtbot.keyClick(view, Qt.Key.Key_E)
    select_words(view, "martedì")  # not an entity yet
    qtbot.keyClick(view, Qt.Key.Key_3, ALT)  # location: only LOC fits, nobody is asked
    [event] = mine(project)
    assert args_of(event) == [("location", "martedì")]
    assert [(TEXT[s.start:s.end], s.label) for s in project.spans(1, USER)] == [("martedì", "LOC")]


def test_role_keys_are_in_the_menu_and_cheatsheet(window, labels):
    from annotator.ui.cheatsheet import cheatsheet_html

    events_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "E&vents")
    keys = {a.text(): a.shortcut().toString() for a in events_menu.actions() if a.text()}
    assert keys["Set actor"] == "Alt+1" and keys["Set recipient"] == "Alt+2" and keys["Set location"] == "Alt+3"
    html = cheatsheet_html(labels, [r.name for r in window.event_schema.roles])
    assert "Alt+1" in html and "event's actor" in html


def test_no_shortcut_is_taken_by_a_menu_mnemonic(window):
    """Alt+letter opens the menu with that underlined letter: such a shortcut would never fire."""
    mnemonics = {f"Alt+{a.text()[a.text().index('&') + 1].upper()}" for a in window.menuBar().actions()
                 if "&" in a.text()}
    shortcuts = {k.toString() for action in window.actions() for k in action.shortcuts()}
    assert mnemonics and not mnemonics & shortcuts


def test_an_actor_from_new_words_asks_which_entity_it_is(qtbot, window, project, monkeypatch):
    view = window.view
    select_words(view, "telefonata")
    window.type_answers.append("CONSULT")
    qtbot.keyClick(view, Qt.Key.Key_E)
    asked = []
    monkeypatch.setattr(window, "pick_entity_label", lambda labels, role: asked.append((labels, role)) or "ORG")
    select_words(view, "martedì")
    qtbot.keyClick(view, Qt.Key.Key_1, ALT)  # actor: PER, ORG or LOC
    assert asked == [(["PER", "ORG", "LOC"], "actor")]
    assert [(TEXT[s.start:s.end], s.label) for s in project.spans(1, USER)] == [("martedì", "ORG")]


def test_picking_a_row_moves_the_form_and_edits_that_event(qtbot, window, project):
    view = window.view
    select_words(view, "telefonata")
    window.type_answers.append("CONSULT")
    qtbot.keyClick(view, Qt.Key.Key_E)
    panel = window.side.events
    reject_row = next(i for i, e in enumerate(panel.events) if e.type == "REJECT")
    panel.tree.setCurrentItem(panel.tree.topLevelItem(reject_row))  # a click on the REJECT row
    assert panel.type_button.text().startswith("REJECT")
    panel.date.setText("2021-12-09")
    panel.date.editingFinished.emit()
    [accepted] = [e for e in mine(project) if e.type == "REJECT"]
    assert accepted.date == "2021-12-09"  # the shown event got it, not the CONSULT
    assert [e.date for e in mine(project) if e.type == "CONSULT"] == ["2021-12-08"]


def test_an_impossible_date_is_refused(qtbot, window, project):
    select_words(window.view, "telefonata")
    window.type_answers.append("CONSULT")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    panel = window.side.events
    for bad in ("2021-13-45", "2022-02-30"):
        panel.date.setText(bad)
        panel.date.editingFinished.emit()
    assert mine(project)[0].date == "2021-12-08"
    panel.date.setText("2022-02")
    panel.date.editingFinished.emit()
    assert mine(project)[0].date == "2022-02"


def link_threat_to_the_quotation(qtbot, window) -> None:
    select_words(window.view, "attaccheremo")
    window.type_answers.append("THREATEN")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    window.side.quotes.select_quote(window.side.quotes.quotes[0])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L, ALT)


def test_linking_a_suggested_quotation_links_the_annotators_own_copy(qtbot, window, project):
    link_threat_to_the_quotation(qtbot, window)
    [own_quote] = project.quotes(1, USER)
    assert own_quote.source_id == project.quotes(1, SUGGESTIONS)[0].id  # accepted on the way
    [threat] = mine(project)
    assert threat.quote_id == own_quote.id
    project.replace_suggestions([(1, [], [], [])], origin="again", action="pre-annotate again")
    assert project.events(1, USER)[0].quote_id == own_quote.id  # a new pre-annotation keeps the link


def test_deleting_a_linked_quotation_unlinks_and_undo_relinks(qtbot, window, project):
    link_threat_to_the_quotation(qtbot, window)
    [own_quote] = project.quotes(1, USER)
    window.side.quotes.select_quote(window.side.quotes.quotes[0])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert project.events(1, USER)[0].quote_id is None
    window._make_current_event(window.controller.events[-1])
    qtbot.keyClick(window.view, Qt.Key.Key_M)  # the event can still be edited
    assert project.events(1, USER)[0].mode == "restrict"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert project.events(1, USER)[0].quote_id == own_quote.id


def test_deleting_an_own_linked_quotation_and_undoing_brings_both_back(qtbot, window, project):
    """A quotation the annotator made (not a suggestion's copy) is removed by the delete: its undo
    must bring it back before the event's link to it (the store refused the link first, and the
    quotation was lost)."""
    select_words(window.view, "Mosca ha negato le accuse")
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    [own_quote] = [q for q in project.quotes(1, USER) if q.source_id is None]
    select_words(window.view, "negato")
    window.type_answers.append("REJECT")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    window.side.quotes.select_quote(next(q for q in window.side.quotes.quotes if q.id == own_quote.id))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L, ALT)
    assert [e.quote_id for e in mine(project)] == [own_quote.id]
    window.side.quotes.select_quote(next(q for q in window.side.quotes.quotes if q.id == own_quote.id))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert own_quote not in project.quotes(1, USER) and [e.quote_id for e in mine(project)] == [None]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert own_quote in project.quotes(1, USER)
    assert [e.quote_id for e in mine(project)] == [own_quote.id]


def test_the_quotation_list_of_the_event_form_follows_new_quotations(qtbot, window, project):
    select_words(window.view, "telefonata")
    window.type_answers.append("CONSULT")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    offered = window.side.events.quote.count()
    select_words(window.view, "Mosca ha negato")
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    assert window.side.events.quote.count() == offered + 1


def test_delete_in_the_arguments_list_removes_the_argument_not_a_span(qtbot, window, project):
    select_words(window.view, "telefonata")
    window.type_answers.append("CONSULT")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    for name in ("Biden", "Putin"):
        window.view.set_current_span(next(s for s in window.controller.spans if TEXT[s.start:s.end] == name))
        qtbot.keyClick(window.view, Qt.Key.Key_1, ALT)
    arguments = window.side.events.arguments
    arguments.setFocus()
    arguments.setCurrentRow(0)
    qtbot.keyClick(arguments, Qt.Key.Key_Delete)
    assert args_of(mine(project)[0]) == [("actor", "Putin")]
    assert mine(project, REJECTED) == [] and [s for s in project.spans(1, USER) if s.status == REJECTED] == []


def test_undoing_a_type_change_of_a_suggestion_keeps_it_current(qtbot, window, project):
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    window.type_answers.append("ACCUSE")
    qtbot.keyClick(view, Qt.Key.Key_T)
    assert mine(project)[0].type == "ACCUSE"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert window.view.current_event is not None and window.view.current_event.type == "REJECT"
    assert window.side.events.type_button.text().startswith("REJECT")


def two_events_citing_the_suggested_quotation(window, project) -> None:
    """Suggestions again, now with two events that cite the suggested quotation."""
    origin = "test-pipeline@2"
    quote = Quote(1, *at("Non attaccheremo"), SUGGESTIONS, "direct", speaker_start=at("Peskov")[0],
                  speaker_end=at("Peskov")[1], speaker_label="PER", origin=origin)
    events = [Event(1, type_, SUGGESTIONS, trigger_start=at(words)[0], trigger_end=at(words)[1],
                    args=(EventArg("actor", *at("Peskov")),), origin=origin, quote_range=at("Non attaccheremo"))
              for type_, words in (("THREATEN", "attaccheremo"), ("REJECT", "negato"))]
    project.replace_suggestions([(1, [], [quote], events)], origin=origin, action="test")
    window.controller.reload()


def test_accepting_all_events_accepts_a_cited_quotation_once(qtbot, window, project):
    two_events_citing_the_suggested_quotation(window, project)
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL | ALT)
    [own_quote] = project.quotes(1, USER)
    assert own_quote.status == ACCEPTED and own_quote.source_id == project.quotes(1, SUGGESTIONS)[0].id
    assert sorted((e.type, e.quote_id) for e in mine(project)) == [("REJECT", own_quote.id),
                                                                   ("THREATEN", own_quote.id)]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # one undo takes back the events and the quotation
    assert project.quotes(1, USER) == [] and mine(project) == []


def test_an_argument_given_to_a_suggested_event_cites_the_annotators_quotation(qtbot, window, project):
    two_events_citing_the_suggested_quotation(window, project)
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)  # the first suggested event in text order: REJECT on "negato"
    select_words(view, "Mosca")
    qtbot.keyClick(view, Qt.Key.Key_1, ALT)  # accepts the suggestion with the new actor
    [event] = mine(project)
    [own_quote] = project.quotes(1, USER)
    assert event.type == "REJECT" and ("actor", "Mosca") in args_of(event)
    assert event.quote_id == own_quote.id  # not the pipeline's quotation, which a new run replaces
    assert window.side.events.current_event() == event  # the form shows the event, not the quotation
