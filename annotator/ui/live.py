"""Working together on a team project: others' saves shown as they happen, and a server that goes away.

:class:`LiveUpdates` (one per open team project, shared by its windows) listens to the server's change
notices (:mod:`annotator.store.listening`) on a connection of its own. Its socket is watched by a
``QSocketNotifier`` in the UI thread: when the server sends something, the notices are drained at
once (nothing blocks) and gathered for :data:`DEBOUNCE_MS`, so that a burst (an import, a merge, a
pre-annotation batch) becomes one :attr:`~LiveUpdates.changed` signal naming the documents touched.
The article list, the curation and the agreement view refresh those documents in place.

When the server cannot be reached (the listening socket closes, or an edit fails), the app goes
*offline*: :attr:`~LiveUpdates.connectionLost`, edits are refused at once with a clear message (each
command is one transaction: nothing is half-saved), and a timer tries to reconnect with a growing
pause (:data:`RETRY_FIRST_MS` doubling up to :data:`RETRY_MAX_MS`). Whether the server answers is
tried off the UI thread (a blackholed host would freeze the window for the connect timeout); once it
does, the project's session and the listener are opened again, :attr:`~LiveUpdates.connectionBack`
is sent and every view reads the project again (the notices of the time away are lost).

A project file has no server: :meth:`LiveUpdates.acquire` returns None for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QSocketNotifier, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..store.errors import ProjectUnavailable
from ..store.listening import Change, ChangeListener, password_of

__all__ = ["AWAY", "AWAY_READ", "BACK", "DEBOUNCE_MS", "ChangeSet", "LiveUpdates", "ServerBanner", "UNDONE",
           "UNSAVED"]

DEBOUNCE_MS = 200
RETRY_FIRST_MS = 500
RETRY_MAX_MS = 8000
BACK_SHOWN_MS = 6000

UNSAVED = "The server is unreachable: your last change was not saved. Reconnecting…"
UNDONE = "The server is unreachable: your last {what} was not done (it is still on the undo stack). Reconnecting…"
AWAY_READ = "The server is unreachable: the article cannot be read now. Reconnecting…"
AWAY = ("The server is unreachable: your work so far is saved; edits are refused until it is back. "
        "Reconnecting…")
BACK = "Connected to the server again: the views show the project as it is now."

# tables whose notices change what an annotation view shows (not "preannotated" bookkeeping alone)
ANNOTATION_TABLES = frozenset({"spans", "quotes", "events", "doc_status"})


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What changed on the server since the last signal.

    ``doc_ids``: the documents touched; ``from_others``: those touched by another session (not this
    app's own connection); ``tables``: the tables named; ``everything``: documents were added or
    removed, or the app was away: read everything again."""

    doc_ids: frozenset[int] = frozenset()
    from_others: frozenset[int] = frozenset()
    tables: frozenset[str] = frozenset()
    everything: bool = False

    def touches(self, doc_id: int | None) -> bool:
        return doc_id is not None and (self.everything or doc_id in self.doc_ids)

    @classmethod
    def of(cls, changes: set[Change], own_pid: int) -> ChangeSet:
        return cls(frozenset(c.doc_id for c in changes if c.doc_id is not None),
                   frozenset(c.doc_id for c in changes if c.doc_id is not None and c.pid != own_pid),
                   frozenset(c.table for c in changes),
                   any(c.doc_id is None for c in changes))


class _ProbeSignals(QObject):
    done = Signal(object, str)  # a listening ChangeListener (None on failure), the reason


class _Probe(QRunnable):
    """Opens a listener off the UI thread: whether the server answers, without freezing the window."""

    def __init__(self, url: str, password: str | None) -> None:
        super().__init__()
        self.signals = _ProbeSignals()  # made here, in the UI thread: its signals arrive there
        self._url, self._password = url, password
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            listener = ChangeListener(self._url, password=self._password)
        except ProjectUnavailable as err:
            self.signals.done.emit(None, str(err))
        except Exception as err:  # noqa: BLE001 - anything else: still away, tried again later
            self.signals.done.emit(None, f"{type(err).__name__}: {err}")
        else:
            self.signals.done.emit(listener, "")


