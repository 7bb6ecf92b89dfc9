"""Speed of entity pre-annotation with the built-in gazetteer pipeline.

Runs ``suggest_entities`` over the seed articles, repeated until about ``--words`` words, and prints
the pipeline load time, words/s, documents/s and the entities found per label.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_preannotate.py [--words 100000] [--batch-size 32]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000, help="about how many words to process")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default="gazetteer", help="pipeline name or folder")
    args = parser.parse_args()

    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"No seed articles in {REPO / 'seeds'}")
    seed_words = sum(len(text.split()) for text in seeds)
    repeats = max(1, round(args.words / seed_words))
    texts = [(i, text) for i, text in enumerate(seeds * repeats)]
    words = seed_words * repeats

    started = time.perf_counter()
    from annotator.nlp.pipeline import load_pipeline, pipeline_origin

    nlp = load_pipeline(args.model)
    load_s = time.perf_counter() - started

    from annotator.nlp.preannotate import suggest_entities

    labels: Counter[str] = Counter()
    batches = 0
    started = time.perf_counter()
    for batch in suggest_entities(nlp, texts, batch_size=args.batch_size):
        batches += 1
        for _, found in batch:
            labels.update(s.label for s in found)
    run_s = time.perf_counter() - started

    total = sum(labels.values())
    print(f"pipeline        {pipeline_origin(nlp)} (loaded in {load_s:.2f} s, spaCy import included)")
    print(f"input           {len(texts)} documents, {words:,} words ({len(seeds)} seeds x {repeats})")
    print(f"time            {run_s:.2f} s in {batches} batches of {args.batch_size}")
    print(f"speed           {words / run_s:,.0f} words/s, {len(texts) / run_s:,.0f} documents/s")
    print(f"entities        {total:,} ({total / repeats:,.0f} per pass over the seeds)")
    print("by label        " + ", ".join(f"{label} {n:,}" for label, n in sorted(labels.items())))


if __name__ == "__main__":
    main()
