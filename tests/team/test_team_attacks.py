"""Every permission rule of a team project, attacked through raw SQL with the member's own
credentials, with plain psycopg (not the store): what psql would let them do.

Each attack aims at rows the member must leave alone. Its outcome is one of: ``DENIED`` (the server
refuses the statement), ``NO_ROWS`` (the statement runs but row-level security hides every target,
so nothing changes) or ``ALLOWED`` (what the role may do: run in a transaction rolled back, to see it
works). After a refused or empty attack, every table is compared, row by row, with before.
"""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from psycopg import errors

from annotator.domain.model import GOLD, SUGGESTIONS
from team_helpers import TABLES, Seeded, everything

DENIED, NO_ROWS, ALLOWED = "denied", "no rows", "allowed"
OPERATIONS = ("DELETE", "UPDATE", "TRUNCATE", "INSERT")

# What each role may do to the rows of others, per table: (DELETE, UPDATE, TRUNCATE, INSERT).
# An annotator writes only their own layer and statuses; a reviewer also gold and everyone's statuses.
RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    #  table            annotator                                  reviewer
    "documents":      ((DENIED, DENIED, DENIED, DENIED),          (DENIED, DENIED, DENIED, DENIED)),
    "spans":          ((NO_ROWS, NO_ROWS, DENIED, DENIED),        (NO_ROWS, NO_ROWS, DENIED, DENIED)),
    "quotes":         ((NO_ROWS, NO_ROWS, DENIED, DENIED),        (NO_ROWS, NO_ROWS, DENIED, DENIED)),
    "events":         ((NO_ROWS, NO_ROWS, DENIED, DENIED),        (NO_ROWS, NO_ROWS, DENIED, DENIED)),
    "event_args":     ((NO_ROWS, NO_ROWS, DENIED, DENIED),        (NO_ROWS, NO_ROWS, DENIED, DENIED)),
    "doc_status":     ((NO_ROWS, NO_ROWS, DENIED, DENIED),        (ALLOWED, ALLOWED, DENIED, ALLOWED)),
    "history":        ((DENIED, DENIED, DENIED, DENIED),          (DENIED, DENIED, DENIED, DENIED)),
    "settings":       ((DENIED, DENIED, DENIED, DENIED),          (DENIED, DENIED, DENIED, DENIED)),
    "preannotated":   ((DENIED, DENIED, DENIED, DENIED),          (DENIED, DENIED, DENIED, DENIED)),
    "team":           ((DENIED, DENIED, DENIED, DENIED),          (DENIED, DENIED, DENIED, DENIED)),
    "annotator_meta": ((DENIED, DENIED, DENIED, DENIED),          (DENIED, DENIED, DENIED, DENIED)),
    "annotators":     ((DENIED, DENIED, DENIED, DENIED),          (DENIED, DENIED, DENIED, DENIED)),
}
assert set(RULES) == set(TABLES)

