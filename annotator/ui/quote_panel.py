"""The Quotations panel: every quotation of the open article with its speaker, cue and kind.

A row per quotation, in text order; suggested ones are marked with "?" and in italics until the
annotator accepts, edits or rejects them. Selecting a row makes that quotation current (the text
shows its parts); the buttons under the list carry the window's quotation actions, so they show and
use the same shortcuts as the menu.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt

from ..domain.model import SUGGESTED, Quote

QUOTE_COLOR = "#0f766e"  # teal: distinct from every default label colour
COLUMNS = ("", "Kind", "Quotation", "Speaker", "Cue")


def excerpt(text: str, start: int | None, end: int | None, limit: int = 90, missing: str = "—") -> str:
    """The words of a range on one line, cut at ``limit`` characters; ``missing`` for no range."""
    if start is None or end is None:
        return missing
    snippet = " ".join(text[start:end].split())
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"


def same_quote(a: Quote | None, b: Quote | None) -> bool:
    """The same quotation, also across an edit (a suggestion accepted is a new row at the same place)."""
    if a is None or b is None:
        return False
    return (a.id == b.id and a.layer == b.layer) or (a.start, a.end) == (b.start, b.end)


def add_action_buttons(grid: QtWidgets.QGridLayout, actions: Sequence[tuple[QtGui.QAction, str]]) -> None:
    """Buttons for window actions (same handler and shortcut) in rows of three, each with a short
    caption that names its key, so a side panel stays narrow."""
    for number, (action, caption) in enumerate(actions):
        button = QtWidgets.QToolButton()
        button.setDefaultAction(action)
        button.setText(caption)
        button.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
        grid.addWidget(button, number // 3, number % 3)


def item_list(columns: Sequence[str], *, stretch: int, widths: Mapping[int, int]) -> QtWidgets.QTreeWidget:
    """A flat list of annotations with ``columns``: one row selected at a time, alternating colours,
    and focus only on click, so the annotation keys stay with the text. Column ``stretch`` takes
    the width left; those in ``widths`` start at that many pixels and can be dragged; the others
    fit their contents."""
    tree = QtWidgets.QTreeWidget()
    tree.setColumnCount(len(columns))
    tree.setHeaderLabels(list(columns))
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setWordWrap(False)
    tree.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
    tree.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    header = tree.header()
    header.setStretchLastSection(False)
    mode = QtWidgets.QHeaderView.ResizeMode
    for column in range(len(columns)):
        header.setSectionResizeMode(column, mode.Stretch if column == stretch
                                    else mode.Interactive if column in widths else mode.ResizeToContents)
    for column, width in widths.items():
        header.resizeSection(column, width)
    return tree


def selected_row(tree: QtWidgets.QTreeWidget) -> int | None:
    """The row of the selected item of a flat tree, or None."""
    items = tree.selectedItems()
    return tree.indexOfTopLevelItem(items[0]) if items else None


def show_row(tree: QtWidgets.QTreeWidget, row: int | None) -> None:
    """Select and reveal ``row`` (None clears the selection) without the tree's signals."""
    blocker = QtCore.QSignalBlocker(tree)
    if row is None:
        tree.clearSelection()
    else:
        item = tree.topLevelItem(row)
        tree.setCurrentItem(item)
        tree.scrollToItem(item)
    del blocker


class QuotePanel(QtWidgets.QWidget):
    """Lists quotations; emits :attr:`quoteSelected` when the user picks one."""

    quoteSelected = QtCore.Signal(object)  # Quote | None

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._quotes: list[Quote] = []
        self._text = ""
        self.summary = QtWidgets.QLabel()
        self.summary.setStyleSheet("color: palette(mid); padding: 2px 4px;")
        self.tree = item_list(COLUMNS, stretch=2, widths={3: 110, 4: 80})  # the quotation's words stretch
        self.tree.itemSelectionChanged.connect(self._on_selection)
        self.buttons = QtWidgets.QGridLayout()  # two rows of three: the panel stays narrow
        self.buttons.setSpacing(2)
        self.hint = QtWidgets.QLabel(
            "Select words and press <b>Q</b> for a new quotation. With one selected: click a name or "
            "select words, then <b>S</b> sets the speaker, <b>C</b> the cue; <b>K</b> changes the kind.")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid); padding: 4px;")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(self.buttons)
        layout.addWidget(self.hint)

    def add_buttons(self, actions: Sequence[tuple[QtGui.QAction, str]]) -> None:
        """Buttons for the window's quotation actions (see :func:`add_action_buttons`)."""
        add_action_buttons(self.buttons, actions)

    # --- content -------------------------------------------------------------------------------

    def set_quotes(self, text: str, quotes: Sequence[Quote], current: Quote | None = None) -> None:
        self._text = text
        self._quotes = sorted(quotes, key=lambda q: (q.start, q.end))
        blocker = QtCore.QSignalBlocker(self.tree)
        self.tree.clear()
        italic = QtGui.QFont(self.tree.font())
        italic.setItalic(True)
        for quote in self._quotes:
            suggested = quote.status == SUGGESTED
            speaker = excerpt(text, quote.speaker_start, quote.speaker_end, 40)
            item = QtWidgets.QTreeWidgetItem([
                "?" if suggested else "✓", quote.kind,
                excerpt(text, quote.start, quote.end), speaker,
                excerpt(text, quote.cue_start, quote.cue_end, 30)])
            item.setToolTip(2, excerpt(text, quote.start, quote.end, 600))
            item.setForeground(0, QtGui.QColor(QUOTE_COLOR))
            if suggested:
                for column in range(len(COLUMNS)):
                    item.setFont(column, italic)
                item.setToolTip(0, "Suggested: Shift+Q accepts, Shift+Del rejects")
            self.tree.addTopLevelItem(item)
        del blocker
        suggested = sum(1 for q in self._quotes if q.status == SUGGESTED)
        self.summary.setText(f"{len(self._quotes)} quotations · {suggested} suggested" if self._quotes
                             else "No quotations in this article yet")
        self.select_quote(current, emit=False)

    @property
    def quotes(self) -> list[Quote]:
        return self._quotes

    def current_quote(self) -> Quote | None:
        row = selected_row(self.tree)
        return self._quotes[row] if row is not None and 0 <= row < len(self._quotes) else None

    def select_quote(self, quote: Quote | None, *, emit: bool = True) -> None:
        show_row(self.tree, next((i for i, q in enumerate(self._quotes) if same_quote(q, quote)), None))
        if emit:
            self.quoteSelected.emit(self.current_quote())

    def _on_selection(self) -> None:
        self.quoteSelected.emit(self.current_quote())
