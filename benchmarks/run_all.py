"""Runs every benchmark in turn and prints their figures (`make bench`).

Each script is a separate process so one's imports and caches do not flatter another's figures.
Full sizes take several minutes on a 2-core machine; pass --quick for smaller runs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = [
    ["bench_scale.py"],
    ["bench_preannotate.py"],
    ["bench_ner.py"],
    ["bench_quotes.py"],
    ["bench_events.py"],
    ["bench_curation.py"],
    ["bench_ui.py"],
    ["bench_doclist.py"],
    ["bench_safety.py"],
    ["bench_team.py"],
    ["bench_workers.py", "--bundled"],
    ["bench_realnews.py"],
    ["bench_learning.py"],
]
QUICK = [
    ["bench_scale.py", "--articles", "2000"],
    ["bench_preannotate.py", "--words", "20000"],
    ["bench_ner.py"],
    ["bench_quotes.py"],
    ["bench_events.py"],
    ["bench_curation.py", "--runs", "3"],
    ["bench_ui.py", "--runs", "5"],
    ["bench_doclist.py", "--docs", "10000"],
    ["bench_safety.py", "--articles", "2000"],
    ["bench_team.py", "--articles", "500", "--open-articles", "5000"],
    ["bench_workers.py", "--words", "30000"],
    ["bench_realnews.py", "--split", "dev"],
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (figures not comparable to the targets)")
    args = parser.parse_args()
    failed = 0
    for script, *extra in QUICK if args.quick else FULL:
        print(f"\n=== {script} {' '.join(extra)}", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / script), *extra]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
