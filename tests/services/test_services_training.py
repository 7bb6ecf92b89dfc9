"""The training service: what counts as training data in a project, splits, name lists, label maps."""

from __future__ import annotations

import json

import pytest

from annotator.domain.model import DOC_DONE, DOC_IN_PROGRESS, GOLD, SUGGESTED, SUGGESTIONS, Span
from annotator.services.settings import DEFAULT_LABEL_MAP, label_map, parse_label_map
from annotator.services.training import (
    gazetteer_lists,
    held_out_split,
    project_texts,
    unreviewed_documents,
)
from annotator.store.project import NewDocument

TEXTS = ["Mario Rossi vive a Roma.", "Enel apre a Milano.", "Nessuno qui.", "Anna Neri parla."]


@pytest.fixture
def docs(project):
    added = project.add_documents([NewDocument(text=t, uid=f"d{i}") for i, t in enumerate(TEXTS)])
    return [doc_id for doc_id, _ in added]


def test_only_finished_documents_of_the_layer_are_training_data(project, docs):
    project.insert(Span(docs[0], 0, 11, "PER", "anna"))
    project.insert(Span(docs[0], 19, 23, "LOC", "anna"))
    project.set_doc_status(docs[0], "anna", DOC_DONE)
    project.insert(Span(docs[1], 0, 4, "ORG", "anna"))  # in progress: not taken
    project.set_doc_status(docs[1], "anna", DOC_IN_PROGRESS)
    project.insert(Span(docs[3], 0, 9, "PER", "bruno"))
    project.set_doc_status(docs[3], "bruno", DOC_DONE)
    [text] = project_texts(project, "anna")
    assert text.text == TEXTS[0] and text.entities == ((0, 11, "PER"), (19, 23, "LOC"))
    assert len(project_texts(project, "anna", finished_only=False)) == 2
    assert [t.text for t in project_texts(project, "bruno")] == [TEXTS[3]]
    project.insert(Span(docs[1], 0, 4, "ORG", GOLD))
    assert [t.text for t in project_texts(project, GOLD)] == [TEXTS[1]]


def test_a_done_document_with_pending_suggestions_does_not_train_and_is_counted(project, docs):
    from annotator.domain.model import REJECTED
    from annotator.services.training import project_training_data

    project.insert(Span(docs[0], 0, 11, "PER", "anna"))
    project.set_doc_status(docs[0], "anna", DOC_DONE)
    roma = project.insert(Span(docs[0], 19, 23, "LOC", SUGGESTIONS, status=SUGGESTED, annotator="m@1"))
    project.insert(Span(docs[1], 0, 4, "ORG", "anna"))
    project.set_doc_status(docs[1], "anna", DOC_IN_PROGRESS)
    project.insert(Span(docs[3], 0, 9, "PER", SUGGESTIONS, status=SUGGESTED, annotator="m@1"))
    project.set_doc_status(docs[3], "anna", DOC_DONE)  # done, but "Anna Neri" was never decided
    texts, skipped = project_training_data(project, "anna")
    assert texts == []
    assert (skipped.unfinished, skipped.pending) == (1, 2)
    assert skipped.describe() == "1 article not marked done and 2 articles marked done with suggestions still pending"
    # deciding the suggestions (a rejection row hides one, an own span covering it the other) makes them count
    project.insert(Span(docs[0], 19, 23, "LOC", "anna", status=REJECTED, source_id=roma.id))
    project.insert(Span(docs[3], 0, 9, "PER", "anna"))
    texts, skipped = project_training_data(project, "anna")
    assert [(t.text, t.entities) for t in texts] == [(TEXTS[0], ((0, 11, "PER"),)), (TEXTS[3], ((0, 9, "PER"),))]
    assert (skipped.unfinished, skipped.pending) == (1, 0)
    assert project_texts(project, "anna") == texts


def test_unreviewed_documents_are_those_nobody_touched(project, docs):
    project.insert(Span(docs[0], 0, 11, "PER", SUGGESTIONS, status=SUGGESTED, annotator="m@1"))
    project.insert(Span(docs[1], 0, 4, "ORG", "anna"))
    project.set_doc_status(docs[2], "bruno", DOC_DONE)
    assert unreviewed_documents(project) == [docs[0], docs[3]]


def test_held_out_split_is_reproducible_and_leaves_data_to_train_on(project):
    from annotator.nlp.corpora import AnnotatedText

    texts = [AnnotatedText(f"t{i}", ()) for i in range(10)]
    train, held = held_out_split(texts, 0.2, seed=3)
    assert len(train) == 8 and len(held) == 2 and not set(map(id, train)) & set(map(id, held))
    assert held_out_split(texts, 0.2, seed=3)[1] == held
    train, held = held_out_split(texts[:2], 0.9)
    assert len(train) == 1 and len(held) == 1
    with pytest.raises(ValueError, match="at least 2"):
        held_out_split(texts[:1])


def test_gazetteer_lists_from_kind_files_pattern_files_and_folders(tmp_path):
    (tmp_path / "kind.txt").write_text("ORG Boeing\nORG Airbus Industrie\n\nLOC Pisa\n", encoding="utf-8")
    sub = tmp_path / "patterns"
    sub.mkdir()
    (sub / "per.jsonl").write_text(
        json.dumps({"label": "PER", "pattern": "Mario Draghi"}) + "\n"
        + json.dumps({"label": "DATE", "pattern": [{"LOWER": "ieri"}]}) + "\n", encoding="utf-8")
    lists = gazetteer_lists([tmp_path], ["ORG", "PER"])
    assert lists == {"ORG": ["Airbus Industrie", "Boeing"], "PER": ["Mario Draghi"]}


def test_label_maps(project):
    assert parse_label_map("GPE=LOC, MISC= ,") == {"GPE": "LOC", "MISC": None}
    with pytest.raises(ValueError, match="FROM=TO"):
        parse_label_map("=LOC")
    assert label_map(project) == DEFAULT_LABEL_MAP
    project.set_setting("label_map", "GPE=ORG,MISC=")
    assert label_map(project)["GPE"] == "ORG" and label_map(project)["MISC"] is None
    assert label_map(project)["PERSON"] == "PER"


def test_names_that_are_ordinary_words_are_left_out_of_the_lists(tmp_path):
    from annotator.nlp.corpora import AnnotatedText
    from annotator.services.training import common_words

    (tmp_path / "names.txt").write_text(
        "LOC Il\nLOC Campo\nLOC Campo Tures\nORG con\nORG Enel\nLOC Saronno\n", encoding="utf-8")
    texts = [AnnotatedText("il campo e il campo con il campo, a Saronno con Enel", ((35, 42, "LOC"),))] * 3
    common = common_words(texts)
    assert {"il", "campo", "con"} <= common and "saronno" not in common
    lists = gazetteer_lists([tmp_path / "names.txt"], ["LOC", "ORG"], common)
    assert lists == {"LOC": ["Campo Tures", "Saronno"], "ORG": ["Enel"]}
