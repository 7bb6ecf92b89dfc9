"""Exports never destroy what the tool did not write (issue 12, item 1; `export --gold`, item 6).

Each test runs the real command line (``annotator.cli.main.main``) on a project built by
:mod:`jsonl_sample` and checks what is left on disk: the project byte for byte, the user's files,
permissions, FIFOs, devices and links, standard output, exit statuses and one-line messages.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from jsonl_sample import build

from annotator.cli.main import main
from annotator.store import open_project
from annotator.store.project import NewDocument


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.fixture
def saved(tmp_path):
    """A closed project file holding the sample (alice, bob, gold, suggestions) in its own folder."""
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "p.db"
    with open_project(path) as project:
        build(project)
    return path


def run(capsys, project: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--project", str(project), "export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``: relative name -> bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


SQLITE_FILES = ("-wal", "-shm", "-journal")  # SQLite's own, which a reader may create empty


def assert_project_intact(path: Path, before: dict[str, bytes] | None) -> None:
    """The project folder as it was (byte for byte, but SQLite's files beside the project, which
    must hold no export), and the project opens with its documents."""
    after = contents(path.parent)
    if before is not None:
        assert {k: v for k, v in after.items() if not k.endswith(SQLITE_FILES)} == before
    assert not any(v.startswith(b"{") for k, v in after.items() if k.endswith(SQLITE_FILES))
    assert after[path.name].startswith(b"SQLite format 3")
    with open_project(path) as project:
        assert project.count_documents() == 2


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# --- the project itself ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["p.db", "./../work/p.db", "P.DB", "link-to-project", "p.db-wal", "p.db-shm",
                                  "p.db-journal"])
def test_an_output_that_is_the_project_or_its_sqlite_files_is_refused(saved, capsys, monkeypatch, name):
    monkeypatch.chdir(saved.parent)
    (saved.parent / "link-to-project").symlink_to(saved.name)
    before = contents(saved.parent)
    code, out, err = run(capsys, saved, "-o", name)
    assert code == 2 and out == ""
    assert "project" in one_line(err) and "choose another output" in err
    assert_project_intact(saved, before)


@pytest.mark.parametrize("fmt", ["brat", "xmi"])
def test_a_folder_holding_the_project_is_refused(saved, capsys, monkeypatch, fmt):
    before = contents(saved.parent)
    for target in (saved.parent, saved.parent.parent):
        code, _, err = run(capsys, saved, "--format", fmt, "-o", str(target))
        assert code == 2 and "holds the project" in one_line(err)
    assert_project_intact(saved, before)
    assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o777 & ~umask()


# --- folders of the user --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["brat", "xmi"])
def test_a_folder_holding_the_users_files_is_refused_and_kept_as_it_was(saved, tmp_path, capsys, fmt):
    mine = tmp_path / "mine"
    (mine / "sub").mkdir(parents=True)
    (mine / "notes.txt").write_text("weeks of work", encoding="utf-8")
    (mine / "sub" / "more.ann").write_text("T1\tPER 0 5\tMario\n", encoding="utf-8")
    mine.chmod(0o751)
    before = contents(mine)
    code, out, err = run(capsys, saved, "--format", fmt, "-o", str(mine))
    assert code == 2 and out == ""
    assert "new or empty folder" in one_line(err) and "notes.txt" in err
    assert contents(mine) == before and stat.S_IMODE(mine.stat().st_mode) == 0o751


def test_a_new_folder_gets_the_usual_permissions_and_an_empty_one_keeps_its_own(saved, tmp_path, capsys):
    assert run(capsys, saved, "--format", "brat", "-o", str(tmp_path / "new"))[0] == 0
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o777 & ~umask()
    empty = tmp_path / "empty"
    empty.mkdir()
    empty.chmod(0o750)
    assert run(capsys, saved, "--format", "xmi", "-o", str(empty))[0] == 0
    assert stat.S_IMODE(empty.stat().st_mode) == 0o750
    assert (empty / "TypeSystem.xml").is_file()
    header = json.loads((empty / ".annotator-export").read_text(encoding="utf-8").splitlines()[0])
    assert header["format"] == "xmi" and header["written"]


def test_an_earlier_export_is_replaced_but_files_added_by_the_user_stay(saved, tmp_path, capsys):
    folder = tmp_path / "brat"
    assert run(capsys, saved, "--format", "brat", "-o", str(folder))[0] == 0
    assert (folder / "doc-1-alice.ann").is_file()
    (folder / "my-notes.txt").write_text("keep me", encoding="utf-8")
    code, out, _ = run(capsys, saved, "--format", "brat", "-o", str(folder), "--gold")
    assert code == 0 and "Wrote 1 record" in out
    names = sorted(p.name for p in folder.iterdir())
    assert names == [".annotator-export", "annotation.conf", "doc-1-gold.ann", "doc-1-gold.txt", "meta.json",
                     "my-notes.txt"]
    assert (folder / "my-notes.txt").read_text(encoding="utf-8") == "keep me"
    # a file of the user where the export would write one of its own: refused, nothing changes
    (folder / "doc-2.txt").write_text("mine too", encoding="utf-8")
    before = contents(folder)
    code, _, err = run(capsys, saved, "--format", "brat", "-o", str(folder))
    assert code == 2 and "doc-2.txt" in one_line(err)
    assert contents(folder) == before
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("exchange", [True, False], ids=["one-step", "two-renames"])
def test_an_earlier_export_is_swapped_whole_and_keeps_its_permissions(saved, tmp_path, capsys, monkeypatch, exchange):
    import annotator.formats.atomic as atomic

    if not exchange:  # a system without renameat2(RENAME_EXCHANGE)
        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    folder = tmp_path / "xmi"
    assert run(capsys, saved, "--format", "xmi", "-o", str(folder))[0] == 0
    folder.chmod(0o750)
    assert run(capsys, saved, "--format", "xmi", "-o", str(folder), "--gold")[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == [".annotator-export", "TypeSystem.xml", "doc-1-gold.xmi"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_spacy_export_that_becomes_a_folder_keeps_the_users_folder(annotated, tmp_path):
    from annotator.formats.spacy_docbin import export_docbin

    project, _ = annotated
    mine = tmp_path / "train.spacy"
    mine.mkdir()
    (mine / "notes.txt").write_text("weeks of work", encoding="utf-8")
    with pytest.raises(Exception, match="new or empty folder") as refused:
        export_docbin(project, mine, part_size=1)
    assert type(refused.value).__name__ == "OutputRefused"
    assert contents(mine) == {"notes.txt": b"weeks of work"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- FIFOs, devices, links, standard output -------------------------------------------------------


def test_a_fifo_is_written_through(saved, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(capsys, saved, "-o", str(fifo))
    reader.join(5)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert run(capsys, saved, "-o", str(tmp_path / "plain.jsonl"))[0] == 0
    assert got == [(tmp_path / "plain.jsonl").read_bytes()]


def test_a_marker_that_is_no_file_is_refused_without_waiting(saved, tmp_path, capsys):
    """A FIFO (or a link to a device) named like the marker would block or never end reading."""
    from annotator.formats.atomic import MARKER

    folder = tmp_path / "brat"
    folder.mkdir()
    os.mkfifo(folder / MARKER)
    (folder / "mine.txt").write_text("the user's", encoding="utf-8")
    result: list[tuple[int, str, str]] = []
    worker = threading.Thread(target=lambda: result.append(run(capsys, saved, "--format", "brat", "-o", str(folder))),
                              daemon=True)
    worker.start()
    worker.join(10)
    if not result:  # unblock the reader so the thread ends
        with open(folder / MARKER, "w", encoding="utf-8"):
            pass
        worker.join(5)
        pytest.fail("the export waited on a FIFO named like the marker")
    code, _, err = result[0]
    assert code == 2 and "cannot be read" in one_line(err)
    assert stat.S_ISFIFO(os.lstat(folder / MARKER).st_mode) and (folder / "mine.txt").read_text(encoding="utf-8") == "the user's"


@pytest.fixture
def no_writes_in_dev(monkeypatch):
    """Today's code would replace a device node (as root): refuse any temporary or rename in /dev."""
    def guard(fn):
        def guarded(*args, **kwargs):
            paths = [*args, kwargs.get("dir")]
            if any(str(p).startswith("/dev") for p in paths if isinstance(p, (str, os.PathLike))):
                raise PermissionError(13, "the test forbids replacing a device", str(paths[0]))
            return fn(*args, **kwargs)
        return guarded

    for module, name in ((tempfile, "mkstemp"), (tempfile, "mkdtemp"), (os, "replace"), (os, "rename")):
        monkeypatch.setattr(module, name, guard(getattr(module, name)))


