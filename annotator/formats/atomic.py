"""Safe outputs: an export replaces only what it wrote, completely or not at all.

Every exporter writes through :func:`atomic_write` (one file) or :func:`atomic_folder` (a folder of
files: brat, XMI; spaCy's folder of parts uses :class:`FolderStage`)::

    with atomic_write(path) as out:
        for record in records:
            out.write(...)

Files. The data goes to a hidden temporary file beside the target (so the final rename stays on one
file system); on success it is flushed, fsynced and moved over the target with :func:`os.replace`,
keeping an existing file's permissions. On any error, including KeyboardInterrupt, the temporary file
is removed and the old target is left as it was. A symbolic link is followed: the file it points to is
replaced and the link stays a link. A FIFO or a device (``/dev/null``, a terminal) is written through,
never replaced, and ``-`` (:data:`STDOUT`) is standard output.

Folders. A folder output goes to a new folder, an empty one, or one an earlier export wrote,
recognised by its marker file :data:`MARKER` (the format, the time and the names of the files the
export wrote); any other folder is refused with :class:`OutputRefused` before anything is written.
The new folder is built beside its target and renamed into place; over an empty folder or an
earlier export it is swapped in whole, in one step where the system can (Linux), with the old
folder's permissions. A folder where the user has added files of their own is updated in place
instead: only the earlier export's files are replaced or removed, the user's stay.

Held outputs. Inside :func:`held_outputs` the finished outputs wait for ``held.commit()``, so that a
caller can look at the export's report first (an export that matched nothing leaves the old file).

Leftovers. Temporary names carry the writer's host and process id
(``.NAME.annotator-HOST-PID.XXXXXXXX.tmp``); the next output to the same folder removes those whose
process is gone, or which are older than :data:`STALE_AFTER` (another machine's, on a shared folder),
so a killed export leaves nothing behind for long and a running one is never disturbed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import socket
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Protocol

from ..domain.shown import shown

STDOUT = "-"  # the output name that means standard output
MARKER = ".annotator-export"  # the file that marks a folder an export wrote
STALE_AFTER = 3600.0  # seconds after which another machine's temporary file counts as left over
_HOST = hashlib.sha1(socket.gethostname().encode("utf-8", "surrogateescape")).hexdigest()[:6]
_TEMP = re.compile(r"\.annotator-(?P<host>[0-9a-f]{6})-(?P<pid>\d+)\.[a-z0-9_]{8}\.tmp\Z")
# an earlier version's temporary file or folder, .NAME.XXXXXXXX.tmp (its .NAME.PID.old is the folder it
# swapped out, which may hold the user's own files: never removed)
_OLD_TEMP = re.compile(r"\.[a-z0-9_]{8}\.tmp\Z")
_JUNK = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})  # what file managers leave in an "empty" folder


class OutputRefused(Exception):
    """An output the export will not write, because it would destroy what the export did not write;
    the message says what to do instead."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temp_prefix(name: str) -> str:
    """``.NAME.annotator-HOST-PID.``: the temporary names of this process (see the module docstring)."""
    return f".{name[:100]}.annotator-{_HOST}-{os.getpid()}."


# --- where an output goes -------------------------------------------------------------------------


