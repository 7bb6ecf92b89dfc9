"""Pre-annotation: run a pipeline over texts and yield entity and quotation suggestions batch by batch.

``suggest_annotations`` (entities and quotations) and ``suggest_entities`` (entities only) are plain
generators: they yield after each batch so a caller (a UI worker, the CLI) can show progress, store
the batch, and stop between batches. Quotations come from :mod:`annotator.nlp.quotes`, run on the
text with the entities just found, so a quotation's speaker is linked to its entity span. Offsets are Python ``str``
indices into the given text, like everywhere in the project. DATE suggestions carry the value of
the expression (``annotator.nlp.dates.resolve_date``), resolved against the publication date given
with the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Union

from annotator.domain.model import SUGGESTED, SUGGESTIONS, Event, EventArg, Quote, Span
from annotator.domain.offsets import EDGE_PUNCTUATION
from annotator.nlp.dates import DATE_LABEL, resolve_date
from annotator.nlp.events import EventSuggester, FoundEvent
from annotator.nlp.quotes import FoundQuote, QuoteFinder

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language

__all__ = ["DocumentSuggestions", "EntitySuggestion", "suggest_annotations", "suggest_entities", "to_events",
           "to_quotes", "to_spans"]

LabelMap = Mapping[str, str | None]
# (doc_id, text) or (doc_id, text, publication date or None)
TextItem = Union[tuple[int, str], tuple[int, str, date | None]]


@dataclass(frozen=True, slots=True)
class EntitySuggestion:
    """A labelled ``[start, end)`` range of ``str`` indices into the text it was found in; a DATE
    has its TIMEX3-style ``value`` when it could be resolved (see ``annotator.nlp.dates``)."""

    start: int
    end: int
    label: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentSuggestions:
    """What pre-annotation proposes for one document: entities, quotations and events (an event's
    ``quote`` is the position of its quotation in ``quotes``)."""

    doc_id: int
    entities: list[EntitySuggestion]
    quotes: list[FoundQuote]
    events: list[FoundEvent] = field(default_factory=list)


def suggest_annotations(
    nlp: "Language",
    texts: Iterable[TextItem],
    *,
    batch_size: int = 32,
    label_map: LabelMap | None = None,
    allowed_labels: Iterable[str] | None = None,
    quotes: QuoteFinder | None = None,
    events: EventSuggester | None = None,
) -> Iterator[list[DocumentSuggestions]]:
    """Like :func:`suggest_entities`, with the quotations ``quotes`` finds in each text and the
    events ``events`` suggests (none when they are None); quotation speakers and event arguments
    are the entities found, after the label map; event dates come from the DATE values."""
    for batch in _batches(nlp, texts, batch_size, label_map, allowed_labels):
        found_batch = []
        for doc_id, text, found, reference in batch:
            quoted = _quotes(quotes, text, found)
            suggested = _events(events, text, found, quoted, reference)
            found_batch.append(DocumentSuggestions(doc_id, found, quoted, suggested))
        yield found_batch


def _events(suggester: EventSuggester | None, text: str, entities: list[EntitySuggestion],
            quotes: list[FoundQuote], reference: date | None) -> list[FoundEvent]:
    if suggester is None:
        return []
    return suggester.find(text, [(e.start, e.end, e.label) for e in entities], quotes=quotes,
                          dates=[(e.start, e.end, e.value) for e in entities if e.label == DATE_LABEL],
                          published=reference)


def _quotes(finder: QuoteFinder | None, text: str, entities: list[EntitySuggestion]) -> list[FoundQuote]:
    if finder is None:
        return []
    return finder.find(text, [(e.start, e.end, e.label) for e in entities])


def suggest_entities(
    nlp: "Language",
    texts: Iterable[TextItem],
    *,
    batch_size: int = 32,
    label_map: LabelMap | None = None,
    allowed_labels: Iterable[str] | None = None,
) -> Iterator[list[tuple[int, list[EntitySuggestion]]]]:
    """Yield, for each batch of ``(doc_id, text)`` pairs, a list of ``(doc_id, suggestions)``.

    nlp: a loaded pipeline (see ``load_pipeline``).
    texts: consumed lazily, ``batch_size`` pairs at a time; every pair comes back, in order, also
        when it has no entities (``(doc_id, [])``). An item may also be ``(doc_id, text,
        reference)``: the publication date (or None) that relative DATE values count from.
    label_map: renames labels of a foreign pipeline (``{"GPE": "LOC"}``); a label mapped to None is
        dropped (``{"MISC": None}``); labels not in the map are kept as they are.
    allowed_labels: after mapping, entities with other labels are dropped (None keeps all).
    Suggestions never begin or end with spaces or punctuation, and are sorted by start; a DATE
    (after mapping) gets ``resolve_date(its text, reference)`` as its value.
    """
    for batch in _batches(nlp, texts, batch_size, label_map, allowed_labels):
        yield [(doc_id, found) for doc_id, _, found, _ in batch]


def _batches(nlp: "Language", texts: Iterable[TextItem], batch_size: int, label_map: LabelMap | None,
             allowed_labels: Iterable[str] | None,
             ) -> Iterator[list[tuple[int, str, list[EntitySuggestion], date | None]]]:
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1 (got {batch_size})")
    allowed = None if allowed_labels is None else frozenset(allowed_labels)
    items = iter(texts)
    while True:
        batch = [_checked(item) for item in islice(items, batch_size)]
        if not batch:
            return
        docs = nlp.pipe((text for _, text, _ in batch), batch_size=batch_size, n_process=1)
        yield [
            (doc_id, text, _suggestions(doc, text, reference, label_map, allowed), reference)
            for (doc_id, text, reference), doc in zip(batch, docs, strict=True)
        ]


def to_spans(doc_id: int, suggestions: Sequence[EntitySuggestion], origin: str) -> list[Span]:
    """Domain spans for the shared suggestions layer, as the store keeps them: ``origin`` (see
    ``pipeline_origin``) is also their annotator; a DATE keeps its value."""
    return [
        Span(doc_id, s.start, s.end, s.label, SUGGESTIONS, origin=origin, status=SUGGESTED, annotator=origin,
             value=s.value)
        for s in suggestions
    ]


def to_quotes(doc_id: int, found: Sequence[FoundQuote], origin: str) -> list[Quote]:
    """Domain quotations for the shared suggestions layer, like :func:`to_spans`."""
    return [
        Quote(doc_id, q.start, q.end, SUGGESTIONS, q.kind,
              speaker_start=q.speaker[0] if q.speaker else None, speaker_end=q.speaker[1] if q.speaker else None,
              speaker_label=q.speaker_label, cue_start=q.cue[0] if q.cue else None,
              cue_end=q.cue[1] if q.cue else None, origin=origin, status=SUGGESTED, annotator=origin)
        for q in found
    ]


def to_events(doc_id: int, found: Sequence[FoundEvent], origin: str) -> list[Event]:
    """Domain events for the suggestions layer; ``quote_id`` holds the position of the event's
    quotation in the same document's quotations (the store links the stored row)."""
    return [
        Event(doc_id, e.type, SUGGESTIONS, mode=e.mode, trigger_start=e.trigger[0], trigger_end=e.trigger[1],
              args=tuple(EventArg(role, start, end) for role, start, end in e.args), date=e.date,
              quote_id=e.quote, origin=origin, status=SUGGESTED, annotator=origin)
        for e in found
    ]


