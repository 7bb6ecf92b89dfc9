"""Undoable edits of events, and what one annotator sees of them.

The rules are those of :mod:`annotator.domain.item_commands` (shared with quotations): an event a
suggester proposed is accepted, edited (which accepts it with the change) or rejected; an
annotator's own events are added, changed and deleted. Arguments are (role, start, end) ranges of
the text, normally entity spans, each optionally resolved to the named entity it stands for (given
with the argument or set later, and kept through every other edit of the event). Every builder
returns a :class:`~annotator.domain.commands.Command`; none touches storage.
"""

from __future__ import annotations

from collections.abc import Sequence

from .commands import Command, _start_work, apply_to_items
from .item_commands import (
    accept_all_items,
    accept_item,
    create_item,
    decision,
    delete_item,
    edit_item,
    visible_items,
)
from .model import ACCEPTED, MANUAL, EntityRef, Event, EventArg, Quote

__all__ = [
    "accept_all_events", "accept_event", "add_argument", "apply_to_events", "create_event", "delete_event",
    "cite_own_quotations", "edit_event", "event_order", "remove_argument", "set_argument_entity", "visible_events",
]


def event_order(event: Event) -> tuple[int, int]:
    """Events in text order; those of the whole article (no trigger) first."""
    return (event.trigger_start if event.trigger_start is not None else -1, event.id or 0)


def visible_events(layer_events: list[Event], suggestions: list[Event]) -> list[Event]:
    """The annotator's accepted events plus the suggestions they have not decided on; a suggestion
    is also hidden when one of their own events has the same type on an overlapping trigger."""

    def covers(own: Event, suggested: Event) -> bool:
        if own.type != suggested.type or None in (own.trigger_start, suggested.trigger_start):
            return False
        return own.trigger_start < suggested.trigger_end and suggested.trigger_start < own.trigger_end  # type: ignore[operator]

    return sorted(visible_items(layer_events, suggestions, covers), key=event_order)


def describe(text: str, event: Event) -> str:
    """"CONSULT “telefonata”" or "CONSULT (whole article)": how the undo menu names an event."""
    if event.trigger_start is None or event.trigger_end is None:
        return f"{event.type} (whole article)"
    words = text[event.trigger_start:event.trigger_end].replace("\n", " ")
    return f"{event.type} “{words[:30]}”"


def create_event(*, text: str, doc_id: int, type: str, trigger: tuple[int, int] | None, layer: str,
                 annotator: str, doc_status: str, mode: str | None = None, date: str | None = None) -> Command:
    """A new event of ``type``, on the ``trigger`` words or for the whole article (None)."""
    event = Event(doc_id, type, layer, mode=mode, trigger_start=trigger[0] if trigger else None,
                  trigger_end=trigger[1] if trigger else None, date=date, origin=MANUAL, status=ACCEPTED,
                  annotator=annotator)
    return create_item(event, title=f"New event {describe(text, event)}", annotator=annotator,
                       doc_status=doc_status)


def edit_event(*, text: str, event: Event, what: str, layer: str, annotator: str, doc_status: str,
               **changes: object) -> Command:
    """Change an event's type, mode, context, date, arguments or quotation link (``changes`` are
    Event fields); a suggestion is accepted with the change."""
    return edit_item(event, title=f"{what} of {describe(text, event)}", layer=layer, annotator=annotator,
                     doc_status=doc_status, **changes)


def add_argument(*, text: str, event: Event, role: str, start: int, end: int, multiple: bool, layer: str,
                 annotator: str, doc_status: str, entity: EntityRef | None = None) -> Command:
    """Give the event an argument in ``role``, resolved to ``entity`` (the named mention it stands
    for, None: unresolved) in the same edit; a role that takes one argument has it replaced."""
    kept = tuple(a for a in event.args if multiple or a.role != role)
    if any((a.role, a.start, a.end) == (role, start, end) for a in kept):
        return Command("(nothing to do)", event.doc_id, annotator)
    added = EventArg(role, start, end).with_entity(entity)
    args = tuple(sorted((*kept, added), key=lambda a: (a.start, a.role)))
    return edit_event(text=text, event=event, what=f"Set {role} “{text[start:end][:30]}”", layer=layer,
                      annotator=annotator, doc_status=doc_status, args=args)


