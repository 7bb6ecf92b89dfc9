"""Bring files into a project: documents in batches, and the annotations JSONL records carry.

:func:`iter_import` is a generator that yields an :class:`ImportProgress` after each stored batch
(the desktop app runs it on the main thread between events, the CLI draws a progress bar);
:func:`import_paths` runs it to the end and returns the :class:`ImportReport`.

Rules:

- Documents are identified by their text: one already in the project is not stored again and its
  metadata, annotations and statuses are left as they are.
- A JSONL record in the annotator format brings its ``spans``, ``quotes`` and ``events`` into the layer
  of its ``"annotator"`` (else the importing annotator; "gold" is the gold layer, a record with status
  "suggested" holds suggestions); its ``status`` becomes that annotator's document status when the
  annotator had none yet. An annotation identical to one already in that layer is skipped, so
  importing the same export twice adds nothing.
- A record's ``rejected`` items become rejected items of its layer (what the annotator said is not
  an entity, quotation or event), with the origin they give. Each is linked to the matching
  suggestion of the document (same offsets and label, or same quotation or event; same origin when
  the item names one) once the project has it, whether it was there before or comes later in the
  import, so the annotator does not see it suggested again; without one it stays an unlinked
  rejected item, exported again as it came.
- A record with a bad annotation (label not in the schema, an event type, mode, context or role not
  in the project's event schema, offsets outside the text, a "text" that does not match the offsets)
  is rejected as a whole, with file:line and the reason; the rest goes on. So is a record holding
  NaN, Infinity or a lone surrogate, and a file whose name is not valid UTF-8.
- The record's "id" becomes the document's uid (made unique when taken); ``_input_hash``,
  ``_task_hash`` and ``answer`` are not read. A file's name (its stem) is the uid of a document from a
  non-JSONL file. The noise lines cleaning removed are reported and stay in the stored metadata
  (``meta["removed"]``, which the app's Metadata tab shows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from ..domain.event_schema import EventSchema
from ..domain.labels import LabelSchema
from ..domain.model import DOC_NEW, GOLD, IMPORT, REJECTED, SUGGESTIONS, Span
from ..domain.shown import shown
from ..formats.jsonl import RecordError, item_key, record_to_items

DEFAULT_BATCH = 200


@dataclass
class ImportReport:
    """What an import did. ``removed_lines`` counts the noise lines cleaning left out, per file;
    ``removed_text`` lists them (``"rule: line"``) when the import was asked to keep them."""

    added: int = 0
    duplicates: int = 0
    annotations: int = 0
    skipped_annotations: int = 0
    rejected: list[Any] = field(default_factory=list)  # annotator.ingest.Rejection
    removed_lines: dict[str, int] = field(default_factory=dict)
    removed_text: dict[str, list[str]] = field(default_factory=dict)

    @property
    def removed_total(self) -> int:
        return sum(self.removed_lines.values())


@dataclass(frozen=True)
class ImportProgress:
    """After each stored batch: inputs read so far, the last source, and the running report."""

    inputs: int
    source: str
    report: ImportReport


@dataclass
class _Pending:
    source: str
    text: str
    raw: str | None
    meta: dict[str, Any]
    uid: str | None
    layer: str | None
    status: str | None
    items: list[Any]


def import_paths(
    project: Any,
    paths: Iterable[str | PathLike[str]],
    *,
    annotator: str | None,
    labels: LabelSchema,
    rules: Any = None,
    batch_size: int = DEFAULT_BATCH,
    keep_removed: bool = False,
    progress: Callable[[ImportProgress], None] | None = None,
    fmt: str | None = None,
    events: EventSchema | None = None,
) -> ImportReport:
    """Import ``paths`` (files and folders) into ``project``; see :func:`iter_import`."""
    for step in iter_import(project, paths, annotator=annotator, labels=labels, rules=rules,
                            batch_size=batch_size, keep_removed=keep_removed, fmt=fmt, events=events):
        if progress is not None:
            progress(step)
    return step.report  # iter_import always yields at least once, at the end


def iter_import(
    project: Any,
    paths: Iterable[str | PathLike[str]],
    *,
    annotator: str | None,
    labels: LabelSchema,
    rules: Any = None,
    batch_size: int = DEFAULT_BATCH,
    keep_removed: bool = False,
    fmt: str | None = None,
    events: EventSchema | None = None,
) -> Iterator[ImportProgress]:
    """Read ``paths`` with :func:`annotator.ingest.read_paths` (or, with ``fmt``, the reader of that
    format in :data:`annotator.formats.IMPORTERS`) and store them ``batch_size`` documents per
    transaction, yielding progress after each batch.

    annotator: the layer for records that name no annotator (None: such records are rejected).
    labels: the schema every imported span label (and speaker label) must belong to.
    rules: cleaning rules for ingest (None: the default rules).
    keep_removed: also keep the text of removed noise lines in ``report.removed_text``.
    events: the event schema every imported event must fit (None: the project's, see
    :func:`annotator.services.settings.load_event_schema`).
    """
    from ..ingest import read_paths  # ingest pulls in HTML tooling: load it only when importing

    reading = read_paths([Path(p) for p in paths], rules=rules) if fmt is None else _read_format(fmt, paths)
    yield from iter_import_documents(project, reading, annotator=annotator, labels=labels,
                                     batch_size=batch_size, keep_removed=keep_removed,
                                     events=events if events is not None else project_events(project))


def iter_import_documents(
    project: Any,
    reading: Iterable[Any],
    *,
    annotator: str | None,
    labels: LabelSchema,
    batch_size: int = DEFAULT_BATCH,
    keep_removed: bool = False,
    events: EventSchema | str | None = None,
) -> Iterator[ImportProgress]:
    """Store incoming documents (and rejections) as :func:`iter_import` does, from any reader: the
    files of a folder, another tool's format, or another project's records (``merge``).
    ``events``: the event schema events must fit; a str says why the project's cannot be read (then
    records with events are rejected with it); None: events are not checked.

    On a team project a member who is not its owner imports in one transaction, all or nothing: a
    record of a layer they may not write, or an article not in the project yet, stops the import
    with :class:`~annotator.store.errors.PermissionRefused` naming it, and nothing is kept."""
    from ..store.team import import_rights

    rights = import_rights(project)
    steps = _import_documents(project, reading, annotator=annotator, labels=labels, batch_size=batch_size,
                              keep_removed=keep_removed, events=events, rights=rights)
    if rights is None:
        yield from steps
        return
    with project.transaction():
        yield from steps


def _import_documents(project: Any, reading: Iterable[Any], *, annotator: str | None, labels: LabelSchema,
                      batch_size: int, keep_removed: bool, events: EventSchema | str | None,
                      rights: Any) -> Iterator[ImportProgress]:
    from ..ingest import Rejection

    report = ImportReport()
    batch: list[_Pending] = []
    seen: set[int] = set()  # documents this import has met: another record of one is not counted twice
    inputs = 0
    source = ""
    for incoming in reading:
        inputs += 1
        source = incoming.source
        if isinstance(incoming, Rejection):
            report.rejected.append(incoming)
            continue
        try:
            pending = _prepare(incoming, annotator=annotator, labels=labels, report=report,
                               keep_removed=keep_removed, events=events)
        except RecordError as err:
            report.rejected.append(Rejection(incoming.source, str(err)))
            continue
        if rights is not None and pending.layer is not None and not rights.may_write(pending.layer):
            raise rights.refuse_layer(pending.source, pending.layer)
        batch.append(pending)
        if len(batch) >= batch_size:
            _store(project, batch, report, seen, annotator, rights)
            batch = []
            yield ImportProgress(inputs, shown(source), report)
    if batch:
        _store(project, batch, report, seen, annotator, rights)
    yield ImportProgress(inputs, shown(source), report)


def project_events(project: Any) -> EventSchema | str:
    """The project's event schema, or why it cannot be read (then only records with events fail)."""
    from ..domain.labels import SchemaError
    from .settings import load_event_schema

    try:
        return load_event_schema(project)
    except SchemaError as err:
        return (f"the project's event schema cannot be read ({err}): fix it, or choose another with "
                "'annotator config events FILE', and import again")


