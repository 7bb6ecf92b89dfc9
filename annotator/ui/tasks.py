"""Long work started from the window — import, pre-annotation — each behind a progress dialog.

Pre-annotation computes on a worker thread (spaCy) that reads texts through its own read-only
connection; every batch comes back as a signal and is stored by the main thread, the only writer.
Import runs on the main thread between events (SQLite writes stay on one thread) and can be
cancelled between batches. Export has its own dialog (:mod:`annotator.ui.export_dialog`).
"""

from __future__ import annotations

from collections.abc import Callable

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog

from .. import services
from ..services import preannotation
from ..services.settings import label_map
from ..store import Project
from ..store.listening import password_of
from .workers import GeneratorWorker, start
from .notify import notify
from .host import Host


def _progress(window: Host, title: str, total: int) -> QProgressDialog:
    dialog = QProgressDialog(title, "Cancel", 0, max(total, 1), window)
    dialog.setWindowTitle("annotator")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog


def preannotate_with_progress(window: Host, doc_ids: list[int], *, model: str | None = None,
                              on_finished: Callable[[bool], None] | None = None) -> GeneratorWorker | None:
    """Pre-annotate ``doc_ids`` in the background; returns the worker (None when nothing to do).
    ``on_finished(complete)`` runs at the end of the window's own handling, before the worker is
    released (so its message is the last one, and a caller waiting for the worker sees it).

    The worker loads the pipeline (seconds, the first time: spaCy's import included) and computes;
    it first yields the pipeline's origin, then one batch of suggestions at a time, which the main
    thread stores.
    """
    if not doc_ids:
        window.statusBar().showMessage("Every article already has suggestions", 5000)
        return None
    project = window.project
    name = preannotation.resolve_model(project, model)
    labels = window.labels
    mapping = label_map(project)
    path = project.path
    password = password_of(project)  # a team project: the same login, no second password prompt
    events = preannotation.event_suggester_for(project)
    quotes = preannotation.quote_finder_for(project)

    def compute():
        from ..nlp.pipeline import load_pipeline, pipeline_origin

        nlp = load_pipeline(name)
        origin = pipeline_origin(nlp)
        yield origin
        reader = Project(path, readonly=True, password=password)  # this thread's own connection, for reading texts
        try:
            texts = preannotation.iter_texts(reader, doc_ids)
            yield from preannotation.suggestion_batches(nlp, texts, origin=origin, labels=labels,
                                                        batch_size=8, label_map=mapping, events=events,
                                                        quotes=quotes)
        finally:
            reader.close()

    dialog = _progress(window, f"Loading the pipeline “{name}”…", len(doc_ids))
    worker = GeneratorWorker(compute)
    state = {"origin": name, "done": 0, "stored": 0}
    skipped: list[preannotation.SkippedDocument] = []  # articles the pipeline failed on, named

    def store(item) -> None:
        if isinstance(item, str):  # the pipeline is loaded
            state["origin"] = item
        else:
            state["stored"] += preannotation.store_suggestions(project, item, origin=state["origin"])
            state["done"] += item.processed
            skipped.extend(preannotation.named(project, s) for s in item.skipped)
        dialog.setValue(state["done"])
        dialog.setLabelText(f"Pre-annotating with {state['origin']}: {state['done']} of {len(doc_ids)} articles, "
                            f"{state['stored']} suggestions")

    def finished(complete: bool) -> None:
        dialog.close()
        window.after_import()
        word = "Pre-annotated" if complete else "Stopped after"
        window.statusBar().showMessage(
            f"{word} {state['done'] - len(skipped)} articles: {state['stored']} suggestions from {state['origin']}", 8000)
        if skipped:
            details = "\n".join(f"• {s.message()}" for s in skipped[:30])
            more = f"\n… and {len(skipped) - 30} more" if len(skipped) > 30 else ""
            notify(window, "Some articles were not pre-annotated", f"{details}{more}")
        if on_finished is not None:  # in the same slot: whoever waits for the worker sees it done
            on_finished(complete)
        window.background_worker = None

    worker.signals.batch.connect(store)
    worker.signals.error.connect(lambda text: notify(window, "Pre-annotation failed", text))
    worker.signals.finished.connect(finished)
    dialog.canceled.connect(worker.cancel)
    window.background_worker = worker  # keep it alive while it runs
    start(worker)
    return worker


def import_files_dialog(window: Host) -> None:
    files, _ = QFileDialog.getOpenFileNames(
        window, "Import articles", str(Path.cwd()), "Articles (*.txt *.md *.html *.htm *.jsonl);;All files (*)"
    )
    if files:
        import_paths_with_progress(window, files)


def import_paths_with_progress(window: Host, paths: list[str]) -> services.ImportReport:
    """Import files on the main thread between events; reports rejected files in a dialog."""
    dialog = _progress(window, "Importing…", len(paths))
    report = services.ImportReport()
    for progress in services.iter_import(window.project, paths, annotator=window.controller.annotator, labels=window.labels):
        report = progress.report
        dialog.setValue(min(progress.inputs, len(paths)))
        dialog.setLabelText(f"Importing {Path(progress.source).name}… ({report.added} new articles)")
        QApplication.processEvents()
        if dialog.wasCanceled():
            break
    dialog.close()
    window.after_import()
    summary = f"Imported {report.added} articles ({report.duplicates} already in the project), {report.annotations} annotations; removed {report.removed_total} noise lines."
    if report.rejected:
        details = "\n".join(f"• {r.source}: {r.reason}" for r in report.rejected[:30])
        more = f"\n… and {len(report.rejected) - 30} more" if len(report.rejected) > 30 else ""
        notify(window, "Some inputs were rejected", f"{summary}\n\nRejected:\n{details}{more}")
    else:
        window.statusBar().showMessage(summary, 8000)
    new = window.project.documents_without_suggestions()
    if report.added and new:
        preannotate_with_progress(window, new)
    return report
