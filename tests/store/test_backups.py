"""Rolling backups (issue 12, item 5): made at open and every 30 minutes of editing with SQLite's
online backup API, pruned to the last 10 plus one per day for a week, listed, restored (the current
state saved first), and checked."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.store import Project
from annotator.store.backup import BackupPolicy, backup_folder, list_backups, make_backup, prune_backups
from annotator.store.project import NewDocument


@pytest.fixture
def backend() -> str:
    """This module is about the SQLite file's own machinery."""
    return "sqlite"


def documents(path: Path) -> int:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("SELECT count(*) FROM documents").fetchone()[0]


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    project = Project(path)
    project.add_documents([NewDocument(text=f"Articolo {i} su Roma e Milano.") for i in range(20)])
    project.close()
    return path


def test_a_writing_command_backs_the_project_up_when_it_opens_it(project_file: Path, tmp_path: Path) -> None:
    (tmp_path / "new.txt").write_text("Un articolo nuovo su Napoli.", encoding="utf-8")
    assert main(["--project", str(project_file), "import", str(tmp_path / "new.txt")]) == 0
    backups = list_backups(project_file)
    assert len(backups) == 1 and backups[0].path.parent == tmp_path / "p.db.backups"
    assert documents(backups[0].path) == 20  # the state before the import
    assert documents(project_file) == 21
    assert not backups[0].path.with_name(backups[0].path.name + "-wal").exists()  # self-contained


def test_opening_an_unchanged_project_again_keeps_the_older_backups(project_file: Path, tmp_path: Path) -> None:
    """A backup of an unchanged project is the newest backup again: it is not added, so a dozen
    commands that change nothing do not rotate the state from before the last change out."""
    (tmp_path / "new.txt").write_text("Un articolo nuovo su Napoli.", encoding="utf-8")
    for _ in range(12):
        assert main(["--project", str(project_file), "import", str(tmp_path / "new.txt")]) == 0
    backups = list_backups(project_file)
    assert [documents(b.path) for b in backups] == [21, 20]


def test_reading_commands_make_no_backup(project_file: Path) -> None:
    assert main(["--project", str(project_file), "stats"]) == 0
    assert not backup_folder(project_file).exists()


def test_editing_backs_up_again_only_after_30_minutes(project_file: Path) -> None:
    now = [1000.0]
    project = Project(project_file)
    project.backups = BackupPolicy(project.conn, project.path, clock=lambda: now[0])
    assert project.backups.backup_now() is not None
    for minute in range(1, 30):
        now[0] = 1000.0 + minute * 60
        project.add_documents([NewDocument(text=f"Modifica {minute}.")])
    assert len(list_backups(project_file)) == 1
    now[0] = 1000.0 + 30 * 60
    project.add_documents([NewDocument(text="La modifica della mezz'ora.")])
    backups = list_backups(project_file)
    assert len(backups) == 2 and documents(backups[0].path) == 20 + 30
    project.close()


def test_a_backup_is_consistent_while_another_process_writes(project_file: Path) -> None:
    code = ("import sys\nfrom annotator.store import Project\nfrom annotator.store.project import NewDocument\n"
            "p = Project(sys.argv[1])\nfor i in range(200):\n"
            "    p.add_documents([NewDocument(text=f'Scritto durante il backup {i}.')])\n")
    writer = subprocess.Popen([sys.executable, "-c", code, str(project_file)])
    project = Project(project_file, readonly=True)
    made = []
    while writer.poll() is None and len(made) < 20:
        made.append(make_backup(project.conn, project_file, project_file.parent))
    writer.wait(timeout=60)
    project.close()
    for path in made:
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert 20 <= count <= 220


def _fake_backup(folder: Path, when: datetime) -> Path:
    path = folder / f"p-{when:%Y%m%d-%H%M%S}.db"
    path.write_bytes(b"")
    return path


def test_pruning_keeps_the_last_10_and_one_per_day_for_a_week(project_file: Path) -> None:
    folder = backup_folder(project_file)
    folder.mkdir()
    now = datetime(2026, 12, 5, 12, 0, 0)
    made = [_fake_backup(folder, now - timedelta(hours=6 * i)) for i in range(50)]  # 12.5 days, 4 a day
    mine = folder / "notes.txt"
    mine.write_text("mie note", encoding="utf-8")
    prune_backups(project_file, now=now)
    kept = {b.path for b in list_backups(project_file)}
    assert set(made[:10]) <= kept
    days = {b.made.date() for b in list_backups(project_file)}
    assert days >= {(now - timedelta(days=d)).date() for d in range(7)}
    assert all(now - b.made <= timedelta(days=7) for b in list_backups(project_file))
    assert len(kept) == 10 + (7 + 1 - 3)  # the last 10 span 2.5 days; then the newest of each older day in the week
    assert mine.exists()


