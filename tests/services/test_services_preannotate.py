"""Pre-annotation: suggestions stored with their origin, done documents skipped unless redo_all."""

from __future__ import annotations

from datetime import date

import pytest

from annotator.domain.labels import LabelSchema
from annotator.domain.model import SUGGESTED, SUGGESTIONS
from annotator.services.preannotation import (
    preannotate,
    prepare_preannotation,
    publication_date,
    resolve_model,
    store_suggestions,
    suggestion_batches,
)
from annotator.store.project import NewDocument

TEXTS = [
    "Vladimir Putin ha chiamato la NATO da Mosca martedì.",
    "La Russia nega tutto.",
    "Nessun nome qui, solo parole comuni.",
]


@pytest.fixture(scope="module")
def nlp():
    from annotator.nlp.pipeline import load_pipeline

    return load_pipeline("gazetteer")


@pytest.fixture
def docs(project):
    project.set_setting("model", "gazetteer")  # deterministic rules: the plumbing is under test here
    return [doc_id for doc_id, _ in project.add_documents(NewDocument(t) for t in TEXTS)]


def test_preannotate_stores_suggestions_with_origin(project, labels, docs, nlp):
    from annotator.nlp.pipeline import pipeline_origin

    steps = list(preannotate(project, labels=labels, batch_size=2))
    origin = pipeline_origin(nlp)
    assert steps[0].done == 0 and steps[0].total == 3
    assert [s.done for s in steps] == [0, 2, 3]
    assert all(s.origin == origin for s in steps)
    found = project.suggestions(docs[0])
    assert [(TEXTS[0][s.start:s.end], s.label) for s in found] == [
        ("Vladimir Putin", "PER"), ("NATO", "ORG"), ("Mosca", "LOC"), ("martedì", "DATE")]
    assert all((s.origin, s.status, s.layer) == (origin, SUGGESTED, SUGGESTIONS) for s in found)
    # the count covers every kind of suggestion: entities, quotations and events
    assert steps[-1].suggestions == sum(len(project.suggestions(d)) + len(project.quotes(d, SUGGESTIONS))
                                        + len(project.events(d, SUGGESTIONS)) for d in docs)
    # every document counts as pre-annotated, also the one where nothing was found
    assert project.documents_without_suggestions() == []


def test_already_preannotated_documents_are_skipped_unless_all(project, labels, docs, nlp):
    list(preannotate(project, labels=labels))
    assert list(preannotate(project, labels=labels))[-1].total == 0
    (doc_id, _), = project.add_documents([NewDocument("Il Cremlino e la Casa Bianca a Ginevra.")])
    assert list(preannotate(project, labels=labels))[-1].done == 1
    redo = list(preannotate(project, labels=labels, redo_all=True))
    assert redo[-1].done == redo[-1].total == 4


def test_only_labels_of_the_schema_are_kept(project, docs, nlp):
    only_loc = LabelSchema.from_dict({"labels": [{"name": "LOC"}]})
    list(preannotate(project, labels=only_loc))
    assert {s.label for d in docs for s in project.suggestions(d)} == {"LOC"}


def test_the_pieces_for_a_worker_thread(project, labels, docs, nlp):
    plan = prepare_preannotation(project)
    assert plan.doc_ids == docs and plan.model == "gazetteer"
    batches = list(suggestion_batches(plan.nlp, [(d, t) for d, t in zip(docs, TEXTS)], origin=plan.origin,
                                      labels=labels, batch_size=2))
    assert [len(b) for b in batches] == [2, 1]
    assert project.suggestions(docs[0]) == []  # computing stores nothing
    for batch in batches:
        store_suggestions(project, batch, origin=plan.origin)
    assert len(project.suggestions(docs[1])) == 1


def test_model_from_argument_setting_default(project):
    assert resolve_model(project) == "it_news_kind"  # the bundled model
    project.set_setting("model", "it_core_news_sm")
    assert resolve_model(project) == "it_core_news_sm"
    assert resolve_model(project, "/models/mine") == "/models/mine"


def test_unknown_model_raises_before_anything_is_stored(project, labels, docs):
    from annotator.nlp.pipeline import PipelineNotFound

    with pytest.raises(PipelineNotFound):
        preannotate(project, model="no_such_pipeline_xyz", labels=labels)
    assert project.documents_without_suggestions() == docs


def test_dates_get_values_from_the_publication_date(project, labels, nlp):
    text = "Putin ha parlato ieri con Biden; si rivedranno il mese prossimo, dopo il 22.12.2021."
    (dated, _), (undated, _) = project.add_documents([
        NewDocument(text, {"title": "Vertice", "published": "2021-12-22T11:32+01:00"}),
        NewDocument(text + " ", {"title": "Senza data", "published": "dicembre 2021"}),
    ])
    list(preannotate(project, labels=labels))

    def dates(doc_id):
        return [(text[s.start:s.end], s.value) for s in project.suggestions(doc_id) if s.label == "DATE"]

    assert dates(dated) == [("ieri", "2021-12-21"), ("mese prossimo", "2022-01"), ("22.12.2021", "2021-12-22")]
    # no usable publication date: relative expressions stay without a value, absolute ones get one
    assert dates(undated) == [("ieri", None), ("mese prossimo", None), ("22.12.2021", "2021-12-22")]


def test_a_month_only_publication_date_still_resolves_the_days_the_text_names(project, labels, nlp):
    text = "Putin ha parlato ieri con Biden e lo rivedrà martedì 7 dicembre; poi il mese prossimo."
    (doc, _), = project.add_documents([NewDocument(text, {"title": "Vertice", "published": "2021-12"})])
    list(preannotate(project, labels=labels))
    dates = [(text[s.start:s.end], s.value) for s in project.suggestions(doc) if s.label == "DATE"]
    # "ieri" depends on the day of publication, which the metadata does not give
    assert dates == [("ieri", None), ("martedì 7 dicembre", "2021-12-07"), ("mese prossimo", "2022-01")]
    # an event's date falls back on the publication day, which a month does not give
    assert {e.date for e in project.events(doc, SUGGESTIONS)} <= {None, "2021-12-07", "2022-01"}


@pytest.mark.parametrize(("meta", "expected"), [
    ({"published": "2021-12-22"}, date(2021, 12, 22)),
    ({"published": "2021-12-22T11:32:00+01:00"}, date(2021, 12, 22)),
    ({"published": "2021-12-22 11:32"}, date(2021, 12, 22)),
    ({"published": "", "date": "2021-12-21"}, date(2021, 12, 21)),
    ({"published": "2021-02-30", "date": "2021-02-28"}, date(2021, 2, 28)),
    ({"published": "2021-12"}, None),  # a month cannot anchor "ieri"
    ({"published": "22 dicembre 2021"}, None),
    ({"published": None}, None),
    ({}, None),
])
def test_publication_date_from_metadata(meta, expected):
    assert publication_date(meta) == expected
