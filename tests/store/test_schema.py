"""Opening, creating and upgrading project files."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.store.errors import NotAProject

from annotator.domain.commands import Command
from annotator.domain.model import SUGGESTIONS, EntityRef, Span
from annotator.store import NewDocument, Project, open_project
from annotator.store import schema
from annotator.store.schema import SCHEMA_VERSION, ProjectVersionError, migrate
from store_helpers import table


@pytest.fixture
def backend() -> str:
    """This module is about the SQLite file's own machinery."""
    return "sqlite"


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
    with pytest.raises(NotAProject, match="not an annotator project"):
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
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.OperationalError):
        migrate(raw)
    assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # enforcement is back on after the failure
    assert not raw.in_transaction
    raw.close()
    monkeypatch.undo()
    with Project(path) as project:  # still opens with the version that wrote it
        assert project.count_documents() == 0


def assert_empty(path: Path) -> None:
    """The file holds no schema: version 0, no table (what a new project left half-made must be)."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert tables(conn) == set()
    finally:
        conn.close()


def test_a_failing_first_migration_leaves_an_empty_file_at_version_zero(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "fresh.db"
    broken = [*schema.MIGRATIONS[0], "CREATE TABLE spans (x)"]  # the last statement fails: spans exists
    monkeypatch.setattr(schema, "MIGRATIONS", [broken])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    with pytest.raises(sqlite3.OperationalError):
        Project(path)
    assert_empty(path)


def test_a_new_file_whose_last_step_fails_is_left_empty_not_half_made(tmp_path: Path, monkeypatch) -> None:
    """The steps go in together: a new project is empty or whole, never at an earlier schema."""
    path = tmp_path / "fresh.db"
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, ["ALTER TABLE spans ADD COLUMN"]])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        Project(path)
    assert_empty(path)


def test_an_old_file_whose_last_step_fails_keeps_its_own_version(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "v2.db"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
        m.setattr(schema, "SCHEMA_VERSION", 2)
        with Project(path):
            pass
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, ["ALTER TABLE spans ADD COLUMN"]])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        Project(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert "value" not in {r[1] for r in conn.execute("PRAGMA table_info(spans)")}  # step 3 not kept
    finally:
        conn.close()


def test_a_process_killed_between_two_steps_leaves_an_empty_file(tmp_path: Path) -> None:
    """kill -9 after the first steps ran: nothing of them reaches the file."""
    path = tmp_path / "killed.db"
    script = (
        "import os, signal, sys\n"
        "from annotator.store import schema\n"
        "schema.MIGRATIONS = [*schema.MIGRATIONS[:2], ['SELECT 1'], *schema.MIGRATIONS[3:]]\n"
        "import sqlite3\n"
        "from annotator.store.project import Project\n"
        "class Killing(sqlite3.Connection):\n"
        "    def execute(self, sql, *args):\n"
        "        if sql == 'SELECT 1':\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "        return super().execute(sql, *args)\n"
        "real_connect = sqlite3.connect\n"
        "sqlite3.connect = lambda *a, **k: real_connect(*a, factory=Killing, **k)\n"
        "Project(sys.argv[1])\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], cwd=Path(__file__).parents[2], timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert_empty(path)
    with Project(path) as project:  # and the next open makes it whole
        assert "value" in columns(project, "spans")


# --- a real upgrade from the previous schema --------------------------------------------------

ALL_TABLES = ("documents", "annotators", "spans", "quotes", "events", "event_args", "doc_status", "history",
              "settings", "preannotated")


def schema_of(conn: sqlite3.Connection) -> set[tuple]:
    return set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


def fill(project: Project) -> int:
    """Documents and every kind of annotation, in a file of an earlier schema (2 or later). The
    annotations go in with SQL of schema 2 (the current code writes columns the file does not have yet)."""
    text = "Draghi ha detto: «Avanti». Poi la telefonata con Macron."
    (doc_id, _), _ = project.add_documents([NewDocument(text, {"title": "Città"}), NewDocument("Altro.")])
    insert = ('INSERT INTO spans(doc_id, start, "end", label, layer, origin, status, annotator, source_id)'
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    with project.db.atomic():
        first, second = (
            project.conn.execute(insert, (doc_id, start, end, "PER", SUGGESTIONS, "m", "suggested", "m", None)).lastrowid
            for start, end in ((0, 6), (50, 56)))
        project.conn.execute(insert, (doc_id, 0, 6, "PER", "anna", "m", "accepted", "anna", first))
        project.conn.execute(insert, (doc_id, 50, 56, "PER", "anna", "m", "rejected", "anna", second))
        project.conn.execute("INSERT INTO preannotated(doc_id, origin) VALUES (?, 'm')", (doc_id,))
        # quotations and events too: the current code writes the speakers' and arguments' entities
        quote_id = project.conn.execute(
            'INSERT INTO quotes(doc_id, start, "end", kind, speaker_start, speaker_end, speaker_label, layer, origin,'
            " status, annotator) VALUES (?, 18, 25, 'direct', 0, 6, 'PER', 'anna', 'manual', 'accepted', 'anna')",
            (doc_id,)).lastrowid
        event_id = project.conn.execute(
            "INSERT INTO events(doc_id, type, mode, context, trigger_start, trigger_end, quote_id, layer, origin,"
            " status, annotator) VALUES (?, 'CONSULT', 'phone', '[\"diplomatic\"]', 33, 43, ?, 'anna', 'manual',"
            " 'accepted', 'anna')", (doc_id, quote_id)).lastrowid
        project.conn.executemany('INSERT INTO event_args(event_id, position, role, start, "end") VALUES (?, ?, ?, ?, ?)',
                                 [(event_id, 0, "actor", 0, 6), (event_id, 1, "recipient", 50, 56)])
        project.set_doc_status(doc_id, "anna", "in progress")
        project.conn.execute("INSERT INTO history(annotator, doc_id, action, direction) VALUES ('anna', ?, 'edit', 'do')",
                             (doc_id,))
    project.set_setting("labels", "labels.json")
    return doc_id


def columns(project: Project, name: str) -> list[str]:
    return [r[1] for r in project.conn.execute(f"PRAGMA table_info({name})")]


def rows(project: Project, name: str, cols: list[str]) -> list[tuple]:
    select = ", ".join(f'"{c}"' for c in cols)
    return sorted(project.conn.execute(f"SELECT {select} FROM {name}").fetchall(), key=repr)


def test_a_file_of_the_previous_version_is_upgraded_with_everything_kept(tmp_path: Path, monkeypatch) -> None:
    if SCHEMA_VERSION < 2:
        pytest.skip("only one schema version so far")
    old_path, new_path = tmp_path / "old.db", tmp_path / "new.db"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[: SCHEMA_VERSION - 1])
        m.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
        with Project(old_path) as project:
            doc_id = fill(project)
            old_columns = {name: columns(project, name) for name in ALL_TABLES}
            before = {name: rows(project, name, old_columns[name]) for name in ALL_TABLES}
    assert user_version(old_path) == SCHEMA_VERSION - 1

    with Project(old_path) as project, Project(new_path) as fresh:
        assert project.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {name: rows(project, name, old_columns[name]) for name in ALL_TABLES} == before
        added = {name: [c for c in columns(project, name) if c not in old_columns[name]] for name in ALL_TABLES}
        assert {name: cols for name, cols in added.items() if cols} == {
            "quotes": ["speaker_entity_start", "speaker_entity_end", "speaker_entity_label"],
            "event_args": ["entity_start", "entity_end", "entity_label"]}
        assert set(rows(project, "quotes", added["quotes"])) == {(None, None, None)}  # kept rows: unresolved
        assert set(rows(project, "event_args", added["event_args"])) == {(None, None, None)}
        assert schema_of(project.conn) == schema_of(fresh.conn)  # the same schema as a new file
        assert project.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert project.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert project.document_ids(annotator="anna", query="citta") == [doc_id]
        # links still work: a decision follows its suggestion, a document takes its annotations along
        with pytest.raises(sqlite3.IntegrityError):
            project.insert(Span(999, 0, 1, "PER", "anna"))
        project.replace_suggestions([(doc_id, [])], origin="m2", action="again")
        assert [s.source_id for s in project.spans(doc_id, "anna")] == [None, None]
        with project.db.atomic():
            project.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        assert all(project.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0
                   for t in ("spans", "quotes", "events", "event_args"))


def test_a_version_2_file_gets_span_values(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "v2.db"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
        m.setattr(schema, "SCHEMA_VERSION", 2)
        with Project(path) as project:
            doc_id = fill(project)
            assert "value" not in columns(project, "spans")
    assert user_version(path) == 2
    with Project(path) as project:
        assert user_version(path) == SCHEMA_VERSION
        spans = project.spans(doc_id, "anna")
        assert [(s.start, s.end, s.label, s.value) for s in spans] == [(0, 6, "PER", None), (50, 56, "PER", None)]
        stored = project.insert(Span(doc_id, 37, 48, "DATE", "anna", value="2021-12-22"))
    with Project(path) as project:  # the value is on disk, not only in the object returned
        [date_span] = [s for s in project.spans(doc_id, "anna") if s.label == "DATE"]
        assert date_span == stored and date_span.value == "2021-12-22"


def test_a_version_3_file_gets_the_entities_of_speakers_and_arguments(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "v3.db"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3])
        m.setattr(schema, "SCHEMA_VERSION", 3)
        with Project(path) as project:
            doc_id = fill(project)
            assert "speaker_entity_start" not in columns(project, "quotes")
            assert "entity_start" not in columns(project, "event_args")
    assert user_version(path) == 3
    with Project(path) as project:
        assert user_version(path) == SCHEMA_VERSION
        [quote] = project.quotes(doc_id, "anna")
        [event] = project.events(doc_id, "anna")
        assert (quote.speaker_start, quote.speaker_end, quote.speaker_entity) == (0, 6, None)
        assert [(a.role, a.start, a.end, a.entity) for a in event.args] == [("actor", 0, 6, None),
                                                                            ("recipient", 50, 56, None)]
        resolved = quote.with_(speaker_entity_start=50, speaker_entity_end=56, speaker_entity_label="PER")
        project.apply(Command("resolve", doc_id, "anna", updated=[
            (quote, resolved),
            (event, event.with_(args=(event.args[0].with_entity(EntityRef(50, 56, "PER")), event.args[1])))]))
    with Project(path) as project:  # on disk, every column
        assert project.quotes(doc_id, "anna") == [resolved]
        assert [a.entity for a in project.events(doc_id, "anna")[0].args] == [EntityRef(50, 56, "PER"), None]


def test_a_setting_set_to_none_is_removed_and_every_id_can_be_listed(tmp_path: Path) -> None:
    from annotator.store import NewDocument

    with Project(tmp_path / "p.db") as project:
        project.set_setting("model", "it_core_news_lg")
        project.set_setting("model", None)
        assert project.setting("model", "default") == "default"
        ids = [i for i, _ in project.add_documents([NewDocument("Uno."), NewDocument("Due.")])]
        assert project.document_ids() == ids
        with pytest.raises(ValueError, match="annotator"):
            project.document_ids(status="done")  # whose status? refused rather than guessed
