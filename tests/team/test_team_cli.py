"""``annotator team init|add|list|remove`` against the real server: what the owner sees, what a
member can then do, and the one-line refusals."""

from __future__ import annotations

import io
import socket
import sys

import psycopg
import pytest

from annotator.cli.main import main
from annotator.store.errors import PermissionRefused
from team_helpers import PASSWORD, TEXT, Team, label, role_exists


def run(capsys: pytest.CaptureFixture[str], *argv: object, stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def listed(out: str) -> dict[str, list[str]]:
    """'team list' as {name: [role, added, removed?]} (the table printed when stdout is not a terminal)."""
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    return {row[0]: row[1:] for row in rows}


def test_init_add_list_remove_round_trip(capsys, monkeypatch, empty_team: Team, tmp_path) -> None:
    team = empty_team
    owner = team.url(team.owner)
    anna, rita = team.role_name("anna"), team.role_name("rita")

    code, out, err = run(capsys, "--project", owner, "team", "init")
    assert (code, err) == (0, "")
    assert f"Made {team.dbname} on 127.0.0.1 a team project; its owner is {team.owner} (you)" in out
    code, out, _ = run(capsys, "--project", owner, "team", "init")
    assert code == 0 and f"is a team project already (owner: {team.owner}); nothing changed" in out

    code, out, err = run(capsys, "--project", owner, "team", "add", anna, "--role", "annotator", "--password-stdin",
                         stdin="s3 cret è\nignored second line\n", monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    assert f"Created the login role {anna} (with the password given) and added it to the team as annotator." in out
    code, out, err = run(capsys, "--project", owner, "team", "add", rita, "--role", "reviewer")
    assert (code, err) == (0, "")
    assert f"Created the login role {rita} (without a password" in out

    code, out, err = run(capsys, "--project", owner, "team", "list")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"Team of {team.dbname} on 127.0.0.1 (blind: annotators read only their own layer)"
    assert out.splitlines()[1].split() == ["name", "role", "added", "removed"]
    rows = listed(out)
    assert set(rows) == {team.owner, anna, rita}
    assert [rows[team.owner][0], rows[anna][0], rows[rita][0]] == ["owner", "annotator", "reviewer"]
    assert all(len(r) == 2 for r in rows.values())  # added, nothing removed

    # the password read from standard input is the one the server takes; no other
    anna_url = team.server.url(anna, "s3 cret è", team.dbname)
    with psycopg.connect(anna_url) as conn:
        assert conn.execute("SELECT session_user, annotator_role()").fetchone() == (anna, "annotator")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(team.server.url(anna, "s3 cret", team.dbname))
    code, out, err = run(capsys, "--project", anna_url, "team", "list")
    assert code == 0 and anna in listed(out)
    # a member added without a password cannot log in over the network until one is set
    code, _, err = run(capsys, "--project", team.url(rita, None), "stats")
    assert code == 3 and "the server wants a password" in err and len(err.splitlines()) == 1

    # anna annotates an article the owner imported; her session stays open
    article = tmp_path / "articolo.txt"
    article.write_text(TEXT + "\n", encoding="utf-8")
    assert run(capsys, "--project", owner, "import", article)[0] == 0
    session = team.open_url(anna_url)
    (doc,) = session.document_ids()
    label(session, doc, "Mario Rossi", "PER")

    code, out, err = run(capsys, "--project", owner, "team", "remove", anna)
    assert (code, err) == (0, "")
    assert f"Removed {anna} from the team" in out and "annotations and statuses stay" in out
    rows = listed(run(capsys, "--project", owner, "team", "list")[1])
    assert rows[anna][0] == "annotator" and len(rows[anna]) == 3  # the removal's date
    # her work stays in the project
    keeper = team.open(team.owner)
    assert [(s.label, s.layer) for s in keeper.spans(doc, anna)] == [("PER", anna)]
    assert keeper.doc_status(doc, anna) == "in progress"
    # she can no longer connect, nor read through the session she had open
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        psycopg.connect(anna_url)
    code, _, err = run(capsys, "--project", anna_url, "stats")
    assert code == 2 and "permission denied" in err and len(err.splitlines()) == 1
    assert "its owner adds members" in err and "cannot be reached" not in err  # refused, not a network fault
    with pytest.raises(PermissionRefused):
        session.spans(doc, anna)
    with pytest.raises(PermissionRefused):
        session.document(doc)

    code, _, err = run(capsys, "--project", owner, "team", "remove", anna)
    assert code == 2 and f"{anna} was removed already" in err and len(err.splitlines()) == 1

    # added again, she is back with her password and her work
    code, out, _ = run(capsys, "--project", owner, "team", "add", anna, "--role", "annotator")
    assert code == 0 and f"{anna} is back on the team as annotator" in out
    assert len(listed(run(capsys, "--project", owner, "team", "list")[1])[anna]) == 2
    back = team.open_url(anna_url)
    assert [s.label for s in back.spans(doc, anna)] == ["PER"]


def test_adding_again_changes_the_role_and_may_set_the_password(capsys, monkeypatch, team: Team) -> None:
    owner = team.url(team.owner)
    code, out, _ = run(capsys, "--project", owner, "team", "add", team.anna, "--role", "reviewer")
    assert code == 0 and f"{team.anna} is now reviewer (was annotator)." in out
    code, out, _ = run(capsys, "--project", owner, "team", "add", team.anna, "--role", "reviewer",
                       "--password-stdin", stdin="nuova\n", monkeypatch=monkeypatch)
    assert code == 0 and "was on the team already as reviewer; the password changed." in out
    with psycopg.connect(team.url(team.anna, "nuova")) as conn:
        assert conn.execute("SELECT annotator_role()").fetchone() == ("reviewer",)
    code, out, _ = run(capsys, "--project", owner, "team", "add", team.anna, "--role", "reviewer")
    assert code == 0 and "nothing changed" in out


def test_an_existing_login_role_is_granted_not_created(capsys, team: Team) -> None:
    name = team.role_name("carla")
    with psycopg.connect(team.server.admin_url(), autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {name} LOGIN PASSWORD 'sua'")
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        psycopg.connect(team.url(name, "sua"))  # not on the team: the database is closed to her
    code, out, err = run(capsys, "--project", team.url(team.owner), "team", "add", name, "--role", "annotator")
    assert (code, err) == (0, "")
    assert out == f"Added the existing login role {name} to the team as annotator.\n"
    with psycopg.connect(team.url(name, "sua")) as conn:  # her own password, untouched
        assert conn.execute("SELECT annotator_role()").fetchone() == ("annotator",)


@pytest.mark.parametrize("who", ["anna", "rita"])
@pytest.mark.parametrize("action", [["add", "mallory", "--role", "reviewer"], ["remove", "bruno"],
                                    ["add", "bruno", "--role", "reviewer"]])
def test_only_the_owner_manages_the_team(capsys, team: Team, who: str, action: list[str]) -> None:
    member = getattr(team, who)
    action = [getattr(team, a, a) for a in action]
    before = run(capsys, "--project", team.url(team.owner), "team", "list")[1]
    code, out, err = run(capsys, "--project", team.url(member), "team", *action)
    verb = "add" if action[0] == "add" else "remove"
    role = "an annotator" if who == "anna" else "a reviewer"
    assert (code, out) == (2, "")
    assert err == f"annotator: error: only the project's owner ({team.owner}) may {verb} members: {member} is {role}\n"
    assert run(capsys, "--project", team.url(team.owner), "team", "list")[1] == before
    assert not role_exists(team, "mallory")


@pytest.mark.parametrize("argv, message", [
    (["add", "gold", "--role", "annotator"], "'gold' cannot be a team member's name"),
    (["add", "@bot", "--role", "annotator"], "'@bot' cannot be a team member's name"),
    (["add", "pg_monitor", "--role", "annotator"], "'pg_monitor' cannot be a team member's name"),
    (["add", "OWNER", "--role", "annotator"], "owns the project already"),
    (["remove", "nobody"], "'nobody' is not on the team ('annotator team list' shows who is)"),
    (["remove", "OWNER"], "is not on the team"),
])
def test_impossible_requests_are_refused_in_one_line(capsys, team: Team, argv: list[str], message: str) -> None:
    argv = [team.owner if a == "OWNER" else a for a in argv]
    code, out, err = run(capsys, "--project", team.url(team.owner), "team", *argv)
    assert (code, out) == (2, "")
    assert message in err and err.startswith("annotator: error: ") and len(err.splitlines()) == 1


def test_password_stdin_without_a_password_creates_nothing(capsys, monkeypatch, team: Team) -> None:
    name = team.role_name("zoe")
    code, out, err = run(capsys, "--project", team.url(team.owner), "team", "add", name, "--role", "annotator",
                         "--password-stdin", stdin="", monkeypatch=monkeypatch)
    assert (code, out) == (2, "")
    assert "standard input held no password" in err
    assert not role_exists(team, name)


def test_a_role_not_in_the_list_is_a_usage_error(capsys, team: Team) -> None:
    code, _, err = run(capsys, "--project", team.url(team.owner), "team", "add", "zoe", "--role", "boss")
    assert code == 2 and "invalid choice: 'boss'" in err


@pytest.mark.parametrize("action", [["init"], ["add", "zoe", "--role", "annotator"], ["list"], ["remove", "zoe"]])
def test_on_a_project_file_teams_live_on_postgresql(capsys, tmp_path, action: list[str]) -> None:
    db = tmp_path / "p.db"
    code, out, err = run(capsys, "--project", db, "team", *action)
    assert (code, out) == (2, "")
    assert err.startswith("annotator: error: teams live on PostgreSQL: pass --project postgresql://")
    assert len(err.splitlines()) == 1
    assert not db.exists()


def test_an_unreachable_server_is_status_3(capsys) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    for action in (["init"], ["list"], ["add", "zoe", "--role", "annotator"], ["remove", "zoe"]):
        code, out, err = run(capsys, "--project", f"postgresql://own:secret@127.0.0.1:{port}/db", "team", *action)
        assert (code, out) == (3, ""), action
        assert "the server cannot be reached" in err and len(err.splitlines()) == 1


def test_team_init_needs_an_empty_database(capsys, pg_server, pg_database) -> None:
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    code, out, err = run(capsys, "--project", pg_database, "team", "init")
    assert (code, out) == (2, "")
    assert "holds another program's tables" in err and len(err.splitlines()) == 1


def test_team_help(capsys) -> None:
    code, out, _ = run(capsys, "team", "--help")
    assert code == 0
    for action in ("init", "add", "list", "remove"):
        assert action in out
    code, out, _ = run(capsys, "team", "add", "--help")
    assert code == 0 and "--password-stdin" in out and "{annotator,reviewer}" in out
    code, out, err = run(capsys, "team")
    assert code == 2 and "choose an action: init, add, list or remove" in err