def _read_format(fmt: str, paths: Iterable[str | PathLike[str]]) -> Iterator[Any]:
    """Documents of another tool's format: each record its reader gives, checked like a line of an
    annotator JSONL file; a part it cannot read, or a missing path, is a rejection naming it."""
    from ..formats import importer
    from ..ingest import Rejection
    from ..ingest.jsonl_reader import document_from_record
    from ..ingest.paths import BAD_NAME, decodable_name

    read = importer(fmt)
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield Rejection(str(path), "no such file or folder")
            continue
        try:
            for source, record in read(path):
                if not decodable_name(source):  # before the record: its id may be the file's name
                    yield Rejection(source, BAD_NAME)
                else:
                    yield Rejection(source, record) if isinstance(record, str) else document_from_record(record, source=source)
        except Exception as err:  # noqa: BLE001 - a bad file must never stop the batch
            yield Rejection(str(path), f"could not be read as {fmt} ({type(err).__name__}: {err})")


def _file_of(source: str) -> str:
    """"path:LINE" -> "path" (only when the part after the last colon is a line number)."""
    head, sep, tail = source.rpartition(":")
    return head if sep and tail.isdigit() else source


def _prepare(incoming: Any, *, annotator: str | None, labels: LabelSchema, report: ImportReport,
             keep_removed: bool, events: EventSchema | str | None = None) -> _Pending:
    """The document and annotations of ``incoming``; :class:`RecordError` for a bad JSONL record."""
    from ..ingest.paths import BAD_NAME, decodable_name  # loaded already: the documents come from ingest

    if not decodable_name(incoming.source):  # e.g. merge from a project whose file name is not UTF-8
        raise RecordError(BAD_NAME)
    if isinstance(events, str) and incoming.record is not None and incoming.record.get("events"):
        raise RecordError(events)
    meta = dict(incoming.meta or {})
    removed = meta.get("removed")  # kept in meta: the app's Metadata tab shows what cleaning cut
    record = incoming.record
    text = incoming.text
    layer = status = None
    items: list[Any] = []
    # a file's name is a better handle than a hash ("000_7964ae7afded8b3f"); JSONL records bring their id
    uid = Path(incoming.source).stem if record is None else None
    if record is not None:
        layer, status, items = record_to_items(record, doc_id=0, text=text, default_annotator=annotator,
                                               labels=labels, events=events if isinstance(events, EventSchema) else None)
        record_id = record.get("id")
        if isinstance(record_id, (str, int)) and not isinstance(record_id, bool):
            uid = str(record_id).strip() or None
    if removed:
        name = shown(_file_of(incoming.source))  # a key the report prints
        report.removed_lines[name] = report.removed_lines.get(name, 0) + len(removed)
        if keep_removed:
            report.removed_text.setdefault(name, []).extend(_removed_line(r) for r in removed)
    return _Pending(incoming.source, text, incoming.raw, meta, uid, layer, status, items)


