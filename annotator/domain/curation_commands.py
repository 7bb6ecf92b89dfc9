"""Undoable curation: annotators' items copied into the gold layer, replacing what they clash with.

Taking an item puts a copy of it in gold (origin: the annotator it came from) and removes the gold
items in its place: overlapping entities, quotations sharing most of their words, events on an
overlapping trigger. Several items go in one command (merging everything the annotators agree on is
one undo step). An event keeps its quotation link when gold has (or gets) that quotation.
"""

from __future__ import annotations

from collections.abc import Sequence

from .commands import Command, _start_work
from .model import ACCEPTED, GOLD, Event, Quote, Span

__all__ = ["take_into_gold"]

Item = Span | Quote | Event


def _clashes(item: Item, other: Item) -> bool:
    if isinstance(item, Span) and isinstance(other, Span):
        return item.start < other.end and other.start < item.end
    if isinstance(item, Quote) and isinstance(other, Quote):
        shared = min(item.end, other.end) - max(item.start, other.start)
        return shared * 2 > min(item.end - item.start, other.end - other.start)
    if isinstance(item, Event) and isinstance(other, Event):
        if item.trigger_start is None or other.trigger_start is None:
            return item.trigger_start is None and other.trigger_start is None and item.type == other.type
        return item.trigger_start < other.trigger_end and other.trigger_start < item.trigger_end  # type: ignore[operator]
    return False


def take_into_gold(*, text: str, doc_id: int, items: Sequence[Item], gold: Sequence[Item], reviewer: str,
                   gold_status: str, title: str | None = None, quotes_by_id: dict[int, Quote] | None = None) -> Command:
    """Copy ``items`` into gold, removing the gold items they clash with; ``gold`` is the gold layer
    now (accepted items); ``quotes_by_id`` resolves the quotation links of events (any layer)."""
    cmd = Command(title or _title(text, items), doc_id, reviewer)
    kept = list(gold)
    copies: list[Item] = []
    for item in items:
        copy = _gold_copy(item, doc_id, reviewer)
        for old in [g for g in kept if _clashes(copy, g)]:
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
    if cmd.added or cmd.removed:
        cmd.status_change = _start_work(gold_status)
    return cmd


def _gold_copy(item: Item, doc_id: int, reviewer: str) -> Item:
    origin = item.annotator or item.layer
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
