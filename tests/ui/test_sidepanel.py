"""The side panel: span list (order, suggestions, selection, signal) and metadata form."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time  # noqa: E402

import pytest  # noqa: E402
from PySide6 import QtGui, QtWidgets  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from annotator.domain.labels import LabelSchema  # noqa: E402
from annotator.domain.model import ACCEPTED, IMPORT, MANUAL, SUGGESTED, SUGGESTIONS, Document, Span  # noqa: E402
from annotator.ui.sidepanel import (  # noqa: E402
    COL_LABEL,
    COL_ORIGIN,
    COL_STATUS,
    COL_TEXT,
    MetadataPanel,
    SidePanel,
    SpanListPanel,
    SpanRole,
)

LABELS = LabelSchema.from_dict(
    {
        "labels": [
            {"name": "PER", "description": "Persona", "color": "#e4572e", "key": "1"},
            {"name": "ORG", "description": "Organizzazione", "color": "#2e86de", "key": "2"},
            {"name": "LOC", "description": "Luogo", "color": "#20a464", "key": "3"},
        ]
    }
)
TEXT = "Mario Draghi 🙂 ha incontrato l'Unione europea a Bruxelles."


def span(start: int, end: int, label: str, *, suggested: bool = False, origin: str = MANUAL, id: int | None = None) -> Span:
    if suggested:
        return Span(1, start, end, label, SUGGESTIONS, origin=origin, status=SUGGESTED, annotator=origin, id=id)
    return Span(1, start, end, label, "anna", origin=origin, status=ACCEPTED, annotator="anna", id=id)


SPANS = [
    span(48, 57, "LOC", suggested=True, origin="it_core_news_lg", id=30),  # Bruxelles, listed out of order
    span(0, 12, "PER", id=10),  # Mario Draghi
    span(31, 45, "ORG", origin=IMPORT, id=20),  # Unione europea
]


def shown(qtbot, widget, width: int, height: int):
    """``widget`` closed by qtbot at teardown, resized, shown and exposed (so it paints)."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def spans_panel(qtbot) -> SpanListPanel:
    widget = shown(qtbot, SpanListPanel(), 500, 300)
    widget.set_spans(TEXT, SPANS, LABELS)
    return widget


def cell(panel: SpanListPanel, row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole):
    model = panel.model
    return model.data(model.index(row, col), role)


def test_spans_are_listed_in_text_order(spans_panel: SpanListPanel) -> None:
    assert TEXT[48:57] == "Bruxelles"  # offsets are str indices (code points), past the emoji
    model = spans_panel.model
    assert model.rowCount() == 3
    assert [cell(spans_panel, r, COL_TEXT) for r in range(3)] == ["Mario Draghi", "Unione europea", "Bruxelles"]
    assert [cell(spans_panel, r, COL_LABEL) for r in range(3)] == ["PER", "ORG", "LOC"]
    assert [cell(spans_panel, r, COL_STATUS) for r in range(3)] == ["accepted", "accepted", "suggested"]
    assert [cell(spans_panel, r, COL_ORIGIN) for r in range(3)] == ["manual", "import", "it_core_news_lg"]
    assert [cell(spans_panel, r, COL_TEXT, SpanRole).id for r in range(3)] == [10, 20, 30]
    assert spans_panel.header_label.text() == "2 spans · 1 suggestion"


def test_label_swatch_has_the_label_colour(spans_panel: SpanListPanel) -> None:
    icon = cell(spans_panel, 0, COL_LABEL, Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QtGui.QIcon) and not icon.isNull()
    centre = icon.pixmap(12, 12).toImage().pixelColor(6, 6)
    assert centre.name() == "#e4572e"
    assert "Persona" in cell(spans_panel, 0, COL_LABEL, Qt.ItemDataRole.ToolTipRole)


def test_suggestions_look_different(spans_panel: SpanListPanel) -> None:
    for col in (COL_TEXT, COL_LABEL, COL_STATUS, COL_ORIGIN):
        font = cell(spans_panel, 2, col, Qt.ItemDataRole.FontRole)
        assert isinstance(font, QtGui.QFont) and font.italic()
        brush = cell(spans_panel, 2, col, Qt.ItemDataRole.ForegroundRole)
        assert isinstance(brush, QtGui.QBrush)
        accepted_font = cell(spans_panel, 0, col, Qt.ItemDataRole.FontRole)
        assert accepted_font is None or not accepted_font.italic()
        assert cell(spans_panel, 0, col, Qt.ItemDataRole.ForegroundRole) is None


def test_long_span_text_is_elided_on_one_line(qtbot) -> None:
    widget = SpanListPanel()
    qtbot.addWidget(widget)
    text = "inizio " + "parola " * 40 + "\nfine"
    widget.set_spans(text, [span(0, len(text), "MISC")], LABELS)
    shown = cell(widget, 0, COL_TEXT)
    assert "\n" not in shown and "…" in shown and len(shown) <= 80
    assert shown.startswith("inizio parola") and shown.endswith("fine")
    # a label missing from the schema gets the default grey swatch
    icon = cell(widget, 0, COL_LABEL, Qt.ItemDataRole.DecorationRole)
    assert icon.pixmap(12, 12).toImage().pixelColor(6, 6).name() == "#9e9e9e"


