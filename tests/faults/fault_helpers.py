"""The machinery of the fault-injection suite, shared by tests/faults and benchmarks/soak_faults.py.

- :class:`Procs` starts ``annotator`` (and the editing session) as subprocesses in their own process
  group, with bounded waits, SIGKILLs a group, and kills whatever is left at the end.
- :func:`make_corpus` writes a folder of small .txt articles and an annotated JSONL whose texts are
  unique to a tag, so that the documents of two imports never coincide.
- :func:`store_problems` runs the checks every test makes after a kill: ``PRAGMA integrity_check``,
  ``foreign_key_check``, the full-text index's own check, no duplicate document, no duplicate
  identical annotation.
- :func:`state` reads what a project holds, keyed by content hash (row ids differ between runs), so
  an interrupted-then-resumed run can be compared with an uninterrupted one.
- :class:`Bench` builds the projects and reference results once and calibrates the kill delays on
  uninterrupted runs; the ``*_round`` functions are one kill-and-check round each and return a
  :class:`Round` with every problem found, so the tests assert on it and the soak counts them.

Checks read the project with plain ``sqlite3`` (never ``Project``, which may write: migrations,
backups), and only between runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
EDIT_SESSION = HERE / "edit_session.py"
ANNOTATOR = [sys.executable, "-m", "annotator.cli"]
WAIT = 90.0  # seconds any one subprocess may take before the test fails (they take 0.2–3 s)
SUGGESTIONS = "@suggestions"
OLD_ORIGIN = "old-pipeline@0"  # suggestions "from an earlier run", told apart from the new run's

PEOPLE = ["Mario Draghi", "Giorgia Meloni", "Sergio Mattarella", "Emmanuel Macron", "Ursula von der Leyen"]
PLACES = ["Roma", "Milano", "Parigi", "Napoli", "Bruxelles"]


# --- processes --------------------------------------------------------------------------------------


@dataclass
class Result:
    argv: list[str]
    rc: int | None  # None: killed by us
    out: str
    err: str
    seconds: float

    def describe(self) -> str:
        cmd = " ".join(Path(a).name if "/" in a else a for a in self.argv[2:])
        return f"[{cmd}] rc={self.rc} ({self.seconds:.2f} s)\n--- stdout:\n{self.out[-2000:]}\n--- stderr:\n{self.err[-3000:]}"


@dataclass
class Proc:
    popen: subprocess.Popen[bytes]
    argv: list[str]
    out: Path
    err: Path
    started: float
    killed: bool = False

    def poll(self) -> int | None:
        return self.popen.poll()


class Procs:
    """Subprocesses with their output in files (no pipe can fill up), each in its own process group."""

    def __init__(self, workdir: Path, env: dict[str, str] | None = None) -> None:
        self.workdir = workdir
        self.env = env if env is not None else subprocess_env(workdir)
        self.live: list[Proc] = []
        self._n = 0

    def start(self, argv: list[str], *, cwd: Path | None = None) -> Proc:
        self._n += 1
        out = self.workdir / f".proc{self._n}.out"
        err = self.workdir / f".proc{self._n}.err"
        with open(out, "wb") as fo, open(err, "wb") as fe:
            popen = subprocess.Popen(argv, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL, cwd=cwd or self.workdir,
                                     env=self.env, start_new_session=True)
        proc = Proc(popen, argv, out, err, time.monotonic())
        self.live.append(proc)
        return proc

    def wait(self, proc: Proc, timeout: float = WAIT) -> Result:
        try:
            rc = proc.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill(proc)
            raise AssertionError(f"timed out after {timeout:.0f} s: {' '.join(proc.argv)}\n"
                                 f"{_read(proc.err)[-3000:]}") from None
        return Result(proc.argv, None if proc.killed else rc, _read(proc.out), _read(proc.err),
                      time.monotonic() - proc.started)

    def run(self, argv: list[str], *, cwd: Path | None = None, timeout: float = WAIT) -> Result:
        return self.wait(self.start(argv, cwd=cwd), timeout)

    def kill(self, proc: Proc) -> bool:
        """SIGKILL the process group; False when it had already exited."""
        if proc.popen.poll() is not None:
            return False
        try:
            os.killpg(proc.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            return False
        proc.killed = True
        proc.popen.wait(timeout=10)
        return True

    def kill_after(self, proc: Proc, delay: float) -> bool:
        """Kill ``proc`` ``delay`` seconds after it started; False when it finished first."""
        deadline = proc.started + delay
        while time.monotonic() < deadline:
            if proc.popen.poll() is not None:
                return False
            time.sleep(min(0.005, max(0.0, deadline - time.monotonic())))
        return self.kill(proc)

    def kill_when(self, proc: Proc, written: Callable[[], bool], *, extra: float = 0.0,
                  timeout: float = WAIT) -> tuple[bool, float]:
        """Kill ``proc`` ``extra`` seconds after ``written()`` first holds (polled every few
        milliseconds: its first committed batch, its first output file); returns whether it was
        still running, and when it was killed (seconds after it started)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and proc.popen.poll() is None:
            try:
                seen = written()
            except (sqlite3.Error, OSError):
                seen = False
            if seen:
                time.sleep(extra)
                break
            time.sleep(0.002)
        return self.kill(proc), time.monotonic() - proc.started

    def cleanup(self) -> None:
        for proc in self.live:
            if proc.popen.poll() is None:
                with _suppress():
                    os.killpg(proc.popen.pid, signal.SIGKILL)
                with _suppress():
                    proc.popen.wait(timeout=10)
        self.live.clear()


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return exc[0] is not None and issubclass(exc[0], (OSError, subprocess.TimeoutExpired))  # type: ignore[arg-type]


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


