"""The project file: one SQLite database holding documents, every layer of annotations and history.

:class:`Project` is the repository the rest of the program talks to. It takes and returns domain
objects, runs each command in one transaction (``db.atomic()``), and records every edit in
``history``. WAL journaling keeps readers and the writer from blocking each other, and a crash never
leaves a half-applied command behind.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from ..domain.commands import Command, Item
from ..domain.model import (
    ACCEPTED,
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
from .schema import check_version, migrate

DEFAULT_PROJECT = "annotator.db"


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
    """A project file opened for reading and writing."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            # refuse a newer file before anything (switching to WAL included) writes to it
            check_version(conn, path=str(self.path))
            self.db = sqlite_utils.Database(conn)
            if str(path) != ":memory:":
                self.db.enable_wal()
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn, path=str(self.path))
        except BaseException:
            conn.close()  # do not keep a file we refused (or failed to upgrade) open and locked
            raise

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- settings and annotators --------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def ensure_annotator(self, name: str) -> None:
        with self.db.atomic():
            self.conn.execute("INSERT OR IGNORE INTO annotators(name) VALUES (?)", (name,))

    def annotators(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM annotators ORDER BY name")]

    # --- documents ----------------------------------------------------------------------------

    def add_documents(self, docs: Iterable[NewDocument]) -> list[tuple[int, bool]]:
        """Store a batch in one transaction; returns (doc id, newly added?) per input document.

        A document whose content is already stored is not added again; its existing id is returned.
        """
        results: list[tuple[int, bool]] = []
        with self.db.atomic():
            for doc in docs:
                digest = content_hash(doc.text)
                row = self.conn.execute("SELECT id FROM documents WHERE content_hash = ?", (digest,)).fetchone()
                if row:
                    results.append((row[0], False))
                    continue
                uid = self._free_uid(doc.uid or digest[:16])
                meta = dict(doc.meta)
                cursor = self.conn.execute(
                    "INSERT INTO documents(uid, content_hash, title, published, source, text, raw, meta, imported_from)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        uid,
                        digest,
                        str(meta.get("title") or ""),
                        _str_or_none(meta.get("published")),
                        _str_or_none(meta.get("source")),
                        doc.text,
                        doc.raw if doc.raw is not None and doc.raw != doc.text else None,
                        json.dumps(meta, ensure_ascii=False),
                        doc.imported_from,
                    ),
                )
                results.append((int(cursor.lastrowid), True))
        return results

    def _free_uid(self, uid: str) -> str:
        candidate, n = uid, 1
        while self.conn.execute("SELECT 1 FROM documents WHERE uid = ?", (candidate,)).fetchone():
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

    def document_ids(self, *, annotator: str, status: str | None = None, query: str | None = None) -> list[int]:
        """Ids for the document list, in import order, filtered by the annotator's status and FTS5 query."""
        sql = "SELECT d.id FROM documents d"
        args: list[Any] = []
        where: list[str] = []
        if query and query.strip():
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
                   (SELECT count(*) FROM spans WHERE doc_id = d.id AND layer = ? AND +status = 'accepted'),
                   -- suggestions this annotator has not accepted or rejected yet
                   (SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.layer = ? AND NOT EXISTS
                        (SELECT 1 FROM spans x WHERE x.source_id = s.id AND x.layer = ?))
                FROM documents d WHERE d.id IN ({marks})""",
            (annotator, annotator, SUGGESTIONS, annotator, *ids),
        ).fetchall()
        by_id = {r[0]: DocumentRow(*r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    # --- reading annotations ------------------------------------------------------------------

    def spans(self, doc_id: int, layer: str) -> list[Span]:
        return [
            _span(r)
            for r in self.conn.execute(
                'SELECT id, doc_id, start, "end", label, layer, origin, status, annotator, source_id'
                " FROM spans WHERE doc_id = ? AND layer = ? ORDER BY start, \"end\"",
                (doc_id, layer),
            )
        ]

    def suggestions(self, doc_id: int) -> list[Span]:
        return self.spans(doc_id, SUGGESTIONS)

    def visible_spans(self, doc_id: int, layer: str) -> list[Span]:
        """The annotator's spans plus the suggestions they have not decided on yet."""
        return visible_spans(self.spans(doc_id, layer), self.suggestions(doc_id))

    def quotes(self, doc_id: int, layer: str) -> list[Quote]:
        return [
            _quote(r)
            for r in self.conn.execute(
                'SELECT id, doc_id, start, "end", layer, kind, speaker_start, speaker_end, speaker_label,'
                " cue_start, cue_end, origin, status, annotator, source_id FROM quotes"
                ' WHERE doc_id = ? AND layer = ? ORDER BY start, "end"',
                (doc_id, layer),
            )
        ]

    def events(self, doc_id: int, layer: str) -> list[Event]:
        rows = self.conn.execute(
            "SELECT id, doc_id, type, layer, mode, context, trigger_start, trigger_end, date, quote_id,"
            " comment, origin, status, annotator, source_id FROM events WHERE doc_id = ? AND layer = ? ORDER BY id",
            (doc_id, layer),
        ).fetchall()
        events = []
        for r in rows:
            args = tuple(
                EventArg(a[0], a[1], a[2])
                for a in self.conn.execute(
                    'SELECT role, start, "end" FROM event_args WHERE event_id = ? ORDER BY position', (r[0],)
                )
            )
            events.append(
                Event(
                    doc_id=r[1], type=r[2], layer=r[3], mode=r[4], context=tuple(json.loads(r[5])),
                    trigger_start=r[6], trigger_end=r[7], args=args, date=r[8], quote_id=r[9], comment=r[10],
                    origin=r[11], status=r[12], annotator=r[13], source_id=r[14], id=r[0],
                )
            )
        return events

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
            spans: dict[int, list[Span]] = {}
            for r in self.conn.execute(  # columns in Span's field order: Span(*row)
                'SELECT doc_id, start, "end", label, layer, origin, status, annotator, source_id, id FROM spans'
                f' WHERE doc_id BETWEEN ? AND ? AND status IN ({marks}) ORDER BY doc_id, start, "end", id',
                (lo, hi, *statuses),
            ):
                spans.setdefault(r[0], []).append(Span(*r))
            quotes: dict[int, list[Quote]] = {}
            for r in self.conn.execute(
                'SELECT id, doc_id, start, "end", layer, kind, speaker_start, speaker_end, speaker_label,'
                " cue_start, cue_end, origin, status, annotator, source_id FROM quotes"
                f' WHERE doc_id BETWEEN ? AND ? AND status IN ({marks}) ORDER BY doc_id, start, "end", id',
                (lo, hi, *statuses),
            ):
                quotes.setdefault(r[1], []).append(_quote(r))
            args: dict[int, list[EventArg]] = {}
            for event_id, role, start, end in self.conn.execute(
                'SELECT a.event_id, a.role, a.start, a."end" FROM event_args a JOIN events e ON e.id = a.event_id'
                f" WHERE e.doc_id BETWEEN ? AND ? AND e.status IN ({marks}) ORDER BY a.event_id, a.position",
                (lo, hi, *statuses),
            ):
                args.setdefault(event_id, []).append(EventArg(role, start, end))
            events: dict[int, list[Event]] = {}
            for r in self.conn.execute(
                "SELECT id, doc_id, type, layer, mode, context, trigger_start, trigger_end, date, quote_id,"
                " comment, origin, status, annotator, source_id FROM events"
                f" WHERE doc_id BETWEEN ? AND ? AND status IN ({marks}) ORDER BY doc_id, id",
                (lo, hi, *statuses),
            ):
                events.setdefault(r[1], []).append(
                    Event(
                        doc_id=r[1], type=r[2], layer=r[3], mode=r[4], context=tuple(json.loads(r[5])),
                        trigger_start=r[6], trigger_end=r[7], args=tuple(args.get(r[0], ())), date=r[8],
                        quote_id=r[9], comment=r[10], origin=r[11], status=r[12], annotator=r[13],
                        source_id=r[14], id=r[0],
                    )
                )
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

    def doc_status(self, doc_id: int, annotator: str) -> str:
        row = self.conn.execute(
            "SELECT status FROM doc_status WHERE doc_id = ? AND annotator = ?", (doc_id, annotator)
        ).fetchone()
        return row[0] if row else DOC_NEW

    # --- writing: the Repository protocol used by commands -----------------------------------

    def insert(self, item: Item) -> Item:
        if isinstance(item, Span):
            cursor = self.conn.execute(
                'INSERT INTO spans(id, doc_id, start, "end", label, layer, origin, status, annotator, source_id)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (item.id, item.doc_id, item.start, item.end, item.label, item.layer, item.origin,
                 item.status, item.annotator, item.source_id),
            )
        elif isinstance(item, Quote):
            cursor = self.conn.execute(
                'INSERT INTO quotes(id, doc_id, start, "end", layer, kind, speaker_start, speaker_end, speaker_label,'
                " cue_start, cue_end, origin, status, annotator, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (item.id, item.doc_id, item.start, item.end, item.layer, item.kind, item.speaker_start,
                 item.speaker_end, item.speaker_label, item.cue_start, item.cue_end, item.origin, item.status,
                 item.annotator, item.source_id),
            )
        elif isinstance(item, Event):
            cursor = self.conn.execute(
                "INSERT INTO events(id, doc_id, type, layer, mode, context, trigger_start, trigger_end, date,"
                " quote_id, comment, origin, status, annotator, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (item.id, item.doc_id, item.type, item.layer, item.mode, json.dumps(list(item.context)),
                 item.trigger_start, item.trigger_end, item.date, item.quote_id, item.comment, item.origin,
                 item.status, item.annotator, item.source_id),
            )
            self._write_event_args(int(cursor.lastrowid), item.args)
        else:  # pragma: no cover - a programming error
            raise TypeError(f"cannot store {type(item).__name__}")
        return item.with_(id=int(cursor.lastrowid))

    def _write_event_args(self, event_id: int, args: Sequence[EventArg]) -> None:
        self.conn.execute("DELETE FROM event_args WHERE event_id = ?", (event_id,))
        self.conn.executemany(
            'INSERT INTO event_args(event_id, position, role, start, "end") VALUES (?, ?, ?, ?, ?)',
            [(event_id, i, a.role, a.start, a.end) for i, a in enumerate(args)],
        )

    def delete(self, item: Item) -> None:
        table = _table(item)
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (item.id,))

    def update(self, item: Item) -> None:
        if isinstance(item, Span):
            self.conn.execute(
                'UPDATE spans SET start = ?, "end" = ?, label = ?, layer = ?, origin = ?, status = ?,'
                " annotator = ?, source_id = ? WHERE id = ?",
                (item.start, item.end, item.label, item.layer, item.origin, item.status, item.annotator,
                 item.source_id, item.id),
            )
        elif isinstance(item, Quote):
            # a real UPDATE: deleting and re-inserting would unlink the events that cite the quote
            # (ON DELETE SET NULL) and the decisions that point to it
            self.conn.execute(
                'UPDATE quotes SET start = ?, "end" = ?, layer = ?, kind = ?, speaker_start = ?, speaker_end = ?,'
                " speaker_label = ?, cue_start = ?, cue_end = ?, origin = ?, status = ?, annotator = ?,"
                " source_id = ? WHERE id = ?",
                (item.start, item.end, item.layer, item.kind, item.speaker_start, item.speaker_end,
                 item.speaker_label, item.cue_start, item.cue_end, item.origin, item.status, item.annotator,
                 item.source_id, item.id),
            )
        elif isinstance(item, Event):
            self.conn.execute(
                "UPDATE events SET type = ?, layer = ?, mode = ?, context = ?, trigger_start = ?, trigger_end = ?,"
                " date = ?, quote_id = ?, comment = ?, origin = ?, status = ?, annotator = ?, source_id = ?"
                " WHERE id = ?",
                (item.type, item.layer, item.mode, json.dumps(list(item.context)), item.trigger_start,
                 item.trigger_end, item.date, item.quote_id, item.comment, item.origin, item.status,
                 item.annotator, item.source_id, item.id),
            )
            self._write_event_args(item.id, item.args)
        else:  # pragma: no cover - a programming error
            raise TypeError(f"cannot store {type(item).__name__}")

    def set_doc_status(self, doc_id: int, annotator: str, status: str) -> None:
        if status == DOC_NEW:
            # "new" is what a document without a row is: undoing the first edit leaves no trace
            self.conn.execute("DELETE FROM doc_status WHERE doc_id = ? AND annotator = ?", (doc_id, annotator))
            return
        self.conn.execute(
            "INSERT INTO doc_status(doc_id, annotator, status) VALUES (?, ?, ?)"
            " ON CONFLICT(doc_id, annotator) DO UPDATE SET status = excluded.status,"
            " updated = strftime('%Y-%m-%dT%H:%M:%S', 'now')",
            (doc_id, annotator, status),
        )

    # --- commands: one transaction each, logged in history ------------------------------------

    def apply(self, command: Command, *, direction: str = "do") -> None:
        """Apply ``command`` in one transaction and log it (``direction`` is "do" or "redo")."""
        with self.db.atomic():
            self.conn.execute("INSERT OR IGNORE INTO annotators(name) VALUES (?)", (command.annotator,))
            command.apply(self)
            self._log(command, direction)

    def revert(self, command: Command) -> None:
        """Undo ``command`` in one transaction and log it."""
        with self.db.atomic():
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

    def replace_suggestions(self, batch: Iterable[tuple[int, list[Span]]], *, origin: str, action: str) -> int:
        """Store pipeline suggestions for a batch of documents in one transaction.

        Earlier suggestions of those documents are replaced; annotators' decisions on them lose their
        link (``source_id`` becomes NULL) but stay in their layers. Returns the number stored.
        """
        stored = 0
        with self.db.atomic():
            for doc_id, spans in batch:
                self.conn.execute("DELETE FROM spans WHERE doc_id = ? AND layer = ?", (doc_id, SUGGESTIONS))
                self.conn.executemany(
                    'INSERT INTO spans(doc_id, start, "end", label, layer, origin, status, annotator)'
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(doc_id, s.start, s.end, s.label, SUGGESTIONS, s.origin, SUGGESTED, s.origin) for s in spans],
                )
                # remember that the document was pre-annotated even when nothing was found
                self.conn.execute(
                    "INSERT OR REPLACE INTO preannotated(doc_id, origin) VALUES (?, ?)", (doc_id, origin)
                )
                stored += len(spans)
            self.conn.execute(
                "INSERT INTO history(annotator, doc_id, action, direction) VALUES (?, NULL, ?, 'batch')",
                ("@system", action),
            )
        return stored

    def import_annotations(self, items: Iterable[Item], *, action: str, annotator: str) -> int:
        """Store annotations brought in from a file, in one transaction; returns how many."""
        count = 0
        layers: set[str] = set()
        new_spans: list[tuple[Any, ...]] = []  # plain spans go in with one executemany (fast bulk imports)
        with self.db.atomic():
            for item in items:
                layers.add(item.layer)
                if type(item) is Span and item.id is None:
                    new_spans.append((item.doc_id, item.start, item.end, item.label, item.layer, item.origin,
                                      item.status, item.annotator, item.source_id))
                else:
                    self.insert(item)
                count += 1
            self.conn.executemany(
                'INSERT INTO spans(doc_id, start, "end", label, layer, origin, status, annotator, source_id)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new_spans,
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO annotators(name) VALUES (?)",
                [(layer,) for layer in sorted(layers - {GOLD, SUGGESTIONS})],
            )
            self.conn.execute(
                "INSERT INTO history(annotator, doc_id, action, direction) VALUES (?, NULL, ?, 'batch')",
                (annotator, action),
            )
        return count

    # --- statistics ---------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Counts per status, label and annotator, computed with a handful of indexed queries."""
        q = self.conn.execute
        documents = q("SELECT count(*) FROM documents").fetchone()[0]
        status: dict[str, dict[str, int]] = {}
        for annotator, st, n in q("SELECT annotator, status, count(*) FROM doc_status GROUP BY annotator, status"):
            status.setdefault(annotator, {})[st] = n
        labels: dict[str, dict[str, int]] = {}
        for layer, label, n in q(
            "SELECT layer, label, count(*) FROM spans WHERE status IN ('accepted', 'suggested') GROUP BY layer, label"
        ):
            labels.setdefault(layer, {})[label] = n
        per_layer = {
            layer: {"documents": d, "spans": n}
            for layer, d, n in q(
                "SELECT layer, count(DISTINCT doc_id), count(*) FROM spans WHERE status = ? GROUP BY layer", (ACCEPTED,)
            )
        }
        quotes = dict(q("SELECT layer, count(*) FROM quotes WHERE status != 'rejected' GROUP BY layer").fetchall())
        events = dict(q("SELECT layer, count(*) FROM events WHERE status != 'rejected' GROUP BY layer").fetchall())
        return {
            "documents": documents,
            "status": status,
            "labels": labels,
            "layers": per_layer,
            "quotes": quotes,
            "events": events,
            "annotators": self.annotators(),
        }


def open_project(path: str | Path | None = None) -> Project:
    """Open (creating if needed) the project file at ``path`` (default ./annotator.db)."""
    return Project(path or DEFAULT_PROJECT)


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


def _table(item: Item) -> str:
    return {Span: "spans", Quote: "quotes", Event: "events"}[type(item)]


def _span(r: Sequence[Any]) -> Span:
    # positional: a quarter faster than keywords, and documents open with hundreds of spans
    return Span(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[0])


def _quote(r: Sequence[Any]) -> Quote:
    return Quote(doc_id=r[1], start=r[2], end=r[3], layer=r[4], kind=r[5], speaker_start=r[6], speaker_end=r[7],
                 speaker_label=r[8], cue_start=r[9], cue_end=r[10], origin=r[11], status=r[12], annotator=r[13],
                 source_id=r[14], id=r[0])


def _item_json(item: Item) -> dict[str, Any]:
    return {"item": type(item).__name__, **asdict(item)}
