"""What the annotator decided is what the data says: D with pending suggestions asks first (one undo
gives everything back), a suggested entity linked as a speaker or an argument is accepted, and
every key that does something silently says what it did. Drives the real main window."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.domain.model import ACCEPTED, REJECTED, Span
from window_helpers import TELEFONATA, add_telefonata, select_words_in, show_main_window, utf16_at, words_at

TEXT = TELEFONATA
USER = "tester"
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SUGGESTED_NAMES = ["Biden", "Putin", "Mosca", "Peskov"]


def at(words: str) -> tuple[int, int]:
    return words_at(TEXT, words)


def utf16(index: int) -> int:
    return utf16_at(TEXT, index)


def select_words(view, words: str) -> None:
    select_words_in(view, TEXT, words)


@pytest.fixture
def window(qtbot, project, labels):
    add_telefonata(project)
    return show_main_window(qtbot, project, USER, labels)


def mine(project, kind: str = "spans", status: str = ACCEPTED) -> list:
    items = getattr(project, kind)(1, USER)
    return [i for i in items if i.status == status]


def names(spans: list[Span]) -> list[str]:
    return sorted(TEXT[s.start:s.end] for s in spans)


def answer_pending_dialog(button: str, *, remember: bool = False, seen: list | None = None) -> None:
    """Answer the next "suggestions still pending" dialog as a user would: tick the box, click."""
    from annotator.ui.done_dialog import PendingDialog

    tries = [200]

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PendingDialog):
            tries[0] -= 1
            if tries[0]:
                QTimer.singleShot(10, answer)  # not open yet
            return
        if seen is not None:
            seen.append(dialog.text())
        dialog.remember.setChecked(remember)
        next(b for b in dialog.buttons() if b.text() == button).click()

    QTimer.singleShot(0, answer)


def press_done(qtbot, window) -> None:
    """D, then wait until the window is active again (a dialog may have been open in between)."""
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def status_message(window) -> str:
    return window.statusBar().currentMessage()


# --- 1: done means reviewed ---------------------------------------------------------------------


def test_done_with_pending_suggestions_accepts_the_rest_and_one_undo_restores_all(qtbot, window, project):
    seen: list[str] = []
    answer_pending_dialog("Accept the rest", seen=seen)
    press_done(qtbot, window)
    assert seen == ["This article still has 4 entities, 1 quotation and 1 event you have not reviewed."]
    assert project.doc_status(1, USER) == "done"
    assert names(mine(project)) == sorted(SUGGESTED_NAMES)
    [quote] = mine(project, "quotes")
    [event] = mine(project, "events")
    assert (event.type, quote.speaker_label) == ("REJECT", "PER")
    assert window.controller.pending().describe() == "nothing"
    assert "accepted 4 entities, 1 quotation and 1 event" in status_message(window)

    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # ONE undo: the decisions and the status
    assert project.doc_status(1, USER) == "new"
    assert project.spans(1, USER) == [] and project.quotes(1, USER) == [] and project.events(1, USER) == []
    assert len(window.controller.pending()) == 6


def test_an_answer_not_remembered_writes_no_project_setting(qtbot, window, project, monkeypatch):
    written: list = []
    real = project.set_setting
    monkeypatch.setattr(project, "set_setting", lambda *a: (written.append(a), real(*a)))
    answer_pending_dialog("Reject the rest", remember=False)
    press_done(qtbot, window)
    assert project.doc_status(1, USER) == "done"
    assert written == []  # no write transaction besides the edit's (it would wait on a busy project)


def test_rejecting_the_rest_is_remembered_for_the_project(qtbot, window, project, monkeypatch):
    from annotator.ui.done_dialog import DONE_PENDING_SETTING, PendingDialog

    window.view.set_current_span(next(s for s in window.controller.spans if TEXT[s.start:s.end] == "Biden"))
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # one decided by hand: it stays accepted
    answer_pending_dialog("Reject the rest", remember=True)
    press_done(qtbot, window)
    assert project.doc_status(1, USER) == "done"
    assert names(mine(project)) == ["Biden"]
    assert names(mine(project, status=REJECTED)) == ["Mosca", "Peskov", "Putin"]
    assert len(mine(project, "quotes", REJECTED)) == 1 and len(mine(project, "events", REJECTED)) == 1
    assert project.setting(DONE_PENDING_SETTING) == "reject"

    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # the rejections and "done", in one undo
    assert mine(project, status=REJECTED) == [] and project.doc_status(1, USER) == "in progress"
    asked: list[str] = []
    monkeypatch.setattr(PendingDialog, "exec", lambda self: asked.append(self.text()) or 0)
    press_done(qtbot, window)
    assert project.doc_status(1, USER) == "done"  # the remembered choice, without asking
    assert names(mine(project, status=REJECTED)) == ["Mosca", "Peskov", "Putin"]
    assert "remembered for this project" in status_message(window)
    assert asked == []


def test_ctrl_shift_d_asks_again_and_unticking_forgets_the_remembered_choice(qtbot, window, project):
    from annotator.ui.done_dialog import DONE_PENDING_SETTING

    project.set_setting(DONE_PENDING_SETTING, "reject")
    seen: list[str] = []
    answer_pending_dialog("Accept the rest", remember=False, seen=seen)  # untick, then accept
    qtbot.keyClick(window.view, Qt.Key.Key_D, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert len(seen) == 1
    assert names(mine(project)) == sorted(SUGGESTED_NAMES) and project.doc_status(1, USER) == "done"
    assert project.setting(DONE_PENDING_SETTING) is None  # D asks again next time


def test_cancel_leaves_the_article_and_its_suggestions_as_they_were(qtbot, window, project):
    answer_pending_dialog("Cancel")
    press_done(qtbot, window)
    assert project.doc_status(1, USER) == "new" and project.spans(1, USER) == []
    assert "still pending" in status_message(window)
    assert not window.controller.undo_stack.canUndo()


def test_done_without_pending_suggestions_asks_nothing_and_toggles_back(qtbot, window, project):
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)  # accept all entities
    qtbot.keyClick(window.view, Qt.Key.Key_Q, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL | ALT)
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    assert project.doc_status(1, USER) == "done"
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    assert project.doc_status(1, USER) == "in progress"


# --- 3: linked entities are annotations ---------------------------------------------------------


def test_a_suggested_entity_made_speaker_is_accepted_in_the_same_command(qtbot, window, project):
    view = window.view
    select_words(view, "Non attaccheremo")
    qtbot.keyClick(view, Qt.Key.Key_Q)  # a new quotation of the annotator's own
    peskov = next(s for s in window.controller.spans if TEXT[s.start:s.end] == "Peskov")
    assert peskov.status == "suggested"
    view.set_current_span(peskov)  # what clicking the name does
    view.clear_selection()
    qtbot.keyClick(view, Qt.Key.Key_S)
    [quote] = [q for q in mine(project, "quotes") if q.speaker_start is not None]
    assert TEXT[quote.speaker_start:quote.speaker_end] == "Peskov"
    [entity] = mine(project)
    assert (TEXT[entity.start:entity.end], entity.label, entity.source_id) == ("Peskov", "PER", peskov.id)
    assert "Peskov" not in [TEXT[s.start:s.end] for s in window.controller.spans if s.status == "suggested"]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # one undo: the speaker and the entity
    assert mine(project) == []
    assert all(q.speaker_start is None for q in mine(project, "quotes"))


def test_a_suggested_entity_made_argument_is_accepted_and_exported(qtbot, window, project, tmp_path):
    from annotator.services.exporting import export

    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)  # the suggested REJECT event
    assert view.current_event is not None and view.current_event.type == "REJECT"
    putin = next(s for s in window.controller.spans if TEXT[s.start:s.end] == "Putin")
    view.set_current_span(putin)
    view.clear_selection()
    qtbot.keyClick(view, Qt.Key.Key_1, ALT)  # Putin fills the first role
    [event] = mine(project, "events")
    assert ("Putin" in [TEXT[a.start:a.end] for a in event.args])
    # Putin, and Mosca: the suggested event's actor, accepted with the event
    assert names(mine(project)) == ["Mosca", "Putin"]
    export(project, tmp_path / "out.jsonl", annotators=[USER])
    [record] = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(s["text"], s["label"]) for s in record["spans"]] == [("Putin", "PER"), ("Mosca", "LOC")]
    export(project, tmp_path / "out.conll", fmt="conll", annotators=[USER])
    tagged = [line.split()[::3] for line in (tmp_path / "out.conll").read_text(encoding="utf-8").splitlines()
              if line.startswith("Putin")]
    assert tagged and tagged[0][-1].endswith("PER"), tagged
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert mine(project) == [] and mine(project, "events") == []


# --- 4: say what happened -----------------------------------------------------------------------


def test_labelling_over_suggestions_names_the_ones_it_replaced(qtbot, window, project):
    select_words(window.view, "Biden e Putin")
    qtbot.keyClick(window.view, Qt.Key.Key_2)  # ORG
    message = status_message(window)
    assert "“Biden” (PER suggestion)" in message and "“Putin” (PER suggestion)" in message, message


def test_accept_all_of_quotations_and_events_says_how_many(qtbot, window, project):
    qtbot.keyClick(window.view, Qt.Key.Key_Q, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert status_message(window) == ("Accepted 1 quotation suggestion, and 1 suggested entity they name "
                                      "(speakers, arguments)")
    assert names(mine(project)) == ["Peskov"]  # the accepted quotation's speaker
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL | ALT)
    assert status_message(window) == ("Accepted 1 event suggestion, and 1 suggested entity they name "
                                      "(speakers, arguments)")
    assert names(mine(project)) == ["Mosca", "Peskov"]  # the accepted event's actor
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert status_message(window) == "Accepted 2 entity suggestions"


def test_accepting_one_quotation_accepts_its_suggested_speaker_in_one_undo(qtbot, window, project):
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_N, ALT)  # the suggested quotation
    qtbot.keyClick(view, Qt.Key.Key_Q, Qt.KeyboardModifier.ShiftModifier)  # accept it
    [quote] = mine(project, "quotes")
    assert TEXT[quote.speaker_start:quote.speaker_end] == "Peskov"
    assert names(mine(project)) == ["Peskov"]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert project.quotes(1, USER) == [] and project.spans(1, USER) == []


def test_accept_or_reject_with_nothing_under_the_cursor_says_so(qtbot, window, project):
    cursor = window.view.textCursor()
    cursor.setPosition(utf16(at("telefonata")[0]))
    window.view.setTextCursor(cursor)
    window.view.set_current_span(None)
    for key in (Qt.Key.Key_A, Qt.Key.Key_X):
        window.statusBar().clearMessage()
        qtbot.keyClick(window.view, key)
        assert status_message(window).startswith("Nothing under the cursor to "), status_message(window)
    assert project.spans(1, USER) == []


def test_the_last_and_the_first_article_say_so(qtbot, window):
    qtbot.keyClick(window.view, Qt.Key.Key_BracketRight)
    assert status_message(window) == "This is the last article in the list"
    qtbot.keyClick(window.view, Qt.Key.Key_BracketLeft)
    assert status_message(window) == "This is the first article in the list"
    assert window.controller.doc_id == 1
