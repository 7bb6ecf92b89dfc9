"""Rules that learn: suggestion quality on the rest of the real-news dev set as annotated passages teach it.

Issue 15's learning curve. The dev passages of benchmarks/data/realnews (see bench_realnews.py) are
taken in order; the last ones are held out. After 0, 10, 20 and 40 passages "annotated" (their gold
events and quotations shown to the project's lexicon overlay exactly as the app does when an
annotator codes them: :func:`annotator.nlp.lexicon_overlay.learn_trigger` / ``learn_cue``), the
quotation finder and the event suggester run with the overlay on the held-out passages, and the
script prints quotation F1 and event type F1 there, with how many entries were learned.

    .venv/bin/python benchmarks/bench_learning.py [--model M] [--steps 0 10 20 40]
"""

from __future__ import annotations

import gold_bench  # noqa: F401 - one thread for the numeric libraries

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "benchmarks" / "realnews")]

from annotate import BUILD, DATA, all_passages, build  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--steps", type=int, nargs="+", default=[0, 10, 20, 40])
    parser.add_argument("--min-seen", type=int, default=1, help="learn a trigger once coded this many times")
    args = parser.parse_args()

    from annotator.nlp.events import EventSuggester, load_event_lexicon
    from annotator.nlp.lexicon_overlay import LexiconOverlay, learn_cue, learn_trigger
    from annotator.nlp.pipeline import DEFAULT_MODEL, load_pipeline
    from annotator.nlp.quote_lexicon import load_lexicon
    from annotator.nlp.quotes import QuoteFinder
    from annotator.services.evaluation import evaluate_events, evaluate_quotes, read_quote_gold

    build("primary", all_passages(), quiet=True)
    documents, errors = read_quote_gold([BUILD / "primary-dev.txt"])
    if errors or not (DATA / "primary.json").exists():
        raise SystemExit("\n".join(errors) or "no annotations: see benchmarks/realnews/annotate.py")
    last = max(args.steps)
    taught, held_out = documents[:last], documents[last:]
    nlp = load_pipeline(args.model or DEFAULT_MODEL)
    base_events, base_quotes = load_event_lexicon(), load_lexicon()
    print(f"real-news dev: {len(documents)} passages; learning from the first {last}, measured on the other "
          f"{len(held_out)} ({sum(len(d.quotes) for d in held_out)} quotations, "
          f"{sum(len(d.events) for d in held_out)} events)")
    print(f"{'annotated':>9} {'learned':>8} {'quotes P':>8} {'R':>6} {'F1':>6} | {'events P':>8} {'R':>6} {'F1':>6}")
    for step in sorted(args.steps):
        overlay, seen = LexiconOverlay(), {}
        for doc in taught[:step]:
            for event in doc.events:
                before = re.findall(r"\w+", doc.text[max(0, event.trigger[0] - 30):event.trigger[0]])
                trigger = learn_trigger(overlay.event_lexicon(base_events), doc.text[slice(*event.trigger)],
                                        event.type, event.mode, "gold", word_before=before[-1] if before else "")
                if trigger is not None:
                    seen[trigger.words] = seen.get(trigger.words, 0) + 1
                    if seen[trigger.words] >= args.min_seen:
                        overlay = overlay.with_trigger(trigger)
            for quote in doc.quotes:
                if quote.cue is not None:
                    cue = learn_cue(overlay.quote_lexicon(base_quotes), doc.text[slice(*quote.cue)], "gold")
                    if cue is not None:
                        overlay = overlay.with_cue(cue)
        finder = QuoteFinder(overlay.quote_lexicon(base_quotes))
        quotes = evaluate_quotes(nlp, held_out, finder).report.overall
        events = evaluate_events(nlp, held_out, EventSuggester(overlay.event_lexicon(base_events)),
                                 finder=finder).report.overall
        learned = len(overlay.triggers) + len(overlay.cues)
        print(f"{step:>9} {learned:>8} {quotes.precision:>8.3f} {quotes.recall:>6.3f} {quotes.f1:>6.3f} | "
              f"{events.precision:>8.3f} {events.recall:>6.3f} {events.f1:>6.3f}")


if __name__ == "__main__":
    main()