@pytest.mark.skipif(not os.path.exists("/dev/full") or not stat.S_ISCHR(os.stat("/dev/full").st_mode),
                    reason="needs /dev/full")
def test_a_full_device_is_one_line_and_status_3(saved, capsys, no_writes_in_dev):
    code, out, err = run(capsys, saved, "-o", "/dev/full")
    assert code == 3 and out == ""
    assert "cannot write /dev/full" in one_line(err) and "space" in err
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)
    code, _, _ = run(capsys, saved, "-o", os.devnull)
    assert code == 0 and stat.S_ISCHR(os.lstat(os.devnull).st_mode)


def test_a_symlink_is_followed_and_stays_a_link(saved, tmp_path, capsys):
    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.jsonl"
    link.symlink_to(real.name)
    assert run(capsys, saved, "-o", str(link))[0] == 0
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_text(encoding="utf-8").startswith('{"id": "doc-1"')
    assert stat.S_IMODE(real.stat().st_mode) == 0o600  # the replaced file keeps its permissions


@pytest.mark.parametrize("fmt", ["jsonl", "prodigy", "doccano", "plover", "conll"])
def test_dash_writes_to_standard_output(saved, tmp_path, capsys, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, saved, "--format", fmt, "-o", "-")
    assert code == 0 and err.startswith("Wrote ") and "standard output" in err
    assert not (tmp_path / "-").exists()
    assert run(capsys, saved, "--format", fmt, "-o", "file")[0] == 0
    assert out == (tmp_path / "file").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["brat", "xmi", "spacy"])
