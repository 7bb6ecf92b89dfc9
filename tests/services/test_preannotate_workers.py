"""``preannotate --workers N`` on a project file: N processes share the batches and store exactly what
one process stores; Ctrl-C (stop) and a killed worker leave whole batches, and the next run does the
rest. (On a team project: test_preannotate_claims.py.)"""

from __future__ import annotations

import os
import signal
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.domain.model import SUGGESTIONS
from annotator.services.preannotation import preannotate
from annotator.store import open_project
from annotator.store.project import NewDocument
from preannotate_helpers import REPO, command, spawned_children, wait_for

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]


def articles(count: int) -> list[NewDocument]:
    """Real articles (the seeds: entities, quotations, events), each with a line of its own."""
    return [NewDocument(f"{SEEDS[i % len(SEEDS)]}\n\nAggiornamento {i}: Mario Draghi a Roma, martedì.",
                        {"title": f"Articolo {i}", "published": "2021-12-22"}) for i in range(count)]


def suggestions_layer(project) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """Everything the suggestions layer holds, per document uid, without the stored ids."""
    layer = {}
    for doc in project.iter_documents():
        quotes = project.quotes(doc.id, SUGGESTIONS)
        at = {q.id: (q.start, q.end) for q in quotes}
        layer[doc.uid] = (
            sorted(repr(replace(s, id=None)) for s in project.suggestions(doc.id)),
            sorted(repr(replace(q, id=None)) for q in quotes),
            sorted(repr((replace(e, id=None, quote_id=None), at.get(e.quote_id)))
                   for e in project.events(doc.id, SUGGESTIONS)),
        )
    return layer


def preannotated(path: Path) -> set[int]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT doc_id FROM preannotated")}


@pytest.fixture
def corpus(tmp_path: Path):
    """A project file of 30 articles whose model is the gazetteer; returns its path."""
    path = tmp_path / "news.db"
    with open_project(path) as project:
        project.add_documents(articles(30))
        project.set_setting("model", "gazetteer")
    return path


def copy_of(path: Path, name: str) -> Path:
    target = path.with_name(name)
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


@pytest.mark.parametrize("model", ["gazetteer", "bundled"])
def test_two_workers_store_exactly_what_one_stores(corpus, labels, model) -> None:
    alone, shared = corpus, copy_of(corpus, "shared.db")
    steps = {}
    for path, workers in ((alone, 1), (shared, 2)):
        with open_project(path) as project:
            if model == "bundled":
                project.set_setting("model", None)  # the default: the bundled model
            steps[workers] = list(preannotate(project, labels=labels, batch_size=4, workers=workers))
    with open_project(alone) as one, open_project(shared) as two:
        layer = suggestions_layer(one)
        assert suggestions_layer(two) == layer
        assert sum(len(spans) for spans, _, _ in layer.values()) > 30  # the comparison is not of empty layers
        assert one.documents_without_suggestions() == two.documents_without_suggestions() == []
    # the parent sums its workers' progress: every document once, the same count of suggestions
    one_steps, two_steps = steps[1], steps[2]
    assert two_steps[0].done == 0 and two_steps[0].total == 30
    assert [s.done for s in two_steps] == sorted(s.done for s in two_steps)
    assert two_steps[-1].done == two_steps[-1].total == 30 and len(two_steps) == 1 + 30 // 4 + 1
    assert two_steps[-1].suggestions == one_steps[-1].suggestions
    assert two_steps[-1].origin == one_steps[-1].origin


def test_stopping_keeps_the_stored_batches_and_the_next_run_does_the_rest(corpus, labels) -> None:
    alone = copy_of(corpus, "alone.db")
    with open_project(alone) as project:
        list(preannotate(project, labels=labels, batch_size=1))
    with open_project(corpus) as project:
        run = preannotate(project, labels=labels, batch_size=1, workers=2)
        assert next(run).done == 0
        assert next(run).done == 1  # a first batch is stored
        lock = sqlite3.connect(corpus, isolation_level=None, timeout=60)
        lock.execute("BEGIN IMMEDIATE")  # no worker stores anything now
        stored_then = len(preannotated(corpus))
        run.stop()  # what Ctrl-C does
        lock.execute("ROLLBACK")
        lock.close()
        rest = list(run)
        done = rest[-1].done if rest else 1
        # each worker finished the one batch it had in hand, then stopped; what was stored is told
        assert stored_then <= done <= stored_then + 2 and done < 30
        assert len(preannotated(corpus)) == done
        again = list(preannotate(project, labels=labels, batch_size=1, workers=2))
        assert again[-1].done == again[-1].total == 30 - done
    with open_project(alone) as one, open_project(corpus) as two:
        assert suggestions_layer(two) == suggestions_layer(one)


def test_the_command_line_option(corpus, capsys) -> None:
    assert main(["--project", str(corpus), "preannotate", "--workers", "2", "--batch-size", "4"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Pre-annotated 30 documents with gazetteer_it@")
    assert len(preannotated(corpus)) == 30
    assert main(["--project", str(corpus), "preannotate", "--workers", "0"]) == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_an_unknown_model_is_one_line_and_nothing_is_saved(corpus, capsys) -> None:
    code = main(["--project", str(corpus), "preannotate", "--workers", "2", "--batch-size", "4",
                 "--model", "no_such_pipeline_xyz"])
    out, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "no_such_pipeline_xyz" in err and "Traceback" not in err
    assert "Saved" not in out and preannotated(corpus) == set()
    with open_project(corpus) as project:
        assert project.setting("model") == "gazetteer"


# -- a worker killed -------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")
def test_a_killed_worker_stops_the_others_and_the_next_run_does_the_rest(corpus, labels) -> None:
    alone = copy_of(corpus, "alone.db")
    with open_project(alone) as project:
        list(preannotate(project, labels=labels, batch_size=2))
    lock = sqlite3.connect(corpus, isolation_level=None, timeout=60)
    lock.execute("BEGIN IMMEDIATE")  # the workers can start, not store
    run = command(corpus, "--workers", "2", "--batch-size", "2")
    try:
        workers = wait_for(lambda: len(spawned_children(run.pid)) == 2 and spawned_children(run.pid),
                           "two worker processes")
        os.kill(workers[0], signal.SIGKILL)
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    out, err = run.communicate(timeout=300)
    assert run.returncode == 128 + signal.SIGKILL
    assert "Traceback" not in err and err.count("annotator: error:") == 1
    assert "was killed (SIGKILL)" in err and "run 'annotator preannotate' again" in err
    stored = len(preannotated(corpus))
    assert stored < 30 and stored % 2 == 0  # whole batches only
    if out:  # the workers had started: the summary tells what was stored
        assert out.startswith(f"Pre-annotated {stored} document")
    again = command(corpus, "--workers", "2", "--batch-size", "2")
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert out.startswith(f"Pre-annotated {30 - stored} documents")
    with open_project(alone) as one, open_project(corpus) as two:
        assert suggestions_layer(two) == suggestions_layer(one)
