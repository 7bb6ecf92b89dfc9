"""Drive the real main window: select text, press keys, and check what the store holds."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

import pytest

from annotator.domain.model import ACCEPTED, REJECTED, SUGGESTED, SUGGESTIONS, Span
from annotator.store import NewDocument
from window_helpers import show_main_window

EMOJI_TEXT = "👍🏽 Oggi Mario Rossi ha incontrato a Roma il ministro Anna Verdi.\n\nPoi è tornato a Milano."
SECOND_TEXT = "Il vertice di Ginevra riunisce Russia e Stati Uniti."
USER = "tester"


def utf16(text: str, index: int) -> int:
    """Qt position of a str index, computed independently of the code under test."""
    return len(text[:index].encode("utf-16-le")) // 2


@pytest.fixture
def window(qtbot, project, labels):
    (first, _), (second, _) = project.add_documents(
        [NewDocument(EMOJI_TEXT, {"title": "Rossi a Roma"}), NewDocument(SECOND_TEXT, {"title": "Ginevra"})]
    )
    origin = "test-pipeline@1"
    roma = EMOJI_TEXT.index("Roma")
    milano = EMOJI_TEXT.index("Milano")
    project.replace_suggestions(
        [(first, [Span(first, roma, roma + 4, "LOC", SUGGESTIONS, origin, SUGGESTED, origin),
                  Span(first, milano, milano + 6, "LOC", SUGGESTIONS, origin, SUGGESTED, origin)])],
        origin=origin, action="test",
    )
    return show_main_window(qtbot, project, USER, labels)


def layer_spans(project, doc_id=1, status=ACCEPTED):
    return [(s.start, s.end, s.label) for s in project.spans(doc_id, USER) if s.status == status]


def select_qt(view, start16: int, end16: int) -> None:
    cursor = view.textCursor()
    cursor.setPosition(start16)
    cursor.setPosition(end16, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def drag(qtbot, view, start16: int, end16: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Drag the mouse over the text from one Qt position to another."""

    def point(pos: int) -> QPoint:
        cursor = QTextCursor(view.document())
        cursor.setPosition(pos)
        return view.cursorRect(cursor).center()

    a, b = point(start16), point(end16)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, modifier, a)
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, modifier, b)


def test_label_key_stores_span_with_code_point_offsets_after_emoji(qtbot, window, project):
    name = EMOJI_TEXT.index("Mario Rossi")
    # select a little inside "Mario" up to inside "Rossi": the selection snaps to both words
    select_qt(window.view, utf16(EMOJI_TEXT, name + 2), utf16(EMOJI_TEXT, name + 9))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert layer_spans(project) == [(name, name + len("Mario Rossi"), "PER")]
    stored = project.spans(1, USER)[0]
    assert EMOJI_TEXT[stored.start : stored.end] == "Mario Rossi"
    assert stored.annotator == USER and stored.origin == "manual"


def test_mouse_drag_snaps_and_drops_punctuation(qtbot, window, project):
    text = EMOJI_TEXT
    verdi = text.index("Anna Verdi")
    drag(qtbot, window.view, utf16(text, verdi + 1), utf16(text, verdi + len("Anna Verdi.")))
    assert window.view.textCursor().selectedText() == "Anna Verdi"
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert (verdi, verdi + 10, "PER") in layer_spans(project)


def test_alt_drag_selects_exact_characters(qtbot, window, project):
    text = EMOJI_TEXT
    verdi = text.index("Verdi")
    drag(qtbot, window.view, utf16(text, verdi), utf16(text, verdi + 3), Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_4)
    assert layer_spans(project) == [(verdi, verdi + 3, "MISC")]


def test_undo_and_redo_every_edit(qtbot, window, project):
    name = EMOJI_TEXT.index("Mario")
    select_qt(window.view, utf16(EMOJI_TEXT, name), utf16(EMOJI_TEXT, name + 5))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert len(layer_spans(project)) == 1
    assert window.actions_by_id["undo"].text().startswith("Undo Label")
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert layer_spans(project) == []
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert layer_spans(project) == [(name, name + 5, "PER")]


def test_accept_all_and_undo_it(qtbot, window, project):
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    roma, milano = EMOJI_TEXT.index("Roma"), EMOJI_TEXT.index("Milano")
    assert layer_spans(project) == [(roma, roma + 4, "LOC"), (milano, milano + 6, "LOC")]
    assert all(s.origin == "test-pipeline@1" for s in project.spans(1, USER))
    assert project.doc_status(1, USER) == "in progress"
    row = window.doclist.model.document_row(0)
    assert (row.spans, row.suggestions, row.status) == (2, 0, "in progress")  # the list follows
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.spans(1, USER) == []
    assert project.doc_status(1, USER) == "new"
    row = window.doclist.model.document_row(0)
    assert (row.spans, row.suggestions, row.status) == (0, 2, "new")


def test_tab_to_suggestion_then_accept_and_reject(qtbot, window, project):
    qtbot.keyClick(window.view, Qt.Key.Key_N)  # next span: the first suggestion, Roma
    assert window.view.current_span is not None and window.view.current_span.label == "LOC"
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    roma = EMOJI_TEXT.index("Roma")
    assert layer_spans(project) == [(roma, roma + 4, "LOC")]
    # accepting moved on to Milano; reject it
    assert EMOJI_TEXT[window.view.current_span.start : window.view.current_span.end] == "Milano"
    qtbot.keyClick(window.view, Qt.Key.Key_X)
    assert [(s.start, s.label) for s in project.spans(1, USER) if s.status == REJECTED] == [
        (EMOJI_TEXT.index("Milano"), "LOC")
    ]
    assert len([s for s in window.controller.spans if s.status == SUGGESTED]) == 0


