"""Undoable edits of quotations, and what one annotator sees of them.

The rules are those of :mod:`annotator.domain.item_commands` (shared with events); this module names
the edits for the undo menu. Every builder returns a :class:`~annotator.domain.commands.Command`;
none touches storage.
"""

from __future__ import annotations

from collections.abc import Sequence

from .commands import Command, apply_to_items, unlinked_events
from .item_commands import accept_all_items, accept_item, create_item, delete_item, edit_item, visible_items
from .model import ACCEPTED, MANUAL, QUOTE_KINDS, EntityRef, Event, Quote, entity_fields

__all__ = [
    "accept_quote", "accept_all_quotes", "apply_to_quotes", "create_quote", "delete_quote", "edit_quote",
    "next_kind", "set_speaker_entity", "visible_quotes",
]

_SPEAKER_ENTITY = ("speaker_entity_start", "speaker_entity_end", "speaker_entity_label")


def visible_quotes(layer_quotes: list[Quote], suggestions: list[Quote]) -> list[Quote]:
    """The annotator's accepted quotations plus the suggestions they have not decided on; a
    suggestion is also hidden when one of their own quotations covers most of its words."""

    def covers(own: Quote, suggested: Quote) -> bool:
        shared = min(own.end, suggested.end) - max(own.start, suggested.start)
        return shared > (suggested.end - suggested.start) / 2

    return sorted(visible_items(layer_quotes, suggestions, covers), key=lambda q: (q.start, q.end))


def _excerpt(text: str, quote: Quote, limit: int = 40) -> str:
    snippet = text[quote.start:quote.end].replace("\n", " ")
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"


def create_quote(*, text: str, doc_id: int, start: int, end: int, layer: str, annotator: str, doc_status: str,
                 kind: str = "direct") -> Command:
    """A new quotation of ``[start, end)`` in the annotator's layer (speaker and cue set later)."""
    if kind not in QUOTE_KINDS:
        raise ValueError(f"unknown quotation kind {kind!r}; use one of {', '.join(QUOTE_KINDS)}")
    quote = Quote(doc_id, start, end, layer, kind, origin=MANUAL, status=ACCEPTED, annotator=annotator)
    return create_item(quote, title=f"New quotation “{_excerpt(text, quote)}”", annotator=annotator,
                       doc_status=doc_status)


def edit_quote(*, text: str, quote: Quote, what: str, layer: str, annotator: str, doc_status: str,
               **changes: object) -> Command:
    """Change a quotation's speaker, cue or kind (``changes`` are Quote fields); a suggestion is
    accepted with the change. ``what`` names the edit for the undo menu ("Set speaker").

    The speaker's entity goes along with every change but one: a speaker moved to other words (or
    taken away) without a new entity in ``changes`` loses it, since it was what the old words named."""
    moved = ("speaker_start" in changes or "speaker_end" in changes) and (
        changes.get("speaker_start", quote.speaker_start), changes.get("speaker_end", quote.speaker_end)
    ) != (quote.speaker_start, quote.speaker_end)
    if moved and not any(key in changes for key in _SPEAKER_ENTITY):
        changes.update(entity_fields(None, prefix="speaker_entity_"))
    return edit_item(quote, title=f"{what} of “{_excerpt(text, quote)}”", layer=layer, annotator=annotator,
                     doc_status=doc_status, **changes)


def set_speaker_entity(*, text: str, quote: Quote, entity: EntityRef | None, layer: str, annotator: str,
                       doc_status: str) -> Command:
    """Resolve the quotation's speaker to ``entity``, the named mention of the article it stands for
    (another one picked with one click), or to nothing (None); a suggestion is accepted with it."""
    if entity is not None and quote.speaker_start is None:
        raise ValueError("the quotation has no speaker to resolve: set its speaker first")
    words = _excerpt(text, quote)
    title = (f"The speaker of “{words}” is “{text[entity.start:entity.end][:30]}”" if entity is not None
             else f"Clear the speaker's entity of “{words}”")
    return edit_item(quote, title=title, layer=layer, annotator=annotator, doc_status=doc_status,
                     **entity_fields(entity, prefix="speaker_entity_"))


def accept_quote(*, text: str, quote: Quote, layer: str, annotator: str, doc_status: str) -> Command:
    """Accept a suggested quotation into the annotator's layer, as it is."""
    return accept_item(quote, title=f"Accept quotation “{_excerpt(text, quote)}”", layer=layer,
                       annotator=annotator, doc_status=doc_status)


def accept_all_quotes(*, visible: list[Quote], doc_id: int, layer: str, annotator: str, doc_status: str) -> Command:
    """Accept every pending quotation suggestion of the document."""
    return accept_all_items(visible, title="Accept all {n} quotation suggestions", doc_id=doc_id, layer=layer,
                            annotator=annotator, doc_status=doc_status)


def delete_quote(*, text: str, quote: Quote, layer: str, annotator: str, doc_status: str,
                 events: Sequence[Event] = ()) -> Command:
    """Remove a quotation from the annotator's view; a suggestion (accepted or not) becomes rejected.
    Events of ``events`` (the layer's) that cite it lose the link in the same command, so undo
    gives it back."""
    words = _excerpt(text, quote)
    cmd = delete_item(quote, title=f"Delete quotation “{words}”", reject_title=f"Reject quotation “{words}”",
                      layer=layer, annotator=annotator, doc_status=doc_status)
    if quote.id is not None:
        cmd.updated += unlinked_events(events, {quote.id})
    return cmd


def next_kind(kind: str) -> str:
    """The kind after ``kind`` in QUOTE_KINDS, round: the K key cycles through them."""
    index = QUOTE_KINDS.index(kind) if kind in QUOTE_KINDS else -1
    return QUOTE_KINDS[(index + 1) % len(QUOTE_KINDS)]


def apply_to_quotes(quotes: list[Quote], command: Command, *, undo: bool = False) -> list[Quote]:
    """The quotations of one layer after ``command`` (or after undoing it), without the store."""
    return apply_to_items(quotes, command, Quote, undo=undo)
