"""Opening a project file carefully: know it is ours before writing a byte, and read without writing.

- A project carries ``PRAGMA application_id`` = :data:`APPLICATION_ID` and its schema version in
  ``PRAGMA user_version``. Projects written before the id existed are recognised by their tables and
  get the id with their next migration.
- A non-empty file that is not a project (another program's SQLite database, a text file) is refused
  before anything is written: it stays byte-identical.
- Reading opens ``mode=ro``: no file is created, no schema migrated, no journal mode switched, so
  read-only files and folders can be exported. An older schema is upgraded in a private in-memory
  copy. A writable open refuses a read-only file, or a damaged one (``PRAGMA quick_check``), in one
  line that says what to do.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from ..domain.shown import shown
from .errors import (NotAProject, ProjectBusy, ProjectDamaged, ProjectReadOnly, ProjectUnavailable,
                     describe_sqlite_error)
from .locks import busy_message, busy_wait, shm_in_use
from .schema import SCHEMA_VERSION, check_version, migrate

__all__ = ["APPLICATION_ID", "connect_for_reading", "connect_for_writing", "quick_check"]

APPLICATION_ID = 0x414E4E54  # "ANNT": a project file of annotator
_SQLITE_HEADER = b"SQLite format 3\x00"
_PROJECT_TABLES = {"documents", "spans", "quotes", "events", "history", "settings"}


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(min(5.0, busy_wait()) * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")


def _check_header(path: Path) -> bool:
    """True for a non-empty file with SQLite's header; False for an empty one; NotAProject otherwise."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except PermissionError:
        raise ProjectReadOnly(f"{shown(str(path))} cannot be read (permission denied): check the file's "
                              "permissions") from None
    except OSError as err:
        raise ProjectUnavailable(f"{shown(str(path))} cannot be read ({err.strerror or err})") from None
    if not head:
        return False
    if head != _SQLITE_HEADER:
        raise NotAProject(f"{shown(str(path))} is not an annotator project (not a SQLite database); it was "
                          "left as it was: check --project")
    return True


def _identify(conn: sqlite3.Connection, path: Path) -> str:
    """"project", "legacy" (a project from before the application id) or "empty"; NotAProject for
    another program's database, ProjectDamaged when even the header cannot be read."""
    try:
        # one read transaction: another process creating this project commits its first migration
        # (tables, version and id together) between separate reads, which would look like a stranger
        conn.execute("BEGIN")
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.execute("COMMIT")
    except sqlite3.DatabaseError as err:
        raise _unusable(err, path) from None
    if app_id == APPLICATION_ID:
        return "project"
    if app_id == 0 and version == 0 and not tables:
        return "empty"
    if app_id == 0 and version >= 1 and _PROJECT_TABLES <= tables:
        return "legacy"
    if app_id == 0 and version > SCHEMA_VERSION and "documents" in tables:
        return "legacy"  # a newer annotator's file: check_version refuses it with "upgrade annotator"
    raise NotAProject(f"{shown(str(path))} is another program's SQLite database, not an annotator project; "
                      "it was left as it was: check --project")


def _damaged_message(path: Path, detail: str) -> str:
    return (f"{shown(str(path))} is damaged ({detail}); nothing was written to it. Run 'annotator check' for "
            "details, then 'annotator backups' and 'annotator restore BACKUP' to go back to a backup")


