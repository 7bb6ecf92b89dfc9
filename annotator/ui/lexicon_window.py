"""Tools ▸ Project lexicon…: the triggers and reporting verbs the project learned, and changing them.

The table lists what the project added to the bundled lexicons (learned while people annotate, or
added here or with ``annotator lexicon``); Remove, Add trigger…, Add reporting verb… and Import…
change it, Export… writes it as ``annotator lexicon export`` does. Every change is stored at once and
the untouched articles that hold the words are suggested again (see
:mod:`annotator.services.lexicon_changes`); the window says how many, and ``report`` lets the main
window show them. On a team project only the owner changes the lexicon: others see it read-only.

The window is handed the project and callbacks, so it never imports the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.event_schema import EventSchema
from ..domain.shown import shown
from ..services import lexicon_changes
from ..services.lexicon_changes import Change, LexiconEditError
from ..store.errors import ProjectUnavailable
from .contrast import mute

__all__ = ["CueForm", "LexiconWindow", "TriggerForm", "open_lexicon_window"]

COLUMNS = ("Kind", "Words", "Event type", "Mode", "Learned from", "By")
NO_MODE = "(no mode)"
KIND_CHOICES = (
    ("verb", "Verb: its infinitive (sgominare); every form is found"),
    ("noun", "Noun: its forms joined by | (retata|retate)"),
    ("phrase", "Phrase: several words in a row (colpo di mano)"),
)


def _kind_words(entry: Any) -> str:
    if hasattr(entry, "type"):
        return f"event trigger ({entry.kind})"
    return "reporting verb" if entry.kind == "verb" else "reporting phrase"


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e;")  # a dark red that keeps AA contrast on light palettes
    label.hide()
    return label


def _show_error(form: Any, text: str) -> None:
    """Say what is wrong under a form's fields, the form growing to show all of it."""
    form.error.setText(text)
    form.error.show()
    form.layout().activate()
    form.resize(form.width(), max(form.height(), form.layout().totalHeightForWidth(form.width())))


