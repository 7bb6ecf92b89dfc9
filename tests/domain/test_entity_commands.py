"""The named entity a quotation's speaker and an event's argument resolve to: set and cleared by
one undoable command each, carried unchanged through every other edit, taken into gold with the item.

Pure domain: commands are built and applied to lists (``apply_to_quotes``/``apply_to_events``), no store.
"""

from __future__ import annotations

import pytest

from annotator.domain import event_commands as ec
from annotator.domain import quote_commands as qc
from annotator.domain.curation_commands import gold_copy, take_into_gold
from annotator.domain.model import (
    ACCEPTED,
    DOC_IN_PROGRESS,
    DOC_NEW,
    GOLD,
    SUGGESTED,
    SUGGESTIONS,
    EntityRef,
    Event,
    EventArg,
    Quote,
    Span,
)
from annotator.domain.review_commands import with_linked_entities_accepted
from annotator.review.curation import event_key, quote_key

TEXT = ("Il presidente Lee Jae-myung ha incontrato il ministro. «Siamo pronti», ha detto Lee. "
        "L'Organizzazione mondiale della sanità (OMS) ha risposto.")
ANNA = "anna"
MODEL = "coref-it@1"


def at(words: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


LEE = EntityRef(*at("Lee Jae-myung"), "PER")
OMS = EntityRef(*at("Organizzazione mondiale della sanità"), "ORG")


def common(doc_status: str = DOC_IN_PROGRESS) -> dict[str, object]:
    return {"text": TEXT, "layer": ANNA, "annotator": ANNA, "doc_status": doc_status}


def own_quote(**fields: object) -> Quote:
    return Quote(1, *at("Siamo pronti"), ANNA, "direct", *at("Lee", 2), "PER", annotator=ANNA, id=7, **fields)


def test_the_fields_are_keyword_only_and_positional_construction_keeps_working() -> None:
    quote = Quote(1, 0, 5, ANNA, "direct", 0, 2, "PER", 3, 4, MODEL, SUGGESTED, MODEL, None, 9)
    assert (quote.origin, quote.status, quote.id, quote.speaker_entity) == (MODEL, SUGGESTED, 9, None)
    arg = EventArg("actor", 0, 2)
    assert arg.entity is None and arg == EventArg("actor", 0, 2, entity_start=None)
    resolved = arg.with_entity(LEE)
    assert (resolved.entity_start, resolved.entity_end, resolved.entity_label) == (LEE.start, LEE.end, "PER")
    assert resolved.with_entity(None) == arg
    assert own_quote(speaker_entity_start=LEE.start, speaker_entity_end=LEE.end).speaker_entity == EntityRef(
        LEE.start, LEE.end, None)


def test_setting_a_speakers_entity_is_one_undoable_edit() -> None:
    quote = own_quote()
    cmd = qc.set_speaker_entity(entity=LEE, quote=quote, **common())
    assert cmd.text == "The speaker of “Siamo pronti” is “Lee Jae-myung”"
    [(before, after)] = cmd.updated
    assert before == quote and after.speaker_entity == LEE
    assert (after.speaker_start, after.speaker_end, after.kind) == (quote.speaker_start, quote.speaker_end, "direct")
    assert qc.apply_to_quotes([quote], cmd) == [after]
    assert qc.apply_to_quotes([after], cmd, undo=True) == [quote]
    # picking another entity with one click, then clearing it
    other = qc.set_speaker_entity(entity=OMS, quote=after, **common())
    assert other.updated[0][1].speaker_entity == OMS
    cleared = qc.set_speaker_entity(entity=None, quote=after, **common())
    assert cleared.text == "Clear the speaker's entity of “Siamo pronti”" and cleared.updated[0][1].speaker_entity is None
    # the same entity again: nothing to do
    assert qc.set_speaker_entity(entity=LEE, quote=after, **common()).is_empty()


def test_a_suggested_quotation_is_accepted_with_the_entity_and_a_new_document_starts() -> None:
    suggested = Quote(1, *at("Siamo pronti"), SUGGESTIONS, "direct", *at("Lee", 2), "PER", origin=MODEL,
                      status=SUGGESTED, annotator=MODEL, id=3)
    cmd = qc.set_speaker_entity(entity=LEE, quote=suggested, **common(DOC_NEW))
    [decision] = cmd.added
    assert (decision.layer, decision.status, decision.source_id, decision.speaker_entity) == (ANNA, ACCEPTED, 3, LEE)
    assert cmd.status_change == (DOC_NEW, DOC_IN_PROGRESS)


def test_a_quotation_without_speaker_has_no_entity_to_set() -> None:
    with pytest.raises(ValueError, match="no speaker"):
        qc.set_speaker_entity(entity=LEE, quote=Quote(1, 0, 5, ANNA, id=1), **common())


def test_other_edits_carry_the_entity_and_moving_the_speaker_drops_it() -> None:
    quote = own_quote(speaker_entity_start=LEE.start, speaker_entity_end=LEE.end, speaker_entity_label="PER")
    kind = qc.edit_quote(quote=quote, what="Set kind", kind="partial", **common()).updated[0][1]
    assert kind.kind == "partial" and kind.speaker_entity == LEE
    cue = qc.edit_quote(quote=quote, what="Set cue", cue_start=at("ha detto")[0], cue_end=at("ha detto")[1],
                        **common()).updated[0][1]
    assert cue.speaker_entity == LEE
    same = qc.edit_quote(quote=quote, what="Set speaker", speaker_start=quote.speaker_start,
                         speaker_end=quote.speaker_end, speaker_label="PER", **common())
    assert same.is_empty()
    # the speaker moved to other words: the entity named the old ones
    moved = qc.edit_quote(quote=quote, what="Set speaker", speaker_start=at("il ministro")[0],
                          speaker_end=at("il ministro")[1], speaker_label=None, **common()).updated[0][1]
    assert moved.speaker_entity is None
    removed = qc.edit_quote(quote=quote, what="Remove speaker", speaker_start=None, speaker_end=None,
                            speaker_label=None, **common()).updated[0][1]
    assert removed.speaker_entity is None
    # unless the edit names the entity too
    both = qc.edit_quote(quote=quote, what="Set speaker", speaker_start=at("OMS")[0], speaker_end=at("OMS")[1],
                         speaker_label="ORG", speaker_entity_start=OMS.start, speaker_entity_end=OMS.end,
                         speaker_entity_label="ORG", **common()).updated[0][1]
    assert both.speaker_entity == OMS
    # accepting a suggestion keeps it, as does rejecting it
    suggested = quote.with_(layer=SUGGESTIONS, status=SUGGESTED, origin=MODEL, annotator=MODEL)
    assert qc.accept_quote(quote=suggested, **common()).added[0].speaker_entity == LEE
    assert qc.delete_quote(quote=suggested, **common()).added[0].speaker_entity == LEE


def event_with(*args: EventArg, **fields: object) -> Event:
    return Event(1, "CONSULT", ANNA, trigger_start=at("incontrato")[0], trigger_end=at("incontrato")[1],
                 args=args, annotator=ANNA, id=4, **fields)


def test_setting_an_arguments_entity_is_one_undoable_edit() -> None:
    actor, recipient = EventArg("actor", *at("Il presidente")), EventArg("recipient", *at("il ministro"))
    event = event_with(actor, recipient)
    cmd = ec.set_argument_entity(event=event, argument=actor, entity=LEE, **common())
    assert cmd.text == "The actor of CONSULT “incontrato” is “Lee Jae-myung”"
    [(before, after)] = cmd.updated
    assert before == event and after.args == (actor.with_entity(LEE), recipient)
    assert ec.apply_to_events([event], cmd) == [after]
    assert ec.apply_to_events([after], cmd, undo=True) == [event]
    cleared = ec.set_argument_entity(event=after, argument=after.args[0], entity=None, **common())
    assert cleared.updated[0][1].args == (actor, recipient)
    with pytest.raises(ValueError, match="no such recipient"):
        ec.set_argument_entity(event=event, argument=EventArg("recipient", 0, 2), entity=LEE, **common())


def test_other_event_edits_carry_the_arguments_entities() -> None:
    resolved = EventArg("actor", *at("Il presidente")).with_entity(LEE)
    event = event_with(resolved)
    typed = ec.edit_event(event=event, what="Set type", type="MEET", **common()).updated[0][1]
    assert typed.args == (resolved,)
    added = ec.add_argument(event=event, role="recipient", start=at("OMS")[0], end=at("OMS")[1], multiple=False,
                            **common()).updated[0][1]
    assert resolved in added.args and added.args[-1].entity is None  # a new argument starts unresolved
    given = ec.add_argument(event=event, role="recipient", start=at("OMS")[0], end=at("OMS")[1], multiple=False,
                            entity=LEE, **common())  # ... unless it is resolved in the same edit
    assert given.updated[0][1].args[-1] == EventArg("recipient", *at("OMS")).with_entity(LEE)
    removed = ec.remove_argument(event=added, argument=added.args[-1], **common()).updated[0][1]
    assert removed.args == (resolved,)


def test_gold_keeps_the_entities_and_curation_keys_ignore_them() -> None:
    quote = own_quote(speaker_entity_start=LEE.start, speaker_entity_end=LEE.end, speaker_entity_label="PER")
    event = event_with(EventArg("actor", *at("Il presidente")).with_entity(LEE))
    assert gold_copy(quote, 1, "rita").speaker_entity == LEE
    cmd = take_into_gold(text=TEXT, doc_id=1, items=[quote, event], gold=[], reviewer="rita", gold_status=DOC_NEW)
    gold_quote, gold_event = cmd.added
    assert (gold_quote.layer, gold_quote.speaker_entity) == (GOLD, LEE)
    assert gold_event.args[0].entity == LEE
    # two annotators who agree on the quotation agree, whichever entity they resolved its speaker to
    assert quote_key(quote) == quote_key(quote.with_(speaker_entity_start=None, speaker_entity_end=None))
    assert event_key(event) == event_key(event.with_(args=(EventArg("actor", *at("Il presidente")),)))


def test_accepting_a_quotation_accepts_the_suggested_entity_its_speaker_resolves_to() -> None:
    suggested_entity = Span(1, LEE.start, LEE.end, "PER", SUGGESTIONS, MODEL, SUGGESTED, MODEL, id=11)
    quote = Quote(1, *at("Siamo pronti"), SUGGESTIONS, "direct", *at("Lee", 2), "PER", origin=MODEL,
                  status=SUGGESTED, annotator=MODEL, id=3, speaker_entity_start=LEE.start,
                  speaker_entity_end=LEE.end, speaker_entity_label="PER")
    cmd = with_linked_entities_accepted(qc.accept_quote(quote=quote, **common()), [suggested_entity], layer=ANNA,
                                        annotator=ANNA)
    span, accepted = cmd.added
    assert (span.source_id, span.status, span.origin) == (11, ACCEPTED, MODEL)
    assert accepted.speaker_entity == LEE and accepted.origin == MODEL  # accepted as it is, not edited