def test_backup_backups_and_restore_through_the_cli(project_file: Path, tmp_path: Path, capsys) -> None:
    dest = tmp_path / "safe"
    dest.mkdir()
    assert main(["--project", str(project_file), "backup", str(dest)]) == 0
    saved = next(dest.iterdir())
    assert documents(saved) == 20
    project = Project(project_file)
    project.add_documents([NewDocument(text="Un articolo da perdere.")])
    project.close()
    assert main(["--project", str(project_file), "restore", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "Saved the state being replaced" in out
    assert documents(project_file) == 20
    before_restore = [b for b in list_backups(project_file) if "before-restore" in b.path.name]
    assert len(before_restore) == 1 and documents(before_restore[0].path) == 21  # the restore can be undone
    assert main(["--project", str(project_file), "backups"]) == 0
    assert before_restore[0].path.name in capsys.readouterr().out
    assert main(["--project", str(project_file), "check"]) == 0


def test_backup_refuses_to_write_over_the_project(project_file: Path, capsys) -> None:
    for target in (project_file, project_file.with_name("p.db-wal")):
        before = project_file.read_bytes()
        assert main(["--project", str(project_file), "backup", str(target)]) == 2
        assert project_file.read_bytes() == before
    assert "the project itself" in capsys.readouterr().err


def test_restore_is_refused_while_another_process_has_the_project_open(project_file: Path, tmp_path: Path,
                                                                        capsys) -> None:
    assert main(["--project", str(project_file), "backup", str(tmp_path / "b.db")]) == 0
    other = Project(project_file)  # here a connection of this process; a second process is the same to SQLite
    code = f"import sqlite3, time\nc = sqlite3.connect({str(project_file)!r})\nc.execute('SELECT 1 FROM documents').fetchone()\nprint('open', flush=True)\ntime.sleep(30)\n"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert main(["--project", str(project_file), "restore", str(tmp_path / "b.db")]) == 3
        assert "open in another process" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
        other.close()


def test_restoring_a_damaged_project_keeps_the_damaged_file(project_file: Path, tmp_path: Path) -> None:
    assert main(["--project", str(project_file), "backup", str(tmp_path / "good.db")]) == 0
    with open(project_file, "r+b") as handle:
        handle.seek(100)
        handle.write(b"\x00" * 3000)
    assert main(["--project", str(project_file), "check"]) == 3
    assert main(["--project", str(project_file), "restore", str(tmp_path / "good.db")]) == 0
    assert documents(project_file) == 20
    damaged = [b for b in list_backups(project_file) if "damaged" in b.path.name]
    assert len(damaged) == 1 and b"\x00" * 3000 in damaged[0].path.read_bytes()


def test_a_failing_backup_never_fails_the_edit(project_file: Path) -> None:
    backup_folder(project_file).write_text("a file where the folder should be", encoding="utf-8")
    warnings: list[str] = []
    project = Project(project_file)
    assert project.start_backups(on_error=warnings.append) is None
    project.add_documents([NewDocument(text="Salvato comunque.")])
    project.close()
    assert warnings and "could not back up" in warnings[0] and "your work is saved" in warnings[0]
    assert documents(project_file) == 21


def test_a_killed_backups_temporary_file_is_removed_by_the_next(project_file: Path) -> None:
    folder = backup_folder(project_file)
    folder.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = folder / f".backup-{dead.stdout.strip()}-1.tmp"
    stale.write_bytes(b"half a backup")
    project = Project(project_file)
    project.start_backups()
    project.close()
    assert not stale.exists() and len(list_backups(project_file)) == 1


def test_the_app_backs_up_when_it_opens_a_project(qtbot, project_file: Path) -> None:
    from annotator.ui.app import build_window

    window = build_window(project_file, "alice", seeds=None)
    qtbot.addWidget(window)
    backups = list_backups(project_file)
    assert len(backups) == 1 and documents(backups[0].path) == 20
    window.close()


def test_backups_made_in_the_same_second_never_replace_each_other(project_file: Path) -> None:
    project = Project(project_file, readonly=True)
    made = [make_backup(project.conn, project_file) for _ in range(4)]
    project.close()
    assert len(set(made)) == 4 and all(p.exists() for p in made)
    assert [b.path for b in list_backups(project_file)] == made[::-1]  # newest first
    assert all(documents(p) == 20 for p in made)


def test_a_process_that_opens_the_project_during_a_restore_keeps_its_edits(
        project_file: Path, tmp_path: Path, monkeypatch) -> None:
    """Another process may open the project after restore's "is it open?" check: it then works on
    the restored project, and an edit it stores after the restore is in the project (with the file
    swapped under it, the edit went into the replaced file and was lost)."""
    from annotator.store import backup as backup_module

    assert main(["--project", str(project_file), "backup", str(tmp_path / "b.db")]) == 0
    with Project(project_file) as project:
        project.add_documents([NewDocument(text="Un articolo dopo il backup.")])
    code = ("import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA busy_timeout = 10000')\nc.execute('SELECT count(*) FROM documents').fetchone()\n"
            "print('open', flush=True)\nsys.stdin.readline()\n"
            "c.execute(\"INSERT INTO settings VALUES ('late-edit', '1')\")\nprint('stored', flush=True)\n")
    late = subprocess.Popen([sys.executable, "-c", code, str(project_file)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    save_current = backup_module._save_current

    def save_then_let_another_process_in(*args, **kwargs):  # after the check, before the restore
        saved = save_current(*args, **kwargs)
        assert late.stdout is not None and late.stdout.readline().strip() == "open"
        return saved

    monkeypatch.setattr(backup_module, "_save_current", save_then_let_another_process_in)
    try:
        backup_module.restore_backup(project_file, tmp_path / "b.db")
        out, _ = late.communicate("go\n", timeout=30)
    finally:
        late.kill()
        late.wait()
    assert out.strip() == "stored"
    assert documents(project_file) == 20  # the backup's state
    with Project(project_file, readonly=True) as project:
        assert project.setting("late-edit") == "1"  # and the edit stored after it
    assert backup_module.check_file(project_file) == []
