"""Undoable edits of quotations, and what one annotator sees of them.

Quotations follow the rules of spans (:mod:`annotator.domain.commands`): an annotator's layer holds
their own quotations and their decisions on suggested ones (a row pointing back with
``source_id``: accepted, or rejected to hide it). Editing a suggestion (its speaker, cue or kind)
accepts it with the change, so the suggestion stays linked. Every builder returns a
:class:`~annotator.domain.commands.Command`; none touches storage.
"""

from __future__ import annotations

from .commands import Command, _start_work, apply_to_items
from .model import ACCEPTED, MANUAL, QUOTE_KINDS, REJECTED, SUGGESTED, Quote

__all__ = [
    "accept_quote", "accept_all_quotes", "apply_to_quotes", "create_quote", "delete_quote", "edit_quote",
    "next_kind", "visible_quotes",
]


def visible_quotes(layer_quotes: list[Quote], suggestions: list[Quote]) -> list[Quote]:
    """The annotator's accepted quotations plus the suggestions they have not decided on.

    A suggestion is hidden once decided (a row with its ``source_id``) or when one of the
    annotator's own quotations covers the same content (they made their own version of it).
    """
    accepted = [q for q in layer_quotes if q.status == ACCEPTED]
    decided = {q.source_id for q in layer_quotes if q.source_id is not None}
    ranges = [(q.start, q.end) for q in accepted]

    def covered(q: Quote) -> bool:
        return any(min(q.end, end) - max(q.start, start) > (q.end - q.start) / 2 for start, end in ranges)

    pending = [q for q in suggestions if q.id not in decided and not covered(q)]
    return sorted(accepted + pending, key=lambda q: (q.start, q.end))


def _excerpt(text: str, quote: Quote, limit: int = 40) -> str:
    snippet = text[quote.start:quote.end].replace("\n", " ")
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"


def _decision(suggestion: Quote, *, layer: str, annotator: str, status: str, **changes: object) -> Quote:
    """A row of ``layer`` recording a decision on a suggested quotation (with any edits)."""
    return suggestion.with_(layer=layer, annotator=annotator, status=status, source_id=suggestion.id, id=None,
                            origin=MANUAL if changes else suggestion.origin, **changes)


def create_quote(*, text: str, doc_id: int, start: int, end: int, layer: str, annotator: str, doc_status: str,
                 kind: str = "direct") -> Command:
    """A new quotation of ``[start, end)`` in the annotator's layer (speaker and cue set later)."""
    if kind not in QUOTE_KINDS:
        raise ValueError(f"unknown quotation kind {kind!r}; use one of {', '.join(QUOTE_KINDS)}")
    quote = Quote(doc_id, start, end, layer, kind, origin=MANUAL, status=ACCEPTED, annotator=annotator)
    cmd = Command(f"New quotation “{_excerpt(text, quote)}”", doc_id, annotator, added=[quote])
    cmd.status_change = _start_work(doc_status)
    return cmd


def edit_quote(*, text: str, quote: Quote, what: str, layer: str, annotator: str, doc_status: str,
               **changes: object) -> Command:
    """Change a quotation's speaker, cue or kind (``changes`` are Quote fields); a suggestion is
    accepted with the change. ``what`` names the edit for the undo menu ("Set speaker")."""
    if all(getattr(quote, key) == value for key, value in changes.items()) and quote.status != SUGGESTED:
        return Command("(nothing to do)", quote.doc_id, annotator)
    cmd = Command(f"{what} of “{_excerpt(text, quote)}”", quote.doc_id, annotator)
    if quote.status == SUGGESTED:
        cmd.added.append(_decision(quote, layer=layer, annotator=annotator, status=ACCEPTED, **changes))
    else:
        cmd.updated.append((quote, quote.with_(origin=MANUAL, annotator=annotator, **changes)))
    cmd.status_change = _start_work(doc_status)
    return cmd


def accept_quote(*, text: str, quote: Quote, layer: str, annotator: str, doc_status: str) -> Command:
    """Accept a suggested quotation into the annotator's layer, as it is."""
    if quote.status != SUGGESTED:
        return Command("(nothing to do)", quote.doc_id, annotator)
    cmd = Command(f"Accept quotation “{_excerpt(text, quote)}”", quote.doc_id, annotator)
    cmd.added.append(_decision(quote, layer=layer, annotator=annotator, status=ACCEPTED))
    cmd.status_change = _start_work(doc_status)
    return cmd


def accept_all_quotes(*, visible: list[Quote], doc_id: int, layer: str, annotator: str, doc_status: str) -> Command:
    """Accept every pending quotation suggestion of the document."""
    pending = [q for q in visible if q.status == SUGGESTED]
    cmd = Command(f"Accept all {len(pending)} quotation suggestions", doc_id, annotator)
    cmd.added = [_decision(q, layer=layer, annotator=annotator, status=ACCEPTED) for q in pending]
    if cmd.added:
        cmd.status_change = _start_work(doc_status)
    return cmd


def delete_quote(*, text: str, quote: Quote, layer: str, annotator: str, doc_status: str) -> Command:
    """Remove a quotation from the annotator's view; a suggestion (accepted or not) becomes rejected."""
    cmd = Command(f"Delete quotation “{_excerpt(text, quote)}”", quote.doc_id, annotator)
    if quote.status == SUGGESTED:
        cmd.added.append(_decision(quote, layer=layer, annotator=annotator, status=REJECTED))
        cmd.text = f"Reject quotation “{_excerpt(text, quote)}”"
    elif quote.source_id is not None:
        cmd.updated.append((quote, quote.with_(status=REJECTED)))
    else:
        cmd.removed.append(quote)
    cmd.status_change = _start_work(doc_status)
    return cmd


def next_kind(kind: str) -> str:
    """The kind after ``kind`` in QUOTE_KINDS, round: the K key cycles through them."""
    index = QUOTE_KINDS.index(kind) if kind in QUOTE_KINDS else -1
    return QUOTE_KINDS[(index + 1) % len(QUOTE_KINDS)]


def apply_to_quotes(quotes: list[Quote], command: Command, *, undo: bool = False) -> list[Quote]:
    """The quotations of one layer after ``command`` (or after undoing it), without the store."""
    return apply_to_items(quotes, command, Quote, undo=undo)
