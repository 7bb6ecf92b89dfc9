"""The app's "Train from my annotations…": pick the layer, train in the background, compare, choose.

The plan (which documents train, which are held out) is made on the main thread, the only one that
reads the project; :func:`annotator.services.training.run_project_training` then trains and scores
on a :class:`GeneratorWorker` without touching SQLite. Nothing changes in the project until the user
clicks "Use the new model": only then is the model adopted and the untouched articles re-suggested.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import GOLD
from ..services import training
from . import tasks
from .actions import ACTIONS
from .workers import GeneratorWorker, start
from .notify import notify
from .host import Host


MISSING = "—"


# --- starting: which layer, which labels, and the plan -------------------------------------------


def train_from_annotations(window: Host) -> "TrainingDialog | None":
    """The action: plan a training on the chosen layer and start it behind a progress dialog.

    Returns the dialog, or None when nothing was started (busy, cancelled, nothing to train on).
    """
    if window.background_worker is not None:
        window.statusBar().showMessage("Wait for the running pre-annotation to finish first", 6000)
        return None
    stats = window.project.stats()
    layer = choose_layer(window, has_gold=bool(stats["layers"].get(GOLD)))
    if layer is None:
        return None
    try:
        plan = make_plan(window, layer, labels_in_use(stats, layer, window.labels.names()))
    except ValueError as err:
        notify(window, "Nothing to train on yet", nothing_to_train_message(err, layer), kind="information")
        return None
    dialog = TrainingDialog(window, plan)
    dialog.start()
    return dialog


def make_plan(window: Host, layer: str, labels: list[str] | None) -> training.ProjectTrainingPlan:
    """The plan, made here on the main thread (it reads every finished article) under a wait cursor."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return training.plan_project_training(window.project, layer, labels=labels)
    finally:
        QApplication.restoreOverrideCursor()


def choose_layer(window: Host, *, has_gold: bool) -> str | None:
    """The annotator's own layer, or, when the project has gold spans, the one the user picks."""
    annotator = window.controller.annotator
    if not has_gold:
        return annotator
    dialog = LayerChoiceDialog(annotator, window)
    try:
        return dialog.layer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def labels_in_use(stats: dict[str, Any], layer: str, schema: list[str]) -> list[str] | None:
    """The schema's labels that ``layer`` uses (None: let the data decide), so the scores list
    only labels the annotators actually mark."""
    used = set(stats["labels"].get(layer, {}))
    return sorted(used & set(schema)) or None


def nothing_to_train_message(err: ValueError, layer: str) -> str:
    """Why training cannot start, and what to do about it, in words."""
    if layer == GOLD:
        todo = "Adjudicate at least two articles into the gold layer first."
    else:
        keys = " or ".join(next(a.shortcuts for a in ACTIONS if a.id == "done"))
        todo = (f"Mark the articles you have finished as done first ({keys}): only finished articles "
                "are used, at least two, and they need some entities.")
    return f"{err}\n\n{todo}"


