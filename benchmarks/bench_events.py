"""Event suggester quality and cost on gold-annotated Italian news (PLOVER).

Reads gold events written inline (``benchmarks/data/events/dev.txt``, the development set; see
``annotator/formats/quote_markup.py``), runs the pipeline (entities, dates), the quotation finder and
the event suggester, and prints event-type precision, recall and F1 (a suggestion counts when its
trigger overlaps a gold trigger of the same type), per type, the trigger F1 whatever the type, mode
accuracy and argument precision/recall on the events found, and the suggester's time beside the
pipeline's. Target: event-type F1 >= 0.70.

    .venv/bin/python benchmarks/bench_events.py [FILE ...] [--model NAME_OR_PATH] [--errors] [--json]
"""

from __future__ import annotations

import json

from gold_bench import REPO, file_names, gold_and_pipeline, print_errors

DEV = REPO / "benchmarks" / "data" / "events" / "dev.txt"


def main() -> None:
    args, documents, nlp = gold_and_pipeline(__doc__.splitlines()[0], DEV, "events")
    from annotator.services.evaluation import evaluate_events

    result = evaluate_events(nlp, documents, keep_errors=args.errors)
    report = result.report
    if args.json:
        print(json.dumps({**report.as_dict(), "pipeline_s": result.pipeline_seconds,
                          "suggester_s": result.suggester_seconds}, indent=2))
        return
    if args.errors:
        print_errors(report.errors)
    names = file_names(args.files)
    print(f"gold            {names}: {report.documents} documents, {result.words:,} words, "
          f"{report.overall.gold} events")
    print(f"{'type':<10} {'gold':>5} {'found':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for kind, score in sorted(report.types.items()):
        print(f"{kind:<10} {score.gold:>5} {score.predicted:>6} {score.precision:>6.3f} {score.recall:>6.3f} "
              f"{score.f1:>6.3f}")
    o, t = report.overall, report.triggers
    print(f"{'all':<10} {o.gold:>5} {o.predicted:>6} {o.precision:>6.3f} {o.recall:>6.3f} {o.f1:>6.3f}"
          "   target F1 >= 0.70")
    print(f"triggers whatever the type: P {t.precision:.3f} R {t.recall:.3f} F1 {t.f1:.3f}; mode accuracy "
          f"{report.mode_accuracy:.3f} on {report.modes.total}; arguments P {report.args.precision:.3f} "
          f"R {report.args.recall:.3f}")
    print(f"time            pipeline {result.pipeline_seconds:.2f} s, quotations and events "
          f"{result.suggester_seconds:.3f} s")


if __name__ == "__main__":
    main()