# The statements, aimed at others' rows: {foreign} lists the ids of the rows in layers the attacker may
# not write, {other} names another member, {me} the attacker, {doc} the seeded article.
_LAYERED_INSERT = {
    "spans": 'INSERT INTO spans(doc_id, start, "end", label, layer, origin, status, annotator)'
             " VALUES ({doc}, 43, 56, 'LOC', '{other}', 'manual', 'accepted', '{me}')",
    "quotes": 'INSERT INTO quotes(doc_id, start, "end", kind, layer, origin, status, annotator)'
              " VALUES ({doc}, 0, 10, 'direct', '{other}', 'manual', 'accepted', '{me}')",
    "events": "INSERT INTO events(doc_id, type, layer, origin, status, annotator)"
              " VALUES ({doc}, 'MEET', '{other}', 'manual', 'accepted', '{me}')",
}
ATTACKS: dict[tuple[str, str], str] = {
    ("documents", "DELETE"): "DELETE FROM documents",
    ("documents", "UPDATE"): "UPDATE documents SET title = 'defaced', text = 'defaced'",
    ("documents", "INSERT"): "INSERT INTO documents(uid, content_hash, text) VALUES ('x', 'x', 'smuggled')",
    **{(t, "DELETE"): f"DELETE FROM {t} WHERE id IN ({{foreign}})" for t in ("spans", "quotes", "events")},
    **{(t, "UPDATE"): f"UPDATE {t} SET layer = '{{me}}', status = 'rejected' WHERE id IN ({{foreign}})"
       for t in ("spans", "quotes", "events")},
    **{(t, "INSERT"): statement for t, statement in _LAYERED_INSERT.items()},
    ("event_args", "DELETE"): "DELETE FROM event_args WHERE event_id IN ({foreign})",
    ("event_args", "UPDATE"): "UPDATE event_args SET role = 'Target', start = 43 WHERE event_id IN ({foreign})",
    ("event_args", "INSERT"): 'INSERT INTO event_args(event_id, position, role, start, "end")'
                              " SELECT unnest(ARRAY[{foreign}]), 1, 'Target', 43, 56",
    ("doc_status", "DELETE"): "DELETE FROM doc_status WHERE annotator <> '{me}'",
    ("doc_status", "UPDATE"): "UPDATE doc_status SET status = 'done' WHERE annotator <> '{me}'",
    ("doc_status", "INSERT"): "INSERT INTO doc_status(doc_id, annotator, status) VALUES ({doc2}, '{other}', 'done')",
    ("history", "DELETE"): "DELETE FROM history",
    ("history", "UPDATE"): "UPDATE history SET action = 'forged'",
    ("history", "INSERT"): "INSERT INTO history(annotator, doc_id, action, direction)"
                           " VALUES ('{other}', {doc}, 'forged', 'do')",
    ("settings", "DELETE"): "DELETE FROM settings",
    ("settings", "UPDATE"): "UPDATE settings SET value = 'open' WHERE key = 'visibility'",
    ("settings", "INSERT"): "INSERT INTO settings(key, value) VALUES ('labels', '/tmp/mine.json')",
    ("preannotated", "DELETE"): "DELETE FROM preannotated",
    ("preannotated", "UPDATE"): "UPDATE preannotated SET origin = 'forged'",
    ("preannotated", "INSERT"): "INSERT INTO preannotated(doc_id, origin) VALUES ({doc2}, 'forged')",
    ("team", "DELETE"): "DELETE FROM team",
    ("team", "UPDATE"): "UPDATE team SET role = 'reviewer', removed = NULL",
    ("team", "INSERT"): "INSERT INTO team(name, role) VALUES ('{me}_twin', 'reviewer')",
    ("annotator_meta", "DELETE"): "DELETE FROM annotator_meta",
    ("annotator_meta", "UPDATE"): "UPDATE annotator_meta SET value = '{me}' WHERE key = 'owner'",
    ("annotator_meta", "INSERT"): "INSERT INTO annotator_meta(key, value) VALUES ('forged', '{me}')",
    ("annotators", "DELETE"): "DELETE FROM annotators",
    ("annotators", "UPDATE"): "UPDATE annotators SET name = name || '_x'",
    ("annotators", "INSERT"): "INSERT INTO annotators(name) VALUES ('mallory')",
    **{(t, "TRUNCATE"): f"TRUNCATE {t} CASCADE" for t in TABLES},
}


def _cases() -> list[Any]:
    return [pytest.param(role, table, op, RULES[table][r][i], id=f"{role}-{op}-{table}")
            for r, role in enumerate(("annotator", "reviewer")) for table in TABLES for i, op in enumerate(OPERATIONS)]


def attacker(seeded: Seeded, role: str) -> tuple[str, str]:
    """(the attacker, another member whose work they must leave alone)."""
    team = seeded.team
    return (team.anna, team.bruno) if role == "annotator" else (team.rita, team.anna)


def writable(seeded: Seeded, role: str) -> set[str]:
    me, _ = attacker(seeded, role)
    return {me, GOLD} if role == "reviewer" else {me}


def statement(seeded: Seeded, role: str, table: str, op: str) -> str:
    me, other = attacker(seeded, role)
    ids = seeded.ids["events" if table == "event_args" else table] if table in seeded.ids else {}
    foreign = ", ".join(str(i) for layer, i in ids.items() if layer not in writable(seeded, role))
    return ATTACKS[table, op].format(me=me, other=other, foreign=foreign, doc=seeded.docs[0], doc2=seeded.docs[1])


def attempt(conn: psycopg.Connection, sql: str) -> str:
    """Run ``sql`` (committed at once) and say what happened."""
    try:
        cursor = conn.execute(sql)
    except errors.InsufficientPrivilege:  # no privilege, or a row-level security check failed
        return DENIED
    return ALLOWED if cursor.rowcount else NO_ROWS


