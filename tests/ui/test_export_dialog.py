"""Export…: the dialog on its own (a plain parent widget), driven through its widgets; the files it writes."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.domain.model import ACCEPTED, DOC_DONE, GOLD, Span
from annotator.formats import EXPORTERS
from annotator.store import NewDocument
from annotator.ui.export_dialog import ExportDialog, open_export_dialog

TEXTS = ["Mario Rossi è a Roma.", "Anna Verdi lavora alla FIAT.", "Un articolo senza nomi."]


@pytest.fixture
def filled(project):
    """Three articles: anna annotated two (one done), bob one; gold holds the first."""
    ids = [doc_id for doc_id, _ in project.add_documents([NewDocument(t, {"title": f"T{i}"}) for i, t in enumerate(TEXTS)])]
    spans = [
        Span(ids[0], 0, 11, "PER", "anna", "manual", ACCEPTED, "anna"),
        Span(ids[0], 16, 20, "LOC", "anna", "manual", ACCEPTED, "anna"),
        Span(ids[1], 0, 10, "PER", "anna", "manual", ACCEPTED, "anna"),
        Span(ids[1], 23, 27, "ORG", "bob", "manual", ACCEPTED, "bob"),
        Span(ids[0], 0, 11, "PER", GOLD, "manual", ACCEPTED, "anna"),
    ]
    with project.db.atomic():
        project.import_annotations(spans, action="fixture", annotator="anna")
        project.set_doc_status(ids[0], "anna", DOC_DONE)
    return project


def make_dialog(qtbot, project, labels) -> tuple[QWidget, ExportDialog]:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportDialog(project, "anna", labels.names(), parent)
    qtbot.addWidget(dialog)
    return parent, dialog


def tick(listwidget, *texts: str, on: bool = True) -> None:
    for i in range(listwidget.count()):
        item = listwidget.item(i)
        if item.text() in texts:
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def set_output(qtbot, dialog: ExportDialog, path) -> None:
    dialog.output_edit.selectAll()
    qtbot.keyClicks(dialog.output_edit, str(path))


def click_box(qtbot, box) -> None:
    """Click a check box on its indicator (a form row stretches the box past its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def click_export(qtbot, dialog: ExportDialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)


def boxes(widget: QWidget) -> list[QMessageBox]:
    return [b for b in widget.findChildren(QMessageBox) if b.isVisible()]


def test_every_format_is_offered_and_folders_are_asked_as_folders(qtbot, filled, labels):
    _, dialog = make_dialog(qtbot, filled, labels)
    offered = [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())]
    assert offered == list(EXPORTERS)
    dialog.format_combo.setCurrentIndex(offered.index("brat"))
    assert dialog.output_label.text() == "&Folder:" and dialog.output().endswith("project-brat")
    assert dialog.split_widget.isHidden() and dialog.split_files.isHidden()
    dialog.format_combo.setCurrentIndex(offered.index("spacy"))
    assert dialog.output_label.text() == "&File:" and dialog.output().endswith("project-spacy.spacy")
    assert not dialog.split_widget.isHidden()
    assert sorted(dialog.annotator_list.item(i).text() for i in range(dialog.annotator_list.count())) == ["anna", "bob"]


def test_filters_reach_the_jsonl_file(qtbot, filled, labels, tmp_path):
    parent, dialog = make_dialog(qtbot, filled, labels)
    reported: list[str] = []
    dialog.exported.connect(reported.append)
    target = tmp_path / "anna-per.jsonl"
    set_output(qtbot, dialog, target)
    tick(dialog.annotator_list, "anna")
    tick(dialog.label_list, *[n for n in labels.names() if n != "PER"], on=False)
    click_export(qtbot, dialog)
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert {r["annotator"] for r in records} == {"anna"}
    assert [[s["label"] for s in r["spans"]] for r in records] == [["PER"], ["PER"]]  # LOC filtered out
    assert reported and reported[0].startswith("Wrote 2 records (2 articles) to ")
    assert not dialog.isVisible() and not boxes(parent)


def test_status_and_gold_filters(qtbot, filled, labels, tmp_path):
    _, dialog = make_dialog(qtbot, filled, labels)
    target = tmp_path / "done.jsonl"
    set_output(qtbot, dialog, target)
    dialog.status_combo.setCurrentText(DOC_DONE)
    click_export(qtbot, dialog)
    assert [json.loads(line)["annotator"] for line in target.read_text().splitlines()] == ["anna"]

    _, dialog = make_dialog(qtbot, filled, labels)
    target = tmp_path / "gold.jsonl"
    set_output(qtbot, dialog, target)
    click_box(qtbot, dialog.gold_check)
    click_export(qtbot, dialog)
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert [(r["annotator"], len(r["spans"])) for r in records] == [(GOLD, 1)]


def test_spacy_split_writes_both_files(qtbot, filled, labels, tmp_path):
    pytest.importorskip("spacy")
    _, dialog = make_dialog(qtbot, filled, labels)
    dialog.format_combo.setCurrentIndex(list(EXPORTERS).index("spacy"))
    set_output(qtbot, dialog, tmp_path / "corpus.spacy")
    click_box(qtbot, dialog.split_check)
    assert dialog.split_files.text() == "Writes corpus-train.spacy and corpus-dev.spacy"
    assert dialog.options()["split"] == 0.8
    click_export(qtbot, dialog)
    assert (tmp_path / "corpus-train.spacy").is_file() and (tmp_path / "corpus-dev.spacy").is_file()
    assert not (tmp_path / "corpus.spacy").exists()


