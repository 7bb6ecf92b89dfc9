"""Pre-annotation by several processes (``annotator preannotate --workers N``), and on a team project
by several machines sharing one run.

**On a project file** the parent lists the documents to do (those without suggestions, or all) and
puts them on a queue, ``batch_size`` at a time; N worker processes (multiprocessing's ``spawn``
context), each with its own :class:`~annotator.store.project.Project` and its own copy of the
pipeline, take batches from it, compute them, and store each in one short transaction: SQLite's
write lock serialises the writers (a writer waits for it, see
:func:`annotator.store.locks.write_transaction`). Each worker reports every stored batch to the
parent, which sums the progress.

**On a team project (PostgreSQL)** the documents to do are rows of ``preannotate_queue`` (schema 3,
:mod:`annotator.store.pg_schema`), and every worker of every ``preannotate`` command on the project,
on this machine or another, takes its batches by claiming rows (:func:`claim_batch`): one
transaction locks up to ``batch_size`` rows with ``SELECT … FOR UPDATE SKIP LOCKED`` (rows another
worker holds are passed over, never waited for), computes the suggestions of those documents,
stores them and deletes the rows, then commits. A command first adds to the queue what it was asked
for (:func:`enqueue`), then works until no unclaimed row is left; so a second command on another
machine shares the run instead of repeating it. A worker killed in the middle of a batch (``kill
-9``, a machine gone) leaves an open transaction that the server rolls back: its stored suggestions
vanish with it, and its rows, unlocked, are claimed again by whoever runs next; nothing is
half-stored and nothing is lost. Only the project's owner pre-annotates.

In both cases Ctrl-C or a failing worker stops the rest after the batch each has in hand (every
stored batch stays), and the run says why it stopped (:class:`WorkerFailed`): one line and an exit
status, never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import queue as queues
import signal
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.model import SUGGESTIONS
from ..domain.published import publication_reference
from ..domain.shown import shown
from .preannotation import (
    Batch,
    PreannotateProgress,
    SkippedDocument,
    event_suggester_for,
    quote_finder_for,
    named,
    store_suggestions,
    suggestion_batches,
)
from .settings import label_map

# numeric libraries use one thread per worker: N workers on N cores, not N x N threads
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
_POLL_S = 0.2  # how often the parent looks at its workers while none reports
_STOP_WAIT_S = 120.0  # how long a stopping worker may take to finish the batch in hand
# enqueuers take turns (see enqueue); workers never take it
_QUEUE_LOCK = "SELECT pg_advisory_xact_lock(hashtext('annotator preannotate queue'))"


class WorkerFailed(RuntimeError):
    """A worker could not go on (the project became unavailable, a refusal, a bug, a kill); the
    others were stopped after their batch. ``status``: the command's exit status; the message is
    one line for the user."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class BatchDone:
    """What one batch accounted for: ``processed`` documents (stored, failed, or found done),
    ``stored`` suggestions, the ``skipped`` (failed) documents, and ``others``: documents of the
    batch that another command had pre-annotated meanwhile (team projects), so left as they were."""

    processed: int
    stored: int
    skipped: tuple[SkippedDocument, ...] = ()
    others: int = 0


# --- one process's work -------------------------------------------------------------------------


@dataclass
class Suggester:
    """What a process needs to compute suggestions: the loaded pipeline, its origin, the allowed
    labels, the project's label map and event suggester (read once)."""

    project: Any
    nlp: Any
    origin: str
    allowed: list[str] | None
    batch_size: int
    mapping: Any = field(init=False)
    events: Any = field(init=False)
    quotes: Any = field(init=False)

    def __post_init__(self) -> None:
        self.mapping = label_map(self.project)
        self.events = event_suggester_for(self.project)
        self.quotes = quote_finder_for(self.project)

    def batches(self, texts: list[tuple[int, str, Any]]) -> list[Batch]:
        return list(suggestion_batches(self.nlp, texts, origin=self.origin, labels=self.allowed,
                                       batch_size=self.batch_size, label_map=self.mapping, events=self.events,
                                       quotes=self.quotes))


