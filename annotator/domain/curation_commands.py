"""Undoable curation: annotators' items copied into the gold layer, replacing what they clash with.

Taking an item puts a copy of it in gold (origin: the annotator it came from) and removes the gold
items in its place: overlapping entities and quotations, events on an overlapping trigger
(:func:`clashes`). Several items go in one command (merging everything the annotators agree on is
one undo step). An event keeps its quotation link when gold has (or gets) that quotation.
"""

from __future__ import annotations

from collections.abc import Sequence

from .commands import Command, _start_work, unlinked_events
from .matching import overlaps
from .model import ACCEPTED, GOLD, Event, Quote, Span

__all__ = ["clashes", "gold_copy", "take_into_gold"]

Item = Span | Quote | Event


def clashes(item: Item, other: Item) -> bool:
    """Two items of the same kind cannot both stand in gold: entities or quotations that overlap,
    events on overlapping triggers, or whole-article events of the same type. The one rule of the
    curation view's "gold differs", of taking an item into gold and of automatic adjudication."""
    if type(item) is not type(other):
        return False
    if isinstance(item, Event):
        if item.trigger_start is None or other.trigger_start is None:  # type: ignore[union-attr]
            return item.trigger_start is None and other.trigger_start is None and item.type == other.type  # type: ignore[union-attr]
        return overlaps((item.trigger_start, item.trigger_end), (other.trigger_start, other.trigger_end))  # type: ignore[arg-type, union-attr]
    return overlaps((item.start, item.end), (other.start, other.end))  # type: ignore[union-attr]


def take_into_gold(*, text: str, doc_id: int, items: Sequence[Item], gold: Sequence[Item], reviewer: str,
                   gold_status: str, title: str | None = None, quotes_by_id: dict[int, Quote] | None = None) -> Command:
    """Copy ``items`` into gold, removing the gold items they clash with; ``gold`` is the gold layer
    now (accepted items); ``quotes_by_id`` resolves the quotation links of events (any layer)."""
    cmd = Command(title or _title(text, items), doc_id, reviewer)
    kept = list(gold)
    copies: list[Item] = []
    for item in items:
        copy = gold_copy(item, doc_id, reviewer)
        for old in [g for g in kept if clashes(copy, g)]:
            kept.remove(old)
            if old in copies:
                copies.remove(old)
            else:
                cmd.removed.append(old)
        kept.append(copy)
        copies.append(copy)
    gold_quotes = [q for q in kept if isinstance(q, Quote)]
    for index, copy in enumerate(copies):
        if isinstance(copy, Event) and copy.quote_id is not None:
            linked = (quotes_by_id or {}).get(copy.quote_id)
            same = next((q for q in gold_quotes if linked and (q.start, q.end) == (linked.start, linked.end)), None)
            copies[index] = copy.with_(quote_id=same.id if same is not None and same.id is not None else None,
                                       quote_range=(linked.start, linked.end) if linked else None)
    order = {Span: 0, Quote: 1, Event: 2}  # quotations before the events that link to them
    cmd.added = sorted(copies, key=lambda c: order[type(c)])
    gone = {old.id for old in cmd.removed if isinstance(old, Quote) and old.id is not None}
    cmd.updated += unlinked_events((e for e in kept if isinstance(e, Event) and e.id is not None), gone)
    if cmd.added or cmd.removed:
        cmd.status_change = _start_work(gold_status)
    return cmd


def gold_copy(item: Item, doc_id: int, reviewer: str, origin: str | None = None) -> Item:
    """``item`` as a new gold row of ``doc_id`` checked by ``reviewer``; its origin says where it came
    from (default: the annotator, or the layer, it was taken from)."""
    origin = origin or item.annotator or item.layer
    if isinstance(item, Span):
        return Span(doc_id, item.start, item.end, item.label, GOLD, origin, ACCEPTED, reviewer, value=item.value)
    return item.with_(doc_id=doc_id, layer=GOLD, status=ACCEPTED, annotator=reviewer, origin=origin,
                      source_id=None, id=None)


def _title(text: str, items: Sequence[Item]) -> str:
    if len(items) != 1:
        return f"Merge {len(items)} items into gold"
    item = items[0]
    if isinstance(item, Span):
        return f"Take “{text[item.start:item.end][:30]}” ({item.label}) into gold"
    if isinstance(item, Quote):
        return f"Take the quotation “{text[item.start:item.end][:30]}” into gold"
    return f"Take the event {item.type} into gold"
