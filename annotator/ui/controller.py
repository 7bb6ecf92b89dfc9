"""The annotation session: which document is open, what the annotator sees, and every edit.

Edits are built as domain commands from what the annotator sees, applied to the store at once (one
transaction each) and pushed on the undo stack. Views listen to the signals and redraw; they never
write to the store themselves.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ..domain import commands, event_commands, quote_commands, review_commands
from ..domain.commands import Command
from ..domain.labels import LabelSchema
from ..domain.model import (
    ACCEPTED,
    DOC_DONE,
    DOC_IN_PROGRESS,
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
from ..domain.published import publication_date, publication_reference
from ..domain.review_commands import ACCEPT_REST, Pending
from ..services import lexicon_changes, mentions
from ..store import Project
from ..store.errors import PermissionRefused, ProjectUnavailable
from .live import AWAY_READ, UNDONE, UNSAVED, LiveUpdates
from .undo import StoreUndoCommand, StoreUndoStack, server_unreachable, store_problem

ItemT = TypeVar("ItemT", Quote, Event)
NOT_TAUGHT = ("Saved; the project did not learn these words: on a team project only the owner's edits teach "
              "the suggesters new triggers and reporting verbs")
F = TypeVar("F", bound=Callable[..., Any])


def refused_while_away(method: F, controller_of: Callable[[Any], "AnnotationController"], refused: Any = None) -> F:
    """``method`` of a team project's window that edits: while the server is away it is refused at
    once and said (the reads that build the command would fail too), and an edit that finds the
    server gone is said the same way; ``refused`` is what it returns then. ``controller_of`` finds
    the controller that speaks for the window."""

    @functools.wraps(method)
    def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
        controller = controller_of(self)
        if controller._offline():
            controller._say_unreachable(UNSAVED)
            return refused
        try:
            return method(self, *args, **kwargs)
        except ProjectUnavailable as err:
            if not server_unreachable(err, controller.project):
                raise
            controller._lost(err, UNSAVED)
            return refused

    return guarded  # type: ignore[return-value]


def _edit(method: F) -> F:
    """An edit of the controller (None, or False for the yes/no edits, while the server is away)."""
    return refused_while_away(method, lambda controller: controller,
                              False if method.__name__ in ("toggle_done", "execute") else None)


def _read(method: F) -> F:
    """Reading an article while a team project's server is away: said, and nothing changes."""

    @functools.wraps(method)
    def guarded(self: AnnotationController, *args: Any, **kwargs: Any) -> Any:
        if self._offline():
            self._say_unreachable(AWAY_READ)
            return None
        try:
            return method(self, *args, **kwargs)
        except ProjectUnavailable as err:
            if not server_unreachable(err, self.project):
                raise
            self._lost(err, AWAY_READ)
            return None

    return guarded  # type: ignore[return-value]


