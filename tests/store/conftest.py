"""Fixtures for store tests: a fresh project file in a temporary folder, closed afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.store import Project


@pytest.fixture
def make_project(tmp_path: Path) -> Iterator[Callable[..., Project]]:
    """Open (or reopen) a project file; every project opened is closed at teardown."""
    opened: list[Project] = []

    def make(name: str = "project.db") -> Project:
        project = Project(tmp_path / name)
        opened.append(project)
        return project

    yield make
    for project in opened:
        project.close()


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    return make_project()