class LayerChoiceDialog(QDialog):
    """A combo box: train on my annotations or on the gold layer."""

    def __init__(self, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Train from annotations")
        self.combo = QComboBox()
        self.combo.addItem(f"My annotations ({annotator})", annotator)
        self.combo.addItem("The gold layer (adjudicated)", GOLD)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Train a model on the finished articles of:"))
        layout.addWidget(self.combo)
        layout.addWidget(buttons)

    def layer(self) -> str:
        return str(self.combo.currentData())


# --- the dialog: progress while training, then the comparison ------------------------------------


class TrainingDialog(QDialog):
    """Shows the training's progress (Cancel stops it), then both models' scores and the choice."""

    def __init__(self, window: Host, plan: training.ProjectTrainingPlan) -> None:
        super().__init__(window)
        self.main_window = window
        self.plan = plan
        self.worker: GeneratorWorker | None = None
        self.comparison: training.ModelComparison | None = None
        self._error = ""
        self._started = 0.0
        self.setWindowTitle(f"Train a model on {plan.layer}'s annotations")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(560, 220)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._progress_page())
        self.pages.addWidget(self._comparison_page())
        QVBoxLayout(self).addWidget(self.pages)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._show_elapsed)

    def _progress_page(self) -> QWidget:
        page = QWidget()
        self.stage = QLabel(f"Preparing {articles(len(self.plan.train))} to train on, "
                            f"{len(self.plan.held_out)} held out to measure the model…")
        self.stage.setWordWrap(True)
        # only reviewed articles train: say which were left out, and why, before the minutes of training
        self.skipped_line = QLabel(f"Left out: {self.plan.skipped.describe()}. Only articles marked done with "
                                   "every suggestion accepted or rejected train." if self.plan.skipped else "")
        self.skipped_line.setWordWrap(True)
        self.skipped_line.setVisible(bool(self.plan.skipped))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy until the first step tells the number of steps
        self.scores_line = QLabel("Held-out F1: not measured yet")
        self.elapsed = QLabel("Elapsed: 0:00")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(page)
        for widget in (self.stage, self.skipped_line, self.progress, self.scores_line, self.elapsed):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(_buttons_row(self.cancel_button))
        return page

    def _comparison_page(self) -> QWidget:
        page = QWidget()
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.scores = QTableWidget(0, 8)
        self.scores.setHorizontalHeaderLabels(["Label", "New P", "New R", "New F1",
                                               "Current P", "Current R", "Current F1", "Entities"])
        self.scores.verticalHeader().hide()
        self.scores.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scores.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.scores.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scores.horizontalHeaderItem(7).setToolTip("Entities of this label in the held-out articles")
        self.scores.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.use_button = QPushButton("Use the new model")
        self.keep_button = QPushButton("Keep the current one")
        self.use_button.clicked.connect(self.use_new_model)
        self.keep_button.clicked.connect(self.keep_current_model)
        layout = QVBoxLayout(page)
        layout.addWidget(self.verdict)
        layout.addWidget(self.scores, 1)
        layout.addWidget(self.details)
        layout.addLayout(_buttons_row(self.keep_button, self.use_button))
        return page

    # --- running ------------------------------------------------------------------------------

    def start(self) -> None:
        """Train on a worker thread; the window stops it on close (``background_worker``)."""
        plan = self.plan
        self.worker = GeneratorWorker(lambda: training.run_project_training(plan))
        self.worker.signals.batch.connect(self._received)
        self.worker.signals.error.connect(self._failed_with)
        self.worker.signals.finished.connect(self._worker_finished)
        self.main_window.background_worker = self.worker
        self._started = time.monotonic()
        self._clock.start()
        self.show()
        start(self.worker)

    def cancel(self) -> None:
        """Stop after the current step; the dialog closes once the worker has stopped."""
        if self.worker is not None:
            self.worker.cancel()
        self.cancel_button.setEnabled(False)
        self.stage.setText("Stopping after the current step… The project keeps its current model.")

    def reject(self) -> None:  # Esc or the window's close button
        """Means Cancel while training, "Keep the current one" once the scores are shown."""
        if self.comparison is not None:
            self.keep_current_model()
        elif self.worker is None:
            self._close()
        elif self.cancel_button.isEnabled():
            self.cancel()

    def _received(self, item: Any) -> None:
        if self.worker is not None and self.worker.cancelled:
            return  # a comparison that arrives after Cancel is not offered
        if isinstance(item, training.ModelComparison):
            self._show_comparison(item)
        else:
            self._show_progress(item)

    def _show_progress(self, step: Any) -> None:
        """One TrainProgress: the bar, the latest held-out F1 and the stage."""
        self.progress.setRange(0, max(step.max_steps, 1))
        self.progress.setValue(min(step.step, step.max_steps))
        if step.scores is not None:
            latest = float(step.scores.get("ents_f") or 0.0)
            self.scores_line.setText(f"Held-out F1: {latest:.1%} (best so far {step.best_f:.1%})")
        if step.step >= step.max_steps:
            self.stage.setText(f"Saving the new model and scoring it and the current one on "
                               f"{articles(len(self.plan.held_out), 'held-out ')}…")
        else:
            self.stage.setText(f"Training: step {step.step} of {step.max_steps}, epoch {step.epoch + 1}")

    def _show_elapsed(self) -> None:
        seconds = int(time.monotonic() - self._started)
        self.elapsed.setText(f"Elapsed: {seconds // 60}:{seconds % 60:02d}")

    def _failed_with(self, text: str) -> None:
        self._error = text  # shown once the worker has stopped and this dialog is gone

    def _worker_finished(self, complete: bool) -> None:
        """Release the window's worker slot; a stopped or failed run closes the dialog."""
        self._clock.stop()
        window = self.main_window
        if window.background_worker is self.worker:
            window.background_worker = None
        if self.comparison is not None:
            return
        self._close()
        window.statusBar().showMessage(
            f"No model was trained: the project still uses {self.plan.current_model}", 8000)
        if self._error:
            notify(window, "Training failed", f"The model could not be trained: {self._error}")

    # --- the comparison and the choice --------------------------------------------------------

    def _show_comparison(self, comparison: training.ModelComparison) -> None:
        self.comparison = comparison
        self.verdict.setText(verdict_text(comparison))
        fill_scores(self.scores, comparison)
        self.details.setText(
            f"Trained on {articles(comparison.trained_on)}, scored on "
            f"{articles(comparison.held_out, 'held-out ')} (exact spans). "
            f"The new model is saved in {comparison.candidate_path}.")
        (self.use_button if comparison.improves else self.keep_button).setDefault(True)
        self.pages.setCurrentIndex(1)
        self.resize(max(self.width(), 680), max(self.height(), 420))

    def use_new_model(self) -> None:
        """Adopt the new model and re-suggest the articles nobody has touched yet."""
        assert self.comparison is not None
        window, path = self.main_window, self.comparison.candidate_path
        self._close()
        doc_ids = training.adopt_model(window.project, path)
        if not doc_ids:
            window.statusBar().showMessage(
                f"Now using the new model {path.name}: no untouched article to re-suggest", 8000)
            return
        def report(complete: bool) -> None:  # after tasks' own message, which it replaces
            window.statusBar().showMessage(resuggested_text(path.name, len(doc_ids), complete), 8000)

        # connected before the worker starts: a fast worker could finish before a later connect
        tasks.preannotate_with_progress(window, doc_ids, model=str(path), on_finished=report)

    def keep_current_model(self) -> None:
        """Change nothing; the new model's folder stays on disk for later."""
        assert self.comparison is not None
        current, path = self.comparison.current_model, self.comparison.candidate_path
        self.main_window.statusBar().showMessage(f"Kept {current}; the new model stays in {path}", 8000)
        self._close()

    def _close(self) -> None:
        self.hide()
        self.deleteLater()


