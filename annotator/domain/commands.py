"""Undoable edits. Every change to annotations is a :class:`Command` with ``apply`` and ``revert``.

A command is a *change set* (items added, removed, updated, and optionally a document-status change)
computed from the state the user saw, so ``revert`` restores exactly that state. Items are re-inserted
with their original ids on undo, so links to them (suggestion decisions, quotation speakers) survive.

The functions at the bottom build the commands the UI and CLI need (label a selection, accept a
suggestion, accept all, delete, relabel, mark done); they never touch storage themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, Union

from .model import (
    ACCEPTED,
    DOC_IN_PROGRESS,
    DOC_NEW,
    MANUAL,
    REJECTED,
    SUGGESTED,
    Event,
    Quote,
    Span,
)

Item = Union[Span, Quote, Event]


class Repository(Protocol):
    """What a command needs from storage. The store implements it inside one transaction."""

    def insert(self, item: Item) -> Item:
        """Store ``item``; when ``item.id`` is set, reuse that id. Returns the item with its id."""

    def delete(self, item: Item) -> None: ...

    def update(self, item: Item) -> None: ...

    def set_doc_status(self, doc_id: int, annotator: str, status: str) -> None: ...


@dataclass
class Command:
    """A named, reversible set of changes to one document's annotations."""

    text: str
    doc_id: int
    annotator: str
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    updated: list[tuple[Item, Item]] = field(default_factory=list)  # (before, after)
    status_change: tuple[str, str] | None = None  # (before, after) for ``annotator`` on ``doc_id``

    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.updated or self.status_change)

    def apply(self, repo: Repository) -> None:
        """Updates first, then removals: an event that cites a removed quotation is unlinked by an
        update of the same command before the quotation goes (see :meth:`revert`)."""
        for _before, after in self.updated:
            repo.update(after)
        for item in self.removed:
            repo.delete(item)
        self.added = [repo.insert(item) for item in self.added]
        if self.status_change:
            repo.set_doc_status(self.doc_id, self.annotator, self.status_change[1])

    def revert(self, repo: Repository) -> None:
        """The exact reverse of :meth:`apply`: removed items come back before the updates are undone,
        so an event's link to a quotation the command deleted finds the quotation there again."""
        for item in reversed(self.added):
            repo.delete(item)
        for item in reversed(self.removed):
            repo.insert(item)
        for before, _after in reversed(self.updated):
            repo.update(before)
        if self.status_change:
            repo.set_doc_status(self.doc_id, self.annotator, self.status_change[0])


def unlinked_events(events: Iterable[Any], quote_ids: Collection[int]) -> list[tuple[Any, Any]]:
    """(before, after) updates taking the link off each of ``events`` that cites one of
    ``quote_ids``: a command that removes a quotation unlinks them itself, so its undo (which puts
    the quotation back first, see :meth:`Command.revert`) relinks them; a link the foreign key
    nulled behind the command would stay lost."""
    return [(event, event.with_(quote_id=None)) for event in events
            if getattr(event, "quote_id", None) is not None and event.quote_id in quote_ids]


# --- builders -------------------------------------------------------------------------------------


def _start_work(doc_status: str) -> tuple[str, str] | None:
    """Editing a new document moves it to "in progress" (undone with the edit)."""
    return (doc_status, DOC_IN_PROGRESS) if doc_status == DOC_NEW else None


def _quote(text: str, span: Span, limit: int = 40) -> str:
    snippet = text[span.start : span.end].replace("\n", " ")
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"


def _decision(suggestion: Span, *, layer: str, annotator: str, status: str, label: str | None = None) -> Span:
    """A row in ``layer`` recording the annotator's decision on a suggestion.

    The suggestion's value (a DATE's "2021-12-17") comes along unless the label changes: a value
    says what the text means under its label, so another label drops it.
    """
    relabelled = label is not None and label != suggestion.label
    return Span(
        doc_id=suggestion.doc_id,
        start=suggestion.start,
        end=suggestion.end,
        label=label or suggestion.label,
        layer=layer,
        origin=MANUAL if relabelled else suggestion.origin,
        status=status,
        annotator=annotator,
        source_id=suggestion.id,
        value=None if relabelled else suggestion.value,
    )


