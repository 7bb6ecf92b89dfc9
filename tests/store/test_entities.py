"""The entities speakers and arguments resolve to, in the store: every path that writes or reads
quotations and event arguments keeps them, on both backends; the commands that set them are one
transaction each, logged, exactly undoable and committed."""

from __future__ import annotations

import json
from collections.abc import Callable

from annotator.domain import event_commands as ec
from annotator.domain import quote_commands as qc
from annotator.domain.model import (
    ACCEPTED,
    DOC_IN_PROGRESS,
    DOC_NEW,
    GOLD,
    REJECTED,
    SUGGESTED,
    SUGGESTIONS,
    EntityRef,
    Event,
    EventArg,
    Quote,
)
from annotator.store import Project
from store_helpers import ANNA, MODEL, add, table

TEXT = ("Il presidente Lee Jae-myung ha telefonato al ministro Tajani. «Siamo pronti», ha detto Lee. "
        "L'OMS ha risposto.")


def at(words: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


LEE = EntityRef(*at("Lee Jae-myung"), "PER")
TAJANI = EntityRef(*at("Tajani"), "PER")


def resolved_quote(doc: int, layer: str = ANNA, **fields: object) -> Quote:
    fields.setdefault("annotator", layer)
    return Quote(doc, *at("Siamo pronti"), layer, "direct", *at("Lee", 2), "PER", *at("ha detto"),
                 speaker_entity_start=LEE.start, speaker_entity_end=LEE.end, speaker_entity_label="PER", **fields)


def resolved_event(doc: int, layer: str = ANNA, **fields: object) -> Event:
    fields.setdefault("annotator", layer)
    return Event(doc, "CONSULT", layer, trigger_start=at("telefonato")[0], trigger_end=at("telefonato")[1],
                 args=(EventArg("actor", *at("Il presidente")).with_entity(LEE),
                       EventArg("recipient", *at("al ministro")).with_entity(TAJANI),
                       EventArg("location", *at("OMS"))), **fields)


def entities(quotes: list[Quote], events: list[Event]) -> tuple[list, list]:
    return [q.speaker_entity for q in quotes], [[a.entity for a in e.args] for e in events]


EXPECTED = ([LEE], [[LEE, TAJANI, None]])


def test_insert_update_and_every_reading_path_keep_the_entities(project: Project) -> None:
    doc = add(project, TEXT)
    with project.transaction():
        quote = project.insert(resolved_quote(doc))
        event = project.insert(resolved_event(doc, quote_id=quote.id))
    assert project.quotes(doc, ANNA) == [quote] and project.events(doc, ANNA) == [event]
    assert entities(project.quotes(doc, ANNA), project.events(doc, ANNA)) == EXPECTED
    [annotated] = list(project.iter_annotated_documents())
    assert annotated.quotes == [quote] and annotated.events == [event]
    with project.transaction():
        project.update(quote.with_(speaker_entity_start=None, speaker_entity_end=None, speaker_entity_label=None))
        project.update(event.with_(args=tuple(a.with_entity(None) for a in event.args)))
    assert entities(project.quotes(doc, ANNA), project.events(doc, ANNA)) == ([None], [[None, None, None]])


def test_suggestions_and_imports_keep_the_entities(project: Project) -> None:
    doc, other = add(project, TEXT), add(project, TEXT + " Altro.")
    project.replace_suggestions([(doc, [], [resolved_quote(doc, SUGGESTIONS, origin=MODEL)],
                                  [resolved_event(doc, SUGGESTIONS, origin=MODEL, quote_id=0)])],
                                origin=MODEL, action="pre-annotate")
    [suggested] = project.quotes(doc, SUGGESTIONS)
    assert entities([suggested], project.events(doc, SUGGESTIONS)) == EXPECTED
    assert project.events(doc, SUGGESTIONS)[0].quote_id == suggested.id
    # an import of new items (a few statements) and one of items keeping their ids (one at a time)
    project.import_annotations([resolved_quote(other), resolved_event(other, quote_range=at("Siamo pronti"))],
                               action="import", annotator=ANNA)
    assert entities(project.quotes(other, ANNA), project.events(other, ANNA)) == EXPECTED
    project.import_annotations([resolved_quote(other, "bob", id=900), resolved_event(other, "bob", id=901)],
                               action="import", annotator="bob")
    assert entities(project.quotes(other, "bob"), project.events(other, "bob")) == EXPECTED


def state(project: Project, doc: int) -> dict[str, list[tuple]]:
    return {name: table(project, name, without=("created", "updated", "id") if name == "event_args" else
                        ("created", "updated")) for name in ("quotes", "events", "event_args", "doc_status")}


def test_the_set_entity_commands_apply_undo_redo_and_are_committed(
        make_project: Callable[..., Project]) -> None:
    project = make_project("entities.db")
    doc = add(project, TEXT)
    project.replace_suggestions([(doc, [], [resolved_quote(doc, SUGGESTIONS, origin=MODEL).with_(
        speaker_entity_start=None, speaker_entity_end=None, speaker_entity_label=None)],
        [resolved_event(doc, SUGGESTIONS, origin=MODEL)])], origin=MODEL, action="pre-annotate")
    [suggested] = project.quotes(doc, SUGGESTIONS)
    before = state(project, doc)

    # the speaker of a suggested quotation resolved: the suggestion is accepted with its entity
    cmd = qc.set_speaker_entity(text=TEXT, quote=suggested, entity=LEE, layer=ANNA, annotator=ANNA,
                                doc_status=DOC_NEW)
    project.apply(cmd)
    after = state(project, doc)
    [mine] = project.quotes(doc, ANNA)
    assert (mine.source_id, mine.status, mine.speaker_entity) == (suggested.id, ACCEPTED, LEE)
    assert project.doc_status(doc, ANNA) == DOC_IN_PROGRESS
    project.revert(cmd)
    assert state(project, doc) == before
    project.apply(cmd, direction="redo")
    assert state(project, doc) == after

    # another entity picked for an argument of the event, then cleared
    [event] = project.events(doc, SUGGESTIONS)
    pick = ec.set_argument_entity(text=TEXT, event=event, argument=event.args[0], entity=TAJANI, layer=ANNA,
                                  annotator=ANNA, doc_status=DOC_IN_PROGRESS)
    project.apply(pick)
    [own] = project.events(doc, ANNA)
    assert [a.entity for a in own.args] == [TAJANI, TAJANI, None]
    clear = ec.set_argument_entity(text=TEXT, event=own, argument=own.args[1], entity=None, layer=ANNA,
                                   annotator=ANNA, doc_status=DOC_IN_PROGRESS)
    project.apply(clear)
    assert [a.entity for a in project.events(doc, ANNA)[0].args] == [TAJANI, None, None]
    project.revert(clear)
    assert [a.entity for a in project.events(doc, ANNA)[0].args] == [TAJANI, TAJANI, None]

    # the history holds the entities the command wrote
    payload = json.loads(project.conn.execute(
        "SELECT payload FROM history WHERE action = ? AND direction = 'do'", (cmd.text,)).fetchone()[0])
    assert payload["added"][0]["speaker_entity_start"] == LEE.start
    # committed: another session of the same project sees every change
    again = make_project("entities.db")
    assert again.quotes(doc, ANNA) == project.quotes(doc, ANNA)
    assert [a.entity for a in again.events(doc, ANNA)[0].args] == [TAJANI, TAJANI, None]


def test_a_quotation_taken_into_gold_keeps_its_entity(project: Project) -> None:
    from annotator.domain.curation_commands import take_into_gold

    doc = add(project, TEXT)
    with project.transaction():
        quote = project.insert(resolved_quote(doc))
        event = project.insert(resolved_event(doc, quote_id=quote.id))
        project.insert(resolved_quote(doc, "bob", status=REJECTED))  # a decision row, not taken
    cmd = take_into_gold(text=TEXT, doc_id=doc, items=[quote, event], gold=[], reviewer="rita",
                         gold_status=DOC_NEW, quotes_by_id={quote.id: quote})
    project.apply(cmd)
    assert entities(project.quotes(doc, GOLD), project.events(doc, GOLD)) == EXPECTED
    assert project.events(doc, GOLD)[0].quote_id == project.quotes(doc, GOLD)[0].id
    assert SUGGESTED not in {q.status for q in project.quotes(doc, GOLD)}
