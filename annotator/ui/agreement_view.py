"""The Agreement view (Review > Agreement…): the numbers of ``annotator agreement`` and two charts.

Tabs: the pairs (exact and overlap F1, Cohen's kappa, Krippendorff's alpha), a bar chart of the
exact F1 per label for each pair, the label confusion matrix of a chosen pair (token labels, so
"O" is "no entity"), quotations and events, and the documents annotators agree on least (double
click opens one in the main window). Charts are drawn with matplotlib into the window (QtAgg).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Qt

from ..review.agreement import OUTSIDE, AgreementReport, DocumentLayers, label_confusion
from .notify import notify
from .workers import GeneratorWorker, start


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> QtWidgets.QTableWidget:
    table = QtWidgets.QTableWidget(len(rows), len(header))
    table.setHorizontalHeaderLabels(list(header))
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QtWidgets.QTableWidgetItem(str(value))
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    return table


def _canvas() -> tuple[Any, Any]:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 4), layout="constrained")
    return FigureCanvasQTAgg(figure), figure


def per_label_chart(report: AgreementReport) -> Any:
    """Grouped bars: for each label, the exact F1 of every pair."""
    canvas, figure = _canvas()
    axes = figure.add_subplot()
    labels = sorted({label for pair in report.entity_pairs for label in pair["per_label"]})
    pairs = [p for p in report.entity_pairs if p["documents"]]
    width = 0.8 / max(1, len(pairs))
    for i, pair in enumerate(pairs):
        values = [pair["per_label"].get(label) or 0 for label in labels]
        positions = [x + i * width for x in range(len(labels))]
        axes.bar(positions, values, width, label=f"{pair['a']} – {pair['b']}")
    axes.set_xticks([x + width * (len(pairs) - 1) / 2 for x in range(len(labels))], labels)
    axes.set_ylim(0, 1)
    axes.set_ylabel("exact-span F1")
    axes.set_title("Agreement per label")
    if pairs:
        axes.legend(fontsize="small")
    return canvas


def row_shares(labels: Sequence[str], matrix: Sequence[Sequence[int]]) -> Any:
    """Each cell's share of its row, with the O/O cell (tokens neither annotator labelled, most of
    any text) left out: masked, and not counted in its row. Shares keep a rare label's confusions as
    visible as a frequent one's, which raw counts, dominated by O/O and PER/PER, would hide."""
    import numpy as np

    counts = np.ma.masked_array(np.array(matrix, dtype=float), mask=np.zeros((len(labels), len(labels)), bool))
    if OUTSIDE in labels:
        o = list(labels).index(OUTSIDE)
        counts.mask[o, o] = True
    totals = counts.sum(axis=1, keepdims=True)
    return counts / np.where(totals.filled(0) > 0, totals.filled(1), 1)


def confusion_chart(labels: Sequence[str], matrix: Sequence[Sequence[int]], a: str, b: str) -> Any:
    """A heatmap of token labels: rows ``a``'s, columns ``b``'s; the colour is the cell's share of its
    row (:func:`row_shares`: O/O left out, grey), the text its count and share."""
    canvas, figure = _canvas()
    axes = figure.add_subplot()
    if labels:
        from matplotlib import colormaps

        shares = row_shares(labels, matrix)
        cmap = colormaps["Blues"].with_extremes(bad="#e5e7eb")
        image = axes.imshow(shares, cmap=cmap, vmin=0, vmax=1)
        figure.colorbar(image, ax=axes, label=f"share of {a}'s tokens of the row", shrink=0.8)
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                if shares.mask[i, j]:
                    text, color = f"{value}\nboth O", "#374151"
                else:
                    share = float(shares[i, j])
                    text = f"{value}\n{share:.0%}" if value else "0"
                    color = "white" if share > 0.5 else "#111827"
                axes.text(j, i, text, ha="center", va="center", color=color, fontsize="small")
    axes.set_xticks(range(len(labels)), labels)
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlabel(f"{b}'s label")
    axes.set_ylabel(f"{a}'s label")
    axes.set_title(f"Token labels: {a} (rows) and {b} (columns)\ncolour: share of the row; off the diagonal: "
                   "disagreements; O/O (grey) left out", fontsize="medium")
    return canvas


class AgreementView(QtWidgets.QDialog):
    """The agreement of the project's annotators, as tables and charts."""

    def __init__(self, report: AgreementReport, documents: Sequence[DocumentLayers],
                 open_document: Callable[[str], None] | None = None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement between annotators")
        self.resize(1000, 700)
        self.open_document = open_document
        self.tabs = QtWidgets.QTabWidget()
        self.note = QtWidgets.QLabel()  # said when others' saves changed the numbers
        self.note.setWordWrap(True)
        self.note.hide()
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        main = QtWidgets.QVBoxLayout(self)
        main.addWidget(self.note)
        main.addWidget(self.tabs)
        main.addWidget(buttons)
        self.follower: _Follower | None = None
        self.show_report(report, documents)

    def show_report(self, report: AgreementReport, documents: Sequence[DocumentLayers]) -> None:
        """Show (again) these measures; the tab, the pair and the selected article the user chose
        stay chosen, the list of articles stays where it was scrolled."""
        tab = self.tabs.currentIndex()
        pair = self.pair_choice.currentData() if hasattr(self, "pair_choice") else None
        chosen = None
        table_top = 0
        if hasattr(self, "documents_table"):
            rows = self.documents_table.selectionModel().selectedRows()
            if rows:
                chosen = self.documents_table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
            table_top = self.documents_table.verticalScrollBar().value()
        self.report = report
        self.documents = documents
        self.confusion_canvas = None
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        pairs = report.entity_pairs
        self.pairs_table = _table(["a", "b", "documents", "F1 exact", "F1 overlap", "kappa"],
                                  [[p["a"], p["b"], p["documents"], _score(p["f1"]), _score(p["f1_overlap"]),
                                    _score(p["kappa"])] for p in pairs])
        summary = QtWidgets.QLabel(f"Krippendorff's alpha (token labels, {len(report.annotators)} annotators): "
                                   f"<b>{_score(report.alpha)}</b>")
        first = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(first)
        layout.addWidget(summary)
        layout.addWidget(self.pairs_table)
        self.tabs.addTab(first, "Entities")
        self.tabs.addTab(per_label_chart(report), "F1 per label")
        confusion = QtWidgets.QWidget()
        self.confusion_layout = QtWidgets.QVBoxLayout(confusion)
        self.pair_choice = QtWidgets.QComboBox()
        for p in pairs:
            self.pair_choice.addItem(f"{p['a']} – {p['b']}", (p["a"], p["b"]))
        self.pair_choice.currentIndexChanged.connect(lambda _i: self._show_confusion())
        self.confusion_layout.addWidget(self.pair_choice)
        self.confusion_canvas: Any = None
        self.tabs.addTab(confusion, "Confusion")
        self.quotes_table = _table(["a", "b", "F1 (half overlap)", "speaker agreement", "matched"],
                                   [[p["a"], p["b"], _score(p["f1"]), _score(p["speaker"]), p["matched"]]
                                    for p in report.quote_pairs])
        self.tabs.addTab(self.quotes_table, "Quotations")
        self.events_table = _table(["a", "b", "trigger F1", "type agreement", "matched"],
                                   [[p["a"], p["b"], _score(p["f1"]), _score(p["type_agreement"]), p["matched"]]
                                    for p in report.event_pairs])
        self.tabs.addTab(self.events_table, "Events")
        self.documents_table = self._documents_table(report.documents)
        self.documents_table.cellDoubleClicked.connect(self._open_row)
        hardest = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(hardest)
        column.addWidget(QtWidgets.QLabel("The articles the annotators agree on least (mean exact-span F1 of their "
                                          "pairs) come first. Double click one to open it in the editor."))
        column.addWidget(self.documents_table)
        self.tabs.addTab(hardest, "Hardest documents")
        if pair is not None and self.pair_choice.findData(pair) >= 0:
            self.pair_choice.blockSignals(True)
            self.pair_choice.setCurrentIndex(self.pair_choice.findData(pair))
            self.pair_choice.blockSignals(False)
        self._show_confusion()
        if tab >= 0:
            self.tabs.setCurrentIndex(tab)
        if chosen is not None:
            row = next((r for r in range(self.documents_table.rowCount())
                        if self.documents_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == chosen), None)
            if row is not None:
                self.documents_table.selectRow(row)
        self.documents_table.verticalScrollBar().setValue(table_top)

    def say(self, text: str) -> None:
        """A line over the tabs (why the numbers changed)."""
        self.note.setText(text.strip())
        self.note.show()

    def _show_confusion(self) -> None:
        pair = self.pair_choice.currentData()
        if self.confusion_canvas is not None:
            self.confusion_canvas.setParent(None)
        if pair is None:
            return
        self.confusion_labels, self.confusion_matrix = label_confusion(self.documents, *pair)
        self.confusion_canvas = confusion_chart(self.confusion_labels, self.confusion_matrix, *pair)
        self.confusion_layout.addWidget(self.confusion_canvas, 1)

    def _documents_table(self, rows: Sequence[dict[str, Any]]) -> QtWidgets.QTableWidget:
        """The documents, least agreed first: title (elided, whole in the tooltip; the id when it has
        none), id, annotators, mean F1. Each row keeps the document's id for the double click."""
        titles = {d.uid: d.title for d in self.documents}
        table = _table(["title", "document", "annotators", "mean F1"],
                       [[titles.get(d["id"]) or d["id"], d["id"], ", ".join(d["annotators"]), _score(d["f1"])]
                        for d in rows])
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for r, d in enumerate(rows):
            table.item(r, 0).setToolTip(f"{titles.get(d['id']) or d['id']}\n(double click to open it)")
            table.item(r, 0).setData(Qt.ItemDataRole.UserRole, d["id"])
            for column in (0, 1, 2):  # words, not numbers
                table.item(r, column).setTextAlignment(left)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setWordWrap(False)
        return table

    def _open_row(self, row: int, _column: int) -> None:
        if self.open_document is not None:
            self.open_document(self.documents_table.item(row, 0).data(Qt.ItemDataRole.UserRole))
            self.accept()


# --- the layers, article by article (so others' saves are read again for their articles only) ------

PerDocument = dict[int, tuple[DocumentLayers | None, dict[str, Any]]]
"""doc id -> (its layers that take part, or None; the layers left out of it and why: name -> Skipped)."""


class _Given:
    """A stand-in project whose ``iter_annotated_documents`` yields the documents already read."""

    def __init__(self, annotated: Sequence[Any]) -> None:
        self._annotated = annotated

    def iter_annotated_documents(self, **_kwargs: Any) -> Any:
        return iter(self._annotated)


def _layers_of(annotated: Any) -> tuple[DocumentLayers | None, dict[str, Any]]:
    from ..services.agreement import document_layers

    skipped: dict[str, Any] = {}
    layers = document_layers(_Given([annotated]), reviewed_only=True, skipped=skipped)
    return (layers[0] if layers else None), skipped


def _annotated(project: Any, doc_id: int) -> Any:
    """One article with every layer's items and statuses, as ``iter_annotated_documents`` gives it;
    None when it left the project."""
    from ..domain.model import DOC_NEW, GOLD, SUGGESTIONS
    from ..store.project import AnnotatedDocument

    try:
        document = project.document(doc_id)
    except KeyError:
        return None
    layers = [*project.layers(doc_id), SUGGESTIONS]
    spans = [s for layer in layers for s in project.spans(doc_id, layer)]
    quotes = [q for layer in layers for q in project.quotes(doc_id, layer)]
    events = [e for layer in layers for e in project.events(doc_id, layer)]
    statuses = {name: status for name in {*project.annotators(), GOLD}
                if (status := project.doc_status(doc_id, name)) != DOC_NEW}
    return AnnotatedDocument(document, spans, quotes, events, statuses)


def read_layers(project: Any, doc_ids: Sequence[int] | None = None) -> PerDocument:
    """The layers that take part in each article (all of them, or ``doc_ids``: an id whose article
    is gone maps to (None, {}))."""
    from ..services.reviewed import ALL_ROWS

    if doc_ids is None:
        return {a.document.id: _layers_of(a) for a in project.iter_annotated_documents(statuses=ALL_ROWS)}
    read: PerDocument = {}
    for doc_id in doc_ids:
        annotated = _annotated(project, doc_id)
        read[doc_id] = _layers_of(annotated) if annotated is not None else (None, {})
    return read


def _documents(per_doc: PerDocument) -> list[DocumentLayers]:
    return [layers for _id, (layers, _skipped) in sorted(per_doc.items()) if layers is not None]


def _left_out(per_doc: PerDocument) -> str:
    """" Left out (only reviewed articles count) — ann: 2 articles not marked done" or ""."""
    from ..services.reviewed import Skipped

    total: dict[str, Skipped] = {}
    for _layers, skipped in per_doc.values():
        for name, one in skipped.items():
            into = total.setdefault(name, Skipped())
            into.unfinished += one.unfinished
            into.pending += one.pending
    text = "; ".join(f"{name}: {total[name].describe()}" for name in sorted(total) if total[name])
    return f" Left out (only reviewed articles count) — {text}" if text else ""


class _Follower(QtCore.QObject):
    """Keeps an open Agreement view true to the project while others save (a team project): the
    articles named by the change notices are read again, the measures computed again off the UI
    thread, and the view redrawn in place (see :meth:`AgreementView.show_report`)."""

    PAUSE_MS = 500  # more notices within this pause: one computation

    def __init__(self, view: AgreementView, project: Any, live: Any, per_doc: PerDocument,
                 ids: dict[str, int]) -> None:
        super().__init__(view)
        self.view = view
        self.project = project
        self.live = live
        self.per_doc = per_doc
        self.ids = ids  # uid -> doc id, for the view's double click (updated in place)
        self.dirty: set[int] = set()
        self.everything = False
        self.running: GeneratorWorker | None = None
        self.updates = 0  # how many times the measures were computed again (for tests and the note)
        self._pause = QtCore.QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(self.PAUSE_MS)
        self._pause.timeout.connect(self.update)
        live.changed.connect(self.changed)

    def changed(self, changes: Any) -> None:
        from .live import ANNOTATION_TABLES

        if changes.everything:
            self.everything = True
        elif changes.tables & ANNOTATION_TABLES:
            self.dirty |= set(changes.doc_ids)
        else:
            return
        self._pause.start()

    def update(self) -> None:
        """Read the articles changed again and compute the measures (once the last run is done)."""
        from ..review.agreement import agreement
        from ..store.errors import ProjectUnavailable

        if self.running is not None:
            self._pause.start()  # after the run in progress
            return
        if not (self.dirty or self.everything):
            return
        try:
            if self.everything:
                self.per_doc = read_layers(self.project)
            else:
                self.per_doc.update(read_layers(self.project, sorted(self.dirty)))
        except ProjectUnavailable as err:  # away: read everything once it is back
            self.live.lost(str(err))
            return
        self.dirty, self.everything = set(), False
        documents = _documents(self.per_doc)
        self.ids.clear()
        self.ids.update({d.uid: d.doc_id for d in documents if d.doc_id is not None})
        left_out = _left_out(self.per_doc)
        if len({a for d in documents for a in d.annotators}) < 2:
            self.view.say(f"Others saved: fewer than two annotators' reviewed work is left to compare; the "
                          f"numbers below are the last ones.{left_out}")
            return
        worker = GeneratorWorker(lambda: iter([agreement(documents)]))
        worker.signals.batch.connect(lambda report: self._show(report, documents, left_out))
        worker.signals.finished.connect(lambda _complete: self._finished(worker))
        self.running = worker
        _running.add(worker)
        start(worker)

    def _show(self, report: AgreementReport, documents: list[DocumentLayers], left_out: str) -> None:
        self.updates += 1
        self.view.show_report(report, documents)
        from datetime import datetime

        self.view.say(f"Updated at {datetime.now():%H:%M:%S} with what others saved.{left_out}")

    def _finished(self, worker: GeneratorWorker) -> None:
        _running.discard(worker)
        self.running = None


class _AgreementTask(QtCore.QObject):
    """Opens the view when the worker's report arrives. A child of the main window: closing the
    window deletes it, and with it the connection, so a late report is dropped."""

    def __init__(self, window: Any, documents: Sequence[DocumentLayers], left_out: str = "",
                 per_doc: PerDocument | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.documents = documents
        self.left_out = left_out  # the articles not compared, and why: still said once the view is open
        self.per_doc = per_doc
        self.ids = {d.uid: d.doc_id for d in documents}

    @QtCore.Slot(object)
    def show(self, report: AgreementReport) -> None:
        window = self.window
        view = AgreementView(report, self.documents, self._open_document, window)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        live = getattr(window, "live", None)
        if live is not None and self.per_doc is not None:  # a team project: kept true as others save
            view.follower = _Follower(view, window.project, live, self.per_doc, self.ids)
        view.show()
        window.agreement_view = view
        if self.left_out:
            window.statusBar().showMessage(self.left_out.strip(), 20000)
        else:
            window.statusBar().clearMessage()

    def _open_document(self, uid: str) -> None:
        doc_id = self.ids.get(uid)
        if doc_id is not None:
            self.window.controller.open(doc_id)

    @QtCore.Slot(str)
    def failed(self, text: str) -> None:
        notify(self.window, "Agreement failed", text)


_running: set[GeneratorWorker] = set()  # held until they finish: the pool does not own them


def show_agreement(window: Any) -> GeneratorWorker | None:
    """Measure the project's agreement off the UI thread (about 15 ms per 1,000 words of a
    document with three annotators: seconds on a large project) and show it in
    ``window.agreement_view``; a message instead when there is nobody to compare. The layers are
    read here, on the thread that owns the database; the worker only computes."""
    from ..review.agreement import agreement

    per_doc = read_layers(window.project)  # article by article: others' saves are read again for theirs
    documents = _documents(per_doc)
    annotators = {a for d in documents for a in d.annotators}
    left_out = _left_out(per_doc)
    if len(annotators) < 2:
        window.statusBar().showMessage("Agreement needs two annotators' reviewed work (articles marked done, no "
                                       "suggestion pending): import or merge it (annotator merge OTHER.db), or "
                                       f"finish reviewing, then come back.{left_out}", 15000)
        return None
    window.statusBar().showMessage(f"Measuring the agreement of {len(annotators)} annotators on "
                                   f"{len(documents):,} article{'s' if len(documents) != 1 else ''}…{left_out}")
    task = _AgreementTask(window, documents, left_out, per_doc)
    worker = GeneratorWorker(lambda: iter([agreement(documents)]))
    worker.signals.batch.connect(task.show)
    worker.signals.error.connect(task.failed)
    worker.signals.finished.connect(lambda _complete: (_running.discard(worker), task.deleteLater()))
    _running.add(worker)
    start(worker)
    return worker