def label_range(
    *,
    text: str,
    visible: list[Span],
    doc_id: int,
    start: int,
    end: int,
    label: str,
    layer: str,
    annotator: str,
    doc_status: str,
    value: str | None = None,
) -> Command:
    """Label ``[start, end)``: the new span replaces whatever it overlaps in the annotator's view.
    ``value`` goes with a new span (a DATE's resolved date).

    ``visible`` is what the annotator sees (their spans plus pending suggestions). Overlapped spans of
    the layer are removed; overlapped suggestions are rejected, except one with exactly this range,
    which is accepted (with this label), so its origin is kept when the label agrees.
    """
    cmd = Command(f"Label “{text[start:end][:40]}” as {label}", doc_id, annotator)
    accepted_exact = False
    for span in visible:
        if not span.overlaps(start, end):
            continue
        if span.status == SUGGESTED:
            exact = (span.start, span.end) == (start, end) and not accepted_exact
            cmd.added.append(
                _decision(span, layer=layer, annotator=annotator, status=ACCEPTED if exact else REJECTED,
                          label=label if exact else None)
            )
            accepted_exact = accepted_exact or exact
        elif (span.start, span.end, span.label) == (start, end, label):
            return Command("(nothing to do)", doc_id, annotator)
        elif span.source_id is not None:
            # an accepted suggestion: turning it into a rejection keeps the suggestion hidden
            cmd.updated.append((span, span.with_(status=REJECTED)))
        else:
            cmd.removed.append(span)
    if not accepted_exact:
        cmd.added.append(Span(doc_id, start, end, label, layer, MANUAL, ACCEPTED, annotator, value=value))
    cmd.status_change = _start_work(doc_status)
    return cmd


def relabel(*, text: str, span: Span, label: str, layer: str, annotator: str, doc_status: str,
            value: str | None = None) -> Command:
    """Give ``span`` another label; a suggestion is accepted with the new label. The value goes with
    the old label (a DATE's "2021-12-17" means nothing for an ORG); ``value`` is the new label's."""
    cmd = Command(f"Relabel “{_quote(text, span)}” {span.label} → {label}", span.doc_id, annotator)
    if span.label == label and span.status != SUGGESTED:
        return Command("(nothing to do)", span.doc_id, annotator)
    if span.status == SUGGESTED:
        cmd.added.append(_decision(span, layer=layer, annotator=annotator, status=ACCEPTED, label=label))
    else:
        cmd.updated.append((span, span.with_(label=label, origin=MANUAL, annotator=annotator, value=value)))
    cmd.status_change = _start_work(doc_status)
    return cmd


def delete(*, text: str, span: Span, layer: str, annotator: str, doc_status: str) -> Command:
    """Remove ``span`` from the annotator's view; a suggestion (accepted or not) becomes rejected."""
    return hide(span, lambda: _decision(span, layer=layer, annotator=annotator, status=REJECTED),
                title=f"Delete “{_quote(text, span)}” ({span.label})",
                reject_title=f"Reject “{_quote(text, span)}” ({span.label})", annotator=annotator,
                doc_status=doc_status)


def hide(item: Any, rejection: Callable[[], Any], *, title: str, reject_title: str, annotator: str,
         doc_status: str) -> Command:
    """Take a span, quotation or event out of the annotator's view: a pending suggestion gets the
    decision row ``rejection()`` (the command is then named ``reject_title``), a decision on a
    suggestion turns to rejected (so the suggestion stays hidden), the annotator's own item goes."""
    cmd = Command(title, item.doc_id, annotator)
    if item.status == SUGGESTED:
        cmd.added.append(rejection())
        cmd.text = reject_title
    elif item.source_id is not None:
        cmd.updated.append((item, item.with_(status=REJECTED)))
    else:
        cmd.removed.append(item)
    cmd.status_change = _start_work(doc_status)
    return cmd


