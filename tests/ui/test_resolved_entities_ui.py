"""Whom a speaker or an event argument names, in the real main window: the Quotations and Events
panels show the resolved name ("il ministro → Roberto Maroni"), their drop-down picks another one
(or no one) as one undoable edit, and a speaker or an argument set by hand on a title is resolved
to the name the article gives it; and check what the store holds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.domain.model import ACCEPTED, SUGGESTED, SUGGESTIONS, EntityRef, Event, EventArg, Quote, Span
from annotator.store import NewDocument
from annotator.ui.entity_picker import NO_ONE
from window_helpers import show_main_window, utf16_at

TEXT = ("👍 Il ministro dell'Interno Roberto Maroni ha incontrato a Milano Umberto Bossi, segretario della "
        "Lega Nord. «Non ci saranno sconti», ha detto il ministro. Poi Bossi ha minacciato il ministro.")
USER = "tester"
ORIGIN = "test-pipeline@1"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def at(words: str, nth: int = 1) -> tuple[int, int]:
    """The ``str`` range of the ``nth`` ``words`` of TEXT."""
    start = -1
    for _ in range(nth):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


def entity(words: str, label: str, nth: int = 1) -> EntityRef:
    return EntityRef(*at(words, nth), label)


def named(ref: EntityRef | None) -> str | None:
    return None if ref is None else f"{TEXT[ref.start:ref.end]} {ref.label}"


def select(view, words: str, nth: int = 1) -> None:
    from PySide6.QtGui import QTextCursor

    start, end = at(words, nth)
    cursor = view.textCursor()
    cursor.setPosition(utf16_at(TEXT, start))
    cursor.setPosition(utf16_at(TEXT, end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


SPEAKING, THREATENED = 1, 2  # the two "il ministro" (the first words, "Il ministro", are capitalised)


@pytest.fixture
def window(qtbot, project, labels, monkeypatch):
    """TEXT with suggested names and the pipeline's quotation of "il ministro", resolved to Maroni."""
    [(doc_id, _)] = project.add_documents([NewDocument(TEXT, {"title": "Maroni"})])
    spans = [Span(doc_id, *at(words, nth), label, SUGGESTIONS, ORIGIN, SUGGESTED, ORIGIN)
             for words, label, nth in (("Roberto Maroni", "PER", 1), ("Milano", "LOC", 1),
                                       ("Umberto Bossi", "PER", 1), ("Lega Nord", "ORG", 1), ("Bossi", "PER", 2))]
    speaker = at("il ministro", SPEAKING)
    quote = Quote(doc_id, *at("Non ci saranno sconti"), SUGGESTIONS, "direct", speaker_start=speaker[0],
                  speaker_end=speaker[1], cue_start=at("ha detto")[0], cue_end=at("ha detto")[1], origin=ORIGIN,
                  speaker_entity_start=at("Roberto Maroni")[0], speaker_entity_end=at("Roberto Maroni")[1],
                  speaker_entity_label="PER")
    project.replace_suggestions([(doc_id, spans, [quote], [])], origin=ORIGIN, action="test")
    win = show_main_window(qtbot, project, USER, labels, active=True)
    answers: list[str | None] = []
    monkeypatch.setattr(win, "pick_event_type", lambda current=None: answers.pop(0) if answers else None)
    monkeypatch.setattr(win, "pick_entity_label", lambda labels, role: "PER")
    win.type_answers = answers
    return win


def own_quotes(project) -> list[Quote]:
    return [q for q in project.quotes(1, USER) if q.status == ACCEPTED]


def pick_in_list(qtbot, picker, text: str) -> None:
    """Open the drop-down with a click and click the row that reads ``text``, as a user does."""
    qtbot.mouseClick(picker, Qt.MouseButton.LeftButton)
    view = picker.view()
    qtbot.waitUntil(view.isVisible)
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # Qt ignores a release that quick: the opening click's
    row = next(r for r in range(picker.count()) if picker.itemText(r).startswith(text))
    index = picker.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible())


