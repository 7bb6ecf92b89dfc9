"""doccano JSONL: sequence labelling, and entities with relations; and their reading back.

Two exports, one line per annotator JSONL record (document × layer, see :mod:`annotator.formats.jsonl`:
same records, same filters, same order):

- ``doccano`` (sequence labelling; doccano's "JSONL" import of a sequence labelling project)::

      {"id", "text", "label": [[start, end, label], …], "meta", "annotator"}

  ``label`` holds the entities only; quotations and events need the relation variant.
- ``doccano-relations`` (doccano's "JSONL(Relation)" import, a sequence labelling project with
  relations)::

      {"id", "text", "entities": [{"id", "start_offset", "end_offset", "label"}, …],
       "relations": [{"id", "from_id", "to_id", "type"}, …], "meta", "annotator"}

  ``entities`` are the entities (their label), then per quotation a ``QUOTE`` entity (with ``kind``),
  its ``SPEAKER`` (with ``entity_label``) and its ``CUE``, then per event with a trigger an
  ``EVENT:<TYPE>`` entity on the trigger (with ``mode``, ``context``, ``date`` and ``quote``, the
  linked quotation's range or null) and its arguments: the entity with the argument's range when
  the record has one, else an ``ARG`` entity. ``relations``: ``QUOTE → SPEAKER`` of type "speaker",
  ``QUOTE → CUE`` "cue", ``EVENT → argument`` typed with the role. A speaker, cue or argument shared
  by several quotations or events is one entity. Ids count from 1 in each line. doccano ignores
  the keys it does not know (``kind``, ``entity_label``, ``mode``…), so they survive only a round
  trip through this tool, not one through doccano.

In both, offsets are Python ``str`` indices (code points), and every character beyond ASCII is
written as a JSON escape (``"citt\\u00e0"``, an emoji as its surrogate pair): doccano guesses the
encoding of an uploaded file and takes UTF-8 with accents and emoji for Windows-1252, while an ASCII
file it reads right, and every JSON reader turns the escapes back into the same text. ``id`` is the
document's uid (doccano keeps it among the example's metadata and writes it back as the line's
``id``); ``meta`` is the document's metadata plus ``"annotator_status"`` (the annotator's status
of the document, "suggested" for a pipeline's suggestions; absent for a document nobody annotated)
and, only when there are some, ``"events_without_trigger"`` (relation variant: events without a
trigger, as annotator JSONL events) and ``"rejected_suggestions"`` (the suggestions the annotator
rejected: the annotator JSONL record's ``rejected``, kept apart from the labels, which doccano would
otherwise show as entities); ``annotator`` is the record's annotator (the person, "gold", or the origin of suggestions),
null for a document nobody annotated. Every line has the same keys, so doccano's importer (which
reads a file into one table) never meets a missing column.

doccano drops overlapping entities unless the project allows overlapping spans, and a relation to a
dropped entity stops its import: import the relation variant into a project with "Allow overlapping
spans" (quotations and event arguments usually overlap entities).

Reading back (:func:`read_doccano`) takes either variant, decided per line by its keys
(``entities``: relations, else ``label``), including the files doccano itself exports (``label`` as
``[start, end, label]`` lists or as entity objects, extra columns such as ``Comments``). The
annotator is the line's ``"annotator"`` if it has one, else none (the import's --annotator); the
status is ``meta["annotator_status"]``. Top-level keys this format does not know go into the
document's metadata (doccano writes an example's metadata that way). Entities labelled QUOTE,
SPEAKER, CUE, ARG or EVENT:<TYPE> and their relations become quotations and events as in
:mod:`annotator.formats.prodigy`; those labels are reserved.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .jsonl import AnnotatedSource, ExportReport, RecordError, iter_records, write_records
from .prodigy import (
    EVENT,
    STATUS_KEY,
    UNTRIGGERED_KEY,
    add_rejected,
    convert_line,
    graph_lists,
    iter_json_lines,
    record_graph,
    split_meta,
)

KEYS = ("id", "text", "label", "meta", "annotator")
RELATION_KEYS = ("id", "text", "entities", "relations", "meta", "annotator")
EVENT_PREFIX = f"{EVENT}:"

# top-level keys of a line that are not document metadata
_KNOWN = frozenset({*KEYS, *RELATION_KEYS, "Comments", "comments"})
# keys of a part that an entity does not repeat (doccano has no field for them)
_NOT_IN_ENTITY = frozenset({"start", "end", "label", "text", "origin", "value", "event_type"})


def _meta(record: dict[str, Any], untriggered: list[Any] | None = None) -> dict[str, Any]:
    meta = dict(record["meta"])
    if record["status"] is not None:
        meta[STATUS_KEY] = record["status"]
    if untriggered:
        meta[UNTRIGGERED_KEY] = untriggered
    add_rejected(meta, record)
    return meta


# --- export ---------------------------------------------------------------------------------------


def doccano_record(record: dict[str, Any]) -> dict[str, Any]:
    """The sequence labelling line of one annotator JSONL record (entities only)."""
    return {
        "id": record["id"],
        "text": record["text"],
        "label": [[s["start"], s["end"], s["label"]] for s in record["spans"]],
        "meta": _meta(record),
        "annotator": record["annotator"],
    }


def doccano_relation_record(record: dict[str, Any]) -> dict[str, Any]:
    """The entities-and-relations line of one annotator JSONL record."""
    parts, links, untriggered = record_graph(record)
    entities = []
    for i, part in enumerate(parts, 1):
        label = f"{EVENT_PREFIX}{part['event_type']}" if part["label"] == EVENT else part["label"]
        entities.append({"id": i, "start_offset": part["start"], "end_offset": part["end"], "label": label,
                         **{k: v for k, v in part.items() if k not in _NOT_IN_ENTITY}})
    relations = [{"id": n, "from_id": h + 1, "to_id": c + 1, "type": label}
                 for n, (h, c, label) in enumerate(links, 1)]
    return {
        "id": record["id"],
        "text": record["text"],
        "entities": entities,
        "relations": relations,
        "meta": _meta(record, untriggered),
        "annotator": record["annotator"],
    }


def _export(project: AnnotatedSource, path: str | Path, project_line: Any, **filters: Any) -> ExportReport:
    # every character beyond ASCII as a JSON escape: doccano guesses the encoding of an uploaded
    # file, and guesses a UTF-8 file with accents and emoji as Windows-1252
    return write_records(path, (project_line(r) for r in iter_records(project, **filters)), document_key="id",
                         ascii_only=True)


def export_doccano(project: AnnotatedSource, path: str | Path, **filters: Any) -> ExportReport:
    """Write ``project`` as doccano sequence labelling JSONL to ``path`` atomically."""
    return _export(project, path, doccano_record, **filters)


def export_doccano_relations(project: AnnotatedSource, path: str | Path, **filters: Any) -> ExportReport:
    """Write ``project`` as doccano JSONL with entities and relations to ``path`` atomically."""
    return _export(project, path, doccano_relation_record, **filters)


# --- import ---------------------------------------------------------------------------------------


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _label_entries(raw: Any) -> list[dict[str, Any]]:
    """The entities of a sequence labelling line: ``[start, end, label]`` lists or entity objects."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise RecordError("\"label\" must be a list of [start, end, label]: fix the line")
    parts = []
    for i, entry in enumerate(raw, 1):
        if isinstance(entry, dict):
            parts.append(_entity_part(entry, f"label {i}"))
            continue
        if not (isinstance(entry, (list, tuple)) and len(entry) >= 3 and _int(entry[0]) and _int(entry[1])
                and isinstance(entry[2], str) and entry[2]):
            raise RecordError(f"label {i} is not [start, end, label] with integer offsets (got {entry!r}):"
                              " fix the line")
        parts.append({"start": entry[0], "end": entry[1], "label": entry[2]})
    return parts


