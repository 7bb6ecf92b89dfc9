"""Rolling backups of a project, made with SQLite's online backup API (like Anki's).

A backup is a complete, self-contained project file (rollback journal, no ``-wal`` beside it) in the
folder ``<project file name>.backups`` next to the project, named ``<stem>-YYYYmmdd-HHMMSS[-n].db``.
The front ends make one when they open a project for writing and then at most every 30 minutes
while edits go on (:class:`BackupPolicy`); a copy that is byte for byte the newest backup (nothing
changed since) is not kept. Pruning keeps the last 10, and the newest of each of the
last 7 days; it only ever deletes files of that pattern in that folder.

A backup is written to a hidden temporary name and renamed into place, so a killed backup never
leaves a half file that looks like a backup; such temporary files are removed by the next backup.
"""

from __future__ import annotations

import filecmp
import itertools
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..domain.shown import shown
from .errors import NotAProject, ProjectDamaged, ProjectUnavailable
from .locks import busy_wait, shm_in_use
from .opening import APPLICATION_ID, read_only_uri

__all__ = [
    "BACKUP_INTERVAL",
    "Backup",
    "BackupPolicy",
    "backup_folder",
    "list_backups",
    "make_backup",
    "prune_backups",
    "check_file",
    "restore_backup",
]

BACKUP_INTERVAL = 30 * 60.0  # seconds of editing between two backups
KEEP_LAST = 10
KEEP_DAYS = 7
_STAMP = "%Y%m%d-%H%M%S"
_TMP_PREFIX = ".backup-"


def backup_folder(project_path: str | Path) -> Path:
    """Where the project's rolling backups live: ``<name>.backups`` beside the project file."""
    path = Path(project_path).absolute()
    return path.with_name(path.name + ".backups")


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(re.escape(stem) + r"-(\d{8}-\d{6})(?:-(\d+))?(?:-[a-z-]+)?\.db")


@dataclass(frozen=True)
class Backup:
    """One backup file and when it was made."""

    path: Path
    made: datetime
    size: int