def read_texts(project: Any, ids: Sequence[int]) -> list[tuple[int, str, Any]]:
    """``(doc_id, text, publication reference)`` of the documents among ``ids`` that still exist,
    in id order, in one query."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = project.conn.execute(f"SELECT id, text, meta FROM documents WHERE id IN ({marks}) ORDER BY id",
                                list(ids)).fetchall()
    return [(int(r[0]), r[1], publication_reference(json.loads(r[2]) if r[2] else {})) for r in rows]


def do_documents(project: Any, suggester: Suggester, ids: Sequence[int]) -> BatchDone:
    """Compute and store the suggestions of ``ids``, each batch in one transaction (a project file's
    worker, or inside a claim)."""
    stored, skipped = 0, []
    for batch in suggester.batches(read_texts(project, ids)):
        stored += store_suggestions(project, batch, origin=suggester.origin)
        skipped += batch.skipped
    return BatchDone(len(ids), stored, tuple(skipped))


# --- the queue of a team project ----------------------------------------------------------------


def require_owner(project: Any) -> None:
    """Only a team project's owner pre-annotates: anyone else is refused before anything is done."""
    from ..store.errors import PermissionRefused

    role = project.conn.execute("SELECT annotator_role()").fetchone()[0]
    if role != "owner":
        raise PermissionRefused(f"only the project's owner pre-annotates ({project.user} is "
                                f"{'a ' + role if role else 'not on the team'}): ask the owner to run it")


def enqueue(project: Any, *, redo_all: bool = False) -> int:
    """Add to the queue what this command was asked for; returns how many documents the queue then
    holds (this run's and those of runs under way, which this command helps finish).

    Without ``redo_all``: every document without suggestions (as
    ``Project.documents_without_suggestions`` says) that is not queued yet. With ``redo_all``: every
    document, unless an ``--all`` run is under way (some of its rows are still queued), which this
    command then joins: queuing again the documents that run already did would do them twice. The
    enqueuers take turns (an advisory lock held to the commit), so the second of two ``--all``
    commands started at once sees the first one's rows and joins it. Rows a worker holds are left
    as they are (``ON CONFLICT DO NOTHING``)."""
    with project.transaction():
        project.conn.execute(_QUEUE_LOCK)
        if redo_all:
            under_way = project.conn.execute("SELECT 1 FROM preannotate_queue WHERE run = 'all' LIMIT 1").fetchone()
            if under_way is None:
                project.conn.execute("INSERT INTO preannotate_queue(doc_id, run) SELECT id, 'all' FROM documents"
                                     " ON CONFLICT (doc_id) DO NOTHING")
        else:
            project.conn.execute(
                "INSERT INTO preannotate_queue(doc_id, run) SELECT id, 'missing' FROM documents d"
                " WHERE NOT EXISTS (SELECT 1 FROM spans s WHERE s.doc_id = d.id AND s.layer = ?)"
                " AND NOT EXISTS (SELECT 1 FROM preannotated p WHERE p.doc_id = d.id)"
                " ON CONFLICT (doc_id) DO NOTHING", (SUGGESTIONS,))
        return queued(project)


def work_at_most(project: Any, *, redo_all: bool) -> int:
    """At most how many documents a run would find to do now: those queued, and those
    :func:`enqueue` would add (an estimate for choosing the number of workers, nothing more)."""
    if redo_all:
        return project.count_documents()
    return queued(project) + len(project.documents_without_suggestions())


def queued(project: Any) -> int:
    """How many documents the queue holds (claimed by a worker or not)."""
    return int(project.conn.execute("SELECT count(*) FROM preannotate_queue").fetchone()[0])


