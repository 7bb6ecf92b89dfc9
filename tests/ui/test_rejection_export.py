"""Reject with X in the real window, then find the rejection in the export: in the annotator's
record (not among the suggestions any more) and in the spaCy export's incorrect_spans."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from annotator.domain.model import REJECTED, SUGGESTIONS, Quote, Span
from annotator.store import NewDocument
from window_helpers import show_main_window

TEXT = "👍 Biden e Putin hanno avuto una telefonata. Mosca ha negato.\n«Non attaccheremo», ha detto Peskov."
USER = "tester"
ORIGIN = "test-pipeline@1"


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


@pytest.fixture
def window(qtbot, project, labels):
    [(doc, _)] = project.add_documents([NewDocument(TEXT, {"title": "Telefonata", "published": "2021-12"})])
    spans = [Span(doc, *at(name), label, SUGGESTIONS, ORIGIN, "suggested", ORIGIN)
             for name, label in (("Biden", "PER"), ("Putin", "PER"), ("Mosca", "PER"), ("Peskov", "PER"))]
    quote = Quote(doc, *at("Non attaccheremo"), SUGGESTIONS, "direct", *at("Peskov"), "PER", origin=ORIGIN)
    project.replace_suggestions([(doc, spans, [quote])], origin=ORIGIN, action="test")
    return show_main_window(qtbot, project, USER, labels)


def test_x_rejects_and_the_export_says_so(qtbot, window, project, tmp_path):
    from spacy.tokens import DocBin
    import spacy

    from annotator.services.exporting import export

    view = window.view
    mosca = next(s for s in window.controller.spans if TEXT[s.start:s.end] == "Mosca")
    view.set_current_span(mosca)
    qtbot.keyClick(view, Qt.Key.Key_X)  # Mosca is no person
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # the suggested quotation
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)  # ... is no quotation
    assert sorted(TEXT[s.start:s.end] for s in project.spans(1, USER) if s.status == REJECTED) == ["Mosca"]
    assert [q.status for q in project.quotes(1, USER)] == [REJECTED]

    export(project, tmp_path / "out.jsonl", include_suggestions=True)
    mine, suggested = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (mine["annotator"], suggested["annotator"]) == (USER, ORIGIN)
    assert [(s["text"], s["label"], s["origin"]) for s in mine["rejected"]["spans"]] == [("Mosca", "PER", ORIGIN)]
    assert [q["text"] for q in mine["rejected"]["quotes"]] == ["Non attaccheremo"]
    # what is left to decide, and only that, is still a suggestion
    assert [s["text"] for s in suggested["spans"]] == ["Biden", "Putin", "Peskov"]
    assert suggested["quotes"] == []

    export(project, tmp_path / "out.spacy", fmt="spacy")
    [doc] = DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("it").vocab)
    assert [(s.text, s.label_) for s in doc.spans["incorrect_spans"]] == [("Mosca", "PER")]
