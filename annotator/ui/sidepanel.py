"""The side panel beside the editor: the current document's spans, and its metadata."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt

from ..domain.event_schema import EventSchema
from ..domain.labels import LabelSchema
from ..domain.model import SUGGESTED, Document, Span
from ..services.settings import DEFAULT_EVENTS
from .icons import color_icon
from .event_panel import EventPanel
from .quote_panel import QuotePanel

__all__ = ["MetadataPanel", "SidePanel", "SpanListModel", "SpanListPanel"]

SpanRole = Qt.ItemDataRole.UserRole + 1
"""Item data role giving the :class:`Span` of a row (any column)."""

COL_TEXT, COL_LABEL, COL_STATUS, COL_ORIGIN = range(4)
SPAN_COLUMNS = ("Text", "Label", "Status", "Origin")
_MAX_SPAN_TEXT = 80  # characters shown before eliding; the view elides further to its width


def swatch_icon(color: str) -> QtGui.QIcon:
    """A small rounded square filled with ``color``."""
    return color_icon(color, round_dot=False)


def _excerpt(text: str, start: int, end: int) -> str:
    """The span's text on one line, elided in the middle when long."""
    piece = " ".join(text[start:end].split())
    if len(piece) > _MAX_SPAN_TEXT:
        half = (_MAX_SPAN_TEXT - 1) // 2
        piece = piece[:half] + "…" + piece[-half:]
    return piece


def label_with_value(span: Span) -> str:
    """The label as the list shows it: with the span's value when it has one ("DATE 2021-12-17")."""
    return span.label if span.value is None else f"{span.label} {span.value}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


