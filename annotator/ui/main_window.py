"""The main window: composes the document list, the article view, the side panel and the actions.

It holds no annotation logic: edits go through :class:`AnnotationController`, long work through
:mod:`annotator.ui.tasks`, and every action comes from the table in :mod:`annotator.ui.actions`.
"""

from __future__ import annotations

from PySide6.QtCore import QThreadPool, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from ..domain.event_schema import EventSchema, SchemaError
from ..domain.labels import LabelSchema
from ..domain.model import DOC_DONE, SUGGESTED, Event, Quote, Span
from ..domain.quote_commands import next_kind
from ..domain.review_commands import ACCEPT_REST
from ..services.mentions import NAMED_LABELS, entity_choices
from ..services.settings import DEFAULT_EVENTS, load_event_schema
from ..store import Project
from ..store.errors import ProjectUnavailable
from ..store.team import role_of
from . import model_dialog, tasks, training_dialog
from .actions import ACTIONS, MENUS, ROLE_KEYS
from .article_view import ArticleView
from .cheatsheet import ShortcutsDialog
from .controller import AnnotationController
from .doclist import DocumentListPanel
from .highlighter import search_matches
from .done_dialog import choose_for_pending
from .label_bar import LabelBar
from .live import BACK, ChangeSet, LiveUpdates, ServerBanner
from .sidepanel import SidePanel
from .type_picker import TypePicker
from .window_state import WindowMemory


SPAN_LIST_SYNC_MS = 250

# On a team project, what only some roles may do (the server refuses the rest anyway: these are
# disabled, their tooltip saying who may). Action id -> (roles allowed, what it does).
ROLE_RULES: dict[str, tuple[frozenset[str], str]] = {
    "import": (frozenset({"owner"}), "import articles"),
    "preannotate": (frozenset({"owner"}), "pre-annotate the articles"),
    "model": (frozenset({"owner"}), "choose the model for suggestions (a project setting)"),
    "train": (frozenset({"owner"}), "train and choose the project's model (a project setting)"),
    "team": (frozenset({"owner"}), "manage the team"),
    "curate": (frozenset({"owner", "reviewer"}), "curate articles into gold (adjudication)"),
    "agreement": (frozenset({"owner", "reviewer"}), "compare the annotators' work"),
}


