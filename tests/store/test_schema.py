"""Opening, creating and upgrading project files."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from annotator.store import NewDocument, Project, open_project
from annotator.store import schema
from annotator.store.schema import SCHEMA_VERSION, ProjectVersionError, migrate


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_new_project_uses_wal_foreign_keys_and_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Project(path) as project:
        assert project.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert project.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert project.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {"documents", "spans", "quotes", "events", "doc_status", "history"} <= tables(project.conn)
        assert not project.conn.in_transaction
    assert user_version(path) == SCHEMA_VERSION


def test_reopening_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Project(path) as project:
        project.set_setting("labels", "resources/labels.json")
        project.ensure_annotator("anna")
    with Project(path) as project:
        assert project.setting("labels") == "resources/labels.json"
        assert project.setting("missing", "x") == "x"
        assert project.annotators() == ["anna"]
        assert project.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # per connection: set again


def test_open_project_defaults_to_annotator_db_in_the_current_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_project() as project:
        assert project.path == Path("annotator.db")
    assert (tmp_path / "annotator.db").exists()


def test_an_in_memory_project_works() -> None:
    with Project(":memory:") as project:
        assert project.count_documents() == 0


def test_a_newer_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO documents(text) VALUES ('dal futuro')")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    mtime = os.stat(path).st_mtime_ns

    with pytest.raises(ProjectVersionError) as info:
        Project(path)
    message = str(info.value)
    assert str(path) in message and "newer" in message and "upgrade" in message

    assert path.read_bytes() == before
    assert os.stat(path).st_mtime_ns == mtime
    assert sorted(os.listdir(tmp_path)) == ["future.db"]  # no -wal/-shm left behind: the file was closed
    assert user_version(path) == SCHEMA_VERSION + 1


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 50)
    before = path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        Project(path)
    assert path.read_bytes() == before


def test_migrate_from_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    assert user_version(path) == 0
    with Project(path) as project:
        assert project.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "spans" in tables(project.conn)


def test_migrate_is_idempotent(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    assert migrate(conn) == 0
    schema_sql = sorted(conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall())
    assert migrate(conn) == SCHEMA_VERSION  # nothing left to do
    assert sorted(conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()) == schema_sql
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_an_older_file_is_upgraded_when_opened(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.db"
    with Project(path) as project:
        doc_id = project.add_documents([NewDocument("Roma.")])[0][0]
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, ["CREATE TABLE extra (x TEXT)",
                                                                    "INSERT INTO extra VALUES ('ok')"]])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Project(path) as project:
        assert project.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert project.conn.execute("SELECT x FROM extra").fetchall() == [("ok",)]
        assert project.document(doc_id).text == "Roma."


def test_a_failing_migration_is_rolled_back(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.db"
    with Project(path):
        pass
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, ["CREATE TABLE extra (x TEXT)",
                                                                    "ALTER TABLE spans ADD COLUMN"]])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        Project(path)
    assert user_version(path) == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    try:
        assert "extra" not in tables(conn)
    finally:
        conn.close()
    monkeypatch.undo()
    with Project(path) as project:  # still opens with the version that wrote it
        assert project.count_documents() == 0


def test_a_failing_first_migration_leaves_an_empty_file_at_version_zero(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "fresh.db"
    broken = [*schema.MIGRATIONS[0], "CREATE TABLE spans (x)"]  # the last statement fails: spans exists
    monkeypatch.setattr(schema, "MIGRATIONS", [broken])
    with pytest.raises(sqlite3.OperationalError):
        Project(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert tables(conn) == set()
    finally:
        conn.close()
