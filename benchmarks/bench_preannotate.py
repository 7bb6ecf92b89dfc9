"""Speed of entity pre-annotation on one core with the default pipeline (the bundled model).

Runs ``suggest_annotations`` — tokenizer, gazetteer features, tok2vec, ner, DATE rules and the
value of each date, then the quotation finder and the event suggester — over the seed articles, repeated until about ``--words`` words, and prints the
pipeline load time, words/s (wall clock and per CPU second), documents/s and entities per label.
Numeric libraries are held to one thread, so the figure is that of one core. Target: 10,000 words/s.

    .venv/bin/python benchmarks/bench_preannotate.py [--words 100000] [--model NAME_OR_PATH]
"""


from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000, help="about how many words to process")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=None, help="pipeline name or folder (default: the bundled model)")
    parser.add_argument("--syntax", choices=("none", "speakers", "all"), default=None,
                        help="what is read off the UD parse (default: pre-annotation's, see suggest_annotations)")
    parser.add_argument("--no-syntax", action="store_true", help="the same as --syntax none: the rules alone")
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

    from annotator.nlp.pipeline import DEFAULT_MODEL

    nlp = load_pipeline(args.model or DEFAULT_MODEL)
    nlp("Riscaldamento a Roma.")  # lazy parts, as a first batch would
    load_s = time.perf_counter() - started

    from annotator.nlp.events import EventSuggester
    from annotator.nlp.preannotate import suggest_annotations
    from annotator.nlp.quotes import QuoteFinder

    labels: Counter[str] = Counter()
    quotes = events = 0
    batches = 0
    finder, suggester = QuoteFinder(), EventSuggester()
    from annotator.nlp.preannotate import SYNTAX_DEFAULT

    syntax = "none" if args.no_syntax else (args.syntax or SYNTAX_DEFAULT)
    if syntax != "none":
        from annotator.nlp.syntax_roles import parser_available

        parser_available()  # load the UD parser before the clock starts, like the pipeline
    started, cpu_started = time.perf_counter(), time.process_time()
    for batch in suggest_annotations(nlp, texts, batch_size=args.batch_size, quotes=finder, events=suggester,
                                     syntax=syntax):
        batches += 1
        for found in batch:
            labels.update(s.label for s in found.entities)
            quotes += len(found.quotes)
            events += len(found.events)
    run_s = time.perf_counter() - started
    cpu_s = time.process_time() - cpu_started

    total = sum(labels.values())
    print(f"pipeline        {pipeline_origin(nlp)} (loaded in {load_s:.2f} s, spaCy import included)"
          + f"; read off the UD parse: {syntax}")
    print(f"input           {len(texts)} documents, {words:,} words ({len(seeds)} seeds x {repeats})")
    print(f"time            {run_s:.2f} s in {batches} batches of {args.batch_size}")
    print(f"speed           {words / run_s:,.0f} words/s ({words / cpu_s:,.0f} per CPU second), "
          f"{len(texts) / run_s:,.0f} documents/s   target >= 10,000 words/s on one core")
    print(f"entities        {total:,} ({total / repeats:,.0f} per pass over the seeds)")
    print("by label        " + ", ".join(f"{label} {n:,}" for label, n in sorted(labels.items())))
    print(f"quotations      {quotes:,} ({quotes / repeats:,.0f} per pass over the seeds)")
    print(f"events          {events:,} ({events / repeats:,.0f} per pass over the seeds)")


if __name__ == "__main__":
    main()
