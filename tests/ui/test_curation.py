"""Drive the curation window: every annotator's version, states, one click into gold, merge all
agreed, edit gold with label keys, mark adjudicated; everything undoable and stored at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from annotator.domain.model import ACCEPTED, DOC_ADJUDICATED, DOC_DONE, DOC_IN_REVIEW, DOC_NEW, GOLD, Event, Quote, Span
from annotator.store import NewDocument
from window_helpers import utf16_at, words_at

TEXT = "👍 Mario Draghi ha incontrato Emmanuel Macron a Roma. «Siamo pronti», ha detto Draghi."
CTRL = Qt.KeyboardModifier.ControlModifier


def at(words: str, last: bool = False) -> tuple[int, int]:
    start = TEXT.rindex(words) if last else TEXT.index(words)
    return start, start + len(words)


def utf16(index: int) -> int:
    return utf16_at(TEXT, index)


@pytest.fixture
def curation(qtbot, project, labels):
    from annotator.ui.curation import CurationWindow
    from annotator.ui.main_window import gold_editor

    [(doc_id, _)] = project.add_documents([NewDocument(TEXT, {"title": "Draghi"})])
    items = []
    for who in ("alice", "bob", "carol"):
        items.append(Span(doc_id, *at("Mario Draghi"), "PER", who, annotator=who))
        items.append(Quote(doc_id, *at("Siamo pronti"), who, "direct", *at("Draghi", last=True), "PER", annotator=who))
    items += [Span(doc_id, *at("Emmanuel Macron"), "PER", "alice", annotator="alice"),
              Span(doc_id, *at("Macron"), "PER", "bob", annotator="bob"),
              Span(doc_id, *at("Roma"), "LOC", "alice", annotator="alice"),
              Span(doc_id, *at("Roma"), "ORG", "bob", annotator="bob"),
              Event(doc_id, "CONSULT", "alice", trigger_start=at("incontrato")[0], trigger_end=at("incontrato")[1],
                    annotator="alice")]
    project.import_annotations(items, action="test", annotator="test")
    project.set_doc_status(doc_id, "carol", DOC_DONE)  # carol finished: her missing Roma is a disagreement
    window = CurationWindow(project, doc_id, labels, open_editor=lambda d: gold_editor(project, labels, d))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # its keys are window shortcuts
        window.show()
        window.activateWindow()
    return window


def gold(project) -> list[tuple[str, str]]:
    return sorted((TEXT[s.start:s.end], s.label) for s in project.spans(1, GOLD) if s.status == ACCEPTED)


def states(window) -> dict[tuple[str, str], str]:
    return {(TEXT[c.item.start:c.item.end], c.item.label): c.state for c in window.span_candidates}


def click_span(qtbot, view, words: str) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16(at(words)[0]) + 1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center())


def test_every_annotator_is_shown_with_states(curation):
    assert curation.annotators == ["alice", "bob", "carol"]
    assert states(curation) == {("Mario Draghi", "PER"): "agree", ("Emmanuel Macron", "PER"): "disagree",
                                ("Macron", "PER"): "disagree", ("Roma", "LOC"): "disagree",
                                ("Roma", "ORG"): "disagree"}
    shown = {(TEXT[s.start:s.end], s.label) for s in curation.views["alice"].spans}
    assert ("Mario Draghi", "PER ✓") in shown and ("Roma", "LOC ≠") in shown
    assert [c.state for c in curation.quote_candidates] == ["agree"]
    assert curation.table.rowCount() == 5 + 1 + 1


def test_merge_all_agreed_then_undo(qtbot, curation, project):
    qtbot.keyClick(curation.gold_view, Qt.Key.Key_M, CTRL)
    assert gold(project) == [("Mario Draghi", "PER")]
    assert [TEXT[q.start:q.end] for q in project.quotes(1, GOLD)] == ["Siamo pronti"]
    assert project.doc_status(1, GOLD) == DOC_IN_REVIEW
    assert states(curation)[("Mario Draghi", "PER")] == "accepted"
    qtbot.keyClick(curation.gold_view, Qt.Key.Key_Z, CTRL)
    assert gold(project) == [] and project.quotes(1, GOLD) == []
    assert project.doc_status(1, GOLD) == DOC_NEW


def test_one_click_takes_an_annotators_entity_replacing_what_clashes(qtbot, curation, project):
    click_span(qtbot, curation.views["bob"], "Macron")
    assert gold(project) == [("Macron", "PER")]
    assert TEXT[slice(*curation.selected_candidate()[1].range)] == "Macron"  # its row selected, marked everywhere
    assert marked(curation.views["alice"]) == ["Macron"] and marked(curation.gold_view) == ["Macron"]
    click_span(qtbot, curation.views["alice"], "Emmanuel Macron")  # the other version replaces it
    assert gold(project) == [("Emmanuel Macron", "PER")]
    assert states(curation)[("Macron", "PER")] == "rejected"
    assert states(curation)[("Emmanuel Macron", "PER")] == "accepted"
    qtbot.keyClick(curation.gold_view, Qt.Key.Key_Z, CTRL)
    assert gold(project) == [("Macron", "PER")]


def test_take_from_the_table_with_enter_and_events_too(qtbot, curation, project):
    row = next(i for i, (kind, c) in enumerate(curation._rows) if kind == "event")
    curation.table.selectRow(row)
    qtbot.keyClick(curation.table, Qt.Key.Key_Return)
    assert [e.type for e in project.events(1, GOLD)] == ["CONSULT"]


def test_reviewer_labels_gold_directly_and_marks_adjudicated(qtbot, curation, project):
    view = curation.gold_view
    cursor = view.textCursor()
    cursor.setPosition(utf16(at("Roma")[0]))
    cursor.setPosition(utf16(at("Roma")[1]), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_3)  # LOC
    assert gold(project) == [("Roma", "LOC")]
    assert states(curation)[("Roma", "LOC")] == "accepted" and states(curation)[("Roma", "ORG")] == "rejected"
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert project.doc_status(1, GOLD) == DOC_ADJUDICATED
    assert project.doc_status(1, "alice") == DOC_NEW and project.doc_status(1, "carol") == DOC_DONE


def test_the_full_editor_on_gold_writes_quotations_there(qtbot, curation, project):
    editor = curation.edit_gold_in_editor()
    qtbot.addWidget(editor)
    assert editor.controller.layer == GOLD and "gold layer" in editor.windowTitle()
    assert editor.controller.spans == []  # gold is empty: no pipeline suggestions shown there
    view = editor.view
    cursor = view.textCursor()
    cursor.setPosition(utf16(at("Siamo pronti")[0]))
    cursor.setPosition(utf16(at("Siamo pronti")[1]), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    editor.new_quote()
    assert [TEXT[q.start:q.end] for q in project.quotes(1, GOLD)] == ["Siamo pronti"]
    assert "gold" not in project.annotators()  # gold is a layer, not a person
    curation.reload()
    assert [c.state for c in curation.quote_candidates] == ["rejected"]  # gold's own version differs


def test_a_quotation_marked_gold_differs_replaces_the_gold_one_when_taken(qtbot, curation, project):
    start, _ = at("Roma.")
    project.insert(Quote(1, start, at("Siamo")[1], GOLD, "direct", annotator="reviewer"))  # overlaps by one word
    curation.reload()
    [candidate] = curation.quote_candidates
    assert candidate.state == "rejected"  # shown as "gold differs"
    row = next(i for i, (kind, _c) in enumerate(curation._rows) if kind == "quotation")
    curation.table.selectRow(row)
    qtbot.keyClick(curation.table, Qt.Key.Key_Return)
    assert [TEXT[q.start:q.end] for q in project.quotes(1, GOLD)] == ["Siamo pronti"]  # one quotation, not two
    assert [c.state for c in curation.quote_candidates] == ["accepted"]


# --- finding items: scrolling, marking, next/previous, closing (issue 13, point 9) -------------------

FILLER = "\n\n".join(f"Paragrafo {n}: il consiglio comunale ha discusso a lungo del bilancio e delle nomine." for n in range(80))
LONG = f"Mario Draghi apre la seduta.\n\n{FILLER}\n\nAlla fine parla Giorgia Meloni da Palazzo Chigi."


def long_at(words: str) -> tuple[int, int]:
    return words_at(LONG, words)


@pytest.fixture
def long_curation(qtbot, project, labels):
    from annotator.ui.curation import CurationWindow

    [(doc_id, _)] = project.add_documents([NewDocument(LONG, {"title": "Seduta"})])
    project.import_annotations([
        Span(doc_id, *long_at("Mario Draghi"), "PER", "alice", annotator="alice"),
        Span(doc_id, *long_at("Mario Draghi"), "PER", "bob", annotator="bob"),
        Span(doc_id, *long_at("Giorgia Meloni"), "PER", "alice", annotator="alice"),
        Span(doc_id, *long_at("Palazzo Chigi"), "LOC", "alice", annotator="alice"),
        Span(doc_id, *long_at("Palazzo Chigi"), "ORG", "bob", annotator="bob"),
    ], action="test", annotator="test")
    window = CurationWindow(project, doc_id, labels)
    window.resize(1366, 768)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # its keys are window shortcuts
        window.show()
        window.activateWindow()
    return window


def visible(view, offset: int, text: str = LONG) -> bool:
    cursor = QTextCursor(view.document())
    cursor.setPosition(len(text[:offset].encode("utf-16-le")) // 2)
    return view.viewport().rect().contains(view.cursorRect(cursor))


def marked(view) -> list[str]:
    """The words the view paints in the focus colour (the curation's selected item)."""
    from annotator.ui.article_view import FOCUS_COLOR

    return [s.cursor.selectedText() for s in view.extraSelections()
            if s.format.background().color().name() == FOCUS_COLOR]


def click_row(qtbot, window, row: int) -> None:
    table = window.table
    table.scrollToItem(table.item(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(table.item(row, 1)).center())


def test_selecting_and_taking_a_far_row_shows_it_in_every_pane(qtbot, long_curation, project):
    window = long_curation
    panes = [window.gold_view, *window.views.values()]
    far = long_at("Palazzo Chigi")[0]
    assert not any(visible(view, far) for view in panes)  # the end of a long article: out of sight
    row = next(i for i, (_kind, c) in enumerate(window._rows) if c.range == long_at("Palazzo Chigi")
               and c.item.annotator == "bob")
    click_row(qtbot, window, row)
    assert all(visible(view, far) for view in panes)
    assert all(marked(view) == ["Palazzo Chigi"] for view in panes)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)  # take bob's ORG
    assert [(LONG[s.start:s.end], s.label) for s in project.spans(1, GOLD)] == [("Palazzo Chigi", "ORG")]
    # still selected, still in sight and marked after the panes were redrawn
    assert window.selected_candidate()[1].item.label == "ORG"
    assert all(visible(view, far) for view in panes) and all(marked(view) == ["Palazzo Chigi"] for view in panes)
    assert window.gold_view.current_span.label == "ORG"  # Del would remove it from gold
    qtbot.keyClick(window.gold_view, Qt.Key.Key_Delete)
    assert project.spans(1, GOLD) == []


def test_the_panes_scroll_together(qtbot, long_curation):
    window = long_curation
    alice = window.views["alice"]
    alice.verticalScrollBar().setValue(alice.verticalScrollBar().maximum() // 2)
    block = alice.cursorForPosition(QPoint(8, alice.viewport().height() // 2)).block()
    while not block.text():  # the empty line between two paragraphs
        block = block.next()
    paragraph, offset = block.text(), block.position()  # no emoji in LONG: UTF-16 and str offsets agree
    assert paragraph.startswith("Paragrafo") and visible(alice, offset)
    for view in (window.gold_view, window.views["bob"]):
        assert view.verticalScrollBar().value() > 0
        assert visible(view, offset), paragraph  # the paragraph in alice's middle is in sight in every pane
    qtbot.keyClick(window.gold_view, Qt.Key.Key_End, CTRL)  # the gold pane leads as well
    assert visible(alice, long_at("Giorgia Meloni")[0]) and visible(window.views["bob"], long_at("Giorgia Meloni")[0])


def test_n_and_p_go_to_the_next_and_previous_disagreement(qtbot, curation):
    def chosen() -> tuple[str, str]:
        kind, c = curation.selected_candidate()
        return TEXT[c.range[0]:c.range[1]], getattr(c.item, "label", None) or c.item.type

    qtbot.keyClick(curation.gold_view, Qt.Key.Key_N)
    assert chosen() == ("Emmanuel Macron", "PER")  # Mario Draghi (all agree) is skipped
    qtbot.keyClick(curation.gold_view, Qt.Key.Key_N)
    assert chosen() == ("Macron", "PER")
    assert marked(curation.views["bob"]) == ["Macron"]
    qtbot.keyClick(curation.table, Qt.Key.Key_N)  # from the table too
    qtbot.keyClick(curation.table, Qt.Key.Key_N)
    assert chosen() == ("Roma", "ORG")
    qtbot.keyClick(curation.table, Qt.Key.Key_N)
    assert chosen() == ("incontrato", "CONSULT")  # the event, after the entities
    qtbot.keyClick(curation.table, Qt.Key.Key_N)
    assert chosen() == ("Emmanuel Macron", "PER") and "first" in curation.statusBar().currentMessage()
    qtbot.keyClick(curation.table, Qt.Key.Key_P)
    assert chosen() == ("incontrato", "CONSULT")
    qtbot.keyClick(curation.gold_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert chosen() == ("Roma", "ORG")


@pytest.mark.parametrize("how", ["Esc", "Ctrl+W", "button"])
def test_escape_ctrl_w_and_the_close_button_close_it(qtbot, curation, how):
    from PySide6.QtWidgets import QToolBar, QToolButton

    assert curation.isVisible()
    if how == "Esc":
        qtbot.keyClick(curation.gold_view, Qt.Key.Key_Escape)
    elif how == "Ctrl+W":
        qtbot.keyClick(curation.table, Qt.Key.Key_W, CTRL)
    else:
        button = curation.findChild(QToolBar).widgetForAction(curation.actions_by_id["cur_close"])
        assert isinstance(button, QToolButton) and button.text() == "Close"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not curation.isVisible()


def test_one_annotator_gives_items_to_review_and_ctrl_m_takes_them(qtbot, project, labels):
    from annotator.ui.curation import CurationWindow

    [(doc_id, _)] = project.add_documents([NewDocument(TEXT, {"title": "Draghi"})])
    project.import_annotations([
        Span(doc_id, *at("Mario Draghi"), "PER", "alice", annotator="alice"),
        Span(doc_id, *at("Roma"), "LOC", "alice", annotator="alice"),
    ], action="test", annotator="test")
    window = CurationWindow(project, doc_id, labels)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # its keys are window shortcuts
        window.show()
        window.activateWindow()
    assert window.annotators == ["alice"]
    assert set(states(window).values()) == {"single"}
    column = window.table.columnCount() - 1
    assert {window.table.item(r, column).text() for r in range(window.table.rowCount())} == {"single annotator — review"}
    assert "disagree" not in {window.table.item(r, column).text() for r in range(window.table.rowCount())}
    qtbot.keyClick(window.gold_view, Qt.Key.Key_N)  # they are what is left to decide
    assert window.selected_candidate()[1].item.label == "PER"
    qtbot.keyClick(window.gold_view, Qt.Key.Key_M, CTRL)
    assert gold(project) == [("Mario Draghi", "PER"), ("Roma", "LOC")]
    assert "single annotator" in window.statusBar().currentMessage()
    assert set(states(window).values()) == {"accepted"}


def test_the_f1_help_lists_the_curation_keys(qtbot, labels):
    from annotator.ui.cheatsheet import ShortcutsDialog
    from PySide6.QtWidgets import QTextBrowser

    dialog = ShortcutsDialog(labels)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QTextBrowser).toPlainText()
    curation = text[text.index("In the curation window"):]
    for words in ("Next disagreement", "Previous disagreement", "Merge all agreed", "Mark adjudicated", "Close",
                  "Esc or Ctrl+W", "N or Alt+Down"):
        assert words in curation, words


LONG_NAME = "Commissione parlamentare d'inchiesta sul fenomeno delle mafie e sulle altre associazioni criminali"


@pytest.mark.parametrize("width", [1366, 1000])
def test_the_state_column_stays_in_sight_with_long_words(qtbot, project, labels, width):
    from annotator.ui.curation import CurationWindow

    text = f"La {LONG_NAME} ha ascoltato Mario Draghi a Roma."
    [(doc_id, _)] = project.add_documents([NewDocument(text, {"title": "Commissione"})])
    start = text.index(LONG_NAME)
    project.import_annotations([
        Span(doc_id, start, start + len(LONG_NAME), "ORG", "alice", annotator="alice"),
        Span(doc_id, text.index("Roma"), text.index("Roma") + 4, "LOC", "bob", annotator="bob"),
    ], action="test", annotator="test")
    window = CurationWindow(project, doc_id, labels)
    qtbot.addWidget(window)
    window.resize(width, 768)
    window.show()
    qtbot.waitExposed(window)
    table = window.table
    last = table.columnCount() - 1
    assert table.horizontalHeaderItem(last).text() == "State"
    assert table.columnViewportPosition(last) + table.columnWidth(last) <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways
    row = next(r for r in range(table.rowCount()) if table.item(r, 2).text() == "ORG")
    assert table.item(row, 1).toolTip() == table.item(row, 1).text()  # elided words are whole on hover
