"""The project schema and its migrations, versioned with ``PRAGMA user_version``.

Each migration is a list of SQL statements; the steps a file lacks are applied together in one
transaction, so a project file written by an older version is upgraded when opened (or left as it
was), and a newer file is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3

_STATUS = "CHECK (status IN ('suggested', 'accepted', 'rejected'))"
_COMMON = f"""
    layer TEXT NOT NULL,
    origin TEXT NOT NULL,
    status TEXT NOT NULL {_STATUS},
    annotator TEXT NOT NULL,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
"""

# The annotation tables as of schema 2, as functions so that migration 2 can rebuild them under a
# temporary name. Their foreign keys name the final tables (spans, quotes), so nothing changes after
# the rename. Later migrations change them with ALTER TABLE (spans.value: migration 3; the speaker's
# and the arguments' entities: migration 4); a migration
# that rebuilds a table again must start from its current columns, not from these functions.


def _spans_table(name: str = "spans", pk: str = "INTEGER PRIMARY KEY") -> str:
    return f"""CREATE TABLE {name} (
            id {pk},
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            source_id INTEGER REFERENCES spans(id) ON DELETE SET NULL,
            {_COMMON},
            CHECK (0 <= start AND start < "end")
        )"""


def _quotes_table(name: str = "quotes", pk: str = "INTEGER PRIMARY KEY") -> str:
    return f"""CREATE TABLE {name} (
            id {pk},
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('direct', 'partial', 'indirect', 'headline')),
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_label TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            source_id INTEGER REFERENCES quotes(id) ON DELETE SET NULL,
            {_COMMON},
            CHECK (0 <= start AND start < "end")
        )"""


def _events_table(name: str = "events", pk: str = "INTEGER PRIMARY KEY") -> str:
    return f"""CREATE TABLE {name} (
            id {pk},
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            mode TEXT,
            context TEXT NOT NULL DEFAULT '[]',
            trigger_start INTEGER,
            trigger_end INTEGER,
            date TEXT,
            quote_id INTEGER REFERENCES quotes(id) ON DELETE SET NULL,
            comment TEXT,
            source_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
            {_COMMON}
        )"""


_INDEXES = {
    "spans": [
        "CREATE INDEX spans_by_doc ON spans(doc_id, layer, start)",
        "CREATE INDEX spans_by_layer ON spans(layer, status, label)",
        "CREATE INDEX spans_by_source ON spans(source_id) WHERE source_id IS NOT NULL",
    ],
    "quotes": ["CREATE INDEX quotes_by_doc ON quotes(doc_id, layer, start)"],
    "events": ["CREATE INDEX events_by_doc ON events(doc_id, layer)"],
}
_TABLES = {"spans": _spans_table, "quotes": _quotes_table, "events": _events_table}


def _never_reuse_ids() -> list[str]:
    """Rebuild the annotation tables with AUTOINCREMENT (SQLite's 12-step table change).

    Undo deletes an added item and redo inserts it again with the same id; with plain rowids a
    later insert (another document, a pre-annotation batch) could take a freed id and make redo
    fail. AUTOINCREMENT never hands out an id twice.
    """
    statements: list[str] = []
    for table, create in _TABLES.items():
        statements += [
            create(f"{table}__new", "INTEGER PRIMARY KEY AUTOINCREMENT"),
            f"INSERT INTO {table}__new SELECT * FROM {table}",
            f"DROP TABLE {table}",
            f"ALTER TABLE {table}__new RENAME TO {table}",
            *_INDEXES[table],
        ]
    return statements


# The columns of migration 4, the same on a server (annotator.store.pg_schema).
_ENTITY_COLUMNS = [
    "ALTER TABLE quotes ADD COLUMN speaker_entity_start INTEGER",
    "ALTER TABLE quotes ADD COLUMN speaker_entity_end INTEGER",
    "ALTER TABLE quotes ADD COLUMN speaker_entity_label TEXT",
    "ALTER TABLE event_args ADD COLUMN entity_start INTEGER",
    "ALTER TABLE event_args ADD COLUMN entity_end INTEGER",
    "ALTER TABLE event_args ADD COLUMN entity_label TEXT",
]

MIGRATIONS: list[list[str]] = [
    # 1: the initial schema
    [
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            published TEXT,
            source TEXT,
            text TEXT NOT NULL,
            raw TEXT,
            meta TEXT NOT NULL DEFAULT '{}',
            imported_from TEXT,
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
        )""",
        """CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2')""",
        """CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END""",
        """CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        END""",
        """CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END""",
        """CREATE TABLE annotators (
            name TEXT PRIMARY KEY,
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
        )""",
        _spans_table(),
        *_INDEXES["spans"],
        _quotes_table(),
        *_INDEXES["quotes"],
        _events_table(),
        *_INDEXES["events"],
        """CREATE TABLE event_args (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            role TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        )""",
        "CREATE INDEX event_args_by_event ON event_args(event_id, position)",
        """CREATE TABLE doc_status (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('new', 'in progress', 'done', 'in review', 'adjudicated')),
            updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
            PRIMARY KEY (doc_id, annotator)
        ) WITHOUT ROWID""",
        "CREATE INDEX doc_status_by_annotator ON doc_status(annotator, status)",
        """CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            ts TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
            annotator TEXT NOT NULL,
            doc_id INTEGER,
            action TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('do', 'undo', 'redo', 'batch')),
            payload TEXT NOT NULL DEFAULT '{}'
        )""",
        "CREATE INDEX history_by_doc ON history(doc_id, id)",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE preannotated (
            doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            origin TEXT NOT NULL,
            ts TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
        )""",
    ],
    # 2: ids of spans, quotes and events are never reused (redo re-inserts with the old id)
    _never_reuse_ids(),
    # 3: a span's normalised value (a DATE's TIMEX3-style "2021-12-17"); NULL for the others
    ["ALTER TABLE spans ADD COLUMN value TEXT"],
    # 4: the named entity a quotation's speaker and an event's argument resolve to in the article
    # (its range and label, the fullest name); NULL when unresolved, as every row kept from before
    _ENTITY_COLUMNS,
]

SCHEMA_VERSION = len(MIGRATIONS)


class ProjectVersionError(RuntimeError):
    """The project file was written by a newer annotator."""


def check_version(conn: sqlite3.Connection, *, path: str = "") -> int:
    """The file's schema version; raises :class:`ProjectVersionError` (writing nothing) when it is newer."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise ProjectVersionError(
            f"{path or 'project'}: written by a newer annotator (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade annotator to open it"
        )
    return version


