"""Fixtures of the format tests."""

from __future__ import annotations

import pytest
from jsonl_sample import build


@pytest.fixture
def annotated(project):
    """The project of :mod:`jsonl_sample` and the ids of its two documents."""
    ids = build(project)
    return project, ids
