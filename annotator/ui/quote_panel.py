"""The Quotations panel: every quotation of the open article with its speaker, cue and kind.

A row per quotation, in text order; suggested ones are marked with "?" and in italics until the
annotator accepts, edits or rejects them. A speaker that stands for a name the article gives
("il ministro") shows it: "il ministro → Roberto Maroni". Selecting a row makes that quotation
current (the text shows its parts) and the row under the list shows whom its speaker names, in a
drop-down of the article's named entities to pick another (or no one) from. The buttons under the
list carry the window's quotation actions, so they show and use the same shortcuts as the menu.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt

from ..domain.model import SUGGESTED, EntityRef, Quote
from ..services.mentions import resolved_name
from .contrast import mute
from .entity_picker import NO_ONE, EntityPicker

QUOTE_COLOR = "#0f766e"  # teal: distinct from every default label colour
COLUMNS = ("", "Kind", "Quotation", "Speaker", "Cue")


def excerpt(text: str, start: int | None, end: int | None, limit: int = 90, missing: str = "—") -> str:
    """The words of a range on one line, cut at ``limit`` characters; ``missing`` for no range."""
    if start is None or end is None:
        return missing
    snippet = " ".join(text[start:end].split())
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"


def with_name(text: str, start: int | None, end: int | None, entity: EntityRef | None, limit: int = 40) -> str:
    """The words of a speaker or an argument, and the name they stand for when it says more:
    "il ministro → Roberto Maroni"."""
    words = excerpt(text, start, end, limit)
    name = resolved_name(text, (start, end), entity) if start is not None else None
    return f"{words} → {excerpt(text, entity.start, entity.end, limit)}" if name and entity else words


def entity_tooltip(text: str, start: int | None, end: int | None, entity: EntityRef | None) -> str:
    """What a speaker's or an argument's cell says on hover: its words and whom they name."""
    words = excerpt(text, start, end, 200)
    if entity is None:
        return f"{words} — {NO_ONE}"
    return f"{words} — names {excerpt(text, entity.start, entity.end, 200)} ({entity.label or '?'})"


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


class _ColumnFitter(QtCore.QObject):
    """Keeps a flat tree's columns within its width, so it never needs a horizontal scroll bar.

    Each column wants its contents' width, capped (at its entry in ``caps``, else 160 px); the
    ``stretch`` column takes what is left. When even that does not fit, every column but the
    first gives up width in proportion and elides its text (the tooltip and the form below show
    the whole item).
    """

    MIN_WIDTH = 24
    MIN_STRETCH = 110

    def __init__(self, tree: QtWidgets.QTreeWidget, stretch: int, caps: Mapping[int, int],
                 optional: Sequence[int] = (), min_stretch: int = MIN_STRETCH) -> None:
        super().__init__(tree)
        self._tree, self._stretch, self._caps, self._optional = tree, stretch, dict(caps), tuple(optional)
        self._min_stretch = min_stretch
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        tree.viewport().installEventFilter(self)
        model = tree.model()
        model.rowsInserted.connect(self._rows_added)
        model.modelReset.connect(self._timer.start)
        model.dataChanged.connect(self._timer.start)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if event.type() == QtCore.QEvent.Type.Resize:
            self.fit()
        return False

    def _rows_added(self, _parent: QtCore.QModelIndex, first: int, last: int) -> None:
        tree = self._tree
        for row in range(first, last + 1):  # a cut cell can always be read whole on hover
            item = tree.topLevelItem(row)
            if item is None:
                continue
            for column in range(tree.columnCount()):
                if not item.toolTip(column) and item.text(column):
                    item.setToolTip(column, item.text(column))
        self._timer.start()

    def fit(self) -> None:
        """Give every column its width now (called on resize and after the rows change)."""
        tree, header = self._tree, self._tree.header()
        available = tree.viewport().width()
        count = tree.columnCount()
        if available <= 0 or count == 0:
            return
        wanted = {}
        for column in range(count):
            natural = max(header.sectionSizeFromContents(column).width(), tree.sizeHintForColumn(column) + 8)
            wanted[column] = self._min_stretch if column == self._stretch else \
                max(self.MIN_WIDTH, min(natural, self._caps.get(column, 160)))
        shown = set(wanted)
        for column in self._optional:  # the form below shows them: first to go when narrow
            if sum(wanted[c] for c in shown) > available:
                shown.discard(column)
        squeezable = [c for c in sorted(shown) if c not in (0, self._stretch)]
        excess = sum(wanted[c] for c in shown) - available
        if excess > 0 and squeezable:  # every column but the marker and the stretching one gives up width
            total = sum(wanted[c] for c in squeezable)
            for c in squeezable:
                wanted[c] = max(self.MIN_WIDTH, wanted[c] - excess * wanted[c] // total - 1)
        wanted[self._stretch] = max(self.MIN_WIDTH, available - sum(wanted[c] for c in shown if c != self._stretch))
        for column in range(count):
            tree.setColumnHidden(column, column not in shown)
            if column in shown:
                header.resizeSection(column, wanted[column])


def item_list(columns: Sequence[str], *, stretch: int, widths: Mapping[int, int],
              optional: Sequence[int] = (), min_stretch: int = _ColumnFitter.MIN_STRETCH) -> QtWidgets.QTreeWidget:
    """A flat list of annotations with ``columns``: one row selected at a time, alternating colours,
    and focus only on click, so the annotation keys stay with the text. Columns fit the list's
    width (never a horizontal scroll bar): column ``stretch`` takes the width left, those in
    ``widths`` are capped at that many pixels, long texts elide and show whole on hover; the
    ``optional`` columns are hidden, in that order, while the list is too narrow for them (and the
    stretching column would get less than ``min_stretch`` pixels)."""
    tree = QtWidgets.QTreeWidget()
    tree.setColumnCount(len(columns))
    tree.setHeaderLabels(list(columns))
    for column, name in enumerate(columns):  # a squeezed header still reads whole on hover
        tree.headerItem().setToolTip(column, name)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setWordWrap(False)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    tree.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
    tree.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
    header.setMinimumSectionSize(_ColumnFitter.MIN_WIDTH)
    tree.column_fitter = _ColumnFitter(tree, stretch, widths, optional, min_stretch)  # type: ignore[attr-defined]
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
    speakerEntityChosen = QtCore.Signal(object)  # EntityRef | None, for the current quotation's speaker

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._quotes: list[Quote] = []
        self._text = ""
        self._choices: list[EntityRef] = []  # the article's named entities (see set_entities)
        self._colors: dict[str, str] = {}
        self.summary = QtWidgets.QLabel()
        self.summary.setStyleSheet("padding: 2px 4px;")
        mute(self.summary)
        # the quotation's words stretch; the cue (in the tooltip of the row's text) goes first when narrow
        self.tree = item_list(COLUMNS, stretch=2, widths={1: 70, 3: 150, 4: 80}, optional=(4,))
        self.tree.itemSelectionChanged.connect(self._on_selection)
        # the current quotation's speaker: its words, and the named entity they stand for
        self.speaker_words = QtWidgets.QLabel()
        self.speaker_words.setTextFormat(Qt.TextFormat.PlainText)
        self.speaker_entity = EntityPicker()
        self.speaker_entity.setToolTip("Whom the speaker names: pick another of the article's names, or no one "
                                       "(Shift+S opens this list)")
        self.speaker_entity.entityChosen.connect(self.speakerEntityChosen.emit)
        speaker_row = QtWidgets.QHBoxLayout()
        speaker_row.setContentsMargins(2, 2, 2, 2)
        speaker_row.setSpacing(6)
        caption = QtWidgets.QLabel("Speaker")
        caption.setStyleSheet("font-weight: 600;")
        speaker_row.addWidget(caption)
        speaker_row.addWidget(self.speaker_words)
        speaker_row.addWidget(self.speaker_entity, 1)
        self.buttons = QtWidgets.QGridLayout()  # two rows of three: the panel stays narrow
        self.buttons.setSpacing(2)
        self.hint = QtWidgets.QLabel(
            "Select words and press <b>Q</b> for a new quotation. With one selected: click a name or "
            "select words, then <b>S</b> sets the speaker, <b>C</b> the cue; <b>K</b> changes the kind; "
            "<b>Shift+S</b> picks whom the speaker names.")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("padding: 4px;")
        mute(self.hint)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(speaker_row)
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
            speaker = with_name(text, quote.speaker_start, quote.speaker_end, quote.speaker_entity, 30)
            item = QtWidgets.QTreeWidgetItem([
                "?" if suggested else "✓", quote.kind,
                excerpt(text, quote.start, quote.end), speaker,
                excerpt(text, quote.cue_start, quote.cue_end, 30)])
            item.setToolTip(2, excerpt(text, quote.start, quote.end, 600))
            if quote.speaker_start is not None:
                item.setToolTip(3, entity_tooltip(text, quote.speaker_start, quote.speaker_end, quote.speaker_entity))
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
        self._show_speaker()
        if emit:
            self.quoteSelected.emit(self.current_quote())

    def _on_selection(self) -> None:
        self._show_speaker()
        self.quoteSelected.emit(self.current_quote())

    # --- whom the current quotation's speaker names ---------------------------------------------

    def set_entities(self, choices: Sequence[EntityRef], colors: Mapping[str, str] | None = None) -> None:
        """The article's named entities a speaker can stand for (see
        :func:`annotator.services.mentions.entity_choices`), and the label colours to mark them."""
        self._choices = list(choices)
        self._colors = dict(colors or {})
        self._show_speaker()

    def _show_speaker(self) -> None:
        quote = self.current_quote()
        if quote is None or quote.speaker_start is None:
            self.speaker_words.setText("—" if quote is None else "none yet (S)")
            self.speaker_words.setToolTip("")
            self.speaker_entity.clear_choices("pick a quotation" if quote is None else "set the speaker first")
            return
        words = excerpt(self._text, quote.speaker_start, quote.speaker_end, 28)
        self.speaker_words.setText(f"{words} →")
        self.speaker_words.setToolTip(excerpt(self._text, quote.speaker_start, quote.speaker_end, 200))
        self.speaker_entity.setEnabled(True)
        self.speaker_entity.set_choices(self._text, self._choices, quote.speaker_entity, self._colors)

    def pick_speaker_entity(self) -> bool:
        """Open the list of names for the current quotation's speaker; False when there is none."""
        if not self.speaker_entity.isEnabled():
            return False
        self.speaker_entity.pick()
        return True
