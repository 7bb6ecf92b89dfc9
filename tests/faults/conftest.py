"""Fixtures of the fault-injection suite: the calibrated bench (projects, corpora, reference results
and each command's uninterrupted timing, built once per session) and the session's random seed.

Every kill moment comes from ``random.Random(FAULT_SEED + round)``; the seed is printed in the
report header and in every failure, and ``FAULT_SEED=N pytest tests/faults`` replays a run.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # fault_helpers, edit_session

from fault_helpers import Bench, Procs  # noqa: E402

_SEED = int(os.environ["FAULT_SEED"]) if os.environ.get("FAULT_SEED") else random.SystemRandom().randrange(10**6)


def pytest_report_header(config: pytest.Config) -> str:
    return f"fault-injection seed: FAULT_SEED={_SEED}"


@pytest.fixture(scope="session")
def fault_seed() -> int:
    return _SEED


@pytest.fixture(scope="session")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bench]:
    built = Bench(tmp_path_factory.mktemp("faults-bench"))
    try:
        yield built
    finally:
        built.close()


@pytest.fixture
def procs(tmp_path: Path) -> Iterator[Procs]:
    """Subprocesses of one test; any still running at teardown is killed with its group."""
    started = Procs(tmp_path)
    try:
        yield started
    finally:
        started.cleanup()