def test_the_quotations_panel_shows_whom_a_title_speaker_names(window):
    panel = window.side.quotes
    row = panel.tree.topLevelItem(0)
    assert row.text(3) == "il ministro → Roberto Maroni"
    assert "names Roberto Maroni (PER)" in row.toolTip(3)
    panel.select_quote(panel.quotes[0])
    assert panel.speaker_words.text() == "il ministro →"
    assert panel.speaker_entity.isEnabled() and panel.speaker_entity.currentText() == "Roberto Maroni · PER"
    offered = [panel.speaker_entity.itemText(r) for r in range(panel.speaker_entity.count())]
    # no one, then the names of the article once each: people first, fullest first
    assert offered == [NO_ONE, "Roberto Maroni · PER", "Umberto Bossi · PER", "Bossi · PER", "Lega Nord · ORG",
                       "Milano · LOC"]


def test_picking_another_entity_stores_it_and_undo_reverts_it(qtbot, window, project):
    view, panel = window.view, window.side.quotes
    qtbot.keyClick(view, Qt.Key.Key_N, ALT)  # the quotation is current
    qtbot.keyClick(view, Qt.Key.Key_Q, SHIFT)  # accepted as it is: Maroni
    assert [named(q.speaker_entity) for q in own_quotes(project)] == ["Roberto Maroni PER"]
    window.side.setCurrentWidget(panel)
    pick_in_list(qtbot, panel.speaker_entity, "Umberto Bossi")
    [quote] = own_quotes(project)
    assert named(quote.speaker_entity) == "Umberto Bossi PER"
    assert TEXT[quote.speaker_start:quote.speaker_end] == "il ministro"  # the words stay
    assert panel.tree.topLevelItem(0).text(3) == "il ministro → Umberto Bossi"
    assert panel.speaker_entity.currentText() == "Umberto Bossi · PER"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert [named(q.speaker_entity) for q in own_quotes(project)] == ["Roberto Maroni PER"]
    assert panel.speaker_entity.currentText() == "Roberto Maroni · PER"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [named(q.speaker_entity) for q in own_quotes(project)] == ["Umberto Bossi PER"]
    pick_in_list(qtbot, panel.speaker_entity, NO_ONE)  # the words name no one
    [quote] = own_quotes(project)
    assert quote.speaker_entity is None and TEXT[quote.speaker_start:quote.speaker_end] == "il ministro"
    assert panel.tree.topLevelItem(0).text(3) == "il ministro"


def test_picking_an_entity_of_a_suggestion_accepts_it_with_the_entity(qtbot, window, project):
    panel = window.side.quotes
    window.side.setCurrentWidget(panel)
    panel.select_quote(panel.quotes[0])
    pick_in_list(qtbot, panel.speaker_entity, "Lega Nord")
    [quote] = own_quotes(project)
    assert quote.source_id == project.quotes(1, SUGGESTIONS)[0].id and named(quote.speaker_entity) == "Lega Nord ORG"
    # the name picked is one the annotator annotates now
    assert ("Lega Nord", ACCEPTED) in [(TEXT[s.start:s.end], s.status) for s in project.spans(1, USER)]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # one edit: all of it goes
    assert project.quotes(1, USER) == [] and project.spans(1, USER) == []


def test_shift_s_opens_the_list_and_the_keyboard_picks(qtbot, window, project):
    view, panel = window.view, window.side.quotes
    qtbot.keyClick(view, Qt.Key.Key_N, ALT)
    qtbot.keyClick(view, Qt.Key.Key_S, SHIFT)
    popup = panel.speaker_entity.view()
    qtbot.waitUntil(popup.isVisible)
    assert window.side.currentWidget() is panel
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # Roberto Maroni -> Umberto Bossi
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    [quote] = own_quotes(project)
    assert named(quote.speaker_entity) == "Umberto Bossi PER"


def test_setting_a_speaker_on_a_title_resolves_it_in_one_edit(qtbot, window, project):
    view = window.view
    select(view, "Poi Bossi ha minacciato il ministro")  # a quotation of our own, for the test
    qtbot.keyClick(view, Qt.Key.Key_Q)
    select(view, "il ministro", SPEAKING)  # words, not an entity: the title the article gives Maroni
    qtbot.keyClick(view, Qt.Key.Key_S)
    [quote] = [q for q in own_quotes(project) if TEXT[q.start:q.end].startswith("Poi")]
    assert TEXT[quote.speaker_start:quote.speaker_end] == "il ministro"
    assert quote.speaker_entity == entity("Roberto Maroni", "PER")
    assert window.side.quotes.current_quote().speaker_entity == quote.speaker_entity
    assert window.side.quotes.speaker_entity.currentText() == "Roberto Maroni · PER"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # speaker and entity go together
    [quote] = own_quotes(project)
    assert quote.speaker_start is None and quote.speaker_entity is None