@pytest.mark.parametrize("role, table, op, expected", _cases())
def test_attack(seeded_team: Seeded, role: str, table: str, op: str, expected: str) -> None:
    me, _ = attacker(seeded_team, role)
    conn = seeded_team.team.connect(me)
    sql = statement(seeded_team, role, table, op)
    if expected == ALLOWED:  # what the role may do: seen to work, then rolled back
        with conn.transaction(force_rollback=True):
            assert attempt(conn, sql) == ALLOWED, sql
        return
    before = everything(seeded_team.team)
    assert attempt(conn, sql) == expected, sql
    after = everything(seeded_team.team)
    assert after == before, f"{sql} changed {[t for t in TABLES if after[t] != before[t]]}"


@pytest.mark.parametrize("role, layer, expected", [
    ("annotator", "own", ALLOWED), ("annotator", GOLD, DENIED), ("annotator", SUGGESTIONS, DENIED),
    ("annotator", "other", DENIED),
    ("reviewer", "own", ALLOWED), ("reviewer", GOLD, ALLOWED), ("reviewer", SUGGESTIONS, DENIED),
    ("reviewer", "other", DENIED),
])
@pytest.mark.parametrize("table", ["spans", "quotes", "events"])
def test_who_writes_which_layer(seeded_team: Seeded, role: str, layer: str, expected: str, table: str) -> None:
    """An annotator adds, changes and removes items of their own layer only; a reviewer also of gold;
    nobody but the owner writes the pipeline's suggestions."""
    me, other = attacker(seeded_team, role)
    layer = {"own": me, "other": other}.get(layer, layer)
    conn = seeded_team.team.connect(me)
    row = seeded_team.ids[table][layer]
    before = everything(seeded_team.team)
    with conn.transaction(force_rollback=True):
        outcomes = [attempt(conn, _LAYERED_INSERT[table].format(doc=seeded_team.docs[0], other=layer, me=me))]
    for sql in (f"UPDATE {table} SET status = 'rejected' WHERE id = {row}", f"DELETE FROM {table} WHERE id = {row}"):
        with conn.transaction(force_rollback=True):
            outcomes.append(attempt(conn, sql))
    if expected == ALLOWED:
        assert outcomes == [ALLOWED] * 3
    else:  # the insert is refused; the rows to change or delete are not there for them
        assert outcomes == [DENIED, NO_ROWS, NO_ROWS]
    assert everything(seeded_team.team) == before


@pytest.mark.parametrize("role", ["annotator", "reviewer"])
@pytest.mark.parametrize("table", ["spans", "quotes", "events"])
def test_no_item_moves_out_of_ones_own_layer(seeded_team: Seeded, role: str, table: str) -> None:
    """Changing one's own item into another's layer (or gold, or a suggestion) is refused."""
    me, other = attacker(seeded_team, role)
    conn = seeded_team.team.connect(me)
    own = seeded_team.ids[table][me]
    before = everything(seeded_team.team)
    for target in {other, GOLD, SUGGESTIONS} - writable(seeded_team, role):
        assert attempt(conn, f"UPDATE {table} SET layer = '{target}' WHERE id = {own}") == DENIED, target
    assert everything(seeded_team.team) == before


def test_an_annotator_writes_only_their_own_status_history_and_name(seeded_team: Seeded) -> None:
    team = seeded_team.team
    conn = team.connect(team.anna)
    doc, doc2 = seeded_team.docs
    for sql in (f"INSERT INTO doc_status(doc_id, annotator, status) VALUES ({doc2}, '{team.anna}', 'done')",
                f"UPDATE doc_status SET status = 'done' WHERE annotator = '{team.anna}'",
                f"DELETE FROM doc_status WHERE annotator = '{team.anna}'",
                f"INSERT INTO history(annotator, doc_id, action, direction) VALUES ('{team.anna}', {doc}, 'x', 'do')"):
        with conn.transaction(force_rollback=True):
            assert attempt(conn, sql) == ALLOWED, sql
    # naming oneself passes the check (the name is there already: nothing to add)
    assert attempt(conn, f"INSERT INTO annotators(name) VALUES ('{team.anna}') ON CONFLICT DO NOTHING") == NO_ROWS
    # gold is the reviewers': an annotator neither sets its status nor logs in its name
    assert attempt(conn, f"INSERT INTO doc_status(doc_id, annotator, status) VALUES ({doc2}, 'gold', 'done')") == DENIED
    assert attempt(conn, "INSERT INTO history(annotator, doc_id, action, direction)"
                         f" VALUES ('gold', {doc}, 'x', 'do')") == DENIED


