"""No traceback reaches the user of the app: an error escaping a slot becomes a box that says what to do.

Qt calls Python slots from its event loop; an exception there would only be printed on the terminal
(if any) and the user would see nothing. :func:`install` replaces ``sys.excepthook`` while the app
runs: a project that became unavailable (busy past the wait, read-only, damaged, disk full) is told
in its own words; anything else is a bug, logged to a file the box names.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QWidget

from ..services.crash_log import write_crash_log
from ..store.errors import PermissionRefused, ProjectUnavailable, describe_sqlite_error
from .notify import notify

__all__ = ["install", "message_for"]


def message_for(err: BaseException, project_path: object) -> tuple[str, str]:
    """(title, text) of the box for ``err``."""
    if isinstance(err, ProjectUnavailable):
        return "The project is unavailable", str(err)
    described = describe_sqlite_error(err, project_path)
    if described is not None:
        return "The project is unavailable", described
    log = write_crash_log(err)
    where = f"\n\nThe details are in {log}: please attach that file to a bug report." if log else ""
    return ("Something went wrong", f"An unexpected error stopped this action ({type(err).__name__}: {err}). "
            f"Your saved work is safe: every edit is stored when it is made.{where}")


def server_unreachable(err: BaseException) -> bool:
    """Whether ``err`` says a server cannot be reached (not a refusal of the team's rules)."""
    return isinstance(err, ProjectUnavailable) and not isinstance(err, PermissionRefused)


def install(parent: QWidget, project_path: object, *,
            on_unreachable: Callable[[BaseException], bool] | None = None) -> Callable[[], None]:
    """Show errors that escape Qt slots in a box over ``parent``; returns a function that restores
    the previous hook. ``on_unreachable(err)``: offered every ProjectUnavailable first; True when it
    told the user itself (a team project's banner: the server is away, the app reconnects)."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], err: BaseException, tb: TracebackType | None) -> None:
        if isinstance(err, KeyboardInterrupt):
            previous(kind, err, tb)
            return
        if on_unreachable is not None and isinstance(err, ProjectUnavailable) and on_unreachable(err):
            return
        title, text = message_for(err, project_path)
        notify(parent, title, text, kind="critical")

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore
