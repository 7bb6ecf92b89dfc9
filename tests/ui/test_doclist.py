"""The document list: model rows from the store, lazy chunks, search, status filter, navigation."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6 import QtGui  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from annotator.domain.model import (  # noqa: E402
    ACCEPTED,
    DOC_DONE,
    DOC_IN_PROGRESS,
    DOC_IN_REVIEW,
    REJECTED,
    SUGGESTED,
    SUGGESTIONS,
    Span,
)
from annotator.store.project import NewDocument, Project  # noqa: E402
from annotator.ui.doclist import (  # noqa: E402
    COL_DATE,
    COL_SOURCE,
    COL_SPANS,
    COL_STATUS,
    COL_SUGGESTIONS,
    COL_TITLE,
    DocIdRole,
    DocumentListModel,
    DocumentListPanel,
    StatusRole,
)

ANNA = "anna"

# (title, published, source, text): four articles mention "governo", three "calcio".
ARTICLES = [
    ("Il governo approva la manovra", "2024-03-01T10:00:00+01:00", "Corriere", "Il governo ha approvato la manovra."),
    ("Derby di Milano", "2024-03-02", "Gazzetta", "Il calcio italiano vive una domenica di derby."),
    ("Sciopero dei trasporti", "2024-03-03", "Repubblica", "Treni fermi in tutta Italia per lo sciopero."),
    ("", "2024-03-04", "ANSA", "Un articolo senza titolo sul governo regionale."),
    ("La Juventus vince", "2024-03-05", "Gazzetta", "Il calcio torna protagonista a Torino."),
    ("Crisi di governo a Roma", "2024-03-06", "Il Post", "Il governo rischia la crisi dopo il voto."),
    ("Meteo: arriva la neve", "2024-03-07", "ANSA", "Neve sulle Alpi e freddo in pianura."),
    ("Mercato del calcio", "2024-03-08", "Gazzetta", "Le trattative del calcio estivo sono iniziate."),
    ("Elezioni regionali", "2024-03-09", "Corriere", "Il governo osserva le elezioni in Sardegna."),
    ("Festival di Sanremo", "2024-03-10", "Repubblica", "Canzoni e polemiche all'Ariston."),
]


def make_project(path: Path, articles: list[tuple[str, str, str, str]] = ARTICLES) -> tuple[Project, list[int]]:
    project = Project(path)
    results = project.add_documents(
        NewDocument(text, {"title": title, "published": published, "source": source})
        for title, published, source, text in articles
    )
    return project, [doc_id for doc_id, _ in results]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[Project, list[int]]]:
    """A small project: statuses and spans for ANNA on a few of its ten articles."""
    project, ids = make_project(tmp_path / "list.db")
    with project.db.atomic():
        project.insert(Span(ids[0], 3, 10, "ORG", ANNA, status=ACCEPTED, annotator=ANNA))
        project.insert(Span(ids[0], 20, 27, "MISC", ANNA, status=ACCEPTED, annotator=ANNA))
        project.insert(Span(ids[0], 11, 14, "PER", ANNA, status=REJECTED, annotator=ANNA))
        for start in (0, 10, 20):
            project.insert(Span(ids[1], start, start + 5, "LOC", SUGGESTIONS, origin="it_core_news_lg",
                                status=SUGGESTED, annotator="it_core_news_lg"))
        project.set_doc_status(ids[0], ANNA, DOC_IN_PROGRESS)
        project.set_doc_status(ids[2], ANNA, DOC_DONE)
        project.set_doc_status(ids[4], ANNA, DOC_DONE)
        project.set_doc_status(ids[5], ANNA, DOC_IN_REVIEW)
        project.set_doc_status(ids[3], "bruno", DOC_DONE)  # another annotator's status
    yield project, ids
    project.close()


def open_panel(qtbot, project: Project) -> DocumentListPanel:
    """ANNA's document list over ``project``, shown at a fixed size and exposed (so it paints)."""
    widget = DocumentListPanel(project, ANNA)
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def panel(store, qtbot) -> Iterator[DocumentListPanel]:
    widget = open_panel(qtbot, store[0])
    yield widget
    widget.apply_filters()  # run a pending (debounced) search while the project is still open