def resolve_output(path: str | os.PathLike[str]) -> tuple[Path, bool]:
    """Where an output named ``path`` really goes, and whether it is written through: a FIFO or a
    device (anything but a regular file or a folder) is opened and written, never replaced; a
    symbolic link is followed to the file it points to. A link loop raises OSError."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return Path(os.path.realpath(path)), False
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return Path(os.path.realpath(path)), False
    return Path(path), True


# --- held outputs ---------------------------------------------------------------------------------


class _Pending(Protocol):
    def commit(self) -> None: ...

    def discard(self) -> None: ...


_HELD: ContextVar[list[_Pending] | None] = ContextVar("annotator_held_outputs", default=None)


class HeldOutputs:
    """The outputs finished inside :func:`held_outputs`, waiting to replace their targets."""

    def __init__(self) -> None:
        self.pending: list[_Pending] = []

    def commit(self) -> None:
        """Move every finished output into place, in the order they finished."""
        while self.pending:
            self.pending.pop(0).commit()

    def discard(self) -> None:
        """Drop every finished output: the targets stay as they were."""
        while self.pending:
            with contextlib.suppress(OSError):
                self.pending.pop(0).discard()


@contextlib.contextmanager
def held_outputs() -> Iterator[HeldOutputs]:
    """Outputs finished inside the block replace their targets only on ``held.commit()``; whatever
    was not committed when the block ends (an error, or no commit) is discarded."""
    held = HeldOutputs()
    token = _HELD.set(held.pending)
    try:
        yield held
    finally:
        _HELD.reset(token)
        held.discard()


def _finish(pending: _Pending) -> None:
    """Commit ``pending`` now, or hold it for :func:`held_outputs`."""
    held = _HELD.get()
    if held is None:
        pending.commit()
    else:
        held.append(pending)


# --- files ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str], mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = "\n"
) -> Iterator[IO[Any]]:
    """Open an output that replaces ``path`` when the ``with`` block ends without error.

    ``mode`` is "w" (text, with ``encoding`` and ``newline``) or "wb" (bytes). Missing parent folders
    are created. A new file gets the usual permissions (0666 minus the umask), a replaced one keeps
    its own. FIFOs, devices and ``-`` are written through (see the module docstring).
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write: mode must be 'w' or 'wb', not {mode!r}")
    if os.fspath(path) == STDOUT:
        with _standard_output(mode, encoding) as out:
            yield out
        return
    target, through = resolve_output(path)
    if through:
        with open(target, mode, **({} if mode == "wb" else {"encoding": encoding, "newline": newline})) as out:
            yield out
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target.parent, name=target.name)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=_temp_prefix(target.name), suffix=".tmp")
    pending = _FileOutput(Path(tmp_name), target)
    try:
        handle: IO[Any] = os.fdopen(fd, mode) if mode == "wb" else os.fdopen(fd, mode, encoding=encoding, newline=newline)
    except BaseException:
        os.close(fd)
        pending.discard()
        raise
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        pending.discard()
        raise
    _finish(pending)


class _FileOutput:
    """A finished temporary file and the target it replaces."""

    def __init__(self, tmp: Path, target: Path) -> None:
        self.tmp, self.target = tmp, target

    def commit(self) -> None:
        try:
            mode = stat.S_IMODE(os.stat(self.target).st_mode)
        except OSError:
            mode = 0o666 & ~_umask()
        with contextlib.suppress(OSError):  # not supported everywhere (e.g. some network shares)
            os.chmod(self.tmp, mode)
        try:
            os.replace(self.tmp, self.target)
        except BaseException:
            self.discard()
            raise
        _fsync_dir(self.target.parent)

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)


class _StdoutText(io.TextIOBase):
    """Text written as ``encoding`` to standard output's byte stream, which it never closes."""

    def __init__(self, buffer: IO[bytes], encoding: str) -> None:
        self._buffer, self._encoding = buffer, encoding

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._buffer.write(text.encode(self._encoding))
        return len(text)

    def flush(self) -> None:
        self._buffer.flush()


