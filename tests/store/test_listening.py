"""Change notices of a team project (annotator.store.listening): what another session saves arrives,
named by table and document, without waiting; a server that leaves is an error, and the listener
listens again once it is back. A project file has no notices."""

from __future__ import annotations

import select

import pytest

from annotator.domain import commands
from annotator.store import NewDocument, Project
from annotator.store.errors import ProjectUnavailable
from annotator.store.listening import Change, listen_to, parse_notice
from annotator.store.team import init_project


def wait_readable(listener, seconds: float = 10) -> None:
    readable, _, _ = select.select([listener.fileno()], [], [], seconds)
    assert readable, "no notice arrived"


def drain_until(listener, wanted, seconds: float = 10) -> set[Change]:
    got: set[Change] = set()
    while not wanted(got):
        wait_readable(listener, seconds)
        got |= set(listener.drain())
    return got


def test_a_file_has_no_listener(tmp_path):
    with Project(tmp_path / "p.db") as project:
        assert listen_to(project) is None


def test_another_sessions_saves_are_named_by_table_and_document(make_pg_database):
    url = make_pg_database()
    owner, _ = init_project(url)
    other = Project(url, create=False)
    listener = listen_to(owner)
    try:
        assert listener.drain() == []  # nothing yet, and no waiting
        [(doc, _)] = other.add_documents([NewDocument("Biden e Putin.", {})])
        other.ensure_annotator("ann")
        other.apply(commands.set_status(doc_id=doc, annotator="ann", before="new", after="done"))
        got = drain_until(listener, lambda got: Change("doc_status", doc) in got)
        assert Change("documents", None) in got  # an import: read the list again
        own_pid = other.conn.raw.info.backend_pid
        assert {c.pid for c in got if c.table == "doc_status"} == {own_pid}  # who saved it
    finally:
        listener.close()
        other.close()
        owner.close()


def test_the_server_leaving_is_an_error_and_reconnect_listens_again(make_pg_database, pg_server):
    url = make_pg_database()
    owner, _ = init_project(url)
    listener = listen_to(owner)
    try:
        pg_server.stop()
        try:
            with pytest.raises(ProjectUnavailable):
                for _ in range(5):  # the socket says so: first the server's goodbye, then the end
                    wait_readable(listener)
                    listener.drain()
            assert not listener.alive and listener.fileno() == -1
            with pytest.raises(ProjectUnavailable):
                listener.reconnect()
        finally:
            pg_server.start()
        listener.reconnect()
        with Project(url, create=False) as other:
            other.add_documents([NewDocument("Di nuovo.", {})])
        assert Change("documents", None) in drain_until(listener, lambda got: bool(got))
    finally:
        listener.close()
        owner.close()


def test_a_notice_that_is_not_ours_is_ignored():
    assert parse_notice('{"table": "spans", "doc": 3}', 7) == Change("spans", 3)
    assert parse_notice("not json") is None
    assert parse_notice('{"doc": 3}') is None
    assert parse_notice('{"table": "spans", "doc": "x"}') is None
