"""Bridges domain commands to Qt's undo stack; the store is written on every do, undo and redo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ..domain.commands import Command
from ..store import Project


class StoreUndoCommand(QUndoCommand):
    """A command already applied to the store; undo reverts it, redo applies it again."""

    def __init__(self, project: Project, command: Command, on_change: Callable[[Command, bool], None]) -> None:
        super().__init__(command.text)
        self._project = project
        self._command = command
        self._on_change = on_change
        self._applied = True  # pushed after a successful apply, so the first redo() does nothing

    @property
    def command(self) -> Command:
        return self._command

    def redo(self) -> None:
        if not self._applied:
            self._project.apply(self._command, direction="redo")
            self._applied = True
            self._on_change(self._command, False)

    def undo(self) -> None:
        self._project.revert(self._command)
        self._applied = False
        self._on_change(self._command, True)