@contextlib.contextmanager
def _standard_output(mode: str, encoding: str | None) -> Iterator[IO[Any]]:
    """Standard output for an export (``-o -``), in the export's encoding whatever the locale's."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a stream without bytes underneath (some IDEs): text as it is
        if mode == "wb":
            raise OSError("standard output takes no binary data here: give a file name")
        yield sys.stdout
        sys.stdout.flush()
        return
    out: IO[Any] = buffer if mode == "wb" else _StdoutText(buffer, encoding or "utf-8")
    yield out
    out.flush()


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable where the platform allows it (POSIX); harmless elsewhere."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --- folders --------------------------------------------------------------------------------------


def check_folder(path: str | os.PathLike[str], *, kind: str, replace_file: bool = False) -> None:
    """Refuse (OutputRefused) a folder output at ``path`` that would mix with files the export did
    not write: a non-empty folder without the :data:`MARKER` of an earlier export, or a file (unless
    ``replace_file``: spaCy's output is a file or a folder of parts)."""
    target, through = resolve_output(path)
    if through or (target.exists() and not target.is_dir()):
        if replace_file and not through:
            return
        raise OutputRefused(f"{shown(os.fspath(path))} is not a folder: give a folder for the {kind} export")
    if not target.is_dir():
        return
    if (target / MARKER).exists():
        _marked_files(target)
        return
    others = sorted(name for name in os.listdir(target) if name not in _JUNK and not _TEMP.search(name))
    if others:
        raise OutputRefused(f"{shown(os.fspath(path))} holds files an export did not write (such as "
                            f"{shown(others[0])}): give a new or empty folder for the {kind} export")


def _marked_files(folder: Path) -> set[str]:
    """The names the earlier export recorded in ``folder``'s marker (see :func:`_write_marker`)."""
    marker = folder / MARKER
    try:
        if not stat.S_ISREG(os.lstat(marker).st_mode):  # a FIFO would block, a link to a device never end
            raise ValueError("not a plain file, as an export writes it")
        with open(marker, encoding="utf-8") as lines:
            header = json.loads(next(lines, "null"))
            if not isinstance(header, dict) or header.get("written_by") != "annotator":
                raise ValueError("not written by annotator")
            names = {json.loads(line) for line in lines if line.strip()}
        if not all(isinstance(name, str) for name in names):
            raise ValueError("a file name that is not a string")
    except (OSError, ValueError) as err:
        raise OutputRefused(f"{shown(str(marker))} cannot be read ({err}): remove the old export "
                            "yourself, or give a new or empty folder") from None
    return {n for n in names if n and "/" not in n and "\\" not in n and n not in (".", "..", MARKER)}


def _write_marker(folder: Path, kind: str, names: Iterable[str]) -> None:
    """Write ``folder``'s marker atomically: a JSON line with the format and the time, then each file
    name of the export as a JSON string on its own line (streamed: any number of files)."""
    header = {"written_by": "annotator", "format": kind,
              "written": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=_temp_prefix(MARKER), suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(json.dumps(header) + "\n")
            for name in names:
                out.write(json.dumps(name, ensure_ascii=False) + "\n")
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, folder / MARKER)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _names(folder: Path) -> Iterator[str]:
    """The names in ``folder``, one at a time (a folder of parts may hold very many)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name != MARKER and not _TEMP.search(entry.name):  # nor the marker being written
                yield entry.name


class FolderStage:
    """A folder output being written: :attr:`folder` is where the files go; :meth:`finish` puts
    them in place (see the module docstring), :meth:`discard` drops them."""

    def __init__(self, path: str | os.PathLike[str], *, kind: str, replace_file: bool = False) -> None:
        check_folder(path, kind=kind, replace_file=replace_file)
        self.kind = kind
        self.target, _ = resolve_output(path)
        self.existed = self.target.is_dir()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(self.target.parent, name=self.target.name)
        if self.existed:
            remove_stale(self.target)
        self.folder = self._make_folder()

    def _make_folder(self) -> Path:
        """Beside the target, so that it can take the target's place in one rename; inside an
        existing target where that is impossible (no right to write beside it, or a mount point)."""
        prefix = _temp_prefix(self.target.name)
        try:
            folder = Path(tempfile.mkdtemp(dir=self.target.parent, prefix=prefix, suffix=".tmp"))
        except OSError:
            if not self.existed:
                raise
            return Path(tempfile.mkdtemp(dir=self.target, prefix=prefix, suffix=".tmp"))
        if self.existed and os.stat(folder).st_dev != os.stat(self.target).st_dev:
            os.rmdir(folder)
            return Path(tempfile.mkdtemp(dir=self.target, prefix=prefix, suffix=".tmp"))
        return folder

    def finish(self) -> None:
        """Put the files in place now, or when the :func:`held_outputs` are committed."""
        _finish(self)

    def commit(self) -> None:
        try:
            if not self.existed:
                self._rename()
                return
            ours, theirs = self._contents()
            if self.folder.parent != self.target and not theirs:
                self._swap()
            else:
                self._update(ours, theirs)
        finally:
            self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _contents(self) -> tuple[set[str], set[str]]:
        """The target's files: those the earlier export wrote, and the others (temporary ones aside)."""
        check_folder(self.target, kind=self.kind)
        present = {n for n in os.listdir(self.target) if n != MARKER and not _TEMP.search(n)}
        ours = (_marked_files(self.target) if (self.target / MARKER).exists() else set()) & present
        return ours, present - ours

    def _rename(self) -> None:
        """A new folder: marked, given the usual permissions, renamed into place (over a file, if
        ``replace_file`` allowed one)."""
        _write_marker(self.folder, self.kind, _names(self.folder))
        with contextlib.suppress(OSError):
            os.chmod(self.folder, 0o777 & ~_umask())
        old = None
        if os.path.lexists(self.target) and not self.target.is_dir():
            old = self.target.with_name(f"{_temp_prefix(self.target.name)}{secrets.token_hex(4)}.tmp")
            os.replace(self.target, old)
        try:
            os.rename(self.folder, self.target)
        except BaseException:
            if old is not None:
                os.replace(old, self.target)
            raise
        if old is not None:
            old.unlink(missing_ok=True)
        _fsync_dir(self.target.parent)

    def _swap(self) -> None:
        """An empty folder or an earlier export alone: the new folder, with the old one's
        permissions, takes its place in one step (two renames where the system has no exchange);
        then the old files go."""
        _write_marker(self.folder, self.kind, _names(self.folder))
        _copy_mode(self.target, self.folder)
        if _exchange(self.folder, self.target):
            old = self.folder
        else:
            old = self.target.with_name(f"{_temp_prefix(self.target.name)}{secrets.token_hex(4)}.tmp")
            os.rename(self.target, old)
            try:
                os.rename(self.folder, self.target)
            except BaseException:
                os.rename(old, self.target)
                raise
        _fsync_dir(self.target.parent)
        self._drop_old(old)

    def _drop_old(self, old: Path) -> None:
        """Remove the earlier export's files from the folder swapped out; anything else (put there
        while the export ran) moves into the new folder, or stays in a visible ``NAME.kept-TIME``."""
        try:
            ours = _marked_files(old) if (old / MARKER).exists() else set()
        except OutputRefused:
            ours = set()
        kept = False
        for name in os.listdir(old):
            if name in ours or name == MARKER or _TEMP.search(name):
                _remove(old / name)
            elif not os.path.lexists(self.target / name):
                os.rename(old / name, self.target / name)
            else:
                kept = True
        if kept:
            os.rename(old, self.target.with_name(f"{self.target.name}.kept-{time.strftime('%Y%m%d-%H%M%S')}"))
        else:
            os.rmdir(old)

    def _update(self, ours: set[str], theirs: set[str]) -> None:
        """A folder that also holds files of the user (``theirs``): the new files replace the earlier
        export's (``ours``), the others stay. The marker lists old and new files while they change
        places, so a kill leaves nothing unknown (but, for that moment, a mix of the two exports)."""
        new = sorted(_names(self.folder))
        folded = {n.casefold(): n for n in theirs}
        clash = next((n for n in new if n.casefold() in folded), None)
        if clash is not None:
            raise OutputRefused(f"{shown(str(self.target / folded[clash.casefold()]))} was not written by an "
                                "export: move it away, or give a new or empty folder")
        _write_marker(self.target, self.kind, sorted(ours | set(new)))
        for name in new:
            os.replace(self.folder / name, self.target / name)
        for name in sorted(ours - set(new)):
            _remove(self.target / name)
        _write_marker(self.target, self.kind, new)
        _fsync_dir(self.target)


def _copy_mode(source: Path, dest: Path) -> None:
    """Give ``dest`` the permissions (and, where allowed, the owner and group) of ``source``."""
    info = os.stat(source)
    with contextlib.suppress(OSError):
        os.chmod(dest, stat.S_IMODE(info.st_mode))
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):
            os.chown(dest, info.st_uid, info.st_gid)


