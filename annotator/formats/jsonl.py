"""The annotator JSONL: the complete export, one record per document and layer, and its reading back.

Every record has exactly these keys (see docs/architecture.md)::

    {"id", "text", "meta", "annotator", "status", "spans", "quotes", "events", "rejected",
     "_input_hash", "_task_hash", "answer"}

- ``id`` is the document's uid, ``meta`` its stored metadata (title, url, source, published and
  whatever the import brought). Offsets are Python ``str`` indices into ``text``.
- Records, per document, in this order:

  * one per annotator layer that has accepted annotations or a document status other than "new":
    ``"annotator"`` is the person, ``"status"`` their status of the document;
  * with ``gold=True``, one for the gold layer: ``"annotator": "gold"``;
  * with ``include_suggestions=True``, one per suggesting pipeline or rule: ``"annotator"`` is that
    origin (``name@version``), ``"status": "suggested"`` marks the record as suggestions, and every
    span carries its ``"origin"``. Only *pending* suggestions are there: those that one of the
    annotators whose records the document has in this export has not decided yet (accepted, rejected
    or replaced with an own annotation; with no such annotator, every suggestion). An accepted one is
    in that annotator's ``spans``, a rejected one in their ``rejected``. ``all_suggestions=True``
    (what ``annotator merge`` reads) keeps every suggestion instead, so that the annotators of the
    project they go to are offered them too;
  * a document with none of the first two kinds (nobody annotated it) appears once with
    ``"annotator": null``, ``"status": null`` and empty lists — unless the export was filtered with
    ``annotators`` or ``status``, which keep only matching records.

- Filters: ``annotators`` keeps those annotators' records (the name "gold" selects the gold layer, so
  ``annotators=["gold"]`` exports the gold layer alone); ``gold=True`` adds the gold layer's records;
  ``status`` keeps records whose annotator has that status for the document (suggestion records follow
  the documents they belong to); ``labels`` keeps only spans with those labels.
- ``rejected``: ``{"spans": [...], "quotes": [...], "events": [...]}``, what the record's annotator
  rejected (suggestions they said are wrong), each item as in ``spans``, ``quotes`` and ``events``
  and with its ``"origin"`` (the pipeline or rule that suggested it); the ``labels`` filter applies to
  its spans. Empty lists in gold, suggestion and nobody's records unless they hold rejections.
  spaCy's NER learns from them (see :mod:`annotator.formats.spacy_docbin`).
- ``answer`` (Prodigy's field): ``"accept"`` for gold records and for annotator records whose status is
  done, in review or adjudicated (finished work, fit for training); ``"ignore"`` for everything else
  (work in progress, suggestions, unannotated documents), which Prodigy-style trainers skip.
- ``_input_hash`` is a signed 32-bit int from the text; ``_task_hash`` also covers the annotations
  (labels, offsets, values, kinds, speakers and their entities, cues, events; not origins, not the
  rejections).
- A quotation's ``speaker`` and an event's argument resolved to the named entity they stand for in
  the article (the fullest name: "il ministro" is "Lee Jae-myung") have an ``"entity"`` key, ``{"start",
  "end", "text", "label"}``, after their own keys; unresolved ones have no such key (a reader takes
  ``null`` as unresolved too). It is read back with the same checks as any range of the record.
- A span with a normalised value (a DATE's TIMEX3-style "2021-12-17", see ``annotator.nlp.dates``)
  has a ``"value"`` key after ``"origin"``; spans without one have no such key.

Reading back: :func:`record_to_items` maps one record to domain items with the same rules, so an
export imported into a fresh project exports again to the same records. Spans keep the ``origin`` the
record gives them (an imported span without one gets "import"); quotes and events, which carry no
origin in this format, get "import" (or the suggesting origin in a suggestion record). The items of
``rejected`` become rejected items of the record's layer with the origin they give (else "import");
the import links each to the matching suggestion of the project when there is one, so that it stays
hidden for that annotator (:mod:`annotator.services.importing`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, Union

from ..domain.event_commands import visible_events
from ..domain.event_schema import EventSchema
from ..domain.labels import LabelSchema
from ..domain.model import (
    ACCEPTED,
    DOC_ADJUDICATED,
    DOC_DONE,
    DOC_IN_REVIEW,
    DOC_NEW,
    DOC_STATUSES,
    GOLD,
    IMPORT,
    QUOTE_KINDS,
    REJECTED,
    SUGGESTED,
    SUGGESTIONS,
    Document,
    EntityRef,
    Event,
    EventArg,
    Quote,
    Span,
    entity_fields,
    visible_spans,
)
from ..domain.quote_commands import visible_quotes
from .atomic import atomic_write

Item = Union[Span, Quote, Event]

KEYS = ("id", "text", "meta", "annotator", "status", "spans", "quotes", "events", "rejected",
        "_input_hash", "_task_hash", "answer")
KINDS = ("spans", "quotes", "events")  # the keys of "rejected", in this order
READ_STATUSES = (ACCEPTED, SUGGESTED, REJECTED)  # an export reads decisions too: they say what is pending
SUGGESTION_STATUS = SUGGESTED  # the "status" of a record that holds a pipeline's suggestions
FINISHED = frozenset({DOC_DONE, DOC_IN_REVIEW, DOC_ADJUDICATED})

Progress = Callable[[int, int], None]  # (documents done, documents in all)


class RecordError(ValueError):
    """A record cannot be imported; the message says what is wrong and what to do."""


@dataclass(frozen=True, slots=True)
class ExportReport:
    documents: int
    records: int


class AnnotatedSource(Protocol):
    """What the exporter needs from a project (``annotator.store.Project`` provides it)."""

    def count_documents(self) -> int: ...

    def iter_annotated_documents(self, *, batch: int = 500, statuses: Any = ...) -> Iterator[Any]: ...


# --- hashes ---------------------------------------------------------------------------------------


def _signed32(digest: bytes) -> int:
    return int.from_bytes(digest[:4], "big", signed=True)


def _text_digest(text: str) -> str:
    """The SHA-1 of the text (hex); the store keeps the same value as a document's ``content_hash``."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def input_hash(text: str, *, digest: str | None = None) -> int:
    """A stable signed 32-bit hash of the text (Prodigy's ``_input_hash``): the first 4 bytes of its
    SHA-1. ``digest``, the text's SHA-1 in hex when already known, saves hashing the text again."""
    return _signed32(bytes.fromhex((digest or _text_digest(text))[:8]))


