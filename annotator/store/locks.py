"""Who holds a project's write lock, and write transactions that wait for it within a bound.

SQLite keeps its locks as POSIX advisory locks; in WAL mode the write lock is byte 120 of the
``-shm`` file (``WAL_WRITE_LOCK`` in SQLite's os_unix.c) and every open connection holds a shared
lock on byte 128 (the "DMS" byte). ``fcntl(F_GETLK)`` tells the pid of a process holding a
conflicting lock, and ``/proc/PID/cmdline`` what that process is, so "busy" can say *who*:
"held by 'annotator preannotate' (pid 4433)".
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import time
from collections.abc import Iterator
from pathlib import Path

from ..domain.shown import shown
from .errors import ProjectBusy

__all__ = ["BUSY_WAIT_ENV", "busy_wait", "lock_holder", "process_kind", "shm_in_use", "write_transaction"]

BUSY_WAIT_ENV = "ANNOTATOR_BUSY_WAIT"  # seconds a writer waits for the lock in all (default 60)
DEFAULT_BUSY_WAIT = 60.0
_WAL_WRITE_LOCK = 120
_WAL_DMS = 128
_FLOCK = "hhqqi4x"  # struct flock on 64-bit Linux: type, whence, start, len, pid (padded)


def busy_wait() -> float:
    """How long a writer waits for the write lock before giving up: $ANNOTATOR_BUSY_WAIT, else 60 s."""
    try:
        return max(0.0, float(os.environ.get(BUSY_WAIT_ENV, DEFAULT_BUSY_WAIT)))
    except ValueError:
        return DEFAULT_BUSY_WAIT


_UNKNOWN = -1  # _holder_of's answer when it cannot tell


def _holder_of(path: Path, offset: int) -> int | None:
    """The pid of another process holding a lock on byte ``offset`` of ``path``; None if none;
    :data:`_UNKNOWN` when it cannot tell (no ``fcntl``, a file it cannot open)."""
    try:
        import fcntl
    except ImportError:  # Windows
        return _UNKNOWN
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError:
        return _UNKNOWN
    try:
        probe = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, offset, 1, 0)
        kind, _, _, _, pid = struct.unpack(_FLOCK, fcntl.fcntl(fd, fcntl.F_GETLK, probe))
        return pid if kind != fcntl.F_UNLCK and pid > 0 else None
    except (OSError, struct.error):
        return _UNKNOWN
    finally:
        os.close(fd)


def _shm(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + "-shm")


def lock_holder(path: str | Path) -> int | None:
    """The pid of the process holding the project's write lock, when it can be told."""
    pid = _holder_of(_shm(path), _WAL_WRITE_LOCK)
    return None if pid == _UNKNOWN else pid


def shm_in_use(path: str | Path) -> bool:
    """True when another process has the project open (it holds the ``-shm`` file's shared lock),
    or when that cannot be told (a ``-shm`` this process cannot read): only False is a promise."""
    return _holder_of(_shm(path), _WAL_DMS) is not None


def process_kind(pid: int) -> str:
    """What process ``pid`` is, in words: "'annotator preannotate' (pid 4433)", "the annotator app
    (pid 12)", or "process 4433" when nothing more is known."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return f"process {pid}"
    words = [os.fsdecode(a) for a in argv if a]
    names = [Path(w).name for w in words]
    if "annotator" in names or any(w.endswith("annotator.cli.main") for w in words):
        start = names.index("annotator") + 1 if "annotator" in names else words.index(
            next(w for w in words if w.endswith("annotator.cli.main"))) + 1
        rest = words[start:]
        command = _command_of(rest)
        if command in (None, "gui"):
            return f"the annotator app (pid {pid})"
        return f"'annotator {command}' (pid {pid})"
    shown_argv = " ".join(names[:3])
    return f"'{shown(shown_argv)}' (pid {pid})"


def _command_of(args: list[str]) -> str | None:
    """The subcommand in an annotator command line (skipping --project FILE and --annotator NAME)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in ("--project", "--annotator"):
            skip = True
            continue
        if not arg.startswith("-"):
            return arg
    return None


def busy_message(path: str | Path, waited: float) -> str:
    """One line for a project that stayed locked: who holds it and what to do."""
    pid = lock_holder(path)
    who = process_kind(pid) if pid else "another process"
    return (f"{shown(str(path))} is busy: {who} kept it locked for more than {waited:.0f} s; "
            "run the command again when it has finished (or set $ANNOTATOR_BUSY_WAIT to wait longer)")


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection, path: str | Path, *, wait: float | None = None) -> Iterator[None]:
    """One write transaction: ``BEGIN IMMEDIATE`` takes the write lock up front, so the busy timeout
    applies (a deferred BEGIN that upgrades later fails at once with "database is locked"). While
    another process holds the lock it retries until ``wait`` seconds have passed, then raises
    :class:`ProjectBusy` naming the holder. Nested use becomes a savepoint. Commits on success,
    rolls back on any exception (KeyboardInterrupt included)."""
    if conn.in_transaction:
        name = f"nested_{time.monotonic_ns()}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    _begin_immediate(conn, path, busy_wait() if wait is None else wait)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _begin_immediate(conn: sqlite3.Connection, path: str | Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    pause = 0.05
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err):
                raise
            if time.monotonic() >= deadline:
                raise ProjectBusy(busy_message(path, wait)) from None
            time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
            pause = min(pause * 2, 1.0)
