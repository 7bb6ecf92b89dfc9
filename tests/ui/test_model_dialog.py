"""Model for suggestions…: drive the real window, pick a pipeline and a label map, redo the suggestions."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox, QRadioButton

from annotator.domain.model import ACCEPTED, DOC_DONE, SUGGESTIONS, Span
from annotator.services import training
from annotator.store import NewDocument
from window_helpers import show_main_window

USER = "tester"
OLD_ORIGIN = "old-pipeline@1"
TRAINED = "ner-20240101-120000"
TRAINED_META = {"lang": "it", "name": "ner_tester", "version": "0.0.1", "license": "MIT",
                "labels": {"ner": ["PER", "LOC"]}, "performance": {"ents_f": 0.81}}
UNTOUCHED = [
    "Ieri a Roma il governo ha parlato con la Russia.",
    "Il presidente dell'Ucraina è arrivato in Italia.",
]
FINISHED = "Mario Rossi vive a Milano."


@pytest.fixture
def docs(project) -> dict[str, list[int]]:
    """One finished article (annotated and done) and two untouched ones with an older pipeline's
    suggestions."""
    ids = [doc_id for doc_id, _ in project.add_documents([NewDocument(FINISHED)] + [NewDocument(t) for t in UNTOUCHED])]
    finished, untouched = ids[:1], ids[1:]
    with project.db.atomic():
        project.import_annotations([Span(finished[0], 0, 11, "PER", USER, "manual", ACCEPTED, USER)],
                                   action="fixture", annotator=USER)
        project.set_doc_status(finished[0], USER, DOC_DONE)
    project.replace_suggestions(
        [(doc_id, [Span(doc_id, 0, 4, "MISC", SUGGESTIONS, OLD_ORIGIN)]) for doc_id in ids],
        origin=OLD_ORIGIN, action="fixture")
    return {"finished": finished, "untouched": untouched}


@pytest.fixture
def trained_model(project):
    """A model folder as "Train from my annotations…" leaves it beside the project (only meta.json)."""
    folder = training.models_dir(project) / TRAINED
    folder.mkdir(parents=True)
    (folder / "meta.json").write_text(json.dumps(TRAINED_META), encoding="utf-8")
    return folder


def make_window(qtbot, project, labels):
    return show_main_window(qtbot, project, USER, labels)


def open_dialog(window):
    """Trigger the menu action and return the dialog it opened."""
    from annotator.ui.model_dialog import ModelDialog

    window.actions_by_id["model"].trigger()
    dialog = window.findChild(ModelDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def click_radio(qtbot, button: QRadioButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def type_into(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def press(qtbot, dialog, which) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def dialog_closed(window) -> bool:
    from annotator.ui.model_dialog import ModelDialog

    return window.findChild(ModelDialog) is None


def origins(project, doc_ids: list[int]) -> set[str]:
    return {s.origin for doc_id in doc_ids for s in project.suggestions(doc_id)}


def wait_until_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.background_worker is None, timeout=60_000)
    assert QThreadPool.globalInstance().waitForDone(30_000)


def test_the_dialog_lists_the_models_and_selects_the_current_one(qtbot, project, labels, trained_model):
    project.set_setting("model", str(trained_model))
    project.set_setting("label_map", "FOO=ORG")
    window = make_window(qtbot, project, labels)
    dialog = open_dialog(window)
    titles = [button.text() for button in dialog.choice_buttons.values()]
    assert titles == ["it_news_kind (bundled)", "gazetteer (name lists and date rules only)",
                      f"{TRAINED} (trained on this project)"]
    assert dialog.choice_buttons[str(trained_model)].isChecked()
    details = [label.text() for label in dialog.findChildren(type(dialog.error)) if label.isVisible()]
    assert "PER, LOC · F1 81.0% on its held-out data · MIT" in details
    assert any("CC BY-NC 4.0" in text for text in details)  # the bundled model's licence
    assert any("PERSON→PER" in text and "GPE→LOC" in text for text in details)
    assert dialog.label_map_edit.text() == "FOO=ORG"
    assert "empty target drops a label" in dialog.label_map_edit.placeholderText()
    assert not dialog.error.isVisible()


def test_choosing_the_gazetteer_with_a_label_map_redoes_the_untouched_articles(qtbot, project, labels, docs,
                                                                              monkeypatch):
    from annotator.nlp import pipeline

    loaded_on = []
    real_load = pipeline.load_pipeline

    def load(name, *args, **kwargs):
        loaded_on.append(threading.current_thread() is threading.main_thread())
        return real_load(name, *args, **kwargs)

    monkeypatch.setattr(pipeline, "load_pipeline", load)
    window = make_window(qtbot, project, labels)
    dialog = open_dialog(window)
    assert dialog.choice_buttons["it_news_kind"].isChecked()  # the default, with no setting
    click_radio(qtbot, dialog.choice_buttons["gazetteer"])
    type_into(qtbot, dialog.label_map_edit, "GPE=LOC")
    press(qtbot, dialog, dialog.buttons.StandardButton.Ok)

    assert project.setting("model") == "gazetteer" and project.setting("label_map") == "GPE=LOC"
    qtbot.waitUntil(lambda: dialog_closed(window), timeout=5_000)
    question = window.findChild(QMessageBox)
    assert question is not None and question.isVisible()
    assert question.text() == "Redo the suggestions of the 2 articles nobody has touched with gazetteer?"
    assert window.statusBar().currentMessage() == "Now using gazetteer for suggestions"
    assert loaded_on == []  # nothing loaded while the dialog was open

    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot, window)
    assert loaded_on == [False]  # the pipeline loaded on the worker thread
    new = origins(project, docs["untouched"])
    assert new and all(origin.startswith("gazetteer_it@") for origin in new)
    assert origins(project, docs["finished"]) == {OLD_ORIGIN}  # finished work is left alone
    assert window.statusBar().currentMessage() == \
        "Now using gazetteer for suggestions: re-suggested 2 untouched articles"


def test_answering_no_keeps_the_suggestions(qtbot, project, labels, docs):
    window = make_window(qtbot, project, labels)
    dialog = open_dialog(window)
    click_radio(qtbot, dialog.choice_buttons["gazetteer"])
    press(qtbot, dialog, dialog.buttons.StandardButton.Ok)
    question = window.findChild(QMessageBox)
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert project.setting("model") == "gazetteer"
    assert window.background_worker is None
    assert origins(project, docs["untouched"]) == {OLD_ORIGIN}
    assert "Now using gazetteer" in window.statusBar().currentMessage()


def test_a_malformed_label_map_is_shown_and_nothing_is_stored(qtbot, project, labels, docs):
    window = make_window(qtbot, project, labels)
    dialog = open_dialog(window)
    click_radio(qtbot, dialog.choice_buttons["gazetteer"])
    type_into(qtbot, dialog.label_map_edit, "GPE")
    press(qtbot, dialog, dialog.buttons.StandardButton.Ok)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "'GPE'" in dialog.error.text() and "FROM=TO" in dialog.error.text()
    assert project.setting("model") is None and project.setting("label_map") is None
    assert window.findChild(QMessageBox) is None
    type_into(qtbot, dialog.label_map_edit, "GPE=LOC")  # correcting it clears the message
    assert not dialog.error.isVisible()


def test_a_package_that_is_not_installed_is_shown(qtbot, project, labels):
    window = make_window(qtbot, project, labels)
    dialog = open_dialog(window)
    type_into(qtbot, dialog.package_edit, "it_core_news_nonexistent")
    assert dialog.package_button.isChecked()  # typing a name picks that option
    press(qtbot, dialog, dialog.buttons.StandardButton.Ok)
    assert dialog.isVisible() and "neither a folder nor an installed spaCy package" in dialog.error.text()
    assert project.setting("model") is None


def test_another_folder_without_meta_json_is_refused(qtbot, project, labels, monkeypatch, tmp_path):
    folder = tmp_path / "not-a-pipeline"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    window = make_window(qtbot, project, labels)
    dialog = open_dialog(window)
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.folder_button.isChecked() and dialog.folder_edit.text() == str(folder)
    press(qtbot, dialog, dialog.buttons.StandardButton.Ok)
    assert dialog.isVisible() and "is not a spaCy pipeline folder" in dialog.error.text()
    assert project.setting("model") is None


def test_cancel_changes_nothing(qtbot, project, labels, docs):
    project.set_setting("label_map", "FOO=ORG")
    window = make_window(qtbot, project, labels)
    dialog = open_dialog(window)
    click_radio(qtbot, dialog.choice_buttons["gazetteer"])
    type_into(qtbot, dialog.label_map_edit, "GPE=LOC")
    press(qtbot, dialog, dialog.buttons.StandardButton.Cancel)
    qtbot.waitUntil(lambda: dialog_closed(window), timeout=5_000)
    assert project.setting("model") is None and project.setting("label_map") == "FOO=ORG"
    assert window.findChild(QMessageBox) is None and window.background_worker is None
    assert origins(project, docs["untouched"]) == {OLD_ORIGIN}


def test_the_model_action_is_in_the_model_menu_and_the_cheatsheet(qtbot, project, labels):
    window = make_window(qtbot, project, labels)
    model_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Model")
    assert window.actions_by_id["model"] in model_menu.actions()
    # shortcuts in the cheat-sheet, and unique: test_main_window.test_every_shortcut_is_shown…
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not dialog_closed(window)  # the shortcut opens the dialog
