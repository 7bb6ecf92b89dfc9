"""Runs a plain generator on a QThreadPool worker; results come back to the main thread as signals.

Only the main thread writes to SQLite and touches widgets: the worker computes (e.g. spaCy over a
batch of texts) and emits each batch; the receiving slot stores it. Cancelling is checked between
batches.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class WorkerSignals(QObject):
    batch = Signal(object)
    error = Signal(str)
    finished = Signal(bool)  # True when it ran to the end, False when cancelled or failed


class GeneratorWorker(QRunnable):
    """Iterates ``make_generator()`` off the UI thread, emitting every item it yields."""

    def __init__(self, make_generator: Callable[[], Iterator[Any]]) -> None:
        super().__init__()
        self.signals = WorkerSignals()
        self._make = make_generator
        self._cancelled = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def run(self) -> None:
        try:
            for item in self._make():
                if self._cancelled:
                    self.signals.finished.emit(False)
                    return
                self.signals.batch.emit(item)
        except Exception as err:  # reported to the user in words, with the details for a bug report
            self.signals.error.emit(f"{err}\n\n{traceback.format_exc(limit=3)}")
            self.signals.finished.emit(False)
            return
        self.signals.finished.emit(not self._cancelled)


def start(worker: GeneratorWorker) -> None:
    QThreadPool.globalInstance().start(worker)
