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
from ..nlp.bootstrap import MIN_ENTITIES
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
    dialog.show_plan()
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


PLAN_PAGE, PROGRESS_PAGE, COMPARISON_PAGE, CROSS_PAGE = range(4)
FOLDS = 5  # cross-validation's folds (fewer when there are fewer articles)


class TrainingDialog(QDialog):
    """First what will train and test (Train, or Cross-validate when the test set is too small to
    tell), then the progress (Cancel stops it), then both models' scores and the choice."""

    def __init__(self, window: Host, plan: training.ProjectTrainingPlan) -> None:
        super().__init__(window)
        self.main_window = window
        self.plan = plan
        self.worker: GeneratorWorker | None = None
        self.comparison: training.ModelComparison | None = None
        self.cross_validation: training.CrossValidation | None = None
        self._job = ""  # "train" or "cross-validate" while the worker runs
        self._error = ""
        self._started = 0.0
        self.setWindowTitle(f"Train a model on {plan.layer}'s annotations")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(560, 220)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._plan_page())
        self.pages.addWidget(self._progress_page())
        self.pages.addWidget(self._comparison_page())
        self.pages.addWidget(self._cross_page())
        QVBoxLayout(self).addWidget(self.pages)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._show_elapsed)

    def _plan_page(self) -> QWidget:
        """What will train and what will test, in articles and entities, before any minute is spent."""
        page = QWidget()
        self.plan_line = QLabel(plan_text(self.plan))
        self.plan_line.setWordWrap(True)
        # only reviewed articles train: say which were left out, and why, before the minutes of training
        self.skipped_line = QLabel(f"Left out: {self.plan.skipped.describe()}. Only articles marked done with "
                                   "every suggestion accepted or rejected train." if self.plan.skipped else "")
        self.skipped_line.setWordWrap(True)
        self.skipped_line.setVisible(bool(self.plan.skipped))
        self.small_warning = QLabel(small_test_text(self.plan, self.folds()))
        self.small_warning.setWordWrap(True)
        self.small_warning.setVisible(held_out_too_small(self.plan))
        self.plan_cancel_button = QPushButton("Cancel")
        self.plan_cancel_button.clicked.connect(self._close)
        self.cross_button = QPushButton(f"Cross-validate ({self.folds()} trainings)")
        self.cross_button.setToolTip("Train one model per fold and test each finished article once; "
                                     "nothing is saved, the project keeps its model")
        self.cross_button.clicked.connect(self.start_cross_validation)
        self.train_button = QPushButton("Train")
        self.train_button.clicked.connect(self.start)
        self.train_button.setDefault(True)
        layout = QVBoxLayout(page)
        for widget in (self.plan_line, self.skipped_line, self.small_warning):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(_buttons_row(self.plan_cancel_button, self.cross_button, self.train_button))
        return page

    def folds(self) -> int:
        return min(FOLDS, len(self.plan.train) + len(self.plan.held_out))

    def _progress_page(self) -> QWidget:
        page = QWidget()
        self.stage = QLabel(f"Preparing {articles(len(self.plan.train))} to train on, "
                            f"{len(self.plan.held_out)} held out to measure the model…")
        self.stage.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy until the first step tells the number of steps
        self.scores_line = QLabel("Check on the test articles: not made yet")
        self.scores_line.setToolTip("spaCy's score of the model in training; the F1 shown at the end is "
                                    "measured on the saved model, exact spans, like everywhere else")
        self.elapsed = QLabel("Elapsed: 0:00")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(page)
        for widget in (self.stage, self.progress, self.scores_line, self.elapsed):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(_buttons_row(self.cancel_button))
        return page

    def _comparison_page(self) -> QWidget:
        self.use_button = QPushButton("Use the new model")
        self.keep_button = QPushButton("Keep the current one")
        self.use_button.clicked.connect(self.use_new_model)
        self.keep_button.clicked.connect(self.keep_current_model)
        self.compare_cross_button = QPushButton("Cross-validate…")
        self.compare_cross_button.setToolTip("Measure on every finished article instead (several trainings); "
                                             "you come back here to choose")
        self.compare_cross_button.clicked.connect(self.start_cross_validation)
        page, self.verdict, self.scores, self.details = _results_page(
            "Entities of this label in the held-out articles",
            self.compare_cross_button, self.keep_button, self.use_button)
        return page

    def _cross_page(self) -> QWidget:
        """Cross-validation's result: the pooled scores of the new models beside the current one's."""
        self.cross_close_button = QPushButton("Close")
        self.cross_close_button.clicked.connect(self.reject)
        self.cross_train_button = QPushButton("Train and save a model")
        self.cross_train_button.clicked.connect(self.start)
        page, self.cross_verdict, self.cross_scores, self.cross_details = _results_page(
            "Entities of this label in the finished articles", self.cross_close_button, self.cross_train_button)
        return page

    # --- running ------------------------------------------------------------------------------

    def show_plan(self) -> None:
        """The first page: what will train and test; nothing runs until Train or Cross-validate."""
        self.pages.setCurrentIndex(PLAN_PAGE)
        choice = self.cross_button if held_out_too_small(self.plan) else self.train_button
        choice.setDefault(True)
        self.show()
        choice.setFocus()

    def start(self) -> None:
        """Train on a worker thread; the window stops it on close (``background_worker``)."""
        plan = self.plan
        self._run("train", lambda: training.run_project_training(plan))

    def start_cross_validation(self) -> None:
        """Train one model per fold on a worker thread and test each article once; saves nothing."""
        plan, folds = self.plan, self.folds()
        self.stage.setText(f"Cross-validating: {folds} models, each tested on the articles it did not see…")
        self._run("cross-validate", lambda: training.run_cross_validation(plan, folds))

    def _run(self, job: str, work: Any) -> None:
        if self.main_window.background_worker is not None:
            self.main_window.statusBar().showMessage("Wait for the running pre-annotation to finish first", 6000)
            return
        self._job, self._error = job, ""
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.scores_line.setText("Check on the test articles: not made yet")
        self.pages.setCurrentIndex(PROGRESS_PAGE)
        self.worker = GeneratorWorker(work)
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
        if self._job:
            if self.cancel_button.isEnabled():
                self.cancel()
        elif self.comparison is not None:
            self.keep_current_model()
        else:
            self._close()

    def _received(self, item: Any) -> None:
        if self.worker is not None and self.worker.cancelled:
            return  # a comparison that arrives after Cancel is not offered
        if isinstance(item, training.ModelComparison):
            self._show_comparison(item)
        elif isinstance(item, training.CrossValidation):
            self._show_cross_validation(item)
        elif isinstance(item, training.FoldProgress):
            self._show_progress(item.step, fold=item.fold, folds=item.folds)
        else:
            self._show_progress(item)

    def _show_progress(self, step: Any, *, fold: int = 1, folds: int = 1) -> None:
        """One TrainProgress: the bar and the stage in steps (of every fold when cross-validating)."""
        total = max(step.max_steps, 1) * folds
        self.progress.setRange(0, total)
        self.progress.setValue(min((fold - 1) * step.max_steps + step.step, total))
        if step.scores is not None:
            latest = float(step.scores.get("ents_f") or 0.0)
            self.scores_line.setText(f"Check on the test articles: {latest:.1%} (best so far {step.best_f:.1%})")
        if folds > 1:
            self.stage.setText(f"Cross-validating: model {fold} of {folds}, step {step.step} of {step.max_steps}")
        elif step.step >= step.max_steps:
            self.stage.setText(f"Saving the new model and scoring it and the current one on "
                               f"{articles(len(self.plan.held_out), 'held-out ')}…")
        else:
            self.stage.setText(f"Training: step {step.step} of {step.max_steps}")

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
        job, self._job = self._job, ""
        if job == "cross-validate":
            if self.pages.currentIndex() == CROSS_PAGE:
                return
            if self.comparison is not None:  # stopped or failed: back to the choice it left
                self.pages.setCurrentIndex(COMPARISON_PAGE)
            else:
                self.pages.setCurrentIndex(PLAN_PAGE)
            window.statusBar().showMessage("Cross-validation stopped: nothing was measured or changed", 8000)
            if self._error:
                notify(self, "Cross-validation failed", f"The models could not be trained: {self._error}")
            return
        if self.comparison is not None and self.pages.currentIndex() == COMPARISON_PAGE:
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
        choice = self.use_button if comparison.improves else self.keep_button
        choice.setDefault(True)
        self.compare_cross_button.setVisible(comparison.uncertain)
        self.pages.setCurrentIndex(COMPARISON_PAGE)
        choice.setFocus()  # Return answers the safe choice, not the first button
        self.resize(max(self.width(), 720), max(self.height(), 440))

    def _show_cross_validation(self, result: training.CrossValidation) -> None:
        self.cross_validation = result
        self.cross_verdict.setText(cross_validation_text(result))
        fill_scores(self.cross_scores, result)
        per_fold = ", ".join(f"{r.micro.f1:.1%}" for r in result.folds)
        self.cross_details.setText(
            f"{len(result.folds)} models, each trained on the other folds and tested on "
            f"{articles(result.articles)} in all ({result.entities} entities, exact spans). F1 of each "
            f"model on its fold: {per_fold}. Nothing was saved.")
        if self.comparison is not None:  # back to the choice between the trained model and the current one
            self.cross_train_button.setText("Back to the choice")
            self.cross_train_button.clicked.disconnect()
            self.cross_train_button.clicked.connect(lambda: self.pages.setCurrentIndex(COMPARISON_PAGE))
        self.pages.setCurrentIndex(CROSS_PAGE)
        self.resize(max(self.width(), 720), max(self.height(), 440))

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