class SpanListModel(QtCore.QAbstractTableModel):
    """The spans of one document, in text order; suggestions render in grey italics."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._spans: list[Span] = []
        self._texts: list[str] = []
        self._labels = LabelSchema(())
        self._italic: QtGui.QFont | None = None
        self._grey: QtGui.QBrush | None = None
        self._text: str | None = None

    def set_spans(self, text: str, spans: Sequence[Span], labels: LabelSchema) -> None:
        """Show ``spans`` of ``text`` (sorted by start, end) with the colours of ``labels``.

        For the same text (an edit), only the rows that differ are replaced, so the table repaints
        one or a few rows instead of every visible one.
        """
        new = sorted(spans, key=lambda s: (s.start, s.end, s.label))
        if text is not self._text or labels is not self._labels:
            self.beginResetModel()
            self._text, self._labels = text, labels
            self._spans = new
            self._texts = [_excerpt(text, s.start, s.end) for s in new]
            self.endResetModel()
            return
        old = self._spans
        first, limit = 0, min(len(old), len(new))
        while first < limit and _row_key(old[first]) == _row_key(new[first]):
            first += 1
        tail = 0
        while tail < limit - first and _row_key(old[-1 - tail]) == _row_key(new[-1 - tail]):
            tail += 1
        old_end, new_end = len(old) - tail, len(new) - tail
        middle = new[first:new_end]
        texts = [_excerpt(text, s.start, s.end) for s in middle]
        if old_end - first == new_end - first:
            if middle:
                self._spans[first:old_end], self._texts[first:old_end] = middle, texts
                self.dataChanged.emit(self.index(first, 0), self.index(old_end - 1, len(SPAN_COLUMNS) - 1))
            return
        if old_end > first:
            self.beginRemoveRows(QtCore.QModelIndex(), first, old_end - 1)
            del self._spans[first:old_end], self._texts[first:old_end]
            self.endRemoveRows()
        if middle:
            self.beginInsertRows(QtCore.QModelIndex(), first, first + len(middle) - 1)
            self._spans[first:first] = middle
            self._texts[first:first] = texts
            self.endInsertRows()

    def spans(self) -> list[Span]:
        """The spans in row order (do not modify)."""
        return self._spans

    def span_at(self, row: int) -> Span | None:
        return self._spans[row] if 0 <= row < len(self._spans) else None

    def row_text(self, row: int) -> str:
        return self._texts[row]

    def label_color(self, label: str) -> str:
        return self._labels.color(label)

    def row_of(self, span: Span | None) -> int | None:
        """The row of ``span`` (matched by id when stored, else by range, label and layer)."""
        if span is None:
            return None
        if span.id is not None:
            return next((i for i, s in enumerate(self._spans) if s.id == span.id), None)
        key = (span.start, span.end, span.label, span.layer)
        return next((i for i, s in enumerate(self._spans) if (s.start, s.end, s.label, s.layer) == key), None)

    def counts(self) -> tuple[int, int]:
        """(spans that are the annotator's, suggestions still to decide)."""
        suggested = sum(1 for s in self._spans if s.status == SUGGESTED)
        return len(self._spans) - suggested, suggested

    def rowCount(self, parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex = QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex = QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else len(SPAN_COLUMNS)

    def flags(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(SPAN_COLUMNS):
            return SPAN_COLUMNS[section]
        return None

    def data(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and role on each repaint: plain int roles and precomputed
        # values keep a repaint of the table in the low milliseconds.
        row = index.row()
        if not 0 <= row < len(self._spans):
            return None
        role = int(role)
        span = self._spans[row]
        col = index.column()
        if role == _DISPLAY:
            if col == COL_TEXT:
                return self._texts[row]
            if col == COL_LABEL:
                return label_with_value(span)
            if col == COL_STATUS:
                return span.status
            return span.origin if col == COL_ORIGIN else None
        if role == _SPAN:
            return span
        if role == _DECORATION:
            return swatch_icon(self._labels.color(span.label)) if col == COL_LABEL else None
        if role == _FONT:
            if span.status != SUGGESTED:
                return None
            if self._italic is None:
                self._italic = QtGui.QFont(QtGui.QGuiApplication.font())
                self._italic.setItalic(True)
            return self._italic
        if role == _FOREGROUND:
            if span.status != SUGGESTED:
                return None
            if self._grey is None:
                self._grey = QtGui.QBrush(QtGui.QGuiApplication.palette().color(QtGui.QPalette.ColorRole.PlaceholderText))
            return self._grey
        if role == _TOOLTIP:
            if col == COL_LABEL:
                label = self._labels.get(span.label)
                shown = label_with_value(span)
                return f"{shown}: {label.description}" if label and label.description else shown
            kind = "Suggestion" if span.status == SUGGESTED else "Span"
            tip = f"{kind} at characters {span.start}–{span.end}\n{self._texts[row]}"
            return tip if span.value is None else f"{tip}\n{label_with_value(span)}"
        return None


def _row_key(span: Span) -> tuple:
    return (span.id, span.layer, span.start, span.end, span.label, span.status, span.origin, span.value)


_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_SPAN = int(SpanRole)


class SpanRowDelegate(QtWidgets.QStyledItemDelegate):
    """Paints one span per row: colour swatch, label (and value: "DATE 2021-12-17"), the span's text,
    and its status or origin.

    Suggestions are italic and grey, like the model's font and foreground roles. Labels and statuses
    are few and drawn from pre-shaped :class:`QStaticText`; only the span's own text is shaped per
    paint, so a screenful of rows costs a few milliseconds.
    """

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._static: dict[tuple[str, bool], QtGui.QStaticText] = {}
        self._fonts: dict[tuple[bool, bool], QtGui.QFont] = {}
        self._styles: dict[tuple, tuple] = {}

    def sizeHint(self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex) -> QtCore.QSize:  # noqa: N802
        return QtCore.QSize(200, option.fontMetrics.height() + 8)

    def _font(self, base: QtGui.QFont, *, bold: bool, italic: bool) -> QtGui.QFont:
        font = self._fonts.get((bold, italic))
        if font is None:
            font = QtGui.QFont(base)
            font.setBold(bold)
            font.setItalic(italic)
            self._fonts[(bold, italic)] = font
        return font

    def _static_text(self, text: str, font: QtGui.QFont, bold: bool) -> QtGui.QStaticText:
        static = self._static.get((text, bold))
        if static is None:
            static = QtGui.QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QtGui.QTransform(), font)
            self._static[(text, bold)] = static
        return static

    def _style(self, model: "SpanListModel", option: QtWidgets.QStyleOptionViewItem, label: str,
               suggested: bool, selected: bool) -> tuple:
        """Everything a row needs that depends only on its label and state, computed once."""
        palette = option.palette
        key = (label, suggested, selected, palette.cacheKey(), option.font.key())
        style = self._styles.get(key)
        if style is None:
            color = QtGui.QColor(model.label_color(label))
            text = palette.color(QtGui.QPalette.ColorRole.HighlightedText if selected else QtGui.QPalette.ColorRole.Text)
            grey = text if selected else palette.color(QtGui.QPalette.ColorRole.PlaceholderText)
            bold = self._font(option.font, bold=True, italic=False)
            font = self._font(option.font, bold=False, italic=suggested)
            style = self._styles[key] = (
                swatch_icon(color.name()).pixmap(12, 12),
                text if selected else color.darker(130),
                bold,
                self._static_text(label, bold, True),
                font,
                grey,
                grey if suggested else text,
            )
        return style

    def paint(self, painter: QtGui.QPainter, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex) -> None:
        model = index.model()
        row = index.row()
        span = model.span_at(row)
        if span is None:
            return
        state = option.state
        selected = bool(state & _SELECTED)
        if selected or state & _HOVER:
            widget = option.widget
            style = widget.style() if widget else QtWidgets.QApplication.style()
            style.drawPrimitive(QtWidgets.QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        suggested = span.status == SUGGESTED
        swatch, label_pen, bold, label_text, font, grey, text_pen = self._style(model, option, span.label, suggested, selected)
        rect = option.rect
        left, top, width, height = rect.x(), rect.y(), rect.width(), rect.height()
        baseline_top = top + (height - option.fontMetrics.height()) // 2
        painter.save()
        painter.drawPixmap(left + 6, top + height // 2 - 6, swatch)
        painter.setFont(bold)
        painter.setPen(label_pen)
        painter.drawStaticText(left + 24, baseline_top, label_text)
        painter.setFont(font)
        status = self._static_text("suggested" if suggested else span.origin, font, False)
        status_width = min(int(status.size().width()) + 2, width // 3)
        status_left = left + width - 6 - status_width
        painter.setPen(grey)
        painter.setClipRect(status_left, top, status_width, height)
        painter.drawStaticText(status_left, baseline_top, status)
        text_left = left + 74
        if span.value is not None:
            text_left = self._paint_value(painter, option, span.value, left + 30 + int(label_text.size().width()),
                                          status_left, (top, height, baseline_top), text_left)
        painter.setClipRect(text_left, top, max(0, status_left - text_left - 8), height)
        painter.setPen(text_pen)
        painter.drawText(text_left, baseline_top + option.fontMetrics.ascent(), model.row_text(row))
        painter.restore()

    @staticmethod
    def _paint_value(painter: QtGui.QPainter, option: QtWidgets.QStyleOptionViewItem, value: str, value_left: int,
                     status_left: int, row: tuple[int, int, int], text_left: int) -> int:
        """Draw a span's value after its label (pen and font of the status); returns where the
        span's text starts, after the value."""
        top, height, baseline_top = row
        metrics = option.fontMetrics
        painter.setClipRect(value_left, top, max(0, status_left - value_left - 8), height)
        painter.drawText(value_left, baseline_top + metrics.ascent(), value)
        return max(text_left, value_left + metrics.horizontalAdvance(value) + 10)


_SELECTED = QtWidgets.QStyle.StateFlag.State_Selected
_HOVER = QtWidgets.QStyle.StateFlag.State_MouseOver


class SpanListPanel(QtWidgets.QWidget):
    """The current document's spans in text order, with a header line of counts."""

    spanActivated = QtCore.Signal(object)
    """The user picked a row (click, Enter or a keyboard move); carries its :class:`Span`."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._silent = 0
        self.model = SpanListModel(self)
        self.header_label = QtWidgets.QLabel("No spans", self)
        self.header_label.setObjectName("spanCounts")

        # One delegate paints a whole row (swatch, label, text, status): a table of styled cells
        # would ask Python for ~10 roles per cell on every repaint, the costliest part of an edit.
        self.view = QtWidgets.QTableView(self)
        self.view.setObjectName("spanTable")
        view = self.view
        view.setModel(self.model)
        view.setItemDelegateForColumn(COL_TEXT, SpanRowDelegate(view))
        for col in range(1, len(SPAN_COLUMNS)):
            view.setColumnHidden(col, True)  # the delegate paints label, status and origin in the row
        view.horizontalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        vheader = view.verticalHeader()
        vheader.setVisible(False)
        # fixed row height: positions are arithmetic, no per-row layout pass after an edit
        vheader.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setTabKeyNavigation(False)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        view.activated.connect(self._on_activated)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header_label)
        layout.addWidget(view, 1)

    def set_spans(self, text: str, spans: Sequence[Span], labels: LabelSchema) -> None:
        """Show the spans of the document whose text is ``text``; clears the selection."""
        self._silent += 1
        try:
            self.model.set_spans(text, spans, labels)
        finally:
            self._silent -= 1
        accepted, suggested = self.model.counts()
        if not accepted and not suggested:
            self.header_label.setText("No spans")
        else:
            self.header_label.setText(f"{_plural(accepted, 'span')} · {_plural(suggested, 'suggestion')}")

    def clear(self) -> None:
        self.set_spans("", [], LabelSchema(()))

    def select_span(self, span: Span | None) -> None:
        """Select the row of ``span`` (None clears the selection) without emitting spanActivated."""
        self._silent += 1
        try:
            row = self.model.row_of(span)
            if row is None:
                self.view.clearSelection()
                return
            index = self.model.index(row, COL_TEXT)
            self.view.selectionModel().setCurrentIndex(
                index,
                QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QtCore.QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)
        finally:
            self._silent -= 1

    def selected_span(self) -> Span | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.span_at(rows[0].row()) if rows else None

    def _on_selection_changed(self, *_: object) -> None:
        if self._silent:
            return
        span = self.selected_span()
        if span is not None:
            self.spanActivated.emit(span)

    def _on_activated(self, index: QtCore.QModelIndex) -> None:
        # Enter or double-click on a row: pick it again (e.g. to jump back to it in the editor)
        span = self.model.span_at(index.row())
        if span is not None and not self._silent:
            self.spanActivated.emit(span)


# Metadata keys shown in a fixed order with their own labels; other keys follow as generic rows.
_KNOWN_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("uid", "UID"),
    ("published", "Published"),
    ("modified", "Modified"),
    ("url", "URL"),
    ("source", "Source"),
    ("categories", "Categories"),
    ("imported_from", "Imported from"),
)
_HIDDEN_KEYS = frozenset({"removed", "imported from", "importedFrom"})


def _format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _key_title(key: str) -> str:
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else key


def _removed_lines(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """(rule, text) of each line cleaning removed, from ``meta["removed"]``."""
    items = meta.get("removed")
    if not isinstance(items, list):
        return []
    lines: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, dict):
            lines.append((str(item.get("rule") or ""), str(item.get("text") or "")))
        else:
            lines.append(("", str(item)))
    return lines


class MetadataPanel(QtWidgets.QWidget):
    """The document's metadata as a read-only form, with the lines removed while cleaning."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: dict[str, str] = {}

        self.placeholder = QtWidgets.QLabel("No document open", self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)

        self._form_widget = QtWidgets.QWidget()
        self.form = QtWidgets.QFormLayout(self._form_widget)
        self.form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        self.removed_toggle = QtWidgets.QToolButton()
        self.removed_toggle.setObjectName("removedToggle")
        self.removed_toggle.setCheckable(True)
        self.removed_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.removed_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.removed_toggle.setAutoRaise(True)
        self.removed_toggle.setToolTip("Show the lines the cleaner removed and the rule that removed each")
        self.removed_toggle.toggled.connect(self._set_removed_expanded)

        self.removed_tree = QtWidgets.QTreeWidget()
        self.removed_tree.setObjectName("removedLines")
        self.removed_tree.setColumnCount(2)
        self.removed_tree.setHeaderLabels(["Rule", "Line"])
        self.removed_tree.setRootIsDecorated(False)
        self.removed_tree.setUniformRowHeights(True)
        self.removed_tree.setAlternatingRowColors(True)
        self.removed_tree.setWordWrap(False)
        self.removed_tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.removed_tree.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.removed_tree.header().setStretchLastSection(True)
        self.removed_tree.setVisible(False)

        removed_box = QtWidgets.QWidget()
        removed_layout = QtWidgets.QVBoxLayout(removed_box)
        removed_layout.setContentsMargins(0, 6, 0, 0)
        removed_layout.setSpacing(2)
        removed_layout.addWidget(self.removed_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        removed_layout.addWidget(self.removed_tree, 1)
        self._removed_box = removed_box

        content = QtWidgets.QWidget()
        content_layout = QtWidgets.QVBoxLayout(content)
        content_layout.setContentsMargins(6, 6, 6, 6)
        content_layout.addWidget(self._form_widget)
        content_layout.addWidget(removed_box, 1)
        content_layout.addStretch(0)
        self._content = content

        scroll = QtWidgets.QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self._scroll = scroll

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(scroll, 1)
        self.url_label: QtWidgets.QLabel | None = None
        self.show_document(None)

    def show_document(self, doc: Document | None) -> None:
        """Show the metadata of ``doc`` (None: an empty panel saying no document is open)."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self._values = {}
        self.url_label = None
        self.removed_tree.clear()
        self.removed_toggle.setChecked(False)
        self.placeholder.setVisible(doc is None)
        self._scroll.setVisible(doc is not None)
        if doc is None:
            return
        meta = dict(doc.meta)
        for key, caption in _KNOWN_FIELDS:
            value = doc.uid if key == "uid" else meta.get(key)
            if key == "imported_from" and value in (None, ""):
                value = doc.imported_from or meta.get("imported from") or meta.get("importedFrom")
            if key == "url":
                self._add_url(caption, _format_value(value))
            else:
                self._add_row(key, caption, _format_value(value))
        known = {k for k, _ in _KNOWN_FIELDS}
        for key in sorted(k for k in meta if k not in known and k not in _HIDDEN_KEYS):
            self._add_row(key, _key_title(key), _format_value(meta[key]))

        lines = _removed_lines(meta)
        self._removed_box.setVisible("removed" in meta)
        self.removed_toggle.setText(f"Removed while cleaning: {_plural(len(lines), 'line')}")
        self.removed_toggle.setEnabled(bool(lines))
        items = []
        for rule, text in lines:
            item = QtWidgets.QTreeWidgetItem([rule or "—", text])
            item.setToolTip(1, text)
            item.setToolTip(0, rule)
            items.append(item)
        self.removed_tree.addTopLevelItems(items)
        if items:
            self.removed_tree.resizeColumnToContents(0)

    def _value_label(self, text: str) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not text:
            label.setText("—")
            label.setEnabled(False)
        return label

    def _add_row(self, key: str, caption: str, text: str) -> None:
        self._values[key] = text
        self.form.addRow(caption + ":", self._value_label(text))

    def _add_url(self, caption: str, url: str) -> None:
        self._values["url"] = url
        if not url:
            self.form.addRow(caption + ":", self._value_label(""))
            return
        label = QtWidgets.QLabel()
        label.setObjectName("urlLabel")
        label.setTextFormat(Qt.TextFormat.RichText)
        escaped = url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        label.setText(f'<a href="{escaped}">{escaped}</a>')
        label.setOpenExternalLinks(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setWordWrap(True)
        label.setToolTip(url)
        self.url_label = label
        self.form.addRow(caption + ":", label)

    def value(self, key: str) -> str | None:
        """The text shown for metadata ``key`` ("title", "url", or any other key), or None."""
        return self._values.get(key)

    def removed_lines(self) -> list[tuple[str, str]]:
        """(rule, text) of the removed lines as listed."""
        tree = self.removed_tree
        return [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1)) for i in range(tree.topLevelItemCount())]

    def _set_removed_expanded(self, expanded: bool) -> None:
        self.removed_toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.removed_tree.setVisible(expanded)


class SidePanel(QtWidgets.QTabWidget):
    """Tabs beside the editor: "Spans", "Quotations", "Events" and "Metadata"."""

    def __init__(self, events: EventSchema | None = None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.spans = SpanListPanel(self)
        self.quotes = QuotePanel(self)
        self.events = EventPanel(events or EventSchema.load(DEFAULT_EVENTS), self)
        self.metadata = MetadataPanel(self)
        self.addTab(self.spans, "Spans")
        self.addTab(self.quotes, "Quotations")
        self.addTab(self.events, "Events")
        self.addTab(self.metadata, "Metadata")
        self.setDocumentMode(True)
        self._pending: tuple[Document | None] | None = None
        self.currentChanged.connect(lambda _index: self._show_pending())

    def show_document(self, doc: Document | None) -> None:
        """Show ``doc``'s metadata, building the form only when its tab is (or becomes) visible."""
        self._pending = (doc,)
        self._show_pending()

    def _show_pending(self) -> None:
        if self._pending is not None and self.currentWidget() is self.metadata:
            (doc,) = self._pending
            self._pending = None
            self.metadata.show_document(doc)