def _unusable(err: sqlite3.DatabaseError, path: Path) -> ProjectUnavailable:
    """A damaged file (SQLite's "malformed", "not a database") is :class:`ProjectDamaged`; a file
    that cannot be opened, read or locked right now is not damaged, and is told as what it is."""
    if isinstance(err, sqlite3.OperationalError):
        return ProjectUnavailable(describe_sqlite_error(err, path))
    return ProjectDamaged(_damaged_message(path, str(err)))


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """The problems ``PRAGMA quick_check`` finds (at most 10); empty for a healthy file. An error
    that is not about the file's content (cannot open, locked, I/O) is raised."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(10)")]
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as err:
        return [str(err)]
    return [] if rows == ["ok"] else rows


def _repair_stale_side_files(path: Path) -> None:
    """A ``-shm`` or ``-wal`` left read-only (a reader made them while the project was read-only)
    blocks writing even after the project is made writable. When no process has the project open,
    give them the project's permissions; a ``-shm`` (a cache SQLite rebuilds from the WAL) or an
    empty ``-wal`` that still cannot be written is removed."""
    sides = [path.with_name(path.name + suffix) for suffix in ("-shm", "-wal")]
    stale = [side for side in sides if side.exists() and not os.access(side, os.W_OK)]
    if not stale or shm_in_use(path):
        return
    for side in stale:
        try:
            os.chmod(side, os.stat(path).st_mode & 0o777)
        except OSError:
            pass
        if os.access(side, os.W_OK):
            continue
        try:
            if side.name.endswith("-shm") or side.stat().st_size == 0:
                side.unlink()
        except OSError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _writable(path: Path) -> None:
    """ProjectReadOnly unless the project file and the folder that holds its journal are writable."""
    folder = path.absolute().parent
    if path.exists() and not os.access(path, os.W_OK):
        raise ProjectReadOnly(f"{shown(str(path))} is read-only: make it writable (chmod u+w) to change it; "
                              "'stats' and 'export' can still read it")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ProjectReadOnly(f"the folder {shown(str(folder))} is read-only, so {shown(path.name)} cannot be "
                              "changed: make the folder writable, or copy the project elsewhere")


def connect_for_writing(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """A connection to the project at ``path``, ready to write: identified, healthy, in WAL mode and
    migrated to the current schema. A missing (or empty) file becomes a new project when ``create``.
    Two processes creating the same new project at once both succeed."""
    path = Path(path)
    if str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        _configure(conn)
        migrate(conn, path=":memory:")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        return conn
    existing = path.exists() and _check_header(path)
    if not existing and not create:
        raise ProjectUnavailable(f"no project at {shown(str(path))}: 'annotator import' creates one")
    _writable(path)
    _repair_stale_side_files(path)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlite3.Error as err:
        raise ProjectUnavailable(f"{shown(str(path))} cannot be opened ({err})") from None
    try:
        _configure(conn)
        kind = _identify(conn, path)
        check_version(conn, path=str(path))
        if kind != "empty":
            try:
                problems = quick_check(conn)
            except sqlite3.OperationalError as err:
                raise _unusable(err, path) from None
            if problems:
                raise ProjectDamaged(_damaged_message(path, problems[0]))
        _switch_to_wal(conn, path)
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn, path=str(path), application_id=APPLICATION_ID)
    except BaseException:
        conn.close()  # do not keep a file we refused (or failed to upgrade) open and locked
        raise
    return conn


def _switch_to_wal(conn: sqlite3.Connection, path: Path) -> None:
    """Put the project in WAL mode (a new file, or one a tool switched back). The switch needs the
    file to itself, and SQLite answers "locked" at once, without its busy wait, while another
    process has it open (two processes creating one new project): retry within the writers' bound."""
    deadline = time.monotonic() + busy_wait()
    pause = 0.02
    while conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err):
                raise
            if time.monotonic() >= deadline:
                raise ProjectBusy(busy_message(path, busy_wait())) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def connect_for_reading(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to the project at ``path`` (``mode=ro``): nothing is created, migrated
    or switched. A project of an older schema is read from an upgraded copy in memory."""
    path = Path(path)
    if not path.exists():
        raise ProjectUnavailable(f"no project at {shown(str(path))}: 'annotator import' creates one")
    if not _check_header(path):
        raise NotAProject(f"{shown(str(path))} is empty, not an annotator project yet: 'annotator import' "
                          "fills it")
    conn = _open_read_only(path)
    try:
        _configure(conn)
        _identify(conn, path)
        version = check_version(conn, path=str(path))
        if version < SCHEMA_VERSION:
            conn = _upgraded_copy(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def read_only_uri(path: str | Path) -> str:
    """The ``file:`` URI that opens ``path`` read-only (``mode=ro``), any character quoted."""
    return "file:" + quote(str(Path(path).absolute())) + "?mode=ro"


def _open_read_only(path: Path) -> sqlite3.Connection:
    """``mode=ro``. In a read-only folder where SQLite cannot make the ``-shm`` it needs, nobody can
    write either: the file is opened ``immutable=1``, or, when its ``-wal`` holds committed changes
    (which an immutable open would not see), read from a private copy of both, loaded into memory."""
    uri = read_only_uri(path)
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as err:
        conn.close()
        folder_writable = os.access(path.parent, os.W_OK)
        if folder_writable or "unable to open" not in str(err) and "readonly" not in str(err):
            raise ProjectUnavailable(f"{shown(str(path))} cannot be read ({err})") from None
    wal = path.with_name(path.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        return _copied_into_memory(path, wal)
    return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None, check_same_thread=False)


def _copied_into_memory(path: Path, wal: Path) -> sqlite3.Connection:
    """The project and its WAL copied to a private folder, opened there (SQLite replays the WAL) and
    loaded into memory; the copy is removed at once."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="annotator-read-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        source = sqlite3.connect(read_only_uri(copy), uri=True, isolation_level=None)
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            source.backup(memory)
        except BaseException:
            memory.close()
            raise
        finally:
            source.close()
    return memory


def _upgraded_copy(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """The project copied into memory with SQLite's backup API and migrated there; the file itself
    is left as it was (a reading command never upgrades a project)."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        conn.backup(memory)
        conn.close()
        _configure(memory)
        migrate(memory, path=str(path))
    except BaseException:
        memory.close()
        raise
    return memory