def entities(texts: Any) -> int:
    """Entities in annotated texts."""
    return sum(len(t.entities) for t in texts)


def held_out_too_small(plan: training.ProjectTrainingPlan) -> bool:
    return entities(plan.held_out) < MIN_ENTITIES


def plan_text(plan: training.ProjectTrainingPlan) -> str:
    """"Train on 40 articles (312 entities); test on 10 held-out articles (71 entities)."."""
    return (f"Train on {articles(len(plan.train))} ({entities(plan.train)} entities); test on "
            f"{articles(len(plan.held_out), 'held-out ')} ({entities(plan.held_out)} entities), "
            f"against the current model ({plan.current_model}).")


def small_test_text(plan: training.ProjectTrainingPlan, folds: int) -> str:
    """Why a held-out test this small cannot call a model better, and what to do instead."""
    return (f"Only {entities(plan.held_out)} entities are held out: too few to tell whether the new "
            f"model is better (about {MIN_ENTITIES} are needed), so the result will show how uncertain "
            f"its F1 is. Cross-validation trains {folds} models and tests every finished article once "
            f"({entities(plan.train) + entities(plan.held_out)} entities): slower, but a measure you can "
            "trust. It saves no model.")


MIN_ARTICLES_FOR_INTERVAL = 3  # resampling fewer articles than this gives a meaningless interval