class MainWindow(QMainWindow):
    def __init__(self, project: Project, annotator: str, labels: LabelSchema, *, gold: bool = False) -> None:
        """``gold``: the reviewer edits the gold layer (``annotator`` is then "gold"); pipeline
        suggestions are not shown there."""
        super().__init__()
        self.project = project
        self.labels = labels
        self.gold = gold
        # on a team project: the login role (the annotator) and what the team lets them do
        self.role: str | None = role_of(project)
        self.controller = AnnotationController(project, annotator, labels, self, suggestions=not gold)
        self.setWindowTitle(f"annotator — {project.name} — "
                            + ("the gold layer (reviewer)" if gold else annotator))
        self.resize(1600, 1000)
        self.live = LiveUpdates.acquire(project)  # others' saves and the server's state (None for a file)
        self.banner = ServerBanner(self.live)

        self.doclist = DocumentListPanel(project, annotator)
        self.view = ArticleView(labels)
        self.label_bar = LabelBar(labels)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 15px; font-weight: 600; padding: 6px 10px 0 10px;")
        try:
            self.event_schema = load_event_schema(project)
            schema_problem = None
        except SchemaError as err:  # a broken project schema: keep working with PLOVER, and say so
            self.event_schema, schema_problem = EventSchema.load(DEFAULT_EVENTS), str(err)
        self.side = SidePanel(self.event_schema)

        center = QWidget()
        column = QVBoxLayout(center)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.title)
        column.addWidget(self.label_bar)
        column.addWidget(self.view, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.doclist)
        splitter.addWidget(center)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 840, 380])  # at 1366 px the text column gives up the difference
        self.splitter = splitter
        whole = QWidget()  # the server's banner (a team project) across the whole window, over the rest
        stack = QVBoxLayout(whole)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(0)
        stack.addWidget(self.banner)
        stack.addWidget(splitter, 1)
        self.setCentralWidget(whole)

        self.annotator_label = QLabel(self._who_text(annotator))
        self.annotator_label.setObjectName("whoLabel")
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().addPermanentWidget(self.annotator_label)

        self.actions_by_id: dict[str, QAction] = {}
        # Scrolling the span list to the current span repaints all of it; doing that on every key
        # press would double the cost of an edit, so it follows once the user pauses.
        self._sync_span_list = QTimer(self)
        self._sync_span_list.setSingleShot(True)
        self._sync_span_list.setInterval(SPAN_LIST_SYNC_MS)
        self._sync_span_list.timeout.connect(self._select_current_in_list)
        self.background_worker = None  # the running pre-annotation or training, if any (see tasks)
        self.lexicon_window = None  # Tools ▸ Project lexicon…, while it is open
        self._build_menus()
        self.side.quotes.add_buttons([(self.actions_by_id[name], caption) for name, caption in (
            ("quote_new", "New · Q"), ("quote_speaker", "Speaker · S"), ("quote_cue", "Cue · C"),
            ("quote_kind", "Kind · K"), ("quote_accept", "Accept · ⇧Q"), ("quote_delete", "Delete · ⇧Del"))])
        self.side.events.add_buttons([(self.actions_by_id[name], caption) for name, caption in (
            ("event_new", "New · E"), ("event_article", "Article · ⇧E"), ("event_type", "Type · T"),
            ("event_mode", "Mode · M"), ("event_accept", "Accept · Alt+Y"), ("event_delete", "Delete · Alt+X"))])
        if schema_problem:
            self.statusBar().showMessage(f"Event schema not usable, PLOVER used instead: {schema_problem}", 15000)
        self._connect()
        self._apply_role()
        self._offer_people()
        # reopen where this annotator stopped: layout, and the last article of this project
        self.memory = WindowMemory(project.path, self.controller.annotator, kind="gold" if gold else "main")
        self.memory.restore_layout(self, *self._remembered_widgets())
        last = self.memory.last_article()
        first = last if self.doclist.model.row_of(last) is not None else self.doclist.next_doc_id()
        if first is not None:
            self.doclist.set_current(first)
            self.controller.open(first)
        self.controller.documentOpened.connect(self.memory.remember_article)
        self.view.setFocus()

    # --- a team project -------------------------------------------------------------------------

    def _who_text(self, annotator: str) -> str:
        """The status bar's discreet "who am I here": on a team project "bob · annotator on news on
        db.example" (the login role, their role, the project), else the layer being edited."""
        if self.role is None and not self.project.shared:
            return f"Annotator: <b>{annotator}</b> (layer “{annotator}”)"
        layer = " · editing gold" if self.gold else ""
        return f"{self.project.user} · {self.role or 'not on the team'} on {self.project.name}{layer}"

    def _apply_role(self) -> None:
        """Disable what this member's role may not do, saying who may (a project file: everything,
        but team management, which needs a server)."""
        team = self.actions_by_id.get("team")
        if not self.project.shared:
            if team is not None:
                self._refuse(team, "A team lives on a PostgreSQL server: File ▸ Open team project… (or "
                                   "'annotator copy' to move this project to one)")
            return
        for action_id, (allowed, what) in ROLE_RULES.items():
            action = self.actions_by_id.get(action_id)
            if action is None or self.role in allowed:
                continue
            if action_id == "agreement" and self.role == "annotator" and self._sees_all():
                continue  # an open project: annotators may read each other's work
            who = " or ".join(sorted(allowed, key=["owner", "reviewer"].index))
            whose = "the project's owner" if who == "owner" else f"the project's {who}s"
            self._refuse(action, f"Only {whose} may {what} on this team project "
                                 f"(you, {self.project.user}, are {self._role_words()})")

    def _role_words(self) -> str:
        return f"an {self.role}" if self.role == "annotator" else (f"a {self.role}" if self.role else
                                                                   "not on the team")

    def _sees_all(self) -> bool:
        try:
            return bool(self.project.conn.execute("SELECT annotator_sees_all()").fetchone()[0])
        except Exception:  # noqa: BLE001 - an older schema, or the server away: the stricter answer
            return False

    @staticmethod
    def _refuse(action: QAction, why: str) -> None:
        action.setEnabled(False)
        action.setToolTip(why)
        action.setStatusTip(why)

    def _offer_people(self) -> None:
        """A reviewer (or the owner) of a team project can show anyone's statuses in the list."""
        if self.project.shared and self.role in ("owner", "reviewer") and not self.gold:
            self.doclist.offer_people(self.controller.annotator)

    def _others_saved(self, changes: ChangeSet) -> None:
        """Others saved (LISTEN/NOTIFY, see annotator.ui.live): the list shows their statuses and
        counts, keeping the current article, the selection and the scroll.

        The open article is redrawn only where that is safe. On one's own layer only this user
        writes (the server lets nobody else, but the owner), so the view never changes under their
        hands; new pipeline suggestions (an owner's pre-annotation) are said, and shown on the next
        opening (an edit meanwhile that links to a replaced one is kept without the dead link, as
        with a pre-annotation on a file). The gold layer has several writers (every reviewer): the
        gold editor reads it again."""
        try:
            if changes.everything:
                self.doclist.reload_in_place()
            else:
                self.doclist.refresh_documents(changes.doc_ids)
            self.doclist.offer_people_again()
            current = self.controller.doc_id
            if not changes.touches(current):
                return
            if self.gold and (changes.everything or current in changes.from_others):
                self.controller.reload()
            elif current in changes.from_others and "preannotated" in changes.tables:
                self.statusBar().showMessage("New suggestions for this article were stored on the server (a "
                                             "pre-annotation): they show when you open it again", 10000)
            self._update_status()
        except ProjectUnavailable as err:  # away between the notice and the read
            if self.live is not None:
                self.live.lost(str(err))

    def _server_back(self) -> None:
        self.statusBar().showMessage(BACK, 8000)

    def open_team_project(self) -> QMainWindow | None:
        """File ▸ Open team project…: ask where (and a password if the server wants one), then open
        it in a window of its own; this one stays as it is."""
        from .team_dialog import open_team_project

        return open_team_project(self, team_window)

    def manage_team(self) -> None:
        """File ▸ Team members… (the owner of a team project)."""
        from .team_dialog import TeamDialog

        dialog = TeamDialog(self.project, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.team_dialog = dialog

    def _remembered_widgets(self) -> tuple[dict, dict]:
        """The splitters and table headers whose state is kept between sessions (window_state)."""
        return {"main": self.splitter}, {"doclist": self.doclist.view.horizontalHeader()}

    # --- building -----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        menus = {name: self.menuBar().addMenu(name) for name in MENUS}
        for menu in menus.values():
            menu.setToolTipsVisible(True)  # a disabled action's tooltip says who may use it
        label_menu = menus["&Annotate"]
        for label in self.labels.labels:
            action = QAction(f"Label as {label.name}", self)
            if label.key:
                action.setShortcut(QKeySequence(label.key))
            action.setToolTip(label.description)
            action.triggered.connect(lambda _=False, name=label.name: self.apply_label(name))
            label_menu.addAction(action)
            self.addAction(action)
            self.actions_by_id[f"label:{label.name}"] = action
        label_menu.addSeparator()
        # undo/redo: their text names the edit ("Undo Label “Putin” as PER"); on a team project whose
        # server is away they refuse, and the stack keeps its place (annotator.ui.undo)
        undo_redo = dict(zip(("undo", "redo"), self.controller.undo_stack.make_actions(
            self, undo=self.controller.undo, redo=self.controller.redo)))
        for spec in ACTIONS:
            if spec.handler is None:
                action = undo_redo[spec.id]
            else:
                action = QAction(spec.text, self)
                action.triggered.connect(getattr(self, spec.handler))
            action.setShortcuts([QKeySequence(k) for k in spec.shortcuts])
            action.setStatusTip(spec.tip)
            menus[spec.menu].addAction(action)
            self.addAction(action)  # shortcuts work wherever the focus is in the window
            self.actions_by_id[spec.id] = action
        events_menu = menus["E&vents"]
        events_menu.addSeparator()
        for key, role in zip(ROLE_KEYS, self.event_schema.roles):
            action = QAction(f"Set {role.name}", self)
            action.setShortcut(QKeySequence(key))
            action.setStatusTip(role.description)
            action.triggered.connect(lambda _=False, name=role.name: self.set_event_role(name))
            events_menu.addAction(action)
            self.addAction(action)
            self.actions_by_id[f"role:{role.name}"] = action

    def _connect(self) -> None:
        c = self.controller
        c.documentOpened.connect(self._show_document)
        c.spansChanged.connect(self._show_spans)
        c.quotesChanged.connect(self._show_quotes)
        c.eventsChanged.connect(self._show_events)
        c.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        c.lexiconChanged.connect(self._lexicon_changed)
        c.unreachable.connect(self.banner.show_away)
        if self.live is not None:
            self.live.changed.connect(self._others_saved)
            self.live.connectionBack.connect(self._server_back)
        self.doclist.documentActivated.connect(c.open)
        self.doclist.searchChanged.connect(lambda _query: self._show_search_matches())
        self.view.currentSpanChanged.connect(self._current_span_changed)
        self.side.spans.spanActivated.connect(lambda span: self.view.set_current_span(span))
        self.label_bar.labelClicked.connect(self.apply_label)
        self.side.quotes.quoteSelected.connect(lambda quote: self.view.set_current_quote(quote))
        self.view.quoteClicked.connect(lambda quote: self.side.quotes.select_quote(quote, emit=False))
        events = self.side.events
        events.eventSelected.connect(lambda event: self.view.set_current_event(event))
        self.view.eventClicked.connect(lambda event: events.select_event(event, emit=False))
        events.typeRequested.connect(self.change_event_type)
        events.modeChosen.connect(lambda mode: self._edit_event("Change mode", mode=mode))
        events.contextsChosen.connect(lambda context: self._edit_event("Change context", context=context))
        events.dateEdited.connect(lambda day: self._edit_event("Change date", date=day))
        events.quoteChosen.connect(self._link_quote)
        events.argumentRemoved.connect(self._remove_event_argument)
        self.side.quotes.speakerEntityChosen.connect(self._set_speaker_entity)
        events.argumentEntityChosen.connect(self._set_argument_entity)

    # --- reacting to the controller -----------------------------------------------------------

    def _show_document(self, doc_id: int) -> None:
        doc = self.controller.document
        assert doc is not None
        self.view.set_document(doc.text, self.controller.spans)
        self.title.setText(doc.title or doc.uid)
        self.side.spans.set_spans(doc.text, self.controller.spans, self.labels)
        self.view.set_quotes(self.controller.quotes)
        self.side.quotes.set_quotes(doc.text, self.controller.quotes)
        self.view.set_events(self.controller.events)
        self.side.events.set_events(doc.text, self.controller.events, self.controller.quotes)
        self._show_entities()
        self.side.show_document(doc)
        self.doclist.set_current(doc_id, emit=False)
        self._show_search_matches()
        self._update_status()

    def _show_search_matches(self) -> None:
        """The words of the list's search, highlighted in the open article."""
        doc = self.controller.document
        if doc is not None:
            self.view.set_search_matches(search_matches(doc.text, self.doclist.model.query))

    def _show_spans(self, doc_id: int) -> None:
        doc = self.controller.document
        if doc is None or doc.id != doc_id:
            return
        self.view.update_spans(self.controller.spans)
        self.side.spans.set_spans(doc.text, self.controller.spans, self.labels)
        self._show_entities()
        self._sync_span_list.start()
        self.doclist.refresh_documents([doc_id])
        self._update_status()

    def _show_entities(self) -> None:
        """The named entities the Quotations and Events panels offer for speakers and arguments."""
        doc = self.controller.document
        choices = entity_choices(doc.text, self.controller.spans) if doc is not None else []
        colors = {label: self.labels.color(label) for label in NAMED_LABELS}
        self.side.quotes.set_entities(choices, colors)
        self.side.events.set_entities(choices, colors)

    def _show_quotes(self, doc_id: int) -> None:
        doc = self.controller.document
        if doc is None or doc.id != doc_id:
            return
        current = self.view.current_quote
        self.view.set_quotes(self.controller.quotes, current)
        self.side.quotes.set_quotes(doc.text, self.controller.quotes, current)
        # the Events form offers the quotations to link: it must know the new list too
        self.side.events.set_events(doc.text, self.controller.events, self.controller.quotes, self.view.current_event)

    def _show_events(self, doc_id: int) -> None:
        doc = self.controller.document
        if doc is None or doc.id != doc_id:
            return
        current = self.view.current_event
        self.view.set_events(self.controller.events, current)
        self.side.events.set_events(doc.text, self.controller.events, self.controller.quotes, self.view.current_event)

    def _lexicon_changed(self, doc_ids: list[int]) -> None:
        """The project learned words and suggested these untouched articles again: the list shows
        their counts, the open article its new suggestions if it is one of them, and an open
        Project lexicon window the new entry."""
        self.doclist.refresh_documents(doc_ids)
        if self.controller.doc_id in doc_ids:
            self.controller.reload()
        if self.lexicon_window is not None:
            self.lexicon_window.refresh()

    def _current_span_changed(self, _span: Span | None) -> None:
        self._sync_span_list.start()

    def _select_current_in_list(self) -> None:
        """The span list follows the current span once the user pauses (see SPAN_LIST_SYNC_MS)."""
        self.side.spans.select_span(self.view.current_span)

    def _update_status(self) -> None:
        accepted, pending = self.controller.counts()
        status = self.controller.status()
        self.status_label.setText(f"{status} · {accepted} annotations · {pending} suggestions")

    # --- action handlers (names referenced by the action table) -------------------------------

    def apply_label(self, label: str) -> None:
        selection = self.view.selected_range()
        current = None if selection else self.view.current_span
        result = self.controller.label(label, selection=selection, current=current)
        if result is not None:
            self.view.clear_selection()
            match = next((s for s in self.controller.spans if (s.start, s.end) == result), None)
            self.view.set_current_span(match, scroll=False)

    def _target_span(self) -> Span | None:
        """The selected span, else the span under the text cursor."""
        return self.view.current_span or self.view.span_at(self.view.offset_of_cursor())

    def accept_current(self) -> None:
        span = self._target_span()
        self.controller.accept(span)
        self._advance_after(span)

    def reject_current(self) -> None:
        span = self._target_span()
        self.controller.reject(span)
        self._advance_after(span)

    def delete_current(self) -> None:
        self.controller.delete(self._target_span())

    def accept_all(self) -> None:
        self.controller.accept_all()

    def mark_done_asking(self) -> None:
        """D, asking about pending suggestions even when the project remembers an answer."""
        if self.controller.status() == DOC_DONE:
            self.statusBar().showMessage("This article is already done (D marks it not done)", 6000)
            return
        self.toggle_done(ask=True)

    def toggle_done(self, ask: bool = False) -> None:
        """Done means reviewed: pending suggestions are accepted or rejected first (the dialog of
        :mod:`annotator.ui.done_dialog` asks, unless the project remembers the answer)."""
        pending = self.controller.pending() if self.controller.status() != DOC_DONE else None
        if not pending:
            self.controller.toggle_done()
            return
        choice, remembered = choose_for_pending(self, self.project, pending, ask=ask)
        self.activateWindow()  # the keys go on to this window, not to the closed dialog
        self.view.setFocus()
        if choice is None:
            self.statusBar().showMessage("Not marked done: the suggestions are still pending", 6000)
            return
        if self.controller.toggle_done(choice) and remembered:
            verb = "accepted" if choice == ACCEPT_REST else "rejected"
            self.statusBar().showMessage(f"Done: {verb} {pending.describe()} (the choice remembered for this "
                                         "project; Ctrl+Z undoes it, Ctrl+Shift+D asks again)", 8000)

    # quotations: the current one is the view's (clicked, stepped to, or picked in the panel)

    def _make_current_quote(self, quote: Quote | None) -> None:
        self.view.set_current_quote(quote, scroll=False)
        self.side.quotes.select_quote(self.view.current_quote, emit=False)

    def _current_quote(self) -> Quote | None:
        return self.view.current_quote or self.view.quote_at(self.view.offset_of_cursor())

    def new_quote(self) -> None:
        quote = self.controller.create_quote(self.view.selected_range())
        if quote is not None:
            self.view.clear_selection()
            self._make_current_quote(quote)
            self.side.setCurrentWidget(self.side.quotes)

    def set_quote_speaker(self) -> None:
        """The selection (or the entity span clicked) becomes the current quotation's speaker."""
        selection = self.view.selected_range()
        span = None if selection else self.view.current_span
        if selection is None and span is None:
            self.statusBar().showMessage("Click the speaker's name (or select words), then press S", 6000)
            return
        start, end = selection or (span.start, span.end)  # type: ignore[union-attr]
        if span is None:  # words selected: linked to the entity they are, if they are one
            span = next((s for s in self.controller.spans if (s.start, s.end) == (start, end)), None)
        quote = self.controller.edit_quote(self._current_quote(), "Set speaker", entity=span, speaker_start=start,
                                           speaker_end=end, speaker_label=span.label if span else None)
        self.view.clear_selection()
        self._make_current_quote(quote)

    def choose_speaker_entity(self) -> None:
        """Open the list of the article's names for the current quotation's speaker (Shift+S)."""
        quote = self._current_quote()
        if quote is None:
            self.statusBar().showMessage("No quotation selected: pick one in the Quotations panel, or press Alt+N",
                                         6000)
            return
        self._make_current_quote(quote)
        self.side.setCurrentWidget(self.side.quotes)
        if not self.side.quotes.pick_speaker_entity():
            self.statusBar().showMessage("This quotation has no speaker yet: click the name (or select words), "
                                         "then press S", 6000)

    def _set_speaker_entity(self, entity) -> None:
        """The speaker of the quotation picked in the panel names ``entity`` (None: no one)."""
        quote = self.controller.set_speaker_entity(self.side.quotes.current_quote() or self._current_quote(), entity)
        if quote is not None:
            self._make_current_quote(quote)

    def set_quote_cue(self) -> None:
        selection = self.view.selected_range()
        if selection is None:
            self.statusBar().showMessage("Select the cue (ha detto, secondo…), then press C", 6000)
            return
        quote = self.controller.edit_quote(self._current_quote(), "Set cue", cue_start=selection[0],
                                           cue_end=selection[1])
        self.view.clear_selection()
        self._make_current_quote(quote)

    def cycle_quote_kind(self) -> None:
        quote = self._current_quote()
        if quote is not None:
            quote = self.controller.edit_quote(quote, "Change kind", kind=next_kind(quote.kind))
        else:
            self.controller.edit_quote(None, "Change kind")
        self._make_current_quote(quote)

    def accept_quote(self) -> None:
        quote = self._current_quote()
        self.controller.accept_quote(quote)
        if quote is not None:
            following = next((q for q in self.controller.quotes if q.start > quote.start), None)
            self._make_current_quote(following or quote)

    def accept_all_quotes(self) -> None:
        self.controller.accept_all_quotes()

    def delete_quote(self) -> None:
        quote = self._current_quote()
        self.controller.delete_quote(quote)
        if quote is not None:
            following = next((q for q in self.controller.quotes if q.start > quote.start), None)
            self._make_current_quote(following)

    # events: the current one is the view's (clicked, stepped to, or picked in the Events tab)

    def _make_current_event(self, event: Event | None) -> None:
        self.view.set_current_event(event, scroll=False)
        self.side.events.select_event(self.view.current_event, emit=False)

    def _current_event(self) -> Event | None:
        return self.view.current_event or self.view.event_at(self.view.offset_of_cursor())

    def pick_event_type(self, current: str | None = None) -> str | None:
        """Ask for a type in the searchable picker (a method, so tests can answer for the user)."""
        return TypePicker.pick(self.event_schema, current, self)

    def pick_entity_label(self, labels: list[str], role: str) -> str | None:
        """Ask which label the selected words get when they fill ``role`` (a method, so tests can
        answer for the user); None when the user cancels."""
        from PySide6.QtWidgets import QInputDialog

        label, ok = QInputDialog.getItem(self, "New entity", f"The {role} is a…", labels, 0, False)
        return label if ok else None

    def new_event(self) -> None:
        selection = self.view.selected_range()
        if selection is None:
            self.statusBar().showMessage("Select the words that express the event (its trigger), then press E; "
                                         "Shift+E makes an event for the whole article", 6000)
            return
        self._new_event(selection)

    def new_article_event(self) -> None:
        self._new_event(None)

    def _new_event(self, trigger: tuple[int, int] | None) -> None:
        chosen = self.pick_event_type()
        if not chosen:
            return
        event = self.controller.create_event(chosen, trigger)
        if event is not None:
            self.view.clear_selection()
            self._make_current_event(event)
            self.side.setCurrentWidget(self.side.events)

    def _edit_event(self, what: str, **changes: object) -> None:
        event = self.controller.edit_event(self._current_event(), what, **changes)
        if event is not None:
            self._make_current_event(event)

    def change_event_type(self) -> None:
        event = self._current_event()
        if event is None:
            self.controller.edit_event(None, "Change type")
            return
        chosen = self.pick_event_type(event.type)
        if chosen and chosen != event.type:
            kind = self.event_schema.type(chosen)
            mode = event.mode if kind is not None and event.mode and kind.mode(event.mode) else None
            self._edit_event("Change type", type=chosen, mode=mode)

    def cycle_event_mode(self) -> None:
        event = self._current_event()
        kind = self.event_schema.type(event.type) if event else None
        if event is None or kind is None or not kind.modes:
            self.statusBar().showMessage("This event's type has no modes" if event else
                                         "No event selected: pick one in the Events tab", 6000)
            return
        names = [None, *(m.name for m in kind.modes)]
        following = names[(names.index(event.mode) + 1) % len(names)] if event.mode in names else names[1]
        self._edit_event("Change mode", mode=following)

    def edit_event_date(self) -> None:
        if self._current_event() is None:
            self.statusBar().showMessage("No event selected: pick one in the Events tab", 6000)
            return
        self.side.setCurrentWidget(self.side.events)
        self.side.events.focus_date()

    def link_event_quote(self) -> None:
        self._link_quote(self.view.current_quote)

    def _link_quote(self, quote: Quote | None) -> None:
        """Link the current event to ``quote`` (None unlinks); a suggested quotation is accepted
        first, so the event cites the annotator's own copy."""
        if quote is None:
            if self.sender() is self.side.events:
                self._edit_event("Unlink quotation", quote_id=None)
            else:
                self.statusBar().showMessage("Pick the quotation first (Quotations tab or Alt+N), then Alt+L", 6000)
            return
        if quote.status == SUGGESTED:
            self.controller.accept_quote(quote)
            quote = next((q for q in self.controller.quotes if q.source_id == quote.id), quote)
        self._edit_event("Link quotation", quote_id=quote.id)

    def set_event_role(self, role: str) -> None:
        """The selected words (made an entity if they are not one) or the clicked entity fill ``role``."""
        event = self._current_event()
        if event is None:
            self.statusBar().showMessage("No event selected: pick one in the Events tab (or press E)", 6000)
            return
        selection = self.view.selected_range()
        span = None if selection else self.view.current_span
        if selection is None and span is None:
            self.statusBar().showMessage(f"Click a name (or select words), then the {role} key", 6000)
            return
        spec = self.event_schema.role(role)
        if selection is not None:
            existing = next((s for s in self.controller.spans if (s.start, s.end) == selection), None)
            if existing is None:
                fitting = [l for l in (spec.labels if spec else ()) if self.labels.get(l)] or self.labels.names()
                label = fitting[0] if len(fitting) == 1 else self.pick_entity_label(fitting, role)
                if label is None:
                    return
                span = self.controller.label_for_argument(*selection, label)
            else:
                span = existing
            self.view.clear_selection()
        if span is None:
            return
        # a role for people and bodies stands for a name of the article ("il governo" -> "Governo Draghi");
        # a place is where it is (as pre-annotation has it)
        resolve = spec is None or not spec.labels or bool({"PER", "ORG"} & set(spec.labels))
        event = self.controller.add_event_argument(self._current_event() or event, role, span.start, span.end,
                                                   multiple=spec.multiple if spec else True, entity=span,
                                                   resolve=resolve)
        self._make_current_event(event)

    def choose_argument_entity(self) -> None:
        """Open the list of the article's names for the selected argument of the current event (Alt+R)."""
        event = self._current_event()
        if event is None:
            self.statusBar().showMessage("No event selected: pick one in the Events tab (or press E)", 6000)
            return
        self._make_current_event(event)
        self.side.setCurrentWidget(self.side.events)
        if not self.side.events.pick_argument_entity():
            self.statusBar().showMessage("This event has no argument yet: click a name, then Alt+1, Alt+2…", 6000)

    def _set_argument_entity(self, argument, entity) -> None:
        """``argument`` of the current event names ``entity`` (None: no one)."""
        event = self.controller.set_argument_entity(self._current_event(), argument, entity)
        if event is not None:
            self._make_current_event(event)

    def _remove_event_argument(self, argument) -> None:
        event = self.controller.remove_event_argument(self._current_event(), argument)
        self._make_current_event(event)

    def accept_event(self) -> None:
        event = self._current_event()
        self.controller.accept_event(event)
        if event is not None:
            following = next((e for e in self.controller.events
                              if (e.trigger_start or -1) > (event.trigger_start or -1)), None)
            self._make_current_event(following or event)

    def accept_all_events(self) -> None:
        self.controller.accept_all_events()

    def delete_event(self) -> None:
        event = self._current_event()
        self.controller.delete_event(event)
        if event is not None:
            following = next((e for e in self.controller.events
                              if (e.trigger_start or -1) > (event.trigger_start or -1)), None)
            self._make_current_event(following)

    def next_event(self) -> None:
        self.side.events.select_event(self.view.step_event(forward=True), emit=False)

    def previous_event(self) -> None:
        self.side.events.select_event(self.view.step_event(forward=False), emit=False)

    def next_quote(self) -> None:
        self.side.quotes.select_quote(self.view.step_quote(forward=True), emit=False)

    def previous_quote(self) -> None:
        self.side.quotes.select_quote(self.view.step_quote(forward=False), emit=False)

    def next_span(self) -> None:
        self.view.step_span(forward=True)

    def previous_span(self) -> None:
        self.view.step_span(forward=False)

    def next_document(self) -> None:
        doc_id = self.doclist.next_doc_id()
        if doc_id is not None:
            self.controller.open(doc_id)
        else:
            self.statusBar().showMessage("This is the last article in the list", 6000)

    def previous_document(self) -> None:
        doc_id = self.doclist.previous_doc_id()
        if doc_id is not None:
            self.controller.open(doc_id)
        else:
            self.statusBar().showMessage("This is the first article in the list", 6000)

    def focus_search(self) -> None:
        self.doclist.focus_search()

    def focus_text(self) -> None:
        self.view.setFocus()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.labels, self, [r.name for r in self.event_schema.roles]).exec()

    def import_files(self) -> None:
        tasks.import_files_dialog(self)

    def export_annotations(self) -> None:
        """Export…: every format with the command line's filters, in a dialog (export_dialog)."""
        from .export_dialog import open_export_dialog

        open_export_dialog(self, self.project, self.controller.annotator, self.labels.names(),
                           report=lambda text: self.statusBar().showMessage(text, 8000))

    def preannotate(self) -> None:
        tasks.preannotate_with_progress(self, self.project.documents_without_suggestions())

    def train_model(self) -> None:
        training_dialog.train_from_annotations(self)

    def show_agreement(self) -> None:
        from .agreement_view import show_agreement

        self.agreement_view = None  # set when the measures are ready
        show_agreement(self)

    def curate_article(self) -> None:
        from .curation import open_curation

        self.curation = open_curation(self, open_editor=lambda doc_id: gold_editor(self.project, self.labels, doc_id))

    def show_lexicon(self) -> None:
        """Tools ▸ Project lexicon…: what the project learned (lexicon_window)."""
        from .lexicon_window import open_lexicon_window

        def report(change) -> None:
            self.statusBar().showMessage(change.said, 8000)
            self._lexicon_changed(list(change.doc_ids))

        if self.lexicon_window is not None:  # one window: shown again
            self.lexicon_window.refresh()
            self.lexicon_window.raise_()
            self.lexicon_window.activateWindow()
            return
        window = open_lexicon_window(self, self.project, self.controller.annotator, self.event_schema, report=report)
        window.destroyed.connect(lambda *_: setattr(self, "lexicon_window", None))
        self.lexicon_window = window

    def choose_suggestion_model(self) -> None:
        model_dialog.choose_model_for_suggestions(self)

    def _advance_after(self, span: Span | None) -> None:
        """Keyboard flow: after accepting or rejecting, the next span becomes current."""
        if span is None:
            return
        following = next((s for s in self.controller.spans if s.start >= span.end), None)
        self.view.set_current_span(following)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Everything is already saved; only a running pre-annotation or training is stopped (between
        batches or steps)."""
        if self.background_worker is not None:
            self.background_worker.cancel()
            QThreadPool.globalInstance().waitForDone(10_000)
        self.memory.save_layout(self, *self._remembered_widgets())
        if self.live is not None:  # the last window of the project stops listening
            self.live.release()
            self.live = None
        super().closeEvent(event)

    def after_import(self) -> None:
        """Called by tasks after documents were added or pre-annotated."""
        self.doclist.reload()
        self.controller.reload()
        if self.controller.document is None:
            first = self.doclist.next_doc_id()
            if first is not None:
                self.controller.open(first)


def gold_editor(project: Project, labels: LabelSchema, doc_id: int) -> MainWindow:
    """The full editor on the gold layer, on article ``doc_id`` (the curation's Ctrl+E: quotations and
    events of the reviewer's own). The curation gets this as a callback, so it never imports this module."""
    from ..domain.model import GOLD

    editor = MainWindow(project, GOLD, labels, gold=True)
    editor.controller.open(doc_id)
    editor.doclist.set_current(doc_id, emit=False)
    return editor


def team_window(project: Project) -> MainWindow:
    """The main window on a team project: the annotator is the login role (the server lets them
    write their own layer only), with the project's labels."""
    from ..services.settings import load_labels

    return MainWindow(project, project.user or "", load_labels(project))
