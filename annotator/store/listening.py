"""Change notices of a team project: what others saved, as it is saved (LISTEN/NOTIFY).

The server's triggers (:mod:`annotator.store.pg_schema`) send one notice on the channel
``annotator_changes`` per table and document changed in a transaction, when it commits. A
:class:`ChangeListener` holds a connection of its own that only listens: a front end watches its
:meth:`~ChangeListener.fileno` (a ``QSocketNotifier``, ``select``) and calls
:meth:`~ChangeListener.drain` when the socket is readable; nothing ever blocks. When the server goes
away the socket becomes readable too, and :meth:`~ChangeListener.drain` raises
:class:`~annotator.store.errors.ProjectUnavailable`; :meth:`~ChangeListener.reconnect` listens again
once it is back (the notices sent meanwhile are lost: the front end reads the project again then).

A project file has no server and no notices: :func:`listen_to` returns None for it.

Plain Python: psycopg is imported lazily, like everywhere in the store.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

from .errors import ProjectUnavailable
from .pg_schema import CHANNEL

__all__ = ["CHANNEL", "Change", "ChangeListener", "listen_to", "password_of"]

LISTEN_CONNECT_TIMEOUT_S = 5


@dataclass(frozen=True, slots=True)
class Change:
    """One table changed for one document (``doc_id`` None: documents were added or removed).

    ``pid`` is the server process of the session that made the change (compare it with your own
    session's to tell your own saves from others'); it takes no part in equality."""

    table: str
    doc_id: int | None
    pid: int = field(default=0, compare=False)


def parse_notice(payload: str, pid: int = 0) -> Change | None:
    """The change a notice's payload (``{"table": ..., "doc": ...}``) names; None for anything else."""
    try:
        data = json.loads(payload)
        table = data["table"]
        doc = data.get("doc")
        if not isinstance(table, str) or (doc is not None and not isinstance(doc, int)):
            return None
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return Change(table, doc, pid)


class ChangeListener:
    """A connection that LISTENs on :data:`CHANNEL` of the project at ``url``."""

    def __init__(self, url: str, *, password: str | None = None,
                 connect_timeout: int = LISTEN_CONNECT_TIMEOUT_S) -> None:
        self.url = url
        self._password = password
        self._timeout = connect_timeout
        self._conn: Any = None
        self._connect()

    def _connect(self) -> None:
        import psycopg

        from .postgres import unreachable

        # TCP keepalives: a network that dies without a word (no FIN) is noticed in about 20 s, the
        # socket then reads as closed and the app says the server is away
        kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": self._timeout,
                                  "application_name": "annotator (listening)", "keepalives": 1,
                                  "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 2}
        if self._password is not None:
            kwargs["password"] = self._password
        try:
            conn = psycopg.connect(self.url, **kwargs)
        except psycopg.OperationalError as err:
            raise unreachable(self.url, err) from None
        try:
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.OperationalError as err:
            with contextlib.suppress(Exception):
                conn.close()
            raise unreachable(self.url, err) from None
        self._conn = conn

    @property
    def alive(self) -> bool:
        """Whether the connection is open (it closes itself when :meth:`drain` finds it lost)."""
        return self._conn is not None and not self._conn.closed

    def fileno(self) -> int:
        """The socket to watch for readability; -1 once the connection is closed."""
        return self._conn.fileno() if self.alive else -1

    @property
    def backend_pid(self) -> int:
        """This listening session's server process (0 when closed)."""
        return self._conn.info.backend_pid if self.alive else 0

    def drain(self) -> list[Change]:
        """The changes notified since the last call, without waiting (an empty list when none).
        Raises ProjectUnavailable when the connection was lost (the listener is then closed:
        :meth:`reconnect` opens it again)."""
        import psycopg

        from .postgres import unreachable

        if not self.alive:
            raise ProjectUnavailable(f"{self.url}: not listening (the connection was closed)")
        pgconn = self._conn.pgconn
        changes: list[Change] = []
        try:
            pgconn.consume_input()
        except psycopg.OperationalError as err:
            self.close()
            raise unreachable(self.url, err) from None
        while (notice := pgconn.notifies()) is not None:
            if notice.relname.decode() != CHANNEL:
                continue
            change = parse_notice(notice.extra.decode("utf-8", "replace"), notice.be_pid)
            if change is not None:
                changes.append(change)
        return changes

    def reconnect(self) -> None:
        """Listen again on a new connection; ProjectUnavailable while the server cannot be reached."""
        self.close()
        self._connect()

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        self._conn = None

    def __enter__(self) -> ChangeListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def password_of(project: Any) -> str | None:
    """The password the project's session logged in with (so a second connection of the same user,
    a listener or a reader, needs no second prompt); None for a file, or when it used none."""
    if not getattr(project, "shared", False):
        return None
    try:
        return project.conn.raw.info.password or None
    except Exception:  # noqa: BLE001 - the session is away: libpq finds the password again, or asks
        return None


def listen_to(project: Any) -> ChangeListener | None:
    """A listener on the team project's changes, or None for a project file (no notices there)."""
    if not getattr(project, "shared", False):
        return None
    return ChangeListener(str(project.path), password=password_of(project))
