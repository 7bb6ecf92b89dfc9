"""The curation window: every annotator's version of one article side by side, and the gold layer.

Top: the gold layer, editable like the main editor (select words and press a label key, Del removes
the selected span, Ctrl+Z undoes). Below, one column per annotator, their entities coloured by state
(INCEpTION's scheme): green = all agree, orange = they disagree, blue = in gold, grey = gold has
something else there; each tag says label and state ("PER ✓"). One click on an annotator's entity,
quotation or event trigger takes it into gold (replacing what clashes with it there). The table
lists every distinct item with who has it; selecting a row scrolls every pane to it and marks it
there; N and P (or Alt+Down/Up) go to the next/previous item to decide (a disagreement, or with one
annotator an item to review); Enter or a double click takes the selected one; Ctrl+M merges
everything all annotators agree on (with a single annotator: all of theirs) in one step;
Ctrl+Return marks the article adjudicated; Ctrl+E opens the full editor on the gold layer (to write
quotations and events of one's own); Esc, Ctrl+W or Close closes the window. The panes scroll
together. Every action is undoable; the keys come from ``CURATION_ACTIONS`` in
:mod:`annotator.ui.actions` (also shown by F1).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt

from ..domain.curation_commands import take_into_gold
from ..domain.labels import Label, LabelSchema
from ..domain.model import ACCEPTED, DOC_ADJUDICATED, DOC_IN_REVIEW, GOLD, Event, Quote, Span
from ..domain.offsets import Utf16Map
from ..review.curation import (
    ACCEPTED_STATE,
    AGREE,
    DISAGREE,
    OPEN_STATES,
    REJECTED_STATE,
    SINGLE,
    Candidate,
    candidates,
    event_key,
    quote_key,
    span_key,
)
from ..store import Project
from ..store.errors import ProjectUnavailable
from .actions import CURATION_ACTIONS
from .article_view import ArticleView
from .controller import AnnotationController, refused_while_away
from .host import Host
from .live import ChangeSet, LiveUpdates, ServerBanner
from .quote_panel import excerpt

STATE_COLORS = {AGREE: "#15803d", DISAGREE: "#c2410c", SINGLE: "#7c3aed", ACCEPTED_STATE: "#1d4ed8",
                REJECTED_STATE: "#6b7280"}  # each ≥ 4.5:1 on white (WCAG AA) for the header's words
STATE_MARKS = {AGREE: "✓", DISAGREE: "≠", SINGLE: "?", ACCEPTED_STATE: "★", REJECTED_STATE: "✗"}
STATE_WORDS = {AGREE: "all agree", DISAGREE: "disagree", SINGLE: "single annotator — review", ACCEPTED_STATE: "in gold",
               REJECTED_STATE: "gold differs"}


def state_labels(labels: Sequence[str]) -> LabelSchema:
    """Display labels "PER ✓", "PER ≠"… coloured by state, for the annotators' columns."""
    return LabelSchema(tuple(Label(f"{label} {STATE_MARKS[state]}", STATE_WORDS[state], STATE_COLORS[state], None)
                             for label in labels for state in STATE_MARKS), source="<curation>")


def stacked(top: QtWidgets.QWidget, body: QtWidgets.QWidget) -> QtWidgets.QWidget:
    """``top`` over ``body``, which takes the height left, with no margins (one pane of a splitter)."""
    box = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(top)
    layout.addWidget(body, 1)
    return box


def _reachable(method: Callable[..., Any]) -> Callable[..., Any]:
    """A curation action on a team project whose server is away: refused at once with the banner's
    words (the reads it starts with would fail too), instead of an error."""
    return refused_while_away(method, lambda window: window.controller)


