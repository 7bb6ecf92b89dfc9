"""A searchable picker of event types that shows each type's definition, modes and class.

Type to filter (by name or by words of the definition), Up/Down to move, Enter to choose, Esc to
cancel: the schema's 16 PLOVER types (or a team's own) are a few keys away.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Qt

from ..domain.event_schema import EventSchema, EventType


def type_summary(kind: EventType) -> str:
    """The definition, class and modes of a type, as the picker and the panel show them."""
    modes = ", ".join(m.name for m in kind.modes) or "—"
    quad = f"<i>{kind.quad}</i><br>" if kind.quad else ""
    required = ", ".join(kind.required) or "—"
    return f"<b>{kind.name}</b><br>{quad}{kind.definition}<br><b>modes:</b> {modes}<br><b>required:</b> {required}"


class TypePicker(QtWidgets.QDialog):
    """Choose an event type of ``schema``; :meth:`pick` returns its name or None."""

    def __init__(self, schema: EventSchema, current: str | None = None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Event type")
        self.schema = schema
        self.search = QtWidgets.QLineEdit()
        self.search.setPlaceholderText("Type to filter: name or words of the definition")
        self.search.setClearButtonEnabled(True)
        self.list = QtWidgets.QListWidget()
        self.definition = QtWidgets.QLabel()
        self.definition.setWordWrap(True)
        self.definition.setMinimumHeight(90)
        self.definition.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.definition.setTextFormat(Qt.TextFormat.RichText)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok
                                             | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.definition)
        layout.addWidget(buttons)
        for kind in schema.types:
            item = QtWidgets.QListWidgetItem(f"{kind.name}   {kind.definition}")
            item.setData(Qt.ItemDataRole.UserRole, kind.name)
            item.setToolTip(kind.definition)
            self.list.addItem(item)
        self.search.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._show)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.search.installEventFilter(self)
        self.resize(560, 460)
        self._filter("")
        if current:
            self.select(current)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else None

    def select(self, name: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentItem(item)

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        first_visible = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            kind = self.schema.type(item.data(Qt.ItemDataRole.UserRole))
            haystack = f"{kind.name} {kind.definition} {' '.join(m.name for m in kind.modes)}".lower() if kind else ""
            hidden = not all(w in haystack for w in words)
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentItem(first_visible)
        self._show(self.list.currentItem())

    def _show(self, item: QtWidgets.QListWidgetItem | None, *_: object) -> None:
        kind = self.schema.type(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        self.definition.setText(type_summary(kind) if kind else "No type matches: change the filter")

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt override
        """Up and Down in the filter move through the list, so the hands stay on the keys."""
        if watched is self.search and event.type() == QtCore.QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step(1 if event.key() == Qt.Key.Key_Down else -1)
            return True
        return super().eventFilter(watched, event)

    def _step(self, delta: int) -> None:
        rows = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) if current in rows else -1
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, position + delta))])

    @classmethod
    def pick(cls, schema: EventSchema, current: str | None = None,
             parent: QtWidgets.QWidget | None = None) -> str | None:
        dialog = cls(schema, current, parent)
        return dialog.chosen() if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted else None
