"""Undoable edits shared by quotations and events, and what one annotator sees of them.

Both follow the rules of spans (:mod:`annotator.domain.commands`): an annotator's layer holds their
own items and their decisions on suggested ones (a row pointing back with ``source_id``: accepted,
or rejected to hide it). Editing a suggestion accepts it with the change, so it stays linked.
:mod:`annotator.domain.quote_commands` and :mod:`annotator.domain.event_commands` name the edits;
the rules live here once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, Union

from .commands import Command, _start_work, hide
from .model import ACCEPTED, MANUAL, REJECTED, SUGGESTED, Event, Quote

ItemT = TypeVar("ItemT", bound=Union[Quote, Event])

__all__ = ["accept_all_items", "accept_item", "create_item", "decision", "delete_item", "edit_item",
           "visible_items"]


def visible_items(layer_items: list[ItemT], suggestions: list[ItemT],
                  covers: Callable[[ItemT, ItemT], bool]) -> list[ItemT]:
    """The annotator's accepted items plus the suggestions they have not decided on.

    A suggestion is hidden once decided (a row with its ``source_id``) or when ``covers(accepted,
    suggestion)`` holds for one of the annotator's own items (they made their own version of it).
    """
    accepted = [i for i in layer_items if i.status == ACCEPTED]
    decided = {i.source_id for i in layer_items if i.source_id is not None}
    pending = [s for s in suggestions if s.id not in decided and not any(covers(a, s) for a in accepted)]
    return accepted + pending


def decision(suggestion: ItemT, *, layer: str, annotator: str, status: str, **changes: object) -> ItemT:
    """A row of ``layer`` recording a decision on a suggested item (with any edits)."""
    return suggestion.with_(layer=layer, annotator=annotator, status=status, source_id=suggestion.id, id=None,
                            origin=MANUAL if changes else suggestion.origin, **changes)  # type: ignore[return-value]


def create_item(item: ItemT, *, title: str, annotator: str, doc_status: str) -> Command:
    """Add ``item`` (already in the annotator's layer) as one command named ``title``."""
    cmd = Command(title, item.doc_id, annotator, added=[item])
    cmd.status_change = _start_work(doc_status)
    return cmd


def edit_item(item: ItemT, *, title: str, layer: str, annotator: str, doc_status: str,
              **changes: object) -> Command:
    """Change fields of an item; a suggestion is accepted with the change."""
    if all(getattr(item, key) == value for key, value in changes.items()) and item.status != SUGGESTED:
        return Command("(nothing to do)", item.doc_id, annotator)
    cmd = Command(title, item.doc_id, annotator)
    if item.status == SUGGESTED:
        cmd.added.append(decision(item, layer=layer, annotator=annotator, status=ACCEPTED, **changes))
    else:
        cmd.updated.append((item, item.with_(origin=MANUAL, annotator=annotator, **changes)))
    cmd.status_change = _start_work(doc_status)
    return cmd


def accept_item(item: ItemT, *, title: str, layer: str, annotator: str, doc_status: str) -> Command:
    """Accept a suggested item into the annotator's layer, as it is."""
    if item.status != SUGGESTED:
        return Command("(nothing to do)", item.doc_id, annotator)
    cmd = Command(title, item.doc_id, annotator)
    cmd.added.append(decision(item, layer=layer, annotator=annotator, status=ACCEPTED))
    cmd.status_change = _start_work(doc_status)
    return cmd


def accept_all_items(visible: list[ItemT], *, title: str, doc_id: int, layer: str, annotator: str,
                     doc_status: str) -> Command:
    """Accept every pending suggestion among ``visible``; ``title`` may use {n}."""
    pending = [i for i in visible if i.status == SUGGESTED]
    cmd = Command(title.format(n=len(pending)), doc_id, annotator)
    cmd.added = [decision(i, layer=layer, annotator=annotator, status=ACCEPTED) for i in pending]
    if cmd.added:
        cmd.status_change = _start_work(doc_status)
    return cmd


def delete_item(item: ItemT, *, title: str, reject_title: str, layer: str, annotator: str,
                doc_status: str) -> Command:
    """Remove an item from the annotator's view; a suggestion (accepted or not) becomes rejected."""
    return hide(item, lambda: decision(item, layer=layer, annotator=annotator, status=REJECTED), title=title,
                reject_title=reject_title, annotator=annotator, doc_status=doc_status)
