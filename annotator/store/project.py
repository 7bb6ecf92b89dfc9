"""The project: documents, every layer of annotations and history, in one database.

:class:`Project` is the repository the rest of the program talks to. It takes and returns domain
objects, runs each command in one write transaction (``transaction()``), and records every edit in
``history``. Two backends hold a project, behind the same methods:

- a SQLite file (the embedded default, one person): ``BEGIN IMMEDIATE`` takes the write lock up front,
  WAL journaling keeps readers and the writer from blocking each other;
- a PostgreSQL database (a team, :mod:`annotator.store.postgres`): ``--project postgresql://…``;
  rows are locked as they are written, and the server enforces who may read and write what.

The SQL is written once; :mod:`annotator.store.dialect` holds the few places where the two differ.
Either way a crash never leaves a half-applied command behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import sqlite_utils

from ..domain.commands import Command, Item
from ..domain.model import (
    ACCEPTED,
    REJECTED,
    RESERVED_LAYERS,
    DOC_NEW,
    GOLD,
    SUGGESTED,
    SUGGESTIONS,
    Document,
    Event,
    EventArg,
    Quote,
    Span,
    visible_spans,
)
from .dialect import POSTGRESQL, SQLITE
from .location import display_location, is_server_url, short_name
from .locks import write_transaction
from .opening import connect_for_reading, connect_for_writing

def content_hash(text: str) -> str:
    """Identity of a document's content: the same text imported twice is one document."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document about to be stored (``uid`` defaults to the first 16 hex digits of its hash)."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    raw: str | None = None
    uid: str | None = None
    imported_from: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One line of the document list: what it shows without loading the text."""

    id: int
    uid: str
    title: str
    published: str
    source: str
    status: str
    spans: int
    suggestions: int


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """A document with every layer's annotations (each item knows its layer) and its statuses."""

    document: Document
    spans: list[Span]
    quotes: list[Quote]
    events: list[Event]
    statuses: dict[str, str]  # annotator (or "gold") -> document status; absent means "new"


