"""Quotation finder quality and cost on gold-annotated Italian news.

Reads gold quotations written inline (``benchmarks/data/quotes/dev.txt``, the development set; see
``annotator/formats/quote_markup.py``), finds entities with the pipeline and quotations with the
finder, and prints quotation precision, recall and F1 (a found quotation covers at least half of a
gold one's characters, and the other way round for precision), speaker, cue and kind accuracy on
the quotations found, all per kind; then the finder's time beside the pipeline's on the same texts
(target: quotations add at most 30% to pre-annotation time). Targets: F1 >= 0.90, speaker
accuracy >= 0.85.

    .venv/bin/python benchmarks/bench_quotes.py [FILE ...] [--model NAME_OR_PATH] [--errors] [--json]
"""

from __future__ import annotations

import json

from gold_bench import REPO, file_names, gold_and_pipeline, print_errors

DEV = REPO / "benchmarks" / "data" / "quotes" / "dev.txt"


def main() -> None:
    args, documents, nlp = gold_and_pipeline(__doc__.splitlines()[0], DEV, "quotations")
    from annotator.services.evaluation import evaluate_quotes

    result = evaluate_quotes(nlp, documents, keep_errors=args.errors)
    report, words = result.report, result.words
    pipeline_s, finder_s = result.pipeline_seconds, result.finder_seconds
    if args.json:
        print(json.dumps({**report.as_dict(), "pipeline_s": pipeline_s, "finder_s": finder_s,
                          "added_time": result.added_time}, indent=2))
        return
    if args.errors:
        print_errors(report.errors)
    names = file_names(args.files)
    print(f"gold            {names}: {report.documents} documents, {words:,} words, {report.overall.gold} quotations")
    print(f"{'kind':<10} {'gold':>5} {'found':>6} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8}")
    for kind, score in sorted(report.kinds.items()):
        speaker = report.speaker_by_kind.get(kind)
        print(f"{kind:<10} {score.gold:>5} {score.predicted:>6} {score.precision:>6.3f} {score.recall:>6.3f} "
              f"{score.f1:>6.3f} {speaker.value if speaker else 0:>8.3f}")
    o = report.overall
    print(f"{'all':<10} {o.gold:>5} {o.predicted:>6} {o.precision:>6.3f} {o.recall:>6.3f} {o.f1:>6.3f} "
          f"{report.speaker.value:>8.3f}   target F1 >= 0.90, speaker >= 0.85")
    print(f"speaker accuracy {report.speaker.value:.3f} on {report.speaker.total} quotations found; "
          f"cue accuracy {report.cue.value:.3f} on {report.cue.total}; kind accuracy {report.kind.value:.3f}")
    print(f"time            pipeline {pipeline_s:.2f} s, finder {finder_s:.3f} s: quotations add "
          f"{finder_s / pipeline_s:.1%} to pre-annotation (target <= 30%)")


if __name__ == "__main__":
    main()