def _entity_part(entity: Any, what: str) -> dict[str, Any]:
    if not isinstance(entity, dict):
        raise RecordError(f"{what} is not an object: fix the line")
    start, end, label = entity.get("start_offset"), entity.get("end_offset"), entity.get("label")
    if not (_int(start) and _int(end)):
        raise RecordError(f"{what} needs integer start_offset and end_offset (got {start!r}, {end!r}): fix the line")
    if not isinstance(label, str) or not label:
        raise RecordError(f"{what} has no label: fix the line")
    part = {k: v for k, v in entity.items() if k not in ("id", "start_offset", "end_offset", "label")}
    part.update(start=start, end=end, label=label)
    if label.startswith(EVENT_PREFIX):
        part.update(label=EVENT, event_type=label[len(EVENT_PREFIX):])
    return part


def _relation_lists(line: dict[str, Any]) -> tuple[list[Any], list[Any], list[Any]]:
    raw_entities, raw_relations = line.get("entities") or [], line.get("relations") or []
    if not isinstance(raw_entities, list) or not isinstance(raw_relations, list):
        raise RecordError("\"entities\" and \"relations\" must be lists: fix the line")
    parts: list[dict[str, Any]] = []
    by_id: dict[Any, int] = {}
    names: list[str] = []
    for i, entity in enumerate(raw_entities, 1):
        what = f"entity {entity.get('id', i) if isinstance(entity, dict) else i}"
        part = _entity_part(entity, what)
        if entity.get("id") is not None:
            if entity["id"] in by_id:
                raise RecordError(f"two entities have the id {entity['id']!r}: fix the line")
            by_id[entity["id"]] = len(parts)
        names.append(what)
        parts.append(part)
    links = []
    for i, relation in enumerate(raw_relations, 1):
        if not isinstance(relation, dict):
            raise RecordError(f"relation {i} is not an object: fix the line")
        ends = []
        for key in ("from_id", "to_id"):
            if relation.get(key) not in by_id:
                raise RecordError(f"relation {relation.get('id', i)} has {key} {relation.get(key)!r}, which is no"
                                  " entity's id: fix the line")
            ends.append(by_id[relation[key]])
        kind = relation.get("type")
        links.append((ends[0], ends[1], kind if isinstance(kind, str) else ""))
    return graph_lists(parts, links, lambda i: names[i])