def cell(model: DocumentListModel, row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, col), role)


def shown_ids(panel: DocumentListPanel) -> list[int]:
    return list(panel.model.doc_ids())


def test_rows_show_the_store(panel: DocumentListPanel, store) -> None:
    _, ids = store
    model = panel.model
    assert model.rowCount() == 10 and model.columnCount() == 6
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Title", "Date", "Source", "", "Spans", "Sugg."]  # the status is a coloured dot
    assert cell(model, 0, COL_TITLE) == "Il governo approva la manovra"
    assert cell(model, 0, COL_DATE) == "2024-03-01"
    assert cell(model, 0, COL_DATE, Qt.ItemDataRole.ToolTipRole) == "2024-03-01T10:00:00+01:00"
    assert cell(model, 0, COL_SOURCE) == "Corriere"
    assert cell(model, 0, COL_STATUS, StatusRole) == DOC_IN_PROGRESS
    assert cell(model, 0, COL_SPANS) == 2  # the rejected span does not count
    assert cell(model, 0, COL_SUGGESTIONS) == 0
    assert cell(model, 1, COL_SUGGESTIONS) == 3
    assert cell(model, 1, COL_STATUS, StatusRole) == "new"
    assert cell(model, 2, COL_STATUS, StatusRole) == DOC_DONE
    assert cell(model, 3, COL_STATUS, StatusRole) == "new"  # bruno's "done" is not anna's
    assert cell(model, 5, COL_STATUS, StatusRole) == DOC_IN_REVIEW
    # no title: the uid stands in
    uid = panel.model.document_row(3).uid
    assert cell(model, 3, COL_TITLE) == uid and uid
    assert "Il governo approva la manovra" in cell(model, 0, COL_TITLE, Qt.ItemDataRole.ToolTipRole)
    # the status column carries a coloured dot, different per status
    icons = [cell(model, r, COL_STATUS, Qt.ItemDataRole.DecorationRole) for r in (0, 1, 2)]
    assert all(isinstance(i, QtGui.QIcon) and not i.isNull() for i in icons)
    images = [i.pixmap(12, 12).toImage() for i in icons]
    assert images[0] != images[1] != images[2]
    # ... with no text (it would widen the list), and its name as the tooltip
    assert cell(model, 2, COL_STATUS) is None
    assert cell(model, 2, COL_STATUS, Qt.ItemDataRole.ToolTipRole).startswith("done")
    assert cell(model, 0, COL_TITLE, DocIdRole) == ids[0]
    assert model.doc_id_at(9) == ids[9] and model.doc_id_at(10) is None
    assert model.row_of(ids[7]) == 7 and model.row_of(-1) is None
    assert panel.count_label.text() == "10 of 10 articles"


def test_view_setup(panel: DocumentListPanel) -> None:
    view = panel.view
    assert not view.verticalHeader().isVisible()
    assert view.selectionMode() == view.SelectionMode.SingleSelection
    assert view.selectionBehavior() == view.SelectionBehavior.SelectRows
    assert view.editTriggers() == view.EditTrigger.NoEditTriggers
    assert view.alternatingRowColors()
    assert panel.search.placeholderText() == "Search articles (full text)…"
    assert [panel.status_filter.itemText(i) for i in range(panel.status_filter.count())] == [
        "All statuses", "new", "in progress", "done", "in review", "adjudicated"]
    header = view.horizontalHeader()
    assert header.sectionResizeMode(COL_TITLE) == header.ResizeMode.Stretch
    assert header.sectionSize(COL_TITLE) > header.sectionSize(COL_SPANS)


def test_search_filters_after_the_debounce(qtbot, panel: DocumentListPanel, store) -> None:
    _, ids = store
    qtbot.keyClicks(panel.search, "governo")
    assert panel.model.rowCount() == 10  # nothing happens while typing
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=2000)
    assert shown_ids(panel) == [ids[0], ids[3], ids[5], ids[8]]
    assert panel.count_label.text() == "4 of 10 articles"