class AnnotationController(QObject):
    """Holds the open document of one annotator and turns key presses into stored, undoable edits."""

    documentOpened = Signal(int)  # doc id
    spansChanged = Signal(int)  # doc id, after any edit, undo or redo (spans or the document's status)
    quotesChanged = Signal(int)  # doc id, after an edit, undo or redo of quotations
    eventsChanged = Signal(int)  # doc id, after an edit, undo or redo of events
    message = Signal(str)
    lexiconChanged = Signal(object)  # the project learned words: ids of the untouched articles suggested again
    unreachable = Signal(str)  # a team project's server is away: the edit (or undo) was not stored; the words

    def __init__(self, project: Project, annotator: str, labels: LabelSchema, parent: QObject | None = None,
                 *, suggestions: bool = True) -> None:
        """``suggestions``: show the pipelines' pending suggestions (not in the curation of gold)."""
        super().__init__(parent)
        self.with_suggestions = suggestions
        self.project = project
        self.annotator = annotator
        self.labels = labels
        self.undo_stack = StoreUndoStack(self)
        self.document: Document | None = None
        self._last_status = ""
        self.spans: list[Span] = []  # what the annotator sees: their layer plus pending suggestions
        self._layer_spans: list[Span] = []
        self._suggestions: list[Span] = []
        self.quotes: list[Quote] = []  # the annotator's quotations plus pending suggested ones
        self._layer_quotes: list[Quote] = []
        self._quote_suggestions: list[Quote] = []
        self.events: list[Event] = []  # the annotator's events plus pending suggested ones
        self._layer_events: list[Event] = []
        self._event_suggestions: list[Event] = []
        # id(edit) -> (edit, what undoing (True) or redoing (False) it does to the learned lexicon)
        self._lessons: dict[int, tuple[Command, Callable[[bool], Any]]] = {}
        if suggestions:  # a person's layer; gold is not a person
            project.ensure_annotator(annotator)

    @property
    def layer(self) -> str:
        return self.annotator

    @property
    def doc_id(self) -> int | None:
        return self.document.id if self.document else None

    def status(self) -> str:
        """The annotator's status of the open article (while a team project's server is away: the
        last one read)."""
        if self.doc_id is None:
            return ""
        if self._offline():
            return self._last_status
        try:
            self._last_status = self.project.doc_status(self.doc_id, self.annotator)
        except ProjectUnavailable as err:
            live = LiveUpdates.of(self.project)
            if live is None or not server_unreachable(err, self.project):
                raise
            live.lost(str(err))  # the banner says so; an edit being built is refused next
        return self._last_status

    # --- navigation ---------------------------------------------------------------------------

    @_read
    def open(self, doc_id: int) -> None:
        if self.document is not None and self.document.id == doc_id:
            return
        self.document = self.project.document(doc_id)
        self._read_spans()
        self.documentOpened.emit(doc_id)

    def _read_spans(self) -> None:
        assert self.document is not None
        doc_id, pending = self.document.id, self.with_suggestions
        self._layer_spans = self.project.spans(doc_id, self.layer)
        self._suggestions = self.project.suggestions(doc_id) if pending else []
        self.spans = visible_spans(self._layer_spans, self._suggestions)
        self._layer_quotes = self.project.quotes(doc_id, self.layer)
        self._quote_suggestions = self.project.quotes(doc_id, SUGGESTIONS) if pending else []
        self.quotes = quote_commands.visible_quotes(self._layer_quotes, self._quote_suggestions)
        self._layer_events = self.project.events(doc_id, self.layer)
        self._event_suggestions = self.project.events(doc_id, SUGGESTIONS) if pending else []
        self.events = event_commands.visible_events(self._layer_events, self._event_suggestions)

    @_read
    def reload(self) -> None:
        """Re-read the open document's spans and quotations (after an edit, or work done elsewhere)."""
        if self.document is not None:
            self._read_spans()
            self.spansChanged.emit(self.document.id)
            self.quotesChanged.emit(self.document.id)
            self.eventsChanged.emit(self.document.id)

    # --- edits --------------------------------------------------------------------------------

    @_edit
    def label(self, label: str, *, selection: tuple[int, int] | None, current: Span | None) -> tuple[int, int] | None:
        """Label the selection, or relabel the current span; returns the range that now has the label."""
        if self.document is None:
            return None
        if self.labels.get(label) is None:
            self.message.emit(f"Unknown label {label}: add it to the label schema first")
            return None
        if selection is not None:
            start, end = selection
            cmd = commands.label_range(text=self.document.text, visible=self.spans, doc_id=self.document.id,
                                       start=start, end=end, label=label, value=self._value(label, start, end),
                                       **self._editor())
            if self._execute(cmd):
                self._say_replaced(cmd)
            return start, end
        if current is not None:
            value = self._value(label, current.start, current.end)
            self._execute(commands.relabel(text=self.document.text, span=current, label=label, value=value,
                                           **self._editor()))
            return current.start, current.end
        self.message.emit("Select some text (or a span) first, then press a label key")
        return None

    def _say_replaced(self, cmd: Command) -> None:
        """Name what a new label replaced (suggestions rejected, spans removed), so nothing
        disappears unnoticed."""
        assert self.document is not None
        text = self.document.text
        gone = [(s, True) for s in cmd.added if isinstance(s, Span) and s.status == REJECTED]
        gone += [(s, False) for s in cmd.removed if isinstance(s, Span)]
        gone += [(before, before.source_id is not None) for before, _ in cmd.updated if isinstance(before, Span)]
        if gone:
            names = ", ".join(f"“{text[s.start:s.end][:30]}” ({s.label}{' suggestion' if suggested else ''})"
                              for s, suggested in gone)
            self.message.emit(f"{cmd.text}; it replaced {names} (Ctrl+Z brings them back)")

    def _value(self, label: str, start: int, end: int) -> str | None:
        """A DATE labelled by hand gets its value too, resolved against the publication date."""
        if label != "DATE" or self.document is None:
            return None
        from ..nlp.dates import resolve_date
        return resolve_date(self.document.text[start:end], publication_reference(self.document.meta))

    @_edit
    def delete(self, span: Span | None) -> None:
        if self.document is None or span is None:
            self.message.emit("No span selected: click a span or move to one with Tab")
            return
        self._execute(commands.delete(text=self.document.text, span=span, **self._editor()))

    def _no_suggestion(self, span: Span | None, verb: str) -> bool:
        """Say why A or X does nothing here; True when ``span`` is not a pending suggestion."""
        if self.document is None:
            return True
        if span is None:
            self.message.emit(f"Nothing under the cursor to {verb}: move to a dashed suggestion (Tab) first")
            return True
        if span.status != SUGGESTED:
            words = self.document.text[span.start:span.end][:30]
            self.message.emit(f"“{words}” ({span.label}) is already yours, not a suggestion: nothing to {verb}"
                              + ("; Delete removes it" if verb == "reject" else ""))
            return True
        return False

    @_edit
    def accept(self, span: Span | None) -> None:
        if self._no_suggestion(span, "accept"):
            return
        assert self.document is not None and span is not None
        self._execute(commands.accept(text=self.document.text, span=span, **self._editor()))

    def reject(self, span: Span | None) -> None:
        if self._no_suggestion(span, "reject"):
            return
        self.delete(span)

    @_edit
    def accept_all(self) -> None:
        if self.document is None:
            return
        cmd = commands.accept_all(visible=self.spans, doc_id=self.document.id, **self._editor())
        if not cmd.added:
            self.message.emit("No suggestions left to accept in this article")
            return
        self._say_accepted(cmd, Span, "entity suggestion", "entity suggestions")

    def _say_accepted(self, cmd: Command, kind: type, one: str, many: str) -> None:
        """Run an accept-all and say how many it accepted (and rejected, where they overlapped)."""
        if not self._execute(cmd):
            return
        mine = [i for i in cmd.added if isinstance(i, kind)]
        accepted = sum(1 for i in mine if i.status == ACCEPTED)
        rejected = len(mine) - accepted
        text = f"Accepted {accepted} {one if accepted == 1 else many}"
        if rejected:
            text += f" ({rejected} overlapping another were rejected)"
        quotes = [i for i in cmd.added if isinstance(i, Quote)] if kind is Event else []
        if quotes:
            text += f", and {len(quotes)} quotation{'s' if len(quotes) != 1 else ''} they cite"
        entities = [i for i in cmd.added if isinstance(i, Span)] if kind is not Span else []
        if entities:
            text += (f", and {len(entities)} suggested entit{'ies' if len(entities) != 1 else 'y'} they name "
                     "(speakers, arguments)")
        self.message.emit(text)

    # --- quotations ---------------------------------------------------------------------------

    @_edit
    def create_quote(self, selection: tuple[int, int] | None, kind: str = "direct") -> Quote | None:
        """A new quotation of the selected text; returns it (with its id) or None."""
        if self.document is None:
            return None
        if selection is None:
            self.message.emit("Select the words of the quotation first, then press Q")
            return None
        start, end = selection
        cmd = quote_commands.create_quote(text=self.document.text, doc_id=self.document.id, start=start, end=end,
                                          kind=kind, **self._editor())
        return cmd.added[0] if self._execute(cmd) else None

    @_edit
    def edit_quote(self, quote: Quote | None, what: str, *, entity: Span | None = None,
                   **changes: object) -> Quote | None:
        """Set a quotation's speaker, cue or kind; returns the quotation as it is now. ``entity``:
        the span the speaker is; a suggested one is accepted in the same command. A speaker given
        without its entity, to a quotation that has none (or on other words), is resolved to the
        article's name it stands for in the same edit ("il ministro" -> "Roberto Maroni")."""
        if self.document is None or quote is None:
            self.message.emit("No quotation selected: pick one in the Quotations panel, or press Alt+N")
            return None
        start, end = changes.get("speaker_start"), changes.get("speaker_end")
        if isinstance(start, int) and isinstance(end, int) and not any(
                key.startswith("speaker_entity_") for key in changes):
            if quote.speaker_entity is None or (start, end) != (quote.speaker_start, quote.speaker_end):
                changes.update(entity_fields(self.resolve_mention(start, end, speaker=True), prefix="speaker_entity_"))
        cmd = quote_commands.edit_quote(text=self.document.text, quote=quote, what=what, **changes,
                                        **self._editor())
        cmd = self._accepting(cmd, entity)
        edited = self._result(cmd, Quote)
        if edited is not None and changes.get("cue_start") is not None and edited.cue_start is not None:
            self._learn_from(edited, cmd)
        return edited

    @_edit
    def set_speaker_entity(self, quote: Quote | None, entity: EntityRef | None) -> Quote | None:
        """Resolve the quotation's speaker to ``entity`` (a named mention of the article; None: to no
        one); returns the quotation as it is now."""
        if self.document is None or quote is None:
            self.message.emit("No quotation selected: pick one in the Quotations panel, or press Alt+N")
            return None
        if quote.speaker_start is None:
            self.message.emit("This quotation has no speaker yet: click the name (or select words), then press S")
            return None
        if entity == quote.speaker_entity:
            return quote
        cmd = quote_commands.set_speaker_entity(text=self.document.text, quote=quote, entity=entity,
                                                **self._editor())
        return self._result(self._accepting(cmd, self._span_of(entity)), Quote)

    def resolve_mention(self, start: int, end: int, *, speaker: bool = False) -> EntityRef | None:
        """The named entity of the open article that its words [start, end) stand for, among the
        entities the annotator sees (see :func:`annotator.services.mentions.resolve_mention`)."""
        if self.document is None:
            return None
        return mentions.resolve_mention(self.document.text, self.spans, start, end, speaker=speaker)

    def _span_of(self, entity: EntityRef | None) -> Span | None:
        """The visible span at ``entity``'s range (a suggested one is accepted with the edit)."""
        if entity is None:
            return None
        return next((s for s in self.spans if (s.start, s.end) == (entity.start, entity.end)), None)

    def _accepting(self, cmd: Command, entity: Span | None = None) -> Command:
        """``cmd`` also accepting the suggested entities its items link to: ``entity`` (the one the
        user picked) and the speakers and arguments of what it accepts. See
        :func:`annotator.domain.review_commands.with_linked_entities_accepted`."""
        cmd = review_commands.with_entity_accepted(cmd, entity, layer=self.layer, annotator=self.annotator)
        return review_commands.with_linked_entities_accepted(cmd, self.spans, layer=self.layer,
                                                             annotator=self.annotator)

    @_edit
    def accept_quote(self, quote: Quote | None) -> None:
        if self.document is None or quote is None or quote.status != SUGGESTED:
            self.message.emit("No suggested quotation selected: suggested ones have a dashed bar")
            return
        self._execute(self._accepting(quote_commands.accept_quote(text=self.document.text, quote=quote,
                                                                  **self._editor())))

    @_edit
    def accept_all_quotes(self) -> None:
        if self.document is None:
            return
        cmd = quote_commands.accept_all_quotes(visible=self.quotes, doc_id=self.document.id, **self._editor())
        if not cmd.added:
            self.message.emit("No quotation suggestions left to accept in this article")
            return
        self._say_accepted(self._accepting(cmd), Quote, "quotation suggestion", "quotation suggestions")

    @_edit
    def delete_quote(self, quote: Quote | None) -> None:
        if self.document is None or quote is None:
            self.message.emit("No quotation selected: pick one in the Quotations panel, or press Alt+N")
            return
        self._execute(quote_commands.delete_quote(text=self.document.text, quote=quote, events=self._layer_events,
                                                  **self._editor()))

    # --- events --------------------------------------------------------------------------------

    @_edit
    def create_event(self, type_: str, trigger: tuple[int, int] | None) -> Event | None:
        """A new event of ``type_`` on the trigger words, or for the whole article (None)."""
        if self.document is None:
            return None
        published = publication_date(self.document.meta)
        cmd = event_commands.create_event(text=self.document.text, doc_id=self.document.id, type=type_,
                                          trigger=trigger, date=published.isoformat() if published else None,
                                          **self._editor())
        if not self._execute(cmd):
            return None
        event: Event = cmd.added[0]  # type: ignore[assignment]
        if trigger is not None:
            self._learn_from(event, cmd)
        return event

    def _result(self, cmd: Command, kind: type[ItemT]) -> ItemT | None:
        """Run ``cmd``; the ``kind`` of item it added or changed, as it is now (an event's command
        may also accept the quotation the event cites)."""
        if not self._execute(cmd):
            return None
        changed = [*cmd.added, *(after for _, after in cmd.updated)]
        return next((item for item in changed if isinstance(item, kind)), None)

    def _event_result(self, cmd: Command) -> Event | None:
        return self._result(cmd, Event)

    @_edit
    def edit_event(self, event: Event | None, what: str, **changes: object) -> Event | None:
        """Change an event's type, mode, context, date or quotation link; returns it as it is now."""
        if self.document is None or event is None:
            self.message.emit("No event selected: pick one in the Events tab, or press Alt+Down")
            return None
        cmd = event_commands.edit_event(text=self.document.text, event=event, what=what, **changes, **self._editor())
        cmd = self._accepting(self._with_own_link(cmd))
        edited = self._event_result(cmd)
        if edited is not None and ("type" in changes or "mode" in changes):
            self._follow(cmd, event, edited)
        return edited

    def _with_own_link(self, cmd: Command) -> Command:
        """See :func:`annotator.domain.event_commands.cite_own_quotations`."""
        if self.document is None:
            return cmd
        return event_commands.cite_own_quotations(cmd, layer_quotes=self._layer_quotes,
                                                  suggested_quotes=self._quote_suggestions, **self._editor())

    @_edit
    def add_event_argument(self, event: Event | None, role: str, start: int, end: int,
                           multiple: bool = True, *, entity: Span | None = None, resolve: bool = True) -> Event | None:
        """Give ``event`` an argument; ``entity`` (the span it is), when suggested, is accepted in
        the same command. ``resolve``: the argument is also resolved to the article's name it
        stands for ("il governo" -> "Governo Draghi"), in the same edit."""
        if self.document is None or event is None:
            self.message.emit("No event selected: pick one in the Events tab, or press Alt+Down")
            return None
        resolved = self.resolve_mention(start, end) if resolve else None
        return self._event_result(self._accepting(self._with_own_link(event_commands.add_argument(
            text=self.document.text, event=event, role=role, start=start, end=end, multiple=multiple,
            entity=resolved, **self._editor())), entity))

    @_edit
    def set_argument_entity(self, event: Event | None, argument: EventArg | None,
                            entity: EntityRef | None) -> Event | None:
        """Resolve one argument of ``event`` to ``entity`` (a named mention of the article; None: to
        no one); returns the event as it is now."""
        if self.document is None or event is None:
            self.message.emit("No event selected: pick one in the Events tab, or press Alt+Down")
            return None
        if argument is None or argument not in event.args:
            self.message.emit("Pick one of the event's arguments first (Events tab, Arguments)")
            return None
        if entity == argument.entity:
            return event
        cmd = event_commands.set_argument_entity(text=self.document.text, event=event, argument=argument,
                                                 entity=entity, **self._editor())
        return self._event_result(self._accepting(self._with_own_link(cmd), self._span_of(entity)))

    @_edit
    def remove_event_argument(self, event: Event | None, argument) -> Event | None:
        if self.document is None or event is None:
            return None
        return self._event_result(self._accepting(self._with_own_link(event_commands.remove_argument(
            text=self.document.text, event=event, argument=argument, **self._editor()))))

    @_edit
    def accept_event(self, event: Event | None) -> None:
        if self.document is None or event is None or event.status != SUGGESTED:
            self.message.emit("No suggested event selected: suggested ones are marked “?”")
            return
        cmd = event_commands.accept_event(text=self.document.text, event=event, **self._editor())
        self._execute(self._accepting(self._with_own_link(cmd)))

    @_edit
    def accept_all_events(self) -> None:
        if self.document is None:
            return
        cmd = self._with_own_link(event_commands.accept_all_events(visible=self.events, doc_id=self.document.id,
                                                                   **self._editor()))
        if not cmd.added:
            self.message.emit("No event suggestions left to accept in this article")
            return
        self._say_accepted(self._accepting(cmd), Event, "event suggestion", "event suggestions")

    @_edit
    def delete_event(self, event: Event | None) -> None:
        if self.document is None or event is None:
            self.message.emit("No event selected: pick one in the Events tab, or press Alt+Down")
            return
        self._execute(event_commands.delete_event(text=self.document.text, event=event, **self._editor()))

    # --- the project learns the words its annotators code (annotator.services.lexicon_changes) ---

    def _learn_from(self, item: Quote | Event, cmd: Command) -> None:
        """After ``cmd`` was stored: the project learns ``item``'s trigger or cue verb if it is new;
        undoing ``cmd`` forgets it again, redoing it learns it again."""
        change = self._learn(lambda text: lexicon_changes.teach(self.project, item, text, annotator=self.annotator))
        if change is None or not change.entries:
            return
        entries = [change.entries]  # as they are when the edit is undone (a mode chosen since), for the redo

        def undone_or_redone(undone: bool) -> None:
            keep = (cmd.doc_id,)  # the edit's article keeps its suggestions: a redo may link to them
            done = self._learn(lambda _text: lexicon_changes.forget(self.project, entries[0], keep=keep,
                                                                    why="its edit was undone") if undone
                               else lexicon_changes.relearn(self.project, entries[0], keep=keep))
            if done is not None:
                entries[0] = done.entries

        self._lessons[id(cmd)] = (cmd, undone_or_redone)

    def _follow(self, cmd: Command, before: Event, after: Event) -> None:
        """The type or mode of an event changed: a trigger learned from it follows (and goes back on undo)."""
        assert self.document is not None
        text, project, annotator = self.document.text, self.project, self.annotator
        if self._learn(lambda _text: lexicon_changes.follow(project, before, after, text, annotator=annotator)) is None:
            return
        self._lessons[id(cmd)] = (cmd, lambda undone: self._learn(lambda _text: lexicon_changes.follow(
            project, *((after, before) if undone else (before, after)), text, annotator=annotator)))

    def _learn(self, lesson: Callable[[str], Any]) -> Any:
        """Run ``lesson(text)`` and say what it taught (the change, or None); the edit is already
        stored, so nothing here may undo or break it: a refusal or a problem is only said."""
        from ..nlp.lexicon_overlay import OverlayError

        if self.document is None:
            return None
        try:
            change = lesson(self.document.text)
        except PermissionRefused:
            self.message.emit(NOT_TAUGHT)
            return None
        except OverlayError as err:
            self.message.emit(f"Saved; nothing learned: {err}")
            return None
        except (ProjectUnavailable, sqlite3.Error) as err:  # the edit is stored: only the learning failed
            live = LiveUpdates.of(self.project)
            if live is not None and server_unreachable(err, self.project):
                live.lost(str(err))
            self.message.emit(f"Saved; the project's lexicon was not changed: {store_problem(err, self.project)}")
            return None
        if change is None:
            return None
        self.message.emit(change.said)
        self.lexiconChanged.emit(list(change.doc_ids))
        return change

    def label_for_argument(self, start: int, end: int, label: str) -> Span | None:
        """Selected words that fill an event role become an entity of ``label`` first (unless they
        already are one), so every argument is an entity span; returns the span."""
        existing = next((s for s in self.spans if (s.start, s.end) == (start, end)), None)
        if existing is not None or self.document is None:
            return existing
        self.label(label, selection=(start, end), current=None)
        return next((s for s in self.spans if (s.start, s.end) == (start, end)), None)

    def pending(self) -> Pending:
        """The open article's suggestions the annotator has not accepted or rejected yet."""
        return Pending.of(self.spans, self.quotes, self.events)

    @_edit
    def toggle_done(self, choice: str | None = None) -> bool:
        """Mark the article done (or back in progress). Pending suggestions must be decided first:
        ``choice`` accepts or rejects the rest (review_commands.ACCEPT_REST / REJECT_REST) in the
        same undoable command; without one nothing changes. Returns whether the status changed."""
        if self.document is None:
            return False
        before = self.status()
        pending = self.pending() if before != DOC_DONE else Pending()
        if not pending:
            after = DOC_IN_PROGRESS if before == DOC_DONE else DOC_DONE
            return self._execute(commands.set_status(doc_id=self.document.id, annotator=self.annotator,
                                                     before=before, after=after))
        if choice is None:
            self.message.emit(f"{pending.describe()} still pending: accept or reject them before marking "
                              "the article done")
            return False
        cmd = review_commands.finish(pending=pending, choice=choice, doc_id=self.document.id,
                                     layer_quotes=self._layer_quotes, suggested_quotes=self._quote_suggestions,
                                     **self._editor())
        if not self._execute(cmd):
            return False
        self.message.emit(f"Done: {'accepted' if choice == ACCEPT_REST else 'rejected'} {pending.describe()}")
        return True

    def _editor(self) -> dict[str, str]:
        """Who edits which layer, and the document's status before the edit: every builder needs them."""
        return {"layer": self.layer, "annotator": self.annotator, "doc_status": self.status()}

    @_edit
    def execute(self, cmd: Command) -> bool:
        """Apply a command built elsewhere (curation) the way the controller's own edits are."""
        return self._execute(cmd)

    def _execute(self, cmd: Command) -> bool:
        if cmd.is_empty():
            return False
        if self._offline():  # refused at once: the server is known to be away
            self._say_unreachable(UNSAVED)
            return False
        try:
            self.project.apply(cmd)
        except sqlite3.IntegrityError:
            return self._execute_after_outside_change(cmd)
        except Exception as err:  # the store rolled back (busy past the wait, disk full): nothing is half-saved
            if server_unreachable(err, self.project):
                self._lost(err, UNSAVED)
                return False
            self.message.emit(f"“{cmd.text}” was not stored: {store_problem(err, self.project)}")
            self.reload()
            return False
        self.undo_stack.push(self._undoable(cmd))
        self._changed(cmd, False)
        return True

    def _undoable(self, cmd: Command) -> StoreUndoCommand:
        return StoreUndoCommand(self.project, cmd, self._changed, self.message.emit, stack=self.undo_stack,
                                on_unreachable=lambda what, err: self._lost(err, UNDONE.format(what=what)))

    # --- undo, and a team project's server away -----------------------------------------------

    def undo(self) -> None:
        """Undo the last edit (Ctrl+Z); while the server is away, nothing moves and the user is told."""
        if self.undo_stack.canUndo() and self._offline():
            self._say_unreachable(UNDONE.format(what="undo"))
            return
        self.undo_stack.undo_keeping_truth()

    def redo(self) -> None:
        if self.undo_stack.canRedo() and self._offline():
            self._say_unreachable(UNDONE.format(what="redo"))
            return
        self.undo_stack.redo_keeping_truth()

    def _offline(self) -> bool:
        live = LiveUpdates.of(self.project)
        return live is not None and live.offline

    def _lost(self, err: BaseException, text: str) -> None:
        """The server could not be reached for an edit: the app goes offline and reconnects by itself."""
        live = LiveUpdates.of(self.project)
        if live is not None:
            live.lost(str(err))
        self._say_unreachable(text)

    def _say_unreachable(self, text: str) -> None:
        self.message.emit(text)
        self.unreachable.emit(text)

    def _execute_after_outside_change(self, cmd: Command) -> bool:
        """Another process (a ``preannotate --all``) replaced the suggestions the edit links to: keep
        the edit without the dead links, and show the article as the store now has it."""
        try:
            fixed = commands.without_dangling_links(cmd, self.project.exists)
            self.project.apply(fixed)
        except Exception as err:  # noqa: BLE001 - still not storable: show the store's state
            if server_unreachable(err, self.project):
                self._lost(err, UNSAVED)
                return False
            self.message.emit(f"“{cmd.text}” was not stored ({store_problem(err, self.project)}): the article was "
                              "reloaded, please redo it")
            self.reload()
            return False
        self.undo_stack.push(self._undoable(fixed))
        self.reload()
        self.message.emit(f"“{cmd.text}” saved; the article's suggestions had changed in another process "
                          "(pre-annotation) and were reloaded")
        return True

    def _changed(self, cmd: Command, undone: bool) -> None:
        """After do/undo/redo: show the document the change belongs to and refresh views.

        The open document's layer is updated from the command itself (the store already holds the
        same rows), so an edit costs no re-read of the article's spans.
        """
        doc_id = cmd.doc_id
        if self.document is None or self.document.id != doc_id:
            self.open(doc_id)  # reads the layer as the store has it now
        else:
            self._layer_spans = commands.apply_to_spans(self._layer_spans, cmd, undo=undone)
            self.spans = visible_spans(self._layer_spans, self._suggestions)
            self._layer_quotes = quote_commands.apply_to_quotes(self._layer_quotes, cmd, undo=undone)
            self.quotes = quote_commands.visible_quotes(self._layer_quotes, self._quote_suggestions)
            self._layer_events = event_commands.apply_to_events(self._layer_events, cmd, undo=undone)
            self.events = event_commands.visible_events(self._layer_events, self._event_suggestions)
        self.spansChanged.emit(doc_id)
        touched = (*cmd.added, *cmd.removed, *(b for b, _ in cmd.updated))
        if any(isinstance(i, Quote) for i in touched):
            self.quotesChanged.emit(doc_id)
        if any(isinstance(i, Event) for i in touched):
            self.eventsChanged.emit(doc_id)
        lesson = self._lessons.get(id(cmd))
        if lesson is not None and lesson[0] is cmd:  # an edit that taught the project words
            lesson[1](undone)

    def counts(self) -> tuple[int, int]:
        """(accepted spans, pending suggestions) of the open document."""
        accepted = sum(1 for s in self.spans if s.status == ACCEPTED)
        return accepted, len(self.spans) - accepted