def test_dash_is_refused_for_folders_and_binary_formats(saved, tmp_path, capsys, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, saved, "--format", fmt, "-o", "-")
    assert code == 2 and out == "" and "standard output" in one_line(err)
    assert not (tmp_path / "-").exists()


# --- nothing matched ------------------------------------------------------------------------------


@pytest.mark.parametrize("filters", [["--annotator", "nobody"], ["--status", "adjudicated"]])
def test_an_export_that_matches_nothing_says_so_and_leaves_the_target(saved, tmp_path, capsys, filters):
    target = tmp_path / "keep.jsonl"
    target.write_text("an earlier export\n", encoding="utf-8")
    code, out, err = run(capsys, saved, "-o", str(target), *filters)
    assert code == 1 and out == ""
    assert "nothing to export" in one_line(err) and filters[1] in err and "left as it was" in err
    assert target.read_text(encoding="utf-8") == "an earlier export\n"
    code, _, err = run(capsys, saved, "--format", "brat", "-o", str(tmp_path / "none"), *filters)
    assert code == 1 and "was not written" in err and not (tmp_path / "none").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- leftovers of killed exports ------------------------------------------------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_export_removes_what_killed_exports_left_and_nothing_else(saved, tmp_path, capsys):
    host = hashlib.sha1(socket.gethostname().encode("utf-8", "surrogateescape")).hexdigest()[:6]
    other_host = "0" * 6 if host != "0" * 6 else "1" * 6
    dead, alive = dead_pid(), os.getppid()
    folder = tmp_path / "out"
    folder.mkdir()
    hour_ago = time.time() - 2 * 3600
    names = {
        f".a.jsonl.annotator-{host}-{dead}.abcdefgh.tmp": False,  # killed: removed
        f".brat.annotator-{host}-{dead}.ijklmnop.tmp/": False,  # a killed folder export: removed
        f".b.jsonl.annotator-{host}-{alive}.qrstuvwx.tmp": True,  # a running export: kept
        f".c.jsonl.annotator-{other_host}-{dead}.abcdefgh.tmp": True,  # another machine's, fresh: kept
        f".d.jsonl.annotator-{other_host}-{dead}.abcdefgh.tmp@old": False,  # another machine's, old: removed
        ".a.jsonl.k2j3h4g5.tmp@old": False,  # an earlier version's, old: removed
        ".a.jsonl.zzzzzzzz.tmp": True,  # an earlier version's, fresh: kept
        ".a.jsonl.4242.old/@old": True,  # an earlier version's swapped-out folder, maybe the user's files: kept
        ".notes.tmp@old": True,  # not ours
    }
    for spec in names:
        name = spec.split("@")[0].rstrip("/")
        if spec.endswith("/"):
            (folder / name).mkdir()
            (folder / name / "doc-1.ann").write_text("", encoding="utf-8")
        else:
            (folder / name).write_text("half", encoding="utf-8")
        if spec.endswith("@old"):
            os.utime(folder / name, (hour_ago, hour_ago))
    assert run(capsys, saved, "-o", str(folder / "a.jsonl"))[0] == 0
    left = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
    assert left == sorted(spec.split("@")[0].rstrip("/") for spec, kept in names.items() if kept)


