"""Several processes on one project at once (issue 12, "Several processes on one project"): writers
take the lock up front and wait for it within a bound, so two imports, an import and a pre-annotation
run, or an editing session and a pre-annotation run all complete (exit 0; exit 3 with one line naming
the holder only past the bound, which these short runs never reach), nothing is lost, and no traceback
or "table documents already exists" reaches the user; two processes creating the same new project
both succeed; an export made while pre-annotation writes reads one snapshot, so no record is torn.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from fault_helpers import (
    OLD_ORIGIN,
    SUGGESTIONS,
    Bench,
    Procs,
    acks,
    annotator,
    by_document,
    clean_stderr,
    copy_project,
    edit_session,
    jsonl_problems,
    make_corpus,
    missing_edits,
    state,
    state_diff,
    store_problems,
    suggestion_records,
    torn_records,
    writer_problems,
)


def _reference(procs: Procs, db: Path, *imports: list[str]) -> dict[str, Any]:
    """The state after the same imports run one after the other."""
    for paths in imports:
        result = procs.run(annotator(db, "import", *paths))
        assert result.rc == 0, result.describe()
    return state(db)


def test_two_imports_at_once(bench: Bench, procs: Procs, tmp_path: Path) -> None:
    txt, jsonl = make_corpus(tmp_path / "corpus-two", "two", txt=150, jsonl=40)
    first, second = [str(bench.imp_txt), str(bench.imp_jsonl)], [str(txt), str(jsonl)]
    want = _reference(procs, copy_project(bench.base, tmp_path / "ref.db"), first, second)
    for round_ in range(2):
        db = copy_project(bench.base, tmp_path / f"p{round_}.db")
        a, b = procs.start(annotator(db, "import", *first)), procs.start(annotator(db, "import", *second))
        results = [procs.wait(a), procs.wait(b)]
        problems = [p for r in results for p in writer_problems(r)]
        problems += store_problems(db) + state_diff(state(db), want)
        assert not problems, f"round {round_}:\n" + "\n".join(problems)


def test_two_processes_create_a_new_project_at_once(bench: Bench, procs: Procs, tmp_path: Path) -> None:
    txt, jsonl = make_corpus(tmp_path / "corpus-two", "two", txt=60, jsonl=20)
    first, second = [str(bench.imp_txt)], [str(txt), str(jsonl)]
    want = _reference(procs, tmp_path / "ref.db", first, second)
    for round_ in range(2):
        db = tmp_path / f"new{round_}.db"
        a, b = procs.start(annotator(db, "import", *first)), procs.start(annotator(db, "import", *second))
        results = [procs.wait(a), procs.wait(b)]
        problems = [p for r in results for p in writer_problems(r)]
        problems += store_problems(db) + state_diff(state(db), want)
        assert not problems, f"round {round_}:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def busy(bench: Bench, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One project, five processes: ``preannotate --all`` replacing an earlier pipeline's suggestions;
    once its pipeline is loaded, an ``import`` of new articles, an editing session (300 edits, a few
    milliseconds apart) and ``export --all-suggestions`` again and again until it has finished (every
    suggestion: the pending ones alone also change with the edits, which is no tearing)."""
    work = tmp_path_factory.mktemp("busy")
    procs = Procs(work)
    db = copy_project(bench.old, work / "p.db")
    try:
        before = procs.run(annotator(db, "export", "--all-suggestions", "-o", str(work / "before.jsonl")))
        assert before.rc == 0, before.describe()
        # small batches: a commit every few milliseconds, so a torn read has many chances
        pre = procs.start(annotator(db, "preannotate", "--model", "gazetteer", "--all", "--batch-size", "4"))
        first_batch_in(db, pre)  # the racers start once the run writes
        imp = procs.start(annotator(db, "import", str(bench.imp_txt), str(bench.imp_jsonl)))
        edit = procs.start(edit_session(db, bench.plan_file, pause=0.004))
        raced = pre.poll() is None
        exports: list[tuple[Path, Any, bool]] = []  # (output, result, started while pre-annotation ran)
        while pre.poll() is None or len(exports) < 2:
            out = work / f"during{len(exports)}.jsonl"
            running = pre.poll() is None
            exports.append((out, procs.run(annotator(db, "export", "--all-suggestions", "-o", str(out))),
                            running))
            if len(exports) > 60:
                break
        results = SimpleNamespace(pre=procs.wait(pre), imp=procs.wait(imp), edit=procs.wait(edit))
        after = procs.run(annotator(db, "export", "--all-suggestions", "-o", str(work / "after.jsonl")))
        assert after.rc == 0, after.describe()
        yield SimpleNamespace(db=db, work=work, exports=exports, raced=raced, **vars(results),
                              before=(work / "before.jsonl").read_bytes(), after=(work / "after.jsonl").read_bytes())
    finally:
        procs.cleanup()