def test_search_prefix_and_clear(qtbot, panel: DocumentListPanel, store) -> None:
    _, ids = store
    qtbot.keyClicks(panel.search, "calc")  # the last word matches as a prefix
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3, timeout=2000)
    assert shown_ids(panel) == [ids[1], ids[4], ids[7]]
    assert panel.count_label.text() == "3 of 10 articles"
    panel.search.clear()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 10, timeout=2000)
    qtbot.keyClicks(panel.search, "zanzibar")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=2000)
    assert panel.count_label.text() == "0 of 10 articles"


def test_status_filter(qtbot, panel: DocumentListPanel, store) -> None:
    _, ids = store
    panel.status_filter.setCurrentIndex(panel.status_filter.findData(DOC_DONE))
    assert shown_ids(panel) == [ids[2], ids[4]]
    assert panel.count_label.text() == "2 of 10 articles"
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("new"))
    assert shown_ids(panel) == [ids[1], ids[3], ids[6], ids[7], ids[8], ids[9]]
    # search and status together
    qtbot.keyClicks(panel.search, "governo")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=2000)
    assert shown_ids(panel) == [ids[3], ids[8]]
    panel.status_filter.setCurrentIndex(0)
    assert shown_ids(panel) == [ids[0], ids[3], ids[5], ids[8]]


def test_keyboard_and_mouse_selection_emit_document_activated(qtbot, panel: DocumentListPanel, store) -> None:
    _, ids = store
    with qtbot.waitSignal(panel.documentActivated) as blocker:
        panel.set_current(ids[0])
    assert blocker.args == [ids[0]]
    panel.view.setFocus()
    with qtbot.waitSignal(panel.documentActivated, timeout=1000) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert blocker.args == [ids[1]]
    assert panel.current_doc_id() == ids[1]
    rect = panel.view.visualRect(panel.model.index(4, COL_DATE))
    with qtbot.waitSignal(panel.documentActivated, timeout=1000) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids[4]]
    assert panel.view.selectionModel().selectedRows()[0].row() == 4


def test_set_current_selects_without_re_emitting(qtbot, panel: DocumentListPanel, store) -> None:
    _, ids = store
    panel.set_current(ids[6])
    with qtbot.assertNotEmitted(panel.documentActivated):
        panel.set_current(ids[6])
        assert panel.set_current(ids[8], emit=False)
    assert panel.current_doc_id() == ids[8]
    assert panel.view.selectionModel().selectedRows()[0].row() == 8


def test_next_and_previous_follow_the_filtered_order(qtbot, panel: DocumentListPanel, store) -> None:
    _, ids = store
    assert panel.next_doc_id() == ids[0]  # nothing current yet: the first
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("new"))
    new = [ids[1], ids[3], ids[6], ids[7], ids[8], ids[9]]
    panel.set_current(new[0])
    assert panel.previous_doc_id() is None
    assert panel.next_doc_id() == new[1]
    panel.set_current(new[2])
    assert (panel.previous_doc_id(), panel.next_doc_id()) == (new[1], new[3])
    panel.set_current(new[-1])
    assert panel.next_doc_id() is None
    # the current article leaves the filter: its neighbours are where it was
    panel.set_current(new[2])
    store[0].set_doc_status(new[2], ANNA, DOC_DONE)
    panel.reload()
    assert panel.current_doc_id() == new[2]
    assert shown_ids(panel) == [d for d in new if d != new[2]]
    assert (panel.previous_doc_id(), panel.next_doc_id()) == (new[1], new[3])
    # clearing the filter shows and selects it again
    panel.status_filter.setCurrentIndex(0)
    assert panel.view.selectionModel().selectedRows()[0].row() == 6


