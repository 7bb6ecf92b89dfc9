"""The article list and the text behave as a user expects: search shows the top and highlights its
words, a status filter follows status changes, an empty list says why, Home/End, and a keyboard
selection shows what a label key will take before it is pressed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.domain.model import ACCEPTED, DOC_DONE, DOC_NEW
from annotator.store import NewDocument
from annotator.ui.article_view import SEARCH_COLOR

USER = "tester"
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def article(i: int) -> NewDocument:
    topic = "il governo discute la manovra" if i % 3 == 0 else "la squadra vince il derby di calcio"
    return NewDocument(f"Notizia {i}: oggi {topic}. Il Governo risponde domani.", {"title": f"Notizia {i:03d}"})


@pytest.fixture
def window(qtbot, project, labels):
    from annotator.ui.main_window import MainWindow

    project.add_documents(article(i) for i in range(1, 121))
    win = MainWindow(project, USER, labels)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.view.setFocus()
    return win


def search(qtbot, win, words: str) -> None:
    """Type in the search box and press Enter, as a user does."""
    box = win.doclist.search
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, words)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def first_visible_row(view) -> int:
    return view.rowAt(0)


def test_after_a_search_the_list_shows_its_top(qtbot, window):
    doclist = window.doclist
    for _ in range(100):  # far down the list, as after a morning of work
        window.next_document()
    assert window.title.text() == "Notizia 101"
    qtbot.waitUntil(lambda: first_visible_row(doclist.view) > 50)
    search(qtbot, window, "manovra")  # Notizia 3, 6, …, 120: the open one (101) is not among them
    assert doclist.model.rowCount() == 40
    assert doclist.view.verticalScrollBar().value() == 0
    assert first_visible_row(doclist.view) == 0
    # also when the open article is among the results, the best matches at the top show first
    window.controller.open(doclist.model.doc_id_at(35))
    doclist.set_current(doclist.model.doc_id_at(35), emit=False)
    search(qtbot, window, "manovr")
    assert first_visible_row(doclist.view) == 0


def test_a_status_filter_drops_an_article_whose_status_changes(qtbot, window, project):
    doclist = window.doclist
    doclist.status_filter.setCurrentIndex(doclist.status_filter.findData(DOC_NEW))
    assert doclist.model.rowCount() == 120
    window.controller.open(doclist.model.doc_id_at(4))  # Notizia 5
    done_id = window.controller.doc_id
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_D)  # no suggestions: marked done at once
    assert project.doc_status(done_id, USER) == DOC_DONE
    assert doclist.model.row_of(done_id) is None  # it left the "new" list
    assert doclist.model.rowCount() == 119
    assert doclist.count_label.text() == "119 of 120 articles"
    qtbot.keyClick(window.view, Qt.Key.Key_BracketRight)  # ] goes on with the one that took its place
    assert window.title.text() == "Notizia 006"
    # and the filter "done" finds it; undoing the status takes it out again
    doclist.status_filter.setCurrentIndex(doclist.status_filter.findData(DOC_DONE))
    assert list(doclist.model.doc_ids()) == [done_id]
    window.controller.open(done_id)
    window.controller.undo_stack.undo()
    assert doclist.model.rowCount() == 0


def test_under_a_status_filter_an_edit_reads_its_row_once(qtbot, window, project, monkeypatch):
    from annotator.domain.model import DOC_IN_PROGRESS

    doclist, controller = window.doclist, window.controller
    text = controller.document.text
    start = text.index("Governo")
    controller.label("ORG", selection=(start, start + len("Governo")), current=None)  # now in progress
    doclist.status_filter.setCurrentIndex(doclist.status_filter.findData(DOC_IN_PROGRESS))
    assert list(doclist.model.doc_ids()) == [controller.doc_id]
    window.grab()
    read: list[list[int]] = []
    real = project.document_rows

    def counting(doc_ids, *, annotator):
        read.append(list(doc_ids))
        return real(doc_ids, annotator=annotator)

    monkeypatch.setattr(project, "document_rows", counting)
    start = text.index("domani")
    controller.label("DATE", selection=(start, start + len("domani")), current=None)  # still in progress
    window.grab()  # the list repaints the row
    assert read == [[controller.doc_id]]  # one query: the row read to check the filter is the one shown
    assert doclist.model.document_row(0).spans == 2


def test_an_empty_list_says_why_and_what_to_do(qtbot, window):
    doclist = window.doclist
    assert not doclist.empty_label.isVisible()
    search(qtbot, window, "zanzibar")
    assert doclist.model.rowCount() == 0
    assert doclist.empty_label.isVisible()
    assert "zanzibar" in doclist.empty_text() and "Esc" in doclist.empty_text()
    qtbot.keyClick(doclist.search, Qt.Key.Key_Escape)  # clears the search
    assert doclist.model.rowCount() == 120 and not doclist.empty_label.isVisible()
    doclist.status_filter.setCurrentIndex(doclist.status_filter.findData("adjudicated"))
    assert doclist.empty_label.isVisible() and "All statuses" in doclist.empty_text()


def test_home_and_end_open_the_first_and_last_article(qtbot, window):
    view = window.doclist.view
    window.next_document()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert window.title.text() == "Notizia 120"
    assert view.visualRect(view.model().index(119, 0)).intersects(view.viewport().rect())
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert window.title.text() == "Notizia 001"
    assert first_visible_row(view) == 0


def test_the_search_words_are_highlighted_in_the_text(qtbot, window):
    search(qtbot, window, "govern")  # the last word is a prefix, as in the list's search
    text = window.controller.document.text
    expected = [(i, i + len("governo")) for i in range(len(text)) if text[i:i + 7].lower() == "governo"]
    assert window.view.search_matches() == expected and len(expected) >= 1
    colours = {s.format.background().color().name() for s in window.view.extraSelections()}
    assert QColor(SEARCH_COLOR).name() in colours
    window.next_document()  # the next match keeps its highlight
    text = window.controller.document.text
    assert [text[a:b].lower() for a, b in window.view.search_matches()] == ["governo"] * len(window.view.search_matches())
    assert window.view.search_matches()
    qtbot.keyClick(window.doclist.search, Qt.Key.Key_Escape)
    assert window.view.search_matches() == []


def test_shift_arrows_show_the_snapped_words_before_the_label_key(qtbot, window, project):
    view = window.view
    text = view.text
    start = text.index("oggi") + 2  # inside "oggi"
    cursor = view.textCursor()
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    assert view.selection_preview() is None
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    # the "g" inside "oggi" selected: the preview shows the whole word a label key would take
    assert view.textCursor().selectedText() == "g"
    assert view.selection_preview() == (text.index("oggi"), text.index("oggi") + 4)
    shown = [s for s in view.extraSelections() if s.cursor.selectedText() == "oggi"]
    assert shown, "the snapped words are drawn"
    qtbot.keyClick(view, Qt.Key.Key_1)  # PER: takes exactly what the preview showed
    assert [(s.start, s.end) for s in project.spans(window.controller.doc_id, USER) if s.status == ACCEPTED] == [
        (text.index("oggi"), text.index("oggi") + 4)]
    assert view.selection_preview() is None  # the selection is gone, and so is its preview
    # exact characters (Alt+Shift): nothing is snapped, so no preview
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT | ALT)
    assert view.textCursor().hasSelection() and view.selection_preview() is None