def f1_text(interval: Any, documents: int) -> str:
    """"28.6% (95% interval 20.1%–35.0%)", or without the interval over too few articles to draw it."""
    if documents < MIN_ARTICLES_FOR_INTERVAL:
        return f"{interval.estimate:.1%} (no interval: {articles(documents)} cannot show the spread)"
    return str(interval)


def difference_text(diff: Any, documents: int) -> str:
    if documents < MIN_ARTICLES_FOR_INTERVAL:
        return f"difference {diff.estimate:+.1%}"
    return (f"difference {diff.estimate:+.1%} ({diff.confidence:.0%} interval {diff.low:+.1%} to "
            f"{diff.high:+.1%})")


def verdict_text(comparison: training.ModelComparison) -> str:
    """Plain sentences: better, worse, or too close to tell; the F1s with their uncertainty."""
    new = f1_text(comparison.candidate_interval, comparison.held_out)
    held = f"the {articles(comparison.held_out, 'held-out ')} ({comparison.held_out_entities} entities)"
    if comparison.current is None:
        text = (f"The new model reaches F1 {new} on {held}. The current model "
                f"({comparison.current_model}) could not be scored: {comparison.current_error}")
        return f"{text} {too_few_text(comparison)}" if comparison.too_small else text
    old_f = comparison.current.micro.f1
    diff = comparison.difference
    scores = (f"F1 {new} against {old_f:.1%} for the current model ({comparison.current_model}); "
              f"{difference_text(diff, comparison.held_out)}")
    if comparison.improves:
        return f"The new model is better on {held}: {scores}."
    if comparison.uncertain:
        reason = too_few_text(comparison) if comparison.too_small else (
            "The difference could be chance: the interval holds 0.")
        return (f"Too close to tell on {held}: {scores}. {reason} Cross-validate to measure on every "
                "finished article, or keep the current model.")
    return (f"The new model is worse than the current one on {held}: {scores}. You can still use it, "
            "but keeping the current model is the safer choice.")