# --- what is exported -----------------------------------------------------------------------------


def test_gold_writes_the_gold_layer_alone_like_annotator_gold(saved, tmp_path, capsys):
    assert run(capsys, saved, "--gold", "-o", str(tmp_path / "gold.jsonl"))[0] == 0
    records = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["annotator"] for r in records] == ["gold"]
    assert run(capsys, saved, "--annotator", "gold", "-o", str(tmp_path / "same.jsonl"))[0] == 0
    assert (tmp_path / "same.jsonl").read_bytes() == (tmp_path / "gold.jsonl").read_bytes()
    assert run(capsys, saved, "--gold", "--annotator", "bob", "-o", str(tmp_path / "two.jsonl"))[0] == 0
    records = [json.loads(line) for line in (tmp_path / "two.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["annotator"] for r in records] == ["bob", "gold"]


def test_an_export_reads_one_snapshot(annotated, tmp_path):
    from annotator.services.exporting import export

    project, _ = annotated
    real = project.iter_annotated_documents

    def written_meanwhile(**kwargs):  # another process adds a document once the export has begun
        with open_project(project.path) as other:
            other.add_documents([NewDocument("Aggiunto durante l'esportazione.", {"title": "tardi"})])
        return real(**kwargs)

    project.iter_annotated_documents = written_meanwhile
    report = export(project, tmp_path / "out.jsonl")
    assert (report.documents, report.records) == (2, 3)
    assert project.count_documents() == 3  # the document was added, after the export's snapshot


def test_a_write_error_is_one_line_naming_the_output(saved, tmp_path, capsys):
    blocker = tmp_path / "bad\nname"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    code, out, err = run(capsys, saved, "-o", str(blocker / "out.jsonl"))
    assert code == 2 and out == ""
    assert "cannot write" in one_line(err) and "bad\\nname" in err


# --- the desktop app ------------------------------------------------------------------------------


def test_the_app_refuses_to_export_over_its_project(qtbot, saved, labels):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from annotator.ui.export_dialog import ExportDialog
    from annotator.ui.main_window import MainWindow

    with open_project(saved) as project:
        window = MainWindow(project, "tester", labels)
        qtbot.addWidget(window)
        window.export_annotations()
        dialog = window.findChild(ExportDialog)
        dialog.output_edit.setText(str(saved))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        shown_messages = [box.text() for box in dialog.findChildren(QMessageBox) if box.isVisible()]
        window.close()
    assert len(shown_messages) == 1 and "is the project" in shown_messages[0]
    assert_project_intact(saved, None)  # the app itself may write to its project
