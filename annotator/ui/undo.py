"""Bridges domain commands to Qt's undo stack; the store is written on every do, undo and redo.

On a team project the server may be away when the user undoes: the store is then unchanged (one
transaction, rolled back), so the stack must not move either. :class:`StoreUndoStack` gives the app's
Undo and Redo actions :meth:`~StoreUndoStack.undo_keeping_truth` and
:meth:`~StoreUndoStack.redo_keeping_truth`, which put the stack's index back when the store could not
be reached: the command stays where it was, to be undone once the server is back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from ..domain.commands import Command
from ..store import Project
from ..store.errors import PermissionRefused, ProjectUnavailable, describe_sqlite_error


def store_problem(err: Exception, project: Project) -> str:
    """Why the store refused a change, in words (busy, read-only, disk full, damaged: what to do)."""
    if isinstance(err, sqlite3.IntegrityError):  # a row it links to is gone: not a sick project
        return f"what it links to was changed meanwhile, by another process ({err})"
    return describe_sqlite_error(err, project.path) or str(err)


def server_unreachable(err: BaseException, project: Project) -> bool:
    """Whether ``err`` says a team project's server cannot be reached now (not a refusal of its rules)."""
    return (bool(getattr(project, "shared", False)) and isinstance(err, ProjectUnavailable)
            and not isinstance(err, PermissionRefused))


class StoreUndoStack(QUndoStack):
    """Qt's undo stack, with an undo and a redo that leave the index where it was when the store
    could not be reached (see the module docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kept = False

    def keep_index(self) -> None:
        """Called by a command whose undo or redo did not reach the store."""
        self._kept = True

    def undo_keeping_truth(self) -> None:
        self._kept = False
        self.undo()
        if self._kept:  # the store still has the change: the stack says so again (a no-op redo)
            self._kept = False
            self.redo()

    def redo_keeping_truth(self) -> None:
        self._kept = False
        self.redo()
        if self._kept:
            self._kept = False
            self.undo()

    def make_actions(self, parent: QObject, undo_text: str = "Undo", redo_text: str = "Redo", *,
                     undo: Callable[[], None] | None = None,
                     redo: Callable[[], None] | None = None) -> tuple[QAction, QAction]:
        """Undo and Redo actions like ``createUndoAction``'s (their text names the edit, "Undo Label
        “Putin” as PER"; disabled when there is nothing to do), which run ``undo`` and ``redo``
        (default: undo and redo keeping the truth)."""
        actions = []
        for prefix, can, can_changed, text, text_changed, run in (
                (undo_text, self.canUndo, self.canUndoChanged, self.undoText, self.undoTextChanged,
                 undo or self.undo_keeping_truth),
                (redo_text, self.canRedo, self.canRedoChanged, self.redoText, self.redoTextChanged,
                 redo or self.redo_keeping_truth)):
            action = QAction(prefix, parent)

            def named(edit: str, action: QAction = action, prefix: str = prefix) -> None:
                action.setText(f"{prefix} {edit}" if edit else prefix)

            named(text())
            action.setEnabled(can())
            text_changed.connect(named)
            can_changed.connect(action.setEnabled)
            action.triggered.connect(lambda _=False, run=run: run())
            actions.append(action)
        return actions[0], actions[1]


class StoreUndoCommand(QUndoCommand):
    """A command already applied to the store; undo reverts it, redo applies it again."""

    def __init__(self, project: Project, command: Command, on_change: Callable[[Command, bool], None],
                 on_error: Callable[[str], None] | None = None, *,
                 on_unreachable: Callable[[str, BaseException], None] | None = None,
                 stack: StoreUndoStack | None = None) -> None:
        """``on_unreachable(what, err)``: a team project's server could not be reached for the undo or
        redo ``what``; the command keeps its place on ``stack`` (see :class:`StoreUndoStack`)."""
        super().__init__(command.text)
        self._project = project
        self._command = command
        self._on_change = on_change
        self._on_error = on_error
        self._on_unreachable = on_unreachable
        self._stack = stack
        self._applied = True  # pushed after a successful apply, so the first redo() does nothing
        self._skip_next = False  # the stack moves back over a failed step: the store is not touched

    @property
    def command(self) -> Command:
        return self._command

    def redo(self) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        if not self._applied:
            try:
                self._project.apply(self._command, direction="redo")
            except Exception as err:  # the store rolled back: say so, keep the stack usable
                self._failed("redo", err)
                return
            self._applied = True
            self._on_change(self._command, False)

    def undo(self) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        try:
            self._project.revert(self._command)
        except Exception as err:  # the store rolled back: nothing changed
            self._failed("undo", err)
            return
        self._applied = False
        self._on_change(self._command, True)

    def _failed(self, what: str, err: Exception) -> None:
        """An undo or redo the store refused (one transaction: nothing half-done). A server that
        cannot be reached leaves the command in its place (undone later, once it is back); any other
        refusal marks it obsolete, so the stack drops it instead of pretending it happened."""
        if server_unreachable(err, self._project) and self._stack is not None:
            self._skip_next = True  # the stack's step back (or forward) over it touches nothing
            self._stack.keep_index()
            if self._on_unreachable is not None:
                self._on_unreachable(what, err)
            return
        self.setObsolete(True)
        if self._on_error is not None:
            self._on_error(f"Could not {what} “{self._command.text}”: {store_problem(err, self._project)}")
