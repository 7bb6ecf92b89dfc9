"""Opening the real main window in a test, the way every window test needs it."""

from __future__ import annotations

from typing import Any


def show_main_window(qtbot: Any, project: Any, user: str, labels: Any, *, active: bool = False) -> Any:
    """The main window on ``project`` for ``user``, shown, exposed, with the article view focused.
    ``active``: also wait until it is the active window (its label and edit keys are window
    shortcuts, which only an active window receives)."""
    from annotator.ui.main_window import MainWindow

    window = MainWindow(project, user, labels)
    qtbot.addWidget(window)
    window.show()
    if active:
        with qtbot.waitActive(window):
            window.activateWindow()
    else:
        qtbot.waitExposed(window)
    window.view.setFocus()
    return window
