"""Fixtures for team projects on the session's throwaway PostgreSQL server.

``team``: a fresh team project whose owner is an ordinary login role with CREATEROLE that owns the
database (not the server's superuser, as a real owner would be), made with ``team init``, with two
annotators (anna, bruno) and a reviewer (rita) added with ``team add``, each with their own password
and URL. Role names carry a random suffix (roles belong to the server, not to a database); the
database and the roles are dropped at teardown. ``seeded_team`` (one per module) also holds a row of
every layer in every table, for the attacks, which must change none of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from team_helpers import Seeded, Team, drop_team, make_team, seed

@pytest.fixture(autouse=True)
def no_password_from_elsewhere(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Passwords come from the URLs only: not from the environment nor the user's ~/.pgpass."""
    for name in ("PGPASSWORD", "PGUSER", "PGHOST", "PGPORT", "PGDATABASE", "PGSERVICE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path_factory.getbasetemp() / "no-pgpass"))
    monkeypatch.delenv("ANNOTATOR_PROJECT", raising=False)

@pytest.fixture
def team(pg_server: Any) -> Iterator[Team]:
    made = make_team(pg_server)
    yield made
    drop_team(made)

@pytest.fixture
def empty_team(pg_server: Any) -> Iterator[Team]:
    """An empty database owned by the owner role: no project, no members yet ('team init' is the test's)."""
    made = make_team(pg_server, members=False)
    yield made
    drop_team(made)


@pytest.fixture(scope="module")
def seeded_team(pg_server: Any) -> Iterator[Seeded]:
    """One seeded team project per module (the attacks must leave it unchanged; tests that change
    it on purpose put it back)."""
    made = make_team(pg_server)
    try:
        yield seed(made)
    finally:
        drop_team(made)