class CurationWindow(QtWidgets.QMainWindow):
    """Curate one document of ``project`` into its gold layer."""

    def __init__(self, project: Project, doc_id: int, labels: LabelSchema, *, annotators: Sequence[str] | None = None,
                 open_editor: Callable[[int], QtWidgets.QWidget] | None = None,
                 parent: QtWidgets.QWidget | None = None) -> None:
        """``open_editor(doc_id)``: the full editor on the gold layer of that article (Ctrl+E), given
        by whoever opens the curation (the main window); without it Ctrl+E says where to find it."""
        super().__init__(parent)
        self.project = project
        self.open_editor = open_editor
        self.gold_editor: QtWidgets.QWidget | None = None
        self.labels = labels
        self.doc_id = doc_id
        self.document = project.document(doc_id)
        self.controller = AnnotationController(project, GOLD, labels, self, suggestions=False)
        self.setWindowTitle(f"Curation — {self.document.title or self.document.uid}")
        self.resize(1600, 1000)
        self._annotators_given = annotators is not None  # else: whoever took part, found again as others save
        self.annotators = sorted(annotators) if annotators is not None else self._annotators()
        self.gold_view = ArticleView(labels)
        self.header = QtWidgets.QLabel()
        self.header.setWordWrap(True)
        self.views: dict[str, ArticleView] = {}
        self._display: dict[str, dict[tuple[int, int, str], Span]] = {}
        self._unfilled: set[str] = set()  # annotators' panes without their text yet
        self._syncing = False  # one pane scrolled: the others follow, without echoing back
        self.columns = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        self._build_columns()
        # a team project: others' saves redraw this article (annotator.ui.live); the server away is said
        self.live = LiveUpdates.acquire(project)
        self.banner = ServerBanner(self.live)
        self.table = QtWidgets.QTableWidget()
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.take_selected())
        self.table.itemSelectionChanged.connect(lambda: self.reveal_selected())
        self.only_disagreements = QtWidgets.QCheckBox("Only what is not settled (disagreements, agreements and "
                                                      "single annotator's items not yet in gold)")
        self.only_disagreements.toggled.connect(lambda _on: self._fill_table())
        lower = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.columns)
        lower.addWidget(stacked(self.only_disagreements, self.table))
        lower.setSizes([1000, 500])
        main = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        main.addWidget(stacked(self.header, self.gold_view))
        main.addWidget(lower)
        main.setSizes([380, 570])
        central = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(main, 1)
        self.setCentralWidget(central)
        self._map = Utf16Map(self.document.text)
        self.gold_view.verticalScrollBar().valueChanged.connect(lambda _value: self._follow(self.gold_view))
        self._build_actions()
        # one edit may touch spans, quotations and events: redraw once, when the edit is done
        self._refresh_soon = QtCore.QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(0)
        self._refresh_soon.timeout.connect(self.refresh)
        for changed in (self.controller.spansChanged, self.controller.quotesChanged, self.controller.eventsChanged):
            changed.connect(lambda _doc_id: self._refresh_soon.start())
        self.controller.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.controller.unreachable.connect(self.banner.show_away)
        if self.live is not None:
            self.live.changed.connect(self._others_saved)
        self.controller.open(doc_id)
        self.refresh(first=True)
        self.gold_view.setFocus()

    # --- building -----------------------------------------------------------------------------

    def _annotators(self) -> list[str]:
        """Everyone who took part in the document: items or a status other than new."""
        from ..domain.model import DOC_NEW, RESERVED_LAYERS

        names = set(self.project.layers(self.doc_id)) - set(RESERVED_LAYERS)
        names |= {a for a in self.project.annotators() if self.project.doc_status(self.doc_id, a) != DOC_NEW}
        return sorted(names - set(RESERVED_LAYERS))

    def _build_columns(self) -> None:
        """One pane per annotator, each with their entities coloured by state (made again when
        someone new takes part in the article)."""
        while self.columns.count():
            old = self.columns.widget(0)
            old.setParent(None)
            old.deleteLater()
        self.views = {}
        all_labels = sorted({label.name for label in self.labels.labels}
                            | {s.label for n in self.annotators for s in self.project.spans(self.doc_id, n)})
        marked = state_labels(all_labels)
        for name in self.annotators:
            caption = QtWidgets.QLabel(f"<b>{name}</b> — click an item to take it into gold")
            view = ArticleView(marked)
            view.spanClicked.connect(lambda span, who=name: self._take_span(who, span))
            view.quoteClicked.connect(lambda quote: self._take_clicked(quote))
            view.eventClicked.connect(lambda event: self._take_clicked(event))
            view.verticalScrollBar().valueChanged.connect(lambda _value, source=view: self._follow(source))
            self.columns.addWidget(stacked(caption, view))
            self.views[name] = view
        self._unfilled = set(self.annotators)

    def _build_actions(self) -> None:
        bar = self.addToolBar("Curation")
        bar.setMovable(False)
        # undo and redo keep the stack true when a team project's server is away (annotator.ui.undo)
        undo_actions = dict(zip(("cur_undo", "cur_redo"), self.controller.undo_stack.make_actions(
            self, undo=self.controller.undo, redo=self.controller.redo)))
        self.actions_by_id: dict[str, QtGui.QAction] = {}
        for spec in CURATION_ACTIONS:
            if spec.id == "cur_close":  # at the far right, after a spacer
                spacer = QtWidgets.QWidget()
                spacer.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Preferred)
                bar.addWidget(spacer)
            if spec.handler is None:
                action = undo_actions[spec.id]
            else:
                action = QtGui.QAction(spec.text, self)
                action.triggered.connect(lambda _=False, name=spec.handler: getattr(self, name)())
            action.setShortcuts([QtGui.QKeySequence(k) for k in spec.shortcuts])
            keys = " or ".join(spec.shortcuts)
            action.setToolTip(f"{spec.tip or spec.text} ({keys})")
            bar.addAction(action)
            self.addAction(action)
            self.actions_by_id[spec.id] = action
        for label in self.labels.labels:
            if label.key:
                action = QtGui.QAction(f"Label as {label.name}", self)
                action.setShortcut(QtGui.QKeySequence(label.key))
                action.triggered.connect(lambda _=False, name=label.name: self.label_gold(name))
                self.addAction(action)

    # --- showing --------------------------------------------------------------------------------

    def _away(self) -> bool:
        return self.live is not None and self.live.offline

    def refresh(self, *, first: bool = False, keep_view: bool = False) -> None:
        """Recompute the candidates against gold and redraw every view (after each edit);
        ``keep_view``: the selected item stays marked but the panes are not scrolled to it (a
        refresh the user did not ask for)."""
        if self._away() and not first:
            return  # nothing was stored meanwhile; the views are redrawn once the server is back
        doc_id, text = self.doc_id, self.document.text
        layers = {n: [s for s in self.project.spans(doc_id, n) if s.status == ACCEPTED] for n in self.annotators}
        quotes = {n: [q for q in self.project.quotes(doc_id, n) if q.status == ACCEPTED] for n in self.annotators}
        events = {n: [e for e in self.project.events(doc_id, n) if e.status == ACCEPTED] for n in self.annotators}
        gold_spans = [s for s in self.controller.spans if s.status == ACCEPTED]
        self.span_candidates = candidates(layers, gold_spans, span_key, self.annotators)
        self.quote_candidates = candidates(quotes, self.controller.quotes, quote_key, self.annotators)
        self.event_candidates = candidates(events, self.controller.events, event_key, self.annotators)
        state_of = {(c.item.start, c.item.end, c.item.label): c.state for c in self.span_candidates}  # type: ignore[union-attr]
        for name, view in self.views.items():
            display = {}
            for span in layers[name]:
                shown = span.with_(label=f"{span.label} {STATE_MARKS[state_of[(span.start, span.end, span.label)]]}")
                display[(shown.start, shown.end, shown.label)] = span
            self._display[name] = display
            spans = [s.with_(label=label) for (start, end, label), s in display.items()]
            if first or name in self._unfilled:
                view.set_document(text, spans)
            else:
                view.update_spans(spans)
            view.set_quotes(quotes[name])
            view.set_events(events[name])
        if first:
            self.gold_view.set_document(text, self.controller.spans)
        else:
            self.gold_view.update_spans(self.controller.spans)
        self.gold_view.set_quotes(self.controller.quotes)
        self.gold_view.set_events(self.controller.events)
        self._unfilled = set()
        self._fill_table(centre=not keep_view)
        counts = {state: 0 for state in STATE_WORDS}
        for c in (*self.span_candidates, *self.quote_candidates, *self.event_candidates):
            counts[c.state] += 1
        status = self.project.doc_status(doc_id, GOLD)
        self.header.setText(
            f"<b>Gold</b> ({status}) — annotators: {', '.join(self.annotators) or 'none'} — "
            + (" · ".join(f"<span style='color:{STATE_COLORS[s]}'>{counts[s]} {STATE_WORDS[s]}</span>"
                          for s in STATE_WORDS if counts[s]) or "nothing to curate")
            + " — select words and press a label key to edit gold yourself")

    def _fill_table(self, *, centre: bool = True) -> None:
        """The candidates, one a row; the selected one stays selected (and shown in the panes;
        ``centre``: scrolled to)."""
        before = self.selected_candidate()
        kept = (before[0], before[1].item) if before else None
        self.table.blockSignals(True)  # the selection is restored below, then shown once
        self.table.clearSelection()
        rows = [("entity", c) for c in self.span_candidates] + [("quotation", c) for c in self.quote_candidates] \
            + [("event", c) for c in self.event_candidates]
        if self.only_disagreements.isChecked():
            rows = [(k, c) for k, c in rows if c.state in (AGREE, *OPEN_STATES)]
        self._rows = rows
        header = ["Kind", "Words", "Label / type", *self.annotators, "State"]
        self.table.setUpdatesEnabled(False)
        self.table.clear()
        self.table.setColumnCount(len(header))
        self.table.setHorizontalHeaderLabels(header)
        self.table.setRowCount(len(rows))
        text = self.document.text
        for row, (kind, c) in enumerate(rows):
            start, end = c.range or (None, None)
            words = excerpt(text, start, end, 60, missing="(whole article)")
            what = getattr(c.item, "label", None) or getattr(c.item, "kind", None) if kind != "event" else c.item.type
            cells = [kind, words, str(what), *("✓" if n in c.annotators else "–" for n in self.annotators),
                     STATE_WORDS[c.state]]
            tint = QtGui.QColor(STATE_COLORS[c.state])
            tint.setAlpha(40)
            for column, value in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(value)
                item.setBackground(tint)
                self.table.setItem(row, column, item)
        self._fit_columns()
        self.table.setUpdatesEnabled(True)
        again = next((i for i, (kind, c) in enumerate(rows) if kept and (kind, c.item) == kept), None)
        if again is not None:
            self.table.selectRow(again)
        self.table.blockSignals(False)
        self.reveal_selected(centre=centre)  # the redrawn panes lost their marks

    def _fit_columns(self) -> None:
        """Every column whole except the words, which take the width left and are elided (their
        whole text in the tooltip): the State column stays in sight at 1366 px, no sideways scroll."""
        header = self.table.horizontalHeader()
        for column in range(self.table.columnCount()):
            mode = QtWidgets.QHeaderView.ResizeMode.Stretch if column == 1 else \
                QtWidgets.QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 1)
            if item is not None:
                item.setToolTip(item.text())
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    # --- finding the selected item in every pane -------------------------------------------------

    def _panes(self) -> list[ArticleView]:
        return [self.gold_view, *self.views.values()]

    def selected_candidate(self) -> tuple[str, Candidate] | None:
        """(kind, candidate) of the table's selected row, or None."""
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if not rows or rows[0].row() >= len(getattr(self, "_rows", ())):
            return None
        return self._rows[rows[0].row()]

    def reveal_selected(self, *, centre: bool = True) -> None:
        """Scroll every pane to the selected item (unless not ``centre``) and mark its words there
        (the view's focus mark, cyan); in gold, an entity with the same words becomes the current
        span (Del removes it)."""
        chosen = self.selected_candidate()
        where = chosen[1].range if chosen else None
        if chosen and where is not None and chosen[0] == "entity":
            same = next((s for s in self.gold_view.spans if (s.start, s.end) == where), None)
            if same is not None:
                self.gold_view.set_current_span(same, scroll=False)
        self._syncing = True  # each pane centres the item itself
        try:
            for view in self._panes():
                view.set_focus_mark(where)
                if where is not None and centre:
                    self._centre(view, where[0])
        finally:
            self._syncing = False

    def _centre(self, view: ArticleView, offset: int) -> None:
        cursor = QtGui.QTextCursor(view.document())
        cursor.setPosition(self._map.to_utf16(offset))
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + view.cursorRect(cursor).center().y() - view.viewport().height() // 2)

    def _follow(self, source: ArticleView) -> None:
        """``source`` scrolled: bring the words in its middle to the middle of every other pane (the
        panes are not as wide, so their lines differ); at the top or the end, the others go there too."""
        if self._syncing:
            return
        self._syncing = True
        try:
            bar = source.verticalScrollBar()
            middle = source.cursorForPosition(QtCore.QPoint(8, source.viewport().height() // 2)).position()
            end = QtGui.QTextCursor(source.document())
            end.movePosition(QtGui.QTextCursor.MoveOperation.End)
            at_end = source.cursorRect(end).bottom() <= source.viewport().height()
            for view in self._panes():
                if view is source:
                    continue
                other = view.verticalScrollBar()
                if bar.value() == bar.minimum() or at_end:
                    other.setValue(other.maximum() if at_end else other.minimum())
                    continue
                cursor = QtGui.QTextCursor(view.document())
                cursor.setPosition(min(middle, view.document().characterCount() - 1))
                other.setValue(other.value() + view.cursorRect(cursor).center().y() - view.viewport().height() // 2)
        finally:
            self._syncing = False

    def next_disagreement(self) -> None:
        self._step_open(forward=True)

    def previous_disagreement(self) -> None:
        self._step_open(forward=False)

    def _step_open(self, *, forward: bool) -> None:
        """Select the next (previous) row still to decide, from the selected one, wrapping around."""
        open_rows = [i for i, (_kind, c) in enumerate(self._rows) if c.state in OPEN_STATES]
        if not open_rows:
            self.statusBar().showMessage("Nothing left to decide: no disagreement and nothing to review", 6000)
            return
        model = self.table.selectionModel()
        selected = model.selectedRows() if model is not None else []
        here = selected[0].row() if selected else (-1 if forward else len(self._rows))
        after = [i for i in open_rows if (i > here if forward else i < here)]
        if after:
            row = after[0] if forward else after[-1]
        else:
            row = open_rows[0] if forward else open_rows[-1]
            self.statusBar().showMessage("Back to the first item to decide" if forward
                                         else "Back to the last item to decide", 4000)
        self.table.selectRow(row)
        self.table.scrollToItem(self.table.item(row, 0))

    # --- acting ---------------------------------------------------------------------------------

    def _take_span(self, name: str, shown: Span) -> None:
        original = self._display.get(name, {}).get((shown.start, shown.end, shown.label))
        if original is not None:
            self._take_clicked(original)

    @_reachable
    def _take_clicked(self, item: Any) -> None:
        """A click on an annotator's item: into gold, and its row selected (every pane shows it)."""
        self._take([item])
        kind, key = {Span: ("entity", span_key), Quote: ("quotation", quote_key), Event: ("event", event_key)}[type(item)]
        row = next((i for i, (k, c) in enumerate(self._rows) if k == kind and key(c.item) == key(item)), None)
        if row is not None:
            self.table.selectRow(row)

    def _gold(self) -> list[Any]:
        return [*(s for s in self.controller.spans if s.status == ACCEPTED), *self.controller.quotes,
                *self.controller.events]

    @_reachable
    def _take(self, items: Sequence[Any], title: str | None = None) -> bool:
        items = [i for i in items if i is not None]
        if not items:
            return False
        quotes_by_id = {q.id: q for n in self.annotators for q in self.project.quotes(self.doc_id, n)}
        cmd = take_into_gold(text=self.document.text, doc_id=self.doc_id, items=items, gold=self._gold(),
                             reviewer=GOLD, gold_status=self.project.doc_status(self.doc_id, GOLD), title=title,
                             quotes_by_id=quotes_by_id)
        if cmd.status_change and cmd.status_change[1] != DOC_IN_REVIEW:
            cmd.status_change = (cmd.status_change[0], DOC_IN_REVIEW)  # gold is reviewed, not annotated
        return self._done(self.controller.execute(cmd))

    def _done(self, changed: bool = True) -> bool:
        """After one of this window's own actions: redraw now (not on the next turn of the loop)."""
        self._refresh_soon.stop()
        self.refresh()
        return changed

    @_reachable
    def take_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            self.statusBar().showMessage("Select an item in the table first (or click it in an annotator's text)", 6000)
            return
        _, candidate = self._rows[rows[0].row()]
        self._take([candidate.item])

    @_reachable
    def merge_agreed(self) -> None:
        """Everything all annotators agree on into gold; with a single annotator, all of theirs still
        to review (there is no one to agree with)."""
        everything = (*self.span_candidates, *self.quote_candidates, *self.event_candidates)
        agreed = [c.item for c in everything if c.state in (AGREE, SINGLE)]
        if not agreed:
            self.statusBar().showMessage("Nothing left that every annotator agrees on", 6000)
            return
        single = all(c.state != AGREE for c in everything)
        what = f"the single annotator's {len(agreed)} items" if single else f"{len(agreed)} agreed items"
        self._take(agreed, title=f"Merge {what} into gold")
        self.statusBar().showMessage(f"Took {what} into gold (Ctrl+Z undoes it)", 6000)

    @_reachable
    def mark_adjudicated(self) -> None:
        from ..domain import commands

        before = self.project.doc_status(self.doc_id, GOLD)
        after = DOC_IN_REVIEW if before == DOC_ADJUDICATED else DOC_ADJUDICATED
        self._done(self.controller.execute(commands.set_status(doc_id=self.doc_id, annotator=GOLD, before=before,
                                                                after=after)))

    def edit_gold_in_editor(self) -> Any:
        """The full editor on the gold layer (quotations, events, everything), on this article; the
        curation shows its edits when it gets the focus back."""
        if self.open_editor is None:
            self.statusBar().showMessage("Open the curation from the main window (Review > Curate this article) "
                                         "to edit gold in the full editor", 8000)
            return None
        editor = self.open_editor(self.doc_id)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.show()
        self.gold_editor = editor
        return editor

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt override
        """Back from the gold editor (or anything else that wrote gold): show the store as it is."""
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.ActivationChange and self.isActiveWindow() \
                and getattr(self, "gold_editor", None) is not None:
            self.reload()

    def _others_saved(self, changes: ChangeSet) -> None:
        """Someone saved this article (an annotator their layer, another reviewer gold, anyone a
        status): read it again and redraw in place. The selected row stays selected, and the panes
        and the table stay where the user scrolled them. Gold is read again too: on a team project
        several reviewers write it, and this window's next edit must start from what is stored."""
        if not (changes.everything or self.doc_id in changes.from_others):
            return  # this app's own saves are drawn by the window that made them
        try:
            rebuilt = False
            if not self._annotators_given:
                names = self._annotators()
                if names != self.annotators:  # someone new took part: a pane for them
                    self.annotators = names
                    self._build_columns()
                    rebuilt = True
            bars = {id(view): view.verticalScrollBar().value() for view in self._panes()}
            table_top = self.table.verticalScrollBar().value()
            self.controller.reload()
            self._refresh_soon.stop()
            self.refresh(keep_view=True)
            self._syncing = True  # put every pane back where it was, without the others following
            try:
                for view in self._panes():
                    if id(view) in bars:
                        view.verticalScrollBar().setValue(bars[id(view)])
                    elif rebuilt:
                        view.verticalScrollBar().setValue(self.gold_view.verticalScrollBar().value())
            finally:
                self._syncing = False
            self.table.verticalScrollBar().setValue(table_top)
        except ProjectUnavailable as err:  # away between the notice and the read
            if self.live is not None:
                self.live.lost(str(err))

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.live is not None:
            self.live.release()
            self.live = None
        super().closeEvent(event)

    @_reachable
    def reload(self) -> None:
        """Read gold again from the store (another window may have written it) and redraw."""
        self.controller.reload()
        self._done()

    @_reachable
    def label_gold(self, label: str) -> None:
        selection = self.gold_view.selected_range()
        current = None if selection else self.gold_view.current_span
        self.controller.label(label, selection=selection, current=current)
        self.gold_view.clear_selection()
        self._done()

    @_reachable
    def delete_gold_span(self) -> None:
        span = self.gold_view.current_span
        if span is None:
            self.statusBar().showMessage("Click a span of the gold text first", 6000)
            return
        self.controller.delete(span)
        self._done()


def open_curation(window: Host, open_editor: Callable[[int], QtWidgets.QWidget] | None = None) -> CurationWindow | None:
    """Open the curation of the window's current article (its reviewer decides in it);
    ``open_editor`` see :class:`CurationWindow`."""
    doc = window.controller.document
    if doc is None:
        window.statusBar().showMessage("Open an article first", 6000)
        return None
    curation = CurationWindow(window.project, doc.id, window.labels, open_editor=open_editor,
                              parent=window)  # type: ignore[arg-type]  # a Host is a QWidget
    if not curation.annotators:
        window.statusBar().showMessage("Nobody has annotated this article yet: nothing to curate", 8000)
        curation.close()  # lets go of the team project's change notices
        curation.deleteLater()
        return None
    curation.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    curation.show()
    return curation