def test_a_surname_speaker_resolves_to_the_full_name(qtbot, window, project):
    view = window.view
    select(view, "Non ci saranno sconti")
    qtbot.keyClick(view, Qt.Key.Key_Q)  # covers the suggestion: a quotation of our own
    bossi = next(s for s in window.controller.spans if at("Bossi", 2) == (s.start, s.end))
    view.set_current_span(bossi)  # what clicking the name does
    view.clear_selection()
    qtbot.keyClick(view, Qt.Key.Key_S)
    [quote] = own_quotes(project)
    assert quote.speaker_entity == entity("Umberto Bossi", "PER")
    assert window.side.quotes.tree.topLevelItem(0).text(3) == "Bossi → Umberto Bossi"


def new_event_with_actor(qtbot, window, words: str, nth: int = 1) -> None:
    """An event on "minacciato" with ``words`` as its actor (Alt+1)."""
    view = window.view
    select(view, "minacciato")
    window.type_answers.append("THREATEN")
    qtbot.keyClick(view, Qt.Key.Key_E)
    select(view, words, nth)
    qtbot.keyClick(view, Qt.Key.Key_1, ALT)


def test_an_argument_on_a_title_resolves_it_in_one_edit(qtbot, window, project):
    new_event_with_actor(qtbot, window, "il ministro", THREATENED)  # the threatened minister, tagged PER on the way
    [event] = project.events(1, USER)
    [actor] = event.args
    assert TEXT[actor.start:actor.end] == "il ministro" and actor.entity == entity("Roberto Maroni", "PER")
    panel = window.side.events
    assert panel.arguments.item(0).text() == "actor: il ministro → Roberto Maroni"
    assert panel.argument_entity_caption.text() == "actor is"
    assert panel.argument_entity.currentText() == "Roberto Maroni · PER"
    assert panel.tree.topLevelItem(0).text(4) == "il ministro → Roberto Maroni"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # the argument and its entity go together
    assert project.events(1, USER)[0].args == ()


def test_picking_another_entity_for_an_argument_and_undo(qtbot, window, project):
    new_event_with_actor(qtbot, window, "il ministro", THREATENED)
    panel = window.side.events
    window.side.setCurrentWidget(panel)
    panel.arguments.setCurrentRow(0)
    pick_in_list(qtbot, panel.argument_entity, "Umberto Bossi")
    [actor] = project.events(1, USER)[0].args
    assert TEXT[actor.start:actor.end] == "il ministro" and actor.entity == entity("Umberto Bossi", "PER")
    assert panel.arguments.item(0).text() == "actor: il ministro → Umberto Bossi"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert project.events(1, USER)[0].args[0].entity == entity("Roberto Maroni", "PER")
    qtbot.keyClick(window.view, Qt.Key.Key_R, ALT)  # the key opens the list of the selected argument
    qtbot.waitUntil(panel.argument_entity.view().isVisible)
    qtbot.keyClick(panel.argument_entity.view(), Qt.Key.Key_Up)  # Roberto Maroni -> no one
    qtbot.keyClick(panel.argument_entity.view(), Qt.Key.Key_Return)
    assert project.events(1, USER)[0].args[0].entity is None
    assert panel.arguments.item(0).text() == "actor: il ministro"


def test_a_place_is_not_resolved_and_a_suggested_argument_shows_its_name(qtbot, window, project):
    select(window.view, "minacciato")
    window.type_answers.append("THREATEN")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    window.view.set_current_span(next(s for s in window.controller.spans if TEXT[s.start:s.end] == "Milano"))
    window.view.clear_selection()
    qtbot.keyClick(window.view, Qt.Key.Key_3, ALT)  # location
    assert project.events(1, USER)[0].args[0].entity is None
    # a suggested event whose actor the suggester resolved
    event = Event(1, "COERCE", SUGGESTIONS, trigger_start=at("minacciato")[0], trigger_end=at("minacciato")[1],
                  args=(EventArg("actor", *at("Bossi", 2)).with_entity(entity("Umberto Bossi", "PER")),),
                  origin=ORIGIN)
    project.replace_suggestions([(1, [], [], [event])], origin=ORIGIN, action="test")
    window.controller.reload()
    tree = window.side.events.tree
    assert [tree.topLevelItem(r).text(4) for r in range(tree.topLevelItemCount())] == ["", "Bossi → Umberto Bossi"]
