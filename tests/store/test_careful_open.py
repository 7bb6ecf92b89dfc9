"""Opening a project carefully (issue 12, item 4): another program's file, an empty file, a damaged
file, read-only files and folders, stale read-only side files, the application id, reading commands
that never write a byte, and write locks taken up front with a bounded wait that names the holder."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.store import Project
from annotator.store.errors import NotAProject, ProjectBusy, ProjectDamaged
from annotator.store.locks import lock_holder
from annotator.store.opening import APPLICATION_ID, _identify, connect_for_writing


@pytest.fixture
def backend() -> str:
    """This module is about the SQLite file's own machinery."""
    return "sqlite"

TEXTS = [f"Il ministro Luigi Bianchi ha incontrato a Milano i sindacati, giorno {i}." for i in range(300)]
# As root, permission bits do not stop a process: the read-only cases run the command without the
# capabilities that override them (util-linux's setpriv), as an ordinary user would.
NO_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: object) -> list[str]:
    return [sys.executable, "-m", "annotator.cli.main", *map(str, args)]


def run_unprivileged(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user whom file permissions bind (dropping root's override when root)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without util-linux's setpriv: permissions cannot bind here")
        prefix = NO_OVERRIDE
    return subprocess.run([*prefix, *cli(*args)], capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """A project file with 300 documents, closed, with no -wal or -shm beside it."""
    path = tmp_path / "p.db"
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"a{i:03}.txt").write_text(text, encoding="utf-8")
    assert main(["--project", str(path), "import", str(folder)]) == 0
    return path


def test_a_new_project_carries_the_application_id_and_schema_version(tmp_path: Path) -> None:
    Project(tmp_path / "new.db").close()
    conn = sqlite3.connect(tmp_path / "new.db")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 3


def test_a_project_from_before_the_application_id_is_recognised_and_stamped(filled: Path) -> None:
    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    before = digest(filled)
    assert main(["--project", str(filled), "stats", "--json"]) == 0  # reading: recognised, not stamped
    assert digest(filled) == before
    Project(filled).close()  # writing: stamped with the id
    assert sqlite3.connect(filled).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


@pytest.mark.parametrize("command", [["stats"], ["export", "-o", "out.jsonl"], ["agreement"], ["import", "x.txt"],
                                     ["preannotate"], ["config"]])
def test_another_programs_database_is_refused_and_left_byte_identical(tmp_path: Path, capsys, command) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('carbonara')")
    conn.commit()
    conn.close()
    (tmp_path / "x.txt").write_text("Un articolo.", encoding="utf-8")
    before = digest(other)
    os.chdir(tmp_path)
    assert main(["--project", str(other), *command]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not an annotator project" in err
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db", "x.txt"]  # no -wal, -shm, output


def test_reading_commands_refuse_an_empty_file_and_add_nothing_to_it(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    for command in (["stats"], ["export", "-o", str(tmp_path / "out.jsonl")], ["agreement"]):
        assert main(["--project", str(empty), *command]) == 2
        assert "empty" in capsys.readouterr().err
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_reading_commands_never_switch_journals_or_migrate(filled: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = digest(filled)
    assert main(["--project", str(filled), "stats"]) == 0
    assert main(["--project", str(filled), "export", "-o", str(tmp_path / "out.jsonl")]) == 0
    assert digest(filled) == before
    assert sqlite3.connect(filled).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def to_schema_2(conn: sqlite3.Connection) -> None:
    """Make a current file one of schema 2: no span values (3), no speakers' and arguments' entities (4)."""
    conn.execute("ALTER TABLE spans DROP COLUMN value")
    for table, column in (("quotes", "speaker_entity_start"), ("quotes", "speaker_entity_end"),
                          ("quotes", "speaker_entity_label"), ("event_args", "entity_start"),
                          ("event_args", "entity_end"), ("event_args", "entity_label")):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("PRAGMA user_version = 2")


def test_an_older_schema_is_read_from_a_copy_and_the_file_left_as_it_was(filled: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA journal_mode = DELETE")
    to_schema_2(conn)
    conn.commit()
    conn.close()
    before = digest(filled)
    out = tmp_path / "out.jsonl"
    assert main(["--project", str(filled), "export", "-o", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(TEXTS)
    assert digest(filled) == before


def test_an_upgrade_that_fails_leaves_an_older_project_as_it_was(filled: Path, monkeypatch) -> None:
    """A project from before the application id, whose upgrade fails, is not half-stamped: the id
    goes in with the upgrade's first step, in one transaction."""
    from annotator.store import schema

    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA journal_mode = DELETE")
    to_schema_2(conn)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    failing = [list(m) for m in schema.MIGRATIONS]
    failing[2] = [*failing[2], "INSERT INTO no_such_table VALUES (1)"]  # the upgrade to schema 3 fails
    monkeypatch.setattr(schema, "MIGRATIONS", failing)
    with pytest.raises(sqlite3.OperationalError):
        Project(filled).close()
    conn = sqlite3.connect(filled)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


def _damage(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk or a stray write would."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek((size // 4096 // 2) * 4096)
        handle.write(b"\xff" * 4096 * 3)


def test_a_damaged_project_is_refused_by_writers_and_nothing_is_written(filled: Path, tmp_path: Path, capsys) -> None:
    _damage(filled)
    before = digest(filled)
    more = tmp_path / "more.txt"
    more.write_text("Un articolo nuovo su Roma.", encoding="utf-8")
    assert main(["--project", str(filled), "import", str(more)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err and "restore" in err
    assert digest(filled) == before
    with pytest.raises(ProjectDamaged):
        Project(filled)
    assert main(["--project", str(filled), "check"]) == 3
    assert "malformed" in capsys.readouterr().out


def test_a_reading_command_on_a_damaged_project_says_so_in_one_line(filled: Path, capsys) -> None:
    with open(filled, "r+b") as handle:  # the schema page itself
        handle.seek(100)
        handle.write(b"\x00" * 3000)
    code = main(["--project", str(filled), "stats"])
    err = capsys.readouterr().err
    assert code == 3 and err.count("\n") == 1 and "Traceback" not in err and "damaged" in err


def test_a_read_only_project_can_be_read_and_exported_but_not_changed(filled: Path, tmp_path: Path) -> None:
    os.chmod(filled, 0o444)
    before = digest(filled)
    out = tmp_path / "out.jsonl"
    result = run_unprivileged("--project", filled, "stats", "--json")
    assert result.returncode == 0, result.stderr
    result = run_unprivileged("--project", filled, "export", "-o", out)
    assert result.returncode == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(TEXTS)
    (tmp_path / "new.txt").write_text("Un articolo nuovo su Roma.", encoding="utf-8")
    result = run_unprivileged("--project", filled, "import", tmp_path / "new.txt")
    assert result.returncode == 3 and result.stderr.count("\n") == 1 and "read-only" in result.stderr
    assert digest(filled) == before


def test_a_project_in_a_read_only_folder_can_be_exported(filled: Path, tmp_path: Path) -> None:
    os.chmod(filled.parent, 0o555)
    try:
        outside = tmp_path.parent / f"{tmp_path.name}-out.jsonl"
        result = run_unprivileged("--project", filled, "export", "-o", outside)
        assert result.returncode == 0, result.stderr
        assert len(outside.read_text(encoding="utf-8").splitlines()) == len(TEXTS)
        result = run_unprivileged("--project", filled, "config", "model", "gazetteer")
        assert result.returncode == 3 and "read-only" in result.stderr and "Traceback" not in result.stderr
    finally:
        os.chmod(filled.parent, 0o755)
        (tmp_path.parent / f"{tmp_path.name}-out.jsonl").unlink(missing_ok=True)


def test_stale_read_only_side_files_do_not_block_once_the_project_is_writable(filled: Path, tmp_path: Path) -> None:
    os.chmod(filled, 0o444)
    assert run_unprivileged("--project", filled, "stats").returncode == 0  # leaves -wal/-shm read-only
    stale = [p for p in filled.parent.iterdir() if p.name.endswith(("-wal", "-shm"))]
    assert stale and all(p.stat().st_mode & 0o222 == 0 for p in stale)
    os.chmod(filled, 0o644)
    (tmp_path / "new.txt").write_text("Un articolo nuovo su Roma.", encoding="utf-8")
    result = run_unprivileged("--project", filled, "import", tmp_path / "new.txt")
    assert result.returncode == 0, result.stderr
    assert Project(filled, readonly=True).count_documents() == len(TEXTS) + 1


def _hold_write_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process, run as ``annotator --project P preannotate --all`` would be, that holds the
    project's write lock for ``seconds``."""
    script = path.with_name("annotator")
    script.write_text(
        f"import sqlite3, sys, time\nc = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\nc.execute(\"INSERT INTO settings VALUES ('held', '1')\")\n"
        f"print('held', flush=True)\ntime.sleep({seconds})\nc.execute('ROLLBACK')\n", encoding="utf-8")
    holder = subprocess.Popen([sys.executable, str(script), "--project", str(path), "preannotate", "--all"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_writer_waits_for_the_lock_and_then_writes(filled: Path) -> None:
    holder = _hold_write_lock(filled, 1.0)
    try:
        project = Project(filled)
        started = time.monotonic()
        project.set_setting("model", "gazetteer")  # waits for the holder instead of failing at once
        assert time.monotonic() - started > 0.3
        assert project.setting("model") == "gazetteer"
        project.close()
    finally:
        holder.wait(timeout=30)


def test_busy_past_the_bound_exits_3_and_names_the_holder(filled: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    holder = _hold_write_lock(filled, 20.0)
    try:
        assert lock_holder(filled) == holder.pid
        monkeypatch.setenv("ANNOTATOR_BUSY_WAIT", "0.5")
        with pytest.raises(ProjectBusy, match=f"pid {holder.pid}"):
            with Project(filled).transaction():
                pass
        (tmp_path / "new.txt").write_text("Un articolo nuovo su Roma.", encoding="utf-8")
        assert main(["--project", str(filled), "import", str(tmp_path / "new.txt")]) == 3
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "busy" in err and "Traceback" not in err
        assert f"'annotator preannotate' (pid {holder.pid})" in err
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_two_processes_creating_one_new_project_both_succeed(tmp_path: Path) -> None:
    code = ("import sys\nfrom annotator.store import Project\nfrom annotator.store.project import NewDocument\n"
            "p = Project(sys.argv[1])\np.add_documents([NewDocument(text=sys.argv[2])])\np.close()\n")
    for round_ in range(5):
        path = tmp_path / f"new{round_}.db"
        procs = [subprocess.Popen([sys.executable, "-c", code, str(path), f"Testo {round_} {n}."],
                                  stderr=subprocess.PIPE, text=True) for n in range(3)]
        errors = [p.communicate(timeout=60)[1] for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0], errors
        assert Project(path, readonly=True).count_documents() == 3


def test_a_project_created_by_another_process_while_it_is_identified_is_not_a_stranger(tmp_path: Path) -> None:
    """The race CI met: the other process commits the new project's first migration between the
    reads that identify the file (id, then version, then tables). The reads share one snapshot."""
    path = tmp_path / "new.db"
    sqlite3.connect(path).execute("PRAGMA journal_mode = WAL").fetchone()  # created, header only
    raced: list[bool] = []

    def create_meanwhile(statement: str) -> None:
        if "sqlite_master" in statement and not raced:
            raced.append(True)
            connect_for_writing(path).close()  # the other creator, complete

    conn = sqlite3.connect(path, isolation_level=None)
    conn.set_trace_callback(create_meanwhile)
    try:
        assert _identify(conn, path) == "empty"
    finally:
        conn.close()
    assert raced == [True]
    with Project(path) as project:  # and the second creator goes on into the finished project
        assert project.count_documents() == 0


def test_an_export_reads_one_snapshot(filled: Path) -> None:
    reader = Project(filled, readonly=True)
    writer = Project(filled)
    with reader.snapshot():
        first = reader.count_documents()
        from annotator.store.project import NewDocument

        writer.add_documents([NewDocument(text="Un articolo aggiunto durante l'esportazione.")])
        assert reader.count_documents() == first  # the snapshot does not move
    assert reader.count_documents() == first + 1
    reader.close()
    writer.close()


def test_a_writer_on_a_full_disk_says_so_in_one_line(filled: Path, capsys) -> None:
    from annotator.store.errors import describe_sqlite_error

    message = describe_sqlite_error(sqlite3.OperationalError("database or disk is full"), filled)
    assert message is not None and "disk is full" in message


def test_not_a_project_text_file_is_refused_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("appunti\n" * 100, encoding="utf-8")
    before = digest(notes)
    with pytest.raises(NotAProject):
        Project(notes)
    with pytest.raises(NotAProject):
        Project(notes, readonly=True)
    assert digest(notes) == before


def test_a_read_only_folder_whose_wal_holds_changes_is_read_whole(filled: Path, tmp_path: Path) -> None:
    # a writer killed before its checkpoint leaves committed changes in the -wal; the -shm is gone
    code = ("import os, sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute('PRAGMA wal_autocheckpoint = 0')\n"
            "c.execute(\"INSERT INTO documents(uid, content_hash, text) VALUES ('late', 'h-late', "
            "'Un articolo rimasto nel WAL.')\")\nc.commit()\nos._exit(0)\n")
    subprocess.run([sys.executable, "-c", code, str(filled)], check=True, timeout=60)
    assert filled.with_name("p.db-wal").stat().st_size > 0
    filled.with_name("p.db-shm").unlink()
    outside = tmp_path.parent / f"{tmp_path.name}-late.jsonl"
    os.chmod(filled.parent, 0o555)
    try:
        result = run_unprivileged("--project", filled, "export", "-o", outside)
        assert result.returncode == 0, result.stderr
        lines = outside.read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(TEXTS) + 1 and any("rimasto nel WAL" in line for line in lines)
    finally:
        os.chmod(filled.parent, 0o755)
        outside.unlink(missing_ok=True)


def test_a_side_file_that_cannot_be_probed_is_never_removed(filled: Path, tmp_path: Path) -> None:
    """A -shm this user can neither read nor change (another user's, in use by their process) cannot
    be probed for its lock: it is left alone, not removed under that process, and the refusal says
    what to check rather than calling the project damaged."""
    code = (f"import sqlite3, time\nc = sqlite3.connect({str(filled)!r})\n"
            "c.execute('SELECT count(*) FROM documents').fetchone()\nprint('open', flush=True)\ntime.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    shm = filled.with_name(filled.name + "-shm")
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        os.chown(shm, 65534, 65534)
        os.chmod(shm, 0)
        inode = shm.stat().st_ino
        (tmp_path / "new.txt").write_text("Un articolo nuovo su Roma.", encoding="utf-8")
        result = run_unprivileged("--project", filled, "import", tmp_path / "new.txt")
        assert result.returncode == 3, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "damaged" not in result.stderr and "-shm" in result.stderr  # not sent to restore a backup
        assert shm.exists() and shm.stat().st_ino == inode
    finally:
        holder.kill()
        holder.wait()


def test_a_backup_into_a_read_only_folder_names_the_folder_not_the_project(filled: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o555)
    result = run_unprivileged("--project", filled, "backup", folder)
    assert result.returncode == 3
    assert "cannot write the backup" in result.stderr and "cannot be opened" not in result.stderr
    assert list(folder.iterdir()) == []
