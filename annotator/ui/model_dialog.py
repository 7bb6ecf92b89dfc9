"""The app's "Model for suggestions…": pick the pipeline and label map that pre-annotate this project.

The dialog lists what :func:`annotator.services.models.available_models` offers (the bundled model,
the gazetteer rules, the models trained on this project), then another pipeline folder or an
installed spaCy package, and the project's label map. OK stores them through
:func:`annotator.services.models.choose_model`, which checks them without loading spaCy: an unusable
choice is explained inside the dialog, which stays open with nothing stored. When the choice changes
what the pipeline suggests, the user may redo the suggestions of the articles nobody has touched;
the pipeline then loads on a worker thread (:func:`annotator.ui.tasks.preannotate_with_progress`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..services import models, preannotation, training
from ..services.settings import DEFAULT_LABEL_MAP, LABEL_MAP_SETTING, MODEL_SETTING
from . import tasks
from .contrast import mute
from .training_dialog import articles
from .host import Host


LABEL_MAP_PLACEHOLDER = "GPE=LOC, MISC=  (an empty target drops a label)"
PACKAGE_PLACEHOLDER = "it_core_news_lg"
ERROR_STYLE = "color: #c0392b;"
LIST_MAX_HEIGHT = 320


def choose_model_for_suggestions(window: Host) -> "ModelDialog | None":
    """The action: open the dialog (window-modal, not blocking); None while other work runs."""
    if window.background_worker is not None:
        window.statusBar().showMessage("Wait for the running pre-annotation or training to finish first", 6000)
        return None
    dialog = ModelDialog(window)
    dialog.open()
    return dialog


class ModelDialog(QDialog):
    """The choices as radio buttons, the label map, and an inline error; OK stores them."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.main_window = window
        project = window.project
        self.previous_model = preannotation.resolve_model(project)
        self.previous_map: str | None = project.setting(LABEL_MAP_SETTING)
        self.choices = models.available_models(project)
        self.setWindowTitle("Model for suggestions")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.group = QButtonGroup(self)
        self.choice_buttons: dict[str, QRadioButton] = {}

        self.error = QLabel()
        self.error.setObjectName("model_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Pre-annotate this project's articles with:"))
        layout.addWidget(self._choice_list())
        layout.addLayout(self._folder_row())
        layout.addLayout(self._package_row())
        layout.addSpacing(8)
        layout.addLayout(self._label_map_rows())
        layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._select(self.previous_model)
        hint = self.sizeHint()
        self.resize(max(640, hint.width()), hint.height())  # no empty band above the buttons
        self.group.buttonToggled.connect(lambda *_: self.clear_error())
        self.finished.connect(self.deleteLater)

    # --- building -----------------------------------------------------------------------------

    def _choice_list(self) -> QScrollArea:
        """One radio button per available model, its title emphasised and its detail line under it."""
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for index, choice in enumerate(self.choices):
            button = QRadioButton(choice.title)
            button.setFont(_emphasised(button.font()))
            button.setToolTip(choice.name)
            self.group.addButton(button, index)
            self.choice_buttons[choice.name] = button
            column.addWidget(button)
            if choice.detail:
                column.addWidget(self._detail(choice.detail))
        area = QScrollArea()
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setWidget(content)
        area.setMinimumHeight(min(content.sizeHint().height() + 4, LIST_MAX_HEIGHT))
        return area

    def _detail(self, text: str) -> QLabel:
        """A detail line indented to start under its radio button's text."""
        label = QLabel(text)
        label.setWordWrap(True)
        mute(label)  # helper text at WCAG AA contrast
        style = self.style()
        indent = (style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
                  + style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing))
        label.setContentsMargins(indent, 0, 0, 8)
        return label

    def _folder_row(self) -> QHBoxLayout:
        self.folder_button = QRadioButton("Another folder:")
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText("a spaCy pipeline folder (with meta.json)")
        self.browse_button = QPushButton("Browse…")
        self.browse_button.clicked.connect(self.browse_folder)
        return self._edit_row(self.folder_button, self.folder_edit, self.browse_button)

    def _package_row(self) -> QHBoxLayout:
        self.package_button = QRadioButton("An installed spaCy package:")
        self.package_edit = QLineEdit()
        self.package_edit.setPlaceholderText(PACKAGE_PLACEHOLDER)
        return self._edit_row(self.package_button, self.package_edit)

    def _edit_row(self, button: QRadioButton, edit: QLineEdit, *extra: QWidget) -> QHBoxLayout:
        """A radio button with its line edit: typing in the edit selects the button."""
        self.group.addButton(button)  # an automatic (negative) id: chosen_name tells it by identity
        edit.textEdited.connect(lambda _text: button.setChecked(True))
        edit.textEdited.connect(lambda _text: self.clear_error())
        row = QHBoxLayout()
        row.addWidget(button)
        row.addWidget(edit, 1)
        for widget in extra:
            row.addWidget(widget)
        return row

    def _label_map_rows(self) -> QVBoxLayout:
        self.label_map_edit = QLineEdit(self.previous_map or "")
        self.label_map_edit.setPlaceholderText(LABEL_MAP_PLACEHOLDER)
        self.label_map_edit.textEdited.connect(lambda _text: self.clear_error())
        title = QLabel("&Label map (the pipeline's label = this project's label):")
        title.setBuddy(self.label_map_edit)
        hint = QLabel(label_map_hint(self.main_window.labels.names()))
        hint.setWordWrap(True)
        mute(hint)
        rows = QVBoxLayout()
        for widget in (title, self.label_map_edit, hint):
            rows.addWidget(widget)
        return rows

    def _select(self, current: str) -> None:
        """Check the button of the current model; a model not listed fills the folder or package edit."""
        listed = next((c.name for c in self.choices if same_model(c.name, current)), None)
        if listed is not None:
            self.choice_buttons[listed].setChecked(True)
        elif looks_like_path(current):
            self.folder_edit.setText(current)
            self.folder_button.setChecked(True)
        else:
            self.package_edit.setText(current)
            self.package_button.setChecked(True)

    # --- reacting -----------------------------------------------------------------------------

    def chosen_name(self) -> str:
        """The model name the checked button stands for ("" when its line edit is empty)."""
        button = self.group.checkedButton()
        if button is None:
            return ""
        if button is self.folder_button:
            return self.folder_edit.text()
        if button is self.package_button:
            return self.package_edit.text()
        return self.choices[self.group.id(button)].name

    def browse_folder(self) -> None:
        """A directory picker, starting at the models trained on this project when there are any."""
        start = self.folder_edit.text() or str(_browse_start(self.main_window.project))
        folder = QFileDialog.getExistingDirectory(self, "A spaCy pipeline folder (with meta.json)", start)
        if folder:
            self.folder_edit.setText(folder)
            self.folder_button.setChecked(True)
            self.clear_error()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def accept(self) -> None:
        """Store the choice; a ValueError stays in the dialog and nothing is stored."""
        project = self.main_window.project
        try:
            doc_ids = models.choose_model(project, self.chosen_name(), self.label_map_edit.text())
        except ValueError as err:
            self.show_error(str(err))
            return
        name = project.setting(MODEL_SETTING)
        changed = (not same_model(name, self.previous_model)
                   or project.setting(LABEL_MAP_SETTING) != self.previous_map)
        super().accept()
        after_choice(self.main_window, name, doc_ids, changed=changed)