def test_a_reviewer_logs_as_themself_or_gold_only(seeded_team: Seeded) -> None:
    team = seeded_team.team
    conn = team.connect(team.rita)
    doc = seeded_team.docs[0]
    for who, expected in ((team.rita, ALLOWED), (GOLD, ALLOWED), (team.anna, DENIED), (team.owner, DENIED)):
        with conn.transaction(force_rollback=True):
            assert attempt(conn, "INSERT INTO history(annotator, doc_id, action, direction)"
                                 f" VALUES ('{who}', {doc}, 'x', 'do')") == expected, who


# --- reading ----------------------------------------------------------------------------------


def visible(conn: psycopg.Connection, seeded: Seeded) -> dict[str, set[str]]:
    """Whose rows a session reads: layers of the layered tables, annotators of statuses and history."""
    by_layer = {t: {r[0] for r in conn.execute(f"SELECT layer FROM {t}")} for t in ("spans", "quotes", "events")}
    by_layer["event_args"] = {r[0] for r in conn.execute(
        "SELECT e.layer FROM event_args a JOIN events e ON e.id = a.event_id")}
    arg_events = {r[0] for r in conn.execute("SELECT event_id FROM event_args")}
    assert arg_events == {seeded.ids["events"][layer] for layer in by_layer["event_args"]}  # no orphan args leak
    by_layer["doc_status"] = {r[0] for r in conn.execute("SELECT annotator FROM doc_status")}
    by_layer["history"] = {r[0] for r in conn.execute("SELECT annotator FROM history")}
    return by_layer


def test_in_a_blind_project_an_annotator_reads_their_layer_and_the_suggestions_only(seeded_team: Seeded) -> None:
    team = seeded_team.team
    conn = team.connect(team.anna)
    seen = visible(conn, seeded_team)
    for table in ("spans", "quotes", "events", "event_args"):
        assert seen[table] == {team.anna, SUGGESTIONS}, table
    assert seen["doc_status"] == seen["history"] == {team.anna}
    # asking for them by name or id gives nothing either
    for table in ("spans", "quotes", "events"):
        for layer in (team.bruno, GOLD):
            assert conn.execute(f"SELECT * FROM {table} WHERE layer = %s", (layer,)).fetchall() == []
            assert conn.execute(f"SELECT * FROM {table} WHERE id = %s", (seeded_team.ids[table][layer],)).fetchall() == []
    assert conn.execute("SELECT * FROM event_args WHERE event_id = %s",
                        (seeded_team.ids["events"][GOLD],)).fetchall() == []
    # nor do the planner's statistics (most common values) of the protected tables
    assert conn.execute("SELECT count(*) FROM pg_stats WHERE tablename IN ('spans', 'quotes', 'events')"
                        ).fetchone() == (0,)
    # the articles, the team and the settings are everyone's to read
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == (2,)
    assert {r[0] for r in conn.execute("SELECT name FROM team")} == {team.anna, team.bruno, team.rita}


def test_a_reviewer_reads_every_layer(seeded_team: Seeded) -> None:
    team = seeded_team.team
    seen = visible(team.connect(team.rita), seeded_team)
    for table in ("spans", "quotes", "events", "event_args"):
        assert seen[table] == set(seeded_team.layers), table
    assert seen["doc_status"] == seen["history"] == {team.anna, team.bruno, team.rita, GOLD}