def _checked(item: TextItem) -> tuple[int, str, date | None]:
    """``(doc_id, text, reference)`` from a pair or a triple; TypeError naming the document."""
    doc_id, text, reference = item if len(item) == 3 else (*item, None)  # type: ignore[misc]
    if not isinstance(text, str):
        raise TypeError(f"document {doc_id}: the text must be a str, not {type(text).__name__}")
    if reference is not None and not isinstance(reference, date):
        raise TypeError(f"document {doc_id}: the publication date must be a datetime.date or None, "
                        f"not {type(reference).__name__}")
    return doc_id, text, reference


def _suggestions(
    doc, text: str, reference: date | None, label_map: LabelMap | None, allowed: frozenset[str] | None
) -> list[EntitySuggestion]:
    found: list[EntitySuggestion] = []
    for ent in doc.ents:
        label: str | None = ent.label_
        if label_map is not None and label in label_map:
            label = label_map[label]
        if not label or (allowed is not None and label not in allowed):
            continue
        edges = _trim(text, ent.start_char, ent.end_char)
        if edges is not None:
            value = resolve_date(text[edges[0]:edges[1]], reference) if label == DATE_LABEL else None
            found.append(EntitySuggestion(edges[0], edges[1], label, value))
    found.sort(key=lambda s: (s.start, s.end))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop spaces and punctuation at both edges; None when nothing else is left.

    The final dot of an abbreviation stays ("Washington D.C.", "Leonardo S.p.A.").
    """
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]) and not _abbreviation_dot(text, start, end):
        end -= 1
    return (start, end) if start < end else None


def _is_edge(ch: str) -> bool:
    return ch in EDGE_PUNCTUATION or ch.isspace()


def _abbreviation_dot(text: str, start: int, end: int) -> bool:
    """``text[end - 1]`` is a dot after a lone letter that follows a dot: "D.C.", "S.p.A."."""
    return (
        text[end - 1] == "."
        and end - 3 >= start
        and text[end - 2].isalpha()
        and text[end - 3] == "."
    )
