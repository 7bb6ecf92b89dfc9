"""Automatic adjudication: what the annotators agree on goes into the gold layer.

An item is agreed when at least ``min_agreement`` of the document's annotators (all of them by
default) have the same one: an entity with the same range and label; a quotation with the same
content, kind and speaker; an event with the same type, mode, trigger and arguments. Cues and dates
may differ (the first annotator's, alphabetically, is taken). Items already in gold, or clashing
with one there or already chosen (an overlapping entity, quotation content or event trigger), are
left alone: the reviewer settles the rest in the curation view. Plain Python.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..domain.model import ACCEPTED, GOLD, Event, Quote, Span
from .agreement import DocumentLayers
from .curation import candidates, event_key, quote_key, span_key

__all__ = ["GoldProposal", "agreed_items"]


@dataclass(slots=True)
class GoldProposal:
    """The items to add to the gold layer of one document."""

    spans: list[Span] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.spans) + len(self.quotes) + len(self.events)


def _agreed(layers: dict[str, Sequence], key: Callable[[Any], Hashable], needed: int) -> list:
    """One item per distinct item (by ``key``) that at least ``needed`` annotators have."""
    return [c.item for c in candidates(layers, [], key) if len(c.annotators) >= needed]


def agreed_items(document: DocumentLayers, doc_id: int, *, gold_spans: Sequence[Span] = (),
                 gold_quotes: Sequence[Quote] = (), gold_events: Sequence[Event] = (),
                 min_agreement: int | None = None, reviewer: str = GOLD) -> GoldProposal:
    """What goes into gold for one document; nothing when it has fewer annotators than needed."""
    annotators = sorted(document.annotators)
    needed = min_agreement if min_agreement is not None else len(annotators)
    if len(annotators) < max(needed, 1) or (min_agreement is None and len(annotators) < 2):
        return GoldProposal()
    proposal = GoldProposal()
    taken = [(s.start, s.end) for s in gold_spans]
    for span in sorted(_agreed(dict(document.spans), span_key, needed), key=lambda s: (s.start, s.end)):
        if any(span.start < end and start < span.end for start, end in taken):
            continue
        taken.append((span.start, span.end))
        proposal.spans.append(_to_gold(span, doc_id, reviewer))
    quoted = [(q.start, q.end) for q in gold_quotes]
    for quote in sorted(_agreed(dict(document.quotes), quote_key, needed), key=lambda q: (q.start, q.end)):
        if any(quote.start < end and start < quote.end for start, end in quoted):
            continue
        quoted.append((quote.start, quote.end))
        proposal.quotes.append(quote.with_(doc_id=doc_id, layer=GOLD, status=ACCEPTED, annotator=reviewer,
                                           origin="agreement", source_id=None, id=None))
    triggers = [(e.trigger_start, e.trigger_end) for e in gold_events if e.trigger_start is not None]
    known = {event_key(e) for e in gold_events}
    quotes_by_id = {q.id: q for layer in document.quotes.values() for q in layer if q.id is not None}
    for event in sorted(_agreed(dict(document.events), event_key, needed), key=_event_order):
        trigger = (event.trigger_start, event.trigger_end)
        if event_key(event) in known or (event.trigger_start is not None and any(
                trigger[0] < end and start < trigger[1] for start, end in triggers)):  # type: ignore[operator]
            continue
        if event.trigger_start is not None:
            triggers.append(trigger)  # type: ignore[arg-type]
        linked = quotes_by_id.get(event.quote_id) if event.quote_id is not None else None
        proposal.events.append(event.with_(
            doc_id=doc_id, layer=GOLD, status=ACCEPTED, annotator=reviewer, origin="agreement", source_id=None,
            id=None, quote_id=None, quote_range=(linked.start, linked.end) if linked else None))
    return proposal


def _event_order(event: Event) -> tuple[int, str]:
    return (event.trigger_start if event.trigger_start is not None else -1, event.type)


def _to_gold(span: Span, doc_id: int, reviewer: str) -> Span:
    return Span(doc_id, span.start, span.end, span.label, GOLD, "agreement", ACCEPTED, reviewer, value=span.value)
