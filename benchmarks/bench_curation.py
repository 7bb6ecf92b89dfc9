"""How fast the curation window opens on a long article with three annotators.

Builds a project with one 5,000-word article (seed text repeated) and three annotators with 200
entities each (600 spans; they agree on most, disagree on some), plus a few quotations and events,
then opens the curation window offscreen several times and prints the median and worst time to a
painted window. Target: under 200 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_curation.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]


def build(path: Path, words: int = 5000, per_annotator: int = 200) -> int:
    from annotator.domain.labels import LabelSchema
    from annotator.domain.model import DOC_DONE, Event, EventArg, Quote, Span
    from annotator.store import NewDocument, open_project

    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    text = ""
    while len(text.split()) < words:
        text += "\n\n".join(seeds) + "\n\n"
    text = " ".join(text.split()[:words])
    tokens = [m.span() for m in re.finditer(r"\w{4,}", text)]
    labels = LabelSchema.load(REPO / "resources" / "labels.json").names()[:4]
    rng = random.Random(7)
    chosen = sorted(rng.sample(tokens, per_annotator))
    project = open_project(path)
    [(doc_id, _)] = project.add_documents([NewDocument(text, {"title": "long"})])
    items = []
    for n, name in enumerate(("anna", "bruno", "carla")):
        for i, (start, end) in enumerate(chosen):
            label = labels[(i + (n if i % 7 == 0 else 0)) % len(labels)]  # every 7th span disagrees
            items.append(Span(doc_id, start, end, label, name, annotator=name))
        for start, end in chosen[:20:4]:
            items.append(Quote(doc_id, start, end, name, "direct", annotator=name))
            items.append(Event(doc_id, "CONSULT", name, trigger_start=start, trigger_end=end,
                               args=(EventArg("actor", start, end),), annotator=name))
    project.import_annotations(items, action="bench", annotator="bench")
    for name in ("anna", "bruno", "carla"):
        project.set_doc_status(doc_id, name, DOC_DONE)
    project.close()
    return doc_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from annotator.domain.labels import LabelSchema
    from annotator.store import open_project
    from annotator.ui.curation import CurationWindow

    app = QApplication.instance() or QApplication([])
    labels = LabelSchema.load(REPO / "resources" / "labels.json")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        doc_id = build(path)
        project = open_project(path)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            window = CurationWindow(project, doc_id, labels)
            window.show()
            app.processEvents()
            window.repaint()
            times.append((time.perf_counter() - started) * 1000)
            spans = len(window.span_candidates)
            window.close()
            window.deleteLater()
            app.processEvents()
        project.close()
    print(f"article         5,000 words, 3 annotators, 600 entity spans ({spans} distinct), 15 quotations, 15 events")
    print(f"open            median {statistics.median(times):.0f} ms, worst {max(times):.0f} ms over {args.runs} runs"
          "   target < 200 ms")


if __name__ == "__main__":
    main()