def test_in_an_open_project_annotators_read_every_layer_and_gold_but_still_write_their_own(seeded_team: Seeded) -> None:
    team = seeded_team.team
    owner = team.connect(team.owner)
    owner.execute("UPDATE settings SET value = 'open' WHERE key = 'visibility'")
    try:
        conn = team.connect(team.anna)
        seen = visible(conn, seeded_team)
        for table in ("spans", "quotes", "events", "event_args"):
            assert seen[table] == set(seeded_team.layers), table
        assert seen["doc_status"] == {team.anna, team.bruno, team.rita, GOLD}
        assert seen["history"] == {team.anna}  # the history stays each one's own
        before = everything(team)
        for table in ("spans", "quotes", "events"):
            for layer in (team.bruno, GOLD):
                row = seeded_team.ids[table][layer]
                assert attempt(conn, f"UPDATE {table} SET status = 'rejected' WHERE id = {row}") == NO_ROWS
                assert attempt(conn, f"DELETE FROM {table} WHERE id = {row}") == NO_ROWS
        assert attempt(conn, f"UPDATE doc_status SET status = 'done' WHERE annotator = '{team.bruno}'") == NO_ROWS
        assert everything(team) == before
    finally:
        owner.execute("UPDATE settings SET value = 'blind' WHERE key = 'visibility'")
    assert visible(team.connect(team.anna), seeded_team)["spans"] == {team.anna, SUGGESTIONS}


# --- the rules themselves -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["annotator", "reviewer"])
@pytest.mark.parametrize("sql", [
    "SET ROLE {owner}",
    "SET ROLE {other}",
    "SET SESSION AUTHORIZATION {owner}",
    "ALTER TABLE spans DISABLE ROW LEVEL SECURITY",
    "DROP POLICY spans_read ON spans",
    "CREATE POLICY mine ON spans FOR ALL USING (true)",
    "ALTER TABLE spans OWNER TO {me}",
    "CREATE OR REPLACE FUNCTION annotator_role() RETURNS text LANGUAGE sql AS $$ SELECT 'owner' $$",
    "CREATE TABLE public.mine (x int)",
    "CREATE TEMP TABLE mine (x int)",
    "CREATE SCHEMA mine",
    "ALTER ROLE {me} CREATEROLE",
    "ALTER ROLE {me} BYPASSRLS",
    "CREATE ROLE mallory LOGIN",
    "GRANT {owner} TO {me}",
    "DROP TABLE history",
])
def test_a_member_cannot_change_the_rules(seeded_team: Seeded, role: str, sql: str) -> None:
    """No becoming the owner or another member, no touching the policies, tables, functions or roles."""
    team = seeded_team.team
    me, other = attacker(seeded_team, role)
    conn = team.connect(me)
    before = everything(team)
    with pytest.raises((errors.InsufficientPrivilege, errors.InvalidGrantOperation)):
        conn.execute(sql.format(me=me, owner=team.owner, other=other))
    assert conn.execute("SELECT session_user, current_user, annotator_role()").fetchone() == (me, me, role)
    assert everything(team) == before


@pytest.mark.parametrize("role", ["annotator", "reviewer"])
def test_granting_oneself_a_privilege_grants_nothing(seeded_team: Seeded, role: str) -> None:
    team = seeded_team.team
    me, _ = attacker(seeded_team, role)
    conn = team.connect(me)
    conn.execute(f"GRANT ALL ON documents, settings, team TO {me}")  # only a warning: they hold no grant option
    for sql in ("UPDATE settings SET value = 'open' WHERE key = 'visibility'",
                f"INSERT INTO team(name, role) VALUES ('{me}_twin', 'reviewer')", "DELETE FROM documents"):
        assert attempt(conn, sql) == DENIED, sql


def test_an_annotator_cannot_open_the_project_up(seeded_team: Seeded) -> None:
    """Neither visibility nor their own role is theirs to change, whatever they try."""
    team = seeded_team.team
    conn = team.connect(team.anna)
    for sql in ("UPDATE settings SET value = 'open' WHERE key = 'visibility'",
                "DELETE FROM settings WHERE key = 'visibility'",
                "INSERT INTO settings(key, value) VALUES ('visibility', 'open')"
                " ON CONFLICT (key) DO UPDATE SET value = 'open'",
                f"UPDATE team SET role = 'reviewer' WHERE name = '{team.anna}'",
                f"INSERT INTO team(name, role) VALUES ('{team.anna}', 'reviewer')"
                " ON CONFLICT (name) DO UPDATE SET role = 'reviewer'"):
        assert attempt(conn, sql) == DENIED, sql
    assert conn.execute("SELECT annotator_role(), annotator_sees_all()").fetchone() == ("annotator", False)
    assert visible(conn, seeded_team)["spans"] == {team.anna, SUGGESTIONS}


def test_the_seed_covers_every_table(seeded_team: Seeded) -> None:
    """Each attack has rows to aim at: no table is empty."""
    assert all(everything(seeded_team.team)[t] for t in TABLES)
