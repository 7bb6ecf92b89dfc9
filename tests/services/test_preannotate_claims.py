"""Pre-annotation of a team project (PostgreSQL): ``preannotate`` commands, run at once as on several
machines, claim batches from the project's queue. Proved on the server itself: a trigger the test
adds records every store of a document's suggestions (each write of its ``preannotated`` row) that
committed, so "each document done once" is a count, not a guess. Commands are held mid-batch by a
row lock the test takes on a document's suggestions (seen in pg_stat_activity), never by timing."""

from __future__ import annotations

import os
import re
import signal
import uuid
from collections import Counter
from typing import Any

import psycopg
import pytest

from annotator.store.project import NewDocument
from annotator.store.team import add_member, init_project
from preannotate_helpers import command, spawned_children, wait_for

SUGGESTIONS = "@suggestions"


def texts(count: int) -> list[NewDocument]:
    """Short articles in which the gazetteer finds entities (so every one has suggestions to lock)."""
    return [NewDocument(f"{i}. Vladimir Putin ha chiamato la NATO da Mosca martedì; Mario Draghi era a Roma.",
                        {"title": f"Notizia {i}"}) for i in range(count)]


@pytest.fixture
def team_project(make_pg_database):
    """A team project's owner URL, with articles and the gazetteer as its model, and the trigger
    that records every committed store of a document's suggestions."""

    def make(count: int) -> str:
        url = make_pg_database()
        owner, _ = init_project(url)
        try:
            owner.add_documents(texts(count))
            owner.set_setting("model", "gazetteer")
        finally:
            owner.close()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE test_stores (doc_id bigint NOT NULL, backend int NOT NULL)")
            conn.execute("""CREATE FUNCTION test_store() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO test_stores VALUES (NEW.doc_id, pg_backend_pid()); RETURN NULL; END $$""")
            conn.execute("CREATE TRIGGER test_store AFTER INSERT OR UPDATE ON preannotated"
                         " FOR EACH ROW EXECUTE FUNCTION test_store()")
        return url

    return make