def _removed_line(entry: Any) -> str:
    if isinstance(entry, dict):
        rule, line = entry.get("rule"), entry.get("text", "")
        return f"{rule}: {line}" if rule else str(line)
    return str(entry)


def _store(project: Any, batch: list[_Pending], report: ImportReport, seen: set[int],
           annotator: str | None, rights: Any = None) -> None:
    from ..store.project import NewDocument, content_hash

    with project.transaction():
        if rights is not None:  # a member adds annotations, never articles
            missing = next((p for p in batch if project.document_id_by_hash(content_hash(p.text)) is None), None)
            if missing is not None:
                raise rights.refuse_document(missing.source)
        results = project.add_documents(
            NewDocument(text=p.text, meta=p.meta, raw=p.raw, uid=p.uid, imported_from=_file_of(p.source))
            for p in batch
        )
        fresh = {doc_id for doc_id, added in results if added}  # nothing of theirs is stored yet
        keys: dict[tuple[int, str], set[tuple[Any, ...]]] = {}
        to_insert: list[Any] = []
        to_link: set[int] = set()  # documents where a rejection or a suggestion came in
        statuses: dict[tuple[int, str], str] = {}
        for pending, (doc_id, added) in zip(batch, results):
            if added:
                report.added += 1
            elif doc_id not in seen or pending.layer is None:
                report.duplicates += 1
            seen.add(doc_id)
            if pending.layer is None:
                continue
            key = (doc_id, pending.layer)
            if key not in keys:
                keys[key] = set() if doc_id in fresh else _existing_keys(project, doc_id, pending.layer)
            known = keys[key]
            for item in pending.items:
                k = _key(item)
                if k in known:
                    report.skipped_annotations += 1
                    continue
                known.add(k)
                to_insert.append(_rebind(item, doc_id))
                if item.status == REJECTED or pending.layer == SUGGESTIONS:
                    to_link.add(doc_id)
            if pending.status and pending.status != DOC_NEW and pending.layer != SUGGESTIONS:
                if key not in statuses and (doc_id in fresh or project.doc_status(doc_id, pending.layer) == DOC_NEW):
                    statuses[key] = pending.status
        if to_insert:
            report.annotations += project.import_annotations(
                to_insert, action=f"Import {len(to_insert)} annotations", annotator=annotator or "@import"
            )
        for doc_id in sorted(to_link):
            link_rejections(project, doc_id)
        for layer in sorted({layer for _, layer in statuses} - {GOLD}):
            project.ensure_annotator(layer)
        project.set_doc_statuses((doc_id, layer, status) for (doc_id, layer), status in statuses.items())