def task_hash(text: str, spans: list[dict], quotes: list[dict], events: list[dict], *,
              digest: str | None = None) -> int:
    """A stable signed 32-bit hash of the text and its annotations (origins left out)."""
    plain = [{k: v for k, v in s.items() if k != "origin"} for s in spans]
    payload = (digest or _text_digest(text)) + json.dumps([plain, quotes, events], ensure_ascii=False, sort_keys=True)
    return _signed32(hashlib.sha1(payload.encode("utf-8")).digest())


# --- items -> record ------------------------------------------------------------------------------


def _range(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def span_json(text: str, span: Span) -> dict[str, Any]:
    """A span record; ``"value"`` (a DATE's "2021-12-17") only when the span has one."""
    record = {"start": span.start, "end": span.end, "label": span.label, "text": text[span.start:span.end],
              "origin": span.origin}
    if span.value is not None:
        record["value"] = span.value
    return record


def entity_json(text: str, entity: EntityRef) -> dict[str, Any]:
    """The named mention a speaker or an argument resolves to: ``{"start", "end", "text", "label"}``."""
    return {**_range(text, entity.start, entity.end), "label": entity.label}


def quote_json(text: str, quote: Quote) -> dict[str, Any]:
    """A quotation as the JSONL writes it; its speaker has an ``"entity"`` only when resolved."""
    speaker = None
    if quote.speaker_start is not None and quote.speaker_end is not None:
        speaker = {**_range(text, quote.speaker_start, quote.speaker_end), "label": quote.speaker_label}
        if quote.speaker_entity is not None:
            speaker["entity"] = entity_json(text, quote.speaker_entity)
    cue = None
    if quote.cue_start is not None and quote.cue_end is not None:
        cue = _range(text, quote.cue_start, quote.cue_end)
    return {"start": quote.start, "end": quote.end, "text": text[quote.start:quote.end], "kind": quote.kind,
            "speaker": speaker, "cue": cue}


def event_json(text: str, event: Event, quotes: Mapping[int, Quote] | None = None) -> dict[str, Any]:
    """An event as the JSONL writes it; ``quotes`` (the document's, by id) resolve its quotation
    link to the quotation's range, which is how a file names it."""
    trigger = None
    if event.trigger_start is not None and event.trigger_end is not None:
        trigger = _range(text, event.trigger_start, event.trigger_end)
    linked = (quotes or {}).get(event.quote_id) if event.quote_id is not None else None
    quote = _range(text, linked.start, linked.end) if linked is not None else (
        _range(text, *event.quote_range) if event.quote_range else None)
    return {
        "type": event.type,
        "mode": event.mode,
        "context": list(event.context),
        "trigger": trigger,
        "args": [arg_json(text, a) for a in event.args],
        "date": event.date,
        "quote": quote,
    }


def arg_json(text: str, arg: EventArg) -> dict[str, Any]:
    """An event argument: ``{"role", "start", "end", "text"}``, and ``"entity"`` when resolved."""
    record = {"role": arg.role, **_range(text, arg.start, arg.end)}
    if arg.entity is not None:
        record["entity"] = entity_json(text, arg.entity)
    return record


def make_record(
    document: Document,
    *,
    annotator: str | None,
    status: str | None,
    spans: Iterable[Span] = (),
    quotes: Iterable[Quote] = (),
    events: Iterable[Event] = (),
    linkable: Mapping[int, Quote] | None = None,
    rejected: Iterable[Item] = (),
) -> dict[str, Any]:
    """One JSONL record for ``document`` (keys in the documented order); ``linkable`` are the
    document's quotations by id, any layer, that events may link to (default: ``quotes``);
    ``rejected`` the layer's rejected items (spans, quotations and events, any order)."""
    text = document.text
    digest = document.content_hash if len(document.content_hash) == 40 else _text_digest(text)
    quotes = list(quotes)
    span_list = [span_json(text, s) for s in spans]
    quote_list = [quote_json(text, q) for q in quotes]
    by_id = linkable if linkable is not None else {q.id: q for q in quotes if q.id is not None}
    event_list = [event_json(text, e, by_id) for e in events]
    rejected_lists: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for item in rejected:
        if isinstance(item, Span):
            rejected_lists["spans"].append(span_json(text, item))
        elif isinstance(item, Quote):
            rejected_lists["quotes"].append({**quote_json(text, item), "origin": item.origin})
        else:
            rejected_lists["events"].append({**event_json(text, item, by_id), "origin": item.origin})
    if annotator == GOLD:
        answer = "accept"
    elif annotator is not None and status in FINISHED:
        answer = "accept"
    else:
        answer = "ignore"
    return {
        "id": document.uid,
        "text": text,
        "meta": document.meta,
        "annotator": annotator,
        "status": status,
        "spans": span_list,
        "quotes": quote_list,
        "events": event_list,
        "rejected": rejected_lists,
        "_input_hash": input_hash(text, digest=digest),
        "_task_hash": task_hash(text, span_list, quote_list, event_list, digest=digest),
        "answer": answer,
    }


def _by_layer(items: Iterable[Item]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for item in items:
        out.setdefault(item.layer, []).append(item)
    return out


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """The export filters of the module docstring, resolved once for a whole export and shared by
    every exporter, so all filter alike."""

    wanted: frozenset[str] | None
    status: str | None
    include_suggestions: bool
    want_gold: bool
    labels: frozenset[str] | None
    all_suggestions: bool = False  # every suggestion, decided or not (merge), not only the pending ones

    @property
    def filtered(self) -> bool:
        """Whether the export keeps only matching records (no record for unannotated documents)."""
        return bool(self.wanted) or self.status is not None

    def layers(self, annotated: Any) -> list[str]:
        """The layers to write for one annotated document: annotators with accepted items (spans of
        ``labels`` only, when given) or a status other than new, narrowed to ``wanted``; then gold
        when asked and present; then only those whose status is ``status``."""
        statuses: dict[str, str] = annotated.statuses
        labels = self.labels
        touched = {s.layer for s in annotated.spans if s.status == ACCEPTED and (labels is None or s.label in labels)}
        touched |= {i.layer for i in (*annotated.quotes, *annotated.events) if i.status == ACCEPTED}
        people = (touched | {a for a, st in statuses.items() if st != DOC_NEW}) - {GOLD, SUGGESTIONS}
        layers = sorted(people if self.wanted is None else people & self.wanted)
        if self.want_gold and (GOLD in touched or statuses.get(GOLD, DOC_NEW) != DOC_NEW):
            layers.append(GOLD)
        return [layer for layer in layers if self.status is None or statuses.get(layer, DOC_NEW) == self.status]


def export_selection(
    project: AnnotatedSource,
    *,
    annotators: Collection[str] | None = None,
    status: str | None = None,
    include_suggestions: bool = False,
    gold: bool = False,
    labels: Collection[str] | None = None,
    progress: Progress | None = None,
    batch_size: int = 500,
    all_suggestions: bool = False,
    **options: Any,
) -> tuple[ExportFilter, Iterator[Any]]:
    """The export's filter and its documents, streamed ``batch_size`` at a time in constant memory;
    ``progress`` is told after each batch and at the end. ``options`` are other formats' options
    (spacy's ``split``), which every exporter passes on with the filters: they change nothing here."""
    wanted = frozenset(annotators) if annotators else None
    selection = ExportFilter(
        wanted=wanted,
        status=status,
        include_suggestions=include_suggestions,
        want_gold=gold or (wanted is not None and GOLD in wanted),
        labels=frozenset(labels) if labels is not None else None,
        all_suggestions=all_suggestions,
    )
    return selection, _documents(project, progress, batch_size)


def _documents(project: AnnotatedSource, progress: Progress | None, batch_size: int) -> Iterator[Any]:
    total = project.count_documents() if progress else 0
    for done, annotated in enumerate(project.iter_annotated_documents(batch=batch_size, statuses=READ_STATUSES), 1):
        yield annotated
        if progress and (done % batch_size == 0 or done == total):
            progress(done, total)


def iter_records(project: AnnotatedSource, **filters: Any) -> Iterator[dict[str, Any]]:
    """The export's records, document by document, in constant memory (see the module docstring);
    ``filters`` are :func:`export_selection`'s."""
    selection, documents = export_selection(project, **filters)
    label_set = selection.labels
    for annotated in documents:
        doc = annotated.document
        statuses: dict[str, str] = annotated.statuses
        accepted_spans = [s for s in annotated.spans if s.status == ACCEPTED]
        if label_set is not None:
            accepted_spans = [s for s in accepted_spans if s.label in label_set]
        spans = _by_layer(accepted_spans)
        linkable = {q.id: q for q in annotated.quotes if q.id is not None and q.status != REJECTED}
        quotes = _by_layer(q for q in annotated.quotes if q.status == ACCEPTED)
        events = _by_layer(e for e in annotated.events if e.status == ACCEPTED)
        rejected = _by_layer(i for i in (*annotated.spans, *annotated.quotes, *annotated.events)
                             if i.status == REJECTED and (label_set is None or not isinstance(i, Span)
                                                          or i.label in label_set))

        written: list[str] = []
        for layer in selection.layers(annotated):
            yield make_record(doc, annotator=layer, status=statuses.get(layer, DOC_NEW), spans=spans.get(layer, ()),
                              linkable=linkable, quotes=quotes.get(layer, ()), events=events.get(layer, ()),
                              rejected=rejected.get(layer, ()))
            written.append(layer)
        if not written and not selection.filtered:
            yield make_record(doc, annotator=None, status=None)
        if selection.include_suggestions and (written or not selection.filtered):
            people = () if selection.all_suggestions else [w for w in written if w != GOLD]
            yield from _suggestion_records(doc, annotated, label_set, people)


def write_records(path: str | Path, records: Iterable[dict[str, Any]], *, document_key: str,
                  ascii_only: bool = False) -> ExportReport:
    """Write JSON lines atomically; counts records and documents (runs of the same ``document_key``).
    ``ascii_only``: every character beyond ASCII as a JSON escape (for readers that guess encodings)."""
    documents = written = 0
    last_id: Any = object()
    dumps = json.JSONEncoder(ensure_ascii=ascii_only).encode
    with atomic_write(path) as out:
        for record in records:
            out.write(dumps(record))
            out.write("\n")
            written += 1
            if record[document_key] != last_id:
                documents += 1
                last_id = record[document_key]
    return ExportReport(documents=documents, records=written)


def pending_suggestions(annotated: Any, people: Collection[str]) -> set[tuple[str, int]]:
    """``(kind, id)`` of the document's suggestions still pending for at least one of ``people``
    (annotator layers; none: every suggestion): not accepted, rejected or replaced by their own
    annotation — what the annotator would still see as a suggestion in the app."""
    suggested = {kind: [i for i in getattr(annotated, kind) if i.layer == SUGGESTIONS and i.status == SUGGESTED]
                 for kind in KINDS}
    if not people:
        return {(kind, i.id) for kind, items in suggested.items() for i in items}
    found: set[tuple[str, int]] = set()
    for person in people:
        own = {kind: [i for i in getattr(annotated, kind) if i.layer == person] for kind in KINDS}
        for kind, shown in (("spans", visible_spans(own["spans"], suggested["spans"])),
                            ("quotes", visible_quotes(own["quotes"], suggested["quotes"])),
                            ("events", visible_events(own["events"], suggested["events"]))):
            found |= {(kind, i.id) for i in shown if i.layer == SUGGESTIONS}
    return found


def _suggestion_records(doc: Document, annotated: Any, label_set: frozenset[str] | None,
                        people: Collection[str]) -> Iterator[dict[str, Any]]:
    linkable = {q.id: q for q in annotated.quotes if q.id is not None and q.status != REJECTED}
    wanted = pending_suggestions(annotated, people)
    pending: dict[str, dict[str, list[Any]]] = {}
    for kind, items in (("spans", annotated.spans), ("quotes", annotated.quotes), ("events", annotated.events)):
        for item in items:
            if item.layer != SUGGESTIONS or item.status != SUGGESTED or (kind, item.id) not in wanted:
                continue
            if kind == "spans" and label_set is not None and item.label not in label_set:
                continue
            pending.setdefault(item.origin, {"spans": [], "quotes": [], "events": []})[kind].append(item)
    for origin in sorted(pending):
        found = pending[origin]
        yield make_record(doc, annotator=origin, status=SUGGESTION_STATUS, spans=found["spans"], linkable=linkable,
                          quotes=found["quotes"], events=found["events"])


def export_jsonl(project: AnnotatedSource, path: str | Path, **filters: Any) -> ExportReport:
    """Write the annotator JSONL of ``project`` to ``path`` atomically; returns what was written."""
    return write_records(path, iter_records(project, **filters), document_key="id")


# --- record -> items ------------------------------------------------------------------------------


def _label_names(labels: LabelSchema | Collection[str] | None) -> tuple[set[str] | None, str]:
    if labels is None:
        return None, ""
    if isinstance(labels, LabelSchema):
        return set(labels.names()), f" ({labels.source})"
    return set(labels), ""


def _snippet(value: str, limit: int = 40) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_range(text: str, obj: Any, what: str) -> tuple[int, int]:
    if not isinstance(obj, dict):
        raise RecordError(f"{what} is not an object with start and end: fix the record")
    start, end = obj.get("start"), obj.get("end")
    if not (_int(start) and _int(end)):
        raise RecordError(f"{what} needs integer start and end (got {start!r}, {end!r}): fix the record")
    if not 0 <= start < end <= len(text):
        raise RecordError(
            f"{what} has offsets {start}-{end} outside the text (length {len(text)}, start < end):"
            " fix the offsets in the record"
        )
    expected = obj.get("text")
    if expected is not None and expected != text[start:end]:
        raise RecordError(
            f"{what} says “{_snippet(str(expected))}” but the text at {start}-{end} is "
            f"“{_snippet(text[start:end])}”: fix the offsets or the text in the record"
        )
    return start, end


def _check_label(label: Any, what: str, names: set[str] | None, source: str) -> str:
    if not isinstance(label, str) or not label:
        raise RecordError(f"{what} has no label: fix the record")
    if names is not None and label not in names:
        raise RecordError(
            f"{what} has the label {label}, which is not in the label schema{source}:"
            " add it to the label schema or fix the record"
        )
    return label


def _list(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f"\"{key}\" must be a list (got {type(value).__name__}): fix the record")
    return value


def _rejected_lists(record: dict[str, Any]) -> tuple[list[Any], list[Any], list[Any]]:
    """The ``spans``, ``quotes`` and ``events`` lists of a record's ``rejected`` (absent: empty)."""
    rejected = record.get("rejected")
    if rejected is None:
        return [], [], []
    if not isinstance(rejected, dict):
        raise RecordError("\"rejected\" must be an object with spans, quotes and events lists: fix the record")
    lists = [_list(rejected, kind) for kind in KINDS]
    return lists[0], lists[1], lists[2]


def record_to_items(
    record: dict[str, Any],
    *,
    doc_id: int,
    text: str,
    default_annotator: str | None,
    labels: LabelSchema | Collection[str] | None,
    events: EventSchema | None = None,
) -> tuple[str | None, str | None, list[Item]]:
    """Map one JSONL record to ``(layer, document status, items)`` for document ``doc_id``.

    ``text`` is the document text the offsets refer to (the record's own text). The layer is the
    record's "annotator" ("gold" is the gold layer; a record whose status is "suggested" holds
    suggestions), else ``default_annotator``. A record without annotator and without annotations gives
    ``(None, None, [])``. ``events``, when given, is the event schema every event's type, mode,
    contexts and roles must belong to. Raises :class:`RecordError` naming the first bad annotation
    and what to do.
    """
    if not isinstance(record, dict):
        raise RecordError("the line is not a JSON object: fix the record")
    names, source = _label_names(labels)
    raw_spans, raw_quotes, raw_events = _list(record, "spans"), _list(record, "quotes"), _list(record, "events")
    rejected_spans, rejected_quotes, rejected_events = _rejected_lists(record)
    annotator = record.get("annotator")
    status = record.get("status")
    if annotator is not None and (not isinstance(annotator, str) or not annotator.strip()):
        raise RecordError(f"\"annotator\" must be a name or null (got {annotator!r}): fix the record")
    if status is not None and status != SUGGESTION_STATUS and status not in DOC_STATUSES:
        raise RecordError(
            f"unknown status {status!r} (expected one of {', '.join(DOC_STATUSES)}, or null): fix the record"
        )

    suggestions = status == SUGGESTION_STATUS
    if suggestions:
        layer, item_status, doc_status = SUGGESTIONS, SUGGESTED, None
        person = origin = annotator or IMPORT  # a suggestion's author is its origin
    else:
        if annotator is None:
            if not (raw_spans or raw_quotes or raw_events or rejected_spans or rejected_quotes or rejected_events):
                return None, None, []
            if not default_annotator:
                raise RecordError("the record names no annotator: give one with --annotator NAME")
            annotator = default_annotator
        if annotator != GOLD and (annotator.startswith("@") or annotator == SUGGESTIONS):
            raise RecordError(f"\"{annotator}\" is a reserved name, not an annotator: fix the record")
        layer, item_status, doc_status = annotator, ACCEPTED, status
        person = annotator if annotator != GOLD else (default_annotator or GOLD)
        origin = IMPORT

    items = _read_items(text, raw_spans, raw_quotes, raw_events, doc_id=doc_id, layer=layer, status=item_status,
                        origin=origin, person=person, suggestions=suggestions, names=names, source=source,
                        events=events)
    if rejected_spans or rejected_quotes or rejected_events:
        if suggestions:
            raise RecordError("a record of suggestions holds no rejections (\"rejected\" must be empty): fix the"
                              " record")
        items += _read_items(text, rejected_spans, rejected_quotes, rejected_events, doc_id=doc_id, layer=layer,
                             status=REJECTED, origin=IMPORT, person=person, suggestions=False, names=names,
                             source=source, events=events, what="rejected ")
    return layer, doc_status, items


def _read_items(text: str, raw_spans: list[Any], raw_quotes: list[Any], raw_events: list[Any], *, doc_id: int,
                layer: str, status: str, origin: str, person: str, suggestions: bool, names: set[str] | None,
                source: str, events: EventSchema | None, what: str = "") -> list[Item]:
    """The items of one record's ``spans``, ``quotes`` and ``events`` lists (or of its ``rejected``
    ones: ``what`` "rejected " names them in messages), with ``status``; an item's own ``"origin"``
    wins over ``origin`` (quotes and events have one only among the rejected)."""
    prefix = what
    items: list[Item] = []
    for i, raw in enumerate(raw_spans, 1):
        what = f"{prefix}span {i}"
        start, end = _check_range(text, raw, what)
        label = _check_label(raw.get("label"), f"{what} (“{_snippet(text[start:end])}”)", names, source)
        own = raw.get("origin")
        span_origin = own if isinstance(own, str) and own else origin
        value = raw.get("value")
        if value is not None and not isinstance(value, str):
            raise RecordError(f"{what} (“{_snippet(text[start:end])}”): \"value\" must be a string such as "
                              "2021-12-17, or null: fix the record")
        items.append(Span(doc_id, start, end, label, layer, span_origin, status,
                          span_origin if suggestions else person, value=value or None))
    for i, raw in enumerate(raw_quotes, 1):
        what = f"{prefix}quote {i}"
        start, end = _check_range(text, raw, what)
        kind = raw.get("kind") or "direct"
        if kind not in QUOTE_KINDS:
            raise RecordError(f"{what} has the kind {kind!r} (expected one of {', '.join(QUOTE_KINDS)}): fix the record")
        speaker, cue = raw.get("speaker"), raw.get("cue")
        s_start = s_end = s_label = c_start = c_end = None
        entity = None
        if speaker is not None:
            s_start, s_end = _check_range(text, speaker, f"the speaker of {what}")
            if speaker.get("label") is not None:
                s_label = _check_label(speaker.get("label"), f"the speaker of {what}", names, source)
            entity = _read_entity(text, speaker, f"the speaker of {what}", names, source)
        if cue is not None:
            c_start, c_end = _check_range(text, cue, f"the cue of {what}")
        items.append(Quote(doc_id, start, end, layer, kind, s_start, s_end, s_label, c_start, c_end,
                           _own_origin(raw, origin), status, person,
                           **entity_fields(entity, prefix="speaker_entity_")))
    for i, raw in enumerate(raw_events, 1):
        what = f"{prefix}event {i}"
        if not isinstance(raw, dict):
            raise RecordError(f"{what} is not an object: fix the record")
        etype = raw.get("type")
        if not isinstance(etype, str) or not etype:
            raise RecordError(f"{what} has no type: fix the record")
        what = f"{prefix}event {i} ({etype})"
        mode, date = raw.get("mode"), raw.get("date")
        if mode is not None and not isinstance(mode, str):
            raise RecordError(f"{what}: \"mode\" must be a string or null: fix the record")
        if date is not None and not isinstance(date, str):
            raise RecordError(f"{what}: \"date\" must be a string such as 2021-12-30, or null: fix the record")
        context = raw.get("context") or []
        if isinstance(context, str):
            context = [context]
        if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
            raise RecordError(f"{what}: \"context\" must be a list of tags: fix the record")
        t_start = t_end = None
        if raw.get("trigger") is not None:
            t_start, t_end = _check_range(text, raw["trigger"], f"the trigger of {what}")
        args = []
        raw_args = raw.get("args") or []
        if not isinstance(raw_args, list):
            raise RecordError(f"{what}: \"args\" must be a list: fix the record")
        for j, arg in enumerate(raw_args, 1):
            a_start, a_end = _check_range(text, arg, f"argument {j} of {what}")
            role = arg.get("role")
            if not isinstance(role, str) or not role:
                raise RecordError(f"argument {j} of {what} has no role: fix the record")
            entity = _read_entity(text, arg, f"argument {j} of {what}", names, source)
            args.append(EventArg(role, a_start, a_end, **entity_fields(entity, prefix="entity_")))
        quote_range = None
        if raw.get("quote") is not None:
            quote_range = _check_range(text, raw["quote"], f"the quotation of {what}")
        event = Event(doc_id, etype, layer, mode, tuple(context), t_start, t_end, tuple(args), date,
                      origin=_own_origin(raw, origin), status=status, annotator=person,
                      quote_range=quote_range)
        _check_event_names(event, what, events)
        items.append(event)
    return items


def _read_entity(text: str, mention: dict[str, Any], what: str, names: set[str] | None,
                 source: str) -> EntityRef | None:
    """The ``"entity"`` of a speaker or an argument (absent or null: unresolved), checked like any range
    of the record; its label, when given, must be one of the label schema's."""
    raw = mention.get("entity")
    if raw is None:
        return None
    where = f"the entity of {what}"
    if not isinstance(raw, dict):
        raise RecordError(f"{where} is not an object with start, end and label: fix the record")
    start, end = _check_range(text, raw, where)
    label = raw.get("label")
    if label is not None:
        label = _check_label(label, f"{where} (“{_snippet(text[start:end])}”)", names, source)
    return EntityRef(start, end, label)


def _own_origin(raw: dict[str, Any], default: str) -> str:
    own = raw.get("origin")
    return own if isinstance(own, str) and own else default


def _check_event_names(event: Event, what: str, schema: EventSchema | None) -> None:
    """Refuse an event whose type, mode, contexts or roles ``schema`` does not define."""
    if schema is None:
        return
    unknown = schema.unknown_names(event)
    if unknown:
        raise RecordError(f"{what}: {'; '.join(unknown)}: fix the record, or add the names to the event "
                          f"schema ({schema.source}) and import again")


def item_key(item: Item) -> tuple[Any, ...]:
    """What makes two items of one layer "the same annotation" (ids, origins and authors aside)."""
    if isinstance(item, Span):
        return ("span", item.start, item.end, item.label)
    if isinstance(item, Quote):
        return ("quote", item.start, item.end, item.kind, item.speaker_start, item.speaker_end,
                item.speaker_label, item.cue_start, item.cue_end)
    return ("event", item.type, item.mode, tuple(item.context), item.trigger_start, item.trigger_end,
            tuple((a.role, a.start, a.end) for a in item.args), item.date)