def subprocess_env(workdir: Path) -> dict[str, str]:
    """The environment of every subprocess: temporary files (merge's copies, exports' leftovers) stay
    under ``workdir``; one annotator; no project from the caller's environment."""
    tmp = workdir / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANNOTATOR_")}
    env.update(TMPDIR=str(tmp), ANNOTATOR_USER="tester", OMP_NUM_THREADS="1", PYTHONUNBUFFERED="1",
               QT_QPA_PLATFORM="offscreen")
    return env


def annotator(project: Path, *args: str) -> list[str]:
    return [*ANNOTATOR, "--project", str(project), *args]


def edit_session(project: Path, plan: Path, pause: float = 0.0) -> list[str]:
    argv = [sys.executable, str(EDIT_SESSION), str(project), str(plan)]
    return argv + ["--pause", str(pause)] if pause else argv


def reproduce(seed: int, test: str) -> str:
    """How to replay a failing round."""
    return f"\n(replay: FAULT_SEED={seed} pytest tests/faults -k '{test}')"


def clean_stderr(result: Result) -> list[str]:
    """Problems with a process's stderr: a traceback reaches a user in no case."""
    problems = []
    if "Traceback" in result.err:
        problems.append("traceback on stderr: " + result.describe())
    if re.search(r"table \S+ already exists", result.err):
        problems.append("'table … already exists' on stderr: " + result.describe())
    return problems


# --- data -------------------------------------------------------------------------------------------


