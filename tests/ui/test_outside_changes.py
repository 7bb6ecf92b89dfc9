"""An edit in the app racing another process (issue 12, item 2): ``preannotate --all`` replaces the
article's suggestions while the annotator decides on one. The decision is kept, never "Could not
save", and the article shows the store's new suggestions."""

from __future__ import annotations

import subprocess
import sys

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.domain.model import ACCEPTED, REJECTED, SUGGESTED, SUGGESTIONS, Span
from annotator.store import NewDocument
from window_helpers import show_main_window

TEXT = "Oggi Mario Rossi ha incontrato a Roma il ministro Anna Verdi.\n\nPoi è tornato a Milano."
USER = "tester"
ORIGIN = "test-pipeline@1"

# what a `preannotate --all` in another process does to the article: new rows for the same places
REPLACE = """
import sys
from annotator.domain.model import SUGGESTED, SUGGESTIONS, Span
from annotator.store import Project
text, path = sys.argv[1], sys.argv[2]
p = Project(path)
spans = [Span(1, text.index(w), text.index(w) + len(w), "LOC", SUGGESTIONS, "test-pipeline@2", SUGGESTED,
              "test-pipeline@2") for w in ("Roma", "Milano")]
p.replace_suggestions([(1, spans)], origin="test-pipeline@2", action="rerun")
p.close()
"""


def click_word(qtbot, window, word: str) -> None:
    """Click in the middle of ``word`` (no emoji before it: str and Qt positions agree)."""
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(TEXT.index(word) + 1)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=window.view.cursorRect(cursor).center())
    assert window.view.current_span is not None and TEXT[window.view.current_span.start:window.view.current_span.end] == word


def suggest(project) -> None:
    spans = [Span(1, TEXT.index(w), TEXT.index(w) + len(w), "LOC", SUGGESTIONS, ORIGIN, SUGGESTED, ORIGIN)
             for w in ("Roma", "Milano")]
    project.replace_suggestions([(1, spans)], origin=ORIGIN, action="test")


@pytest.fixture
def window(qtbot, project, labels):
    """The main window on the article, with two suggestions of the first pipeline run."""
    project.add_documents([NewDocument(TEXT, {"title": "Rossi a Roma"})])
    suggest(project)
    return show_main_window(qtbot, project, USER, labels, active=True)


def test_accepting_a_suggestion_another_process_replaced_keeps_the_decision(qtbot, window, project):
    messages: list[str] = []
    window.controller.message.connect(messages.append)
    click_word(qtbot, window, "Roma")  # the suggestion, as the window shows it
    shown_id = window.view.current_span.id
    rerun = subprocess.run([sys.executable, "-c", REPLACE, TEXT, str(project.path)], capture_output=True,
                           text=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    assert project.exists(Span, shown_id) is False  # the row the window shows is gone

    qtbot.keyClick(window.view, Qt.Key.Key_A)  # accept it

    roma = TEXT.index("Roma")
    mine = [(s.start, s.end, s.label, s.status) for s in project.spans(1, USER)]
    assert mine == [(roma, roma + 4, "LOC", ACCEPTED)]
    assert not any("not stored" in m or "Could not" in m for m in messages)
    assert any("reloaded" in m for m in messages)
    # the window shows the new run's suggestions: Milano is still pending, from the new origin
    pending = [s for s in window.controller.spans if s.status == SUGGESTED]
    assert [(TEXT[s.start:s.end], s.origin) for s in pending] == [("Milano", "test-pipeline@2")]
    # and the decision can be undone like any other
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.spans(1, USER) == []


def test_rejecting_a_replaced_suggestion_is_kept_too(qtbot, window, project):
    click_word(qtbot, window, "Roma")
    subprocess.run([sys.executable, "-c", REPLACE, TEXT, str(project.path)], check=True, timeout=60)
    qtbot.keyClick(window.view, Qt.Key.Key_X)  # reject Roma
    assert [(s.start, s.status) for s in project.spans(1, USER)] == [(TEXT.index("Roma"), REJECTED)]
    assert len(project.spans(1, SUGGESTIONS)) == 2


def test_a_full_disk_says_what_to_do_and_shows_the_stored_article(qtbot, window, project, monkeypatch):
    import sqlite3

    messages: list[str] = []
    window.controller.message.connect(messages.append)
    click_word(qtbot, window, "Roma")

    def full(_cmd, **_kw):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(project, "apply", full)
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # accept Roma: the store refuses

    assert project.spans(1, USER) == []
    assert [s.status for s in window.controller.spans] == [SUGGESTED, SUGGESTED]  # as stored
    said = [m for m in messages if "not stored" in m]
    assert said and "disk is full; free some space" in said[-1]
    assert window.controller.undo_stack.count() == 0


def test_a_redo_the_other_process_made_impossible_says_why_not_that_the_project_is_sick(qtbot, window, project):
    messages: list[str] = []
    window.controller.message.connect(messages.append)
    click_word(qtbot, window, "Roma")
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # accept Roma
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo it
    subprocess.run([sys.executable, "-c", REPLACE, TEXT, str(project.path)], check=True, timeout=60)

    window.controller.undo_stack.redo()  # Ctrl+Shift+Z: the suggestion it accepted is gone

    assert project.spans(1, USER) == []
    [said] = [m for m in messages if m.startswith("Could not redo")]
    assert "another process" in said and "annotator check" not in said
