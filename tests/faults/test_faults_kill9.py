"""kill -9 at random moments of import, pre-annotation, export (JSONL and brat), merge and an editing
session, each run a few times; after every kill the project passes SQLite's integrity and foreign-key
checks, holds no duplicate document or annotation, nothing half-stored (a batch is whole or absent),
every acknowledged edit, and an existing export is the earlier complete one or the new complete one;
then the same command, run again, completes with exit status 0 and gives what an uninterrupted run
gives. Longer runs of the same scenarios: benchmarks/soak_faults.py.

Round 0 kills each command just after its first write (its first committed batch, its first
acknowledged edit, its temporary output file: found by polling); the others at a random moment from
its start-up to just after its end, calibrated on an uninterrupted run in the bench fixture.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from fault_helpers import SCENARIOS, Bench, reproduce

ROUNDS = {"import": 3, "preannotate": 3, "export-jsonl": 3, "export-brat": 3, "merge": 3, "edit": 3}


@pytest.mark.parametrize("scenario, round_", [(s, r) for s, n in ROUNDS.items() for r in range(n)])
def test_kill9_then_check_and_rerun(bench: Bench, fault_seed: int, tmp_path: Path, scenario: str,
                                    round_: int) -> None:
    seed = fault_seed + round_
    delay = "write" if round_ == 0 else None
    result = SCENARIOS[scenario](bench, tmp_path, seed, delay)
    assert not result.problems, result.message() + reproduce(fault_seed, f"{scenario}-{round_}")


def test_the_scenarios_kill_while_the_command_works(bench: Bench) -> None:
    """The calibration leaves room to kill: every command takes longer than its start-up."""
    for name, timing in bench.timing.items():
        assert timing.full > 0 and timing.middle() < timing.full, (name, timing)
    rng = random.Random(0)
    for timing in bench.timing.values():
        delays = [timing.delay(rng) for _ in range(200)]
        assert sum(d < timing.full for d in delays) > 150  # most kills land before the end
