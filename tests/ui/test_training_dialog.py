"""Train from my annotations…: drive the real window, train a tiny real model, compare and choose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.domain.model import ACCEPTED, DOC_DONE, GOLD, SUGGESTIONS, Span
from annotator.nlp.training import TrainSettings
from annotator.services import models, training
from annotator.store import NewDocument
from window_helpers import show_main_window

USER = "tester"
OLD_ORIGIN = "old-pipeline@1"
CURRENT = "gazetteer"  # the project's model before training: the built-in rules, always there
TINY = TrainSettings(width=32, depth=1, embed_rows=(500, 100, 200, 100, 200), max_steps=20, eval_every=5, patience=20)
ENDLESS = TrainSettings(width=32, depth=1, embed_rows=(500, 100, 200, 100, 200), max_steps=100_000,
                        eval_every=1_000, patience=100_000)

FINISHED = [  # (text, [(surface, label), ...]): every article names a person, a place and an organisation
    ("Mario Rossi ha incontrato a Roma i dirigenti della FIAT.",
     [("Mario Rossi", "PER"), ("Roma", "LOC"), ("FIAT", "ORG")]),
    ("Anna Verdi lavora per la Banca d'Italia a Milano.",
     [("Anna Verdi", "PER"), ("Banca d'Italia", "ORG"), ("Milano", "LOC")]),
    ("Il sindaco Luca Bianchi ha visitato Napoli con la Caritas.",
     [("Luca Bianchi", "PER"), ("Napoli", "LOC"), ("Caritas", "ORG")]),
    ("Giulia Neri parla a Torino per conto dell'ENI.",
     [("Giulia Neri", "PER"), ("Torino", "LOC"), ("ENI", "ORG")]),
    ("Paolo Conti ha lasciato Firenze per la RAI.",
     [("Paolo Conti", "PER"), ("Firenze", "LOC"), ("RAI", "ORG")]),
]
UNTOUCHED = [
    "Il 12 marzo 2022 Marco Gialli è arrivato a Genova con la Lazio.",
    "Ieri Sara Blu ha parlato alla CGIL di Bologna.",
]


def spans_of(doc_id: int, text: str, entities: list[tuple[str, str]], layer: str) -> list[Span]:
    return [Span(doc_id, text.index(surface), text.index(surface) + len(surface), label, layer, "manual",
                 ACCEPTED, USER) for surface, label in entities]


def build_project(project, *, done: bool = True, gold_docs: int = 0) -> dict[str, list[int]]:
    """Five annotated articles (done by the tester when ``done``), two untouched ones that hold
    suggestions from an older pipeline; the first ``gold_docs`` annotated ones also in gold."""
    ids = [doc_id for doc_id, _ in project.add_documents(
        [NewDocument(text, {"title": text[:20]}) for text, _ in FINISHED] + [NewDocument(t) for t in UNTOUCHED])]
    annotated, untouched = ids[:len(FINISHED)], ids[len(FINISHED):]
    items = []
    for position, (doc_id, (text, entities)) in enumerate(zip(annotated, FINISHED)):
        items += spans_of(doc_id, text, entities, USER)
        if position < gold_docs:
            items += spans_of(doc_id, text, entities, GOLD)
    with project.db.atomic():
        project.import_annotations(items, action="fixture", annotator=USER)
        for doc_id in annotated if done else ():
            project.set_doc_status(doc_id, USER, DOC_DONE)
    project.replace_suggestions(
        [(doc_id, [Span(doc_id, 0, 2, "MISC", SUGGESTIONS, OLD_ORIGIN)]) for doc_id in untouched],
        origin=OLD_ORIGIN, action="fixture")
    return {"annotated": annotated, "untouched": untouched}


def shrink_training(monkeypatch, settings: TrainSettings) -> None:
    """The real plan, with smaller settings than the defaults scaled to the data (seconds, not minutes)."""
    real = training.plan_project_training

    def plan(*args, **kwargs):
        made = real(*args, **kwargs)
        made.settings = settings
        return made

    monkeypatch.setattr(training, "plan_project_training", plan)


def make_window(qtbot, project, labels):
    return show_main_window(qtbot, project, USER, labels)


def open_plan(qtbot, window):
    """Trigger the menu action and return the training dialog it opened, on its plan page."""
    from annotator.ui.training_dialog import TrainingDialog

    window.actions_by_id["train"].trigger()
    dialog = window.findChild(TrainingDialog)
    assert dialog is not None and dialog.isVisible() and dialog.train_button.isVisible()
    assert window.background_worker is None  # nothing runs before the user says so
    return dialog


def start_training(qtbot, window):
    """Trigger the menu action, press Train on the plan page and return the dialog."""
    dialog = open_plan(qtbot, window)
    qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
    return dialog


def wait_until_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.background_worker is None, timeout=120_000)
    assert QThreadPool.globalInstance().waitForDone(30_000)


def models_written(project) -> list[Path]:
    folder = training.models_dir(project)
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else []


@pytest.fixture
def docs(project):
    project.set_setting("model", CURRENT)
    return build_project(project)


def test_train_then_use_the_new_model_resuggests_untouched_articles(qtbot, project, labels, docs, monkeypatch):
    shrink_training(monkeypatch, TINY)
    window = make_window(qtbot, project, labels)
    dialog = start_training(qtbot, window)
    qtbot.waitUntil(lambda: dialog.comparison is not None, timeout=120_000)
    assert dialog.use_button.isVisible() and dialog.keep_button.isVisible()
    shown = [dialog.scores.item(row, 0).text() for row in range(dialog.scores.rowCount())]
    assert shown == ["LOC", "ORG", "PER", "All (micro)"]
    micro = dialog.scores.rowCount() - 1
    assert dialog.scores.item(micro, 3).text().endswith("%")  # new F1
    assert dialog.scores.item(micro, 6).text().endswith("%")  # the current model was scored too
    held_out = dialog.comparison.held_out
    assert held_out >= 1 and f"{held_out} held-out article" in dialog.verdict.text()
    assert ("is better" in dialog.verdict.text()) == dialog.comparison.improves  # worse is said plainly

    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    model = Path(project.setting("model"))
    assert model.parent == training.models_dir(project) and (model / "meta.json").is_file()
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    # one F1 everywhere: the dialog's, the meta's and the model list's are the same number
    shown_f1 = dialog.scores.item(micro, 3).text()
    assert f"{meta['performance']['ents_f']:.1%}" == shown_f1
    listed = next(c for c in models.available_models(project) if Path(c.name) == model)
    assert f"F1 {shown_f1} on its held-out data" in listed.detail
    card = (model / "README.md").read_text(encoding="utf-8")
    assert f"| micro | {meta['performance']['ents_p']:.3f} | {meta['performance']['ents_r']:.3f} | " \
           f"{meta['performance']['ents_f']:.3f} |" in card and "Scores of this pipeline: exact spans" in card
    new_origin = f"{meta['name']}@{meta['version']}"
    wait_until_idle(qtbot, window)
    for doc_id in docs["untouched"]:
        suggestions = project.suggestions(doc_id)
        assert suggestions and {s.origin for s in suggestions} == {new_origin}
    for doc_id in docs["annotated"]:  # finished work is left alone
        assert project.suggestions(doc_id) == []
    assert f"re-suggested {len(docs['untouched'])} untouched articles" in window.statusBar().currentMessage()


def test_keep_the_current_model_changes_nothing(qtbot, project, labels, docs, monkeypatch, tmp_path):
    missing = str(tmp_path / "a-model-that-was-deleted")  # the current model cannot even be scored
    project.set_setting("model", missing)
    shrink_training(monkeypatch, TINY)
    window = make_window(qtbot, project, labels)
    dialog = start_training(qtbot, window)
    qtbot.waitUntil(lambda: dialog.comparison is not None, timeout=120_000)
    assert "could not be scored" in dialog.verdict.text() and "a-model-that-was-deleted" in dialog.verdict.text()
    micro = dialog.scores.rowCount() - 1
    assert dialog.scores.item(micro, 3).text().endswith("%") and dialog.scores.item(micro, 6).text() == "—"
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot, window)
    assert project.setting("model") == missing
    for doc_id in docs["untouched"]:
        assert {s.origin for s in project.suggestions(doc_id)} == {OLD_ORIGIN}
    assert window.statusBar().currentMessage().startswith(f"Kept {missing}")


def test_cancel_during_training_adopts_nothing(qtbot, project, labels, docs, monkeypatch):
    from annotator.ui.training_dialog import TrainingDialog

    shrink_training(monkeypatch, ENDLESS)
    window = make_window(qtbot, project, labels)
    dialog = start_training(qtbot, window)
    qtbot.waitUntil(lambda: dialog.progress.maximum() == ENDLESS.max_steps and dialog.progress.value() > 0,
                    timeout=120_000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(TrainingDialog) is None, timeout=5_000)
    assert project.setting("model") == CURRENT
    assert models_written(project) == []
    assert {s.origin for s in project.suggestions(docs["untouched"][0])} == {OLD_ORIGIN}
    assert "No model was trained" in window.statusBar().currentMessage()


def test_closing_the_window_during_training_stops_the_worker(qtbot, project, labels, docs, monkeypatch):
    shrink_training(monkeypatch, ENDLESS)
    window = make_window(qtbot, project, labels)
    dialog = start_training(qtbot, window)
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=120_000)
    assert window.close() is True
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert project.setting("model") == CURRENT and models_written(project) == []


def test_without_finished_articles_the_user_is_told_to_mark_them_done(qtbot, project, labels, monkeypatch):
    from annotator.ui.training_dialog import TrainingDialog

    build_project(project, done=False)
    window = make_window(qtbot, project, labels)
    window.actions_by_id["train"].trigger()
    shown = [box.text() for box in window.findChildren(QMessageBox)]  # shown, not waited on
    assert len(shown) == 1
    assert "D or Ctrl+Return" in shown[0] and "at least 2" in shown[0]
    assert "Skipped 5 articles not marked done" in shown[0]  # why nothing counts, in numbers
    assert window.findChild(TrainingDialog) is None and window.background_worker is None
    assert project.setting("model") is None


def test_the_dialog_says_which_articles_were_left_out_and_why(qtbot, project, labels, docs):
    from annotator.ui.training_dialog import TrainingDialog

    doc_id = docs["annotated"][0]
    start = FINISHED[0][0].index("incontrato")  # no entity of the tester's there
    project.replace_suggestions([(doc_id, [Span(doc_id, start, start + 10, "MISC", SUGGESTIONS, OLD_ORIGIN)])],
                                origin=OLD_ORIGIN, action="fixture")  # done, but a suggestion pending
    window = make_window(qtbot, project, labels)
    plan = training.plan_project_training(project, USER)
    assert len(plan.train) + len(plan.held_out) == 4
    dialog = TrainingDialog(window, plan)
    qtbot.addWidget(dialog)
    assert dialog.skipped_line.text().startswith(
        "Left out: 1 article marked done with suggestions still pending.")


def test_with_gold_spans_the_user_picks_the_layer(qtbot, project, labels, monkeypatch):
    from annotator.ui.training_dialog import LayerChoiceDialog

    build_project(project, done=False, gold_docs=1)  # one gold article: not enough to train on
    window = make_window(qtbot, project, labels)
    offered = []

    def pick_gold() -> None:
        chooser = QApplication.activeModalWidget()
        assert isinstance(chooser, LayerChoiceDialog)
        offered.extend(chooser.combo.itemText(i) for i in range(chooser.combo.count()))
        qtbot.keyClick(chooser.combo, Qt.Key.Key_Down)
        qtbot.keyClick(chooser, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick_gold)
    window.actions_by_id["train"].trigger()
    assert offered == [f"My annotations ({USER})", "The gold layer (adjudicated)"]
    shown = [box.text() for box in window.findChildren(QMessageBox)]
    assert len(shown) == 1 and "1 annotated document(s)" in shown[0] and "gold layer" in shown[0]


def test_the_train_action_is_in_the_model_menu_and_the_cheatsheet(qtbot, project, labels):
    window = make_window(qtbot, project, labels)
    model_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Model")
    assert window.actions_by_id["train"] in model_menu.actions()
    # shortcuts in the cheat-sheet, and unique: test_main_window.test_every_shortcut_is_shown…


def test_the_plan_says_what_trains_and_tests_and_a_small_test_set_is_not_called_better(qtbot, project, labels,
                                                                                       docs, monkeypatch):
    shrink_training(monkeypatch, TINY)
    window = make_window(qtbot, project, labels)
    dialog = open_plan(qtbot, window)
    # five finished articles of three entities each: four train, one is held out
    assert dialog.plan_line.text().startswith(
        "Train on 4 articles (12 entities); test on 1 held-out article (3 entities)")
    assert dialog.small_warning.isVisible() and "Only 3 entities are held out" in dialog.small_warning.text()
    assert dialog.cross_button.isDefault() and dialog.cross_button.text() == "Cross-validate (5 trainings)"
    qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.comparison is not None, timeout=120_000)
    verdict = dialog.verdict.text()
    assert not dialog.comparison.improves and "is better" not in verdict
    assert verdict.startswith("Too close to tell") and "3 held-out entities are too few" in verdict
    assert "no interval: 1 article cannot show the spread" in verdict  # says how little one article shows
    assert dialog.compare_cross_button.isVisible() and dialog.keep_button.isDefault()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot, window)


def test_progress_is_in_steps_only(qtbot, project, labels, docs, monkeypatch):
    shrink_training(monkeypatch, TINY)
    window = make_window(qtbot, project, labels)
    dialog = start_training(qtbot, window)
    stages: list[str] = []
    dialog.progress.valueChanged.connect(lambda _v: stages.append(dialog.stage.text()))
    qtbot.waitUntil(lambda: dialog.comparison is not None, timeout=120_000)
    training_lines = [s for s in stages if s.startswith("Training:")]
    assert training_lines and all("epoch" not in s for s in stages)
    assert training_lines[-1].endswith(f"of {TINY.max_steps}")
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot, window)


def test_cross_validate_instead_tests_every_article_and_changes_nothing(qtbot, project, labels, docs, monkeypatch):
    import annotator.ui.training_dialog as training_dialog

    shrink_training(monkeypatch, TINY)
    monkeypatch.setattr(training_dialog, "FOLDS", 2)  # two small trainings, not five
    window = make_window(qtbot, project, labels)
    dialog = open_plan(qtbot, window)
    assert dialog.cross_button.text() == "Cross-validate (2 trainings)"
    stages: list[str] = []
    dialog.progress.valueChanged.connect(lambda _v: stages.append(dialog.stage.text()))
    qtbot.mouseClick(dialog.cross_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.cross_validation is not None, timeout=180_000)
    wait_until_idle(qtbot, window)
    assert any(s.startswith("Cross-validating: model 2 of 2, step") for s in stages)
    assert dialog.progress.maximum() == 2 * TINY.max_steps
    result = dialog.cross_validation
    assert result.articles == 5 and result.entities == 15 and len(result.folds) == 2
    rows = [dialog.cross_scores.item(row, 0).text() for row in range(dialog.cross_scores.rowCount())]
    assert rows == ["LOC", "ORG", "PER", "All (micro)"]
    assert dialog.cross_scores.item(3, 7).text() == "15"  # every finished article's entities, tested once
    assert "Cross-validated on 5 articles (15 entities)" in dialog.cross_verdict.text()
    assert "95% interval" in dialog.cross_verdict.text() and "Nothing was saved" in dialog.cross_details.text()
    assert project.setting("model") == CURRENT and models_written(project) == []
    qtbot.mouseClick(dialog.cross_close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(training_dialog.TrainingDialog) is None, timeout=5_000)


def comparison_of(new_found: int, current_found: int, documents: int = 60) -> training.ModelComparison:
    """A comparison on ``documents`` held-out articles of one entity each: the new model finds the
    first ``new_found``, the current one the first ``current_found``."""
    from annotator.nlp.evaluation import score_entities

    gold = [[(0, 4, "PER")] for _ in range(documents)]
    new = score_entities([(g, g if i < new_found else []) for i, g in enumerate(gold)], ["PER"])
    old = score_entities([(g, g if i < current_found else []) for i, g in enumerate(gold)], ["PER"])
    return training.ModelComparison(CURRENT, Path("ner-x"), new, old, held_out=documents, trained_on=200)


def test_the_verdict_calls_a_model_better_only_when_the_held_out_set_can_tell():
    from annotator.ui.training_dialog import verdict_text

    clear = comparison_of(new_found=55, current_found=30)
    assert clear.improves and not clear.uncertain
    assert verdict_text(clear).startswith("The new model is better on the 60 held-out articles (60 entities)")
    assert "95% interval" in verdict_text(clear)

    close = comparison_of(new_found=31, current_found=30)  # one article apart: chance
    assert not close.improves and close.uncertain
    text = verdict_text(close)
    assert text.startswith("Too close to tell") and "could be chance" in text and "is better" not in text

    small = comparison_of(new_found=20, current_found=5, documents=20)  # a big gap on 20 entities
    assert not small.improves and "20 held-out entities are too few" in verdict_text(small)

    worse = comparison_of(new_found=20, current_found=55)
    assert verdict_text(worse).startswith("The new model is worse than the current one")
