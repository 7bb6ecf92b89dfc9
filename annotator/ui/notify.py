"""Messages that never block: a window-modal box opened with ``open()``, not ``exec()``.

A static ``QMessageBox.warning`` runs its own event loop until someone clicks: in a headless test
run that is never, and the suite hangs. :func:`notify` shows the same box without waiting; the user
reads it and closes it, the program goes on. The box is a child of the window, so tests find it
with ``window.findChild(QMessageBox)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["notify"]

ICONS = {"information": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning,
         "critical": QMessageBox.Icon.Critical}


def notify(parent: QWidget, title: str, text: str, *, kind: str = "warning") -> QMessageBox:
    """Show ``text`` in a box over ``parent`` and return at once (the box deletes itself when closed)."""
    box = QMessageBox(ICONS[kind], title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box
