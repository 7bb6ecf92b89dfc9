"""Fixtures for the ingest tests: the seed articles of the repository and the default rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.ingest import CleaningRules, load_cleaning_rules

SEEDS = Path(__file__).parents[2] / "seeds"


@pytest.fixture(scope="session")
def rules() -> CleaningRules:
    return load_cleaning_rules()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS.is_dir(), f"seed articles not found in {SEEDS}"
    return SEEDS