def too_few_text(comparison: training.ModelComparison) -> str:
    return (f"{comparison.held_out_entities} held-out entities are too few to call a model better "
            f"(about {MIN_ENTITIES} are needed).")


def cross_validation_text(result: training.CrossValidation) -> str:
    """The pooled F1 of the new models with its interval, beside the current model's."""
    new = f1_text(result.candidate_interval, result.articles)
    where = f"{articles(result.articles)} ({result.entities} entities)"
    if result.current is None:
        return (f"Cross-validated, models trained like the new one reach F1 {new} on {where}. The "
                f"current model ({result.current_model}) could not be scored: {result.current_error}")
    diff = result.difference
    text = (f"Cross-validated on {where}: F1 {new} for models trained like the new one, "
            f"{result.current.micro.f1:.1%} for the current model ({result.current_model}); "
            f"{difference_text(diff, result.articles)}.")
    if result.entities < MIN_ENTITIES:
        return (f"{text} {result.entities} entities in all are too few to call either better (about "
                f"{MIN_ENTITIES} are needed): annotate more articles before switching.")
    if diff.contains(0.0):
        return f"{text} The difference could be chance: annotate more articles before switching."
    better = "better" if diff.low > 0 else "worse"
    return f"{text} Training on your annotations does {better} than the current model."


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


def _scores_table(entities_tip: str) -> QTableWidget:
    """The read-only P/R/F1 table, new beside current, one row per label and the micro average."""
    table = QTableWidget(0, 8)
    table.setHorizontalHeaderLabels(["Label", "New P", "New R", "New F1",
                                     "Current P", "Current R", "Current F1", "Entities"])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.horizontalHeaderItem(7).setToolTip(entities_tip)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


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


def _results_page(entities_tip: str, *buttons: QPushButton) -> tuple[QWidget, QLabel, QTableWidget, QLabel]:
    """A page of scores: the verdict, the new-beside-current table, a details line, ``buttons``."""
    page = QWidget()
    verdict, details = QLabel(), QLabel()
    verdict.setWordWrap(True)
    details.setWordWrap(True)
    table = _scores_table(entities_tip)
    layout = QVBoxLayout(page)
    layout.addWidget(verdict)
    layout.addWidget(table, 1)
    layout.addWidget(details)
    layout.addLayout(_buttons_row(*buttons))
    return page, verdict, table, details


def _buttons_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
