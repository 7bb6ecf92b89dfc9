"""UI-thread CPU time to open a long article with many spans and to apply one label, with real widgets.

Builds a project with one ~20,000-character Italian article carrying 500 spans (250 accepted, 250
suggestions), opens it in the real MainWindow (offscreen) and times, on the UI thread, including the
repaint: opening the article (a full repaint of the view), and labelling a selection (the repaint Qt
schedules for the changed paragraph and for the span list, scrolled to the same place). Prints median and worst of N runs, as CPU
time of the UI thread (``time.thread_time``: what the user waits for, not what other processes on a
shared machine take) and as wall-clock time.

    .venv/bin/python benchmarks/bench_ui.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.domain.labels import LabelSchema  # noqa: E402
from annotator.domain.model import ACCEPTED, SUGGESTED, SUGGESTIONS, Span  # noqa: E402
from annotator.store import NewDocument, open_project  # noqa: E402

NAMES = ["Mario Rossi", "Anna Verdi", "Vladimir Putin", "Joe Biden", "Sergej Lavrov", "Giorgia Meloni"]
PLACES = ["Roma", "Mosca", "Kiev", "Ginevra", "Bruxelles", "Washington"]
SENTENCE = "Secondo {a}, l'incontro di {p} con {b} è stato utile per la sicurezza europea e per il dialogo. "


def article(rng: random.Random, size: int = 20_000) -> str:
    paragraphs, length = [], 0
    while length < size:
        para = "".join(SENTENCE.format(a=rng.choice(NAMES), b=rng.choice(NAMES), p=rng.choice(PLACES)) for _ in range(4))
        paragraphs.append(para.strip())
        length += len(para) + 2
    return "\n\n".join(paragraphs)[:size]


def build(path: Path, rng: random.Random) -> tuple[int, str]:
    project = open_project(path)
    text = article(rng)
    (doc_id, _), (other, _) = project.add_documents([NewDocument(text, {"title": "Lungo"}), NewDocument("Breve testo.", {"title": "Breve"})])
    found: list[tuple[int, int, str]] = []
    for name in NAMES + PLACES:
        start = text.find(name)
        while start != -1:
            found.append((start, start + len(name), "PER" if name in NAMES else "LOC"))
            start = text.find(name, start + 1)
    found.sort()
    found = found[:500]
    accepted = [Span(doc_id, s, e, l, "bench", "manual", ACCEPTED, "bench") for s, e, l in found[::2]]
    suggested = [Span(doc_id, s, e, l, SUGGESTIONS, "bench@1", SUGGESTED, "bench@1") for s, e, l in found[1::2]]
    with project.db.atomic():
        for span in accepted:
            project.insert(span)
    project.replace_suggestions([(doc_id, suggested)], origin="bench@1", action="bench")
    project.close()
    return doc_id, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from annotator.ui.main_window import MainWindow

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        doc_id, text = build(Path(tmp) / "bench.db", rng)
        project = open_project(Path(tmp) / "bench.db")
        labels = LabelSchema.load(Path(__file__).resolve().parents[1] / "resources" / "labels.json")
        window = MainWindow(project, "bench", labels)
        window.resize(1500, 900)
        window.show()
        app.processEvents()
        spans = len(project.visible_spans(doc_id, "bench"))
        open_times, label_times, open_wall, label_wall = [], [], [], []
        for run in range(args.runs):
            window.controller.open(2)
            app.processEvents()
            t0, w0 = time.thread_time(), time.perf_counter()
            window.controller.open(doc_id)
            window.view.viewport().repaint()
            app.processEvents()
            open_times.append((time.thread_time() - t0) * 1000)
            open_wall.append((time.perf_counter() - w0) * 1000)

            # select an unlabelled word in the middle of the text and press "label as MISC"
            start = text.index("sicurezza", 9000 + run * 200)
            cursor = window.view.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(start + len("sicurezza"), QTextCursor.MoveMode.KeepAnchor)
            window.view.setTextCursor(cursor)
            window.view.ensureCursorVisible()
            # the span list shows the same part of the article (as it does once it has followed the
            # user), so the new row lands in view and the list repaints inside the measured time
            window.side.spans.select_span(next(s for s in window.controller.spans if s.start >= start))
            app.processEvents()
            t0, w0 = time.thread_time(), time.perf_counter()
            window.apply_label("MISC")
            app.processEvents()  # the repaint Qt schedules for what changed
            app.processEvents()
            label_times.append((time.thread_time() - t0) * 1000)
            label_wall.append((time.perf_counter() - w0) * 1000)
        print(f"article: {len(text):,} characters, {spans} spans shown ({len(text.split()):,} words)")
        for name, cpu, wall in (("open article", open_times, open_wall), ("apply a label", label_times, label_wall)):
            print(f"{name + ':':15s} UI-thread CPU median {statistics.median(cpu):.1f} ms, worst {max(cpu):.1f} ms"
                  f" | wall median {statistics.median(wall):.1f} ms  (target < 16 ms)")
        project.close()


if __name__ == "__main__":
    main()
