"""``annotator copy SRC DST``: a whole project from a file to a server, a server to a file, or alike.

SRC and DST are each a project file or a ``postgresql://`` URL. The copy is lossless: every row of
every table the two backends share (documents with their raw text, metadata, creation time and
origin; annotators; spans, quotations, events and their arguments; statuses; history; settings;
which documents were pre-annotated) keeps its id, so the links between rows (a decision's
``source_id``, an event's ``quote_id``, the ids in the history) stay true, and undo and redo of the
copied items work on the copy. The annotator JSONL export of the copy (suggestions and rejections
included) is byte for byte the original's.

Rules:

- The source is read in one snapshot (another process writing meanwhile cannot tear the copy), in
  batches: memory stays constant whatever the project's size. On a server only the owner or a
  reviewer may copy (they read every layer; an annotator's copy would leave the others' work out).
- The destination must be new or empty: a file that does not exist (or an empty project file), an
  empty database (it is made a team project first, owned by the connecting role, as
  ``annotator team init`` would), or an empty team project made by ``team init`` (its members may be
  added already); on a server the connecting role must own it. Anything else is refused
  (:class:`CopyRefused`) before a byte is written.
- The rows are written in one transaction on the destination: a failure leaves it as it was (a new
  file is removed again; a database made a team project keeps its empty schema, which a second copy
  accepts). On PostgreSQL the rows go in with ``COPY`` and the id sequences continue past the
  largest copied id (or the source's own high-water mark, so an id an undo freed is never given
  again); a file's ``AUTOINCREMENT`` counters likewise.
- What only a server has is not copied: the team (logins and roles are the server's; the summary
  names the members so the owner can add them to the new project with ``team add``),
  ``annotator_meta`` and the queue of a pre-annotation run in progress. From a file to a server, annotators are layer names until ``team add`` gives
  them logins.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from ..domain.shown import shown

__all__ = ["COPIED_TABLES", "CopyError", "CopyRefused", "CopyReport", "copy_project"]

# In an order that satisfies the foreign keys (a row's document, quotation or event comes first).
COPIED_TABLES = ("documents", "annotators", "settings", "spans", "quotes", "events", "event_args",
                 "doc_status", "history", "preannotated")
_ORDER = {"annotators": "name", "settings": "key", "doc_status": "doc_id, annotator", "preannotated": "doc_id"}
_WITH_IDS = ("documents", "spans", "quotes", "events", "event_args", "history")
_NEVER_REUSED = ("spans", "quotes", "events")  # AUTOINCREMENT in a file: redo puts an item back with its id
# links to a row of the same table, possibly a later one (a rejection linked to a suggestion stored
# after it): written after the table, so each statement's links point at rows already there
_SELF_LINKS = {"spans": "source_id", "quotes": "source_id", "events": "source_id"}
_MERGED = ("annotators",)  # a team project may list its members already
_BATCH = {"documents": 200}  # rows per batch (articles are long)
DEFAULT_BATCH = 2000
# What only a server has, not copied: its schema version and owner, its team (logins are the
# server's), and the queue of a pre-annotation run in progress there ('preannotate' on the copy
# does the documents it had left).
_SERVER_ONLY = ("annotator_meta", "team", "preannotate_queue")

Progress = Callable[[int, int, str], None]


class CopyError(Exception):
    """The copy cannot be done; the message says why and what to do. ``status``: the exit status."""

    status = 3


class CopyRefused(CopyError):
    """The source or destination is not one a copy may use (a non-empty destination, the same
    project twice, a source the user may not read whole): nothing was written."""

    status = 2


@dataclass
class CopyReport:
    source: str  # locations for messages (URLs without passwords)
    destination: str
    rows: dict[str, int] = field(default_factory=dict)  # rows copied per table
    annotators: list[str] = field(default_factory=list)  # layer names (not gold, not the suggestions)
    team: list[tuple[str, str]] = field(default_factory=list)  # the source's members (name, role), not copied
    without_login: list[str] = field(default_factory=list)  # on a server: annotators not on its team
    initialised: bool = False  # the destination database was made a team project first
    to_server: bool = False
    seconds: float = 0.0


def copy_project(source: str | PathLike[str], destination: str | PathLike[str], *,
                 progress: Progress | None = None, batch: int = DEFAULT_BATCH) -> CopyReport:
    """Copy the project at ``source`` into the new or empty ``destination`` (see the module
    docstring); ``progress(done, total, table)`` is told after each batch of rows."""
    from ..store.location import display_location, is_server_url

    started = time.perf_counter()
    src = str(source) if is_server_url(source) else Path(source)
    dst = str(destination) if is_server_url(destination) else Path(destination)
    _refuse_same(src, dst)
    reader = _open_source(src)
    try:
        report = CopyReport(display_location(src), display_location(dst), to_server=isinstance(dst, str))
        writer, created_file = _open_destination(dst, report)
        try:
            with reader.snapshot():
                _check_readable(reader)
                try:
                    _copy(reader, writer, report, progress, batch)
                except (sqlite3.Error, OSError) as err:
                    raise _failed(err, src, dst) from None
        except BaseException:
            writer.close()
            if created_file:
                _remove_file(dst)  # type: ignore[arg-type]
            raise
        writer.close()
    finally:
        reader.close()
    report.seconds = time.perf_counter() - started
    return report


# --- the two ends ---------------------------------------------------------------------------------


def _refuse_same(src: Path | str, dst: Path | str) -> None:
    from urllib.parse import urlsplit

    same = False
    if isinstance(src, Path) and isinstance(dst, Path):
        with contextlib.suppress(OSError):
            same = dst.exists() and src.exists() and src.samefile(dst)
        same = same or src.absolute() == dst.absolute()
    elif isinstance(src, str) and isinstance(dst, str):
        a, b = urlsplit(src), urlsplit(dst)
        same = ((a.hostname or "localhost"), a.port or 5432, a.path.strip("/")) == (
            (b.hostname or "localhost"), b.port or 5432, b.path.strip("/"))
    if same:
        raise CopyRefused(f"{_where(src)} and {_where(dst)} are the same project: give a new file or an "
                          "empty database as the destination")


def _failed(err: BaseException, src: Path | str, dst: Path | str) -> BaseException:
    """A failed copy in one line; the destination was left as it was (the transaction rolled back)."""
    from ..store.errors import describe_sqlite_error
    from ..store.location import display_location

    left = f"nothing was copied and {_where(dst)} was left as it was"
    if isinstance(err, (sqlite3.IntegrityError, sqlite3.DataError)):
        return CopyRefused(f"a row of {_where(src)} cannot be written into {_where(dst)} ({err}): {left}; "
                           "'annotator check' looks for broken links in a project file")
    message = describe_sqlite_error(err, display_location(dst))
    if message is None:
        return err  # a bug: the crash log has it
    return CopyError(f"{message} ({left})")


def _where(location: Path | str) -> str:
    from ..store.location import display_location

    return shown(display_location(location))


def _open_source(src: Path | str) -> Any:
    from ..store.project import Project

    if isinstance(src, Path) and not src.is_file():
        raise CopyRefused(f"no project file at {shown(str(src))}: give an existing project file or a "
                          "postgresql:// URL as the source")
    return Project(src, readonly=True, create=False)


def _check_readable(reader: Any) -> None:
    """On a server, only the owner and reviewers read every layer, the whole history and every status."""
    if not reader.shared:
        return
    role = reader.conn.execute("SELECT annotator_role()").fetchone()[0]
    if role not in ("owner", "reviewer"):
        raise CopyRefused(f"{reader.user} may not copy {_where(reader.path)}: a copy must hold every layer, "
                          "which only the project's owner and its reviewers may read "
                          f"({reader.user} is {'an ' + role if role else 'not on the team'})")


def _open_destination(dst: Path | str, report: CopyReport) -> tuple[Any, bool]:
    """The destination, open for writing and known to be empty; and whether its file was created."""
    from ..store.project import Project

    if isinstance(dst, str):
        return _open_server_destination(dst, report), False
    if dst.is_dir():
        raise CopyRefused(f"{shown(str(dst))} is a folder: give the name of a new project file")
    existed = dst.exists()
    if existed and dst.stat().st_size:
        with Project(dst, readonly=True, create=False) as probe:  # a look that writes nothing
            _refuse_if_not_empty(probe)
    project = Project(dst, create=True)
    try:
        _refuse_if_not_empty(project)
    except BaseException:
        project.close()
        raise
    return project, not existed


def _open_server_destination(url: str, report: CopyReport) -> Any:
    from ..store.postgres import ServerConnection, identify
    from ..store.project import Project
    from ..store.team import init_project

    conn = ServerConnection(url, readonly=True)
    try:
        version = identify(conn)  # NotAProject for a database of another program's tables
    finally:
        conn.close()
    if version == 0:
        project, report.initialised = init_project(url)
    else:
        with Project(url, readonly=True, create=False) as probe:
            _refuse_if_not_empty(probe)
            role = probe.conn.execute("SELECT annotator_role()").fetchone()[0]
            if role != "owner":
                raise CopyRefused(f"{probe.user} does not own {_where(url)}: connect as the role that ran "
                                  "'annotator team init' there (the owner writes every table)")
        project = Project(url, create=False)
    try:
        _refuse_if_not_empty(project)
    except BaseException:
        project.close()
        raise
    return project


def _refuse_if_not_empty(project: Any) -> None:
    held = [table for table in COPIED_TABLES if table not in _MERGED
            and project.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None]
    if held:
        documents = project.count_documents()
        what = f"{documents:,} document{'' if documents == 1 else 's'}" if documents else ", ".join(held)
        raise CopyRefused(f"{_where(project.path)} is not empty (it holds {what}); it was left as it was: "
                          "copy into a new file, or an empty database or team project")


def _remove_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()


# --- the rows -------------------------------------------------------------------------------------


def _copy(reader: Any, writer: Any, report: CopyReport, progress: Progress | None, batch: int) -> None:
    plan = [(table, _columns(reader, writer, table)) for table in COPIED_TABLES]
    counts = {table: reader.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COPIED_TABLES}
    total = sum(counts.values())
    high_water = {table: _high_water(reader, table) for table in _NEVER_REUSED}
    if reader.shared:
        from ..store.team import members

        report.team = [(m.name, m.role) for m in members(reader) if m.removed is None and m.role != "owner"]
    done = 0
    with writer.transaction():
        for table, columns in plan:
            for rows in _read(reader, table, columns, _BATCH.get(table, batch)):
                _write(writer, table, columns, rows)
                done += len(rows)
                report.rows[table] = report.rows.get(table, 0) + len(rows)
                if progress is not None:
                    progress(done, total, table)
            if table in _SELF_LINKS:
                _write_self_links(reader, writer, table, _SELF_LINKS[table], batch)
        _continue_ids(writer, high_water)
    from ..domain.model import RESERVED_LAYERS

    report.annotators = [name for name in writer.annotators() if name not in RESERVED_LAYERS]
    if writer.shared:
        from ..store.team import members

        on_team = {m.name for m in members(writer) if m.removed is None}
        report.without_login = [name for name in report.annotators if name not in on_team]
    for table in COPIED_TABLES:
        report.rows.setdefault(table, 0)


def _columns(reader: Any, writer: Any, table: str) -> list[str]:
    """The columns to copy: the source's, which the destination must all have (a newer source
    cannot get this far: opening it refused it)."""
    theirs, ours = _table_columns(reader, table), _table_columns(writer, table)
    missing = [c for c in theirs if c not in ours]
    if missing:
        raise CopyError(f"{_where(writer.path)} has no column {', '.join(missing)} in {table}: "
                        "it was written by another version of annotator; nothing was copied")
    return theirs


def _table_columns(project: Any, table: str) -> list[str]:
    if project.shared:  # the search vector is computed by the server from the text
        return [r[0] for r in project.conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
            " AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position", (table,))]
    return [r[1] for r in project.conn.execute(f"PRAGMA table_info({table})")]


def _select(table: str, columns: Sequence[str], *, order: str | None = None) -> str:
    listed = ", ".join(
        f'CASE WHEN "{c}" > id THEN NULL ELSE "{c}" END' if _SELF_LINKS.get(table) == c else f'"{c}"'
        for c in columns)
    return f"SELECT {listed} FROM {table} ORDER BY {order or _ORDER.get(table, 'id')}"


def _read(reader: Any, table: str, columns: Sequence[str], batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """The source's rows of ``table``, ``batch`` at a time, in id order."""
    yield from _stream(reader, _select(table, columns), batch)


