"""Drive the curation window: every annotator's version, states, one click into gold, merge all
agreed, edit gold with label keys, mark adjudicated; everything undoable and stored at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.domain.model import ACCEPTED, DOC_ADJUDICATED, DOC_DONE, DOC_IN_REVIEW, DOC_NEW, GOLD, Event, Quote, Span
from annotator.store import NewDocument

TEXT = "👍 Mario Draghi ha incontrato Emmanuel Macron a Roma. «Siamo pronti», ha detto Draghi."
CTRL = Qt.KeyboardModifier.ControlModifier


def at(words: str, last: bool = False) -> tuple[int, int]:
    start = TEXT.rindex(words) if last else TEXT.index(words)
    return start, start + len(words)


def utf16(index: int) -> int:
    return len(TEXT[:index].encode("utf-16-le")) // 2


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
    window.show()
    qtbot.waitExposed(window)
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
