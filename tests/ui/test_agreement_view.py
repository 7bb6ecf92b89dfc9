"""The Agreement view opened from the main window: the pairs' numbers, the two charts, and the
hardest documents opening in the editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.domain.model import DOC_DONE, Span
from annotator.store import NewDocument

T1 = "Mario Draghi ha incontrato Emmanuel Macron a Roma."
T2 = "La Nato si riunisce a Bruxelles."


@pytest.fixture
def window(qtbot, project, labels):
    from annotator.ui.main_window import MainWindow

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
    win = MainWindow(project, "alice", labels)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


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
    assert view.documents_table.item(0, 0).text() == window.project.document(1).uid  # the harder one first
    window.controller.open(2)
    view.documents_table.cellDoubleClicked.emit(0, 0)
    assert window.controller.document.id == 1


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
