"""Errors escaping a slot in the app become a box that says what to do, never a traceback."""

from __future__ import annotations

import sqlite3
import sys

from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.store.errors import ProjectBusy
from annotator.ui import crash


def raise_and_hook(err: BaseException) -> None:
    try:
        raise err
    except BaseException as caught:  # noqa: BLE001 - handed to the hook as Qt would
        sys.excepthook(type(caught), caught, caught.__traceback__)


def test_an_unavailable_project_is_told_in_its_own_words(qtbot, capsys):
    parent = QWidget()
    qtbot.addWidget(parent)
    restore = crash.install(parent, "p.db")
    try:
        raise_and_hook(ProjectBusy("p.db is busy: 'annotator preannotate' (pid 12) kept it locked"))
    finally:
        restore()
    box = parent.findChild(QMessageBox)
    assert box is not None and "pid 12" in box.text() and box.windowTitle() == "The project is unavailable"
    assert "Traceback" not in capsys.readouterr().err


def test_a_full_disk_and_a_bug_are_boxes_too(qtbot, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))  # platformdirs' log folder on Linux
    monkeypatch.setenv("HOME", str(tmp_path))
    parent = QWidget()
    qtbot.addWidget(parent)
    restore = crash.install(parent, "p.db")
    try:
        raise_and_hook(sqlite3.OperationalError("database or disk is full"))
        raise_and_hook(ZeroDivisionError("division by zero"))
    finally:
        restore()
    texts = [box.text() for box in parent.findChildren(QMessageBox)]
    assert any("disk is full" in t for t in texts)
    bug = next(t for t in texts if "ZeroDivisionError" in t)
    assert "saved work is safe" in bug and "crash-" in bug
    logs = list(tmp_path.rglob("crash-*.log"))
    assert logs and "ZeroDivisionError" in logs[0].read_text(encoding="utf-8")
    assert "Traceback" not in capsys.readouterr().err
