"""Speakers, actors and recipients by rules or read off a dependency parse, on the real-news gold.

Issue 15, deliverable 5: the quotation finder and the event suggester find a reporting verb's
speaker and an event verb's actor and recipient by string rules around the verb; with a parse
(annotator/nlp/syntax_roles.py: the bundled UD parser, run only on the sentences that hold a cue or
a trigger) they can read them off the verb's subject, object and agent instead. This script scores
each way on the dev and the test split of the real-news passages (built by bench_realnews.py):

- ``rules``: no parse (what the finders did before);
- ``first``: the parse where it names the argument, else the rules;
- ``only``: the parse alone;
- ``fallback``: the rules, else the parse;
- ``Q:E``: mode Q for quotation speakers, E for event arguments;
- ``app``: what pre-annotation does by default (``syntax="speakers"``: quotation speakers the rules
  miss, the sentences parsed beforehand in one batch: annotator.nlp.preannotate.prepare_parses);
- ``app-all``: pre-annotation with ``syntax="all"`` (event actors and recipients too).

All but ``app`` parse lazily, a sentence when first asked about (slower; same windows otherwise).
For each it prints quotations P/R/F1, speaker and resolved-speaker accuracy, event argument P/R/F1
(same role, overlapping words, on the events found), event type F1, and the finders' time (parsing
included) beside the pipeline's.

    .venv/bin/python benchmarks/bench_syntax_roles.py [--split dev|test] [--modes rules,first,...]
"""

from __future__ import annotations

import gold_bench  # noqa: F401 - one thread for the numeric libraries

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "benchmarks" / "realnews")]

from annotate import DATA, all_passages, build, gold_documents  # noqa: E402

MODES = ("rules", "first", "only", "fallback", "fallback:only", "app", "app-all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), help="only this split")
    parser.add_argument("--modes", default=",".join(MODES),
                        help="comma-separated, each a mode for both or QUOTES:EVENTS (default: %(default)s)")
    parser.add_argument("--descriptions", default="all", choices=("none", "actor", "all"),
                        help="which parsed event arguments may be an unnamed description")
    parser.add_argument("--errors", choices=("quotes", "events"), help="list the errors of the last mode")
    args = parser.parse_args()

    from annotator.nlp.events import EventSuggester
    from annotator.nlp.pipeline import DEFAULT_MODEL, load_pipeline
    from annotator.nlp.quotes import QuoteFinder
    from annotator.nlp.syntax_roles import SentenceParses, parser_available
    from annotator.services.evaluation import evaluate_events, evaluate_quotes

    if not parser_available():
        raise SystemExit("The UD parser (resources/models/it_ud_parser) is missing: make parser")
    known = all_passages()
    if (DATA / "primary.json").exists():
        build("primary", known, quiet=True)
    nlp = load_pipeline(DEFAULT_MODEL)
    nlp("Riscaldamento a Roma.")
    SentenceParses("Ha detto.").roles(0)  # load the parser before the clock starts
    modes = [m for m in args.modes.split(",") if m]
    print(f"{'split':<5} {'mode':<13} {'quotes':>6} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>7} {'resolved':>8} | "
          f"{'args':>4} {'P':>6} {'R':>6} {'F1':>6} | {'event F1':>8} | {'finders':>7} {'parsed':>6}")
    for split in ("dev", "test"):
        if args.split and split != args.split:
            continue
        documents = gold_documents(split)
        for mode in modes:
            made: list = []  # the lazy parses of the events run, to count what they parsed

            def lazy(text: str, _mode: str = mode):
                if _mode == "rules":
                    return None
                parses = SentenceParses(text)
                made.append(parses)
                return parses

            syntax = {"app": "auto", "app-all": "all"}.get(mode, lazy)
            keep = args.errors if mode == modes[-1] else None
            quote_mode, _, event_mode = ("first" if mode == "rules" else mode).partition(":")
            event_mode = event_mode or quote_mode
            app = mode.startswith("app")
            finder = QuoteFinder() if app else QuoteFinder(syntax_mode=quote_mode)
            suggester = EventSuggester() if app else \
                EventSuggester(syntax_mode=event_mode, descriptions=args.descriptions)
            q = evaluate_quotes(nlp, documents, finder, syntax=syntax, keep_errors=keep == "quotes")
            made.clear()
            e = evaluate_events(nlp, documents, suggester, finder=finder, syntax=syntax, keep_errors=keep == "events")
            parsed_chars = sum(p.parsed_chars for p in made)
            chars = sum(len(d.text) for d in documents)
            qr, er = q.report, e.report
            added = e.suggester_seconds / e.pipeline_seconds  # the finder, the suggester and their parses
            print(f"{split:<5} {mode:<13} {qr.overall.gold:>6} {qr.overall.precision:>6.3f} {qr.overall.recall:>6.3f} "
                  f"{qr.overall.f1:>6.3f} {qr.speaker.value:>7.3f} {qr.resolved.value:>8.3f} | {er.args.gold:>4} "
                  f"{er.args.precision:>6.3f} {er.args.recall:>6.3f} {er.args.f1:>6.3f} | {er.overall.f1:>8.3f} | "
                  f"{added:>+7.1%} " + (f"{parsed_chars / chars:>6.1%}" if made else f"{'-':>6}"))
            if keep:
                gold_bench.print_errors((q if keep == "quotes" else e).report.errors)
    print("finders: time of the quotation finder + event suggester (their parses included) beside the "
          "pipeline's; parsed: share of the text's characters parsed (lazy modes)")


if __name__ == "__main__":
    main()