def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` in one step (Linux's ``renameat2(RENAME_EXCHANGE)``); False where the
    system or the file system cannot, so that the caller renames twice instead."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@contextlib.contextmanager
def atomic_folder(path: str | os.PathLike[str], *, kind: str = "folder") -> Iterator[Path]:
    """A temporary folder whose files become the folder ``path`` when the ``with`` block ends
    without error (formats written as many files: brat, XMI); on error ``path`` is left as it was.
    ``kind`` (the format) goes into the marker and the messages. Refuses (OutputRefused) a file
    or a folder holding files an export did not write."""
    stage = FolderStage(path, kind=kind)
    try:
        yield stage.folder
    except BaseException:
        stage.discard()
        raise
    stage.finish()


# --- leftovers ------------------------------------------------------------------------------------


def remove_stale(folder: str | os.PathLike[str], *, name: str | None = None) -> None:
    """Remove the temporary files and folders that killed exports left in ``folder`` (see the module
    docstring); with ``name``, also those an earlier version left for that output, after an hour."""
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") and not entry.is_symlink() and _is_stale(entry, name, now):
            _remove(Path(entry.path))


def _is_stale(entry: os.DirEntry[str], name: str | None, now: float) -> bool:
    found = _TEMP.search(entry.name)
    if found is None and not (name and entry.name.startswith(f".{name}.") and _OLD_TEMP.search(entry.name)):
        return False
    try:
        age = now - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    if found is not None and found["host"] == _HOST and not _running(int(found["pid"])):
        return True
    return age > STALE_AFTER


def _running(pid: int) -> bool:
    """Whether process ``pid`` of this machine still runs (unknown counts as running)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill(pid, 0) is no harmless probe on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()
