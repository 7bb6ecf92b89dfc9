"""Pre-annotation: run a pipeline over texts and yield entity and quotation suggestions batch by batch.

``suggest_annotations`` (entities and quotations) and ``suggest_entities`` (entities only) are plain
generators: they yield after each batch so a caller (a UI worker, the CLI) can show progress, store
the batch, and stop between batches. Quotations come from :mod:`annotator.nlp.quotes`, run on the
text with the entities just found, so a quotation's speaker is linked to its entity span. Offsets are Python ``str``
indices into the given text, like everywhere in the project. DATE suggestions carry the value of
the expression (``annotator.nlp.dates.resolve_date``), resolved against the publication date given
with the text.

A text longer than the pipeline takes (``nlp.max_length``, or :data:`~annotator.nlp.chunks.CHUNK_CHARS`)
goes through the pipeline in pieces cut at paragraph, else sentence, else word boundaries
(:mod:`annotator.nlp.chunks`); quotations and events are found in the same pieces, and every
offset is moved back into the whole text. A document the pipeline or the finders still
fail on (a component's exception, a MemoryError) does not stop the batch: it comes back with the
reason in ``DocumentSuggestions.error`` and no suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Union

from annotator.domain.model import SUGGESTED, SUGGESTIONS, Event, EventArg, Quote, Span
from annotator.domain.offsets import EDGE_PUNCTUATION
from annotator.domain.published import Period
from annotator.nlp.chunks import chunk_limit, pieces
from annotator.nlp.coreference import joined_names
from annotator.nlp.dates import DATE_LABEL, resolve_date
from annotator.nlp.events import EventSuggester, FoundEvent
from annotator.nlp.quotes import FoundQuote, QuoteFinder
from annotator.nlp.syntax_roles import Recorder, SentenceParses, parser_available, prepare_all

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language

__all__ = ["DocumentFailed", "DocumentSuggestions", "EntitySuggestion", "suggest_annotations", "suggest_entities",
           "to_events", "to_quotes", "to_spans"]

LabelMap = Mapping[str, str | None]
# (doc_id, text) or (doc_id, text, publication date or None)
TextItem = Union[tuple[int, str], tuple[int, str, date | Period | None]]
RawEntity = tuple[int, int, str]  # start and end in the whole text, the pipeline's label
_REASON_CHARS = 200  # a failure's reason is one short line
SYNTAX_CHOICES = ("none", "speakers", "all")
SYNTAX_DEFAULT = "speakers"  # what pre-annotation reads off a parse (suggest_annotations)


class DocumentFailed(RuntimeError):
    """The pipeline failed on one document (raised by :func:`suggest_entities`, which returns
    nothing else for it; :func:`suggest_annotations` reports it and goes on)."""

    def __init__(self, doc_id: int, reason: str) -> None:
        super().__init__(f"document {doc_id}: {reason}")
        self.doc_id = doc_id
        self.reason = reason


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
    ``quote`` is the position of its quotation in ``quotes``). ``error``: why the document could
    not be processed (then it has no suggestions), else None."""

    doc_id: int
    entities: list[EntitySuggestion]
    quotes: list[FoundQuote]
    events: list[FoundEvent] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Found:
    """One document after the pipeline: its entity suggestions, or the exception it raised."""

    doc_id: int
    text: str
    reference: date | Period | None
    entities: list[EntitySuggestion]
    error: Exception | None = None


def suggest_annotations(
    nlp: "Language",
    texts: Iterable[TextItem],
    *,
    batch_size: int = 32,
    label_map: LabelMap | None = None,
    allowed_labels: Iterable[str] | None = None,
    quotes: QuoteFinder | None = None,
    events: EventSuggester | None = None,
    syntax: bool | str = SYNTAX_DEFAULT,
) -> Iterator[list[DocumentSuggestions]]:
    """Like :func:`suggest_entities`, with the quotations ``quotes`` finds in each text and the
    events ``events`` suggests (none when they are None); quotation speakers and event arguments
    are the entities found, after the label map; event dates come from the DATE values. With the
    bundled UD parser installed, ``syntax`` says what is also read off a parse of the sentences
    that need it (:mod:`annotator.nlp.syntax_roles`): "speakers" (the default: quotation speakers
    the rules miss), "all" or True (also event actors and recipients: better on real news, but
    over the pre-annotation time budget on dense news, see benchmarks/bench_syntax_roles.py),
    "none" or False; without the parser, the rules alone. A document that fails comes back with
    ``error`` set and nothing else; the batch goes on."""
    limit = chunk_limit(nlp.max_length)
    mode = ("all" if syntax else "none") if isinstance(syntax, bool) else syntax
    if mode not in SYNTAX_CHOICES:
        raise ValueError(f"syntax must be one of {', '.join(SYNTAX_CHOICES)} or a bool, not {syntax!r}")
    parse = mode != "none" and (quotes is not None or events is not None) and parser_available()
    quotes_only = mode == "speakers"
    parsed_events = None if quotes_only else events
    for batch in _batches(nlp, texts, batch_size, label_map, allowed_labels):
        try:
            parsed = _parses(batch, quotes, parsed_events, limit) if parse else [None] * len(batch)
        except Exception:  # noqa: BLE001 - the batch parse failed: each document parses its own
            parsed = [None] * len(batch)
        yield [_annotations(item, quotes, events, limit, parse, parses, parse_events=not quotes_only)
               for item, parses in zip(batch, parsed, strict=True)]


