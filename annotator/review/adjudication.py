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

from ..domain.curation_commands import clashes, gold_copy
from ..domain.event_commands import event_order
from ..domain.model import GOLD, Event, Quote, Span
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
    quotes_by_id = {q.id: q for layer in document.quotes.values() for q in layer if q.id is not None}

    def to_gold(item: Any) -> Any:
        copy = gold_copy(item, doc_id, reviewer, origin="agreement")
        if isinstance(copy, Event):  # the quotation link by range: gold's own copy, once stored
            linked = quotes_by_id.get(copy.quote_id) if copy.quote_id is not None else None
            copy = copy.with_(quote_id=None, quote_range=(linked.start, linked.end) if linked else None)
        return copy

    def fitting(agreed: list, gold: Sequence[Any], order: Callable[[Any], Any]) -> list:
        """The agreed items, in text order, that clash with nothing in gold nor with one taken before."""
        taken = list(gold)
        for item in sorted(agreed, key=order):
            if not any(clashes(item, other) for other in taken):
                taken.append(item)
        return [to_gold(item) for item in taken[len(gold):]]

    return GoldProposal(
        spans=fitting(_agreed(dict(document.spans), span_key, needed), gold_spans, lambda s: (s.start, s.end)),
        quotes=fitting(_agreed(dict(document.quotes), quote_key, needed), gold_quotes, lambda q: (q.start, q.end)),
        events=fitting(_agreed(dict(document.events), event_key, needed), gold_events, event_order))