def _stream(reader: Any, sql: str, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    if reader.shared:
        yield from reader.conn.stream(sql, batch=batch)
        return
    cursor = reader.conn.execute(sql)  # sqlite3 steps through the result as it is fetched
    while rows := cursor.fetchmany(batch):
        yield rows


def _write(writer: Any, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    if table in _MERGED:
        writer.conn.executemany(f"INSERT INTO {table}({names}) VALUES ({marks}) ON CONFLICT DO NOTHING", rows)
    elif writer.shared:
        writer.conn.copy_rows(table, columns, rows)
    else:
        writer.conn.executemany(f"INSERT INTO {table}({names}) VALUES ({marks})", rows)


def _write_self_links(reader: Any, writer: Any, table: str, column: str, batch: int) -> None:
    """The links to later rows of the same table, left out of the rows' first writing."""
    for rows in _stream(reader, f'SELECT "{column}", id FROM {table} WHERE "{column}" > id ORDER BY id', batch):
        writer.conn.executemany(f'UPDATE {table} SET "{column}" = ? WHERE id = ?', rows)


def _high_water(project: Any, table: str) -> int:
    """The largest id ``table`` ever gave (an item undone since may have had it), 0 when none."""
    if project.shared:
        row = project.conn.execute("SELECT pg_sequence_last_value(pg_get_serial_sequence(?, 'id')::regclass)",
                                   (table,)).fetchone()
    else:
        row = project.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _continue_ids(writer: Any, high_water: dict[str, int]) -> None:
    """New rows of the copy get ids past every copied one, and past the source's high-water marks."""
    if writer.shared:
        from ..store.postgres import reset_id_sequences

        reset_id_sequences(writer.conn, _WITH_IDS)
        for table, mark in high_water.items():
            writer.conn.execute(
                f"SELECT setval(pg_get_serial_sequence(?, 'id'), ?) WHERE ? > coalesce((SELECT max(id) FROM {table}), 0)",
                (table, mark, mark))
        return
    for table, mark in high_water.items():
        if not mark:
            continue
        if writer.conn.execute("SELECT 1 FROM sqlite_sequence WHERE name = ?", (table,)).fetchone():
            writer.conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (mark, table))
        else:
            writer.conn.execute("INSERT INTO sqlite_sequence(name, seq) VALUES (?, ?)", (table, mark))
