"""Soak run of the fault-injection scenarios: kill -9 at random moments of import, pre-annotation,
export (JSONL and brat), merge and an editing session, many more times than the test suite does
(tests/faults/test_faults_kill9.py runs each three times), and print the figures: per command the
rounds, the kills (the command was still running), the kills mid-work (part of its documents, or
of the session's edits, stored: known for import, pre-annotation, merge and the editing session),
the rounds' integrity failures (including an export target that is neither the earlier complete
export nor the new one), acknowledged edits lost, duplicates, reruns that failed, other problems
(a resumed run that does not give an uninterrupted run's result, leftovers) and the time.

After each kill: SQLite's integrity and foreign-key checks and the full-text index's, no duplicate
document or annotation, nothing half-stored, every acknowledged edit present, an existing export
either the earlier complete one or the new complete one; then the same command again must exit 0
and give what an uninterrupted run gives (see tests/faults/fault_helpers.py).

    python benchmarks/soak_faults.py [--rounds 50] [--only import,merge] [--seed N] [--keep DIR]
                                     [--articles 600] [--annotated 150]

With the default sizes a round takes about 1–2 s (import, export, merge, editing session) to 4 s
(pre-annotation) on a 2-core machine. Exit status 1 when any round found a problem.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "faults"))

from fault_helpers import SCENARIOS, Bench, Round  # noqa: E402

COLUMNS = ("rounds", "killed", "mid-work", "integrity", "lost acks", "duplicates", "rerun failed", "other", "seconds")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="rounds per command (50)")
    parser.add_argument("--only", help=f"comma-separated commands among {', '.join(SCENARIOS)}")
    parser.add_argument("--seed", type=int, help="first round's seed (default: random; printed)")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary folder)")
    parser.add_argument("--show", type=int, default=3, help="problems printed per command (3)")
    parser.add_argument("--articles", type=int, default=600,
                        help="plain .txt articles per corpus (600: import stores 200 per transaction, so "
                             "a kill can fall between batches; the test suite uses 200)")
    parser.add_argument("--annotated", type=int, default=150, help="annotated JSONL records per corpus (150)")
    args = parser.parse_args()
    names = [n.strip() for n in args.only.split(",")] if args.only else list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        parser.error(f"unknown command {unknown[0]!r}: choose among {', '.join(SCENARIOS)}")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="soak-faults-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"soak_faults: {args.rounds} rounds per command, seed {seed}, {args.articles} articles and "
          f"{args.annotated} annotated records per corpus, in {root}", flush=True)
    started = time.monotonic()
    bench = Bench(root / "bench", txt=args.articles, jsonl=args.annotated)
    print(f"bench built in {time.monotonic() - started:.1f} s; uninterrupted runs (start-up / whole):")
    for name, timing in bench.timing.items():
        print(f"  {name:<13} {timing.startup:5.2f} s / {timing.full:5.2f} s")
    failed = 0
    rows: list[tuple[str, list[float]]] = []
    try:
        for name in names:
            figures = dict.fromkeys(COLUMNS, 0.0)
            shown: list[str] = []
            t0 = time.monotonic()
            for n in range(args.rounds):
                # one round in three just after the command's first write, the others at a random moment
                rnd: Round = SCENARIOS[name](bench, root / "rounds", seed + n, "write" if n % 3 == 0 else None)
                shutil.rmtree(root / "rounds", ignore_errors=True)
                figures["rounds"] += 1
                figures["killed"] += rnd.killed
                figures["mid-work"] += rnd.killed and rnd.done is not None and 0 < rnd.done < 1
                figures["integrity"] += rnd.integrity_failures
                figures["lost acks"] += rnd.lost_acks
                figures["duplicates"] += rnd.duplicates
                figures["rerun failed"] += rnd.rerun_failed
                counted = rnd.integrity_failures + rnd.duplicates + rnd.rerun_failed + (1 if rnd.lost_acks else 0)
                figures["other"] += max(0, len(rnd.problems) - counted)
                if rnd.problems:
                    failed += 1
                    if len(shown) < args.show:
                        shown.append(rnd.message())
            figures["seconds"] = time.monotonic() - t0
            rows.append((name, list(figures.values())))
            print(f"{name}: {int(figures['rounds'])} rounds, {int(figures['killed'])} killed, "
                  f"{figures['seconds']:.1f} s", flush=True)
            for message in shown:
                print("  PROBLEM " + message.replace("\n", "\n  "))
    finally:
        bench.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print()
    print(f"{'command':<13}" + "".join(f"{c:>13}" for c in COLUMNS))
    for name, values in rows:
        print(f"{name:<13}" + "".join(f"{v:>13.1f}" if c == "seconds" else f"{int(v):>13}"
                                      for c, v in zip(COLUMNS, values)))
    total = time.monotonic() - started
    print(f"\n{failed} rounds with a problem; {total:.0f} s in all (seed {seed})")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