def test_picking_a_row_emits_the_span(qtbot, spans_panel: SpanListPanel) -> None:
    view = spans_panel.view
    rect = view.visualRect(spans_panel.model.index(1, COL_TEXT))
    with qtbot.waitSignal(spans_panel.spanActivated, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0].id == 20
    view.setFocus()
    with qtbot.waitSignal(spans_panel.spanActivated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert blocker.args[0].id == 30 and blocker.args[0].status == SUGGESTED
    with qtbot.waitSignal(spans_panel.spanActivated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Up)
    assert blocker.args[0].id == 20
    assert spans_panel.selected_span().id == 20


def test_select_span_does_not_emit(qtbot, spans_panel: SpanListPanel) -> None:
    with qtbot.assertNotEmitted(spans_panel.spanActivated):
        spans_panel.select_span(SPANS[0])  # the suggestion, row 2
        assert spans_panel.view.selectionModel().selectedRows()[0].row() == 2
        # a span not yet stored is found by its range and label
        spans_panel.select_span(span(0, 12, "PER"))
        assert spans_panel.selected_span().id == 10
        spans_panel.select_span(None)
        assert not spans_panel.view.selectionModel().hasSelection()
        spans_panel.set_spans(TEXT, SPANS, LABELS)


def test_header_counts(qtbot) -> None:
    widget = SpanListPanel()
    qtbot.addWidget(widget)
    widget.set_spans(TEXT, [], LABELS)
    assert widget.header_label.text() == "No spans"
    widget.set_spans(TEXT, [span(0, 5, "PER")], LABELS)
    assert widget.header_label.text() == "1 span · 0 suggestions"


def test_a_thousand_spans_are_fast(qtbot) -> None:
    widget = shown(qtbot, SpanListPanel(), 500, 400)
    text = "parola " * 2000
    spans = [span(i * 14, i * 14 + 6, ("PER", "ORG", "LOC")[i % 3], suggested=bool(i % 4 == 0), id=i + 1)
             for i in range(1000)]
    started = time.perf_counter()
    widget.set_spans(text, list(reversed(spans)), LABELS)
    widget.grab()
    elapsed = time.perf_counter() - started
    assert widget.model.rowCount() == 1000
    assert widget.header_label.text() == "750 spans · 250 suggestions"
    assert cell(widget, 0, COL_TEXT, SpanRole).id == 1
    assert elapsed < 0.5, f"set_spans + paint took {elapsed:.3f} s"


DATED = "Il vertice del 17 dicembre a Bruxelles."
DATE_LABELS = LabelSchema.from_dict({"labels": [
    {"name": "DATE", "description": "Espressione temporale", "color": "#d4a017", "key": "5"},
    {"name": "LOC", "description": "Luogo", "color": "#20a464", "key": "3"},
]})


def dated(value: str | None) -> Span:
    start = DATED.index("17 dicembre")
    return Span(1, start, start + 11, "DATE", SUGGESTIONS, origin="gazetteer", status=SUGGESTED,
                annotator="gazetteer", value=value, id=1)


def row_pixels(panel: SpanListPanel, row: int) -> QtGui.QImage:
    view = panel.view
    return view.viewport().grab(view.visualRect(panel.model.index(row, COL_TEXT))).toImage()


def test_a_date_shows_its_value(qtbot) -> None:
    widget = shown(qtbot, SpanListPanel(), 500, 200)
    bruxelles = DATED.index("Bruxelles")
    widget.set_spans(DATED, [dated("2021-12-17"), span(bruxelles, bruxelles + 9, "LOC", id=2)], DATE_LABELS)
    assert [cell(widget, r, COL_LABEL) for r in range(2)] == ["DATE 2021-12-17", "LOC"]
    assert cell(widget, 0, COL_LABEL, Qt.ItemDataRole.ToolTipRole) == "DATE 2021-12-17: Espressione temporale"
    assert cell(widget, 0, COL_TEXT, Qt.ItemDataRole.ToolTipRole).endswith("17 dicembre\nDATE 2021-12-17")
    assert "2021" not in cell(widget, 1, COL_TEXT, Qt.ItemDataRole.ToolTipRole)
    with_value = row_pixels(widget, 0)
    # a new value for the same span (same text): the row shows it, and paints something else
    widget.set_spans(DATED, [dated("2021-12"), span(bruxelles, bruxelles + 9, "LOC", id=2)], DATE_LABELS)
    assert cell(widget, 0, COL_LABEL) == "DATE 2021-12"
    widget.set_spans(DATED, [dated(None), span(bruxelles, bruxelles + 9, "LOC", id=2)], DATE_LABELS)
    assert cell(widget, 0, COL_LABEL) == "DATE"
    assert row_pixels(widget, 0) != with_value


# --- metadata ------------------------------------------------------------------------------------

META = {
    "title": "Draghi a Bruxelles",
    "published": "2021-12-22",
    "modified": "2021-12-23T08:00:00",
    "url": "https://example.org/news/draghi?a=1&b=2",
    "source": "Corriere della Sera",
    "categories": ["politica", "europa"],
    "imported_from": "/data/corriere/draghi.html",
    "author": "Redazione",
    "removed": [
        {"rule": "cookie-banner", "text": "Accetta i cookie per continuare"},
        {"rule": "share-links", "text": "Condividi su Facebook"},
    ],
}


DOC = Document(7, "a1b2c3", TEXT, META)


@pytest.fixture
def meta_panel(qtbot) -> MetadataPanel:
    return shown(qtbot, MetadataPanel(), 400, 500)


def test_metadata_form(meta_panel: MetadataPanel) -> None:
    meta_panel.show_document(DOC)
    assert meta_panel.value("title") == "Draghi a Bruxelles"
    assert meta_panel.value("uid") == "a1b2c3"
    assert meta_panel.value("published") == "2021-12-22"
    assert meta_panel.value("modified") == "2021-12-23T08:00:00"
    assert meta_panel.value("source") == "Corriere della Sera"
    assert meta_panel.value("categories") == "politica, europa"
    assert meta_panel.value("imported_from") == "/data/corriere/draghi.html"
    assert meta_panel.value("author") == "Redazione"  # any other key gets a generic row
    assert meta_panel.value("removed") is None  # listed apart
    labels = [w.text() for w in meta_panel.findChildren(QtWidgets.QLabel)]
    assert "Author:" in labels and "Imported from:" in labels and "Redazione" in labels


def test_url_is_a_link(meta_panel: MetadataPanel) -> None:
    meta_panel.show_document(DOC)
    label = meta_panel.url_label
    assert label is not None and label.openExternalLinks()
    assert 'href="https://example.org/news/draghi?a=1&amp;b=2"' in label.text()
    assert label.textFormat() == Qt.TextFormat.RichText


def test_removed_lines_expand(qtbot, meta_panel: MetadataPanel) -> None:
    meta_panel.show_document(DOC)
    assert meta_panel.removed_toggle.text() == "Removed while cleaning: 2 lines"
    assert meta_panel.removed_lines() == [
        ("cookie-banner", "Accetta i cookie per continuare"),
        ("share-links", "Condividi su Facebook"),
    ]
    assert not meta_panel.removed_tree.isVisible()
    qtbot.mouseClick(meta_panel.removed_toggle, Qt.MouseButton.LeftButton)
    assert meta_panel.removed_tree.isVisible()
    qtbot.mouseClick(meta_panel.removed_toggle, Qt.MouseButton.LeftButton)
    assert not meta_panel.removed_tree.isVisible()


def test_other_documents_and_none(meta_panel: MetadataPanel) -> None:
    meta_panel.show_document(DOC)
    meta_panel.show_document(Document(8, "zzz", "Testo.", {"title": "Breve", "removed": []}))
    assert meta_panel.value("title") == "Breve"
    assert meta_panel.value("url") == "" and meta_panel.url_label is None
    assert meta_panel.value("author") is None
    assert meta_panel.removed_toggle.text() == "Removed while cleaning: 0 lines"
    assert not meta_panel.removed_toggle.isEnabled()
    assert meta_panel.removed_lines() == []
    meta_panel.show_document(None)
    assert meta_panel.placeholder.isVisible()
    assert meta_panel.value("title") is None


def test_side_panel_tabs(qtbot) -> None:
    panel = SidePanel()
    qtbot.addWidget(panel)
    assert [panel.tabText(i) for i in range(panel.count())] == ["Spans", "Quotations", "Events", "Metadata"]
    assert isinstance(panel.spans, SpanListPanel) and panel.widget(0) is panel.spans
    assert panel.widget(1) is panel.quotes and panel.widget(2) is panel.events
    assert isinstance(panel.metadata, MetadataPanel) and panel.widget(3) is panel.metadata


def test_metadata_tab_is_filled_when_shown(qtbot) -> None:
    side = SidePanel()
    qtbot.addWidget(side)
    doc = Document(1, "uid-1", "Testo.", {"title": "Titolo", "url": "https://example.org/a"})
    side.show_document(doc)
    assert side.metadata.value("title") in (None, "")  # not built while the Spans tab is in front
    side.setCurrentWidget(side.metadata)
    assert side.metadata.value("title") == "Titolo"
    side.setCurrentWidget(side.spans)
    side.show_document(Document(2, "uid-2", "Altro.", {"title": "Secondo"}))
    side.setCurrentWidget(side.metadata)
    assert side.metadata.value("title") == "Secondo"
