"""The command line on a team project's URL: the file-only safety commands say what does the job on a
server, and an unreachable server is one line with status 3 (no traceback)."""

from __future__ import annotations

import pytest

from annotator.cli.main import main

UNREACHABLE = "postgresql://bob:secret@127.0.0.1:1/news"  # port 1: nothing listens there


@pytest.mark.parametrize("command", [["backup"], ["backups"], ["restore", "x.db"], ["check"]])
def test_file_safety_commands_point_a_server_project_to_pg_dump(command: list[str], capsys) -> None:
    assert main(["--project", UNREACHABLE, *command]) == 2
    err = capsys.readouterr().err
    assert "PostgreSQL server" in err and ("pg_dump" in err or "pg_amcheck" in err)
    assert "secret" not in err  # a password never shows


def test_an_unreachable_server_is_one_line_with_status_3(capsys) -> None:
    assert main(["--project", UNREACHABLE, "stats"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be reached" in err and "Traceback" not in err
    assert "secret" not in err


def test_the_project_can_be_a_url_in_the_environment(monkeypatch, capsys) -> None:
    monkeypatch.setenv("ANNOTATOR_PROJECT", UNREACHABLE)
    assert main(["stats"]) == 3
    assert "127.0.0.1" in capsys.readouterr().err
