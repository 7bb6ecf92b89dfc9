"""Quality, speed and size of the bundled NER model on KIND's development split.

Reads ../shared/data/kind/WN_dev.tsv (not part of the repository: the KIND data is read from the
shared folder, never committed) and prints exact-span precision, recall and F1 per label and
micro-averaged, words per second on one core, and the model folder's size on disk.
Targets: micro-F1 >= 0.82 over PER/ORG/LOC, >= 10,000 words/s, <= 50 MB.

    .venv/bin/python benchmarks/bench_ner.py [--model NAME_OR_PATH] [--data FILE]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
KIND_DEV = REPO.parent / "shared" / "data" / "kind" / "WN_dev.tsv"


def folder_megabytes(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="pipeline (default: the bundled model)")
    parser.add_argument("--data", type=Path, default=KIND_DEV, help="evaluation file (KIND TSV, CoNLL, JSONL)")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"bench_ner: {args.data} not found: this benchmark needs the shared KIND data", file=sys.stderr)
        return 0  # a machine without ../shared has nothing to measure; not a failure
    from annotator.nlp.corpora import read_corpus
    from annotator.nlp.evaluation import evaluate_pipeline
    from annotator.nlp.pipeline import DEFAULT_MODEL, bundled_model_path, load_pipeline, pipeline_origin

    name = args.model or DEFAULT_MODEL
    nlp = load_pipeline(name)
    nlp("Riscaldamento a Roma.")
    items = list(read_corpus(args.data))
    report = evaluate_pipeline(nlp, items, labels=["PER", "ORG", "LOC"])
    print(f"model           {pipeline_origin(nlp)}")
    print(f"data            {args.data} ({report.texts} texts, {report.words:,} words)")
    for label, score in sorted(report.labels.items()):
        print(f"{label:<15} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}  ({score.support:,} gold)")
    micro = report.micro
    print(f"micro           P {micro.precision:.3f}  R {micro.recall:.3f}  F1 {micro.f1:.3f}   target >= 0.82")
    print(f"speed           {report.words_per_second:,.0f} words/s ({report.words_per_cpu_second:,.0f} per CPU second)"
          "   target >= 10,000")
    folder = bundled_model_path(name) or Path(name)
    if folder.is_dir():
        print(f"size            {folder_megabytes(folder):.1f} MB on disk   target <= 50 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