def test_refresh_documents_updates_counts_and_status(qtbot, panel: DocumentListPanel, store) -> None:
    project, ids = store
    model = panel.model
    assert cell(model, 2, COL_SPANS) == 0
    project.insert(Span(ids[2], 0, 5, "LOC", ANNA, annotator=ANNA))
    project.set_doc_status(ids[2], ANNA, DOC_IN_PROGRESS)
    assert cell(model, 2, COL_SPANS) == 0  # cached until told
    with qtbot.waitSignal(model.dataChanged) as blocker:
        panel.refresh_documents([ids[2]])
    top, bottom = blocker.args[0], blocker.args[1]
    assert (top.row(), bottom.row(), top.column(), bottom.column()) == (2, 2, 0, 5)
    assert cell(model, 2, COL_SPANS) == 1
    assert cell(model, 2, COL_STATUS, StatusRole) == DOC_IN_PROGRESS


def test_reload_after_import_and_other_annotator(qtbot, panel: DocumentListPanel, store) -> None:
    project, ids = store
    panel.set_current(ids[0])
    project.add_documents([NewDocument("Un nuovo articolo importato.", {"title": "Nuovo"})])
    panel.reload()
    assert panel.model.rowCount() == 11
    assert panel.count_label.text() == "11 of 11 articles"
    assert panel.view.selectionModel().selectedRows()[0].row() == 0  # the current one stays selected
    panel.set_annotator("bruno")
    assert panel.annotator() == "bruno"
    assert cell(panel.model, 0, COL_SPANS) == 0
    assert cell(panel.model, 0, COL_STATUS, StatusRole) == "new"
    assert cell(panel.model, 3, COL_STATUS, StatusRole) == DOC_DONE


def test_focus_search(qtbot, panel: DocumentListPanel) -> None:
    panel.activateWindow()
    panel.view.setFocus()
    panel.search.setText("abc")
    panel.focus_search()
    qtbot.waitUntil(panel.search.hasFocus, timeout=1000)
    assert panel.search.selectedText() == "abc"


# --- the lazy cache over a larger project --------------------------------------------------------


@pytest.fixture
def big_store(tmp_path: Path) -> Iterator[tuple[Project, list[int]]]:
    articles = [(f"Articolo {i}", f"2024-01-{i % 28 + 1:02d}", "ANSA", f"Testo numero {i} del notiziario.")
                for i in range(1000)]
    project, ids = make_project(tmp_path / "big.db", articles)
    yield project, ids
    project.close()


def test_only_visible_chunks_are_fetched(qtbot, big_store, monkeypatch) -> None:
    project, ids = big_store
    fetched: list[int] = []
    real = project.document_rows

    def counting(doc_ids, *, annotator):
        fetched.extend(doc_ids)
        return real(doc_ids, annotator=annotator)

    monkeypatch.setattr(project, "document_rows", counting)
    widget = open_panel(qtbot, project)
    widget.grab()  # paint the first screen
    assert widget.model.rowCount() == 1000
    assert widget.count_label.text() == "1,000 of 1,000 articles"
    assert 0 < len(fetched) <= 200
    assert set(fetched) <= set(ids[:200])
    assert widget.model.cached_row_count() <= 200

    widget.view.scrollToBottom()
    widget.grab()
    qtbot.waitUntil(lambda: ids[-1] in fetched, timeout=1000)
    assert len(fetched) <= 400  # the first chunk and the last one, not the 600 in between
    assert ids[500] not in fetched
    assert cell(widget.model, 999, COL_TITLE) == "Articolo 999"


def test_cache_keeps_a_bounded_number_of_chunks(big_store) -> None:
    project, ids = big_store
    model = DocumentListModel(project, ANNA, chunk_size=50, max_chunks=3)
    for row in range(0, 1000, 50):
        assert cell(model, row, COL_TITLE) == f"Articolo {row}"
    assert model.cached_row_count() == 150


def test_removed_document_does_not_break_the_list(big_store) -> None:
    project, ids = big_store
    model = DocumentListModel(project, ANNA)
    with project.db.atomic():
        project.conn.execute("DELETE FROM documents WHERE id = ?", (ids[1],))
    assert cell(model, 0, COL_TITLE) == "Articolo 0"
    assert cell(model, 1, COL_TITLE) == "(removed from the project)"
    assert cell(model, 1, COL_SPANS) is None
    model.reload()
    assert model.rowCount() == 999
