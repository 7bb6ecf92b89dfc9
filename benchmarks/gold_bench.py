"""What bench_quotes.py and bench_events.py share: their options, the gold they read, the pipeline.

Numeric libraries are held to one thread before anything imports them, so the times are those of
one core.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def gold_and_pipeline(description: str, default: Path, what: str) -> tuple[argparse.Namespace, list[Any], Any]:
    """Parse the options, read the gold files and load the pipeline (default: the bundled model)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("files", nargs="*", type=Path, default=[default])
    parser.add_argument("--model", default=None, help="pipeline for the entities (default: the bundled model)")
    parser.add_argument("--errors", action="store_true", help=f"list every miss and false alarm of the {what}")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args()

    from annotator.nlp.pipeline import DEFAULT_MODEL, load_pipeline
    from annotator.services.evaluation import read_quote_gold

    documents, errors = read_quote_gold(args.files)
    if errors:
        raise SystemExit("\n".join(errors))
    nlp = load_pipeline(args.model or DEFAULT_MODEL)
    nlp("Riscaldamento a Roma.")
    return args, documents, nlp


def file_names(files: list[Path]) -> str:
    return ", ".join(str(p.resolve().relative_to(REPO)) if p.resolve().is_relative_to(REPO) else str(p)
                     for p in files)


def print_errors(errors: list[dict[str, object]]) -> None:
    """``--errors``: what was missed or wrong, one JSON object a line, then a blank line."""
    for error in errors:
        print(json.dumps(error, ensure_ascii=False))
    print()
