"""Fixtures for the tests that run the services on both backends and compare what they give.

``any_project`` is parametrised over a SQLite file and a team project on the session's PostgreSQL
server; ``twins`` gives one of each, empty, so a test can do the same thing to both and compare the
results (exports byte for byte, reports, lists in their order).

The team project is what ``annotator team init`` makes, opened as its owner: a login role that owns
the database and is not a superuser. Its database is created with an English ICU collation, as a
server installed with the distribution's defaults (``en_US.UTF-8``) would give, not the session
server's ``C.UTF-8``: under ``C`` PostgreSQL orders text as SQLite does (by code point), so an
``ORDER BY`` on text that depends on the collation would go unnoticed there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.store import Project

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture
def make_any_project(tmp_path: Path, make_team_database) -> Iterator[Callable[..., Project]]:
    """``make(backend, name)``: a new empty project on ``backend`` ("sqlite": a file named ``name``
    in the test's folder; "postgresql": a team project, opened as its owner); closed at teardown."""
    from annotator.store.team import init_project

    opened: list[Project] = []

    def make(backend: str, name: str = "project.db") -> Project:
        if backend == "sqlite":
            project = Project(tmp_path / name)
        else:
            project, new = init_project(make_team_database())
            assert new
        opened.append(project)
        return project

    yield make
    for project in opened:
        project.close()


@pytest.fixture(params=BACKENDS)
def any_project(request: pytest.FixtureRequest, make_any_project) -> Project:
    """An empty project on each backend in turn."""
    return make_any_project(request.param)


@pytest.fixture
def twins(make_any_project) -> tuple[Project, Project]:
    """An empty SQLite project and an empty team project on PostgreSQL, to do the same to both."""
    return make_any_project("sqlite"), make_any_project("postgresql")