def migrate(conn: sqlite3.Connection, *, path: str = "", application_id: int | None = None) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`; returns the version the file had before.

    Every missing step runs in one transaction that takes the write lock up front (``BEGIN
    IMMEDIATE``) and reads the version again under it: a file is at its old version or the newest,
    never in between, even when the process is killed half-way through (a new project's file is empty
    or whole), and two processes opening a new or old project at once migrate it once. Foreign-key
    enforcement is paused (so tables can be rebuilt without cascades) and each step is checked with
    ``PRAGMA foreign_key_check`` before the next. A project without its ``application_id`` gets it
    in the same transaction.
    """
    version = check_version(conn, path=path)
    if version == SCHEMA_VERSION and (
        application_id is None or conn.execute("PRAGMA application_id").fetchone()[0] == application_id
    ):
        return version
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            if application_id is not None:
                conn.execute(f"PRAGMA application_id = {int(application_id)}")
            current = check_version(conn, path=path)  # another process may have migrated meanwhile
            # links already broken before (a file edited by hand) must not block the upgrade
            already = len(conn.execute("PRAGMA foreign_key_check").fetchall()) if current < SCHEMA_VERSION else 0
            for number in range(current + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[number - 1]:
                    conn.execute(statement)
                broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                if len(broken) > already:
                    raise sqlite3.IntegrityError(
                        f"{path or 'project'}: upgrading to schema {number} would break {len(broken) - already} "
                        f"links (table {broken[0][0]}); the file was left as it was"
                    )
                conn.execute(f"PRAGMA user_version = {number}")
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    return version
