"""The newcomer's first start: an empty project is filled with the seeds and pre-annotated in the
background behind a progress dialog, with the real bundled model."""

from __future__ import annotations

from annotator.domain.model import SUGGESTED


def write_seeds(folder):
    folder.mkdir()
    (folder / "001_vertice.txt").write_text(
        " date 2021-12 Il presidente Vladimir Putin ha parlato martedì con Joe Biden a Ginevra.\n",
        encoding="utf-8",
    )
    (folder / "002_mosca.txt").write_text(
        "https://example.org/notizia\n\nMosca e Kiev\n\nIl Cremlino ha risposto alla NATO.\n",
        encoding="utf-8",
    )
    return folder


def test_empty_project_gets_the_seeds_pre_annotated(qtbot, tmp_path):
    from annotator.ui.app import build_window

    seeds = write_seeds(tmp_path / "seeds")
    window = build_window(tmp_path / "new.db", "newcomer", seeds=seeds)
    qtbot.addWidget(window)
    window.show()
    project = window.project
    assert project.count_documents() == 2
    # the worker computes, the main thread stores batch by batch; wait for both documents
    qtbot.waitUntil(lambda: not project.documents_without_suggestions(), timeout=60_000)
    qtbot.waitUntil(lambda: bool(window.controller.spans), timeout=10_000)
    shown = window.controller.spans
    assert all(s.status == SUGGESTED for s in shown)
    text = window.controller.document.text
    assert {"Vladimir Putin", "Joe Biden", "Ginevra"} <= {text[s.start:s.end] for s in shown}
    assert all(s.origin.startswith("it_news_kind@") for s in shown)
    # the list shows the counts, and the cleaning removed the URL line from the second seed
    assert window.doclist.model.document_row(0).suggestions == len(shown)
    second = project.document(2)
    assert "https://" not in second.text and second.meta["url"] == "https://example.org/notizia"


def test_a_project_with_documents_is_left_as_it_is(qtbot, tmp_path, project):
    from annotator.store import NewDocument
    from annotator.ui.app import build_window

    project.add_documents([NewDocument("Un solo articolo già importato.", {"title": "Uno"})])
    path = project.path
    project.close()
    window = build_window(path, "someone", seeds=write_seeds(tmp_path / "seeds"))
    qtbot.addWidget(window)
    assert window.project.count_documents() == 1
    assert window.project.documents_without_suggestions() == [1]  # nothing started behind the user's back