def claim_batch(project: Any, suggester: Suggester, size: int) -> BatchDone | None:
    """Claim up to ``size`` queued documents, pre-annotate them and take them off the queue, in one
    transaction; None when no unclaimed row is left.

    Why no document is done twice: whoever stores a document's suggestions holds the lock on its
    queue row from the claim to the commit, and deletes the row in that same transaction. The queue
    has one row per document (its key), and a row cannot come back while a worker holds or is
    deleting it (an insert of the same key waits for that transaction to end). So while this worker
    holds the row, nobody else is storing the document, and every earlier store of it has committed
    or rolled back. One case remains: a document enqueued (by another command's :func:`enqueue`)
    after a worker stored it, because that enqueue's query read the project before the worker's
    commit. Hence the check after the claim, in a statement of its own: under READ COMMITTED it
    reads the project as committed after this worker got the lock, so it sees every earlier store,
    and a 'missing' document that has suggestions by then is only taken off the queue. An 'all'
    row is done whatever the document has: :func:`enqueue` never queues an ``--all`` run while one
    is under way, so that row was queued after (or without) any earlier store of the document.

    Why none is missed: a row leaves the queue only in the transaction that stores its document (or
    finds it done). A worker killed mid-batch never commits: the server rolls its transaction back
    (when its connection drops: TCP keepalives and the client check, set by :func:`tune_session`,
    notice a machine that vanished) and the rows are there again, unlocked, for the next claim. A
    document the pipeline fails on leaves the queue unstored, as on a project file (listed as
    skipped: the next run tries it again)."""
    with project.transaction():
        rows = project.conn.execute("SELECT doc_id FROM preannotate_queue ORDER BY doc_id LIMIT ?"
                                    " FOR UPDATE SKIP LOCKED", (size,)).fetchall()
        if not rows:
            return None
        ids = [int(r[0]) for r in rows]
        marks = ",".join("?" * len(ids))
        todo = [int(r[0]) for r in project.conn.execute(
            f"SELECT q.doc_id FROM preannotate_queue q WHERE q.doc_id IN ({marks}) AND (q.run = 'all' OR"
            " (NOT EXISTS (SELECT 1 FROM spans s WHERE s.doc_id = q.doc_id AND s.layer = ?)"
            " AND NOT EXISTS (SELECT 1 FROM preannotated p WHERE p.doc_id = q.doc_id))) ORDER BY q.doc_id",
            (*ids, SUGGESTIONS)).fetchall()]
        done = do_documents(project, suggester, todo)  # each batch a savepoint of this transaction
        project.conn.execute(f"DELETE FROM preannotate_queue WHERE doc_id IN ({marks})", ids)
    return BatchDone(len(ids), done.stored, done.skipped, others=len(ids) - len(todo))


def tune_session(project: Any) -> None:
    """Settings of a claiming worker's session: its transaction stays open while the pipeline runs,
    so no idle-in-transaction timeout; a vanished client (a killed process, a machine gone) is
    noticed in seconds or minutes, not hours, so its claimed rows come back soon."""
    for statement in ("SET idle_in_transaction_session_timeout = 0", "SET tcp_keepalives_idle = 60",
                      "SET tcp_keepalives_interval = 10", "SET tcp_keepalives_count = 6"):
        project.conn.execute(statement)
    if int(project.conn.execute("SHOW server_version_num").fetchone()[0]) >= 140000:
        project.conn.execute("SET client_connection_check_interval = '5s'")


def claimed_runs(project: Any, suggester: Suggester, size: int, stop: Any = None) -> Iterator[BatchDone]:
    """Claim batch after batch until no unclaimed row is left (or ``stop`` is set)."""
    while stop is None or not stop.is_set():
        done = claim_batch(project, suggester, size)
        if done is None:
            return
        yield done


# --- the worker processes -----------------------------------------------------------------------


def describe_failure(err: BaseException, location: Any) -> tuple[int, str]:
    """A worker's failure as the command line tells it: ``(exit status, one line)``."""
    from ..store.errors import ProjectUnavailable, describe_sqlite_error

    if isinstance(err, ProjectUnavailable):
        return err.exit_status, str(err)
    message = describe_sqlite_error(err, location)
    if message is not None:
        return 3, message
    from .crash_log import write_crash_log

    log = write_crash_log(err)
    where = f"; the details are in {log}: please attach it to a bug report" if log else ""
    return 70, f"internal error in a pre-annotation worker ({type(err).__name__}: {shown(str(err))}){where}"


