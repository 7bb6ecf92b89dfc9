"""Bridges domain commands to Qt's undo stack; the store is written on every do, undo and redo."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ..domain.commands import Command
from ..store import Project
from ..store.errors import describe_sqlite_error


def store_problem(err: Exception, project: Project) -> str:
    """Why the store refused a change, in words (busy, read-only, disk full, damaged: what to do)."""
    if isinstance(err, sqlite3.IntegrityError):  # a row it links to is gone: not a sick project
        return f"what it links to was changed meanwhile, by another process ({err})"
    return describe_sqlite_error(err, project.path) or str(err)


class StoreUndoCommand(QUndoCommand):
    """A command already applied to the store; undo reverts it, redo applies it again."""

    def __init__(self, project: Project, command: Command, on_change: Callable[[Command, bool], None],
                 on_error: Callable[[str], None] | None = None) -> None:
        super().__init__(command.text)
        self._project = project
        self._command = command
        self._on_change = on_change
        self._on_error = on_error
        self._applied = True  # pushed after a successful apply, so the first redo() does nothing

    @property
    def command(self) -> Command:
        return self._command

    def redo(self) -> None:
        if not self._applied:
            try:
                self._project.apply(self._command, direction="redo")
            except Exception as err:  # the store rolled back: say so, keep the stack usable
                self._failed("redo", err)
                return
            self._applied = True
            self._on_change(self._command, False)

    def undo(self) -> None:
        try:
            self._project.revert(self._command)
        except Exception as err:  # the store rolled back: nothing changed
            self._failed("undo", err)
            return
        self._applied = False
        self._on_change(self._command, True)

    def _failed(self, what: str, err: Exception) -> None:
        """An undo or redo the store refused (one transaction: nothing half-done). The change is
        marked obsolete so the stack drops it instead of pretending it happened."""
        self.setObsolete(True)
        if self._on_error is not None:
            self._on_error(f"Could not {what} “{self._command.text}”: {store_problem(err, self._project)}")
