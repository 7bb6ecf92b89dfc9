"""What keeping a project safe costs: careful opening, backups, restore, and waiting for the lock.

    python benchmarks/bench_safety.py                  # 20,000 articles of ~500 words (~10 M words)
    python benchmarks/bench_safety.py --articles 2000  # smaller

Builds a project with bench_scale's synthetic articles (each with ~10 entity spans), then prints:

- opening for writing (identity check, ``PRAGMA quick_check``, migration check) and read-only opening;
- one backup with SQLite's online backup API, its size, and `annotator check` (full integrity check);
- restore of that backup;
- how long a writer waits for the lock while another process stores pre-annotation batches of 32
  documents, over 20 small edits (each waits for at most one batch, never fails).

Targets: writable open < 2 s and a backup < 3 s at 20,000 articles (both happen once per command or
app start); every edit during a concurrent pre-annotation stored, none failing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_scale import generate  # noqa: E402

from annotator.domain.labels import LabelSchema  # noqa: E402
from annotator.store import Project  # noqa: E402
from annotator.store.backup import check_file, make_backup, restore_backup  # noqa: E402

# A stand-in for `preannotate --all` in another process: batches of 32 documents, one transaction each.
REWRITER = """
import sys, time
from annotator.domain.model import SUGGESTED, SUGGESTIONS, Span
from annotator.store import Project
p = Project(sys.argv[1])
ids = p.document_ids()
print("ready", flush=True)
for round_ in range(1000):
    for i in range(0, len(ids), 32):
        batch = [(d, [Span(d, 0, 4, "LOC", SUGGESTIONS, "bench", SUGGESTED, "bench")]) for d in ids[i:i + 32]]
        p.replace_suggestions(batch, origin="bench", action="bench")
"""


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--words", type=int, default=500)
    args = parser.parse_args(argv)
    from annotator.services.importing import import_paths

    with tempfile.TemporaryDirectory(prefix="bench-safety-") as tmp:
        folder = Path(tmp)
        data = folder / "articles.jsonl"
        generate(data, args.articles, words=args.words, spans=10, seed=7)
        path = folder / "p.db"
        project = Project(path)
        labels = LabelSchema.load(REPO / "resources" / "labels.json")
        import_paths(project, [data], annotator=None, labels=labels)
        project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        project.close()
        size = path.stat().st_size
        print(f"project: {args.articles:,} articles, {size / 2**20:,.1f} MB")

        project, writable = timed(Project, path)
        project.close()
        reader, readonly = timed(Project, path, readonly=True)
        backup, backup_time = timed(make_backup, reader.conn, path)
        reader.close()
        print(f"open for writing (quick_check included): {writable:.2f} s; read-only: {readonly * 1000:.0f} ms")
        print(f"backup: {backup_time:.2f} s ({backup.stat().st_size / 2**20:,.1f} MB)")
        problems, check_time = timed(check_file, path)
        print(f"annotator check (integrity_check): {check_time:.2f} s, {'ok' if not problems else problems[0]}")
        _, restore_time = timed(restore_backup, path, backup)
        print(f"restore: {restore_time:.2f} s")

        rewriter = subprocess.Popen([sys.executable, "-c", REWRITER, str(path)], stdout=subprocess.PIPE, text=True)
        assert rewriter.stdout is not None and rewriter.stdout.readline().strip() == "ready"
        editor = Project(path)
        waits, failures = [], 0
        try:
            for i in range(20):
                start = time.perf_counter()
                try:
                    editor.set_setting(f"bench-edit-{i}", str(i))
                except Exception:  # noqa: BLE001 - counted, the figure says it
                    failures += 1
                waits.append(time.perf_counter() - start)
                time.sleep(0.1)
        finally:
            rewriter.kill()
            rewriter.wait()
        stored = sum(editor.setting(f"bench-edit-{i}") is not None for i in range(20))
        editor.close()
        print(f"edits during a concurrent pre-annotation: {stored}/20 stored, {failures} failed; wait median "
              f"{statistics.median(waits) * 1000:.0f} ms, max {max(waits) * 1000:.0f} ms")
        ok = failures == 0 and stored == 20
        print(f"verdict: {'PASS' if ok and writable < 2 and backup_time < 3 else 'CHECK'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
