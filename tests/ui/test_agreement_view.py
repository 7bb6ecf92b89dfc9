"""The Agreement view opened from the main window: the pairs' numbers, the two charts, and the
hardest documents opening in the editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.domain.model import DOC_DONE, Span
from annotator.store import NewDocument
from window_helpers import show_main_window

T1 = "Mario Draghi ha incontrato Emmanuel Macron a Roma."
T2 = "La Nato si riunisce a Bruxelles."


@pytest.fixture
def window(qtbot, project, labels):
    [(d1, _), (d2, _)] = project.add_documents([NewDocument(T1, {"title": "uno"}), NewDocument(T2, {"title": "due"})])

    def span(doc_id, text, words, label, who):
        start = text.index(words)
        return Span(doc_id, start, start + len(words), label, who, annotator=who)

    project.import_annotations([
        span(d1, T1, "Mario Draghi", "PER", "alice"), span(d1, T1, "Roma", "LOC", "alice"),
        span(d1, T1, "Mario Draghi", "PER", "bob"), span(d1, T1, "Roma", "ORG", "bob"),
        span(d2, T2, "Nato", "ORG", "alice"), span(d2, T2, "Nato", "ORG", "bob"),
    ], action="test", annotator="test")
    for who in ("alice", "bob"):
        for doc_id in (d1, d2):
            project.set_doc_status(doc_id, who, DOC_DONE)
    return show_main_window(qtbot, project, "alice", labels)


def test_agreement_view_shows_pairs_charts_and_opens_the_hardest_document(qtbot, window):
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Measuring the agreement of 2 annotators on 2 articles" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.agreement_view is not None)  # measured off the UI thread
    view = window.agreement_view
    assert view.isVisible()
    row = [view.pairs_table.item(0, c).text() for c in range(6)]
    # exact F1: alice {Draghi PER, Roma LOC, Nato ORG}, bob {Draghi PER, Roma ORG, Nato ORG}: 2 of 3 shared
    assert row[:4] == ["alice", "bob", "2", f"{2 / 3:.3f}"]
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == [
        "Entities", "F1 per label", "Confusion", "Quotations", "Events", "Hardest documents"]
    assert view.tabs.widget(1).figure.axes[0].get_title() == "Agreement per label"
    labels, matrix = view.confusion_labels, view.confusion_matrix
    assert labels == ["LOC", "ORG", "PER", "O"]
    assert matrix[labels.index("LOC")][labels.index("ORG")] == 1  # Roma: LOC for alice, ORG for bob
    assert matrix[labels.index("PER")][labels.index("PER")] == 2  # Mario, Draghi
    # the harder one first, by its title, then its id
    assert [view.documents_table.item(0, c).text() for c in range(2)] == ["uno", window.project.document(1).uid]
    assert view.documents_table.horizontalHeaderItem(0).text() == "title"
    window.controller.open(2)
    table = view.documents_table
    view.tabs.setCurrentIndex(view.tabs.count() - 1)  # Hardest documents
    where = table.visualItemRect(table.item(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # Qt's double click needs the press
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.controller.document.id == 1


def test_the_confusion_heatmap_leaves_out_o_o_so_disagreements_show(qtbot, window):
    from matplotlib.colors import to_hex

    with qtbot.waitActive(window):
        window.activateWindow()
    window.show_agreement()
    qtbot.waitUntil(lambda: window.agreement_view is not None)
    view = window.agreement_view
    view.tabs.setCurrentIndex(2)
    labels, matrix = view.confusion_labels, view.confusion_matrix
    o, loc, org = labels.index("O"), labels.index("LOC"), labels.index("ORG")
    assert matrix[o][o] > 5 * matrix[loc][org]  # raw counts: O/O dwarfs the one disagreement
    image = view.confusion_canvas.figure.axes[0].images[0]
    shown = image.get_array()
    assert shown.mask[o][o] and not shown.mask[loc][org]  # O/O left out (drawn grey)
    assert image.norm(shown[loc][org]) == 1.0  # Roma: every LOC token of alice is ORG for bob, full colour
    assert to_hex(image.cmap(image.norm(shown[loc][org]))) != to_hex(image.cmap(0.0))
    texts = {t.get_text() for t in view.confusion_canvas.figure.axes[0].texts}
    assert f"{matrix[o][o]}\nboth O" in texts and "1\n100%" in texts
    assert "O/O (grey) left out" in view.confusion_canvas.figure.axes[0].get_title()


def test_only_reviewed_articles_are_compared_and_the_rest_is_named(qtbot, window):
    from annotator.domain.model import SUGGESTED, SUGGESTIONS

    start = T2.index("riunisce")  # nobody's entity: a suggestion both still have to decide
    window.project.insert(Span(2, start, start + 8, "MISC", SUGGESTIONS, "m@1", SUGGESTED, "m@1"))
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    message = window.statusBar().currentMessage()
    assert "Measuring the agreement of 2 annotators on 1 article…" in message
    assert "alice: 1 article marked done with suggestions still pending" in message
    qtbot.waitUntil(lambda: window.agreement_view is not None)
    assert window.agreement_view.pairs_table.item(0, 2).text() == "1"  # documents compared
    assert "bob: 1 article marked done with suggestions still pending" in window.statusBar().currentMessage()


def test_one_annotator_gets_a_message_not_a_view(qtbot, project, labels):
    from annotator.ui.main_window import MainWindow

    project.add_documents([NewDocument(T1, {"title": "uno"})])
    win = MainWindow(project, "alice", labels)
    qtbot.addWidget(win)
    win.show_agreement()
    assert win.agreement_view is None
    assert "two annotators" in win.statusBar().currentMessage()