def test_click_span_relabel_and_delete(qtbot, window, project):
    text = EMOJI_TEXT
    roma = text.index("Roma")
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(utf16(text, roma + 1))
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=window.view.cursorRect(cursor).center())
    assert window.view.current_span is not None and window.view.current_span.start == roma
    qtbot.keyClick(window.view, Qt.Key.Key_2)  # relabel the suggestion: accepted as ORG
    assert layer_spans(project) == [(roma, roma + 4, "ORG")]
    assert project.spans(1, USER)[0].origin == "manual"
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert layer_spans(project) == []
    # the suggestion does not come back: it is recorded as rejected
    assert all(s.start != roma for s in window.controller.spans)


def test_navigate_documents_and_mark_done(qtbot, window, project):
    assert window.controller.doc_id == 1
    qtbot.keyClick(window.view, Qt.Key.Key_BracketRight)
    assert window.controller.doc_id == 2
    assert window.view.toPlainText() == SECOND_TEXT
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    assert project.doc_status(2, USER) == "done"
    qtbot.keyClick(window.view, Qt.Key.Key_BracketLeft)
    assert window.controller.doc_id == 1
    # undo of the status change brings the user back to that document
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.doc_status(2, USER) == "new"
    assert window.controller.doc_id == 2


def test_search_filters_the_document_list(qtbot, window):
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.doclist.search
    qtbot.keyClicks(window.doclist.search, "ginevra")
    qtbot.waitUntil(lambda: window.doclist.model.rowCount() == 1, timeout=3000)
    assert window.doclist.model.doc_id_at(0) == 2


def test_label_button_click_labels_selection(qtbot, window, project):
    milano = EMOJI_TEXT.index("Milano")
    select_qt(window.view, utf16(EMOJI_TEXT, milano), utf16(EMOJI_TEXT, milano + 6))
    qtbot.mouseClick(window.label_bar.buttons["LOC"], Qt.MouseButton.LeftButton)
    assert layer_spans(project) == [(milano, milano + 6, "LOC")]
    # it was the exact range of a suggestion, so the suggestion's origin is kept
    assert project.spans(1, USER)[0].source_id is not None


def test_every_shortcut_is_shown_in_menus_and_cheatsheet(window, labels):
    from annotator.ui.actions import ACTIONS
    from annotator.ui.cheatsheet import cheatsheet_html

    html = cheatsheet_html(labels)
    for spec in ACTIONS:
        action = window.actions_by_id[spec.id]
        assert action.shortcut().toString(), spec.id
        for key in spec.shortcuts:
            assert key in html
    for label in labels.labels:
        assert window.actions_by_id[f"label:{label.name}"].shortcut().toString() == label.key
    keys = [k for spec in ACTIONS for k in spec.shortcuts] + [label.key for label in labels.labels if label.key]
    assert len(keys) == len(set(keys)), "two actions share a shortcut: neither would work"


def test_edits_are_committed_immediately_and_close_never_asks(qtbot, window, project, tmp_path):
    from annotator.store import open_project

    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    other = open_project(project.path)  # a second connection sees the committed edit
    try:
        assert len([s for s in other.spans(1, USER) if s.status == ACCEPTED]) == 2
    finally:
        other.close()
    assert window.close() is True


def test_the_span_list_follows_the_current_span_after_a_pause(qtbot, window):
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    qtbot.keyClick(window.view, Qt.Key.Key_N)  # Milano, the second span
    current = window.view.current_span
    qtbot.waitUntil(lambda: window.side.spans.selected_span() is not None, timeout=2000)
    assert window.side.spans.selected_span().start == current.start


def test_a_date_labelled_by_hand_gets_its_value_from_the_publication_date(qtbot, project, labels):
    text = "Il ministro è arrivato ieri a Roma, e ripartirà lunedì prossimo."
    project.add_documents([NewDocument(text, {"title": "Arrivo", "published": "2021-12-22"})])
    win = show_main_window(qtbot, project, USER, labels, active=True)
    ieri = text.index("ieri")
    select_qt(win.view, ieri, ieri + 4)
    qtbot.keyClick(win.view, Qt.Key.Key_5)  # DATE
    [span] = project.spans(1, USER)
    assert (span.label, span.value) == ("DATE", "2021-12-21")
    roma = text.index("Roma")
    select_qt(win.view, roma, roma + 4)
    qtbot.keyClick(win.view, Qt.Key.Key_3)  # LOC: no value
    assert [s.value for s in project.spans(1, USER) if s.label == "LOC"] == [None]


def test_a_date_labelled_by_hand_in_an_article_dated_to_the_month(qtbot, project, labels):
    text = "Il vertice si terrà martedì 7 dicembre a Roma; ne hanno parlato ieri."
    project.add_documents([NewDocument(text, {"title": "Vertice", "published": "2021-12"})])
    win = show_main_window(qtbot, project, USER, labels, active=True)
    for words in ("martedì 7 dicembre", "ieri"):
        start = text.index(words)
        select_qt(win.view, start, start + len(words))
        qtbot.keyClick(win.view, Qt.Key.Key_5)  # DATE
    values = {text[s.start:s.end]: s.value for s in project.spans(1, USER)}
    assert values == {"martedì 7 dicembre": "2021-12-07", "ieri": None}
    qtbot.keyClick(win.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(win.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.spans(1, USER) == []
