"""Starts the desktop app on a project file; a new, empty project is filled with the demo seeds."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import services
from ..domain.shown import shown
from ..store import open_project
from ..store.errors import ProjectUnavailable, describe_sqlite_error
from ..store.location import display_location, is_server_url
from ..store.schema import ProjectVersionError
from . import crash, tasks
from .live import LiveUpdates
from .main_window import MainWindow, team_window

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


class Cancelled(Exception):
    """The user cancelled the password box: the app does not start."""


def build_window(project_path: str | Path, annotator: str, *, seeds: Path | None = SEEDS,
                 password: str | None = None) -> MainWindow:
    """Open the project and compose the main window (used by run_app and by the tests).

    A team project (a ``postgresql://`` URL) opens as its login role, whatever ``annotator`` says
    (the server lets each member write their own layer only), and is never filled with the demo
    articles (only its owner imports)."""
    if is_server_url(project_path):
        from .team_dialog import connect_asking

        project = connect_asking(None, str(project_path), password)
        if project is None:
            raise Cancelled()
        return team_window(project)
    project = open_project(project_path)
    labels = services.load_labels(project)
    window = MainWindow(project, annotator, labels)
    # a backup now, then every 30 minutes of editing; a failed one is told, never blocks an edit
    project.start_backups(on_error=lambda message: window.statusBar().showMessage(message, 15000))
    if seeds is not None and project.count_documents() == 0 and seeds.is_dir():
        services.ensure_demo(project, seeds, labels=labels)
        window.after_import()
        # pre-annotate behind a progress dialog once the window is on screen
        QTimer.singleShot(0, lambda: tasks.preannotate_with_progress(window, project.documents_without_suggestions()))
    return window


def run_app(project_path: str | Path, annotator: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("annotator")
    where = display_location(project_path)  # a URL never shows its password
    try:
        window = build_window(project_path, annotator)
    except Cancelled:
        print(f"annotator: {where} was not opened (no password given)", file=sys.stderr)
        return 1
    except ProjectUnavailable as err:  # busy, read-only, damaged, not a project: the message says what to do
        return _refused(str(err), err.exit_status)
    except (ProjectVersionError, OSError, ValueError, sqlite3.Error) as err:
        described = describe_sqlite_error(err, project_path)  # busy, full disk... past the careful open
        if described is not None:
            return _refused(described, ProjectUnavailable.exit_status)
        return _refused(f"{shown(where)} cannot be opened as an annotator project ({err}): "
                        "check --project", 2)
    available = app.primaryScreen().availableGeometry()
    window.resize(min(window.width(), available.width()), min(window.height(), available.height()))
    window.show()

    # errors escaping a slot become a box, not a traceback; a team project's server gone away during
    # a read (opening an article) is said by its windows' banner, and the app reconnects
    restore_hook = crash.install(window, where, on_unreachable=LiveUpdates.lost_somewhere)
    try:
        return app.exec()
    finally:
        restore_hook()


def _refused(message: str, status: int) -> int:
    """The project cannot be opened: one line on the terminal, the same in a box."""
    print(f"annotator: error: {message}", file=sys.stderr)
    QMessageBox.critical(None, "annotator", message)
    return status
