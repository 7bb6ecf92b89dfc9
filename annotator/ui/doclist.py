"""The document list: a table model over document ids with a lazily filled row cache, and its panel.

The model keeps only the ids of the documents that match the current filter (from
:meth:`Project.document_ids`). Rows are fetched from the store a chunk at a time, the first time the
view asks for a row in that chunk, so a project of 100,000 articles shows its list at once and never
loads a text. Search uses the store's FTS5 index.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt

from ..domain.model import (
    DOC_ADJUDICATED,
    DOC_DONE,
    DOC_IN_PROGRESS,
    DOC_IN_REVIEW,
    DOC_NEW,
    DOC_STATUSES,
)
from ..store.project import DocumentRow, Project
from .contrast import mute
from .icons import color_icon

__all__ = [
    "COLUMNS",
    "STATUS_COLORS",
    "DocumentListModel",
    "DocumentListPanel",
    "StatusRole",
    "status_icon",
]

# Column order of the list.
COL_TITLE, COL_DATE, COL_SOURCE, COL_STATUS, COL_SPANS, COL_SUGGESTIONS = range(6)
COLUMNS = ("Title", "Date", "Source", "", "Spans", "Sugg.")
_COLUMN_TIPS = (
    "Article title (its uid when it has none); hover a title to read it whole",
    "Publication date",
    "Source (newspaper or site)",
    "Your status for this article (the dot's colour; hover it for the name)",
    "Spans you have accepted",
    "Suggestions still to accept or reject",
)
STATUS_TIPS: dict[str, str] = {
    DOC_NEW: "new — you have not annotated it yet",
    DOC_IN_PROGRESS: "in progress — you have started annotating it",
    DOC_DONE: "done — you marked it reviewed (D)",
    DOC_IN_REVIEW: "in review — being curated",
    DOC_ADJUDICATED: "adjudicated — its gold version is final",
}
HIDDEN_BY_DEFAULT = (COL_SOURCE,)
"""Columns a first start hides, so the title stays readable in a narrow list (right-click the
header to show them; the choice is remembered with the column widths)."""

STATUS_COLORS: dict[str, str] = {
    DOC_NEW: "#9e9e9e",  # grey
    DOC_IN_PROGRESS: "#ffa000",  # amber
    DOC_DONE: "#43a047",  # green
    DOC_IN_REVIEW: "#1e88e5",  # blue
    DOC_ADJUDICATED: "#8e24aa",  # purple
}

DocIdRole = Qt.ItemDataRole.UserRole + 1
"""Item data role giving the document id of a row (any column)."""
RowRole = Qt.ItemDataRole.UserRole + 2
"""Item data role giving the whole :class:`DocumentRow` of a row (any column)."""
StatusRole = Qt.ItemDataRole.UserRole + 3
"""Item data role giving the annotator's status of a row's document ("done"), any column."""

# Plain ints, so ``data()`` (called thousands of times per paint) compares cheaply.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_DOC_ID = int(DocIdRole)
_ROW = int(RowRole)
_STATUS = int(StatusRole)
_ROW_ROLES = frozenset({_DISPLAY, _TOOLTIP, _DECORATION, _FOREGROUND, _ROW, _STATUS})
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

_STALE = None  # a cache slot to fetch again (after ``refresh_rows``)
_MISSING = object()  # an id the store no longer has: do not ask again


def status_icon(status: str) -> QtGui.QIcon:
    """A small filled dot in the colour of ``status``."""
    return color_icon(STATUS_COLORS.get(status, "#9e9e9e"), round_dot=True)


def _date_part(published: str) -> str:
    """``2021-12-22`` from ``2021-12-22T10:15:00+01:00``; other values unchanged."""
    if len(published) > 10 and published[4:5] == "-" and published[10] in "T ":
        return published[:10]
    return published


class DocumentListModel(QtCore.QAbstractTableModel):
    """The filtered document ids of one annotator, with rows fetched lazily a chunk at a time."""

    def __init__(
        self,
        project: Project,
        annotator: str,
        *,
        status: str | None = None,
        query: str | None = None,
        chunk_size: int = 200,
        max_chunks: int = 64,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._project = project
        self._annotator = annotator
        self._status = status
        self._query = query
        self._chunk_size = max(1, chunk_size)
        self._max_chunks = max(1, max_chunks)
        self._ids: list[int] = []
        self._ids_sorted = True
        self._row_by_id: dict[int, int] | None = None
        # chunk number -> one slot per row of the chunk (DocumentRow, _STALE or _MISSING)
        self._chunks: OrderedDict[int, list[Any]] = OrderedDict()
        self.error: str | None = None
        self.someone_else = False  # the statuses shown are another person's (a reviewer's choice)
        self._load_ids()

    # --- filter -------------------------------------------------------------------------------

    @property
    def annotator(self) -> str:
        return self._annotator

    @property
    def status(self) -> str | None:
        return self._status

    @property
    def query(self) -> str | None:
        return self._query

    def set_filter(self, *, status: str | None = None, query: str | None = None) -> None:
        """Show the documents with ``status`` (None: any) matching the full-text ``query``."""
        self._status = status or None
        self._query = query.strip() if query and query.strip() else None
        self.reload()

    def set_annotator(self, annotator: str) -> None:
        """Show statuses and counts of ``annotator`` (reloads, since status filters depend on it)."""
        self._annotator = annotator
        self.reload()

    def reload(self) -> None:
        """Fetch the ids again (after an import, or a filter or search change) and drop the cache."""
        self.beginResetModel()
        self._load_ids()
        self.endResetModel()

    def _load_ids(self) -> None:
        self._chunks.clear()
        self._row_by_id = None
        self.error = None
        try:
            ids = self._project.document_ids(annotator=self._annotator, status=self._status, query=self._query)
        except sqlite3.OperationalError as err:  # an FTS5 query the tokenizer cannot parse
            ids = []
            self.error = f"The search could not be run ({err}); try plain words."
        self._ids = ids
        self._ids_sorted = ids == sorted(ids)  # ids are unique; the store returns them in id order

    # --- ids and rows -------------------------------------------------------------------------

    def doc_ids(self) -> Sequence[int]:
        """The ids in list order (do not modify)."""
        return self._ids

    def doc_id_at(self, row: int) -> int | None:
        """The document id shown at ``row``, or None when out of range."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, doc_id: int | None) -> int | None:
        """The row showing ``doc_id``, or None when the filter hides it."""
        if doc_id is None:
            return None
        if self._ids_sorted:
            i = bisect_left(self._ids, doc_id)
            return i if i < len(self._ids) and self._ids[i] == doc_id else None
        if self._row_by_id is None:
            self._row_by_id = {d: i for i, d in enumerate(self._ids)}
        return self._row_by_id.get(doc_id)

    def document_row(self, row: int) -> DocumentRow | None:
        """The :class:`DocumentRow` at ``row``, fetching its chunk on first use."""
        if not 0 <= row < len(self._ids):
            return None
        number, offset = divmod(row, self._chunk_size)
        chunk = self._chunks.get(number)
        if chunk is None:
            chunk = self._fetch_chunk(number)
        else:
            self._chunks.move_to_end(number)
            if chunk[offset] is _STALE:
                self._fill_stale(number, chunk)
        value = chunk[offset]
        return value if isinstance(value, DocumentRow) else None

    def _fetch_chunk(self, number: int) -> list[Any]:
        start = number * self._chunk_size
        ids = self._ids[start : start + self._chunk_size]
        by_id = {r.id: r for r in self._project.document_rows(ids, annotator=self._annotator)}
        chunk = [by_id.get(i, _MISSING) for i in ids]
        self._chunks[number] = chunk
        while len(self._chunks) > self._max_chunks:
            self._chunks.popitem(last=False)
        return chunk

    def _fill_stale(self, number: int, chunk: list[Any]) -> None:
        start = number * self._chunk_size
        wanted = [self._ids[start + k] for k, v in enumerate(chunk) if v is _STALE]
        by_id = {r.id: r for r in self._project.document_rows(wanted, annotator=self._annotator)}
        for k, v in enumerate(chunk):
            if v is _STALE:
                chunk[k] = by_id.get(self._ids[start + k], _MISSING)

    def refresh_rows(self, doc_ids: Iterable[int], fresh: Iterable[DocumentRow] = ()) -> None:
        """Forget the cached rows of ``doc_ids`` (after an edit) and tell the views to repaint them;
        ``fresh``: rows of those just read from the store, cached as they are (no second query)."""
        known = {r.id: r for r in fresh}
        at = {r: d for d in doc_ids if (r := self.row_of(d)) is not None}
        rows = sorted(at)
        for row in rows:
            number, offset = divmod(row, self._chunk_size)
            chunk = self._chunks.get(number)
            if chunk is not None:
                chunk[offset] = known.get(at[row], _STALE)
        last = self.columnCount() - 1
        i = 0
        while i < len(rows):  # one dataChanged per run of adjacent rows
            j = i
            while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
                j += 1
            self.dataChanged.emit(self.index(rows[i], 0), self.index(rows[j], last))
            i = j + 1

    def cached_row_count(self) -> int:
        """How many rows are in the cache now (for tests and benchmarks)."""
        return sum(len(c) for c in self._chunks.values())

    # --- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex = QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex = QtCore.QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _COLUMN_TIPS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (COL_SPANS, COL_SUGGESTIONS):
            return _ALIGN_RIGHT
        return None

    def data(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        role = int(role)
        row, col = index.row(), index.column()
        if role not in _ROW_ROLES:
            if role == _DOC_ID:
                return self.doc_id_at(row)
            if role == _ALIGNMENT and col in (COL_SPANS, COL_SUGGESTIONS):
                return _ALIGN_RIGHT
            return None
        doc = self.document_row(row)
        if doc is None:
            if role == _DISPLAY and col == COL_TITLE:
                return "(removed from the project)"
            return None
        if role == _DISPLAY:
            if col == COL_TITLE:
                return doc.title or doc.uid
            if col == COL_DATE:
                return _date_part(doc.published)
            if col == COL_SOURCE:
                return doc.source
            if col == COL_SPANS:
                return doc.spans
            if col == COL_SUGGESTIONS:
                return doc.suggestions
        elif role == _DECORATION:
            if col == COL_STATUS:
                return status_icon(doc.status)
        elif role == _ROW:
            return doc
        elif role == _STATUS:
            return doc.status
        elif role == _TOOLTIP:
            if col == COL_TITLE:
                title = doc.title or "(no title)"
                about = " · ".join(x for x in (_date_part(doc.published), doc.source, doc.status) if x)
                return f"{title}\n{about}\n{doc.uid}" if about else f"{title}\n{doc.uid}"
            if col == COL_STATUS:
                if self.someone_else:
                    return f"{self._annotator}'s status: {doc.status}"
                return STATUS_TIPS.get(doc.status, doc.status)
            if col == COL_SPANS:
                return f"{doc.spans} spans accepted"
            if col == COL_SUGGESTIONS:
                return f"{doc.suggestions} suggestions pending"
            if col == COL_DATE:
                return doc.published or None
            if col == COL_SOURCE:
                return doc.source or None
        elif role == _FOREGROUND:
            if col == COL_TITLE and not doc.title:
                return QtGui.QBrush(QtGui.QGuiApplication.palette().color(QtGui.QPalette.ColorRole.PlaceholderText))
        return None


class DocumentListPanel(QtWidgets.QWidget):
    """Search box, status filter, count and the document table of one annotator."""

    documentActivated = QtCore.Signal(int)
    """The user (or :meth:`set_current`) made another document current; carries its id."""
    searchChanged = QtCore.Signal(object)
    """The search words changed (None: no search); the article view highlights them."""

    SEARCH_DELAY_MS = 250

    def __init__(self, project: Project, annotator: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self._current: int | None = None
        self._anchor_row = 0  # where the current document was, for next/previous once it is hidden
        self._silent = 0
        self._own = annotator
        self.model = DocumentListModel(project, annotator, parent=self)
        self.people: QtWidgets.QComboBox | None = None  # whose statuses: offered to a team's reviewers

        self.search = QtWidgets.QLineEdit(self)
        self.search.setObjectName("documentSearch")
        self.search.setPlaceholderText("Search articles (full text)…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Every word must occur in the title or text; the last one may be a prefix (Ctrl+F)")
        self.search.installEventFilter(self)

        self.status_filter = QtWidgets.QComboBox(self)
        self.status_filter.setObjectName("documentStatusFilter")
        self.status_filter.setToolTip("Show only the articles with this status")
        self.status_filter.addItem("All statuses", None)
        for status in DOC_STATUSES:
            self.status_filter.addItem(status_icon(status), status, status)

        self.count_label = QtWidgets.QLabel(self)
        self.count_label.setObjectName("documentCount")
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        self.view = QtWidgets.QTableView(self)
        self.view.setObjectName("documentTable")
        self._setup_view()
        # said in the list itself when nothing is shown (a search without matches, an empty filter)
        self.empty_label = QtWidgets.QLabel(self.view.viewport())
        self.empty_label.setObjectName("documentListEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)  # under the header
        self.empty_label.setMargin(24)
        mute(self.empty_label)
        self.empty_label.hide()
        self.view.viewport().installEventFilter(self)
        self.view.installEventFilter(self)

        self._search_timer = QtCore.QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)

        top = QtWidgets.QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.status_filter)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        self._layout = layout
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self._update_count()

    def _setup_view(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setTabKeyNavigation(False)
        view.setSortingEnabled(False)
        view.setCornerButtonEnabled(False)
        view.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        metrics = view.fontMetrics()
        vheader = view.verticalHeader()
        vheader.setVisible(False)
        # uniform rows: never measure row contents (that would fetch every row)
        vheader.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(max(metrics.height() + 8, 20))
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the title stretches and elides
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)
        header.moveSection(header.visualIndex(COL_STATUS), 0)  # the status dot first, then the title
        pad = 12
        widths = {
            COL_DATE: metrics.horizontalAdvance("0000-00-00") + pad,
            COL_SOURCE: metrics.horizontalAdvance("sputniknews") + pad,
            COL_STATUS: 26,
            COL_SPANS: metrics.horizontalAdvance("Spans") + pad,
            COL_SUGGESTIONS: metrics.horizontalAdvance("Sugg.") + pad,
        }
        for col, width in widths.items():
            header.resizeSection(col, width)
        for col in HIDDEN_BY_DEFAULT:
            header.setSectionHidden(col, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)

    def _column_menu(self, pos: QtCore.QPoint) -> None:
        """Right-click on the header: show or hide the columns other than the title."""
        self.column_menu().exec(self.view.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QtWidgets.QMenu:
        """A menu with a check per column but the title: checked ones are shown."""
        header = self.view.horizontalHeader()
        menu = QtWidgets.QMenu(self)
        for col, name in enumerate(COLUMNS):
            if col == COL_TITLE:
                continue
            action = menu.addAction(name or "Status")
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.toggled.connect(lambda shown, c=col: header.setSectionHidden(c, not shown))
        return menu

    # --- filtering ----------------------------------------------------------------------------

    def apply_filters(self) -> None:
        """Apply the search text and status filter now (the search box waits ~250 ms of quiet)."""
        self._search_timer.stop()
        query = self.search.text().strip() or None
        status = self.status_filter.currentData()
        if query == self.model.query and status == self.model.status:
            return
        new_query = query != self.model.query
        self.model.set_filter(status=status, query=query)
        self._after_reset(to_top=True)
        if new_query:
            self.searchChanged.emit(self.model.query)

    def reload(self) -> None:
        """Fetch the document ids again (after an import or a bulk change), keeping the current one."""
        self.model.reload()
        self._after_reset()

    def reload_in_place(self) -> None:
        """Fetch the ids again (others added or removed articles) keeping the current article, the
        selection and the scroll where they are."""
        view_top = self.view.verticalScrollBar().value()
        self.model.reload()
        self._after_reset(scroll=False)
        self.view.verticalScrollBar().setValue(view_top)

    def set_annotator(self, name: str) -> None:
        """Show the statuses and counts of annotator ``name``."""
        self.model.set_annotator(name)
        self._after_reset()

    def offer_people(self, own: str) -> None:
        """A "Statuses of" choice over the list: this user's own (the default), each annotator's, or
        gold's. For a team's reviewers, who follow everyone's progress."""
        from ..domain.model import GOLD

        if self.people is None:
            row = QtWidgets.QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            label = QtWidgets.QLabel("Statuses of", self)
            self.people = QtWidgets.QComboBox(self)
            self.people.setObjectName("documentPeople")
            self.people.setToolTip("Whose statuses and counts the list shows (the article you open is still "
                                   "yours to annotate)")
            label.setBuddy(self.people)
            row.addWidget(label)
            row.addWidget(self.people, 1)
            self._layout.insertLayout(1, row)
            self.people.currentIndexChanged.connect(self._person_chosen)
        self._own = own
        self._gold = GOLD
        self.offer_people_again()

    def offer_people_again(self) -> None:
        """The people who may be chosen, read again (someone new joined); the choice stays."""
        if self.people is None:
            return
        names = [n for n in self._project.annotators() if n not in (self._own, self._gold)]
        wanted = [(f"{self._own} (you)", self._own), *((n, n) for n in sorted(names)), ("gold", self._gold)]
        if [(self.people.itemText(i), self.people.itemData(i)) for i in range(self.people.count())] == wanted:
            return
        chosen = self.people.currentData() or self._own
        self.people.blockSignals(True)
        self.people.clear()
        for text, name in wanted:
            self.people.addItem(text, name)
        self.people.setCurrentIndex(max(0, self.people.findData(chosen)))
        self.people.blockSignals(False)

    def show_statuses_of(self, name: str) -> None:
        """Choose whose statuses the list shows (as the "Statuses of" box does)."""
        if self.people is not None and self.people.findData(name) >= 0:
            self.people.setCurrentIndex(self.people.findData(name))
        else:
            self.set_annotator(name)

    def _person_chosen(self, _index: int) -> None:
        name = self.people.currentData() if self.people is not None else None
        if name and name != self.model.annotator:
            self.model.someone_else = name != self._own
            view_top = self.view.verticalScrollBar().value()
            self.model.set_annotator(name)
            self._after_reset(scroll=False)
            self.view.verticalScrollBar().setValue(view_top)

    def annotator(self) -> str:
        return self.model.annotator

    def _after_reset(self, *, to_top: bool = False, scroll: bool = True) -> None:
        """Select the current document again if it is still listed; ``to_top`` (a new search or
        filter) then shows the list from its first row, where the best matches are; without
        ``scroll`` the list is not scrolled to it."""
        row = self.model.row_of(self._current)
        if row is not None:
            self._anchor_row = row
            self._select_row(row, scroll=scroll and not to_top)
        if to_top:
            self.view.scrollToTop()
        self._update_count()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        self._update_empty_text(shown)
        if self.model.error:
            self.count_label.setText(self.model.error)
            return
        total = self._project.count_documents()
        noun = "article" if total == 1 else "articles"
        self.count_label.setText(f"{shown:,} of {total:,} {noun}")

    def focus_search(self) -> None:
        """Put the keyboard focus in the search box with its text selected (bind Ctrl+F to this)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def empty_text(self) -> str:
        """What the list says while it shows nothing ("" while it shows rows)."""
        return "" if self.model.rowCount() else self.empty_label.text()

    def _update_empty_text(self, shown: int) -> None:
        if shown:
            self.empty_label.hide()
            return
        status, query = self.model.status, self.model.query
        if self.model.error:
            text = self.model.error
        elif query and status:
            text = f"No “{status}” article matches “{query}”.\nClear the search (Esc) or choose All statuses."
        elif query:
            text = f"No article matches “{query}”.\nTry other words, or clear the search (Esc)."
        elif status:
            text = f"No article is “{status}”.\nChoose All statuses to see every article."
        else:
            text = "No articles yet.\nFile ▸ Import files… (Ctrl+O) adds some."
        self.empty_label.setText(text)
        self.empty_label.setGeometry(self.view.viewport().rect())
        self.empty_label.show()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QtCore.QEvent.Type.Resize:
            self.empty_label.setGeometry(self.view.viewport().rect())
        # Home/End in the list open the first/last article (the table would only change column)
        if watched is self.view and event.type() == QtCore.QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and self.model.rowCount():
                row = 0 if key == Qt.Key.Key_Home else self.model.rowCount() - 1
                self.view.selectRow(row)  # selection → documentActivated, as with the arrows
                self.view.scrollTo(self.model.index(row, COL_TITLE))
                return True
        # Down or Enter in the search box moves to the list; Escape clears the search (claimed
        # before the window's Esc shortcut, which would only move the focus to the text).
        if watched is self.search and event.type() == QtCore.QEvent.Type.ShortcutOverride:
            if event.key() == Qt.Key.Key_Escape and self.search.text():  # type: ignore[attr-defined]
                event.accept()
                return True
        if watched is self.search and event.type() == QtCore.QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Down:
                self.apply_filters()
                self.view.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.view.selectionModel().hasSelection() and self.model.rowCount():
                    self.view.selectRow(0)
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self.apply_filters()
                return True
        return super().eventFilter(watched, event)

    # --- current document ---------------------------------------------------------------------

    def current_doc_id(self) -> int | None:
        """The document the list considers current (it may be hidden by the filter), or None."""
        return self._current

    def set_current(self, doc_id: int | None, *, emit: bool = True) -> bool:
        """Make ``doc_id`` current: select its row and scroll to it.

        Emits :attr:`documentActivated` when the current document changes (unless ``emit`` is
        False), never when ``doc_id`` is already current. Returns whether the row is shown.
        """
        changed = doc_id != self._current
        self._current = doc_id
        row = self.model.row_of(doc_id)
        if row is None:
            self._silent += 1
            try:
                self.view.clearSelection()
            finally:
                self._silent -= 1
        else:
            self._anchor_row = row
            self._select_row(row)
        if changed and emit and doc_id is not None:
            self.documentActivated.emit(doc_id)
        return row is not None

    def _select_row(self, row: int, *, scroll: bool = True) -> None:
        """Select and show ``row`` (unless not ``scroll``) without emitting :attr:`documentActivated`."""
        self._silent += 1
        try:
            index = self.model.index(row, COL_TITLE)
            selection = self.view.selectionModel()
            selection.setCurrentIndex(
                index,
                QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QtCore.QItemSelectionModel.SelectionFlag.Rows,
            )
            if scroll:
                self.view.scrollTo(index, QtWidgets.QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._silent -= 1

    def _on_selection_changed(self, *_: object) -> None:
        if self._silent:
            return
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        doc_id = self.model.doc_id_at(rows[0].row())
        if doc_id is None or doc_id == self._current:
            return
        self._current = doc_id
        self._anchor_row = rows[0].row()
        self.documentActivated.emit(doc_id)

    def next_doc_id(self) -> int | None:
        """The document after the current one in the filtered order (the first if none is current)."""
        n = self.model.rowCount()
        if not n:
            return None
        if self._current is None:
            return self.model.doc_id_at(0)
        row = self.model.row_of(self._current)
        if row is None:  # hidden by the filter: the one that took its place
            return self.model.doc_id_at(self._anchor_row)
        return self.model.doc_id_at(row + 1)

    def previous_doc_id(self) -> int | None:
        """The document before the current one in the filtered order (the last if none is current)."""
        n = self.model.rowCount()
        if not n:
            return None
        if self._current is None:
            return self.model.doc_id_at(n - 1)
        row = self.model.row_of(self._current)
        if row is None:
            prev = min(self._anchor_row, n) - 1
            return self.model.doc_id_at(prev) if prev >= 0 else None
        return self.model.doc_id_at(row - 1)

    def refresh_documents(self, doc_ids: Iterable[int]) -> None:
        """Show the new status and counts of ``doc_ids`` (after an edit or a status change).

        Under a status filter, an article whose status no longer matches leaves the list (and one
        that now matches joins it); next/previous then go on from where it was.
        """
        doc_ids = list(doc_ids)
        status = self.model.status
        if status is not None:
            rows = self._project.document_rows(doc_ids, annotator=self.model.annotator)
            listed = {d for d in doc_ids if self.model.row_of(d) is not None}
            if any((r.status == status) != (r.id in listed) for r in rows):
                view_top = self.view.verticalScrollBar().value()
                self.model.reload()
                self._after_reset()
                self.view.verticalScrollBar().setValue(view_top)
                return
            self.model.refresh_rows(doc_ids, rows)  # the rows just read: no second query to repaint
            return
        self.model.refresh_rows(doc_ids)