def list_backups(project_path: str | Path, folder: str | Path | None = None) -> list[Backup]:
    """The project's backups in ``folder`` (default: its backup folder), newest first."""
    folder = Path(folder) if folder else backup_folder(project_path)
    pattern = _pattern(Path(project_path).stem)
    found: list[tuple[datetime, int, Backup]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match or not entry.is_file():
            continue
        made = datetime.strptime(match.group(1), _STAMP)
        found.append((made, int(match.group(2) or 1), Backup(entry, made, entry.stat().st_size)))
    return [backup for *_, backup in sorted(found, key=lambda f: (f[0], f[1]), reverse=True)]


def _names(folder: Path, stem: str, when: datetime, tag: str) -> Iterator[Path]:
    """``stem-YYYYmmdd-HHMMSS[-n][-tag].db`` for n = 1 (left out), 2, 3…"""
    base = f"{stem}-{when:{_STAMP}}"
    suffix = f"-{tag}" if tag else ""
    yield folder / f"{base}{suffix}.db"
    for n in itertools.count(2):
        yield folder / f"{base}-{n}{suffix}.db"


def make_backup(conn: sqlite3.Connection, project_path: str | Path, dest: str | Path | None = None, *,
                tag: str = "", unless_unchanged: bool = False) -> Path:
    """Copy the project open on ``conn`` into a new backup with the online backup API; returns its
    path. ``dest`` is a folder (default: the backup folder) or a file name that does not exist yet.
    ``unless_unchanged``: when the copy is byte for byte the newest backup in the backup folder (a
    backup of an unchanged project is the same file), keep that one and return its path, so that
    opening a project again and again does not rotate the older, different backups out."""
    project_path = Path(project_path)
    target_dir, names = _destination(project_path, dest, tag)
    target_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(target_dir)
    tmp = target_dir / f"{_TMP_PREFIX}{os.getpid()}-{time.monotonic_ns()}.tmp"
    try:
        tmp.touch(exist_ok=False)  # a folder that cannot be written fails here, as an OSError naming it
        copy = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.backup(copy)  # one step: a consistent snapshot, whatever other processes write
            copy.execute("PRAGMA journal_mode = DELETE")  # self-contained: no -wal beside a backup
        finally:
            copy.close()
        if unless_unchanged and dest is None:
            newest = next(iter(list_backups(project_path)), None)
            if newest is not None and filecmp.cmp(tmp, newest.path, shallow=False):
                tmp.unlink()
                return newest.path
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        final = _claim(tmp, names)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if dest is None:
        prune_backups(project_path)
    return final


def _claim(tmp: Path, names: Iterator[Path]) -> Path:
    """Give the finished backup the first free name of ``names`` without ever replacing a file: a hard
    link fails when the name is taken (another process backing up in the same second)."""
    for final in names:
        try:
            os.link(tmp, final)
        except FileExistsError:
            continue
        except OSError:  # no hard links here (some network or FAT file systems): check, then rename
            if final.exists():
                continue
            os.replace(tmp, final)
            return final
        tmp.unlink()
        return final
    raise FileExistsError("the backup's file name is taken: choose another")


def _destination(project_path: Path, dest: str | Path | None, tag: str) -> tuple[Path, Iterator[Path]]:
    """The folder a backup goes to and the names it may take there (one name for an explicit file)."""
    now = datetime.now()
    if dest is None or Path(dest).is_dir():
        folder = backup_folder(project_path) if dest is None else Path(dest)
        return folder, _names(folder, project_path.stem, now, tag)
    dest = Path(dest).absolute()
    return dest.parent, iter([dest])


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files of backups that were killed: their writer is gone, or they are a day old."""
    for tmp in folder.glob(f"{_TMP_PREFIX}*.tmp"):
        pid = tmp.name[len(_TMP_PREFIX):].split("-", 1)[0]
        try:
            alive = pid.isdigit() and _alive(int(pid))
            if not alive or time.time() - tmp.stat().st_mtime > 86400:
                tmp.unlink()
        except OSError:
            continue


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def prune_backups(project_path: str | Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps (all but the last :data:`KEEP_LAST` and the
    newest of each of the last :data:`KEEP_DAYS` days); returns the deleted paths."""
    backups = list_backups(project_path)
    now = now or datetime.now()
    keep = {b.path for b in backups[:KEEP_LAST]}
    newest_of_day: dict[object, Backup] = {}
    for backup in backups:  # newest first: the first seen of a day is its newest
        if now - backup.made <= timedelta(days=KEEP_DAYS):
            newest_of_day.setdefault(backup.made.date(), backup)
    keep |= {b.path for b in newest_of_day.values()}
    deleted = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
                deleted.append(backup.path)
            except OSError:
                continue
    return deleted


class BackupPolicy:
    """When to back up a project open for writing: at once (at open), then after an edit when
    :data:`BACKUP_INTERVAL` has passed since the last backup. A failing backup never fails the edit:
    it is told to ``on_error`` (a warning line, a status-bar message) and tried again later."""

    def __init__(self, conn: sqlite3.Connection, project_path: str | Path, *,
                 interval: float = BACKUP_INTERVAL, on_error: Callable[[str], None] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.conn = conn
        self.project_path = Path(project_path)
        self.interval = interval
        self.on_error = on_error
        self.clock = clock
        self.last: float | None = None

    def backup_now(self) -> Path | None:
        """Back the project up unless it has no documents yet (None then); returns the backup that
        holds its current state (the newest one when nothing changed since it was made)."""
        try:
            if self.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0:
                self.last = self.clock()
                return None
            path = make_backup(self.conn, self.project_path, unless_unchanged=True)
        except (OSError, sqlite3.Error) as err:
            if self.on_error is not None:
                self.on_error(f"could not back up {shown(str(self.project_path))} "
                              f"({getattr(err, 'strerror', None) or err}); your work is saved, the backup will be "
                              "tried again")
            self.last = self.clock() - self.interval / 2  # try again in a while, not at every edit
            return None
        self.last = self.clock()
        return path

    def after_edit(self) -> Path | None:
        """Called after each stored edit or batch: back up when the interval has passed."""
        if self.conn.in_transaction:
            return None
        if self.last is None or self.clock() - self.last >= self.interval:
            return self.backup_now()
        return None


def check_file(path: str | Path) -> list[str]:
    """The problems of the project file at ``path`` (integrity check, broken links, identity);
    empty when it is a healthy project. Opens read-only and writes nothing."""
    path = Path(path)
    conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
    try:
        problems: list[str] = []
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as err:
            return [f"cannot be read ({err})"]
        if app_id != APPLICATION_ID and not {"documents", "spans", "history"} <= tables:
            return ["not an annotator project"]
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
            if rows != ["ok"]:
                problems += rows
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                problems.append(f"{len(broken)} broken links (first in table {broken[0][0]})")
        except sqlite3.DatabaseError as err:
            problems.append(str(err))
        return problems
    finally:
        conn.close()


def restore_backup(project_path: str | Path, backup: str | Path) -> tuple[Path | None, Path]:
    """Put ``backup`` in place of the project; returns (the backup of the state it replaced, or None
    when there was no project, and the backup restored). The current state is backed up first (a
    damaged file is copied byte for byte). Refused while another process has the project open; one
    that opens it during the restore waits for it (a healthy project is written through SQLite, not
    swapped under it)."""
    project_path = Path(project_path)
    backup = Path(backup)
    if not backup.is_file():
        raise ProjectUnavailable(f"no backup at {shown(str(backup))}: 'annotator backups' lists them")
    if backup.absolute() == project_path.absolute():
        raise NotAProject(f"{shown(str(backup))} is the project itself: name one of its backups")
    problems = check_file(backup)
    if problems:
        raise ProjectDamaged(f"{shown(str(backup))} cannot be restored: {problems[0]}; choose another backup")
    if project_path.exists() and shm_in_use(project_path):
        raise ProjectUnavailable(f"{shown(str(project_path))} is open in another process (the app or a command): "
                                 "close it, then restore")
    healthy = project_path.exists() and not check_file(project_path)
    saved = _save_current(project_path, healthy=healthy) if project_path.exists() else None
    if not (healthy and _copy_into(backup, project_path)):
        _replace_file(project_path, backup)
    return saved, backup


def _copy_into(backup: Path, project_path: Path) -> bool:
    """Write ``backup`` into the healthy project with the online backup API, in one write
    transaction: a process that opens the project meanwhile (after the check that nobody has it
    open) waits for the lock and then sees the restored project, never a file swapped under it.
    False when SQLite cannot (page sizes that differ): the file is then replaced instead."""
    source = sqlite3.connect(read_only_uri(backup), uri=True)
    project = sqlite3.connect(str(project_path), isolation_level=None)
    try:
        page_size = "PRAGMA page_size"
        if source.execute(page_size).fetchone() != project.execute(page_size).fetchone():
            return False  # SQLite copies into a WAL file of the same page size only
        project.execute(f"PRAGMA busy_timeout = {int(busy_wait() * 1000)}")
        source.backup(project)
    finally:
        project.close()
        source.close()
    return True


def _replace_file(project_path: Path, backup: Path) -> None:
    """Put a copy of ``backup`` in place of a damaged (or missing) project file."""
    tmp = project_path.with_name(f".{project_path.name}.restore-{os.getpid()}.tmp")
    try:
        source = sqlite3.connect(read_only_uri(backup), uri=True)
        copy = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = WAL")
        finally:
            copy.close()
            source.close()
        for suffix in ("-wal", "-shm"):
            project_path.with_name(project_path.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, project_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)
        raise


def _save_current(project_path: Path, *, healthy: bool) -> Path:
    """Back up the project about to be replaced: with the backup API when it is healthy, else (a
    damaged file, which the API may not copy) the file and its WAL byte for byte."""
    if healthy:
        conn = sqlite3.connect(read_only_uri(project_path), uri=True)
        try:
            return make_backup(conn, project_path, tag="before-restore")
        finally:
            conn.close()
    folder = backup_folder(project_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = next(p for p in _names(folder, project_path.stem, datetime.now(), "damaged") if not p.exists())
    shutil.copyfile(project_path, target)
    wal = project_path.with_name(project_path.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    return target
