"""A drop-down of the article's named entities: whom a speaker or an event argument stands for.

One click opens it (or a key: the window's action calls :meth:`EntityPicker.pick`); it lists
"(no one named)" and the named entities of the article (see
:func:`annotator.services.mentions.entity_choices`), each with its label's colour, and shows the
current one. Choosing another emits :attr:`EntityPicker.entityChosen`; the panel passes it on to
the window, which makes it an undoable edit: the picker never writes anything itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Qt

from ..domain.model import EntityRef
from ..services.mentions import entity_words
from .icons import color_icon

NO_ONE = "(no one named)"


class EntityPicker(QtWidgets.QComboBox):
    """Shows the entity a mention resolves to; emits :attr:`entityChosen` when the user picks another."""

    entityChosen = QtCore.Signal(object)  # EntityRef | None

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        # a long name never widens the side panel: the box elides, the open list shows it whole
        self.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
        self.setMaxVisibleItems(16)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._current = 0
        self.activated.connect(self._activated)

    def set_choices(self, text: str, choices: Sequence[EntityRef], current: EntityRef | None,
                    colors: Mapping[str, str] | None = None) -> None:
        """Offer ``choices`` (named mentions of ``text``) and show ``current``, which is offered too
        when none of them has its words and label."""
        blocker = QtCore.QSignalBlocker(self)
        self.clear()
        self.addItem(color_icon("#00000000", round_dot=False), NO_ONE, None)  # aligned with the names
        self.setItemData(0, "The words name no one of the article (or someone it never names)",
                         Qt.ItemDataRole.ToolTipRole)
        key = (entity_words(text, current), current.label) if current is not None else None
        offered = list(choices)
        if key is not None and not any((entity_words(text, e), e.label) == key for e in offered):
            offered.insert(0, current)  # type: ignore[arg-type]
        self._current = 0
        for entity in offered:
            words = entity_words(text, entity)
            label = entity.label or "?"
            color = (colors or {}).get(label)
            self.addItem(color_icon(color or "#9e9e9e", round_dot=False), f"{words} · {label}", entity)
            self.setItemData(self.count() - 1, f"{words} ({label})", Qt.ItemDataRole.ToolTipRole)
            if (words, entity.label) == key and self._current == 0:
                self._current = self.count() - 1
        self.setCurrentIndex(self._current)
        self._fit_popup()
        del blocker

    def clear_choices(self, placeholder: str = "—") -> None:
        """Nothing to resolve: an empty, disabled box."""
        blocker = QtCore.QSignalBlocker(self)
        self.clear()
        self.addItem(placeholder, None)
        self._current = 0
        self.setEnabled(False)
        del blocker

    def current_entity(self) -> EntityRef | None:
        """The entity shown (None: no one)."""
        return self.itemData(self.currentIndex())

    def pick(self) -> None:
        """Open the list, as a click does (the window's key for it)."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.showPopup()

    def _activated(self, row: int) -> None:
        if row == self._current or row < 0:
            return
        self._current = row
        self.entityChosen.emit(self.itemData(row))

    def _fit_popup(self) -> None:
        """The open list is as wide as its longest name (within reason), not just as the box."""
        view = self.view()
        view.setMinimumWidth(min(view.sizeHintForColumn(0) + 24, 420))
