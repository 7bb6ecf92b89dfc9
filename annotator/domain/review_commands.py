"""What "reviewed" means: an article is done when no suggestion is left pending in the layer.

- :class:`Pending`: the suggestions (entities, quotations, events) an annotator has not decided on.
- :func:`pending_in_layer`: those of one document's layer, from the stored rows (services use it
  to leave out finished articles that still hold pending suggestions).
- :func:`finish`: mark the article done after accepting or rejecting every pending suggestion,
  as ONE command, so one undo gives back both the suggestions and the status.
- :func:`with_entity_accepted`: an edit that links a suggested entity (a quotation's speaker, an
  event's argument) also accepts that entity, in the same command;
  :func:`with_linked_entities_accepted` does the same for the speakers and arguments of the
  quotations and events a command accepts.

Plain Python like the rest of the domain: builders return commands and never touch storage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .commands import Command, _decision, accept_all
from .event_commands import accept_all_events, cite_own_quotations, visible_events
from .item_commands import decision
from .model import ACCEPTED, DOC_DONE, REJECTED, SUGGESTED, Event, Quote, Span, visible_spans
from .quote_commands import visible_quotes

__all__ = ["ACCEPT_REST", "REJECT_REST", "Pending", "finish", "pending_in_layer", "with_entity_accepted",
           "with_linked_entities_accepted"]

ACCEPT_REST = "accept"
REJECT_REST = "reject"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True, slots=True)
class Pending:
    """The suggestions of one article that the annotator has neither accepted nor rejected."""

    spans: tuple[Span, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()

    @classmethod
    def of(cls, spans: Sequence[Span], quotes: Sequence[Quote], events: Sequence[Event]) -> "Pending":
        """The pending ones among what the annotator sees (their items plus open suggestions)."""
        return cls(tuple(s for s in spans if s.status == SUGGESTED), tuple(q for q in quotes if q.status == SUGGESTED),
                   tuple(e for e in events if e.status == SUGGESTED))

    def __len__(self) -> int:
        return len(self.spans) + len(self.quotes) + len(self.events)

    def describe(self) -> str:
        """"3 entities, 1 quotation and 2 events": what is pending, in words."""
        parts = [_count(n, one, many) for n, one, many in (
            (len(self.spans), "entity", "entities"), (len(self.quotes), "quotation", "quotations"),
            (len(self.events), "event", "events")) if n]
        return " and ".join(filter(None, [", ".join(parts[:-1]), parts[-1]])) if parts else "nothing"


def pending_in_layer(layer_spans: Sequence[Span], suggested_spans: Sequence[Span], layer_quotes: Sequence[Quote],
                     suggested_quotes: Sequence[Quote], layer_events: Sequence[Event],
                     suggested_events: Sequence[Event]) -> Pending:
    """The suggestions still pending in a layer, given the layer's rows (decisions included: a
    rejected row hides its suggestion) and the document's suggestions."""
    return Pending.of(visible_spans(list(layer_spans), list(suggested_spans)),
                      visible_quotes(list(layer_quotes), list(suggested_quotes)),
                      visible_events(list(layer_events), list(suggested_events)))


def finish(*, pending: Pending, choice: str, doc_id: int, layer_quotes: Sequence[Quote],
           suggested_quotes: Sequence[Quote], layer: str, annotator: str, doc_status: str) -> Command:
    """Mark the article done, accepting (``choice`` ACCEPT_REST) or rejecting (REJECT_REST) every
    pending suggestion first, all in one command.

    Accepting follows the single accept-alls: of overlapping entity suggestions the first (then
    longest) is taken and the others rejected; an accepted event cites the annotator's own copy
    of its quotation, which is accepted once.
    """
    if choice not in (ACCEPT_REST, REJECT_REST):
        raise ValueError(f"choice must be {ACCEPT_REST!r} or {REJECT_REST!r}, not {choice!r}")
    verb = "accepting" if choice == ACCEPT_REST else "rejecting"
    cmd = Command(f"Mark document done, {verb} {pending.describe()}", doc_id, annotator)
    if choice == REJECT_REST:
        cmd.added += [_decision(s, layer=layer, annotator=annotator, status=REJECTED) for s in pending.spans]
        cmd.added += [decision(i, layer=layer, annotator=annotator, status=REJECTED)
                      for i in (*pending.quotes, *pending.events)]
    else:
        cmd.added += accept_all(visible=list(pending.spans), doc_id=doc_id, layer=layer, annotator=annotator,
                                doc_status=doc_status).added
        events = cite_own_quotations(
            accept_all_events(visible=list(pending.events), doc_id=doc_id, layer=layer, annotator=annotator,
                              doc_status=doc_status),
            layer_quotes=layer_quotes, suggested_quotes=suggested_quotes, layer=layer, annotator=annotator,
            doc_status=doc_status)
        taken = {i.source_id for i in events.added if isinstance(i, Quote)}
        cmd.added += [decision(q, layer=layer, annotator=annotator, status=ACCEPTED)
                      for q in pending.quotes if q.id not in taken]
        cmd.added += events.added  # quotations before the events that cite them by range
    cmd.status_change = (doc_status, DOC_DONE) if doc_status != DOC_DONE else None
    return cmd


def with_entity_accepted(cmd: Command, entity: Span | None, *, layer: str, annotator: str) -> Command:
    """``cmd`` (setting a speaker or an argument) also accepting ``entity`` when it is a pending
    suggestion: an entity the annotator links to is one they annotate, and is exported as such."""
    if entity is None or entity.status != SUGGESTED or cmd.is_empty():
        return cmd
    if any(isinstance(i, Span) and i.source_id == entity.id for i in cmd.added):
        return cmd
    cmd.added.insert(0, _decision(entity, layer=layer, annotator=annotator, status=ACCEPTED))
    return cmd


def with_linked_entities_accepted(cmd: Command, visible: Sequence[Span], *, layer: str,
                                  annotator: str) -> Command:
    """``cmd`` also accepting the pending entity suggestions that the quotations and events it
    accepts name exactly as speaker or argument, or as the entity one resolves to (accepting a
    suggested quotation whose speaker is "Peskov PER?" makes Peskov the annotator's entity too), so no accepted item points at words
    that the exports' ``spans`` and CoNLL leave out."""
    ranges: set[tuple[int, int]] = set()
    for item in (*cmd.added, *(after for _, after in cmd.updated)):
        if item.status != ACCEPTED:
            continue
        if isinstance(item, Quote) and item.speaker_start is not None and item.speaker_end is not None:
            ranges.add((item.speaker_start, item.speaker_end))
            if item.speaker_entity is not None:
                ranges.add((item.speaker_entity.start, item.speaker_entity.end))
        elif isinstance(item, Event):
            ranges.update((a.start, a.end) for a in item.args)
            ranges.update((a.entity.start, a.entity.end) for a in item.args if a.entity is not None)
    decided = {i.source_id for i in cmd.added if isinstance(i, Span)}
    taken: set[tuple[int, int]] = set()
    accepted = []
    for span in visible:
        where = (span.start, span.end)
        if span.status == SUGGESTED and where in ranges and where not in taken and span.id not in decided:
            accepted.append(_decision(span, layer=layer, annotator=annotator, status=ACCEPTED))
            taken.add(where)
    cmd.added[:0] = accepted
    return cmd
