"""Curation of one document: every annotator's items side by side, each with its state.

A candidate is one distinct item (same entity range and label; same quotation content, kind and
speaker; same event type, trigger, mode and arguments) with the annotators who have it. Its state,
in INCEpTION's scheme:

- ``accepted``: gold has it;
- ``rejected``: gold has a different item in its place (one it clashes with, see
  :func:`annotator.domain.curation_commands.clashes`: taking it replaces that one);
- ``agree``: every annotator of the document has it, and gold has nothing there yet;
- ``disagree``: some annotators have it, others not (or another version);
- ``single``: the document has one annotator: nobody agrees or disagrees, the reviewer decides
  (taken one by one, or all at once like the agreed items).

Plain Python; the curation window (``annotator.ui.curation``) shows and acts on these.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from ..domain.curation_commands import clashes
from ..domain.model import Event, Quote, Span

__all__ = ["ACCEPTED_STATE", "AGREE", "Candidate", "DISAGREE", "OPEN_STATES", "REJECTED_STATE", "SINGLE", "STATES",
           "candidates", "event_key", "quote_key", "span_key"]

AGREE = "agree"
DISAGREE = "disagree"
ACCEPTED_STATE = "accepted"
REJECTED_STATE = "rejected"
SINGLE = "single"
STATES = (AGREE, DISAGREE, SINGLE, ACCEPTED_STATE, REJECTED_STATE)
OPEN_STATES = (DISAGREE, SINGLE)  # what the reviewer must look at: the curation's next/previous keys

Item = Span | Quote | Event


@dataclass(frozen=True, slots=True)
class Candidate:
    """One distinct item of the annotators, who has it, and its state against gold."""

    item: Item  # the first annotator's copy (alphabetical)
    annotators: tuple[str, ...]
    state: str
    range: tuple[int, int] | None  # the words it covers: entity, quotation content or event trigger


def span_key(span: Span) -> Hashable:
    return span.start, span.end, span.label


def quote_key(quote: Quote) -> Hashable:
    return quote.start, quote.end, quote.kind, quote.speaker_start, quote.speaker_end


def event_key(event: Event) -> Hashable:
    return (event.type, event.mode, event.trigger_start, event.trigger_end,
            tuple(sorted((a.role, a.start, a.end) for a in event.args)))


def _range(item: Item) -> tuple[int, int] | None:
    if isinstance(item, Event):
        return (item.trigger_start, item.trigger_end) if item.trigger_start is not None else None  # type: ignore[return-value]
    return item.start, item.end


def candidates(layers: dict[str, Sequence[Item]], gold: Sequence[Item], key: Callable[[Item], Hashable],
               annotators: Sequence[str] | None = None) -> list[Candidate]:
    """The candidates of one kind of item (spans, quotations or events) in text order.

    ``layers``: each annotator's accepted items; ``annotators``: who worked on the document (default:
    the keys of ``layers``; someone with an empty layer disagrees with everything)."""
    names = sorted(annotators if annotators is not None else layers)
    holders: dict[Hashable, list[tuple[str, Item]]] = {}
    for name in names:
        for item in layers.get(name, ()):
            entry = holders.setdefault(key(item), [])
            if all(n != name for n, _ in entry):
                entry.append((name, item))
    gold_keys = {key(g) for g in gold}
    found = []
    for k, entry in holders.items():
        item = entry[0][1]
        where = _range(item)
        if k in gold_keys:
            state = ACCEPTED_STATE
        elif any(clashes(item, g) for g in gold):
            state = REJECTED_STATE
        elif len(names) == 1:
            state = SINGLE
        elif len(entry) == len(names):
            state = AGREE
        else:
            state = DISAGREE
        found.append(Candidate(item, tuple(n for n, _ in entry), state, where))
    return sorted(found, key=lambda c: (c.range or (-1, -1), str(key(c.item))))