def accept(*, text: str, span: Span, layer: str, annotator: str, doc_status: str) -> Command:
    """Accept one suggestion into the annotator's layer."""
    if span.status != SUGGESTED:
        return Command("(nothing to do)", span.doc_id, annotator)
    cmd = Command(f"Accept “{_quote(text, span)}” ({span.label})", span.doc_id, annotator)
    cmd.added.append(_decision(span, layer=layer, annotator=annotator, status=ACCEPTED))
    cmd.status_change = _start_work(doc_status)
    return cmd


def accept_all(*, visible: list[Span], doc_id: int, layer: str, annotator: str, doc_status: str) -> Command:
    """Accept every pending suggestion; where suggestions overlap each other the first (then longest) wins."""
    pending = sorted((s for s in visible if s.status == SUGGESTED), key=lambda s: (s.start, -(s.end - s.start)))
    cmd = Command(f"Accept all {len(pending)} suggestions", doc_id, annotator)
    taken_end = -1
    for span in pending:
        ok = span.start >= taken_end
        cmd.added.append(_decision(span, layer=layer, annotator=annotator, status=ACCEPTED if ok else REJECTED))
        if ok:
            taken_end = span.end
    if cmd.added:
        cmd.status_change = _start_work(doc_status)
    return cmd


def set_status(*, doc_id: int, annotator: str, before: str, after: str) -> Command:
    """Change the annotator's status of a document (e.g. mark it done)."""
    return Command(f"Mark document {after}", doc_id, annotator, status_change=(before, after) if before != after else None)


def apply_to_spans(spans: list[Span], command: Command, *, undo: bool = False) -> list[Span]:
    """The spans of one layer after ``command`` (or after undoing it), without asking the store.

    Lets a view keep its copy of a layer current after an edit; ``command.added`` must carry the ids
    the store assigned (it does once applied).
    """
    return apply_to_items(spans, command, Span, undo=undo)


def apply_to_items(items: list, command: Command, kind: type, *, undo: bool = False,
                   key: Callable[[Any], Any] = lambda s: (s.start, s.end)) -> list:
    """The items of type ``kind`` (spans, quotations, events) of one layer after ``command`` or its
    undo, sorted by ``key``."""
    if undo:
        gone = [i for i in command.added if isinstance(i, kind)]
        back = [i for i in command.removed if isinstance(i, kind)]
        swaps = [(after, before) for before, after in command.updated if isinstance(before, kind)]
    else:
        gone = [i for i in command.removed if isinstance(i, kind)]
        back = [i for i in command.added if isinstance(i, kind)]
        swaps = [(before, after) for before, after in command.updated if isinstance(before, kind)]
    layer = {s.layer for s in (*gone, *back, *(b for b, _ in swaps))}
    drop = {s.id for s in gone} | {old.id for old, _ in swaps}
    kept = [s for s in items if not (s.id in drop and s.layer in layer)]
    return sorted(kept + back + [new for _, new in swaps], key=key)


def without_dangling_links(cmd: Command, exists: Callable[[type, int], bool]) -> Command:
    """``cmd`` with the links it makes to items that no longer exist taken out.

    Another process (``preannotate --all``) may replace a document's suggestions while an annotator
    decides on one: the decision (an accepted span, a rejected quotation) is still what they meant,
    only its link to the replaced suggestion (``source_id``) or to a deleted quotation (an event's
    ``quote_id``) can no longer be stored. ``exists(kind, id)`` tells whether the row is still there.
    """

    def fix(item: Item) -> Item:
        changes: dict[str, Any] = {}
        if item.source_id is not None and not exists(type(item), item.source_id):
            changes["source_id"] = None
        if isinstance(item, Event) and item.quote_id is not None and not exists(Quote, item.quote_id):
            changes["quote_id"] = None
        return item.with_(**changes) if changes else item

    return Command(cmd.text, cmd.doc_id, cmd.annotator, added=[fix(i) for i in cmd.added],
                   removed=list(cmd.removed), updated=[(b, fix(a)) for b, a in cmd.updated],
                   status_change=cmd.status_change)