def remove_argument(*, text: str, event: Event, argument: EventArg, layer: str, annotator: str,
                    doc_status: str) -> Command:
    """Take one argument off the event."""
    args = tuple(a for a in event.args if a != argument)
    return edit_event(text=text, event=event, what=f"Remove {argument.role}", layer=layer, annotator=annotator,
                      doc_status=doc_status, args=args)


def set_argument_entity(*, text: str, event: Event, argument: EventArg, entity: EntityRef | None, layer: str,
                        annotator: str, doc_status: str) -> Command:
    """Resolve one argument of the event to ``entity``, the named mention of the article it stands
    for (another one picked with one click), or to nothing (None); a suggestion is accepted with it."""
    if argument not in event.args:
        raise ValueError(f"the event has no such {argument.role} argument")
    position = event.args.index(argument)
    args = (*event.args[:position], argument.with_entity(entity), *event.args[position + 1:])
    name = describe(text, event)
    title = (f"The {argument.role} of {name} is “{text[entity.start:entity.end][:30]}”" if entity is not None
             else f"Clear the {argument.role}'s entity of {name}")
    return edit_item(event, title=title, layer=layer, annotator=annotator, doc_status=doc_status, args=args)


def accept_event(*, text: str, event: Event, layer: str, annotator: str, doc_status: str) -> Command:
    """Accept a suggested event into the annotator's layer, as it is."""
    return accept_item(event, title=f"Accept event {describe(text, event)}", layer=layer, annotator=annotator,
                       doc_status=doc_status)


def accept_all_events(*, visible: list[Event], doc_id: int, layer: str, annotator: str, doc_status: str) -> Command:
    """Accept every pending event suggestion of the document."""
    return accept_all_items(visible, title="Accept all {n} event suggestions", doc_id=doc_id, layer=layer,
                            annotator=annotator, doc_status=doc_status)


def delete_event(*, text: str, event: Event, layer: str, annotator: str, doc_status: str) -> Command:
    """Remove an event from the annotator's view; a suggestion (accepted or not) becomes rejected."""
    name = describe(text, event)
    return delete_item(event, title=f"Delete event {name}", reject_title=f"Reject event {name}", layer=layer,
                       annotator=annotator, doc_status=doc_status)


def cite_own_quotations(cmd: Command, *, layer_quotes: Sequence[Quote], suggested_quotes: Sequence[Quote],
                        layer: str, annotator: str, doc_status: str) -> Command:
    """Make the events ``cmd`` adds to the annotator's layer cite their own copy of a quotation.

    An event accepted or edited from a suggestion keeps the suggestion's quotation link, but the
    suggested quotation belongs to the pipeline (a new pre-annotation replaces it): the link moves
    to the annotator's accepted copy; to nothing if they rejected that quotation; else the
    quotation is accepted in the same command (once, however many events cite it) and the event
    names it by range, which the store resolves to the new row (quotations are inserted first).
    The events keep their order in ``cmd.added``, after the quotations.
    """
    suggestions = {q.id: q for q in suggested_quotes}
    own: dict[int, Quote] = {}  # the annotator's decision on each suggested quotation, acceptance first
    for quote in layer_quotes:
        if quote.source_id is not None and (quote.status == ACCEPTED or quote.source_id not in own):
            own[quote.source_id] = quote
    accepted_now: dict[int, Quote] = {}
    for position, item in enumerate(cmd.added):
        if not isinstance(item, Event) or item.quote_id not in suggestions:
            continue
        suggestion = suggestions[item.quote_id]
        decided = own.get(suggestion.id)  # type: ignore[arg-type]
        if decided is not None:
            cmd.added[position] = item.with_(quote_id=decided.id if decided.status == ACCEPTED else None)
            continue
        cmd.added[position] = item.with_(quote_id=None, quote_range=(suggestion.start, suggestion.end))
        if suggestion.id not in accepted_now:
            accepted_now[suggestion.id] = decision(suggestion, layer=layer, annotator=annotator,  # type: ignore[index]
                                                   status=ACCEPTED)
    if accepted_now:
        cmd.added[:0] = accepted_now.values()
        cmd.status_change = cmd.status_change or _start_work(doc_status)
    return cmd


def apply_to_events(events: list[Event], command: Command, *, undo: bool = False) -> list[Event]:
    """The events of one layer after ``command`` (or after undoing it), without the store."""
    return apply_to_items(events, command, Event, undo=undo, key=event_order)
