"""A team project on a PostgreSQL server, reached with psycopg 3.

:class:`ServerConnection` gives :class:`~annotator.store.project.Project` the few calls it makes on a
``sqlite3.Connection`` (``execute``, ``executemany``, ``in_transaction``, ``close``) and speaks
PostgreSQL underneath: ``?`` placeholders become ``%s``, and the server's errors become the ones the
rest of the program already handles (an integrity error is an ``sqlite3.IntegrityError`` subclass; a
server that cannot be reached is :class:`~annotator.store.errors.ProjectUnavailable` with a sentence;
a permission the team's rules refuse is :class:`~annotator.store.errors.PermissionRefused`).
A connection lost between transactions is opened again on the next call.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .errors import NotAProject, PermissionRefused, ProjectUnavailable
from .location import display_location
from .pg_schema import MIGRATIONS, SCHEMA_VERSION

CONNECT_TIMEOUT_S = 10
# the text search configuration of the documents' search column (pg_schema): queries must use it too
SEARCH_CONFIG = "italian"
_STREAMS = itertools.count(1)  # names of server-side cursors, unique per process


class ServerIntegrityError(sqlite3.IntegrityError):
    """A constraint the server refused (a duplicate, a broken link): handled like SQLite's."""


class ServerDataError(sqlite3.DataError):
    """A value the server refused (a text with NUL, a number out of range)."""


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """The statement with psycopg's placeholders: ``?`` → ``%s``, a literal ``%`` doubled. The
    store's SQL never has a ``?`` inside a quoted literal."""
    return sql.replace("%", "%%").replace("?", "%s")


