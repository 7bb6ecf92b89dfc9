"""Benchmark: the document list over a project of 100,000 short articles.

Builds (or reuses) a project in ``benchmarks/out/``, then in a fresh process times constructing the
:class:`DocumentListPanel`, showing it until its table has painted (offscreen), scrolling to the end,
a few searches and a status filter, and prints those times with the process's memory.

    python benchmarks/bench_doclist.py                 # 100,000 documents
    python benchmarks/bench_doclist.py --docs 20000 --rebuild
    python benchmarks/bench_doclist.py --method executemany --rebuild

Target: the list appears in under 1 s with the process under 400 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ANNOTATOR = "bench"
BATCH = 5_000
WORDS = (
    "governo ministro presidente parlamento regione comune sindaco elezioni partito voto legge decreto "
    "manovra bilancio tasse lavoro sciopero sindacati scuola università ospedale sanità medici vaccino "
    "Roma Milano Napoli Torino Palermo Bologna Firenze Venezia Genova Bari Europa Bruxelles Berlino Parigi "
    "calcio campionato squadra allenatore partita gol derby stadio tifosi mercato Juventus Inter Milan "
    "polizia carabinieri indagine procura tribunale sentenza processo arresto inchiesta "
    "economia borsa banca inflazione prezzi energia gas petrolio imprese export crescita "
    "meteo pioggia neve caldo temporale allerta incendio terremoto alluvione "
    "cultura cinema festival musica teatro mostra libro premio concerto "
    "il la lo i gli le un una di da in con su per tra fra e o ma che non più anche come dopo prima oggi "
    "ieri domani secondo ha hanno è sono stato detto annunciato spiegato confermato chiesto"
).split()
SOURCES = ("ANSA", "Corriere della Sera", "la Repubblica", "La Stampa", "Il Sole 24 Ore", "Il Post", "Avvenire")
STATUSES = ("in progress", "done", "in review", "adjudicated")


def _mb(kib: float) -> str:
    return f"{kib / 1024:.0f} MB"


def vm_rss_kib() -> int:
    """Resident memory now, in KiB (Linux); falls back to the peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# --- building the project ----------------------------------------------------------------------------


def _articles(n: int, seed: int = 7):
    from annotator.store.project import NewDocument

    rng = random.Random(seed)
    for i in range(n):
        title = " ".join(rng.choices(WORDS, k=rng.randint(4, 9))).capitalize()
        body = " ".join(rng.choices(WORDS, k=rng.randint(30, 70))) + f". Articolo numero {i}."
        meta = {
            "title": title,
            "published": f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "source": rng.choice(SOURCES),
            "url": f"https://example.org/news/{i}",
        }
        yield NewDocument(body, meta)


