"""The Events panel: every event of the open article, and the current one's type, mode, contexts,
date, quotation and arguments.

Rows flag suggested events ("?") and events missing a required role ("⚠ missing recipient"). An
argument that stands for a name the article gives shows it ("il governo → Governo Draghi"). The
form below edits the current event: its fields emit signals that the main window turns into
undoable edits, so the panel never writes anything itself; under the arguments, a drop-down of the
article's named entities says whom the selected one names and picks another (or no one). The
buttons carry the window's event actions (same shortcuts as the menu).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt

from ..domain.event_schema import EventSchema
from ..domain.model import SUGGESTED, EntityRef, Event, EventArg, Quote
from .contrast import mute
from .entity_picker import EntityPicker
from .quote_panel import add_action_buttons, entity_tooltip, excerpt, item_list, selected_row, show_row, with_name
from .type_picker import type_summary

EVENT_COLOR = "#7c3aed"  # violet: distinct from the label colours and the quotations' teal
COLUMNS = ("", "Type", "Mode", "Trigger", "Actor", "Recipient", "Date", "Check")
_DAY = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _valid_day(value: str) -> bool:
    """YYYY-MM-DD or YYYY-MM, and a real day or month (not 2021-13-45, not 2022-02-30)."""
    if not _DAY.match(value):
        return False
    from datetime import date

    try:
        date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    return True


def _words(text: str, start: int | None, end: int | None, limit: int = 40) -> str:
    return excerpt(text, start, end, limit, missing="(whole article)")


def same_event(a: Event | None, b: Event | None) -> bool:
    """The same event, also across an edit (an accepted suggestion is a new row on the same trigger)."""
    if a is None or b is None:
        return False
    if a.id == b.id and a.layer == b.layer:
        return True
    if (a.source_id is not None and a.source_id == b.id) or (b.source_id is not None and b.source_id == a.id):
        return True  # a decision row and the suggestion it decides on (also across an undone edit)
    return a.trigger_start is not None and (a.trigger_start, a.trigger_end, a.type) == (b.trigger_start, b.trigger_end, b.type)


class EventPanel(QtWidgets.QWidget):
    """Lists events and edits the current one (through signals)."""

    eventSelected = QtCore.Signal(object)  # Event | None
    typeRequested = QtCore.Signal()
    modeChosen = QtCore.Signal(object)  # str | None
    contextsChosen = QtCore.Signal(object)  # tuple[str, ...]
    dateEdited = QtCore.Signal(object)  # str | None
    quoteChosen = QtCore.Signal(object)  # Quote | None
    argumentRemoved = QtCore.Signal(object)  # EventArg
    argumentEntityChosen = QtCore.Signal(object, object)  # EventArg, EntityRef | None

    def __init__(self, schema: EventSchema, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self._text = ""
        self._events: list[Event] = []
        self._quotes: list[Quote] = []
        self._current: Event | None = None
        self._choices: list[EntityRef] = []  # the article's named entities (see set_entities)
        self._colors: dict[str, str] = {}
        self.summary = QtWidgets.QLabel()
        self.summary.setStyleSheet("padding: 2px 4px;")
        mute(self.summary)
        # triggers are a word or two: shown whole; long names are cut in the columns of the actors
        # mode and date (both in the form below) go first when the list is narrow
        self.tree = item_list(COLUMNS, stretch=len(COLUMNS) - 1, widths={1: 90, 3: 90, 4: 110, 5: 90},
                              optional=(2, 6), min_stretch=60)
        self.tree.itemSelectionChanged.connect(self._on_selection)
        self.buttons = QtWidgets.QGridLayout()
        self.buttons.setSpacing(2)
        self.form = self._build_form()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(self.buttons)
        layout.addWidget(self.form)
        self._show_current()

    def _build_form(self) -> QtWidgets.QGroupBox:
        box = QtWidgets.QGroupBox("Current event")
        form = QtWidgets.QFormLayout(box)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.type_button = QtWidgets.QPushButton()
        self.type_button.setToolTip("Choose the type (T)")
        self.type_button.clicked.connect(self.typeRequested.emit)
        self.type_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.definition = QtWidgets.QLabel()
        self.definition.setWordWrap(True)
        self.definition.setTextFormat(Qt.TextFormat.RichText)
        mute(self.definition)
        self.mode = QtWidgets.QComboBox()
        self.mode.activated.connect(lambda _i: self.modeChosen.emit(self.mode.currentData()))
        self.contexts = QtWidgets.QListWidget()
        self.contexts.setMaximumHeight(64)
        self.contexts.setFlow(QtWidgets.QListView.Flow.LeftToRight)
        self.contexts.setWrapping(True)
        for context in self.schema.contexts:
            item = QtWidgets.QListWidgetItem(context)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.contexts.addItem(item)
        self.contexts.itemChanged.connect(self._contexts_changed)
        self.date = QtWidgets.QLineEdit()
        self.date.setPlaceholderText("YYYY-MM-DD or YYYY-MM")
        self.date.editingFinished.connect(self._date_finished)
        self.quote = QtWidgets.QComboBox()
        self.quote.activated.connect(lambda _i: self.quoteChosen.emit(self.quote.currentData()))
        self.arguments = QtWidgets.QListWidget()
        self.arguments.setMaximumHeight(90)
        self.arguments.setToolTip("Del removes the selected argument. To add one: click a name (or select "
                                  "words) in the text, then Alt+1, Alt+2… for the role.")
        self.arguments.installEventFilter(self)
        self.arguments.currentRowChanged.connect(lambda _row: self._show_argument_entity())
        self.argument_entity = EntityPicker()
        self.argument_entity.setToolTip("Whom the selected argument names: pick another of the article's names, "
                                        "or no one (Alt+R opens this list)")
        self.argument_entity.entityChosen.connect(self._argument_entity_chosen)
        self.argument_entity_caption = QtWidgets.QLabel("Names")
        self.missing = QtWidgets.QLabel()
        self.missing.setStyleSheet("color: #b91c1c; font-weight: 600;")
        form.addRow("Type", self.type_button)
        form.addRow("", self.definition)
        form.addRow("Mode", self.mode)
        form.addRow("Context", self.contexts)
        form.addRow("Date", self.date)
        form.addRow("Quotation", self.quote)
        form.addRow("Arguments", self.arguments)
        form.addRow(self.argument_entity_caption, self.argument_entity)
        form.addRow("", self.missing)
        return box

    def add_buttons(self, actions: Sequence[tuple[QtGui.QAction, str]]) -> None:
        """Buttons for the window's event actions (see :func:`add_action_buttons`)."""
        add_action_buttons(self.buttons, actions)

    # --- content -------------------------------------------------------------------------------

    @property
    def events(self) -> list[Event]:
        return self._events

    def set_events(self, text: str, events: Sequence[Event], quotes: Sequence[Quote],
                   current: Event | None = None) -> None:
        self._text, self._events, self._quotes = text, list(events), list(quotes)
        blocker = QtCore.QSignalBlocker(self.tree)
        self.tree.clear()
        italic = QtGui.QFont(self.tree.font())
        italic.setItalic(True)
        for event in self._events:
            role_words = {}
            for arg in event.args:
                role_words.setdefault(arg.role, []).append(with_name(text, arg.start, arg.end, arg.entity, 20))
            problems = self.schema.missing_roles(event)
            item = QtWidgets.QTreeWidgetItem([
                "?" if event.status == SUGGESTED else "✓", event.type, event.mode or "",
                _words(text, event.trigger_start, event.trigger_end),
                ", ".join(role_words.get(self._role(0), [])), ", ".join(role_words.get(self._role(1), [])),
                event.date or "", ("⚠ missing " + ", ".join(problems)) if problems else ""])
            item.setForeground(1, QtGui.QColor(EVENT_COLOR))
            if problems:
                item.setForeground(7, QtGui.QColor("#b91c1c"))
            if event.status == SUGGESTED:
                for column in range(len(COLUMNS)):
                    item.setFont(column, italic)
            self.tree.addTopLevelItem(item)
        del blocker
        suggested = sum(1 for e in self._events if e.status == SUGGESTED)
        self.summary.setText(f"{len(self._events)} events · {suggested} suggested" if self._events
                             else "No events in this article yet")
        self.select_event(current, emit=False)

    def _role(self, position: int) -> str:
        return self.schema.roles[position].name if position < len(self.schema.roles) else ""

    def current_event(self) -> Event | None:
        row = selected_row(self.tree)
        return self._events[row] if row is not None and 0 <= row < len(self._events) else None

    def select_event(self, event: Event | None, *, emit: bool = True) -> None:
        show_row(self.tree, next((i for i, e in enumerate(self._events) if same_event(e, event)), None))
        self._current = self.current_event()
        self._show_current()
        if emit:
            self.eventSelected.emit(self._current)

    def _on_selection(self) -> None:
        """A row picked in the list: the form follows it, then the window is told."""
        self._current = self.current_event()
        self._show_current()
        self.eventSelected.emit(self._current)

    # --- the form ------------------------------------------------------------------------------

    def _show_current(self) -> None:
        event = self._current
        self.form.setEnabled(event is not None)
        widgets = (self.mode, self.contexts, self.quote, self.arguments)
        blockers = [QtCore.QSignalBlocker(w) for w in widgets]
        previous = self.selected_argument()
        self.mode.clear()
        self.quote.clear()
        self.arguments.clear()
        kind = self.schema.type(event.type) if event else None
        self.type_button.setText(f"{event.type}  ▾" if event else "—")
        self.definition.setText(type_summary(kind) if kind else (f"{event.type} is not in the {self.schema.name} "
                                                                 "schema" if event else ""))
        self.mode.addItem("(no mode)", None)
        for mode in kind.modes if kind else ():
            self.mode.addItem(mode.name, mode.name)
            self.mode.setItemData(self.mode.count() - 1, mode.definition, Qt.ItemDataRole.ToolTipRole)
        self.mode.setCurrentIndex(max(0, self.mode.findData(event.mode)) if event and event.mode else 0)
        for row in range(self.contexts.count()):
            item = self.contexts.item(row)
            checked = event is not None and item.text() in event.context
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.date.setText(event.date or "" if event else "")
        self.quote.addItem("(none)", None)
        for quote in self._quotes:
            self.quote.addItem(_words(self._text, quote.start, quote.end, 50), quote)
            if event and event.quote_id is not None and quote.id == event.quote_id:
                self.quote.setCurrentIndex(self.quote.count() - 1)
        for arg in event.args if event else ():
            item = QtWidgets.QListWidgetItem(f"{arg.role}: {with_name(self._text, arg.start, arg.end, arg.entity)}")
            item.setData(Qt.ItemDataRole.UserRole, arg)
            item.setToolTip(entity_tooltip(self._text, arg.start, arg.end, arg.entity))
            self.arguments.addItem(item)
        if self.arguments.count():  # the same argument stays selected across an edit, else the first
            where = (previous.role, previous.start, previous.end) if previous is not None else None
            rows = [self.arguments.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.arguments.count())]
            self.arguments.setCurrentRow(next((r for r, a in enumerate(rows) if (a.role, a.start, a.end) == where), 0))
        missing = self.schema.missing_roles(event) if event else []
        self.missing.setText(("⚠ missing " + ", ".join(missing)) if missing else "")
        del blockers
        self._show_argument_entity()

    def _contexts_changed(self, _item: QtWidgets.QListWidgetItem) -> None:
        chosen = tuple(self.contexts.item(r).text() for r in range(self.contexts.count())
                       if self.contexts.item(r).checkState() == Qt.CheckState.Checked)
        self.contextsChosen.emit(chosen)

    def _date_finished(self) -> None:
        value = self.date.text().strip() or None
        if self._current is None or value == (self._current.date or None):
            return
        if value is not None and not _valid_day(value):
            self.date.setStyleSheet("border: 1px solid #b91c1c;")
            self.date.setToolTip("Write the date as YYYY-MM-DD or YYYY-MM")
            return
        self.date.setStyleSheet("")
        self.dateEdited.emit(value)

    def focus_date(self) -> None:
        self.date.setFocus()
        self.date.selectAll()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt override
        """Del and Backspace in the Arguments list remove the argument; the window's "delete span"
        shortcut must not take the key first (hence the ShortcutOverride)."""
        deleting = watched is self.arguments and event.type() in (
            QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.ShortcutOverride) \
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        if deleting and event.type() == QtCore.QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        if deleting:
            item = self.arguments.currentItem()
            if item is not None:
                self.argumentRemoved.emit(item.data(Qt.ItemDataRole.UserRole))
            return True
        return super().eventFilter(watched, event)

    def selected_argument(self) -> EventArg | None:
        item = self.arguments.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    # --- whom the selected argument names ------------------------------------------------------

    def set_entities(self, choices: Sequence[EntityRef], colors: Mapping[str, str] | None = None) -> None:
        """The article's named entities an argument can stand for (see
        :func:`annotator.services.mentions.entity_choices`), and the label colours to mark them."""
        self._choices = list(choices)
        self._colors = dict(colors or {})
        self._show_argument_entity()

    def _show_argument_entity(self) -> None:
        argument = self.selected_argument()
        if argument is None:
            self.argument_entity_caption.setText("Names")
            self.argument_entity.clear_choices("no argument yet (Alt+1…)" if self._current is not None else "—")
            return
        self.argument_entity_caption.setText(f"{argument.role} is")
        spec = self.schema.role(argument.role)
        fitting = [e for e in self._choices if spec is None or not spec.labels or e.label in spec.labels]
        others = [e for e in self._choices if e not in fitting]  # the role's labels first, then the rest
        self.argument_entity.setEnabled(True)
        self.argument_entity.set_choices(self._text, fitting + others, argument.entity, self._colors)

    def _argument_entity_chosen(self, entity: EntityRef | None) -> None:
        argument = self.selected_argument()
        if argument is not None:
            self.argumentEntityChosen.emit(argument, entity)

    def pick_argument_entity(self) -> bool:
        """Open the list of names for the selected argument (the first one when none is); False
        when the current event has no argument."""
        if self.selected_argument() is None:
            return False
        self.argument_entity.pick()
        return True
