"""The app's pre-annotation names the articles the pipeline failed on and stores the others."""

from __future__ import annotations


def _explode(doc):
    if any(t.text == "BOOM" for t in doc):
        raise RuntimeError("the component cannot handle BOOM")
    return doc


def exploding_model(path):
    """A small pipeline saved at ``path``: one name, and a component that raises on "BOOM"."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("annotator_test_ui_explodes"):
        Language.component("annotator_test_ui_explodes", func=_explode)
    nlp = spacy.blank("it")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PER", "pattern": "Mario Draghi"}])
    nlp.add_pipe("annotator_test_ui_explodes")
    nlp.meta.update(name="exploding", version="0.0.1")
    nlp.to_disk(path)
    return path


def test_the_task_shows_the_skipped_article(qtbot, tmp_path, project, labels):
    from PySide6.QtWidgets import QMessageBox

    from annotator.store import NewDocument
    from annotator.ui import tasks
    from annotator.ui.main_window import MainWindow

    model = exploding_model(tmp_path / "exploding")
    ids = [doc_id for doc_id, _ in project.add_documents([
        NewDocument("Mario Draghi a Roma.", uid="primo"),
        NewDocument("Mario Draghi e BOOM.", {"title": "Il titolo\x1b[31m rosso"}, uid="bad\nuid"),
        NewDocument("Parla Mario Draghi.", uid="terzo"),
    ])]
    window = MainWindow(project, "tester", labels)
    qtbot.addWidget(window)
    done = []
    worker = tasks.preannotate_with_progress(window, ids, model=str(model), on_finished=done.append)
    assert worker is not None
    qtbot.waitUntil(lambda: done == [True], timeout=30_000)

    box = window.findChild(QMessageBox)
    assert box is not None and box.windowTitle() == "Some articles were not pre-annotated"
    assert "bad\\nuid “Il titolo\\x1b[31m rosso”" in box.text() and "BOOM" in box.text()
    assert "Pre-annotated 2 articles" in window.statusBar().currentMessage()
    assert project.documents_without_suggestions() == [ids[1]]