def _worker(number: int, location: Any, model: str, allowed: list[str] | None, batch_size: int,
            tasks: Any, results: Any, go: Any, stop: Any) -> None:
    """One worker process: open the project, load the pipeline, say it is ready, wait for the go,
    then do batches (``tasks`` on a project file, claims on a team project) until there are none,
    or ``stop`` is set, or the parent is gone. Every outcome is a message on ``results``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which stops us in order
    for name in _THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    from ..nlp.pipeline import GazetteerError, PipelineNotFound, load_pipeline, pipeline_origin
    from ..store.project import Project

    parent = multiprocessing.parent_process()
    project = None
    try:
        project = Project(location, create=False)
        if project.shared:
            tune_session(project)
        nlp = load_pipeline(model)
        suggester = Suggester(project, nlp, pipeline_origin(nlp), allowed, batch_size)
        results.put(("ready", number, suggester.origin))
        while not go.wait(_POLL_S):
            if stop.is_set() or (parent is not None and not parent.is_alive()):
                return
        while not stop.is_set() and (parent is None or parent.is_alive()):
            if tasks is None:
                done = claim_batch(project, suggester, batch_size)
                if done is None:
                    break
            else:
                ids = tasks.get()
                if ids is None:
                    break
                done = do_documents(project, suggester, ids)
            results.put(("batch", number, done))
        results.put(("done", number))
    except (PipelineNotFound, GazetteerError) as err:
        results.put(("pipeline", number, type(err).__name__, str(err)))
    except BaseException as err:  # noqa: BLE001 - told to the parent, which stops the others
        results.put(("error", number, *describe_failure(err, location)))
    finally:
        if project is not None:
            project.close()


def _signal_name(code: int) -> str:
    try:
        return signal.Signals(code).name
    except ValueError:
        return f"signal {code}"


class Crew:
    """N worker processes and the parent's side of them. :meth:`start` spawns them and waits until
    each has loaded the pipeline; :meth:`run` (an iterator) hands out the work and yields the
    summed progress; :meth:`stop` asks them to stop after their batch in hand (what Ctrl-C does)."""

    def __init__(self, project: Any, *, model: str, allowed: list[str] | None, batch_size: int, workers: int,
                 batches: list[list[int]] | None) -> None:
        """``batches``: the documents to do on a project file; None on a team project (claims)."""
        context = multiprocessing.get_context("spawn")
        self.project = project
        self.results = context.Queue()
        self.tasks = context.Queue() if batches is not None else None
        self.go, self._stop = context.Event(), context.Event()
        self.origin = ""
        location = project.path if project.shared else str(Path(project.path).resolve())
        self.processes = [context.Process(target=_worker, name=f"annotator-preannotate-{i + 1}", daemon=True,
                                          args=(i, location, model, allowed, batch_size, self.tasks, self.results,
                                                self.go, self._stop))
                          for i in range(workers)]
        if self.tasks is not None:
            for ids in batches or []:
                self.tasks.put(ids)
            for _ in self.processes:
                self.tasks.put(None)
        self._finished: set[int] = set()
        self._failure: WorkerFailed | None = None
        self._pipeline_error: tuple[str, str] | None = None

    # -- starting --------------------------------------------------------------------------------

    def start(self) -> str:
        """Spawn the workers and wait until each loaded the pipeline; returns its origin. Raises
        ``PipelineNotFound``/``GazetteerError`` or :class:`WorkerFailed` (every worker stopped)."""
        try:
            for process in self.processes:
                process.start()
            ready: set[int] = set()
            while len(ready | self._finished) < len(self.processes) and self._problem() is None:
                for message in self._messages():
                    if message[0] == "ready":
                        ready.add(message[1])
                        self.origin = message[2]
                    else:
                        self._note(message)
        except BaseException:
            self.shutdown()
            raise
        if self._problem() is not None:
            self.shutdown()
            self._raise_problem()
        return self.origin

    def _problem(self) -> object | None:
        return self._pipeline_error or self._failure

    def _raise_problem(self) -> None:
        if self._pipeline_error is not None:
            from ..nlp.pipeline import GazetteerError, PipelineNotFound

            kind, message = self._pipeline_error
            raise (GazetteerError if kind == "GazetteerError" else PipelineNotFound)(message)
        if self._failure is not None:
            raise self._failure

    # -- running ---------------------------------------------------------------------------------

    def run(self, total: int) -> Iterator[PreannotateProgress]:
        """Let the workers go; yield the summed progress after each batch one of them stored. On
        Ctrl-C (KeyboardInterrupt here) the workers are asked to stop, their last batches are still
        counted, then KeyboardInterrupt is raised again; a second Ctrl-C ends them at once (their
        batches in hand are rolled back). A failed worker stops the others the same way, then
        :class:`WorkerFailed` is raised."""
        done = stored = others = 0
        skipped: list[SkippedDocument] = []
        interrupted = False
        self.go.set()
        try:
            yield PreannotateProgress(0, total, 0, self.origin)
            while len(self._finished) < len(self.processes):
                try:
                    for message in self._messages():
                        if message[0] != "batch":
                            self._note(message)
                            continue
                        batch: BatchDone = message[2]
                        done += batch.processed
                        stored += batch.stored
                        others += batch.others
                        skipped += [named(self.project, s) for s in batch.skipped]
                        yield PreannotateProgress(done, total, stored, self.origin, tuple(skipped), others=others)
                except KeyboardInterrupt:
                    if interrupted:  # the second Ctrl-C: end them now
                        self._terminate()
                    interrupted = True
                    self.stop()
        finally:
            self.shutdown()
        if interrupted:
            raise KeyboardInterrupt
        if self._failure is not None:
            raise self._failure

    def stop(self) -> None:
        """Ask the workers to stop after the batch each has in hand (every stored batch stays)."""
        self._stop.set()

    # -- the messages ----------------------------------------------------------------------------

    def _messages(self) -> Iterator[tuple[Any, ...]]:
        """The messages that came in (waiting a little for the first), then a look at the workers:
        one that ended without saying it was done (killed) is a failure, told once its last
        messages were read."""
        try:
            yield self.results.get(timeout=_POLL_S)
        except queues.Empty:
            pass
        yield from self._drain()
        exited = [number for number, process in enumerate(self.processes)
                  if number not in self._finished and process.exitcode is not None]
        if not exited:
            return
        yield from self._drain()  # a process's messages are all in the pipe once it has exited
        for number in exited:
            if number in self._finished:
                continue
            self._finished.add(number)
            exitcode = self.processes[number].exitcode or 0
            if exitcode != 0:
                code = -exitcode if exitcode < 0 else 0
                how = f"was killed ({_signal_name(code)})" if code else f"stopped with status {exitcode}"
                self._fail(WorkerFailed(f"pre-annotation worker {number + 1} {how}; the others stopped after "
                                        "their batch: run 'annotator preannotate' again to do the rest",
                                        128 + code if code else 70))

    def _drain(self) -> Iterator[tuple[Any, ...]]:
        while True:
            try:
                yield self.results.get_nowait()
            except queues.Empty:
                return

    def _note(self, message: tuple[Any, ...]) -> None:
        kind, number = message[0], message[1]
        if kind == "done":
            self._finished.add(number)
        elif kind == "pipeline":
            self._finished.add(number)
            self._pipeline_error = self._pipeline_error or (message[2], message[3])
            self.stop()
        elif kind == "error":
            self._finished.add(number)
            self._fail(WorkerFailed(message[3], message[2]))

    def _fail(self, failure: WorkerFailed) -> None:
        if self._failure is None:
            self._failure = failure
        self.stop()

    # -- ending ----------------------------------------------------------------------------------

    def _terminate(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for number in range(len(self.processes)):
            self._finished.add(number)

    def shutdown(self) -> None:
        """Stop the workers (after their batch in hand, within a bound) and release them. Their last
        messages are read meanwhile (a worker blocked on a full pipe would never end)."""
        self.stop()
        started = [p for p in self.processes if p.pid is not None]
        deadline = time.monotonic() + _STOP_WAIT_S
        while any(p.is_alive() for p in started) and time.monotonic() < deadline:
            with contextlib.suppress(queues.Empty, OSError, EOFError):
                self.results.get(timeout=_POLL_S)
        for process in started:
            if process.is_alive():
                process.terminate()
            process.join(5)
        for channel in (self.results, self.tasks):
            if channel is not None:
                channel.close()
                channel.join_thread()


# --- the runs -----------------------------------------------------------------------------------


def run_in_processes(project: Any, *, model: str, allowed: list[str] | None, batch_size: int, workers: int,
                     doc_ids: list[int] | None, redo_all: bool = False) -> tuple[str, Iterator[PreannotateProgress]]:
    """Start the workers (each loads the pipeline), then give them the work: ``doc_ids`` in batches
    on a project file; on a team project (``doc_ids`` None) the queue, filled now (after the
    pipeline loaded: an unknown model queues nothing). Returns the origin and the progress."""
    batches = None
    if doc_ids is not None:
        batches = [doc_ids[i:i + batch_size] for i in range(0, len(doc_ids), batch_size)]
        workers = max(1, min(workers, len(batches)))
    crew = Crew(project, model=model, allowed=allowed, batch_size=batch_size, workers=workers, batches=batches)
    origin = crew.start()
    try:
        total = len(doc_ids) if doc_ids is not None else enqueue(project, redo_all=redo_all)
    except BaseException:
        crew.shutdown()
        raise
    return origin, Steps(_with_left(project, crew.run(total)), crew.stop)


class Steps(Iterator[PreannotateProgress]):
    """The progress of a run in worker processes (an iterator), and :meth:`stop`: ask the workers to
    stop after the batch each has in hand, as Ctrl-C does; the iteration then ends normally."""

    def __init__(self, steps: Iterator[PreannotateProgress], stop: Any) -> None:
        self._steps = steps
        self._stop = stop

    def __next__(self) -> PreannotateProgress:
        return next(self._steps)

    def stop(self) -> None:
        self._stop()

    def close(self) -> None:
        """Stop the workers now, without waiting for the rest of the progress."""
        close = getattr(self._steps, "close", None)
        if close is not None:
            close()


def _with_left(project: Any, steps: Iterator[PreannotateProgress]) -> Iterator[PreannotateProgress]:
    """The steps, and on a team project a last one saying how many documents are left in the queue:
    claimed by another command (or by one stopped a moment ago, whose rows the server gives back)."""
    last = None
    for last in steps:
        yield last
    if last is not None and project.shared:
        left = queued(project)
        if left:
            yield PreannotateProgress(last.done, last.total, last.suggestions, last.origin, last.skipped,
                                      others=last.others, left=left)


def run_claims_here(project: Any, suggester: Suggester, *, redo_all: bool) -> Iterator[PreannotateProgress]:
    """A team project with one worker, this process: fill the queue now, then claim batches as the
    workers of :func:`run_in_processes` do. Ctrl-C rolls the batch in hand back (its rows go back
    to the queue)."""
    tune_session(project)
    total = enqueue(project, redo_all=redo_all)
    return _with_left(project, _claims_progress(project, suggester, total))


def _claims_progress(project: Any, suggester: Suggester, total: int) -> Iterator[PreannotateProgress]:
    done = stored = others = 0
    skipped: list[SkippedDocument] = []
    yield PreannotateProgress(0, total, 0, suggester.origin)
    for batch in claimed_runs(project, suggester, suggester.batch_size):
        done += batch.processed
        stored += batch.stored
        others += batch.others
        skipped += [named(project, s) for s in batch.skipped]
        yield PreannotateProgress(done, total, stored, suggester.origin, tuple(skipped), others=others)