def _parses(batch: list[_Found], quotes: QuoteFinder | None, events: EventSuggester | None, limit: int) -> list[dict[int, SentenceParses] | None]:
    """For each document of a batch, a parse per piece (by the piece's start), with the sentences
    of its event verbs parsed already: all the batch's in one pass of the parser."""
    found: list[dict[int, SentenceParses] | None] = []
    texts: list[tuple[str, list[tuple[int, int, str]]]] = []
    for item in batch:
        if item.error is not None:
            found.append(None)
            continue
        by_piece: dict[int, int] = {}
        starts = [e.start for e in item.entities]
        for start, end in pieces(item.text, limit):
            by_piece[start] = len(texts)
            texts.append((item.text[start:end], [(e.start - start, e.end - start, e.label) for e in
                          item.entities[bisect_left(starts, start):bisect_left(starts, end)] if e.end <= end]))
        found.append(by_piece)  # type: ignore[arg-type]
    parses = prepare_parses(texts, quotes, events)
    return [None if by_piece is None else {start: parses[k] for start, k in by_piece.items()} for by_piece in found]


def prepare_parses(texts: Sequence[tuple[str, Sequence[tuple[int, int, str]]]], quotes: QuoteFinder | None,
                   events: EventSuggester | None, *, record_quotes: bool = True) -> list[SentenceParses]:
    """A parse for each ``(text, entities)``, with the sentences the finders will ask about parsed
    already, all texts in one pass of the parser: the event verbs (the suggester says which) and
    the reporting verbs whose speaker the finder's rules miss (a first run of the finder with a
    :class:`~annotator.nlp.syntax_roles.Recorder` says which; ``record_quotes=False`` skips that
    run, the finder then reading only the sentences parsed for events). Nothing else is parsed
    later: the parses do not parse on demand, so the cost is known and batched."""
    parses = [SentenceParses(text, on_demand=False) for text, _ in texts]
    requests = []
    for parsed, (text, entities) in zip(parses, texts, strict=True):
        positions = events.syntax_positions(text, entities) if events is not None else []
        if quotes is not None and record_quotes:
            recorder = Recorder()
            quotes.find(text, entities, syntax=recorder)
            positions = positions + recorder.positions
        requests.append((parsed, positions))
    prepare_all(requests)
    return parses


def _annotations(item: _Found, quotes: QuoteFinder | None, events: EventSuggester | None,
                 limit: int, parse: bool = False, parses: dict[int, SentenceParses] | None = None, *,
                 parse_events: bool = True) -> DocumentSuggestions:
    """Quotations and events of one document found by the pipeline, or why it failed. A text
    longer than ``limit`` is searched piece by piece, like the pipeline saw it: the finders'
    time grows faster than the text, and a quotation that spans a cut is lost, never misplaced."""
    if item.error is not None:
        return DocumentSuggestions(item.doc_id, [], [], [], error=failure_reason(item.error))
    if quotes is None and events is None:
        return DocumentSuggestions(item.doc_id, item.entities, [], [])
    quoted: list[FoundQuote] = []
    suggested: list[FoundEvent] = []
    starts = [e.start for e in item.entities]
    try:
        for start, end in pieces(item.text, limit):
            text = item.text[start:end]
            local = [_moved(e, -start) for e in item.entities[bisect_left(starts, start):bisect_left(starts, end)]
                     if e.end <= end]
            parsed = parses.get(start) if parses is not None else (SentenceParses(text) if parse else None)
            found = _quotes(quotes, text, local, parsed)
            suggested += [_moved_event(e, start, len(quoted))
                          for e in _events(events, text, local, found, item.reference, parsed if parse_events else None)]
            quoted += [_moved_quote(q, start) for q in found]
    except Exception as err:  # noqa: BLE001 - a finder's failure on one text names that document only
        return DocumentSuggestions(item.doc_id, [], [], [], error=failure_reason(err))
    return DocumentSuggestions(item.doc_id, item.entities, quoted, suggested)


