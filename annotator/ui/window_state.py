"""Remembers the window between sessions: geometry, splitter positions, column widths, last article.

Everything lives in one user-scoped INI file (``QSettings``), so the app reopens where the annotator
stopped. The last article is kept per project file and per annotator: two annotators sharing a
machine, or one annotator with two projects, each come back to their own article. The file lives in
``$ANNOTATOR_SETTINGS_DIR`` when that is set (the test suite sets it per test, so tests never share a
layout nor touch the user's own file).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

__all__ = ["ORGANIZATION", "SETTINGS_DIR_VARIABLE", "WindowMemory", "settings"]

ORGANIZATION = "annotator"
APPLICATION = "annotator"
SETTINGS_DIR_VARIABLE = "ANNOTATOR_SETTINGS_DIR"


def settings() -> QSettings:
    """The app's settings file (INI, user scope: ``~/.config/annotator/annotator.ini`` on Linux, or
    ``annotator/annotator.ini`` under ``$ANNOTATOR_SETTINGS_DIR``)."""
    folder = os.environ.get(SETTINGS_DIR_VARIABLE)
    if folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def _project_key(project_path: str | Path) -> str:
    """A short stable key for a project file (its resolved path, hashed: keys cannot hold slashes),
    or for a team project (its URL without the password)."""
    from ..store.location import display_location, is_server_url

    if is_server_url(project_path):
        resolved = display_location(project_path)
    else:
        resolved = str(Path(project_path).expanduser().resolve())
    return hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:16]


class WindowMemory:
    """Saves and restores one main window's layout and the last article of (project, annotator)."""

    def __init__(self, project_path: str | Path, annotator: str, *, kind: str = "main") -> None:
        """``kind`` names the window's layout ("main", or "gold" for the reviewer's editor), so a
        second kind of window never takes over the annotator's geometry and columns."""
        self._article_key = f"last_article/{_project_key(project_path)}/{annotator}"
        self._layout = f"layout/{kind}"
        self._article: int | None = None  # opened in this session: written with the layout, at close

    # --- the last article ---------------------------------------------------------------------

    def last_article(self) -> int | None:
        """The id of the article open when this annotator last left this project, or None."""
        value = settings().value(self._article_key)
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def remember_article(self, doc_id: int) -> None:
        """Note the article now open; :meth:`save_layout` writes it (a settings write costs
        milliseconds: not on every article the annotator steps through)."""
        self._article = int(doc_id)

    # --- layout -------------------------------------------------------------------------------

    def restore_layout(self, window: QMainWindow, splitters: dict[str, QSplitter], headers: dict[str, QHeaderView]) -> None:
        """Put back the window geometry, splitter positions and header states saved last time
        (each one only if it was saved; a state Qt cannot read is ignored)."""
        store = settings()
        geometry = store.value(f"{self._layout}/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            window.restoreGeometry(geometry)
        for name, splitter in splitters.items():
            state = store.value(f"{self._layout}/splitters/{name}")
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
        for name, header in headers.items():
            state = store.value(f"{self._layout}/headers/{name}")
            if isinstance(state, QByteArray) and not state.isEmpty():
                header.restoreState(state)

    def save_layout(self, window: QMainWindow, splitters: dict[str, QSplitter], headers: dict[str, QHeaderView]) -> None:
        """Save the window geometry, splitter positions, header states and the last article (on close)."""
        store = settings()
        if self._article is not None:
            store.setValue(self._article_key, self._article)
        store.setValue(f"{self._layout}/geometry", window.saveGeometry())
        for name, splitter in splitters.items():
            store.setValue(f"{self._layout}/splitters/{name}", splitter.saveState())
        for name, header in headers.items():
            store.setValue(f"{self._layout}/headers/{name}", header.saveState())
        store.sync()
