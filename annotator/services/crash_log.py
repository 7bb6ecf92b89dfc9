"""Where an unexpected error's details go: a log file in the platform's log folder, never the screen.

Both front ends use it: the command line prints one line naming the file, the app shows a box that
does. ``platformdirs`` knows each platform's place for logs (``~/.local/state/annotator/log`` on
Linux, ``~/Library/Logs/annotator`` on macOS, ``%LOCALAPPDATA%\\annotator\\Logs`` on Windows).
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

__all__ = ["write_crash_log"]


def write_crash_log(err: BaseException) -> Path | None:
    """Write ``err``'s traceback to a new log file; returns its path (None when it cannot be written)."""
    from platformdirs import user_log_path

    detail = "".join(traceback.format_exception(err))
    try:
        folder = user_log_path("annotator", ensure_exists=True)
        log = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
        log.write_text(detail, encoding="utf-8")
    except OSError:
        return None
    return log