def test_the_output_chooser_asks_for_a_folder_for_brat(qtbot, filled, labels, tmp_path, monkeypatch):
    _, dialog = make_dialog(qtbot, filled, labels)
    folder = tmp_path / "brat-out"
    folder.mkdir()
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: (asked.append("folder"), str(folder))[1])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append("file"), ("", ""))[1])
    dialog.format_combo.setCurrentIndex(list(EXPORTERS).index("brat"))
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert asked == ["folder"] and dialog.output() == str(folder)
    click_export(qtbot, dialog)
    assert {".ann", ".txt"} <= {p.suffix for p in folder.iterdir()}


def test_nothing_matching_and_a_refused_output_are_shown_in_a_box(qtbot, filled, labels, tmp_path):
    parent, dialog = make_dialog(qtbot, filled, labels)
    target = tmp_path / "none.jsonl"
    set_output(qtbot, dialog, target)
    dialog.status_combo.setCurrentText("adjudicated")
    click_export(qtbot, dialog)
    shown = boxes(dialog)
    assert len(shown) == 1 and "no jsonl record matches" in shown[0].text()
    assert not target.exists() and dialog.export_button.isEnabled()
    shown[0].close()

    dialog.status_combo.setCurrentIndex(0)
    set_output(qtbot, dialog, filled.path)  # the project itself
    click_export(qtbot, dialog)
    shown = boxes(dialog)
    assert len(shown) == 1 and "is the project" in shown[0].text()
    assert dialog.export_button.isEnabled() and dialog.close_button.text() == "Close"


def test_a_write_error_is_shown_and_the_dialog_stays(qtbot, filled, labels, tmp_path):
    _, dialog = make_dialog(qtbot, filled, labels)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    set_output(qtbot, dialog, blocker / "out.jsonl")
    click_export(qtbot, dialog)
    shown = boxes(dialog)
    assert len(shown) == 1 and shown[0].windowTitle() == "Export failed" and "out.jsonl" in shown[0].text()


def test_cancel_during_the_export_leaves_the_old_file(qtbot, filled, labels, tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("the earlier export\n", encoding="utf-8")
    _, dialog = make_dialog(qtbot, filled, labels)
    set_output(qtbot, dialog, target)
    seen: list[int] = []

    def press_cancel(value: int) -> None:  # the user clicks Cancel while the bar moves
        seen.append(value)
        assert dialog.close_button.text() == "Cancel" and not dialog.export_button.isEnabled()
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    dialog.progress.valueChanged.connect(press_cancel)
    assert dialog.run_export() is None
    assert seen and target.read_text(encoding="utf-8") == "the earlier export\n"
    assert "cancelled" in dialog.state.text() and dialog.close_button.text() == "Close"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("project.db")) == ["out.jsonl"]


def test_open_export_dialog_reports_to_the_caller(qtbot, filled, labels, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    messages: list[str] = []
    dialog = open_export_dialog(parent, filled, "anna", labels.names(), report=messages.append)
    assert dialog.isVisible()
    set_output(qtbot, dialog, tmp_path / "all.jsonl")
    click_export(qtbot, dialog)
    assert messages == [f"Wrote 4 records (3 articles) to {tmp_path / 'all.jsonl'}"]


def test_helper_text_is_readable(qtbot, filled, labels):
    from PySide6.QtGui import QPalette

    from annotator.ui.contrast import AA_NORMAL, contrast_ratio

    _, dialog = make_dialog(qtbot, filled, labels)
    dialog.format_combo.setCurrentIndex(list(EXPORTERS).index("spacy"))
    for label in (dialog.rejected_note, dialog.split_files):
        palette = label.palette()
        ratio = contrast_ratio(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window))
        assert ratio >= AA_NORMAL


def test_an_edit_stored_while_the_export_runs_is_kept(qtbot, filled, labels, tmp_path):
    """The export runs between events: what another window (the curation, the gold editor) or a
    pre-annotation batch stores meanwhile on the app's connection is kept, not rolled back with the
    export's read snapshot."""
    from PySide6.QtCore import QTimer

    from annotator.store import open_project

    _, dialog = make_dialog(qtbot, filled, labels)
    target = tmp_path / "out.jsonl"
    set_output(qtbot, dialog, target)
    doc = filled.document_ids()[2]
    during: list[bool] = []

    def edit_elsewhere() -> None:
        during.append(dialog.close_button.text() == "Cancel")  # the export is running
        filled.set_doc_status(doc, "bob", DOC_DONE)

    QTimer.singleShot(0, edit_elsewhere)
    click_export(qtbot, dialog)
    assert during == [True] and target.is_file()
    assert filled.doc_status(doc, "bob") == DOC_DONE
    with open_project(filled.path, readonly=True) as other:
        assert other.doc_status(doc, "bob") == DOC_DONE


def test_the_summary_says_what_xmi_replaced(qtbot, filled, labels, tmp_path):
    filled.add_documents([NewDocument("Un carattere di controllo \x01 nel testo.", {"title": "ctrl"})])
    _, dialog = make_dialog(qtbot, filled, labels)
    reported: list[str] = []
    dialog.exported.connect(reported.append)
    dialog.format_combo.setCurrentIndex(list(EXPORTERS).index("xmi"))
    set_output(qtbot, dialog, tmp_path / "xmi-out")
    click_export(qtbot, dialog)
    assert len(reported) == 1 and reported[0].endswith("; 1 characters XML cannot hold replaced by U+FFFD")
