"""Drive the quotation flow in the real main window: select words, press Q, S, C, K, Shift+Q,
Shift+Del, click in the Quotations tab, undo; and check what the store holds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.domain.model import ACCEPTED, REJECTED, SUGGESTED, SUGGESTIONS, Quote, Span
from annotator.store import NewDocument
from window_helpers import select_words_in, show_main_window, words_at

TEXT = ("👍 Il portavoce Dmitry Peskov ha detto: «Non abbiamo ricevuto proposte». "
        "Poi il ministro Sergej Lavrov ha parlato di «linea aggressiva».")
USER = "tester"
SHIFT = Qt.KeyboardModifier.ShiftModifier


def select_words(view, words: str) -> None:
    select_words_in(view, TEXT, words)


def at(words: str) -> tuple[int, int]:
    return words_at(TEXT, words)


@pytest.fixture
def window(qtbot, project, labels):
    [(doc_id, _)] = project.add_documents([NewDocument(TEXT, {"title": "Peskov"})])
    origin = "test-pipeline@1"
    peskov, lavrov, content = at("Dmitry Peskov"), at("Sergej Lavrov"), at("Non abbiamo ricevuto proposte")
    cue = at("ha detto")
    project.replace_suggestions([(doc_id, [
        Span(doc_id, *peskov, "PER", SUGGESTIONS, origin, SUGGESTED, origin),
        Span(doc_id, *lavrov, "PER", SUGGESTIONS, origin, SUGGESTED, origin),
    ], [
        Quote(doc_id, *content, SUGGESTIONS, "direct", speaker_start=peskov[0], speaker_end=peskov[1],
              speaker_label="PER", cue_start=cue[0], cue_end=cue[1], origin=origin),
    ])], origin=origin, action="test")
    return show_main_window(qtbot, project, USER, labels)


def mine(project, doc_id: int = 1, status: str = ACCEPTED) -> list[Quote]:
    return [q for q in project.quotes(doc_id, USER) if q.status == status]


def words(quote: Quote, part: str = "content") -> str | None:
    start, end = {"content": (quote.start, quote.end), "speaker": (quote.speaker_start, quote.speaker_end),
                  "cue": (quote.cue_start, quote.cue_end)}[part]
    return None if start is None else TEXT[start:end]


def test_suggested_quotation_is_listed_and_drawn(window):
    panel = window.side.quotes
    assert panel.tree.topLevelItemCount() == 1
    row = panel.tree.topLevelItem(0)
    assert [row.text(c) for c in range(1, 5)] == ["direct", "Non abbiamo ricevuto proposte", "Dmitry Peskov",
                                                  "ha detto"]
    assert row.text(0) == "?"  # suggested
    assert [words(q) for q in window.view.quotes] == ["Non abbiamo ricevuto proposte"]


def test_new_quotation_with_speaker_cue_and_kind_by_keyboard(qtbot, window, project):
    view = window.view
    select_words(view, "linea aggressiva")
    qtbot.keyClick(view, Qt.Key.Key_Q)
    [quote] = mine(project)
    assert words(quote) == "linea aggressiva" and quote.kind == "direct" and quote.origin == "manual"
    # the new quotation is current: its row is selected in the panel
    assert window.side.quotes.current_quote() is not None
    assert words(window.side.quotes.current_quote()) == "linea aggressiva"

    select_words(view, "Sergej Lavrov")  # words that are an entity: the speaker is linked to it
    qtbot.keyClick(view, Qt.Key.Key_S)
    select_words(view, "ha parlato")
    qtbot.keyClick(view, Qt.Key.Key_C)
    qtbot.keyClick(view, Qt.Key.Key_K)  # direct -> partial
    [quote] = mine(project)
    assert (words(quote, "speaker"), quote.speaker_label) == ("Sergej Lavrov", "PER")
    assert words(quote, "cue") == "ha parlato"
    assert quote.kind == "partial"

    for expected_kind in ("direct", None):  # undo the kind, then everything down to nothing
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        if expected_kind:
            assert mine(project)[0].kind == expected_kind
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert mine(project) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert [words(q) for q in mine(project)] == ["linea aggressiva"]


def test_speaker_from_a_clicked_entity(qtbot, window, project):
    view = window.view
    select_words(view, "linea aggressiva")
    qtbot.keyClick(view, Qt.Key.Key_Q)
    lavrov = next(s for s in window.controller.spans if TEXT[s.start:s.end] == "Sergej Lavrov")
    view.set_current_span(lavrov)  # what clicking the name does
    view.clear_selection()
    qtbot.keyClick(view, Qt.Key.Key_S)
    [quote] = mine(project)
    assert (words(quote, "speaker"), quote.speaker_label) == ("Sergej Lavrov", "PER")


def test_accept_and_reject_suggested_quotation(qtbot, window, project):
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # step to the quotation
    assert words(view.current_quote) == "Non abbiamo ricevuto proposte"
    qtbot.keyClick(view, Qt.Key.Key_Q, SHIFT)
    [quote] = mine(project)
    assert quote.source_id is not None and words(quote, "speaker") == "Dmitry Peskov"
    assert window.side.quotes.tree.topLevelItem(0).text(0) == "✓"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert mine(project) == []
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view, Qt.Key.Key_Delete, SHIFT)
    assert [words(q) for q in mine(project, status=REJECTED)] == ["Non abbiamo ricevuto proposte"]
    assert window.side.quotes.tree.topLevelItemCount() == 0  # hidden once rejected
    assert len(project.quotes(1, SUGGESTIONS)) == 1  # the suggestion itself is untouched


def test_editing_a_suggestion_accepts_it_with_the_change(qtbot, window, project):
    view = window.view
    window.side.quotes.select_quote(window.side.quotes.quotes[0])  # a click on its row
    assert words(view.current_quote) == "Non abbiamo ricevuto proposte"
    qtbot.keyClick(view, Qt.Key.Key_K)
    [quote] = mine(project)
    assert quote.kind == "partial" and quote.source_id is not None
    assert words(quote, "cue") == "ha detto"  # the rest of the suggestion comes along


def test_quotation_keys_are_in_the_menu(window):
    texts = {a.text(): a.shortcut().toString() for a in window.menuBar().actions()[3].menu().actions()}
    assert texts["&New quotation from selection"] == "Q"
    assert texts["Set &speaker"] == "S"
    assert texts["&Accept quotation"] == "Shift+Q"