def _moved(entity: EntitySuggestion, by: int) -> EntitySuggestion:
    return entity if not by else replace(entity, start=entity.start + by, end=entity.end + by)


def _moved_range(span: tuple[int, int] | None, by: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + by, span[1] + by)


def _moved_quote(quote: FoundQuote, by: int) -> FoundQuote:
    """``quote`` found in a piece that starts at ``by``, with offsets into the whole text."""
    if not by:
        return quote
    return replace(quote, start=quote.start + by, end=quote.end + by, speaker=_moved_range(quote.speaker, by),
                   cue=_moved_range(quote.cue, by),
                   entity=None if quote.entity is None else (quote.entity[0] + by, quote.entity[1] + by, quote.entity[2]))


def _moved_event(event: FoundEvent, by: int, quotes_before: int) -> FoundEvent:
    """``event`` found in a piece that starts at ``by``; its quotation index counts the
    quotations of the earlier pieces."""
    if not by and not quotes_before:
        return event
    return replace(event, trigger=(event.trigger[0] + by, event.trigger[1] + by),
                   args=tuple((role, start + by, end + by) for role, start, end in event.args),
                   entities=tuple(None if e is None else (e[0] + by, e[1] + by, e[2]) for e in event.entities),
                   quote=None if event.quote is None else event.quote + quotes_before)


def failure_reason(err: BaseException) -> str:
    """One short line that says why a document failed (the first line of the exception)."""
    if isinstance(err, MemoryError):
        return "out of memory (MemoryError): shorten or split the document"
    lines = str(err).strip().splitlines()
    reason = f"{type(err).__name__}: {lines[0]}" if lines else type(err).__name__
    return reason if len(reason) <= _REASON_CHARS else reason[:_REASON_CHARS - 1] + "…"


def _events(suggester: EventSuggester | None, text: str, entities: list[EntitySuggestion],
            quotes: list[FoundQuote], reference: date | Period | None,
            parsed: SentenceParses | None = None) -> list[FoundEvent]:
    if suggester is None:
        return []
    return suggester.find(text, [(e.start, e.end, e.label) for e in entities], quotes=quotes,
                          dates=[(e.start, e.end, e.value) for e in entities if e.label == DATE_LABEL],
                          published=reference if isinstance(reference, date) else None,
                          **({"syntax": parsed} if parsed is not None else {}))