def build(path: Path, n: int, method: str) -> None:
    """Write ``n`` articles to a new project at ``path``, plus some statuses and spans."""
    from annotator.domain.model import SUGGESTIONS
    from annotator.store.project import Project, content_hash

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    project = Project(path)
    articles = _articles(n)
    if method == "add_documents":
        while True:
            batch = [doc for _, doc in zip(range(BATCH), articles)]
            if not batch:
                break
            project.add_documents(batch)
    else:  # one executemany in one transaction (skips add_documents' per-document checks)
        rows = []
        for i, doc in enumerate(articles):
            digest = content_hash(doc.text)
            m = doc.meta
            rows.append((f"{digest[:16]}", digest, m["title"], m["published"], m["source"], doc.text,
                         json.dumps(m, ensure_ascii=False)))
        with project.db.atomic():
            project.conn.executemany(
                "INSERT INTO documents(uid, content_hash, title, published, source, text, meta)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
    docs_s = time.perf_counter() - started

    rng = random.Random(11)
    ids = [r[0] for r in project.conn.execute("SELECT id FROM documents ORDER BY id")]
    with project.db.atomic():
        project.conn.execute("INSERT OR IGNORE INTO annotators(name) VALUES (?)", (ANNOTATOR,))
        project.conn.executemany(
            "INSERT INTO doc_status(doc_id, annotator, status) VALUES (?, ?, ?)",
            [(d, ANNOTATOR, rng.choice(STATUSES)) for d in rng.sample(ids, len(ids) // 5)],
        )
        spans = []
        for d in rng.sample(ids, len(ids) // 10):
            for k in range(rng.randint(1, 6)):
                spans.append((d, k * 10, k * 10 + 5, "PER", ANNOTATOR, "manual", "accepted", ANNOTATOR))
            for k in range(rng.randint(0, 4)):
                spans.append((d, k * 10 + 6, k * 10 + 9, "LOC", SUGGESTIONS, "it_core_news_lg", "suggested",
                              "it_core_news_lg"))
        project.conn.executemany(
            'INSERT INTO spans(doc_id, start, "end", label, layer, origin, status, annotator)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            spans,
        )
    project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    total = time.perf_counter() - started
    size = path.stat().st_size / 1e6
    print(f"build ({method}): {n:,} documents in {docs_s:.2f} s ({n / docs_s:,.0f} docs/s); "
          f"with statuses and {len(spans):,} spans {total:.2f} s; file {size:.0f} MB")


# --- the measurement, in a fresh process --------------------------------------------------------------


def measure(path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    from PySide6 import QtCore, QtWidgets

    from annotator.store.project import Project
    from annotator.ui.doclist import DocumentListPanel

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    import_s = time.perf_counter() - t0
    rss_base = vm_rss_kib()

    class PaintWatch(QtCore.QObject):
        """Counts paint events of a widget."""

        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
            if event.type() == QtCore.QEvent.Type.Paint:
                self.count += 1
            return False

    def wait_painted(watch: PaintWatch, before: int, timeout: float = 10.0) -> None:
        deadline = time.perf_counter() + timeout
        while watch.count <= before:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if time.perf_counter() > deadline:
                raise RuntimeError("the table was never painted")
        app.processEvents()

    project = Project(path)
    watch = PaintWatch()
    t = time.perf_counter()
    panel = DocumentListPanel(project, ANNOTATOR)
    construct_s = time.perf_counter() - t
    panel.view.viewport().installEventFilter(watch)
    panel.resize(1000, 700)
    panel.show()
    wait_painted(watch, 0)
    shown_s = time.perf_counter() - t
    rows = panel.model.rowCount()
    fetched_first = panel.model.cached_row_count()
    rss_shown = vm_rss_kib()

    def timed(label: str, action) -> None:
        before = watch.count
        t = time.perf_counter()
        action()
        wait_painted(watch, before)
        elapsed = time.perf_counter() - t
        print(f"  {label:<38} {elapsed * 1000:8.1f} ms   {panel.count_label.text()}")

    print(f"documents: {rows:,}  (python {sys.version.split()[0]}, Qt {QtCore.qVersion()}, "
          f"platform {app.platformName()})")
    print(f"  import PySide6 + QApplication          {import_s * 1000:8.1f} ms")
    print(f"  construct panel (ids query)            {construct_s * 1000:8.1f} ms")
    print(f"  construct + show + first paint         {shown_s * 1000:8.1f} ms   "
          f"{fetched_first} rows fetched")
    timed("scroll to the end", panel.view.scrollToBottom)
    timed("scroll to the middle", lambda: panel.view.scrollTo(panel.model.index(rows // 2, 0)))
    for query in ("governo", "calcio derby", "articolo numero 99999", "Bruxel"):
        def search(q: str = query) -> None:
            panel.search.setText(q)
            panel.apply_filters()
        timed(f"search {query!r}", search)
    def done_filter() -> None:
        panel.search.setText("")
        panel.status_filter.setCurrentIndex(panel.status_filter.findData("done"))
    timed("clear search, status 'done'", done_filter)
    timed("all statuses again", lambda: panel.status_filter.setCurrentIndex(0))
    ids = list(panel.model.doc_ids()[:50])
    timed("refresh_documents(50 ids)", lambda: panel.refresh_documents(ids))
    timed("reload()", panel.reload)
    print(f"  rows cached now: {panel.model.cached_row_count():,}")
    print(f"memory: VmRSS after QApplication {_mb(rss_base)}, after first paint {_mb(rss_shown)}, "
          f"now {_mb(vm_rss_kib())}; peak (ru_maxrss) {_mb(peak_rss_kib())}")
    ok = shown_s < 1.0 and peak_rss_kib() < 400 * 1024
    print(f"target (< 1 s to appear, < 400 MB): {'met' if ok else 'MISSED'}")
    panel.close()
    project.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000, help="number of documents (default 100000)")
    parser.add_argument("--db", type=Path, default=None, help="project file (default benchmarks/out/doclist-N.db)")
    parser.add_argument("--method", choices=("add_documents", "executemany"), default="add_documents",
                        help="how to insert the documents when building")
    parser.add_argument("--rebuild", action="store_true", help="build the project even when it exists")
    parser.add_argument("--analyze", action="store_true",
                        help="also measure a copy of the project after ANALYZE (query planner statistics)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    path = args.db or ROOT / "benchmarks" / "out" / f"doclist-{args.docs}.db"
    if args.child:
        measure(path)
        return 0
    if args.rebuild or not path.exists():
        build(path, args.docs, args.method)
    else:
        print(f"reusing {path} (--rebuild to build it again)")
    # a fresh process, so the build's memory does not count
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    print("\n== the project as the store writes it")
    rc = subprocess.call([sys.executable, __file__, "--child", "--db", str(path)], env=env)
    if args.analyze:
        analyzed = path.with_name(path.stem + "-analyzed.db")
        shutil.copyfile(path, analyzed)
        conn = sqlite3.connect(analyzed)
        started = time.perf_counter()
        conn.execute("ANALYZE")
        conn.commit()
        conn.close()
        print(f"\n== a copy after ANALYZE ({(time.perf_counter() - started) * 1000:.0f} ms)")
        rc = subprocess.call([sys.executable, __file__, "--child", "--db", str(analyzed)], env=env) or rc
    return rc


if __name__ == "__main__":
    sys.exit(main())