def first_batch_in(db: Path, proc: Any, timeout: float = 60.0) -> None:
    """Wait until ``proc`` (``preannotate --all`` over OLD_ORIGIN's suggestions) has stored a batch."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        try:
            if con.execute("SELECT 1 FROM preannotated WHERE origin != ? LIMIT 1", (OLD_ORIGIN,)).fetchone():
                return
        except sqlite3.OperationalError:
            pass
        finally:
            con.close()
        time.sleep(0.01)


def test_import_while_preannotate_all_runs(bench: Bench, busy: Any) -> None:
    assert busy.raced, "pre-annotation had finished before the others started: the test measured nothing"
    problems = writer_problems(busy.pre) + writer_problems(busy.imp) + store_problems(busy.db)
    got = state(busy.db)
    # every imported article is in, with its annotations
    want_docs = by_document(bench.import_new_state, exclude=SUGGESTIONS)
    got_docs = by_document(got, exclude=SUGGESTIONS)
    missing = [d for d in want_docs if d not in got["docs"]]
    incomplete = [d for d in want_docs if d in got["docs"] and got_docs[d] != want_docs[d]]
    if missing or incomplete:
        problems.append(f"import: {len(missing)} of {len(want_docs)} articles missing, "
                        f"{len(incomplete)} without all their annotations")
    # every article pre-annotation listed has the new run's suggestions
    new = by_document(bench.pre_state, layer=SUGGESTIONS)
    now = by_document(got, layer=SUGGESTIONS)
    stale = [d for d in new if now.get(d) != new[d]]
    if stale:
        problems.append(f"preannotate --all: {len(stale)} of {len(new)} articles without the new suggestions")
    assert not problems, "\n".join(problems)


def test_edit_session_racing_preannotate_all(bench: Bench, busy: Any) -> None:
    assert busy.raced, "pre-annotation had finished before the others started: the test measured nothing"
    problems = writer_problems(busy.edit) + writer_problems(busy.pre)
    acked = acks(busy.edit.out)
    lost = missing_edits(busy.db, bench.plan, acked)
    if lost:
        problems.append(f"{len(lost)} acknowledged edits lost, e.g. {lost[:2]}")
    if len(acked) != len(bench.plan):
        problems.append(f"{len(acked)} of {len(bench.plan)} edits acknowledged")
    assert not problems, "\n".join(problems)


def test_export_while_preannotate_all_writes(busy: Any) -> None:
    before, after = suggestion_records(busy.before), suggestion_records(busy.after)
    assert before != after  # the run replaced an earlier pipeline's suggestions: every record changes
    problems: list[str] = []
    overlapping = 0
    for out, result, running in busy.exports:
        overlapping += running
        problems += clean_stderr(result)
        if result.rc != 0:
            problems.append("export failed: " + result.describe())
            continue
        data = out.read_bytes()
        problems += [f"{out.name}: {p}" for p in jsonl_problems(data)]
        torn = torn_records(suggestion_records(data), before, after)
        if torn:
            problems.append(f"{out.name}: {len(torn)} documents with torn suggestion records, e.g. {torn[:3]}")
    assert overlapping >= 1, "no export ran while pre-annotation wrote: the test measured nothing"
    assert not problems, "\n".join(problems)
