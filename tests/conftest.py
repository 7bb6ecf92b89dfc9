"""Shared fixtures. Qt runs offscreen so the suite needs no display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_USER", "tester")

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


@pytest.fixture(scope="session")
def labels():
    from annotator.domain.labels import LabelSchema

    return LabelSchema.load(REPO / "resources" / "labels.json")
