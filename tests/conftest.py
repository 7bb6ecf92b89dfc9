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
