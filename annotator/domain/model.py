"""The annotation data model: plain dataclasses shared by every layer.

Offsets are Python ``str`` indices (code points) into ``Document.text``.

Layers: every annotation belongs to a *layer*. An annotator's layer is named after the annotator;
``GOLD`` is the adjudicated layer; ``SUGGESTIONS`` holds what pipelines and rules proposed, shared by
all annotators. An annotator's decision on a suggestion is a row in their own layer that points back
to it (``source_id``): status ``accepted`` (the item is theirs now) or ``rejected`` (hidden for them).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Any

GOLD = "gold"
SUGGESTIONS = "@suggestions"
RESERVED_LAYERS = frozenset({GOLD, SUGGESTIONS})

# Annotation status.
SUGGESTED = "suggested"
ACCEPTED = "accepted"
REJECTED = "rejected"
STATUSES = (SUGGESTED, ACCEPTED, REJECTED)

# Origins that are not a pipeline or rule name.
MANUAL = "manual"
IMPORT = "import"

# Per-annotator document status, in workflow order.
DOC_NEW = "new"
DOC_IN_PROGRESS = "in progress"
DOC_DONE = "done"
DOC_IN_REVIEW = "in review"
DOC_ADJUDICATED = "adjudicated"
DOC_STATUSES = (DOC_NEW, DOC_IN_PROGRESS, DOC_DONE, DOC_IN_REVIEW, DOC_ADJUDICATED)

QUOTE_KINDS = ("direct", "partial", "indirect", "headline")


@dataclass(frozen=True, slots=True)
class Document:
    """An article: the annotated ``text``, the ``raw`` text it was cleaned from, and metadata."""

    id: int | None
    uid: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    raw: str | None = None
    content_hash: str = ""
    imported_from: str | None = None  # the file it came from, when it came from one

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character range of one document in one layer.

    ``value`` normalises what the text says under its label: for a DATE the TIMEX3-style value of
    the expression ("2021-12-17", "2022-01", "2022 START"; see ``annotator.nlp.dates``), else None.
    It is keyword-only, so calls that pass ``source_id`` and ``id`` by position keep working.
    """

    doc_id: int
    start: int
    end: int
    label: str
    layer: str
    origin: str = MANUAL
    status: str = ACCEPTED
    annotator: str = ""
    source_id: int | None = None
    value: str | None = field(default=None, kw_only=True)
    id: int | None = None

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def with_(self, **changes: Any) -> "Span":
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: its content range, optional speaker and cue ranges, and its kind.

    The speaker's *entity* is the named mention the speaker resolves to in the same article: "il
    ministro" or "Lee" stands for "Lee Jae-myung", the fullest name (``speaker_entity_start``,
    ``speaker_entity_end``, ``speaker_entity_label``; all None when unresolved). Its text is the
    document's text at that range. These fields are keyword-only, so calls that pass ``origin`` and
    the rest by position keep working; they are not part of what makes two quotations the same
    annotation (agreement, curation), only of what a quotation says.
    """

    doc_id: int
    start: int
    end: int
    layer: str
    kind: str = "direct"
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_label: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_entity_start: int | None = field(default=None, kw_only=True)
    speaker_entity_end: int | None = field(default=None, kw_only=True)
    speaker_entity_label: str | None = field(default=None, kw_only=True)
    origin: str = MANUAL
    status: str = ACCEPTED
    annotator: str = ""
    source_id: int | None = None
    id: int | None = None

    @property
    def speaker_entity(self) -> "EntityRef | None":
        """The named mention the speaker resolves to, or None."""
        return entity_ref(self.speaker_entity_start, self.speaker_entity_end, self.speaker_entity_label)

    def with_(self, **changes: Any) -> "Quote":
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A named mention of the article that a speaker or an argument resolves to: its range and label."""

    start: int
    end: int
    label: str | None = None


def entity_ref(start: int | None, end: int | None, label: str | None) -> EntityRef | None:
    """The entity stored in three columns, or None when its range is not set."""
    return None if start is None or end is None else EntityRef(start, end, label)


@dataclass(frozen=True, slots=True)
class EventArg:
    """A role-linked argument of an event (actor, recipient, location…), and optionally the named
    entity of the article it resolves to (``entity_start``, ``entity_end``, ``entity_label``: the
    fullest name; keyword-only, so ``EventArg(role, start, end)`` keeps working)."""

    role: str
    start: int
    end: int
    entity_start: int | None = field(default=None, kw_only=True)
    entity_end: int | None = field(default=None, kw_only=True)
    entity_label: str | None = field(default=None, kw_only=True)

    @property
    def entity(self) -> EntityRef | None:
        """The named mention the argument resolves to, or None."""
        return entity_ref(self.entity_start, self.entity_end, self.entity_label)

    def with_entity(self, entity: EntityRef | None) -> "EventArg":
        """This argument resolved to ``entity`` (None: unresolved)."""
        return replace(self, **entity_fields(entity, prefix="entity_"))


def entity_fields(entity: EntityRef | None, *, prefix: str) -> dict[str, Any]:
    """``entity`` as the keyword arguments of its three fields: ``prefix`` "speaker_entity_" for a
    quotation, "entity_" for an argument."""
    if entity is None:
        return {f"{prefix}start": None, f"{prefix}end": None, f"{prefix}label": None}
    return {f"{prefix}start": entity.start, f"{prefix}end": entity.end, f"{prefix}label": entity.label}


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event: type, mode, contexts, trigger range, arguments, date, optional quotation link."""

    doc_id: int
    type: str
    layer: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    trigger_start: int | None = None
    trigger_end: int | None = None
    args: tuple[EventArg, ...] = ()
    date: str | None = None
    quote_id: int | None = None
    comment: str | None = None
    origin: str = MANUAL
    status: str = ACCEPTED
    annotator: str = ""
    source_id: int | None = None
    id: int | None = None
    # the linked quotation's content range when the link comes from a file, where ids mean nothing;
    # the store turns it into ``quote_id`` (not a column, not compared)
    quote_range: tuple[int, int] | None = field(default=None, compare=False, kw_only=True)

    def with_(self, **changes: Any) -> "Event":
        return replace(self, **changes)


def is_annotator_layer(layer: str) -> bool:
    """True for a layer that belongs to a person (not gold, not the shared suggestions)."""
    return layer not in RESERVED_LAYERS


def visible_spans(layer_spans: list[Span], suggestions: list[Span]) -> list[Span]:
    """What one annotator sees: their accepted spans plus the suggestions they have not decided on.

    A suggestion is hidden when the annotator accepted or rejected it (a row with its ``source_id``)
    or when it overlaps one of the annotator's accepted spans (entities do not overlap in a layer).
    Runs in O((n + m) log n) so documents with thousands of spans stay fast.
    """
    accepted = sorted((s for s in layer_spans if s.status == ACCEPTED), key=lambda s: s.start)
    starts = [s.start for s in accepted]
    # max end among accepted spans up to index i, to answer "does any accepted span overlap?"
    max_end: list[int] = []
    running = -1
    for s in accepted:
        running = max(running, s.end)
        max_end.append(running)
    decided = {s.source_id for s in layer_spans if s.source_id is not None}

    def covered(start: int, end: int) -> bool:
        i = bisect_left(starts, end) - 1  # last accepted span starting before `end`
        return i >= 0 and max_end[i] > start

    pending = [s for s in suggestions if s.id not in decided and not covered(s.start, s.end)]
    return sorted(accepted + pending, key=lambda s: (s.start, s.end))
