"""No traceback from the command line: store errors exit 3 in one line, a bug is one line and a log."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from annotator.cli import commands
from annotator.cli.main import main


@pytest.mark.parametrize(("error", "words"), [
    (sqlite3.OperationalError("database is locked"), "busy"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
    (sqlite3.OperationalError("database or disk is full"), "disk is full"),
    (sqlite3.DatabaseError("database disk image is malformed"), "damaged"),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), "disk is full"),
])
def test_an_sqlite_error_is_one_line_with_status_3(monkeypatch, capsys, error, words):
    def fail(args):
        raise error

    monkeypatch.setattr(commands, "cmd_stats", fail)
    assert main(["--project", "p.db", "stats"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and "p.db" in err and "Traceback" not in err


def test_a_bug_is_one_line_and_its_details_go_to_a_log_file(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("ANNOTATOR_DEBUG", raising=False)

    def fail(args):
        raise KeyError("surprise")

    monkeypatch.setattr(commands, "cmd_stats", fail)
    assert main(["stats"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err and "Traceback" not in err
    [log] = list(tmp_path.rglob("crash-*.log"))
    assert str(log) in err and "KeyError: 'surprise'" in log.read_text(encoding="utf-8")


def test_a_misuse_of_sqlite_is_a_bug_with_a_log_not_an_unavailable_project(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("ANNOTATOR_DEBUG", raising=False)

    def fail(args):
        conn = sqlite3.connect(":memory:")
        conn.close()
        conn.execute("SELECT 1")  # ProgrammingError: a closed connection

    monkeypatch.setattr(commands, "cmd_stats", fail)
    assert main(["stats"]) == 70
    err = capsys.readouterr().err
    assert "internal error" in err and "cannot be used" not in err
    assert len(list(tmp_path.rglob("crash-*.log"))) == 1


def test_a_bugs_line_escapes_control_characters(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("ANNOTATOR_DEBUG", raising=False)

    def fail(args):
        raise ValueError("bad name a\nb\x1b[31m")

    monkeypatch.setattr(commands, "cmd_stats", fail)
    assert main(["stats"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err and "a\\nb" in err
