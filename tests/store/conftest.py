"""Fixtures for store tests: a fresh project in a temporary folder, closed afterwards, on each backend.

``make_project`` and ``project`` are parametrised over both backends (a SQLite file, a team project
on the session's throwaway PostgreSQL server, made with 'team init'), so every store test runs on
both and no feature exists on one only. A module about one backend's own machinery (the SQLite
file's careful open, backups, migrations) overrides ``backend``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.store import Project

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def make_project(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[Callable[..., Project]]:
    """Open (or reopen) a project by name; every project opened is closed at teardown."""
    opened: list[Project] = []
    databases: dict[str, str] = {}

    def make(name: str = "project.db") -> Project:
        if backend == "sqlite":
            project = Project(tmp_path / name)
        else:
            if name not in databases:
                from annotator.store.team import init_project

                databases[name] = request.getfixturevalue("make_pg_database")()
                init_project(databases[name])[0].close()
            project = Project(databases[name])
        opened.append(project)
        return project

    yield make
    for project in opened:
        project.close()


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    return make_project()
