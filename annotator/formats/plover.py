"""PLOVER event records: one JSON object per line and event, the shape of the POLECAT event data.

Every record has exactly these keys, in this order::

    {"id", "doc_id", "date", "actor", "recipient", "event", "mode", "context", "location",
     "event_text", "trigger", "args", "quote", "coder"}

- ``id`` is ``"<document uid>-<layer>-<n>"``: ``n`` counts the document's events in that layer from 1,
  in trigger order (events without a trigger last, in the order they were made). The suggestions layer
  is named as stored (``"@suggestions"``), so ids stay unique across its pipelines.
- ``doc_id`` is the document's uid; ``date`` the event's own date, else the day (YYYY-MM-DD) of the
  document's ``meta["published"]`` when it has one, else null.
- ``actor`` and ``recipient`` list the names of the arguments with those roles (in argument order);
  ``location`` is the name of the first "location" argument, or null. These three are PLOVER's record
  fields. An argument's name is the text of the named entity it resolves to in the article (the
  fullest name: "Lee Jae-myung" for an actor written "il presidente" or "Lee") when it has one, else
  its own text. Every argument, whatever its role (the role names come from the event schema), is in
  ``args`` as ``{"role", "start", "end", "text"}``, with ``"entity": {"start", "end", "text",
  "label"}`` when resolved (as in the annotator JSONL).
- ``event``, ``mode`` (or null) and ``context`` (a list of tags) come from the event.
- ``event_text`` is the sentence that holds the trigger: the text is cut after ``.``, ``!`` or ``?``
  followed by a space or a line break, and at every line break; null for an event without trigger.
- ``trigger`` is ``{"start", "end", "text"}`` or null; ``quote`` the linked quotation's
  ``{"start", "end", "text"}`` when the event's ``quote_id`` names a quotation of the same document,
  else null. Offsets are Python ``str`` indices into the document text.
- ``coder`` is the layer's annotator: the person, "gold" for the gold layer, the suggesting
  pipeline or rule (its origin) for suggestions.

Which events: the accepted events of the layers the annotator JSONL export would write with the same
filters (``annotators``, ``gold``, ``status``; see :mod:`annotator.formats.jsonl`); with
``include_suggestions``, also the pending (suggested) events of the suggestions layer of the
documents that export would write. Rejected events are never written. ``labels`` filters spans,
which this format does not hold, so it changes nothing here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..domain.model import ACCEPTED, SUGGESTED, SUGGESTIONS, Document, Event, Quote
from ..domain.published import publication_date
from .jsonl import AnnotatedSource, ExportReport, arg_json, export_selection, write_records

KEYS = ("id", "doc_id", "date", "actor", "recipient", "event", "mode", "context", "location",
        "event_text", "trigger", "args", "quote", "coder")

# PLOVER's record fields: the only role names this module knows.
ACTOR = "actor"
RECIPIENT = "recipient"
LOCATION = "location"

# Where a sentence ends: after . ! ? followed by whitespace (or the end of the text), and at line breaks.
_CUT = re.compile(r"[.!?](?=\s|$)|[\r\n]")


class _Sentences:
    """The sentence around a range of one text; the cut points are found once, when first needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._cuts: list[int] | None = None

    def around(self, start: int, end: int) -> str:
        if self._cuts is None:
            self._cuts = [m.end() for m in _CUT.finditer(self.text)]
        cuts = self._cuts
        i = bisect_right(cuts, start) - 1  # last cut at or before the start
        first = cuts[i] if i >= 0 else 0
        j = bisect_left(cuts, max(end, start + 1))  # first cut at or after the end
        last = cuts[j] if j < len(cuts) else len(self.text)
        return self.text[first:last].strip()


def _range(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def _trigger_order(event: Event) -> tuple[Any, ...]:
    if event.trigger_start is None:
        return (1, 0, 0, event.id or 0)
    return (0, event.trigger_start, event.trigger_end or event.trigger_start, event.id or 0)


def _name(arg: dict[str, Any]) -> str:
    """What an argument (as ``args`` writes it) names: its entity's text when resolved, else its own."""
    entity = arg.get("entity")
    return entity["text"] if entity else arg["text"]


def event_record(
    document: Document,
    event: Event,
    *,
    layer: str,
    n: int,
    coder: str,
    quotes: dict[int, Quote],
    sentences: _Sentences,
) -> dict[str, Any]:
    """The PLOVER record of ``event``, the ``n``-th event of ``layer`` in ``document`` (keys in order)."""
    text = document.text
    trigger = event_text = None
    if event.trigger_start is not None and event.trigger_end is not None:
        trigger = _range(text, event.trigger_start, event.trigger_end)
        event_text = sentences.around(event.trigger_start, event.trigger_end)
    args = [arg_json(text, a) for a in event.args]
    location = next((_name(a) for a in args if a["role"] == LOCATION), None)
    linked = quotes.get(event.quote_id) if event.quote_id is not None else None
    published = publication_date(document.meta)
    return {
        "id": f"{document.uid}-{layer}-{n}",
        "doc_id": document.uid,
        "date": event.date or (published.isoformat() if published else None),
        "actor": [_name(a) for a in args if a["role"] == ACTOR],
        "recipient": [_name(a) for a in args if a["role"] == RECIPIENT],
        "event": event.type,
        "mode": event.mode,
        "context": list(event.context),
        "location": location,
        "event_text": event_text,
        "trigger": trigger,
        "args": args,
        "quote": _range(text, linked.start, linked.end) if linked is not None else None,
        "coder": coder,
    }


def iter_plover_records(project: AnnotatedSource, **filters: Any) -> Iterator[dict[str, Any]]:
    """The export's records, document by document, in constant memory (see the module docstring);
    ``filters`` are :func:`annotator.formats.jsonl.export_selection`'s, less ``labels``: those
    filter spans, and PLOVER records hold events."""
    selection, documents = export_selection(project, **{**filters, "labels": None})
    for annotated in documents:
        doc = annotated.document
        layers = selection.layers(annotated)

        chosen: list[tuple[str, str | None, list[Event]]] = []  # (layer, coder or None for the origin, events)
        for layer in layers:
            events = [e for e in annotated.events if e.layer == layer and e.status == ACCEPTED]
            if events:
                chosen.append((layer, layer, events))
        if selection.include_suggestions and (layers or not selection.filtered):
            events = [e for e in annotated.events if e.layer == SUGGESTIONS and e.status == SUGGESTED]
            if events:
                chosen.append((SUGGESTIONS, None, events))

        if chosen:
            quotes = {q.id: q for q in annotated.quotes if q.id is not None}
            sentences = _Sentences(doc.text)
            for layer, coder, events in chosen:
                for n, event in enumerate(sorted(events, key=_trigger_order), 1):
                    yield event_record(doc, event, layer=layer, n=n, coder=coder or event.origin,
                                       quotes=quotes, sentences=sentences)


def export_plover(project: AnnotatedSource, path: str | Path, **filters: Any) -> ExportReport:
    """Write the PLOVER event records of ``project`` to ``path`` atomically; returns what was written
    (``documents``: those with at least one event written)."""
    return write_records(path, iter_plover_records(project, **filters), document_key="doc_id")
