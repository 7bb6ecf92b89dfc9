"""Pre-annotation with 1, 2 and N worker processes (``preannotate --workers N``), on a project file
(SQLite) and on a team project (PostgreSQL, a throwaway local server from tests/pg_server.py), side
by side: words/s over the whole run (worker start and pipeline loading included) and once the
workers are ready (the steady rate).

The corpus is generated for timing only: the seed articles (seeds/) repeated until about
``--words`` words, each copy with a line of its own (a project keeps one copy of identical texts).
Each run starts from a fresh project holding that corpus. The gazetteer pipeline by default (fast,
no model: the storage and the workers' plumbing weigh most); ``--bundled`` also times the bundled
model (the pipeline weighs most). N defaults to os.cpu_count().

    .venv/bin/python benchmarks/bench_workers.py [--words 100000] [--bundled] [--workers 1 2 4]
        [--backends sqlite postgresql] [--batch-size 32]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one thread per process, as each worker has

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # pg_server: the throwaway server of the tests


def corpus(words: int) -> tuple[list[str], int]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"No seed articles in {REPO / 'seeds'}")
    texts: list[str] = []
    total = 0
    while total < words:
        text = f"{seeds[len(texts) % len(seeds)]}\n\nCopia {len(texts)} per la misura della velocità."
        texts.append(text)
        total += len(text.split())
    return texts, total


def fill(project, texts: list[str], model: str | None) -> None:
    from annotator.store.project import NewDocument

    project.add_documents(NewDocument(t, {"title": f"Copia {i}"}) for i, t in enumerate(texts))
    project.set_setting("model", model)


def timed(project, labels, workers: int, batch_size: int) -> tuple[float, float, int]:
    """Seconds for the whole run, seconds once the workers were ready, documents done."""
    from annotator.services.preannotation import preannotate

    started = time.perf_counter()
    ready = None
    last = None
    for last in preannotate(project, labels=labels, batch_size=batch_size, workers=workers):
        if ready is None:
            ready = time.perf_counter()
    ended = time.perf_counter()
    assert last is not None and last.done == last.total, last
    return ended - started, ended - (ready or started), last.done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000, help="about how many words to pre-annotate")
    parser.add_argument("--workers", type=int, nargs="+", default=None,
                        help="worker counts to time (default: 1, 2 and os.cpu_count())")
    parser.add_argument("--backends", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"])
    parser.add_argument("--bundled", action="store_true", help="also time the bundled model (slower)")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    from annotator.domain.labels import LabelSchema
    from annotator.nlp.pipeline import BUNDLED_MODEL, bundled_model_path
    from annotator.store.project import Project

    counts = sorted(set(args.workers or [1, 2, os.cpu_count() or 1]))
    models = ["gazetteer"]
    if args.bundled:
        if bundled_model_path(BUNDLED_MODEL) is None:
            print(f"(no bundled model {BUNDLED_MODEL} in resources/models: timing the gazetteer only)")
        else:
            models.append(BUNDLED_MODEL)
    labels = LabelSchema.load(REPO / "resources" / "labels.json")
    texts, words = corpus(args.words)
    print(f"corpus          {len(texts):,} documents, {words:,} words (seeds repeated, generated for timing only)")
    print(f"machine         {os.cpu_count()} CPUs; batches of {args.batch_size}; N = {max(counts)}")

    server = None
    if "postgresql" in args.backends:
        from pg_server import ThrowawayServer

        server = ThrowawayServer().start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            rows = []
            for model in models:
                for workers in counts:
                    for backend in args.backends:
                        if backend == "sqlite":
                            location: str | Path = Path(folder) / f"bench-{uuid.uuid4().hex[:8]}.db"
                            project = Project(location)
                        else:
                            import psycopg

                            name = f"bench_{uuid.uuid4().hex[:8]}"
                            with psycopg.connect(server.admin_url(), autocommit=True) as conn:
                                conn.execute(f'CREATE DATABASE "{name}"')
                            from annotator.store.team import init_project

                            project, _ = init_project(server.admin_url(name))
                        try:
                            fill(project, texts, model)
                            whole, steady, done = timed(project, labels, workers, args.batch_size)
                        finally:
                            project.close()
                        rows.append((model, backend, workers, whole, steady, done))
                        print(f"{model:14}  {backend:10}  {workers:2} worker{'s' if workers > 1 else ' '}  "
                              f"{words / whole:9,.0f} words/s  ({whole:6.2f} s, start included)  "
                              f"{words / steady:9,.0f} words/s once ready ({steady:6.2f} s)", flush=True)
            print()
            print("words/s, start included (once ready)")
            header = "model           workers  " + "  ".join(f"{b:>24}" for b in args.backends)
            print(header)
            for model in models:
                for workers in counts:
                    cells = []
                    for backend in args.backends:
                        row = next(r for r in rows if r[:3] == (model, backend, workers))
                        cells.append(f"{words / row[3]:>10,.0f} ({words / row[4]:>10,.0f})")
                    print(f"{model:14}  {workers:7}  " + "  ".join(f"{c:>24}" for c in cells))
    finally:
        if server is not None:
            server.close()


if __name__ == "__main__":
    main()
