"""Why a project cannot be used right now, in words a user can act on.

Every ``sqlite3`` error that reaches the store's callers is turned into one of these, so no front
end shows a traceback: the CLI prints the message and exits with status 3 ("project unavailable"),
the app shows it in a box.
"""

from __future__ import annotations


class ProjectUnavailable(RuntimeError):
    """The project cannot be read or written now: busy past the wait, read-only, damaged, disk full,
    not a project at all. The message names the file and says what to do."""

    exit_status = 3  # the command line's "project unavailable"


class ProjectBusy(ProjectUnavailable):
    """Another process held the write lock past the wait."""


class ProjectReadOnly(ProjectUnavailable):
    """The file or its folder cannot be written."""


class ProjectDamaged(ProjectUnavailable):
    """The file is not a healthy annotator project (damaged pages, or another program's database)."""


class NotAProject(ProjectUnavailable):
    """A file that is not an annotator project (another program's database, a text file, an empty
    file for a reading command); it is left byte-identical. A usage error: --project names the
    wrong file."""

    exit_status = 2


def describe_sqlite_error(err: BaseException, path: object) -> str | None:
    """One line for an ``sqlite3`` error (or a full disk or quota) about the project at ``path``;
    None when ``err`` is something else, or a misuse of SQLite (wrong SQL, a closed connection)."""
    import errno
    import sqlite3

    from ..domain.shown import shown

    name = shown(str(path))
    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{name}: the disk is full; free some space and run the command again (nothing was half-written)"
    if not isinstance(err, sqlite3.Error) or isinstance(err, (sqlite3.ProgrammingError, sqlite3.InterfaceError)):
        return None  # not about the project: a misuse of SQLite is a bug, for the crash log
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        from .locks import busy_message, busy_wait

        return busy_message(str(path), busy_wait())
    if "readonly" in text or "read-only" in text:
        return f"{name} is read-only: make the file and its folder writable, or work on a copy"
    if "full" in text:
        return f"{name}: the disk is full; free some space and run the command again (nothing was half-written)"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return (f"{name} is damaged ({err}); restore a backup with 'annotator backups' and "
                "'annotator restore BACKUP', or 'annotator check' for details")
    if "unable to open" in text:
        return (f"{name} cannot be opened ({err}): check that you may read and write it, its folder and "
                "the -wal and -shm files beside it")
    return f"{name} cannot be used ({err}); 'annotator check' reports on its health"


class PermissionRefused(ProjectUnavailable):
    """A team project's rules do not let this user do that (write another's layer, import into a
    project they do not own). Enforced by the server; the message says who may."""

    exit_status = 2