def article(tag: str, i: int) -> str:
    """A short article the gazetteer pipeline always finds entities, two quotations and two events in."""
    who, where = PEOPLE[i % len(PEOPLE)], PLACES[(i // 2) % len(PLACES)]
    return (f"Articolo {tag}-{i}. {who} ha detto: «Siamo pronti a lavorare, numero {i}». "
            f"L'incontro si è tenuto a {where} il 30 dicembre.\n\n"
            f"Secondo fonti vicine a {who}, la riunione è andata bene ({tag} {i}).")


def annotated_record(tag: str, i: int, annotator: str = "anna") -> dict[str, Any]:
    """An annotator JSONL record: two entities, a quotation with speaker and cue, an event."""
    text = article(tag, i)
    who, where = PEOPLE[i % len(PEOPLE)], PLACES[(i // 2) % len(PLACES)]

    def at(part: str) -> tuple[int, int]:
        s = text.index(part)
        return s, s + len(part)

    person, place = at(who), at(where)
    content, cue, trigger = at(f"Siamo pronti a lavorare, numero {i}"), at("ha detto"), at("incontro")
    return {
        "id": f"{tag}-j{i}", "text": text, "meta": {"title": f"{tag} {i}", "published": "2021-12-22"},
        "annotator": annotator, "status": "in progress",
        "spans": [{"start": person[0], "end": person[1], "label": "PER"},
                  {"start": place[0], "end": place[1], "label": "LOC"}],
        "quotes": [{"start": content[0], "end": content[1], "kind": "direct",
                    "speaker": {"start": person[0], "end": person[1], "label": "PER"},
                    "cue": {"start": cue[0], "end": cue[1]}}],
        "events": [{"type": "CONSULT", "trigger": {"start": trigger[0], "end": trigger[1]},
                    "args": [{"role": "location", "start": place[0], "end": place[1]}]}],
    }


def make_corpus(folder: Path, tag: str, *, txt: int, jsonl: int, annotator: str = "anna") -> tuple[Path, Path]:
    """``folder/txt/`` with ``txt`` articles and ``folder/<tag>.jsonl`` with ``jsonl`` annotated records."""
    texts = folder / "txt"
    texts.mkdir(parents=True, exist_ok=True)
    for i in range(txt):
        (texts / f"{tag}-{i:04d}.txt").write_text(article(tag, i), encoding="utf-8")
    records = folder / f"{tag}.jsonl"
    with open(records, "w", encoding="utf-8") as out:
        for i in range(jsonl):
            out.write(json.dumps(annotated_record(f"{tag}J", i, annotator), ensure_ascii=False) + "\n")
    return texts, records


def edit_plan(db: Path, *, documents: int, annotator: str = "anna", skip: int = 0) -> list[dict[str, Any]]:
    """Six edits on each of ``documents`` articles nobody annotated yet, none undoing another: label a
    new ORG, accept the PER suggestion, add a quotation, add an event, reject the LOC suggestion,
    mark the document done."""
    con = sqlite3.connect(db)
    try:
        # articles without the annotator's own spans (those would hide the suggestions)
        rows = con.execute("SELECT uid, text FROM documents d WHERE text LIKE 'Articolo %' AND NOT EXISTS"
                           " (SELECT 1 FROM spans s WHERE s.doc_id = d.id AND s.layer = ?) ORDER BY id"
                           " LIMIT ? OFFSET ?", (annotator, documents, skip)).fetchall()
    finally:
        con.close()
    plan: list[dict[str, Any]] = []
    for uid, text in rows:
        who = next(p for p in PEOPLE if p in text)
        where = next(p for p in PLACES if f" a {p} il" in text)
        for kind, extra in (("label", {"fragment": text.split(".")[0], "label": "ORG"}),
                            ("accept", {"fragment": who, "label": "PER"}),
                            ("quote", {"fragment": text[text.index("Siamo"):text.index("»")]}),
                            ("event", {"fragment": "incontro", "type": "CONSULT"}),
                            ("reject", {"fragment": where, "label": "LOC"}),
                            ("done", {})):
            plan.append({"id": len(plan), "kind": kind, "uid": uid, "annotator": annotator, **extra})
    return plan


def write_plan(path: Path, plan: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


def acks(result_out: str) -> list[int]:
    return [int(line.split()[1]) for line in result_out.splitlines() if line.startswith("ack ")]


def missing_edits(db: Path, plan: list[dict[str, Any]], ids: list[int] | None = None) -> list[dict[str, Any]]:
    """The edits of ``plan`` (those in ``ids``, or all) whose effect is not in the project."""
    from edit_session import edit_present

    wanted = set(ids) if ids is not None else None
    con = sqlite3.connect(db)
    try:
        missing = []
        for edit in plan:
            if wanted is not None and edit["id"] not in wanted:
                continue
            row = con.execute("SELECT id, text FROM documents WHERE uid = ?", (edit["uid"],)).fetchone()
            if row is None or not edit_present(con, edit, row[0], row[1]):
                missing.append(edit)
        return missing
    finally:
        con.close()


# --- what a project holds ---------------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def copy_project(src: Path, dest: Path) -> Path:
    """Copy a checkpointed project file (the templates have no -wal)."""
    shutil.copyfile(src, dest)
    return dest


def checkpoint(db: Path) -> None:
    """Fold the write-ahead log into the file, so a plain copy of the file is the whole project."""
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def store_problems(db: Path) -> list[str]:
    """Integrity, foreign keys, the full-text index, duplicates: what must hold after any kill."""
    if not db.exists():
        return []
    problems: list[str] = []
    con = sqlite3.connect(db, timeout=30)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        rows = con.execute("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            problems.append(f"integrity_check: {rows[:5]}")
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {len(fk)} broken links, e.g. {fk[:5]}")
        if "documents" not in tables:
            return problems  # a file killed before its schema was committed: nothing else to check
        if "documents_fts" in tables:
            try:
                con.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
                con.commit()
            except sqlite3.DatabaseError as err:
                problems.append(f"full-text index: {err}")
        dup_docs = con.execute("SELECT count(*) - count(DISTINCT text), count(*) - count(DISTINCT content_hash)"
                               " FROM documents").fetchone()
        if any(dup_docs):
            problems.append(f"duplicate documents: {dup_docs[0]} by text, {dup_docs[1]} by content hash")
    finally:
        con.close()
    current = state(db)
    for kind in ("spans", "quotes", "events", "statuses"):
        twice = [k for k, n in current[kind].items() if n > 1]
        if twice:
            problems.append(f"duplicate {kind}: {len(twice)}, e.g. {twice[:3]}")
    return problems


def state(db: Path) -> dict[str, Any]:
    """Documents and annotations, keyed by content hash instead of row ids (Counters: a duplicate counts 2)."""
    con = sqlite3.connect(db, timeout=30)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "documents" not in tables:
            return {"docs": set(), "spans": Counter(), "quotes": Counter(), "events": Counter(),
                    "statuses": Counter(), "preannotated": {}}
        h = dict(con.execute("SELECT id, content_hash FROM documents"))
        spans = Counter(
            (h[r[0]], *r[1:]) for r in con.execute(
                'SELECT doc_id, layer, start, "end", label, status, origin, value, source_id IS NOT NULL FROM spans'))
        quotes = Counter(
            (h[r[0]], *r[1:]) for r in con.execute(
                'SELECT doc_id, layer, start, "end", kind, speaker_start, speaker_end, speaker_label, cue_start,'
                " cue_end, status, origin, source_id IS NOT NULL FROM quotes"))
        args: dict[int, list[tuple[Any, ...]]] = {}
        for event_id, role, start, end in con.execute(
                'SELECT event_id, role, start, "end" FROM event_args ORDER BY event_id, position'):
            args.setdefault(event_id, []).append((role, start, end))
        events = Counter(
            (h[r[0]], *r[1:-1], tuple(args.get(r[-1], ()))) for r in con.execute(
                "SELECT doc_id, layer, type, mode, context, trigger_start, trigger_end, date, status, origin,"
                " quote_id IS NOT NULL, id FROM events"))
        statuses = Counter((h[r[0]], r[1], r[2]) for r in con.execute(
            "SELECT doc_id, annotator, status FROM doc_status"))
        pre = {h[r[0]]: r[1] for r in con.execute("SELECT doc_id, origin FROM preannotated")}
        return {"docs": set(h.values()), "spans": spans, "quotes": quotes, "events": events,
                "statuses": statuses, "preannotated": pre}
    finally:
        con.close()


def by_document(st: dict[str, Any], *, layer: str | None = None, exclude: str | None = None) -> dict[str, Counter]:
    """Per content hash, every annotation of ``layer`` (or of every layer but ``exclude``)."""
    out: dict[str, Counter] = {d: Counter() for d in st["docs"]}
    for kind in ("spans", "quotes", "events"):
        for key, n in st[kind].items():
            if (layer is not None and key[1] != layer) or (exclude is not None and key[1] == exclude):
                continue
            out.setdefault(key[0], Counter())[(kind, *key[1:])] += n
    return out


def state_diff(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """How ``got`` differs from ``want`` (empty when they hold the same)."""
    problems = []
    if got["docs"] != want["docs"]:
        problems.append(f"documents: {len(got['docs'] - want['docs'])} unexpected, "
                        f"{len(want['docs'] - got['docs'])} missing (of {len(want['docs'])})")
    for kind in ("spans", "quotes", "events", "statuses"):
        if got[kind] != want[kind]:
            extra, missing = got[kind] - want[kind], want[kind] - got[kind]
            problems.append(f"{kind}: {sum(extra.values())} unexpected (e.g. {list(extra)[:2]}), "
                            f"{sum(missing.values())} missing (e.g. {list(missing)[:2]})")
    return problems


def within(got: dict[str, Any], ref: dict[str, Any]) -> list[str]:
    """Problems when ``got`` holds something the finished reference does not (a half-run may hold less)."""
    problems = []
    if not got["docs"] <= ref["docs"]:
        problems.append(f"{len(got['docs'] - ref['docs'])} documents the finished run does not have")
    for kind in ("spans", "quotes", "events", "statuses"):
        extra = got[kind] - ref[kind]
        if extra:
            problems.append(f"{kind}: {sum(extra.values())} the finished run does not have, e.g. {list(extra)[:2]}")
    return problems


# --- exports ----------------------------------------------------------------------------------------


MARKER = ".annotator-export"  # the file by which a folder export recognises a folder it wrote


def temporary(name: str) -> bool:
    """A hidden temporary file or folder of an unfinished export (".out.….tmp", ".out.PID.old")."""
    return name.startswith(".") and name.endswith((".tmp", ".old"))


def read_output(path: Path) -> Any:
    """An export's content: the bytes of a file, or {name: bytes} of a folder's files (its marker and
    hidden temporary entries aside: see :func:`folder_problems`); None when absent."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())
                if p.is_file() and p.name != MARKER and not temporary(p.name)}
    if path.exists():
        return path.read_bytes()
    return None


def marker_names(marker: Path) -> set[str]:
    """The file names a folder export's marker lists: one JSON object with "files", or a JSON header
    line followed by one JSON string per name. Raises ValueError when it is neither."""
    text = marker.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError:
        lines = [json.loads(line) for line in text.splitlines()[1:] if line.strip()]
        if not all(isinstance(name, str) for name in lines):
            raise ValueError("a line after the header is not a file name") from None
        return set(lines)
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        raise ValueError("no list of files")
    return set(data["files"])


def folder_problems(path: Path, *, complete: bool) -> list[str]:
    """A folder export's marker, when there is one, knows every file the folder holds (a kill while
    the files change places may leave names listed but absent; a complete export lists exactly them)."""
    marker = path / MARKER
    if not path.is_dir() or not marker.exists():
        return []
    try:
        listed = marker_names(marker)
    except (OSError, ValueError) as err:
        return [f"the folder's marker does not parse: {err}"]
    present = {p.name for p in path.iterdir() if p.name != MARKER and not temporary(p.name)}
    unknown, absent = present - listed, listed - present
    if unknown or (complete and absent):
        return [f"the marker lists {len(listed)} files, the folder holds {len(present)} "
                f"({len(absent)} listed but absent, {len(unknown)} unlisted, e.g. {sorted(unknown)[:2]})"]
    return []


def leftovers(*folders: Path) -> list[str]:
    """Hidden temporary entries an export or merge left (they must be gone after the next run)."""
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [str(p) for p in folder.iterdir() if temporary(p.name) or p.name.startswith("annotator-merge-")]
    return found


def jsonl_problems(data: bytes) -> list[str]:
    """Every line of a JSONL export parses, and the file ends with a newline."""
    problems = []
    if data and not data.endswith(b"\n"):
        problems.append("the file does not end with a newline (cut short)")
    for n, line in enumerate(data.splitlines(), 1):
        try:
            json.loads(line)
        except ValueError as err:
            problems.append(f"line {n} does not parse: {err}")
            break
    return problems


# --- calibrated scenarios ---------------------------------------------------------------------------


@dataclass
class Round:
    """One kill-and-check round: what happened and every problem found."""

    command: str
    seed: int
    delay: float
    killed: bool = False
    problems: list[str] = field(default_factory=list)
    integrity_failures: int = 0
    lost_acks: int = 0
    duplicates: int = 0
    rerun_failed: int = 0
    acked: int = 0
    done: float | None = None  # how much of the work was stored when it was killed (0 to 1), if known
    at_write: bool = False  # killed just after its first write (a committed batch, an output file)

    def kill(self, procs: Procs, proc: Proc, rng: random.Random, written: Callable[[], bool]) -> None:
        """Kill at ``self.delay`` seconds, or (``self.at_write``) once ``written()`` holds."""
        if self.at_write:
            self.killed, self.delay = procs.kill_when(proc, written, extra=rng.uniform(0.0, 0.003))
        else:
            self.killed = procs.kill_after(proc, self.delay)

    def check_store(self, db: Path, when: str) -> None:
        found = store_problems(db)
        for p in found:
            self.problems.append(f"{when}: {p}")
            if p.startswith("duplicate"):
                self.duplicates += 1
            else:
                self.integrity_failures += 1

    def check_rerun(self, result: Result, *, allowed: tuple[int, ...] = (0,)) -> None:
        if result.rc not in allowed or "Traceback" in result.err:
            self.rerun_failed += 1
            self.problems.append("rerun failed: " + result.describe())

    def rerun_and_compare(self, procs: "Procs", argv: list[str], db: Path, ref: Any) -> None:
        """Run the killed command again: it must complete, leave a healthy store, and give ``ref``."""
        self.check_rerun(procs.run(argv))
        self.check_store(db, "after the rerun")
        self.problems += [f"after the rerun: {p}" for p in state_diff(state(db), ref)]

    def message(self) -> str:
        when = " (just after its first write)" if self.at_write else ""
        head = (f"{self.command}: round seed {self.seed}, kill at {self.delay:.3f} s{when} "
                f"({'killed' if self.killed else 'it had finished'})")
        return head + "\n  " + "\n  ".join(self.problems)


@dataclass
class Timing:
    startup: float  # an uninterrupted run that has (nearly) nothing to do
    full: float  # an uninterrupted run of the scenario

    def middle(self) -> float:
        """Halfway through the work, after the start-up."""
        start = min(self.startup, self.full * 0.8)
        return start + (self.full - start) / 2

    def delay(self, rng: random.Random) -> float:
        """A kill moment: mostly while the command works, sometimes while it starts or just after."""
        return rng.uniform(min(self.startup, self.full * 0.8) * 0.6, self.full * 1.05)


class Bench:
    """Projects, corpora and reference results, built once, with each command's calibrated timing.

    Sizes are small (a few hundred short articles) so the suite stays within its time budget; the
    soak benchmark uses the same scenarios many more times.
    """

    def __init__(self, root: Path, *, txt: int = 200, jsonl: int = 60, edit_documents: int = 50) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.procs = Procs(root)
        self.timing: dict[str, Timing] = {}
        # corpora: what the import rounds bring in, what the base project holds, another annotator's
        self.imp_txt, self.imp_jsonl = make_corpus(root / "corpus-imp", "imp", txt=txt, jsonl=jsonl)
        base_txt, base_jsonl = make_corpus(root / "corpus-base", "base", txt=txt, jsonl=jsonl)
        other_txt, other_jsonl = make_corpus(root / "corpus-other", "other", txt=txt // 2, jsonl=jsonl,
                                             annotator="bruno")
        self.base = root / "base.db"  # documents and anna's annotations, no suggestions
        self.import_new = root / "import-new.db"
        self._ok(annotator(self.base, "import", str(base_txt), str(base_jsonl)))
        checkpoint(self.base)
        # the start-up of a command: an import of one article into a new project (modules, opening)
        (root / "one").mkdir(exist_ok=True)
        (root / "one" / "one.txt").write_text(article("one", 0), encoding="utf-8")
        startup = self._ok(annotator(root / "one.db", "import", str(root / "one"))).seconds
        self.timing["import"] = Timing(startup, self._ok(annotator(
            self.import_new, "import", str(self.imp_txt), str(self.imp_jsonl))).seconds)
        self.import_new_state = state(self.import_new)

        # pre-annotated with the gazetteer pipeline: the reference of pre-annotation (timed)
        self.pre = copy_project(self.base, root / "pre.db")
        full = self._ok(annotator(self.pre, "preannotate", "--model", "gazetteer")).seconds
        checkpoint(self.pre)
        self.pre_state = state(self.pre)
        # while a run with nothing left to do measures pre-annotation's start-up, build the others
        noop = self.procs.start(annotator(copy_project(self.pre, root / "noop.db"), "preannotate"))
        # an earlier complete export of each format: the base project's (no suggestions, half the notes)
        olds = [self.procs.start(annotator(self.base, "export", "--format", fmt, "-o", str(root / f"old-{fmt}")))
                for fmt in ("jsonl", "brat")]
        self.import_existing = copy_project(self.base, root / "import-existing.db")
        self._ok(annotator(self.import_existing, "import", str(self.imp_txt), str(self.imp_jsonl)))
        self.import_existing_state = state(self.import_existing)
        self.other = copy_project(self.pre, root / "other.db")  # the base's articles, suggestions, bruno's
        self._ok(annotator(self.other, "import", str(other_txt), str(other_jsonl)))
        checkpoint(self.other)
        self.timing["preannotate"] = Timing(self._ok(noop).seconds, full)
        for proc in olds:
            self._ok(proc)
        # the same suggestions, as if an earlier pipeline had made them: what --all replaces
        self.old = copy_project(self.pre, root / "old.db")
        relabel_origin(self.old, OLD_ORIGIN)
        self.old_state = state(self.old)

        # export: the new complete export of pre.db (timed) and the earlier one
        self.exports: dict[str, tuple[Any, Any]] = {}
        for fmt in ("jsonl", "brat"):
            new_out = root / f"new-{fmt}"
            seconds = self._ok(annotator(self.pre, "export", "--format", fmt, "--include-suggestions",
                                         "-o", str(new_out))).seconds
            self.timing[f"export-{fmt}"] = Timing(startup, seconds)
            self.exports[fmt] = (read_output(root / f"old-{fmt}"), read_output(new_out))
            assert self.exports[fmt][0] != self.exports[fmt][1]

        # merge: the other project into the base one (timed)
        self.merged = copy_project(self.base, root / "merged.db")
        self.timing["merge"] = Timing(startup, self._ok(annotator(self.merged, "merge", str(self.other))).seconds)
        self.merged_state = state(self.merged)
        self.merged_rows = _query_count(self.merged, "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM spans)")

        # editing session: six edits on each of edit_documents articles of pre.db (timed, then its
        # start-up: a rerun finds every edit in)
        self.plan = edit_plan(self.pre, documents=edit_documents)
        self.plan_file = write_plan(root / "plan.json", self.plan)
        edited = copy_project(self.pre, root / "edited.db")
        full = self._ok(edit_session(edited, self.plan_file)).seconds
        self.timing["edit"] = Timing(self._ok(edit_session(edited, self.plan_file)).seconds, full)
        assert not missing_edits(edited, self.plan)

    def write_old_export(self, fmt: str, target: Path) -> None:
        """Put the earlier complete export (the tool's own, marker included) at ``target``."""
        old = self.root / f"old-{fmt}"
        if old.is_dir():
            shutil.copytree(old, target)
        else:
            shutil.copyfile(old, target)

    def _ok(self, what: list[str] | Proc) -> Result:
        result = self.procs.wait(what) if isinstance(what, Proc) else self.procs.run(what)
        if result.rc != 0 or "Traceback" in result.err:
            raise RuntimeError("fixture command failed: " + result.describe())
        return result

    def close(self) -> None:
        self.procs.cleanup()


def relabel_origin(db: Path, origin: str) -> None:
    """Make the stored suggestions look like another pipeline's (so a new run's can be told apart)."""
    con = sqlite3.connect(db)
    try:
        with con:
            for table in ("spans", "quotes", "events"):
                con.execute(f"UPDATE {table} SET origin = ?, annotator = ? WHERE layer = ?",
                            (origin, origin, SUGGESTIONS))
            con.execute("UPDATE preannotated SET origin = ?", (origin,))
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def _new_round(command: str, seed: int, timing: Timing, rng: random.Random, delay: float | str | None) -> Round:
    """A round killed at ``delay`` seconds, at a random moment (None), or just after its first write ("write")."""
    if delay == "write":
        return Round(command, seed, 0.0, at_write=True)
    return Round(command, seed, timing.delay(rng) if delay is None else float(delay))


def _query_count(db: Path, sql: str) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()


def _query_over(db: Path, sql: str, args: tuple[Any, ...] = (), above: int = 0) -> Callable[[], bool]:
    """A poll: whether ``sql``'s count in ``db`` (read-only) exceeds ``above``."""
    def written() -> bool:
        if not db.exists():
            return False
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute(sql, args).fetchone()[0] > above
        finally:
            con.close()
    return written


def _workdir(root: Path, name: str) -> Path:
    folder = root / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def import_round(bench: Bench, root: Path, seed: int, delay: float | str | None = None) -> Round:
    """kill -9 during ``import FOLDER FILE.jsonl`` into a new or an existing project, then check and rerun."""
    rng = random.Random(seed)
    work = _workdir(root, f"import-{seed}")
    procs = Procs(work)
    new = rng.random() < 0.4
    db = work / "p.db"
    if not new:
        copy_project(bench.base, db)
    ref = bench.import_new_state if new else bench.import_existing_state
    rnd = _new_round("import", seed, bench.timing["import"], rng, delay)
    before = len(state(db)["docs"]) if db.exists() else 0
    argv = annotator(db, "import", str(bench.imp_txt), str(bench.imp_jsonl))
    try:
        proc = procs.start(argv)
        rnd.kill(procs, proc, rng, _query_over(db, "SELECT count(*) FROM documents", above=before))
        first = procs.wait(proc)
        rnd.problems += clean_stderr(first)
        rnd.check_store(db, "after the kill")
        if db.exists():
            got = state(db)
            start = set() if new else bench.import_existing_state["docs"] - bench.import_new_state["docs"]
            rnd.done = len(got["docs"] - start) / len(ref["docs"] - start)
            rnd.problems += [f"after the kill: {p}" for p in within(got, ref)]
            # a batch is stored whole: a document that is in has all its annotations
            want_docs, got_docs = by_document(ref), by_document(got)
            torn = [d for d in got["docs"] if got_docs.get(d) != want_docs.get(d)]
            if torn:
                rnd.problems.append(f"after the kill: {len(torn)} documents stored without all their annotations")
        rnd.rerun_and_compare(procs, argv, db, ref)
    finally:
        procs.cleanup()
    return rnd


def preannotate_round(bench: Bench, root: Path, seed: int, delay: float | str | None = None) -> Round:
    """kill -9 during ``preannotate`` (a first run, or ``--all`` over an earlier pipeline's suggestions)."""
    rng = random.Random(seed)
    work = _workdir(root, f"preannotate-{seed}")
    procs = Procs(work)
    redo = rng.random() < 0.5
    db = copy_project(bench.old if redo else bench.base, work / "p.db")
    before = bench.old_state if redo else state(db)
    ref = bench.pre_state
    rnd = _new_round("preannotate" + (" --all" if redo else ""), seed, bench.timing["preannotate"], rng, delay)
    argv = annotator(db, "preannotate", "--model", "gazetteer", *(["--all"] if redo else []))
    try:
        proc = procs.start(argv)
        rnd.kill(procs, proc, rng, _query_over(db, "SELECT count(*) FROM preannotated WHERE origin != ?", (OLD_ORIGIN,)))
        rnd.problems += clean_stderr(procs.wait(proc))
        rnd.check_store(db, "after the kill")
        got = state(db)
        # each document holds the earlier run's suggestions or the new run's, whole
        old_docs, new_docs, got_docs = (by_document(s, layer=SUGGESTIONS) for s in (before, ref, got))
        rnd.done = sum(got_docs[d] == new_docs[d] != old_docs.get(d) for d in got["docs"]) / len(new_docs)
        torn = [d for d in got["docs"] if got_docs[d] not in (old_docs.get(d, Counter()), new_docs[d])]
        if torn:
            rnd.problems.append(f"after the kill: {len(torn)} documents with torn suggestions, e.g. "
                                f"{sorted(got_docs[torn[0]])[:4]}")
        if by_document(got, exclude=SUGGESTIONS) != by_document(before, exclude=SUGGESTIONS):
            rnd.problems.append("after the kill: the annotators' layers changed")
        rnd.rerun_and_compare(procs, argv, db, ref)
    finally:
        procs.cleanup()
    return rnd


def export_round(bench: Bench, root: Path, seed: int, fmt: str, delay: float | str | None = None) -> Round:
    """kill -9 during ``export --format FMT -o TARGET`` over an earlier complete export (or none)."""
    rng = random.Random(seed)
    work = _workdir(root, f"export-{fmt}-{seed}")
    procs = Procs(work)
    db = copy_project(bench.pre, work / "p.db")
    db_hash = sha256(db)
    old, new = bench.exports[fmt]
    target = work / ("out.jsonl" if fmt == "jsonl" else "out")
    had_old = rng.random() < 0.8
    if had_old:
        bench.write_old_export(fmt, target)
    rnd = _new_round(f"export {fmt}", seed, bench.timing[f"export-{fmt}"], rng, delay)

    def writing() -> bool:  # its temporary output exists, beside the target or inside it
        return any(temporary(p.name) for folder in (work, target) if folder.is_dir() for p in folder.iterdir())

    argv = annotator(db, "export", "--format", fmt, "--include-suggestions", "-o", str(target))
    try:
        proc = procs.start(argv)
        rnd.kill(procs, proc, rng, writing)
        rnd.problems += clean_stderr(procs.wait(proc))
        got = read_output(target)
        if fmt == "jsonl" and isinstance(got, bytes):
            rnd.problems += [f"after the kill: {p}" for p in jsonl_problems(got)]
        rnd.problems += [f"after the kill: {p}" for p in folder_problems(target, complete=False)]
        allowed = [new] + ([old] if had_old else [None])
        if got not in allowed:
            rnd.integrity_failures += 1
            what = "missing" if got is None else ("partial or foreign" if had_old else "partial")
            rnd.problems.append(f"after the kill: the export target is {what}: neither the earlier complete "
                                f"export nor the new one ({_describe_output(got, old, new)})")
        if sha256(db) != db_hash:
            rnd.problems.append("after the kill: the export changed the project file")
        rnd.check_store(db, "after the kill")
        rerun = procs.run(argv)
        rnd.check_rerun(rerun)
        if read_output(target) != new:
            rnd.problems.append(f"after the rerun: the export is not the complete one "
                                f"({_describe_output(read_output(target), old, new)})")
        rnd.problems += [f"after the rerun: {p}" for p in folder_problems(target, complete=True)]
        left = leftovers(work, target, work / "tmp")
        if left:
            rnd.problems.append(f"after the rerun: the killed export's temporary files are still there: {left[:3]}")
    finally:
        procs.cleanup()
    return rnd


def _describe_output(got: Any, old: Any, new: Any) -> str:
    if got is None:
        return "no target"
    if isinstance(got, bytes):
        lines = got.count(b"\n")
        return f"{len(got)} bytes, {lines} lines; old {len(old)} bytes, new {len(new)} bytes"
    return f"{len(got)} files; old {len(old)}, new {len(new)}"


def merge_round(bench: Bench, root: Path, seed: int, delay: float | str | None = None) -> Round:
    """kill -9 during ``merge OTHER.db``; the other file stays byte-identical; the rerun completes."""
    rng = random.Random(seed)
    work = _workdir(root, f"merge-{seed}")
    procs = Procs(work)
    db = copy_project(bench.base, work / "p.db")
    other = copy_project(bench.other, work / "other.db")
    other_hash = sha256(other)
    rnd = _new_round("merge", seed, bench.timing["merge"], rng, delay)
    rows = "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM spans)"  # its first batch adds suggestions
    before = _query_count(db, rows)
    argv = annotator(db, "merge", str(other))
    try:
        proc = procs.start(argv)
        rnd.kill(procs, proc, rng, _query_over(db, rows, above=before))
        rnd.problems += clean_stderr(procs.wait(proc))
        rnd.check_store(db, "after the kill")
        got = state(db)
        rnd.done = (_query_count(db, rows) - before) / (bench.merged_rows - before)
        rnd.problems += [f"after the kill: {p}" for p in within(got, bench.merged_state)]
        rnd.rerun_and_compare(procs, argv, db, bench.merged_state)
        if sha256(other) != other_hash:
            rnd.problems.append("the other project file changed")
        left = leftovers(work, work / "tmp")
        if left:
            rnd.problems.append(f"after the rerun: the killed merge's temporary files are still there: {left[:3]}")
    finally:
        procs.cleanup()
    return rnd


def edit_round(bench: Bench, root: Path, seed: int, delay: float | str | None = None) -> Round:
    """kill -9 during an editing session: every acknowledged edit is in the project; a rerun completes."""
    rng = random.Random(seed)
    work = _workdir(root, f"edit-{seed}")
    procs = Procs(work)
    db = copy_project(bench.pre, work / "p.db")
    rnd = _new_round("editing session", seed, bench.timing["edit"], rng, delay)
    argv = edit_session(db, bench.plan_file)
    try:
        proc = procs.start(argv)
        rnd.kill(procs, proc, rng, lambda: b"ack" in proc.out.read_bytes())
        first = procs.wait(proc)
        rnd.problems += clean_stderr(first)
        acked = acks(first.out)
        rnd.acked = len(acked)
        rnd.done = len(acked) / len(bench.plan)
        rnd.check_store(db, "after the kill")
        lost = missing_edits(db, bench.plan, acked)
        if lost:
            rnd.lost_acks += len(lost)
            rnd.problems.append(f"after the kill: {len(lost)} acknowledged edits lost, e.g. {lost[:2]}")
        rerun = procs.run(argv)
        rnd.check_rerun(rerun)
        rnd.check_store(db, "after the rerun")
        missing = missing_edits(db, bench.plan)
        if missing:
            rnd.problems.append(f"after the rerun: {len(missing)} edits missing, e.g. {missing[:2]}")
    finally:
        procs.cleanup()
    return rnd


SCENARIOS = {
    "import": import_round,
    "preannotate": preannotate_round,
    "export-jsonl": lambda bench, root, seed, delay=None: export_round(bench, root, seed, "jsonl", delay),
    "export-brat": lambda bench, root, seed, delay=None: export_round(bench, root, seed, "brat", delay),
    "merge": merge_round,
    "edit": edit_round,
}


# --- several processes at once ----------------------------------------------------------------------


def suggestion_records(data: bytes) -> dict[str, list[str]]:
    """Per document id, its suggestion records of a JSONL export (canonical JSON, sorted)."""
    out: dict[str, list[str]] = {}
    for line in data.splitlines():
        record = json.loads(line)
        out.setdefault(record["id"], [])
        if record.get("status") == "suggested":
            out[record["id"]].append(json.dumps(record, sort_keys=True, ensure_ascii=False))
    return {k: sorted(v) for k, v in out.items()}


def torn_records(during: dict[str, list[str]], before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    """Documents whose suggestion records in an export made during a pre-annotation run are neither
    those before the run nor those after it (some of one run's items and some of the other's)."""
    torn = []
    for doc, records in during.items():
        if records in (before.get(doc, []), after.get(doc, [])):
            continue
        kinds = []
        for r in map(json.loads, records):
            kinds.append(f"{r['annotator']}: {len(r['spans'])} spans, {len(r['quotes'])} quotes, "
                         f"{len(r['events'])} events")
        torn.append(f"{doc}: {'; '.join(kinds) or 'no suggestions'}")
    return torn


def writer_problems(result: Result) -> list[str]:
    """A writer racing another must exit 0: these writers hold the lock well under a second at a time,
    far below the bound past which exit 3 (one line naming the holder) is the documented answer, so
    a 3 here is reported as a failure too. Never a traceback, never 'table … already exists', and
    (the inputs are clean) nothing at all on stderr."""
    problems = clean_stderr(result)
    if result.rc == 0:
        if result.err.strip():  # clean inputs: a warning here comes from the race (e.g. a backup's name)
            problems.append("a warning on stderr: " + result.describe())
        return problems
    lines = [line for line in result.err.splitlines() if line.strip()]
    if result.rc == 3 and len(lines) == 1:
        problems.append("gave up waiting (exit 3, one line) although the other writer holds the lock for "
                        "well under a second at a time: " + result.describe())
    else:
        problems.append("failed: " + result.describe())
    return problems