def test_import_from_the_window_names_rejected_files_and_preannotates_new_ones(qtbot, tmp_path, project, labels, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from annotator.store import NewDocument
    from annotator.ui import tasks
    from annotator.ui.main_window import MainWindow

    project.add_documents([NewDocument("Articolo già presente.", {"title": "Vecchio"})])
    window = MainWindow(project, "tester", labels)
    qtbot.addWidget(window)
    good = tmp_path / "nuovo.txt"
    good.write_text("Vertice a Bruxelles\n\nLa NATO si riunisce a Bruxelles con Sergey Lavrov.\n", encoding="utf-8")
    bad = tmp_path / "rotto.txt"
    bad.write_bytes(b"\x00\x01binario\x00")
    report = tasks.import_paths_with_progress(window, [str(good), str(bad)])
    warnings = [box.text() for box in window.findChildren(QMessageBox)]  # shown without waiting
    assert report.added == 1 and [r.source for r in report.rejected] == [str(bad)]
    assert len(warnings) == 1 and "rotto.txt" in warnings[0] and "binary" in warnings[0]
    assert window.doclist.model.rowCount() == 2
    assert project.document(1).text == "Articolo già presente."  # what was there is untouched
    qtbot.waitUntil(lambda: project.has_suggestions(2), timeout=60_000)
    labels_found = {s.label for s in project.suggestions(2)}
    assert {"ORG", "LOC", "PER"} <= labels_found


def test_a_file_that_is_not_a_project_is_refused_with_a_message(tmp_path, monkeypatch, capsys):
    from PySide6.QtWidgets import QMessageBox

    from annotator.ui.app import run_app

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    notes = tmp_path / "notes.txt"
    notes.write_text("appunti, non un progetto", encoding="utf-8")
    assert run_app(notes, "someone") == 2
    assert shown and "notes.txt" in shown[0] and "not an annotator project" in shown[0]
    assert "not an annotator project" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "appunti, non un progetto"  # untouched


def test_metadata_tab_names_the_file_an_article_came_from(qtbot, tmp_path):
    from annotator.ui.app import build_window

    seeds = write_seeds(tmp_path / "seeds")
    window = build_window(tmp_path / "new.db", "newcomer", seeds=seeds)
    qtbot.addWidget(window)
    window.side.setCurrentWidget(window.side.metadata)
    assert window.side.metadata.value("imported_from") == str(seeds / "001_vertice.txt")
    # let the background pre-annotation finish before the window goes away
    qtbot.waitUntil(lambda: not window.project.documents_without_suggestions(), timeout=60_000)
    assert window.side.metadata.value("uid") == "001_vertice"


def test_closing_during_preannotation_waits_for_the_worker(qtbot, project, labels):
    from PySide6.QtCore import QThreadPool

    from annotator.store import NewDocument
    from annotator.ui import tasks
    from annotator.ui.main_window import MainWindow

    project.add_documents([NewDocument(f"Vladimir Putin ha parlato a Mosca {i} volte.") for i in range(40)])
    window = MainWindow(project, "tester", labels)
    qtbot.addWidget(window)
    worker = tasks.preannotate_with_progress(window, project.documents_without_suggestions())
    assert worker is not None
    assert window.close() is True  # never asks; stops the worker between batches and waits for it
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    qtbot.wait(50)  # batches already emitted are stored by the main thread
    stored = project.count_documents() - len(project.documents_without_suggestions())
    assert 0 <= stored <= 40 and project.count_documents() == 40


def test_a_cancelled_worker_stops_between_batches(qtbot):
    import time

    from annotator.ui.workers import GeneratorWorker, start

    def slow():
        for i in range(100):
            time.sleep(0.01)
            yield i

    worker = GeneratorWorker(slow)
    got = []
    worker.signals.batch.connect(lambda item: (got.append(item), worker.cancel()))
    with qtbot.waitSignal(worker.signals.finished, timeout=5000) as finished:
        start(worker)
    assert finished.args == [False]  # reported as not complete
    assert 1 <= len(got) < 100


def test_export_from_the_window_writes_jsonl_and_cancel_leaves_the_old_file(qtbot, tmp_path, project, labels):
    import json

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    from annotator.store import NewDocument
    from annotator.ui.export_dialog import ExportDialog
    from annotator.ui.main_window import MainWindow

    project.add_documents([NewDocument(f"Articolo numero {i} su Roma.", {"title": f"N. {i}"}) for i in range(3)])
    window = MainWindow(project, "tester", labels)
    qtbot.addWidget(window)
    target = tmp_path / "out.jsonl"

    def export_dialog() -> ExportDialog:  # File > Export… (Ctrl+E), as the menu does
        next(a for a in window.findChildren(QAction) if a.text() == "&Export…").trigger()
        dialog = window.findChild(ExportDialog)
        dialog.output_edit.setText(str(target))
        return dialog

    dialog = export_dialog()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["meta"]["title"] for r in records] == ["N. 0", "N. 1", "N. 2"]
    assert all(r["annotator"] is None and r["spans"] == [] for r in records)
    assert window.statusBar().currentMessage() == f"Wrote 3 records (3 articles) to {target}"

    before = target.read_bytes()
    project.add_documents([NewDocument("Un quarto articolo.", {"title": "N. 3"})])
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is None)  # the first one deleted itself
    dialog = export_dialog()
    dialog.progress.valueChanged.connect(lambda _v: qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == before  # cancelled: the old export is untouched
    assert "cancelled" in dialog.state.text()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("project.db")) == ["out.jsonl"]

def test_a_busy_project_at_start_is_told_as_busy_not_as_a_wrong_file(tmp_path, monkeypatch, capsys):
    """An SQLite error past the careful open (another process held the lock while the project was
    being upgraded) says the project is busy, exit 3, rather than "check --project"."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    from annotator.ui import app

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))

    def busy(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(app, "open_project", busy)
    assert app.run_app(tmp_path / "p.db", "someone") == 3
    assert shown and "busy" in shown[0] and "check --project" not in shown[0]
    assert "busy" in capsys.readouterr().err