class Project:
    """A project opened for reading and writing: a SQLite file, or a team project on a server."""

    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True,
                 password: str | None = None) -> None:
        """Open the project at ``path``: a file for reading and writing (a missing or empty file
        becomes a new project when ``create``), or ``readonly``, which never writes a byte (see
        :mod:`annotator.store.opening`); or a ``postgresql://`` URL (``password`` when libpq finds
        none). Raises :class:`~annotator.store.errors.ProjectUnavailable` with a message for the user
        when the project cannot be used that way."""
        self.readonly = readonly
        self.backups: Any = None  # a BackupPolicy once a front end starts rolling backups
        self.shared = is_server_url(path)  # a team project on a PostgreSQL server
        self.path: Any
        if self.shared:
            from .postgres import connect_server

            self.path = str(path)
            self.dialect = POSTGRESQL
            self.db = None
            self._conn: Any = connect_server(self.path, readonly=readonly, create=create, password=password)
        else:
            self.path = Path(path)
            self.dialect = SQLITE
            conn = connect_for_reading(self.path) if readonly else connect_for_writing(self.path, create=create)
            self.db = sqlite_utils.Database(conn)
            self._conn = conn

    @property
    def name(self) -> str:
        """A few words naming the project for a title bar: the file's name, or ``DB on HOST``."""
        return short_name(self.path)

    @property
    def location(self) -> str:
        """Where the project is, for messages: the file's path, or the URL without a password."""
        return display_location(self.path)

    @property
    def user(self) -> str | None:
        """On a server, the login role: who the annotator is (None for a file: anyone may write any layer)."""
        return self._conn.user if self.shared else None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction that takes the write lock up front (``BEGIN IMMEDIATE``), waits for
        another process within a bound and names it when it gives up; nested blocks are savepoints.
        After the outermost one commits, the rolling backups get their chance (at most every 30
        minutes of editing, once :meth:`start_backups` was called)."""
        outermost = not self.conn.in_transaction
        if self.shared:
            from .postgres import server_transaction

            with server_transaction(self._conn):
                yield
            return
        with write_transaction(self.conn, self.path):
            yield
        if outermost and self.backups is not None:
            self.backups.after_edit()

    def start_backups(self, *, on_error: Callable[[str], None] | None = None) -> Path | None:
        """Back the project up now, then at most every 30 minutes of editing (see
        :mod:`annotator.store.backup`); returns the backup made now, if any. For the front ends that
        open a project for writing: the app and the writing commands."""
        from .backup import BackupPolicy

        if self.readonly or self.shared or str(self.path) == ":memory:":
            return None  # a server's backups are pg_dump's (README)
        self.backups = BackupPolicy(self.conn, self.path, on_error=on_error)
        return self.backups.backup_now()

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection: a ``sqlite3.Connection``, or a server session that answers the same calls."""
        return self._conn

    def close(self) -> None:
        self._conn.close()

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT and return the new row's id."""
        if self.shared:
            return self._conn.insert_returning_id(sql, params)
        return int(self.conn.execute(sql, params).lastrowid)  # type: ignore[arg-type]

    @contextlib.contextmanager
    def snapshot(self) -> Iterator["Project"]:
        """Read inside one transaction: every query in the block sees the project as it was when
        the block began, whatever another process writes meanwhile (an export is never torn)."""
        if self.shared:
            from .postgres import server_snapshot

            with server_snapshot(self._conn):
                yield self
            return
        if self.conn.in_transaction:
            yield self
            return
        self.conn.execute("BEGIN DEFERRED")
        try:
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # takes the snapshot now
            yield self
        finally:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- settings and annotators --------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str | None) -> None:
        """Set ``key``; ``None`` removes it, so the default applies again."""
        with self.transaction():
            if value is None:
                self.conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                self.conn.execute(
                    "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def ensure_annotator(self, name: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO annotators(name) VALUES (?) ON CONFLICT DO NOTHING", (name,))

    def annotators(self) -> list[str]:
        """Every annotator's name, by code point ("Zoe" before "alice") on both backends."""
        return [r[0] for r in self.conn.execute(
            f"SELECT name FROM annotators ORDER BY {self.dialect.by_code_point('name')}")]

    # --- documents ----------------------------------------------------------------------------

    def add_documents(self, docs: Iterable[NewDocument]) -> list[tuple[int, bool]]:
        """Store a batch in one transaction; returns (doc id, newly added?) per input document.

        A document whose content is already stored (or comes earlier in the batch) is not added
        again; its existing id is returned. A uid already taken gets "-2", "-3"… Each chunk of
        documents costs a few statements whatever its size (a server is a round trip away)."""
        docs = list(docs)
        results: list[tuple[int, bool]] = []
        with self.transaction():
            for start in range(0, len(docs), _DOCUMENTS_PER_STATEMENT):
                results += self._add_chunk(docs[start:start + _DOCUMENTS_PER_STATEMENT])
        return results

    def _add_chunk(self, docs: Sequence[NewDocument]) -> list[tuple[int, bool]]:
        digests = [content_hash(doc.text) for doc in docs]
        known: dict[str, int] = dict(self._matching("content_hash, id", "content_hash", digests))
        taken = {row[0] for row in self._matching("uid", "uid", [doc.uid or d[:16] for doc, d in zip(docs, digests)])}
        new: dict[str, tuple[Any, ...]] = {}  # content hash -> the row to insert, in the batch's order
        for doc, digest in zip(docs, digests):
            if digest in known or digest in new:
                continue
            uid = self._free_uid(doc.uid or digest[:16], taken)
            taken.add(uid)
            meta = dict(doc.meta)
            new[digest] = (
                uid,
                digest,
                str(meta.get("title") or ""),
                _str_or_none(meta.get("published")),
                _str_or_none(meta.get("source")),
                doc.text,
                doc.raw if doc.raw is not None and doc.raw != doc.text else None,
                json.dumps(meta, ensure_ascii=False),
                doc.imported_from,
            )
        known.update(self._insert_documents(list(new.values())))
        results = []
        for digest in digests:
            results.append((known[digest], digest in new))
            new.pop(digest, None)  # the same text again in the batch is not new
        return results

    def _matching(self, columns: str, column: str, values: Sequence[str]) -> list[tuple[Any, ...]]:
        """``columns`` of the documents whose ``column`` is one of ``values``, in one statement."""
        if not values:
            return []
        if self.shared:  # one array parameter: the statement is the same whatever the number
            return self.conn.execute(f"SELECT {columns} FROM documents WHERE {column} = ANY(?)",
                                     (list(values),)).fetchall()
        marks = ",".join("?" * len(values))
        return self.conn.execute(f"SELECT {columns} FROM documents WHERE {column} IN ({marks})", values).fetchall()

    def _insert_documents(self, rows: Sequence[tuple[Any, ...]]) -> dict[str, int]:
        """Insert documents (rows in ``_DOCUMENT_COLUMNS``'s order); returns their ids by content hash.
        On a server one statement inserts them all (ids handed out in the rows' order)."""
        if not rows:
            return {}
        insert = f"INSERT INTO documents({_DOCUMENT_COLUMNS}) VALUES "
        row_marks = "(" + ", ".join("?" * len(rows[0])) + ")"
        if self.shared:
            returned = self.conn.execute(insert + ", ".join([row_marks] * len(rows)) + " RETURNING content_hash, id",
                                         [value for row in rows for value in row]).fetchall()
            return dict(returned)
        return {row[1]: int(self.conn.execute(insert + row_marks, row).lastrowid) for row in rows}  # type: ignore[arg-type]

    def _free_uid(self, uid: str, taken: set[str]) -> str:
        """``uid``, or ``uid-2``, ``uid-3``… the first that neither the project nor ``taken`` holds
        (``taken`` holds ``uid`` when the project has it)."""
        candidate, n = uid, 1
        while candidate in taken or (candidate != uid and self.conn.execute(
                "SELECT 1 FROM documents WHERE uid = ?", (candidate,)).fetchone()):
            n += 1
            candidate = f"{uid}-{n}"
        return candidate

    def document(self, doc_id: int) -> Document:
        row = self.conn.execute(
            "SELECT id, uid, text, meta, raw, content_hash, imported_from FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no document with id {doc_id}")
        return Document(row[0], row[1], row[2], json.loads(row[3]), row[4] if row[4] is not None else row[2], row[5],
                        row[6])

    def document_id_by_hash(self, digest: str) -> int | None:
        row = self.conn.execute("SELECT id FROM documents WHERE content_hash = ?", (digest,)).fetchone()
        return row[0] if row else None

    def count_documents(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def _document_batches(self, columns: str, batch: int) -> Iterator[list[tuple[Any, ...]]]:
        """Rows of ``documents`` in id order, ``batch`` at a time (keyset paging: constant memory).
        ``columns`` must start with ``id``."""
        last = 0
        while True:
            rows = self.conn.execute(
                f"SELECT {columns} FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    def iter_documents(self, ids: Sequence[int] | None = None, *, batch: int = 500) -> Iterator[Document]:
        """Documents in id order, fetched in batches (constant memory over large projects)."""
        if ids is None:
            for rows in self._document_batches("id, uid, text, meta, raw, content_hash, imported_from", batch):
                for r in rows:
                    yield Document(r[0], r[1], r[2], json.loads(r[3]), r[4] if r[4] is not None else r[2], r[5], r[6])
        else:
            for doc_id in ids:
                yield self.document(doc_id)

    def document_ids(self, *, annotator: str | None = None, status: str | None = None,
                     query: str | None = None) -> list[int]:
        """Ids in import order: all of them, or filtered by an FTS5 query and by ``annotator``'s status."""
        if status and annotator is None:
            raise ValueError("filtering by status needs the annotator whose status it is")
        sql = "SELECT d.id FROM documents d"
        args: list[Any] = []
        where: list[str] = []
        if query and query.strip():
            if self.shared:
                from .postgres import SEARCH_CONFIG, tsquery

                searched = tsquery(query)
                if searched is None:
                    return []
                # the italian configuration drops stop words: a search of those alone ("il") is no
                # filter (as in the file's search, where nearly every article has them)
                searched_sql = f"to_tsquery('{SEARCH_CONFIG}', annotator_unaccent(?))"
                where.append(f"(d.search @@ {searched_sql} OR numnode({searched_sql}) = 0)")
                args += [searched, searched]
            else:
                sql += " JOIN documents_fts f ON f.rowid = d.id"
                where.append("documents_fts MATCH ?")
                args.append(fts_query(query))
        if status:
            sql += " LEFT JOIN doc_status s ON s.doc_id = d.id AND s.annotator = ?"
            args.insert(0, annotator)
            where.append("coalesce(s.status, 'new') = ?")
            args.append(status)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.id"
        return [r[0] for r in self.conn.execute(sql, args)]

    def document_rows(self, ids: Sequence[int], *, annotator: str) -> list[DocumentRow]:
        """List rows for ``ids`` (a screenful): title, date, source, status and counts."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"""SELECT d.id, d.uid, d.title, coalesce(d.published, ''), coalesce(d.source, ''),
                   coalesce((SELECT status FROM doc_status WHERE doc_id = d.id AND annotator = ?), 'new'),
                   -- "+status" keeps the planner on spans_by_doc (one document) rather than
                   -- spans_by_layer (every accepted span of the annotator, for each row)
                   (SELECT count(*) FROM spans WHERE doc_id = d.id AND layer = ? AND {self.dialect.unindexed('status')} = 'accepted'),
                   -- suggestions this annotator has not decided (no decision linked to it) and that
                   -- none of their entities covers: what the article view shows (visible_spans)
                   (SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.layer = ? AND NOT EXISTS
                        (SELECT 1 FROM spans x WHERE x.source_id = s.id AND x.layer = ?) AND NOT EXISTS
                        (SELECT 1 FROM spans y WHERE y.doc_id = d.id AND y.layer = ? AND {self.dialect.unindexed('y.status')} = 'accepted'
                         AND y.start < s."end" AND y."end" > s.start))
                FROM documents d WHERE d.id IN ({marks})""",
            (annotator, annotator, SUGGESTIONS, annotator, annotator, *ids),
        ).fetchall()
        by_id = {r[0]: DocumentRow(*r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    # --- reading annotations ------------------------------------------------------------------

    def spans(self, doc_id: int, layer: str) -> list[Span]:
        return [_span(r) for r in self.conn.execute(
            f'SELECT {_SELECT[Span]} FROM spans WHERE doc_id = ? AND layer = ? ORDER BY start, "end"', (doc_id, layer)
        )]

    def suggestions(self, doc_id: int) -> list[Span]:
        return self.spans(doc_id, SUGGESTIONS)

    def visible_spans(self, doc_id: int, layer: str) -> list[Span]:
        """The annotator's spans plus the suggestions they have not decided on yet."""
        return visible_spans(self.spans(doc_id, layer), self.suggestions(doc_id))

    def quotes(self, doc_id: int, layer: str) -> list[Quote]:
        return [_quote(r) for r in self.conn.execute(
            f'SELECT {_SELECT[Quote]} FROM quotes WHERE doc_id = ? AND layer = ? ORDER BY start, "end"', (doc_id, layer)
        )]

    def events(self, doc_id: int, layer: str) -> list[Event]:
        rows = self.conn.execute(
            f"SELECT {_SELECT[Event]} FROM events WHERE doc_id = ? AND layer = ? ORDER BY id", (doc_id, layer)
        ).fetchall()
        return [_event(r, self._event_args(r[-1])) for r in rows]

    def _event_args(self, event_id: int) -> list[EventArg]:
        return [_event_arg(a) for a in self.conn.execute(
            f"SELECT {_ARG_SELECT} FROM event_args WHERE event_id = ? ORDER BY position", (event_id,)
        )]

    def layers(self, doc_id: int) -> list[str]:
        """Layers with any annotation on ``doc_id`` (annotators, gold; not the suggestions)."""
        rows = self.conn.execute(
            "SELECT layer FROM spans WHERE doc_id = ? UNION SELECT layer FROM quotes WHERE doc_id = ?"
            " UNION SELECT layer FROM events WHERE doc_id = ?",
            (doc_id, doc_id, doc_id),
        )
        return sorted(r[0] for r in rows if r[0] != SUGGESTIONS)

    def iter_annotated_documents(
        self, *, batch: int = 500, statuses: Sequence[str] = (ACCEPTED, SUGGESTED)
    ) -> Iterator["AnnotatedDocument"]:
        """Every document in id order with all its annotations and statuses, a batch of ids at a time.

        Five range queries per batch instead of several per document, for exports of large projects
        in constant memory. Only items whose status is in ``statuses`` are returned (rejected decision
        rows are left out by default). The documents' ``raw`` text is not loaded (None).
        """
        marks = ",".join("?" * len(statuses))
        for docs in self._document_batches("id, uid, text, meta, content_hash", batch):
            lo, hi = docs[0][0], docs[-1][0]
            spans, quotes = (
                self._grouped_by_document(kind, lo, hi, marks, statuses) for kind in (Span, Quote)
            )
            args: dict[int, list[EventArg]] = {}
            for event_id, *arg in self.conn.execute(
                f"SELECT a.event_id, {_ARG_SELECT_A} FROM event_args a JOIN events e ON e.id = a.event_id"
                f" WHERE e.doc_id BETWEEN ? AND ? AND e.status IN ({marks}) ORDER BY a.event_id, a.position",
                (lo, hi, *statuses),
            ):
                args.setdefault(event_id, []).append(_event_arg(arg))
            events: dict[int, list[Event]] = {}
            for r in self.conn.execute(
                f"SELECT {_SELECT[Event]} FROM events"
                f" WHERE doc_id BETWEEN ? AND ? AND status IN ({marks}) ORDER BY doc_id, id",
                (lo, hi, *statuses),
            ):
                events.setdefault(r[0], []).append(_event(r, args.get(r[-1], ())))
            doc_statuses: dict[int, dict[str, str]] = {}
            for doc_id, annotator, status in self.conn.execute(
                "SELECT doc_id, annotator, status FROM doc_status WHERE doc_id BETWEEN ? AND ?", (lo, hi)
            ):
                doc_statuses.setdefault(doc_id, {})[annotator] = status
            for r in docs:
                doc = Document(r[0], r[1], r[2], json.loads(r[3]), None, r[4])  # raw is not read here
                yield AnnotatedDocument(
                    doc, spans.get(doc.id, []), quotes.get(doc.id, []), events.get(doc.id, []),
                    doc_statuses.get(doc.id, {}),
                )

    def _grouped_by_document(self, kind: type, lo: int, hi: int, marks: str,
                             statuses: Sequence[str]) -> dict[int, list[Any]]:
        """Spans or quotes of documents ``lo``..``hi`` with one of ``statuses``, per document in text order."""
        grouped: dict[int, list[Any]] = {}
        for r in self.conn.execute(
            f"SELECT {_SELECT[kind]} FROM {_TABLE[kind]}"
            f' WHERE doc_id BETWEEN ? AND ? AND status IN ({marks}) ORDER BY doc_id, start, "end", id',
            (lo, hi, *statuses),
        ):
            grouped.setdefault(r[0], []).append(_span(r) if kind is Span else _quote(r))
        return grouped

    def has_suggestions(self, doc_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM spans WHERE doc_id = ? AND layer = ? LIMIT 1", (doc_id, SUGGESTIONS)).fetchone() is not None

    def documents_without_suggestions(self) -> list[int]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM documents d WHERE NOT EXISTS"
                " (SELECT 1 FROM spans s WHERE s.doc_id = d.id AND s.layer = ?)"
                " AND NOT EXISTS (SELECT 1 FROM preannotated p WHERE p.doc_id = d.id)"
                " ORDER BY id",
                (SUGGESTIONS,),
            )
        ]

    def documents_nobody_touched(self) -> list[int]:
        """Ids of the documents with no span, quote or event outside the suggestions, and no status."""
        return [row[0] for row in self.conn.execute(
            "SELECT id FROM documents d"
            " WHERE NOT EXISTS (SELECT 1 FROM spans s WHERE s.doc_id = d.id AND s.layer != ?)"
            " AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.doc_id = d.id AND q.layer != ?)"
            " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.doc_id = d.id AND e.layer != ?)"
            " AND NOT EXISTS (SELECT 1 FROM doc_status t WHERE t.doc_id = d.id AND t.status != ?)"
            " ORDER BY id", (SUGGESTIONS, SUGGESTIONS, SUGGESTIONS, DOC_NEW))]

    def doc_status(self, doc_id: int, annotator: str) -> str:
        row = self.conn.execute(
            "SELECT status FROM doc_status WHERE doc_id = ? AND annotator = ?", (doc_id, annotator)
        ).fetchone()
        return row[0] if row else DOC_NEW

    # --- writing: the Repository protocol used by commands -----------------------------------

    def insert(self, item: Item) -> Item:
        """Store ``item``; an item with an id (one coming back on undo) keeps it. An event that names
        its quotation by range (``quote_range``) is linked to that quotation if it is stored."""
        if isinstance(item, Event) and item.quote_id is None and item.quote_range is not None:
            item = item.with_(quote_id=self._quote_at(item.doc_id, item.layer, item.quote_range))
        if item.id is None:  # the database gives the id (PostgreSQL takes no NULL for an identity column)
            item = item.with_(id=self._insert_id(_INSERT_NEW[type(item)], _values(item)[:-1]))
        else:
            self.conn.execute(_INSERT[type(item)], _values(item))
        if isinstance(item, Event):
            self._write_event_args(item.id, item.args)
        return item

    def _write_event_args(self, event_id: int, args: Sequence[EventArg]) -> None:
        self.conn.execute("DELETE FROM event_args WHERE event_id = ?", (event_id,))
        self.conn.executemany(_INSERT_ARG, [_arg_values(event_id, i, a) for i, a in enumerate(args)])

    def exists(self, kind: type, item_id: int) -> bool:
        """Whether the span, quotation or event ``item_id`` is stored (``kind`` is its class)."""
        return self.conn.execute(f"SELECT 1 FROM {_TABLE[kind]} WHERE id = ?", (item_id,)).fetchone() is not None

    def delete(self, item: Item) -> None:
        self.conn.execute(f"DELETE FROM {_TABLE[type(item)]} WHERE id = ?", (item.id,))

    def update(self, item: Item) -> None:
        """Change ``item`` in place: a real UPDATE keeps the links other rows hold to it (deleting
        and re-inserting would unlink the events that cite a quote, and decisions on a suggestion)."""
        values = _values(item)
        self.conn.execute(_UPDATE[type(item)], (*values[:-1], item.id))
        if isinstance(item, Event):
            self._write_event_args(item.id, item.args)

    def set_doc_status(self, doc_id: int, annotator: str, status: str) -> None:
        if status == DOC_NEW:
            # "new" is what a document without a row is: undoing the first edit leaves no trace
            self.conn.execute("DELETE FROM doc_status WHERE doc_id = ? AND annotator = ?", (doc_id, annotator))
            return
        self.conn.execute(_set_status_sql(self.dialect.now), (doc_id, annotator, status))

    def set_doc_statuses(self, rows: Iterable[tuple[int, str, str]]) -> None:
        """:meth:`set_doc_status` for many ``(doc id, annotator, status)`` (the last for a document
        and annotator wins), in two statements: an import of many articles with statuses is not a
        round trip to the server per article."""
        final = {(doc_id, annotator): status for doc_id, annotator, status in rows}
        self.conn.executemany("DELETE FROM doc_status WHERE doc_id = ? AND annotator = ?",
                              [key for key, status in final.items() if status == DOC_NEW])
        self.conn.executemany(_set_status_sql(self.dialect.now),
                              [(*key, status) for key, status in final.items() if status != DOC_NEW])

    # --- commands: one transaction each, logged in history ------------------------------------

    def apply(self, command: Command, *, direction: str = "do") -> None:
        """Apply ``command`` in one transaction and log it (``direction`` is "do" or "redo")."""
        with self.transaction():
            if command.annotator not in RESERVED_LAYERS:  # gold is a layer, not a person
                self.conn.execute("INSERT INTO annotators(name) VALUES (?) ON CONFLICT DO NOTHING",
                                  (command.annotator,))
            command.apply(self)
            self._log(command, direction)

    def revert(self, command: Command) -> None:
        """Undo ``command`` in one transaction and log it."""
        with self.transaction():
            command.revert(self)
            self._log(command, "undo")

    def _log(self, command: Command, direction: str) -> None:
        payload = {
            "added": [_item_json(i) for i in command.added],
            "removed": [_item_json(i) for i in command.removed],
            "updated": [[_item_json(b), _item_json(a)] for b, a in command.updated],
            "status": list(command.status_change) if command.status_change else None,
        }
        self.conn.execute(
            "INSERT INTO history(annotator, doc_id, action, direction, payload) VALUES (?, ?, ?, ?, ?)",
            (command.annotator, command.doc_id, command.text, direction, json.dumps(payload, ensure_ascii=False)),
        )

    def _log_batch(self, annotator: str, action: str) -> None:
        """A batch operation (pre-annotation, import) in the history; it is not undoable."""
        self.conn.execute(
            "INSERT INTO history(annotator, doc_id, action, direction) VALUES (?, NULL, ?, 'batch')",
            (annotator, action),
        )

    def history(self, doc_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        sql = "SELECT id, ts, annotator, doc_id, action, direction FROM history"
        args: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            args = (doc_id,)
        sql += " ORDER BY id DESC LIMIT ?"
        cols = ("id", "ts", "annotator", "doc_id", "action", "direction")
        return [dict(zip(cols, r)) for r in self.conn.execute(sql, (*args, limit))]

    # --- batch operations ---------------------------------------------------------------------

    def replace_suggestions(self, batch: Iterable[tuple[Any, ...]], *, origin: str, action: str) -> int:
        """Store pipeline suggestions for a batch of documents in one transaction.

        Each item is ``(doc_id, spans)``, ``(doc_id, spans, quotes)`` or ``(doc_id, spans, quotes,
        events)``. In an item, an event's ``quote_id`` is the position of its quotation in the
        item's ``quotes`` (the stored quotation's id is put in its place). Earlier suggestions of
        those documents are replaced (their quotations and events too when the item has them);
        annotators' decisions on them lose their link (``source_id`` becomes NULL) but stay in
        their layers. Returns the number stored. A batch costs a handful of statements whatever
        the number of documents (a server is a round trip away)."""
        stored = 0
        with self.transaction():
            for segment in _segments(list(batch)):
                stored += self._replace_segment(segment, origin)
            self._log_batch("@system", action)
        return stored

    def _replace_segment(self, items: Sequence[tuple[Any, ...]], origin: str) -> int:
        """replace_suggestions for items that name each document once."""
        for table, ids in (("spans", [item[0] for item in items]),
                           ("quotes", [item[0] for item in items if len(item) > 2]),
                           ("events", [item[0] for item in items if len(item) > 3])):
            for where, args in self._doc_id_in(ids):
                self.conn.execute(f"DELETE FROM {table} WHERE layer = ? AND {where}", (SUGGESTIONS, *args))
        self.conn.executemany(_INSERT_NEW[Span], [
            _values(Span(doc_id, s.start, s.end, s.label, SUGGESTIONS, s.origin, SUGGESTED, s.origin, value=s.value))[:-1]
            for doc_id, spans, *_ in items for s in spans
        ])
        quote_ids = iter(self._insert_ids(_INSERT_NEW[Quote], [
            _values(q.with_(doc_id=doc_id, layer=SUGGESTIONS, status=SUGGESTED, annotator=q.origin, source_id=None,
                            id=None))[:-1]
            for doc_id, _spans, *rest in items if rest for q in rest[0]
        ]))
        events: list[Event] = []
        for doc_id, _spans, *rest in items:
            stored = [next(quote_ids) for _ in rest[0]] if rest else []
            for e in rest[1] if len(rest) > 1 else ():
                linked = stored[e.quote_id] if e.quote_id is not None and e.quote_id < len(stored) else None
                event = e.with_(doc_id=doc_id, layer=SUGGESTIONS, status=SUGGESTED, annotator=e.origin,
                                source_id=None, id=None, quote_id=linked)
                if linked is None and event.quote_range is not None:  # named by its range, as insert() reads it
                    event = event.with_(quote_id=self._quote_at(doc_id, SUGGESTIONS, event.quote_range))
                events.append(event)
        self._insert_events(events)
        # remember that the document was pre-annotated even when nothing was found
        self.conn.executemany(
            "INSERT INTO preannotated(doc_id, origin) VALUES (?, ?) ON CONFLICT(doc_id) DO UPDATE"
            f" SET origin = excluded.origin, ts = {self.dialect.now}", [(item[0], origin) for item in items])
        return sum(len(item[1]) + sum(len(part) for part in item[2:4]) for item in items)

    def _insert_ids(self, sql: str, rows: Sequence[Sequence[Any]]) -> list[int]:
        """Run the INSERT ``sql`` once per row; the new rows' ids in order (one round trip on a server)."""
        if self.shared:
            return list(self._conn.insert_many_returning_ids(sql, rows))
        return [int(self.conn.execute(sql, row).lastrowid) for row in rows]  # type: ignore[arg-type]

    def _insert_events(self, events: Sequence[Event]) -> list[int]:
        """Insert new events (their ``quote_id`` as given) with their arguments; their ids in order."""
        ids = self._insert_ids(_INSERT_NEW[Event], [_values(e)[:-1] for e in events])
        self.conn.executemany(_INSERT_ARG, [
            _arg_values(event_id, i, a) for event_id, e in zip(ids, events) for i, a in enumerate(e.args)])
        return ids

    def _doc_id_in(self, ids: Sequence[int]) -> Iterator[tuple[str, list[Any]]]:
        """``doc_id`` among ``ids`` as WHERE clauses and their parameters (one on a server; chunks of
        the parameters SQLite takes at once on a file)."""
        if not ids:
            return
        if self.shared:
            yield "doc_id = ANY(?)", [list(ids)]
            return
        for start in range(0, len(ids), _DOCUMENTS_PER_STATEMENT):
            chunk = list(ids[start:start + _DOCUMENTS_PER_STATEMENT])
            yield f"doc_id IN ({','.join('?' * len(chunk))})", chunk

    def _quote_at(self, doc_id: int, layer: str, content: tuple[int, int]) -> int | None:
        """The id of the quotation of ``doc_id`` with this content range, in ``layer`` if there is
        one there, else in any layer."""
        row = self.conn.execute(
            'SELECT id FROM quotes WHERE doc_id = ? AND start = ? AND "end" = ? AND status != ? '
            'ORDER BY layer != ?, id LIMIT 1', (doc_id, content[0], content[1], REJECTED, layer)).fetchone()
        return int(row[0]) if row else None

    def import_annotations(self, items: Iterable[Item], *, action: str, annotator: str) -> int:
        """Store annotations brought in from a file, in one transaction; returns how many.

        An event naming its quotation by range (``quote_range``) is linked to the quotation stored
        with that range when it comes in (in its layer if there is one there, else in any layer; the
        quotations of this import before it in ``items`` count), else to one that came later."""
        items = list(items)
        layers = {item.layer for item in items}
        with self.transaction():
            if all(item.id is None for item in items):
                self._import_new(items)
            else:  # items keeping their ids (rare): one at a time, in order
                self._import_one_by_one(items)
            self.conn.executemany(
                "INSERT INTO annotators(name) VALUES (?) ON CONFLICT DO NOTHING",
                [(layer,) for layer in sorted(layers - {GOLD, SUGGESTIONS})],
            )
            self._log_batch(annotator, action)
        return len(items)

    def _import_one_by_one(self, items: Sequence[Item]) -> None:
        new_spans: list[tuple[Any, ...]] = []  # plain spans go in with one executemany
        unlinked: list[Event] = []  # events naming a quotation by its range: linked once all is in
        for item in items:
            if type(item) is Span and item.id is None:
                new_spans.append(_values(item)[:-1])
            else:
                stored = self.insert(item)
                if isinstance(stored, Event) and stored.quote_range is not None and stored.quote_id is None:
                    unlinked.append(stored)
        for event in unlinked:
            quote_id = self._quote_at(event.doc_id, event.layer, event.quote_range)  # type: ignore[arg-type]
            if quote_id is not None:
                self.conn.execute("UPDATE events SET quote_id = ? WHERE id = ?", (quote_id, event.id))
        self.conn.executemany(_INSERT_NEW[Span], new_spans)

    def _import_new(self, items: Sequence[Item]) -> None:
        """import_annotations of new items in a few statements: what one by one in order would
        store, with the same ids (quotations, then events, then entities, each in order)."""
        quotes = [(position, item) for position, item in enumerate(items) if isinstance(item, Quote)]
        events = [(position, item) for position, item in enumerate(items) if isinstance(item, Event)]
        by_range = [e for _, e in events if e.quote_id is None and e.quote_range is not None]
        # the quotations stored before this import that such events may name: (doc, start, end) -> [(layer, id)]
        candidates: dict[tuple[int, int, int], list[tuple[int, str, int]]] = {}
        for where, args in self._doc_id_in(sorted({e.doc_id for e in by_range})):
            for quote_id, doc_id, layer, start, end in self.conn.execute(
                    f'SELECT id, doc_id, layer, start, "end" FROM quotes WHERE status != ? AND {where}',
                    (REJECTED, *args)):
                candidates.setdefault((doc_id, start, end), []).append((-1, layer, quote_id))
        quote_ids = self._insert_ids(_INSERT_NEW[Quote], [_values(q)[:-1] for _, q in quotes])
        if by_range:
            for (position, quote), quote_id in zip(quotes, quote_ids):
                if quote.status != REJECTED:
                    candidates.setdefault((quote.doc_id, quote.start, quote.end), []).append(
                        (position, quote.layer, quote_id))

        def quote_for(event: Event, before: int) -> int | None:
            found = [(layer != event.layer, quote_id) for position, layer, quote_id
                     in candidates.get((event.doc_id, *event.quote_range), ()) if position < before]  # type: ignore[misc]
            return min(found)[1] if found else None

        stored = [e.with_(quote_id=quote_for(e, position)) if e.quote_id is None and e.quote_range is not None else e
                  for position, e in events]
        event_ids = self._insert_events(stored)
        self.conn.executemany("UPDATE events SET quote_id = ? WHERE id = ?", [
            (quote_id, event_id) for event, event_id in zip(stored, event_ids)
            if event.quote_id is None and event.quote_range is not None
            and (quote_id := quote_for(event, len(items))) is not None])
        self.conn.executemany(_INSERT_NEW[Span], [_values(item)[:-1] for item in items if type(item) is Span])

    # --- statistics ---------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Counts per status, label and annotator, computed with a handful of indexed queries.

        ``layers[name]["documents"]`` counts the documents holding any accepted entity, quotation or
        event of that layer (a document annotated with a quotation alone is annotated too)."""
        q = self.conn.execute
        order = self.dialect.by_code_point  # the dictionaries in the same order on both backends
        documents = q("SELECT count(*) FROM documents").fetchone()[0]
        status: dict[str, dict[str, int]] = {}
        for annotator, st, n in q("SELECT annotator, status, count(*) FROM doc_status GROUP BY annotator, status"
                                  f" ORDER BY {order('annotator')}, {order('status')}"):
            status.setdefault(annotator, {})[st] = n
        labels: dict[str, dict[str, int]] = {}
        for layer, label, n in q(
            "SELECT layer, label, count(*) FROM spans WHERE status IN ('accepted', 'suggested') GROUP BY layer, label"
            f" ORDER BY {order('layer')}, {order('label')}"
        ):
            labels.setdefault(layer, {})[label] = n
        per_layer: dict[str, dict[str, int]] = {}
        for layer, d in q(
            "SELECT layer, count(DISTINCT doc_id) FROM (SELECT layer, doc_id FROM spans WHERE status = ?"
            " UNION ALL SELECT layer, doc_id FROM quotes WHERE status = ?"
            f" UNION ALL SELECT layer, doc_id FROM events WHERE status = ?) AS accepted GROUP BY layer"
            f" ORDER BY {order('layer')}",
            (ACCEPTED, ACCEPTED, ACCEPTED),
        ):
            per_layer[layer] = {"documents": d, "spans": 0}
        for layer, n in q(f"SELECT layer, count(*) FROM spans WHERE status = ? GROUP BY layer ORDER BY {order('layer')}",
                          (ACCEPTED,)):
            per_layer.setdefault(layer, {"documents": 0})["spans"] = n
        quotes = dict(q("SELECT layer, count(*) FROM quotes WHERE status != 'rejected' GROUP BY layer"
                        f" ORDER BY {order('layer')}").fetchall())
        events = dict(q("SELECT layer, count(*) FROM events WHERE status != 'rejected' GROUP BY layer"
                        f" ORDER BY {order('layer')}").fetchall())
        return {
            "documents": documents,
            "status": status,
            "labels": labels,
            "layers": per_layer,
            "quotes": quotes,
            "events": events,
            "annotators": self.annotators(),
        }


def open_project(path: str | Path, *, readonly: bool = False, create: bool = True) -> Project:
    """Open the project file at ``path`` (creating it if needed, unless ``readonly`` or not ``create``).

    Which file by default (``--project``, ``$ANNOTATOR_PROJECT``, ./annotator.db) is the front end's
    decision: :func:`annotator.services.default_project_path`.
    """
    return Project(path, readonly=readonly, create=create)


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word must occur (prefix match on the last)."""
    words = [w.replace('"', '""') for w in text.split() if w.strip('"')]
    if not words:
        return '""'
    parts = [f'"{w}"' for w in words]
    parts[-1] += "*"
    return " ".join(parts)


def _str_or_none(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


_DOCUMENTS_PER_STATEMENT = 500  # 9 values a document: far below both backends' limits on parameters
_DOCUMENT_COLUMNS = "uid, content_hash, title, published, source, text, raw, meta, imported_from"

# One column list per item type, in the dataclass's field order (``id`` last), so a row read with
# ``_SELECT`` builds the item positionally and ``_values`` gives what INSERT and UPDATE write.
# An event's arguments live in event_args; its contexts are stored as JSON.
_TABLE: dict[type, str] = {Span: "spans", Quote: "quotes", Event: "events"}
_COLUMNS: dict[type, tuple[str, ...]] = {
    kind: tuple(f.name for f in fields(kind) if f.name not in ("args", "quote_range")) for kind in _TABLE
}


def _quoted(column: str) -> str:
    return f'"{column}"'  # "end" is an SQL keyword


_SELECT = {kind: ", ".join(map(_quoted, cols)) for kind, cols in _COLUMNS.items()}
_INSERT = {
    kind: f"INSERT INTO {_TABLE[kind]}({_SELECT[kind]}) VALUES ({', '.join('?' * len(cols))})"
    for kind, cols in _COLUMNS.items()
}
_INSERT_NEW = {  # the same without ``id``, for new rows
    kind: f"INSERT INTO {_TABLE[kind]}({', '.join(map(_quoted, cols[:-1]))}) VALUES ({', '.join('?' * (len(cols) - 1))})"
    for kind, cols in _COLUMNS.items()
}
_UPDATE = {
    kind: f"UPDATE {_TABLE[kind]} SET {', '.join(_quoted(c) + ' = ?' for c in cols[:-1])} WHERE id = ?"
    for kind, cols in _COLUMNS.items()
}


def _set_status_sql(now: str) -> str:
    """An annotator's status of a document, set (``now``: the backend's current time)."""
    return ("INSERT INTO doc_status(doc_id, annotator, status) VALUES (?, ?, ?)"
            f" ON CONFLICT(doc_id, annotator) DO UPDATE SET status = excluded.status, updated = {now}")


def _segments(items: list[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    """``items`` cut where a document comes again (the later item replaces the earlier's work)."""
    segment: list[tuple[Any, ...]] = []
    seen: set[int] = set()
    for item in items:
        if item[0] in seen:
            yield segment
            segment, seen = [], set()
        segment.append(item)
        seen.add(item[0])
    if segment:
        yield segment


def _values(item: Item) -> tuple[Any, ...]:
    return tuple(
        json.dumps(list(item.context)) if name == "context" else getattr(item, name)  # type: ignore[union-attr]
        for name in _COLUMNS[type(item)]
    )


def _span(row: Sequence[Any]) -> Span:
    """A span from a row read with ``_SELECT[Span]`` (its ``value`` is keyword-only)."""
    *fixed, value, span_id = row
    return Span(*fixed, value=value, id=span_id)


def _quote(row: Sequence[Any]) -> Quote:
    """A quotation from a row read with ``_SELECT[Quote]`` (its speaker's entity is keyword-only)."""
    (doc_id, start, end, layer, kind, s_start, s_end, s_label, c_start, c_end, e_start, e_end, e_label,
     origin, status, annotator, source_id, quote_id) = row
    return Quote(doc_id, start, end, layer, kind, s_start, s_end, s_label, c_start, c_end, origin, status,
                 annotator, source_id, quote_id, speaker_entity_start=e_start, speaker_entity_end=e_end,
                 speaker_entity_label=e_label)


# An event argument's columns, in the order _event_arg reads them.
_ARG_COLUMNS = ("role", "start", "end", "entity_start", "entity_end", "entity_label")
_ARG_SELECT = ", ".join(map(_quoted, _ARG_COLUMNS))
_ARG_SELECT_A = ", ".join(f"a.{_quoted(c)}" for c in _ARG_COLUMNS)
_INSERT_ARG = (f"INSERT INTO event_args(event_id, position, {_ARG_SELECT})"
               f" VALUES (?, ?, {', '.join('?' * len(_ARG_COLUMNS))})")


def _event_arg(row: Sequence[Any]) -> EventArg:
    role, start, end, e_start, e_end, e_label = row
    return EventArg(role, start, end, entity_start=e_start, entity_end=e_end, entity_label=e_label)


def _arg_values(event_id: int, position: int, arg: EventArg) -> tuple[Any, ...]:
    return (event_id, position, arg.role, arg.start, arg.end, arg.entity_start, arg.entity_end, arg.entity_label)


def _event(row: Sequence[Any], args: Iterable[EventArg]) -> Event:
    data = dict(zip(_COLUMNS[Event], row))
    data["context"] = tuple(json.loads(data["context"]))
    return Event(**data, args=tuple(args))


def _item_json(item: Item) -> dict[str, Any]:
    return {"item": type(item).__name__, **asdict(item)}