def query(url: str, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def document_ids(url: str) -> list[int]:
    return [row[0] for row in query(url, "SELECT id FROM documents ORDER BY id")]


def stores(url: str) -> Counter[int]:
    """How many times each document's suggestions were stored (committed), for every document."""
    counted = Counter({doc_id: 0 for doc_id in document_ids(url)})
    counted.update(row[0] for row in query(url, "SELECT doc_id FROM test_stores"))
    return counted


def queued(url: str) -> int:
    return query(url, "SELECT count(*) FROM preannotate_queue")[0][0]


def stored_by(out: str) -> int:
    """The documents a command says it pre-annotated."""
    found = re.match(r"(?:Saved .*\n)?Pre-annotated (\d+) documents? with ", out)
    assert found, out
    return int(found.group(1))


def finished(run: Any) -> tuple[str, str]:
    out, err = run.communicate(timeout=300)
    assert "Traceback" not in err
    return out, err


def hold_suggestions(url: str, doc_ids: list[int]) -> Any:
    """A transaction holding the row locks of these documents' suggestions: a worker storing one of
    them waits (mid-batch, its claim held) until :meth:`commit`."""
    conn = psycopg.connect(url)
    conn.execute("SELECT id FROM spans WHERE layer = %s AND doc_id = ANY(%s) FOR UPDATE", (SUGGESTIONS, doc_ids))
    return conn


def waiting_workers(url: str) -> int:
    """How many sessions of annotator wait for a lock (a worker held by hold_suggestions)."""
    return query(url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                      " AND application_name = 'annotator' AND wait_event_type = 'Lock'")[0][0]


def no_session_left(url: str) -> bool:
    """Every session of annotator on the project has ended (a killed one is rolled back)."""
    return query(url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                      " AND application_name = 'annotator'")[0][0] == 0


def test_two_commands_at_once_share_the_run_and_store_each_document_once(team_project) -> None:
    url = team_project(120)
    runs = [command(url, "--workers", "2", "--batch-size", "3") for _ in range(2)]
    outs = [finished(run) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outs
    assert sum(stored_by(out) for out, _ in outs) == 120
    assert set(stores(url).values()) == {1}
    assert queued(url) == 0


def test_a_command_passes_over_the_batch_another_holds(team_project) -> None:
    url = team_project(20)
    first = command(url, "--batch-size", "2")
    finished(first)
    assert first.returncode == 0
    ids = document_ids(url)
    hold = hold_suggestions(url, ids[:1])
    try:
        holder = command(url, "--all", "--batch-size", "2")
        wait_for(lambda: waiting_workers(url) == 1, "the first command to wait mid-batch")
        other = command(url, "--all", "--batch-size", "2")  # joins the --all run under way
        out, err = finished(other)
        assert other.returncode == 0 and stored_by(out) == 18
        assert "2 documents still being pre-annotated by other commands" in err
    finally:
        hold.commit()
        hold.close()
    out, _ = finished(holder)
    assert holder.returncode == 0 and stored_by(out) == 2
    assert set(stores(url).values()) == {2}  # the first run, then once in the shared --all run
    assert queued(url) == 0


def test_a_command_killed_mid_batch_loses_nothing_and_the_next_run_finishes(team_project) -> None:
    url = team_project(20)
    first = command(url, "--batch-size", "2")
    finished(first)
    ids = document_ids(url)
    hold = hold_suggestions(url, [ids[6]])  # the fourth batch
    try:
        run = command(url, "--all", "--batch-size", "2")
        wait_for(lambda: waiting_workers(url) == 1, "the command to wait in its fourth batch")
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
    finally:
        hold.commit()
        hold.close()
    wait_for(lambda: no_session_left(url), "the server to end the killed command's session")
    done = stores(url)
    # three batches were stored; the fourth, claimed and half-written, was rolled back
    assert [done[d] for d in ids] == [2] * 6 + [1] * 14
    assert queued(url) == 14
    again = command(url, "--batch-size", "2")  # not --all: the queue holds the rest of that run
    out, _ = finished(again)
    assert again.returncode == 0 and stored_by(out) == 14
    assert set(stores(url).values()) == {2} and queued(url) == 0


def test_a_killed_worker_stops_the_others_and_the_next_run_finishes(team_project) -> None:
    url = team_project(20)
    finished(command(url, "--batch-size", "2"))
    hold = hold_suggestions(url, document_ids(url))
    try:
        run = command(url, "--all", "--workers", "2", "--batch-size", "2")
        wait_for(lambda: waiting_workers(url) == 2, "both workers to wait mid-batch")
        os.kill(spawned_children(run.pid)[0], signal.SIGKILL)
    finally:
        hold.commit()
        hold.close()
    out, err = finished(run)
    assert run.returncode == 128 + signal.SIGKILL
    assert err.count("annotator: error:") == 1 and "was killed (SIGKILL)" in err
    wait_for(lambda: no_session_left(url), "the server to end the killed worker's session")
    done = stores(url)
    assert set(done.values()) <= {1, 2}  # nothing stored twice by this run
    redone = sum(1 for n in done.values() if n == 2)
    assert stored_by(out) == redone  # what it says it stored, and that stayed
    again = command(url, "--batch-size", "2")
    out, _ = finished(again)
    assert again.returncode == 0 and stored_by(out) == 20 - redone
    assert set(stores(url).values()) == {2} and queued(url) == 0


def test_ctrl_c_stops_the_workers_after_their_batch(team_project) -> None:
    url = team_project(20)
    finished(command(url, "--batch-size", "2"))
    hold = hold_suggestions(url, document_ids(url))
    try:
        run = command(url, "--all", "--workers", "2", "--batch-size", "2", start_new_session=True)
        wait_for(lambda: waiting_workers(url) == 2, "both workers to wait mid-batch")
        os.killpg(run.pid, signal.SIGINT)  # Ctrl-C reaches the command and its workers
    finally:
        hold.commit()
        hold.close()
    out, err = finished(run)
    assert run.returncode == 130 and "Interrupted: run 'annotator preannotate' again" in err
    done = stores(url)
    redone = sum(1 for n in done.values() if n == 2)
    assert set(done.values()) <= {1, 2} and stored_by(out) == redone and 4 <= redone < 20
    again = command(url)
    out, _ = finished(again)
    assert again.returncode == 0 and stored_by(out) == 20 - redone
    assert set(stores(url).values()) == {2} and queued(url) == 0


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_unknown_model_queues_nothing(team_project, workers) -> None:
    url = team_project(5)
    run = command(url, "--all", "--workers", workers, "--batch-size", "2", "--model", "no_such_pipeline_xyz")
    out, err = finished(run)
    assert run.returncode == 2 and err.count("\n") == 1 and "no_such_pipeline_xyz" in err
    assert queued(url) == 0 and set(stores(url).values()) == {0}


def test_only_the_owner_preannotates(team_project, pg_server) -> None:
    url = team_project(5)
    name = f"ann_{uuid.uuid4().hex[:8]}"
    from annotator.store.project import Project

    with Project(url, create=False) as owner:
        add_member(owner, name, "annotator", password="pw")
    member = pg_server.url(name, "pw", url.rsplit("/", 1)[1])
    run = command(member, "--workers", "2")
    out, err = finished(run)
    assert run.returncode == 2 and err.count("\n") == 1
    assert "only the project's owner pre-annotates" in err and name in err
    assert queued(url) == 0 and set(stores(url).values()) == {0}
