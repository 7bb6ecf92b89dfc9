"""Asking what happens to an article's pending suggestions when the annotator marks it done.

A done article is a reviewed one: every suggestion in it is accepted or rejected, so exports,
training and agreement never read an undecided suggestion as "not an entity". The answer can be
remembered for the project (a project setting), so a reviewer who always rejects the rest is
asked once; Ctrl+Shift+D asks again (and can forget the answer).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from ..domain.review_commands import ACCEPT_REST, REJECT_REST, Pending

DONE_PENDING_SETTING = "done_with_pending"  # "accept" or "reject": the remembered answer

__all__ = ["DONE_PENDING_SETTING", "PendingDialog", "choose_for_pending"]


class PendingDialog(QMessageBox):
    """Accept the rest, reject the rest, or cancel; with "remember for this project"."""

    def __init__(self, pending: Pending, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Suggestions still pending")
        self.setIcon(QMessageBox.Icon.Question)
        self.setText(f"This article still has {pending.describe()} you have not reviewed.")
        self.setInformativeText("A done article counts as fully reviewed: what should happen to the "
                                "suggestions you have not accepted or rejected?")
        self.accept_button = self.addButton("Accept the rest", QMessageBox.ButtonRole.AcceptRole)
        self.reject_button = self.addButton("Reject the rest", QMessageBox.ButtonRole.DestructiveRole)
        self.cancel_button = self.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)
        self.remember = QCheckBox("Remember my choice for this project")
        self.setCheckBox(self.remember)

    def choice(self) -> str | None:
        """ACCEPT_REST, REJECT_REST, or None (cancelled); call after exec()."""
        clicked = self.clickedButton()
        if clicked is self.accept_button:
            return ACCEPT_REST
        if clicked is self.reject_button:
            return REJECT_REST
        return None


def choose_for_pending(parent: QWidget, project: Any, pending: Pending, *,
                       ask: bool = False) -> tuple[str | None, bool]:
    """The choice for ``pending`` (None: cancelled) and whether it was the remembered one.

    Asks unless the project remembers an answer (``ask``: ask anyway, the box ticked when an
    answer is remembered). A ticked box stores the answer; unticking it forgets the old one.
    """
    remembered = _remembered(project)
    if remembered in (ACCEPT_REST, REJECT_REST) and not ask:
        return remembered, True
    dialog = PendingDialog(pending, parent)
    dialog.remember.setChecked(remembered in (ACCEPT_REST, REJECT_REST))
    try:
        dialog.exec()
        choice = dialog.choice()
        wanted = choice if dialog.remember.isChecked() else None
        if choice is not None and wanted != (remembered or None):  # a write only when the answer to keep changes
            _remember(project, wanted)
        return choice, False
    finally:
        dialog.deleteLater()


def _team_key(project: Any) -> str:
    return f"{DONE_PENDING_SETTING}/{project.location}/{project.user}".replace("/", "|")


def _remembered(project: Any) -> str | None:
    """The remembered answer: the project's setting; on a team project each member's own (kept in
    the app's settings: one member's habit is not the team's rule, and only the owner writes the
    project's settings)."""
    if getattr(project, "shared", False):
        from .window_state import settings

        value = settings().value(_team_key(project))
        return str(value) if value else None
    return project.setting(DONE_PENDING_SETTING)


def _remember(project: Any, wanted: str | None) -> None:
    if getattr(project, "shared", False):
        from .window_state import settings

        store = settings()
        if wanted:
            store.setValue(_team_key(project), wanted)
        else:
            store.remove(_team_key(project))
        store.sync()
        return
    project.set_setting(DONE_PENDING_SETTING, wanted)