def verdict_text(comparison: training.ModelComparison) -> str:
    """One plain sentence: is the new model better, worse, or could the current one not be scored."""
    new_f = comparison.candidate.micro.f1
    held = f"the {articles(comparison.held_out, 'held-out ')}"
    if comparison.current is None:
        return (f"The new model reaches F1 {new_f:.1%} on {held}. The current model "
                f"({comparison.current_model}) could not be scored: {comparison.current_error}")
    old_f = comparison.current.micro.f1
    if comparison.improves:
        return (f"The new model is better on {held}: F1 {new_f:.1%} against {old_f:.1%} for the "
                f"current model ({comparison.current_model}).")
    worse = "worse than" if new_f < old_f else "no better than"
    return (f"The new model is {worse} the current one on {held}: F1 {new_f:.1%} against "
            f"{old_f:.1%} for {comparison.current_model}. You can still use it, but keeping the "
            "current model is the safer choice.")


def fill_scores(table: QTableWidget, comparison: training.ModelComparison) -> None:
    """One row per label, then the micro average: new P/R/F1 beside the current model's."""
    new, old = comparison.candidate, comparison.current
    labels = sorted(set(new.labels) | set(old.labels if old is not None else ()))
    rows = [(label, new.labels.get(label), old.labels.get(label) if old else None) for label in labels]
    rows.append(("All (micro)", new.micro, old.micro if old else None))
    table.setRowCount(len(rows))
    for row, (label, score, current) in enumerate(rows):
        reference = score if score is not None else current
        support = reference.support if reference is not None else 0
        cells = [label, *_prf(score), *_prf(current), str(support)]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)


def _prf(score: Any) -> list[str]:
    if score is None:
        return [MISSING] * 3
    return [f"{score.precision:.1%}", f"{score.recall:.1%}", f"{score.f1:.1%}"]


def resuggested_text(name: str, count: int, complete: bool) -> str:
    if complete:
        return f"Now using the new model {name}: re-suggested {articles(count, 'untouched ')}"
    return f"Now using the new model {name}: re-suggesting {articles(count, 'untouched ')} was stopped"


def articles(count: int, kind: str = "") -> str:
    """``"1 held-out article"``, ``"3 held-out articles"``."""
    return f"{count} {kind}article{'' if count == 1 else 's'}"


def _buttons_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