class LiveUpdates(QObject):
    """The change notices and the connection state of one open team project (see the module docstring)."""

    changed = Signal(object)  # a ChangeSet
    connectionLost = Signal(str)  # why (the error's words)
    connectionBack = Signal()

    _shared: ClassVar[dict[int, LiveUpdates]] = {}

    @classmethod
    def acquire(cls, project: Any) -> LiveUpdates | None:
        """The project's LiveUpdates (made on first use), held until :meth:`release`; None for a file."""
        if not getattr(project, "shared", False):
            return None
        live = cls.of(project)
        if live is None:
            live = cls(project)
            cls._shared[id(project)] = live
        live._holders += 1
        return live

    @classmethod
    def of(cls, project: Any) -> LiveUpdates | None:
        """The project's LiveUpdates if a window holds one, else None."""
        live = cls._shared.get(id(project))
        return live if live is not None and live.project is project and not live._closed else None

    @classmethod
    def lost_somewhere(cls, err: BaseException) -> bool:
        """``err`` (escaped from a slot) says the server of an open team project cannot be reached:
        that project goes offline, its windows say so; True when one did."""
        from ..store.errors import PermissionRefused
        from ..store.location import display_location

        if not isinstance(err, ProjectUnavailable) or isinstance(err, PermissionRefused):
            return False
        text = str(err)
        away = [live for live in list(cls._shared.values()) if display_location(live.url) in text]
        for live in away:
            live.lost(text)
        return bool(away)

    def __init__(self, project: Any) -> None:
        super().__init__()
        self.project = project
        self.url = str(project.path)
        self._password = password_of(project)
        self._holders = 0
        self._closed = False
        self.offline = False
        self.reason = ""
        self.listener: ChangeListener | None = None
        self._notifier: QSocketNotifier | None = None
        self._pending: set[Change] = set()
        self._probe: _Probe | None = None
        self._delay = RETRY_FIRST_MS
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._flush)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.retry_now)
        try:
            self._attach(ChangeListener(self.url, password=self._password))
        except ProjectUnavailable as err:
            self.lost(str(err))

    # --- listening ----------------------------------------------------------------------------

    def _attach(self, listener: ChangeListener) -> None:
        self.listener = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)

    def _detach(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)  # before its socket closes
            self._notifier.deleteLater()
            self._notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None

    def _readable(self, *_args: object) -> None:
        """The listening socket has something: the notices (or the news that the server left)."""
        if self.listener is None:
            return
        try:
            changes = self.listener.drain()
        except ProjectUnavailable as err:
            self.lost(str(err))
            return
        if changes:
            self._pending.update(changes)
            if not self._debounce.isActive():  # at most DEBOUNCE_MS after the first of a burst
                self._debounce.start()

    def _own_pid(self) -> int:
        try:
            return int(self.project.conn.raw.info.backend_pid)
        except Exception:  # noqa: BLE001 - away: every change counts as another's
            return 0

    def _flush(self) -> None:
        if not self._pending or self.offline:
            return
        changes, self._pending = self._pending, set()
        self.changed.emit(ChangeSet.of(changes, self._own_pid()))

    def flush_now(self) -> None:
        """Read what the socket holds and send it now, without the pause (for tests and a manual
        refresh)."""
        self._readable()
        self._debounce.stop()
        self._flush()

    # --- the server away ------------------------------------------------------------------------

    def lost(self, reason: str) -> None:
        """The server cannot be reached: go offline and start trying to reconnect."""
        if self._closed:
            return
        self.reason = reason
        if self.offline:
            return
        self.offline = True
        self._detach()
        self._debounce.stop()
        self._pending.clear()
        self._delay = RETRY_FIRST_MS
        self._retry.start(self._delay)
        self.connectionLost.emit(reason)

    def retry_now(self) -> None:
        """Try to reach the server now (the timer's, and the banner's "Try now")."""
        if self._closed or not self.offline or self._probe is not None:
            return
        self._retry.stop()
        probe = _Probe(self.url, self._password)
        probe.signals.done.connect(self._probed)
        self._probe = probe
        QThreadPool.globalInstance().start(probe)

    def _probed(self, listener: ChangeListener | None, reason: str) -> None:
        self._probe = None
        if self._closed or not self.offline:
            if listener is not None:
                listener.close()
            return
        if listener is not None:
            try:
                self.project.conn.reconnect()  # the server answers: this is quick
            except ProjectUnavailable as err:
                listener.close()
                listener, reason = None, str(err)
        if listener is None:
            self.reason = reason or self.reason
            self._delay = min(self._delay * 2, RETRY_MAX_MS)
            self._retry.start(self._delay)
            return
        self._attach(listener)
        self.offline = False
        self.reason = ""
        self._delay = RETRY_FIRST_MS
        self.connectionBack.emit()
        self.changed.emit(ChangeSet(everything=True))  # what changed meanwhile was not heard

    # --- lifetime -----------------------------------------------------------------------------

    def release(self) -> None:
        """One window less holds it; the last one closes the listener."""
        self._holders -= 1
        if self._holders <= 0:
            self.close()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._retry.stop()
        self._debounce.stop()
        self._detach()
        if LiveUpdates._shared.get(id(self.project)) is self:
            del LiveUpdates._shared[id(self.project)]


class ServerBanner(QFrame):
    """A strip over a window's content that says the server is away (amber, with "Try now") or back
    (green, for a few seconds). It never blocks: the window goes on working."""

    def __init__(self, live: LiveUpdates | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverBanner")
        self.live = live
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setObjectName("serverBannerText")
        self.try_button = QPushButton("Try now")
        self.try_button.setToolTip("Try to reach the server now (the app also tries by itself)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.try_button)
        self._hide_later = QTimer(self)
        self._hide_later.setSingleShot(True)
        self._hide_later.setInterval(BACK_SHOWN_MS)
        self._hide_later.timeout.connect(self.hide)
        self.hide()
        if live is not None:
            self.try_button.clicked.connect(live.retry_now)
            live.connectionLost.connect(self._away)
            live.connectionBack.connect(self.show_back)
            if live.offline:
                self.show_away(AWAY)

    def message(self) -> str:
        """What the banner says now ("" when hidden)."""
        return self.text.text() if not self.isHidden() else ""

    def _away(self, _reason: str) -> None:
        self.show_away(AWAY, keep_specific=True)

    def show_away(self, text: str, *, keep_specific: bool = False) -> None:
        """The server is away: ``text`` in amber; ``keep_specific``: a message about the user's last
        change, already shown, stays."""
        self._hide_later.stop()
        if keep_specific and not self.isHidden() and self.text.text() != BACK and self.text.text() != AWAY:
            return
        self.setStyleSheet("#serverBanner { background: #fef3c7; border-bottom: 1px solid #d97706; }"
                           " #serverBannerText { color: #78350f; font-weight: 600; }")
        self.text.setText(text)
        self.try_button.show()
        self.show()

    def show_back(self) -> None:
        self.setStyleSheet("#serverBanner { background: #dcfce7; border-bottom: 1px solid #16a34a; }"
                           " #serverBannerText { color: #14532d; font-weight: 600; }")
        self.text.setText(BACK)
        self.try_button.hide()
        self.show()
        self._hide_later.start()