def _quotes(finder: QuoteFinder | None, text: str, entities: list[EntitySuggestion],
            parsed: SentenceParses | None = None) -> list[FoundQuote]:
    if finder is None:
        return []
    return finder.find(text, [(e.start, e.end, e.label) for e in entities],
                       **({"syntax": parsed} if parsed is not None else {}))


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
        reference)``: the publication date (or the month or year of it, a ``Period``; or None) that
        relative DATE values count from.
    label_map: renames labels of a foreign pipeline (``{"GPE": "LOC"}``); a label mapped to None is
        dropped (``{"MISC": None}``); labels not in the map are kept as they are.
    allowed_labels: after mapping, entities with other labels are dropped (None keeps all).
    Suggestions never begin or end with spaces or punctuation, and are sorted by start; a DATE
    (after mapping) gets ``resolve_date(its text, reference)`` as its value.
    RAISES DocumentFailed: the pipeline failed on a document (the earlier batches were yielded).
    """
    for batch in _batches(nlp, texts, batch_size, label_map, allowed_labels):
        for item in batch:
            if item.error is not None:
                raise DocumentFailed(item.doc_id, failure_reason(item.error)) from item.error
        yield [(item.doc_id, item.entities) for item in batch]


def _batches(nlp: "Language", texts: Iterable[TextItem], batch_size: int, label_map: LabelMap | None,
             allowed_labels: Iterable[str] | None) -> Iterator[list[_Found]]:
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1 (got {batch_size})")
    allowed = None if allowed_labels is None else frozenset(allowed_labels)
    items = iter(texts)
    while True:
        batch = [_checked(item) for item in islice(items, batch_size)]
        if not batch:
            return
        raw = _raw_entities(nlp, [text for _, text, _ in batch], batch_size)
        yield [_found(doc_id, text, reference, entities, label_map, allowed)
               for (doc_id, text, reference), entities in zip(batch, raw, strict=True)]


def _found(doc_id: int, text: str, reference: date | Period | None, raw: list[RawEntity] | Exception,
           label_map: LabelMap | None, allowed: frozenset[str] | None) -> _Found:
    if isinstance(raw, Exception):
        return _Found(doc_id, text, reference, [], raw)
    try:
        return _Found(doc_id, text, reference, _suggestions(raw, text, reference, label_map, allowed))
    except Exception as err:  # noqa: BLE001 - e.g. a date the resolver chokes on: this document only
        return _Found(doc_id, text, reference, [], err)


def _raw_entities(nlp: "Language", texts: list[str], batch_size: int) -> list[list[RawEntity] | Exception]:
    """The entities of each text, or the exception the pipeline raised on it.

    The texts within the limit go through ``nlp.pipe`` together; when that fails, the texts it had
    not returned yet are retried one at a time, so one bad text does not cost the others. A longer
    text is processed in pieces (:func:`_entities_alone`).
    """
    limit = chunk_limit(nlp.max_length)
    results: list[list[RawEntity] | Exception | None] = [None] * len(texts)
    whole = [i for i, text in enumerate(texts) if len(text) <= limit]
    try:
        docs = nlp.pipe([texts[i] for i in whole], batch_size=batch_size, n_process=1)
        for i, doc in zip(whole, docs, strict=True):
            results[i] = _doc_entities(doc, texts[i], 0)
    except Exception:  # noqa: BLE001 - the texts left are retried alone below, and named if they fail
        pass
    return [_entities_alone(nlp, text, limit) if found is None else found
            for text, found in zip(texts, results, strict=True)]


def _entities_alone(nlp: "Language", text: str, limit: int) -> list[RawEntity] | Exception:
    """The entities of one text, run through the pipeline in pieces of at most ``limit``
    characters, their offsets moved back into ``text``; or the exception it raised."""
    ranges = pieces(text, limit)
    try:
        docs = nlp.pipe((text[start:end] for start, end in ranges), batch_size=1, n_process=1)
        return [entity for (start, end), doc in zip(ranges, docs, strict=True)
                for entity in _doc_entities(doc, text[start:end], start)]
    except Exception as err:  # noqa: BLE001 - any failure (a component's bug, MemoryError) names this text only
        return err


def _doc_entities(doc, text: str, offset: int) -> list[RawEntity]:  # type: ignore[no-untyped-def]
    """``doc.ents`` of ``text`` as ``(start, end, label)``, moved by ``offset`` characters; a
    person's name the NER split at a hyphen is one suggestion ("Tommaso Padoa-Schioppa",
    :func:`joined_names`)."""
    found = joined_names(text, [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents])
    return [(offset + start, offset + end, label) for start, end, label in found]


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
              cue_end=q.cue[1] if q.cue else None, origin=origin, status=SUGGESTED, annotator=origin,
              speaker_entity_start=q.entity[0] if q.entity else None,
              speaker_entity_end=q.entity[1] if q.entity else None,
              speaker_entity_label=q.entity[2] if q.entity else None)
        for q in found
    ]


def to_events(doc_id: int, found: Sequence[FoundEvent], origin: str) -> list[Event]:
    """Domain events for the suggestions layer; ``quote_id`` holds the position of the event's
    quotation in the same document's quotations (the store links the stored row)."""
    return [
        Event(doc_id, e.type, SUGGESTIONS, mode=e.mode, trigger_start=e.trigger[0], trigger_end=e.trigger[1],
              args=tuple(_argument(role, start, end, entity)
                         for (role, start, end), entity in zip(e.args, e.entities or (None,) * len(e.args))),
              date=e.date,
              quote_id=e.quote, origin=origin, status=SUGGESTED, annotator=origin)
        for e in found
    ]


def _argument(role: str, start: int, end: int, entity: tuple[int, int, str] | None) -> EventArg:
    if entity is None:
        return EventArg(role, start, end)
    return EventArg(role, start, end, entity_start=entity[0], entity_end=entity[1], entity_label=entity[2])


def _checked(item: TextItem) -> tuple[int, str, date | Period | None]:
    """``(doc_id, text, reference)`` from a pair or a triple; TypeError naming the document."""
    doc_id, text, reference = item if len(item) == 3 else (*item, None)  # type: ignore[misc]
    if not isinstance(text, str):
        raise TypeError(f"document {doc_id}: the text must be a str, not {type(text).__name__}")
    if reference is not None and not isinstance(reference, (date, Period)):
        raise TypeError(f"document {doc_id}: the publication date must be a datetime.date, a Period or None, "
                        f"not {type(reference).__name__}")
    return doc_id, text, reference


def _suggestions(
    raw: list[RawEntity], text: str, reference: date | Period | None, label_map: LabelMap | None,
    allowed: frozenset[str] | None,
) -> list[EntitySuggestion]:
    found: list[EntitySuggestion] = []
    for start, end, raw_label in raw:
        label: str | None = raw_label
        if label_map is not None and label in label_map:
            label = label_map[label]
        if not label or (allowed is not None and label not in allowed):
            continue
        edges = _trim(text, start, end)
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