def line_to_record(line: Any) -> dict[str, Any]:
    """The annotator JSONL record of one doccano line (either variant); :class:`RecordError` says
    what is wrong."""
    if not isinstance(line, dict):
        raise RecordError("the line is not a JSON object: fix the line")
    meta, status, untriggered, rejected = split_meta({} if line.get("meta") is None else line["meta"])
    if isinstance(meta, dict):
        meta = {**{k: v for k, v in line.items() if k not in _KNOWN}, **meta}
    if "entities" in line or "relations" in line:
        spans, quotes, events = _relation_lists(line)
    else:
        spans, quotes, events = graph_lists(_label_entries(line.get("label")), ())
    annotator = line.get("annotator")
    record = {"text": line.get("text"), "meta": meta, "annotator": annotator, "status": status,
              "spans": spans, "quotes": quotes, "events": [*events, *untriggered]}
    if rejected is not None:
        record["rejected"] = rejected
    if line.get("id") is not None:
        record = {"id": line["id"], **record}
    return record


def read_doccano(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """``(f"{path}:{line}", annotator JSONL record)`` for each line of a doccano JSONL file (or folder
    of them), either variant, or ``(source, reason)`` for a line that cannot be read; a bad line never
    stops the file."""
    for source, line in iter_json_lines(Path(path)):
        if isinstance(line, str):
            yield source, line
            continue
        yield source, convert_line(line_to_record, line)
