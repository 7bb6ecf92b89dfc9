"""No traceback from the command line: store errors exit 3 in one line, a bug is one line and a log."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.cli import commands
from annotator.cli.main import main


def stats_fails_with(monkeypatch, raise_it: Callable[[], None]) -> None:
    """Make ``annotator stats`` fail the way ``raise_it`` does, as a bug or a store error would."""
    monkeypatch.setattr(commands, "cmd_stats", lambda args: raise_it())


@pytest.fixture
def crash_logs(monkeypatch, tmp_path) -> Path:
    """platformdirs' log folder moved into ``tmp_path`` (Linux: $XDG_STATE_HOME), debugging off."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("ANNOTATOR_DEBUG", raising=False)
    return tmp_path


def raising(error: BaseException) -> Callable[[], None]:
    def fail() -> None:
        raise error

    return fail


@pytest.mark.parametrize(("error", "words"), [
    (sqlite3.OperationalError("database is locked"), "busy"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
    (sqlite3.OperationalError("database or disk is full"), "disk is full"),
    (sqlite3.DatabaseError("database disk image is malformed"), "damaged"),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), "disk is full"),
])
def test_an_sqlite_error_is_one_line_with_status_3(monkeypatch, capsys, error, words):
    stats_fails_with(monkeypatch, raising(error))
    assert main(["--project", "p.db", "stats"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and "p.db" in err and "Traceback" not in err


def test_a_bug_is_one_line_and_its_details_go_to_a_log_file(monkeypatch, capsys, crash_logs):
    stats_fails_with(monkeypatch, raising(KeyError("surprise")))
    assert main(["stats"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err and "Traceback" not in err
    [log] = list(crash_logs.rglob("crash-*.log"))
    assert str(log) in err and "KeyError: 'surprise'" in log.read_text(encoding="utf-8")


def test_a_misuse_of_sqlite_is_a_bug_with_a_log_not_an_unavailable_project(monkeypatch, capsys, crash_logs):
    def closed_connection() -> None:
        conn = sqlite3.connect(":memory:")
        conn.close()
        conn.execute("SELECT 1")  # ProgrammingError: a closed connection

    stats_fails_with(monkeypatch, closed_connection)
    assert main(["stats"]) == 70
    err = capsys.readouterr().err
    assert "internal error" in err and "cannot be used" not in err
    assert len(list(crash_logs.rglob("crash-*.log"))) == 1


def test_a_bugs_line_escapes_control_characters(monkeypatch, capsys, crash_logs):
    stats_fails_with(monkeypatch, raising(ValueError("bad name a\nb\x1b[31m")))
    assert main(["stats"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err and "a\\nb" in err