def _lay_out_form(dialog: QDialog, intro: QLabel, form: QFormLayout, error: QLabel) -> None:
    """An add form: its explanation, its fields, where its errors show, and Add / Cancel."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)


class TriggerForm(QDialog):
    """Add trigger…: words, how they are written, the event type and its mode. ``check`` turns the
    answers into an entry or raises LexiconEditError (said in the form, which stays open)."""

    def __init__(self, schema: EventSchema, check: Callable[[str, str, str | None, str], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add an event trigger")
        self.schema, self.check = schema, check
        self.entry: Any = None
        self.words = QLineEdit()
        self.words.setPlaceholderText("sgominare · retata|retate · colpo di mano")
        self.kind = QComboBox()
        for kind, words in KIND_CHOICES:
            self.kind.addItem(words, kind)
        self.type = QComboBox()
        for kind in schema.types:
            self.type.addItem(kind.name, kind.name)
            self.type.setItemData(self.type.count() - 1, kind.definition, Qt.ItemDataRole.ToolTipRole)
        self.definition = QLabel()
        self.definition.setWordWrap(True)
        self.definition.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.definition.setMinimumHeight(3 * self.definition.fontMetrics().lineSpacing())  # the longest: 3 lines
        mute(self.definition)
        self.mode = QComboBox()
        intro = QLabel("Words that express an event: the suggester proposes an event of this type (and mode) "
                       "wherever they occur.")
        intro.setWordWrap(True)
        mute(intro)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow("&Words", self.words)
        form.addRow("Written &as", self.kind)
        form.addRow("Event &type", self.type)
        form.addRow("", self.definition)
        form.addRow("&Mode", self.mode)
        _lay_out_form(self, intro, form, self.error)
        self.type.currentIndexChanged.connect(self._type_chosen)
        self._type_chosen()
        self.setMinimumWidth(540)
        self.adjustSize()
        self.words.setFocus()

    def _type_chosen(self, *_: object) -> None:
        kind = self.schema.type(self.type.currentData() or "")
        self.definition.setText(kind.definition if kind else "")
        self.mode.clear()
        self.mode.addItem(NO_MODE, None)
        for mode in kind.modes if kind else ():
            self.mode.addItem(mode.name, mode.name)
            if mode.definition:
                self.mode.setItemData(self.mode.count() - 1, mode.definition, Qt.ItemDataRole.ToolTipRole)
        self.mode.setEnabled(self.mode.count() > 1)

    def accept(self) -> None:
        try:
            self.entry = self.check(self.words.text(), self.type.currentData() or "", self.mode.currentData(),
                                    self.kind.currentData())
        except LexiconEditError as err:
            _show_error(self, str(err))
            self.words.setFocus()
            return
        super().accept()


class CueForm(QDialog):
    """Add reporting verb…: a verb that introduces a quotation (its infinitive), or an expression."""

    def __init__(self, check: Callable[[str], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a reporting verb")
        self.check = check
        self.entry: Any = None
        self.words = QLineEdit()
        self.words.setPlaceholderText("gongolare · puntare il dito")
        intro = QLabel("A verb that introduces what someone said («…», ha gongolato Rossi), written as its "
                       "infinitive; or an expression of several words. The quotation finder then takes it as a cue.")
        intro.setWordWrap(True)
        mute(intro)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow("&Verb or expression", self.words)
        _lay_out_form(self, intro, form, self.error)
        self.setMinimumWidth(500)
        self.adjustSize()
        self.words.setFocus()

    def accept(self) -> None:
        try:
            self.entry = self.check(self.words.text())
        except LexiconEditError as err:
            _show_error(self, str(err))
            return
        super().accept()


class LexiconWindow(QDialog):
    """The project's learned lexicon: a table of entries and the buttons that change it."""

    def __init__(self, project: Any, annotator: str, schema: EventSchema, *,
                 report: Callable[[Change], None] | None = None, parent: QWidget | None = None) -> None:
        from ..store.team import role_of

        super().__init__(parent)
        self.project, self.annotator, self.schema = project, annotator, schema
        self.report = report
        self.overlay: Any = None
        self.setWindowTitle(f"Project lexicon — {project.name}")
        role = role_of(project)
        self.refused = None if not project.shared or role == "owner" else (
            f"Only the project's owner changes the learned lexicon of this team project (you, {project.user}, "
            f"are {'an ' + role if role == 'annotator' else 'a ' + role if role else 'not on the team'}); "
            "you can read and export it")

        intro = QLabel("Event triggers and reporting verbs this project added to the bundled lexicons. The project "
                       "learns one when someone codes an event or a quotation on words the suggestions did not "
                       "know; you can add and remove them here. After each change the articles nobody has "
                       "touched yet that hold the words are suggested again.")
        intro.setWordWrap(True)
        mute(intro)
        self.read_only_note = QLabel(self.refused or "")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(bool(self.refused))
        self.empty = QLabel("Nothing learned yet: code an event (E) or a quotation's cue (C) the suggestions "
                            "missed, or add entries with the buttons below.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mute(self.empty)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 160), (2, 110), (3, 120), (4, 170), (5, 90)):
            self.table.setColumnWidth(column, width)
        self.table.setToolTip("Select entries (Shift/Ctrl for several) and press Delete to remove them")

        self.add_trigger_button = QPushButton("Add &trigger…")
        self.add_trigger_button.setToolTip("Words that express an event of a type of the project's schema")
        self.add_cue_button = QPushButton("Add &reporting verb…")
        self.add_cue_button.setToolTip("A verb or expression that introduces a quotation "
                                       "(ha gongolato, ha puntato il dito)")
        self.remove_button = QPushButton("Re&move")
        self.remove_button.setToolTip("Forget the selected entries (Delete)")
        self.import_button = QPushButton("&Import…")
        self.import_button.setToolTip("Add the entries of a JSON file written by Export… "
                                      "or 'annotator lexicon export'")
        self.export_button = QPushButton("E&xport…")
        self.export_button.setToolTip("Write the learned lexicon to a JSON file, for another project "
                                      "(Import… there, or 'annotator lexicon import')")
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        self.add_trigger_button.clicked.connect(self.add_trigger)
        self.add_cue_button.clicked.connect(self.add_cue)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.table.installEventFilter(self)  # Delete or Backspace in the table removes the selected entries
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        for button in (self.add_trigger_button, self.add_cue_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.import_button, self.export_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        if self.refused:
            for widget in (self.add_trigger_button, self.add_cue_button, self.remove_button, self.import_button):
                widget.setEnabled(False)
                widget.setToolTip(self.refused)
            self.table.setToolTip(self.refused)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.resize(920, 500)
        self.fill()
        self.table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) \
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if event.type() == QEvent.Type.ShortcutOverride:  # the key is the table's, not a shortcut's
                event.accept()
            else:
                self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh()  # the project may have learned meanwhile (in the main window, the CLI, the owner)
        super().changeEvent(event)

    # --- showing ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """List the lexicon again if it changed since it was listed."""
        from ..nlp.lexicon_overlay import OverlayError
        from ..services.lexicon import load_overlay

        try:
            changed = load_overlay(self.project) != self.overlay
        except (OverlayError, ProjectUnavailable):
            changed = True  # fill() says what is wrong
        if changed:
            self.fill()

    def fill(self) -> None:
        """Read the lexicon again and list it (keeping nothing selected)."""
        from ..nlp.lexicon_overlay import LexiconOverlay, OverlayError
        from ..services.lexicon import load_overlay

        try:
            self.overlay = load_overlay(self.project)
        except (OverlayError, ProjectUnavailable) as err:
            self.overlay = None
            self._say(str(err), problem=True)
        entries = [*self.overlay.triggers, *self.overlay.cues] if self.overlay is not None else []
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            trigger = hasattr(entry, "type")
            source = f"“{entry.example}”" if entry.example and entry.example != entry.words else ""
            values = (_kind_words(entry), entry.words, entry.type if trigger else "",
                      (entry.mode or "") if trigger else "", source, entry.annotator)
            for column, value in enumerate(values):
                item = QTableWidgetItem(shown(value))
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, entry)
                if column == 1:
                    item.setToolTip(shown(entry.words.replace("|", " · ")))
                self.table.setItem(row, column, item)
        self.empty.setVisible(not entries and self.overlay is not None)
        if self.overlay is None and not self.refused:
            for widget in (self.add_trigger_button, self.add_cue_button, self.remove_button, self.import_button):
                widget.setEnabled(False)
        self.overlay = self.overlay if self.overlay is not None else LexiconOverlay()
        self._selection_changed()

    def entries(self) -> list[Any]:
        """Every listed entry, in the table's order."""
        return [self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(self.table.rowCount())]

    def selected_entries(self) -> list[Any]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in rows]

    def _selection_changed(self) -> None:
        if not self.refused:
            self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.state.setText(text)
        self.state.setStyleSheet("color: #b3261e;" if problem else "")

    # --- changing ----------------------------------------------------------------------------------

    def _store(self, overlay: Any, touched: list[Any], what: str) -> bool:
        """Store ``overlay``, suggest again, list it and say so; False (and said) when refused."""
        from ..nlp.lexicon_overlay import OverlayError

        try:
            change = lexicon_changes.change(self.project, overlay, touched, what)
        except (ProjectUnavailable, OverlayError) as err:  # PermissionRefused among them
            self._say(f"Not changed: {err}", problem=True)
            return False
        self.fill()
        self._say(change.said)
        if self.report is not None:
            self.report(change)
        return True

    def remove_selected(self) -> None:
        if self.refused:
            self._say(self.refused, problem=True)
            return
        chosen = self.selected_entries()
        if not chosen:
            self._say("Select the entries to remove first (Shift or Ctrl for several)")
            return
        from ..nlp.lexicon_overlay import LexiconOverlay

        kept = LexiconOverlay(tuple(t for t in self.overlay.triggers if t not in chosen),
                              tuple(c for c in self.overlay.cues if c not in chosen))
        what = f"Removed “{chosen[0].words}”" if len(chosen) == 1 else f"Removed {len(chosen)} entries"
        self._store(kept, chosen, what)

    def add_trigger(self) -> QDialog | None:
        """Open the Add trigger form (returned, so a test can fill it); the entry is added on Add."""
        if self.refused:
            return None

        def check(words: str, type_: str, mode: str | None, kind: str) -> Any:
            return lexicon_changes.trigger_entry(self.project, words, type_, mode, kind, annotator=self.annotator)

        form = TriggerForm(self.schema, check, self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(lambda: self._add(form.entry))
        form.open()
        self.form = form
        return form

    def add_cue(self) -> QDialog | None:
        if self.refused:
            return None
        form = CueForm(lambda words: lexicon_changes.cue_entry(words, annotator=self.annotator), self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(lambda: self._add(form.entry))
        form.open()
        self.form = form
        return form

    def _add(self, entry: Any) -> None:
        trigger = hasattr(entry, "type")
        if trigger:
            replaced = [t for t in self.overlay.triggers if (t.words, t.kind) == (entry.words, entry.kind)]
            overlay = self.overlay.with_trigger(entry)
            mode = f" {entry.mode}" if entry.mode else ""
            what = f"Added the trigger “{entry.words}” ({entry.type}{mode})"
        else:
            replaced = [c for c in self.overlay.cues if (c.words, c.kind) == (entry.words, entry.kind)]
            overlay = self.overlay.with_cue(entry)
            what = f"Added the reporting {'verb' if entry.kind == 'verb' else 'expression'} “{entry.words}”"
        if self._store(overlay, [*replaced, entry], what):
            self._select(entry)

    def _select(self, entry: Any) -> None:
        for row, listed in enumerate(self.entries()):
            if listed == entry:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, 0))

    # --- files ---------------------------------------------------------------------------------------

    def ask_import_path(self) -> str:
        """The file to import (a method, so tests can answer for the user); "" when cancelled."""
        path, _ = QFileDialog.getOpenFileName(self, "Import a learned lexicon", str(Path.cwd()),
                                              "Lexicon (*.json);;All files (*)")
        return path

    def ask_export_path(self) -> str:
        """Where to export (a method, so tests can answer for the user); "" when cancelled."""
        from ..services.exporting import default_export_path

        default = default_export_path(self.project.path, "jsonl")
        start = default.with_name(default.name.removesuffix("-jsonl.jsonl") + "-lexicon.json")
        path, _ = QFileDialog.getSaveFileName(self, "Export the learned lexicon", str(start),
                                              "Lexicon (*.json);;All files (*)")
        return path

    def import_file(self) -> None:
        if self.refused:
            return
        path = self.ask_import_path()
        if not path:
            return
        try:
            other = lexicon_changes.read_lexicon_file(path)
        except LexiconEditError as err:
            self._say(str(err), problem=True)
            return
        before = {*self.overlay.triggers, *self.overlay.cues}
        overlay = lexicon_changes.merged(self.overlay, other)
        new = [e for e in (*overlay.triggers, *overlay.cues) if e not in before]
        if not new:
            self._say(f"{shown(Path(path).name)} holds nothing this project does not know already")
            return
        replaced = [e for e in before if any((e.words, e.kind, type(e)) == (n.words, n.kind, type(n)) for n in new)]
        self._store(overlay, [*replaced, *new], f"Imported {len(new)} entr{'ies' if len(new) != 1 else 'y'} "
                                                f"from {shown(Path(path).name)}")

    def export_file(self) -> None:
        path = self.ask_export_path()
        if not path:
            return
        try:
            lexicon_changes.write_lexicon_file(self.project, self.overlay, path)
        except LexiconEditError as err:
            self._say(str(err), problem=True)
            return
        self._say(f"Wrote {len(self.overlay.triggers)} triggers and {len(self.overlay.cues)} reporting verbs "
                  f"to {shown(path)}")


def open_lexicon_window(parent: QWidget, project: Any, annotator: str, schema: EventSchema, *,
                        report: Callable[[Change], None] | None = None) -> LexiconWindow:
    """Show the Project lexicon window over ``parent`` (not modal: the annotation goes on beside it)."""
    window = LexiconWindow(project, annotator, schema, report=report, parent=parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