def _rebind(item: Any, doc_id: int) -> Any:
    """``item`` for document ``doc_id`` (explicit constructors: ``dataclasses.replace`` is slow in bulk)."""
    if type(item) is Span:
        return Span(doc_id, item.start, item.end, item.label, item.layer, item.origin, item.status,
                    item.annotator, item.source_id, item.id, value=item.value)
    return item.with_(doc_id=doc_id)


def _key(item: Any) -> tuple[Any, ...]:
    """What makes two items of one layer the same for an import: the annotation and whether it
    was rejected (a rejection of X and an accepted X are two things to keep)."""
    return (item.status == REJECTED, *item_key(item))


def _existing_keys(project: Any, doc_id: int, layer: str) -> set[tuple[Any, ...]]:
    items = [*project.spans(doc_id, layer), *project.quotes(doc_id, layer), *project.events(doc_id, layer)]
    return {_key(i) for i in items}


def link_rejections(project: Any, doc_id: int) -> int:
    """Link every unlinked rejected item of ``doc_id`` (any layer) to the suggestion it rejects:
    same annotation (:func:`item_key`), same origin unless the item's is "import", and not already
    decided in that layer. Returns how many were linked; call it inside a transaction."""
    readers = (project.spans, project.quotes, project.events)
    suggestions = [read(doc_id, SUGGESTIONS) for read in readers]
    if not any(suggestions):
        return 0
    linked = 0
    for layer in project.layers(doc_id):
        for read, offered in zip(readers, suggestions):
            rows = read(doc_id, layer)
            decided = {r.source_id for r in rows if r.source_id is not None}
            for row in rows:
                if row.status != REJECTED or row.source_id is not None:
                    continue
                match = next((s for s in offered if s.id not in decided and item_key(s) == item_key(row)
                              and row.origin in (s.origin, IMPORT)), None)
                if match is not None:
                    project.update(row.with_(source_id=match.id))
                    decided.add(match.id)
                    linked += 1
    return linked


def ensure_demo(project: Any, seeds_dir: str | PathLike[str], *, annotator: str | None = None,
                labels: LabelSchema | None = None) -> ImportReport | None:
    """On a project without documents, import every file of ``seeds_dir``; None when it had some.

    Pre-annotation is left to the caller (the app runs it behind a progress dialog).
    """
    if project.count_documents() > 0:
        return None
    folder = Path(seeds_dir)
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")) if folder.is_dir() else []
    if not files:
        return ImportReport()
    if labels is None:
        from .settings import load_labels

        labels = load_labels(project)
    return import_paths(project, files, annotator=annotator, labels=labels)