# --- after OK: say which model is used, offer to redo the untouched articles ---------------------


def after_choice(window: Host, name: str, doc_ids: list[int], *, changed: bool) -> None:
    """The status bar names the model; a change that leaves untouched articles asks to redo them."""
    shown = display_name(name)
    bar = window.statusBar()
    if not changed:
        bar.showMessage(f"Still using {shown} for suggestions", 8000)
    elif not doc_ids:
        bar.showMessage(f"Now using {shown} for suggestions: no untouched article to re-suggest", 8000)
    else:
        bar.showMessage(f"Now using {shown} for suggestions", 8000)
        ask_to_resuggest(window, name, doc_ids)


def ask_to_resuggest(window: Host, name: str, doc_ids: list[int]) -> QMessageBox:
    """A window-modal Yes/No question (not blocking: a test finds it with findChild and clicks)."""
    shown = display_name(name)
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, "Redo the suggestions?",
                      f"Redo the suggestions of the {articles(len(doc_ids))} nobody has touched with {shown}?",
                      yes | no, window)
    box.setInformativeText("Their current suggestions are replaced. Articles someone has annotated or "
                           "given a status keep theirs.")
    box.setDefaultButton(yes)
    box.setWindowModality(Qt.WindowModality.WindowModal)

    def answered(_result: int) -> None:
        if box.standardButton(box.clickedButton()) == yes:
            resuggest(window, name, doc_ids)
        else:
            window.statusBar().showMessage(f"Now using {shown} for suggestions; the existing ones were kept", 8000)
        box.deleteLater()

    box.finished.connect(answered)
    box.open()
    return box


def resuggest(window: Host, name: str, doc_ids: list[int]) -> None:
    """Redo ``doc_ids`` with ``name`` in the background; the status bar then says how it went."""
    def report(complete: bool) -> None:  # after tasks' own message, which it replaces
        window.statusBar().showMessage(resuggested_text(display_name(name), len(doc_ids), complete), 8000)

    tasks.preannotate_with_progress(window, doc_ids, model=name, on_finished=report)


def resuggested_text(shown: str, count: int, complete: bool) -> str:
    done = "re-suggested" if complete else "stopped re-suggesting"
    return f"Now using {shown} for suggestions: {done} {articles(count, 'untouched ')}"


# --- small helpers -------------------------------------------------------------------------------


def label_map_hint(schema: list[str]) -> str:
    """Which renamings apply anyway (from the defaults) and which labels are kept."""
    renamed = ", ".join(f"{source}→{target}" for source, target in DEFAULT_LABEL_MAP.items() if target)
    dropped = ", ".join(source for source, target in DEFAULT_LABEL_MAP.items() if not target)
    text = f"Mapped by default: {renamed}"
    if dropped:
        text += f"; {dropped} dropped"
    return (f"{text}. Your map adds to these or overrides them. Only this project's labels are kept "
            f"({', '.join(schema)}).")


def display_name(name: str) -> str:
    """A folder's last part ("ner-20240101-120000"), else the name itself ("gazetteer")."""
    return Path(name).name if looks_like_path(name) else name


def looks_like_path(name: str) -> bool:
    return "/" in name or "\\" in name or Path(name).expanduser().is_dir()


def same_model(a: str, b: str) -> bool:
    """Equal names, or two spellings of the same folder."""
    if a == b:
        return True
    if not (looks_like_path(a) and looks_like_path(b)):
        return False
    return Path(a).expanduser().resolve() == Path(b).expanduser().resolve()


def _emphasised(font: QFont) -> QFont:
    font.setWeight(QFont.Weight.DemiBold)
    return font


def _browse_start(project: Any) -> Path:
    folder = training.models_dir(project)
    return folder if folder.is_dir() else Path(project.path).resolve().parent
