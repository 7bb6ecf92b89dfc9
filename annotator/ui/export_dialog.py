"""The app's "Export…": every format of :data:`annotator.formats.EXPORTERS` with the command line's filters.

One dialog holds what ``annotator export`` takes: the format, the output (a file, or a folder for
brat and xmi), the annotators (and the gold layer), the document status, the entity labels, the
pending suggestions and spaCy's train/dev split. The export itself runs on the main thread between
events, as :func:`annotator.services.exporting.export` reports progress (SQLite stays on one thread),
through its own read-only connection: its snapshot (one read transaction) must not wrap what the other
windows and a pre-annotation store meanwhile on the app's connection, which would be rolled back with
it. Cancel stops it between batches and, since every exporter writes atomically, leaves the target as it
was. A refused output, an export that matches nothing and a write error are shown in a box, and the
dialog stays open to change the choice.

The dialog needs the project, the annotator, the schema's labels and a parent: it opens and is tested
on its own, without the main window.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import DOC_STATUSES, GOLD, SUGGESTIONS
from ..domain.shown import shown
from ..formats import EXPORTERS
from ..services import exporting
from ..store import Project
from ..store.errors import ProjectUnavailable
from .contrast import mute
from .notify import notify

__all__ = ["ExportDialog", "export_layers", "open_export_dialog"]

ANY_STATUS = "Any status"
LIST_ROWS = 6  # rows the annotator and label lists show before scrolling


class Cancelled(Exception):
    """The user pressed Cancel while the export ran."""


def export_layers(project: Any) -> list[str]:
    """The annotators whose records an export can hold (the gold layer and suggestions aside)."""
    layers = set(project.annotators()) | set(project.stats()["layers"])
    return sorted(layers - {GOLD, SUGGESTIONS})


def open_export_dialog(parent: QWidget, project: Any, annotator: str, labels: Sequence[str], *,
                       report: Callable[[str], None] | None = None) -> "ExportDialog":
    """Open the dialog window-modally (not blocking); ``report`` receives the one-line summary of a
    finished export (the window shows it in its status bar)."""
    dialog = ExportDialog(project, annotator, labels, parent)
    if report is not None:
        dialog.exported.connect(report)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


class ExportDialog(QDialog):
    """Format, output, filters and split; Export writes with a progress bar, Cancel stops it."""

    exported = Signal(str)  # the one-line summary of a finished export

    def __init__(self, project: Any, annotator: str, labels: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.last_report: Any = None
        self._running = False
        self._cancelled = False
        self._output_edited = False
        self.setWindowTitle("Export annotations")
        self.setWindowModality(Qt.WindowModality.WindowModal)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Format:", self._format_combo())
        self.output_label = QLabel("&File:")
        form.addRow(self.output_label, self._output_row())
        form.addRow("", self._split_row())
        form.addRow("", self.split_files)
        form.addRow("&Annotators:", self._annotator_list())
        every = QLabel("None ticked: every annotator's records.")
        mute(every)  # helper text at WCAG AA contrast
        form.addRow("", every)
        self.gold_check = QCheckBox("The gold layer (adjudicated)")
        self.gold_check.setToolTip("With annotators ticked: theirs and gold; alone: gold only (--gold)")
        form.addRow("", self.gold_check)
        self.status_combo = QComboBox()
        self.status_combo.addItems([ANY_STATUS, *DOC_STATUSES])
        self.status_combo.setToolTip("Only records whose annotator gave the article this status (--status)")
        form.addRow("&Status:", self.status_combo)
        form.addRow("&Labels:", self._label_list(labels))
        self.suggestions_check = QCheckBox("Pending suggestions (one record per article and pipeline)")
        form.addRow("", self.suggestions_check)
        # not an option of services.exporting.export: every record keeps its annotator's rejections
        self.rejected_note = QLabel("Rejected suggestions need no option: every record keeps them.")
        self.rejected_note.setToolTip('The annotator JSONL under "rejected"; spaCy in doc.spans["incorrect_spans"]')
        mute(self.rejected_note)  # helper text at WCAG AA contrast
        form.addRow("", self.rejected_note)

        self.progress = QProgressBar()  # shown while exporting (and after a Cancel, where it stopped)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.export_button = QPushButton("&Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.run_export)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self._format_changed()
        self.resize(max(620, self.sizeHint().width()), self.sizeHint().height())

    # --- building -----------------------------------------------------------------------------

    def _format_combo(self) -> QComboBox:
        self.format_combo = QComboBox()
        for name, spec in EXPORTERS.items():
            self.format_combo.addItem(f"{name} — {spec.description}", name)
        self.format_combo.currentIndexChanged.connect(lambda _i: self._format_changed())
        return self.format_combo

    def _output_row(self) -> QWidget:
        self.output_edit = QLineEdit()
        self.output_edit.textEdited.connect(self._output_typed)
        self.output_label.setBuddy(self.output_edit)
        self.browse_button = QPushButton("Choose…")
        self.browse_button.clicked.connect(self.browse)
        return _row(self.output_edit, self.browse_button, stretch_first=True)

    def _split_row(self) -> QWidget:
        self.split_check = QCheckBox("Split into train and dev files; share for train:")
        self.split_spin = QDoubleSpinBox()
        self.split_spin.setRange(0.05, 0.95)
        self.split_spin.setSingleStep(0.05)
        self.split_spin.setValue(0.8)
        self.split_spin.setEnabled(False)
        self.split_check.toggled.connect(self.split_spin.setEnabled)
        self.split_check.toggled.connect(lambda _on: self._show_split_files())
        self.split_spin.valueChanged.connect(lambda _v: self._show_split_files())
        self.split_files = QLabel()
        mute(self.split_files)  # helper text at WCAG AA contrast
        self.split_widget = _row(self.split_check, self.split_spin, stretch_first=False)
        return self.split_widget

    def _annotator_list(self) -> QListWidget:
        self.annotator_list = _checklist(export_layers(self.project), checked=())
        self.annotator_list.setToolTip("None ticked: every annotator (--annotator)")
        return self.annotator_list

    def _label_list(self, labels: Sequence[str]) -> QListWidget:
        self.label_list = _checklist(labels, checked=labels)
        self.label_list.setToolTip("Only entities with the ticked labels; quotations and events stay (--labels)")
        return self.label_list

    # --- the choices, read back ---------------------------------------------------------------

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def output(self) -> str:
        return self.output_edit.text().strip()

    def options(self) -> dict[str, Any]:
        """The keywords :func:`annotator.services.exporting.export` takes, as the widgets say."""
        annotators = _ticked(self.annotator_list)
        gold = self.gold_check.isChecked()
        all_labels = self.label_list.count()
        labels = _ticked(self.label_list)
        options: dict[str, Any] = {
            "fmt": self.fmt(),
            "annotators": [*annotators, GOLD] if gold else (annotators or None),
            "gold": gold,
            "status": None if self.status_combo.currentIndex() == 0 else self.status_combo.currentText(),
            "labels": None if len(labels) == all_labels else labels,
            "include_suggestions": self.suggestions_check.isChecked(),
        }
        if self.fmt() == "spacy" and self.split_check.isChecked():
            options["split"] = round(self.split_spin.value(), 2)
        return options

    # --- reacting -----------------------------------------------------------------------------

    def _format_changed(self) -> None:
        """A file or a folder to choose; the default name follows the format until the user types one."""
        spec = EXPORTERS[self.fmt()]
        folder = spec.output == "folder"
        self.output_label.setText("&Folder:" if folder else "&File:")
        self.output_edit.setPlaceholderText("a new or empty folder" if folder else "a file name")
        self.browse_button.setToolTip("Choose the folder" if folder else "Choose the file")
        if not self._output_edited:
            self.output_edit.setText(str(exporting.default_export_path(self.project.path, self.fmt())))
        self.split_widget.setVisible(self.fmt() == "spacy")
        self.split_files.setVisible(self.fmt() == "spacy")
        self._show_split_files()
        if self.layout() is not None:  # grow for the split rows rather than squeeze the others
            self.layout().activate()
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _output_typed(self, _text: str) -> None:
        self._output_edited = True
        self._show_split_files()

    def _show_split_files(self) -> None:
        if self.fmt() != "spacy" or not self.split_check.isChecked() or not self.output():
            self.split_files.clear()
            return
        from ..formats.spacy_docbin import split_paths  # plain Python: no spaCy import

        train, dev = split_paths(self.output())
        self.split_files.setText(f"Writes {train.name} and {dev.name}")

    def browse(self) -> None:
        """A save-file picker, or a folder picker for the formats that write a folder."""
        spec = EXPORTERS[self.fmt()]
        start = self.output() or str(exporting.default_export_path(self.project.path, self.fmt()))
        if spec.output == "folder":
            path = QFileDialog.getExistingDirectory(self, f"Folder for the {self.fmt()} export", start)
        else:
            suffix = spec.suffix or ""
            pattern = f"{self.fmt()} (*{suffix});;All files (*)" if suffix else "All files (*)"
            path, _ = QFileDialog.getSaveFileName(self, f"File for the {self.fmt()} export", start, pattern)
        if path:
            self.output_edit.setText(path)
            self._output_edited = True
            self._show_split_files()

    def reject(self) -> None:  # Esc, Close, the window's close button
        """While the export runs: Cancel it (the target is left as it was); otherwise close."""
        if self._running:
            self.cancel()
        else:
            super().reject()

    def cancel(self) -> None:
        self._cancelled = True
        self.close_button.setEnabled(False)
        self.state.setText("Stopping…")

    # --- exporting ----------------------------------------------------------------------------

    def run_export(self) -> Any:
        """Write the export; returns its report, or None when it was cancelled or failed (in a box)."""
        path = self.output()
        if not path:
            notify(self, "Nothing exported", "Choose where to write the export first (Choose…).")
            return None
        options = self.options()
        self._set_running(True)
        try:
            with self._reader() as project:
                report = exporting.export(project, path, progress=self._progressed, **options)
        except Cancelled:  # every exporter writes atomically: nothing was left half-written
            self.state.setText(f"Export cancelled: {shown(path)} was not changed.")
            return None
        except ProjectUnavailable as err:  # its message says what to do
            notify(self, "Nothing exported", str(err))
            return None
        # refused, nothing matched, or a format option out of range: nothing was written
        except (exporting.OutputRefused, exporting.NothingToExport, ValueError) as err:
            notify(self, "Nothing exported", f"{err}: {shown(path)} was not changed.")
            return None
        except OSError as err:
            notify(self, "Export failed", f"Could not write {shown(path)}: {err.strerror or err}. "
                                          "Choose another place and export again.")
            return None
        finally:
            self._set_running(False)
        self.last_report = report
        message = written_text(report, path)
        self.state.setText(message)
        self.exported.emit(message)
        self.accept()
        return report

    def _reader(self) -> contextlib.AbstractContextManager[Any]:
        """The project on a read-only connection of the export's own (see the module docstring)."""
        if str(self.project.path) == ":memory:":  # nothing else can see it: the app's connection
            return contextlib.nullcontext(self.project)
        from ..store.listening import password_of

        return Project(self.project.path, readonly=True, password=password_of(self.project))

    def _set_running(self, running: bool) -> None:
        """While exporting only Cancel works; the bar shows the articles read."""
        self._running = running
        self._cancelled = False
        for widget in self._inputs():
            widget.setEnabled(not running)
        self.split_spin.setEnabled(not running and self.split_check.isChecked())
        self.close_button.setEnabled(True)
        self.close_button.setText("Cancel" if running else "Close")
        if running:
            self.progress.show()
            self.progress.setRange(0, 0)  # busy until the first batch tells the total
            self.state.setText(f"Exporting to {shown(self.output())}…")

    def _inputs(self) -> list[QWidget]:
        return [self.format_combo, self.output_edit, self.browse_button, self.split_check,
                self.annotator_list, self.gold_check, self.status_combo, self.label_list,
                self.suggestions_check, self.export_button]

    def _progressed(self, done: int, total: int) -> None:
        """The exporter's progress: the bar moves, Cancel gets its turn."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"%v of {total} articles")
        QApplication.processEvents()  # the export runs here, between events
        if self._cancelled:
            raise Cancelled


def written_text(report: Any, path: str) -> str:
    """``Wrote 12 records (10 articles) to exports/x.jsonl``, naming both files of a split, and what
    the format left out or replaced (:func:`annotator.services.exporting.report_notes`)."""
    paths = getattr(report, "paths", None) or [path]
    where = ", ".join(shown(str(p)) for p in paths)
    records = f"{report.records} record{'' if report.records == 1 else 's'}"
    documents = f"{report.documents} article{'' if report.documents == 1 else 's'}"
    return "; ".join([f"Wrote {records} ({documents}) to {where}", *exporting.report_notes(report)])


# --- small helpers -------------------------------------------------------------------------------


def _checklist(items: Sequence[str], *, checked: Sequence[str]) -> QListWidget:
    widget = QListWidget()
    for text in items:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if text in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    rows = max(1, min(LIST_ROWS, len(items)))
    row_height = widget.sizeHintForRow(0) if items else widget.fontMetrics().height() + 4
    widget.setFixedHeight(row_height * rows + 2 * widget.frameWidth() + 4)
    return widget


def _ticked(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


def _row(*widgets: QWidget, stretch_first: bool) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        row.addWidget(widget, 1 if stretch_first and index == 0 else 0)
    if not stretch_first:
        row.addStretch(1)
    return holder

