"""What the dialogs and long tasks need from the window that opens them, and nothing more.

The model, training and export dialogs and the import/pre-annotation tasks take a :class:`Host`:
any widget with the project, its labels, the annotation controller, a status bar, the slot for a
running background worker and the ``after_import`` hook. ``MainWindow`` is one; a test can pass a
small stand-in and open each dialog on its own. Typing against this protocol, rather than against
``MainWindow``, keeps the ui modules free of an import cycle with ``main_window`` (checked by
tests/ui/test_ui_imports.py).
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QStatusBar

from ..domain.labels import LabelSchema
from ..store import Project
from .controller import AnnotationController

__all__ = ["Host"]


class Host(Protocol):
    """A window (a QWidget, the parent of the dialogs) that holds one project open for one annotator."""

    project: Project
    labels: LabelSchema
    controller: AnnotationController
    background_worker: Any  # the running pre-annotation or training (kept alive while it runs), or None

    def statusBar(self) -> QStatusBar:  # noqa: N802 - Qt's name
        """Where short messages go."""
        ...

    def after_import(self) -> None:
        """Show what an import or a pre-annotation added (the article list, the current article)."""
        ...