class ServerCursor:
    """What a statement returned: the rows, like a ``sqlite3.Cursor``."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._cursor.fetchall() if self._cursor.description else []

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount


class ServerConnection:
    """One session with the project's database (autocommit: transactions are begun explicitly,
    as with SQLite's ``isolation_level=None``)."""

    backend = "postgresql"

    def __init__(self, url: str, *, readonly: bool = False, password: str | None = None) -> None:
        self.url = url
        self.readonly = readonly
        self._password = password
        self._conn: Any = None
        self._connect()

    # --- connecting -------------------------------------------------------------------------

    def _connect(self) -> None:
        import psycopg

        kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S,
                                  "application_name": "annotator"}
        if self._password is not None:
            kwargs["password"] = self._password
        try:
            self._conn = psycopg.connect(self.url, **kwargs)
        except psycopg.OperationalError as err:
            raise unreachable(self.url, err) from None
        except psycopg.ProgrammingError as err:  # a URL libpq cannot parse
            raise NotAProject(f"{display_location(self.url)} is not a PostgreSQL URL libpq understands "
                              f"({_first_line(err)}): write it as postgresql://USER@HOST:PORT/DATABASE") from None
        if self.readonly:
            self._conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")

    def reconnect(self) -> None:
        """Open the session again (after the server went away); raises ProjectUnavailable while it
        still cannot be reached."""
        with contextlib.suppress(Exception):
            self._conn.close()
        self._connect()

    @property
    def raw(self) -> Any:
        """The psycopg connection (for COPY and LISTEN, which the store's own modules use)."""
        self._ensure_open()
        return self._conn

    def _ensure_open(self) -> None:
        if self._conn is None or self._conn.closed or self._conn.broken:
            self.reconnect()

    @property
    def user(self) -> str:
        """The login role: on a server, who the annotator is."""
        return str(self.execute("SELECT session_user").fetchone()[0])

    # --- the calls Project makes ------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> ServerCursor:
        if not self.in_transaction:
            self._ensure_open()
        with self._errors():
            return ServerCursor(self._conn.execute(translate(sql), params or None, prepare=False))

    def execute_composed(self, statement: Any) -> ServerCursor:
        """Run a statement composed with ``psycopg.sql`` (role and database names, literals) as it is."""
        if not self.in_transaction:
            self._ensure_open()
        with self._errors():
            return ServerCursor(self._conn.execute(statement, prepare=False))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        if not self.in_transaction:
            self._ensure_open()
        with self._errors(), self._conn.cursor() as cursor:
            cursor.executemany(translate(sql), rows)

    def insert_many_returning_ids(self, sql: str, rows: Iterable[Sequence[Any]]) -> list[int]:
        """Run one INSERT per row, pipelined (one round trip for them all), and return the new ids
        in the rows' order."""
        rows = list(rows)
        if not rows:
            return []
        if not self.in_transaction:
            self._ensure_open()
        ids: list[int] = []
        with self._errors(), self._conn.cursor() as cursor:
            cursor.executemany(translate(sql) + " RETURNING id", rows, returning=True)
            while True:
                ids.append(int(cursor.fetchone()[0]))
                if not cursor.nextset():
                    break
        return ids

    def stream(self, sql: str, params: Sequence[Any] = (), *, batch: int = 1000) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of a query, ``batch`` at a time, through a server-side cursor (constant memory
        however many rows); inside a transaction (a snapshot), which the cursor lives in."""
        if not self.in_transaction:
            raise RuntimeError("stream() reads inside a transaction (project.snapshot())")
        with self._errors(), self._conn.cursor(name=f"annotator_stream_{next(_STREAMS)}") as cursor:
            cursor.execute(translate(sql), params or None)
            while rows := cursor.fetchmany(batch):
                yield rows

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Write ``rows`` into ``table`` with ``COPY … FROM STDIN``: many times faster than INSERTs
        for a bulk load (a project copied onto the server); constraints and triggers apply as usual."""
        from psycopg import sql

        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
        if not self.in_transaction:
            self._ensure_open()
        with self._errors(), self._conn.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def insert_returning_id(self, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT and return the new row's id."""
        row = self.execute(sql + " RETURNING id", params).fetchone()
        assert row is not None
        return int(row[0])

    @property
    def in_transaction(self) -> bool:
        from psycopg import pq

        if self._conn is None or self._conn.closed:
            return False
        return self._conn.info.transaction_status != pq.TransactionStatus.IDLE

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """The server's errors in the words the rest of the program handles."""
        import psycopg
        from psycopg import errors

        try:
            yield
        except errors.InsufficientPrivilege as err:
            raise PermissionRefused(refusal(self, err)) from None
        except errors.ReadOnlySqlTransaction:
            raise PermissionRefused(f"{display_location(self.url)} was opened for reading only") from None
        except psycopg.IntegrityError as err:
            raise ServerIntegrityError(_first_line(err)) from None
        except psycopg.DataError as err:
            raise ServerDataError(_first_line(err)) from None
        except psycopg.OperationalError as err:
            if isinstance(err, (errors.QueryCanceled, errors.LockNotAvailable)):
                raise
            raise unreachable(self.url, err) from None


def _first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


def unreachable(url: str, err: BaseException) -> ProjectUnavailable:
    """Why the server cannot be used now, with what to do."""
    text = _first_line(err)
    where = display_location(url)
    low = text.lower()
    if "password" in low and ("no password" in low or "authentication failed" in low):
        return PasswordNeeded(f"{where}: the server wants a password ({text}): set PGPASSWORD, add it to "
                              "~/.pgpass, or type it when the app asks")
    if "does not exist" in low and "database" in low:
        return ProjectUnavailable(f"{where}: {text}: ask the server's administrator to create it "
                                  "(createdb), then run 'annotator team init'")
    if "permission denied for database" in low:  # not on the team, or taken off it
        return PermissionRefused(f"{where}: you may not open this project ({text}): its owner adds members "
                                 "with 'annotator team add NAME --role annotator|reviewer'")
    return ProjectUnavailable(f"{where}: the server cannot be reached ({text}); no change was half-saved: "
                              "check that the server runs and the network lets you through, then try again")


class PasswordNeeded(ProjectUnavailable):
    """The server asked for a password that libpq did not find."""


def refusal(conn: ServerConnection, err: BaseException) -> str:
    """A permission refused by the project's rules, in a sentence naming who asked."""
    try:
        who = conn._conn.info.user
    except Exception:  # noqa: BLE001 - the name is for the message only
        who = "you"
    detail = _first_line(err)
    if "row-level security" in detail:
        detail = "the team's rules do not let you change this layer"
    return (f"{who} may not do this in {display_location(conn.url)} ({detail}): only the project's owner "
            "imports and pre-annotates, reviewers write gold, and annotators their own layer")


# --- the project's schema ------------------------------------------------------------------------


def identify(conn: ServerConnection) -> int:
    """The schema version of an annotator project (0 for an empty database); NotAProject for a
    database that holds other tables."""
    row = conn.execute(
        "SELECT count(*) FILTER (WHERE table_name = 'annotator_meta'), count(*) FROM information_schema.tables"
        " WHERE table_schema = 'public'").fetchone()
    assert row is not None
    has_meta, tables = row
    if not has_meta:
        if tables:
            raise NotAProject(f"{display_location(conn.url)} holds another program's tables, not an annotator "
                              "project; it was left as it was: give an empty database")
        return 0
    values = dict(conn.execute("SELECT key, value FROM annotator_meta").fetchall())
    if values.get("application") != "annotator":
        raise NotAProject(f"{display_location(conn.url)} is not an annotator project")
    version = int(values.get("schema_version", "0"))
    if version > SCHEMA_VERSION:
        from .schema import ProjectVersionError

        raise ProjectVersionError(f"{display_location(conn.url)}: written by a newer annotator (schema "
                                  f"{version}, this one knows {SCHEMA_VERSION}); upgrade annotator to open it")
    return version


def migrate(conn: ServerConnection) -> int:
    """Create or upgrade the schema, every missing step in one transaction under an advisory lock:
    the project is at its old version or the newest, never in between (a killed ``team init`` leaves
    an empty database), and two processes opening a new project at once create it once; returns the
    version it had."""
    before = identify(conn)
    if before >= SCHEMA_VERSION:
        return before
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('annotator schema'))")
        version = identify(conn)  # another process may have migrated meanwhile
        for statements in MIGRATIONS[version:]:
            for statement in statements:
                conn.execute(statement)
        if version < SCHEMA_VERSION:
            conn.execute("INSERT INTO annotator_meta(key, value) VALUES ('application', 'annotator'),"
                         " ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return before


def connect_server(url: str, *, readonly: bool = False, create: bool = True,
                   password: str | None = None) -> ServerConnection:
    """A session with the team project at ``url``, its schema current. An empty database becomes a
    project only when ``create`` (``team init``); a reading open never writes."""
    conn = ServerConnection(url, readonly=readonly, password=password)
    try:
        version = identify(conn)
        if version == 0 and not create:
            raise ProjectUnavailable(f"{display_location(url)} has no annotator project yet: its owner "
                                     "runs 'annotator --project URL team init'")
        if version < SCHEMA_VERSION:
            if readonly:
                raise ProjectUnavailable(f"{display_location(url)} holds an older annotator project (schema "
                                         f"{version}): its owner opens it once to upgrade it")
            migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


@contextlib.contextmanager
def server_transaction(conn: ServerConnection) -> Iterator[None]:
    """One write transaction (nested blocks are savepoints). Rows are locked as they are written,
    so two annotators editing at once never wait on each other's articles."""
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        try:
            yield
        except BaseException:
            with contextlib.suppress(ProjectUnavailable):
                conn.execute("ROLLBACK TO SAVEPOINT nested")
                conn.execute("RELEASE SAVEPOINT nested")
            raise
        conn.execute("RELEASE SAVEPOINT nested")
        return
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        with contextlib.suppress(ProjectUnavailable):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def server_snapshot(conn: ServerConnection) -> Iterator[None]:
    """Reads that all see one moment of the project (an export is never torn)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        yield
    finally:
        with contextlib.suppress(ProjectUnavailable):
            if conn.in_transaction:
                conn.execute("ROLLBACK")


def reset_id_sequences(conn: ServerConnection, tables: Sequence[str]) -> None:
    """After rows were written with their own ids (a copy), new ids continue past the largest."""
    for table in tables:
        conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                     f"greatest((SELECT max(id) FROM {table}), 1), (SELECT max(id) FROM {table}) IS NOT NULL)")


def tsquery(text: str) -> str | None:
    """What a user typed as a ``to_tsquery`` query, read as the SQLite file's search reads it
    (:func:`annotator.store.project.fts_query`): every word typed must occur, the last as a prefix; a
    word holding punctuation ("l'ANSA", "2021-12-30") is a phrase of its parts, next to each other.
    None when nothing searchable is left (a search for "***" finds nothing)."""
    phrases = [[f"'{part}'" for part in parts] for word in text.split() if (parts := _TOKEN.findall(word))]
    if not phrases:
        return None
    phrases[-1][-1] += ":*"
    return " & ".join(" <-> ".join(parts) for parts in phrases)


# what SQLite's unicode61 tokenizer keeps of a word: runs of letters and digits (not "_")
_TOKEN = re.compile(r"[^\W_]+")
