"""Marking an article done decides its pending suggestions in the same command, against a real
project file: applied, undone with ``project.revert`` (everything back), applied again."""

from __future__ import annotations

import pytest

from annotator.domain.model import ACCEPTED, DOC_DONE, DOC_NEW, REJECTED, SUGGESTED, SUGGESTIONS, Event, Quote, Span
from annotator.domain.review_commands import ACCEPT_REST, REJECT_REST, Pending, finish, pending_in_layer
from annotator.store import NewDocument, Project

TEXT = "«Non attaccheremo», ha detto Peskov. Mosca ha negato; Mosca Roma."
ANNA = "anna"


def at(words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


@pytest.fixture
def doc(tmp_path):
    project = Project(tmp_path / "p.db")
    [(doc_id, _)] = project.add_documents([NewDocument(TEXT)])
    o = "m@1"
    spans = [Span(doc_id, *at("Peskov"), "PER", SUGGESTIONS, o, SUGGESTED, o),
             Span(doc_id, *at("Mosca", 1), "LOC", SUGGESTIONS, o, SUGGESTED, o),
             Span(doc_id, at("Mosca", 1)[0], at("Roma")[1], "LOC", SUGGESTIONS, o, SUGGESTED, o)]  # overlaps
    quote = Quote(doc_id, *at("Non attaccheremo"), SUGGESTIONS, "direct", origin=o)
    event = Event(doc_id, "REJECT", SUGGESTIONS, trigger_start=at("negato")[0], trigger_end=at("negato")[1],
                  origin=o, quote_range=at("Non attaccheremo"))
    project.replace_suggestions([(doc_id, spans, [quote], [event])], origin=o, action="test")
    yield project, doc_id
    project.close()


def pending_of(project: Project, doc_id: int) -> Pending:
    return pending_in_layer(project.spans(doc_id, ANNA), project.suggestions(doc_id), project.quotes(doc_id, ANNA),
                            project.quotes(doc_id, SUGGESTIONS), project.events(doc_id, ANNA),
                            project.events(doc_id, SUGGESTIONS))


def done(project: Project, doc_id: int, choice: str):
    cmd = finish(pending=pending_of(project, doc_id), choice=choice, doc_id=doc_id,
                 layer_quotes=project.quotes(doc_id, ANNA), suggested_quotes=project.quotes(doc_id, SUGGESTIONS),
                 layer=ANNA, annotator=ANNA, doc_status=project.doc_status(doc_id, ANNA))
    project.apply(cmd)
    return cmd


def test_accepting_the_rest_takes_the_cited_quotation_once_and_undo_gives_all_back(doc):
    project, doc_id = doc
    assert pending_of(project, doc_id).describe() == "3 entities, 1 quotation and 1 event"
    cmd = done(project, doc_id, ACCEPT_REST)
    assert project.doc_status(doc_id, ANNA) == DOC_DONE
    assert not pending_of(project, doc_id)
    [own_quote] = project.quotes(doc_id, ANNA)
    [event] = project.events(doc_id, ANNA)
    assert own_quote.status == ACCEPTED and event.quote_id == own_quote.id  # accepted once, and cited
    kept = [(TEXT[s.start:s.end], s.status) for s in project.spans(doc_id, ANNA)]
    # of two overlapping suggestions the longer one is taken, as Shift+A does
    assert sorted(kept) == [("Mosca", REJECTED), ("Mosca Roma", ACCEPTED), ("Peskov", ACCEPTED)]
    project.revert(cmd)
    assert project.doc_status(doc_id, ANNA) == DOC_NEW
    assert project.spans(doc_id, ANNA) == project.quotes(doc_id, ANNA) == project.events(doc_id, ANNA) == []


def test_rejecting_the_rest_hides_every_suggestion(doc):
    project, doc_id = doc
    done(project, doc_id, REJECT_REST)
    assert not pending_of(project, doc_id)
    assert {i.status for i in (*project.spans(doc_id, ANNA), *project.quotes(doc_id, ANNA),
                               *project.events(doc_id, ANNA))} == {REJECTED}
    assert project.doc_status(doc_id, ANNA) == DOC_DONE
