"""Prodigy tasks: one JSON object per line with text, tokens, spans and relations, and their reading back.

One record per annotator JSONL record (document × layer, see :mod:`annotator.formats.jsonl`: same
records, same filters, same order), with exactly these keys::

    {"id", "text", "meta", "tokens", "spans", "relations",
     "_input_hash", "_task_hash", "_annotator_id", "_session_id", "answer"}

- ``tokens``: the text cut into words (runs of letters and digits, accents included) and single
  punctuation marks or symbols (an emoji with its skin tone or joined parts, a flag), each
  ``{"text", "start", "end", "id", "ws"}``; whitespace is never inside a token and ``ws`` is true
  when whitespace follows. Tokens are also cut at every span boundary, so that every
  span starts and ends on a token; ``token_start``/``token_end`` are the first and last token a span
  covers (inclusive, as Prodigy has it), null for a span of whitespace only.
- ``spans``, in this order: the entities (``label`` their label, with ``origin`` and, for a DATE
  with a normalised value, ``value``); per quotation a ``QUOTE`` span (with ``kind``), its speaker as
  a ``SPEAKER`` span (the entity label in ``entity_label``, or null) and its cue as a ``CUE`` span;
  per event with a trigger an ``EVENT`` span on the trigger (with ``event_type``, ``mode``,
  ``context``, ``date``, and ``quote``, the linked quotation's ``{"start", "end", "text"}`` or null)
  and its arguments: the entity span with the argument's range when the record has one, else an
  ``ARG`` span. Every span has ``start``, ``end``, ``token_start``, ``token_end``, ``label``, ``text``.
  A speaker, cue or argument shared by several quotations or events is one span. Two quotations
  (or events) whose spans would be identical get ``"n": 2``, 3… on the later ones, so that each
  relation names its own head.
- ``relations``: ``QUOTE → SPEAKER`` labelled "speaker", ``QUOTE → CUE`` labelled "cue", and
  ``EVENT → argument`` labelled with the role, in the order of the quotations, events and arguments.
  Each is ``{"head", "child", "head_span", "child_span", "label"}``: ``head``/``child`` are the
  ``token_end`` of the two spans (Prodigy's convention), ``head_span``/``child_span`` copies of them.
- ``meta``: the document's metadata, plus ``"annotator_status"`` (the annotator's status of the
  document, "suggested" for a pipeline's suggestions; absent for a document nobody annotated) and,
  only when there are some, ``"events_without_trigger"``: events that have no trigger to hang a span
  on, as annotator JSONL events, and ``"rejected_suggestions"``: the record's ``rejected`` (the
  suggestions the annotator rejected, as annotator JSONL items with their origin). They stay out of
  ``spans``: a Prodigy task's answer covers the whole task, and an accepted task whose spans held
  rejected ones would teach them as entities; a trainer that wants them as negative examples finds
  them in the meta (or in the spaCy export's ``incorrect_spans``).
- ``_annotator_id`` and ``_session_id``: the record's annotator (the person, "gold", or the origin of
  suggestions), null for a document nobody annotated. ``_input_hash``, ``_task_hash`` and ``answer``
  are the annotator JSONL's.

The labels QUOTE, SPEAKER, CUE, EVENT and ARG are therefore reserved: an entity label of that name
would be read back as a quotation or event part.

Reading back (:func:`read_prodigy`): every line gives an annotator JSONL record (or the reason it
cannot), which the import then treats like a line of an annotator JSONL file. The annotator is
``_annotator_id`` (none: the import's --annotator); the status is ``meta["annotator_status"]`` (a
record without one whose ``answer`` is "accept" counts as done); a record whose answer is "reject"
is not imported. Spans that are linked by relations as above become quotations and events; a QUOTE
or EVENT linked to an entity span takes that span as its speaker (with its label) or argument; events
without a trigger come after the others. Files written by Prodigy itself read the same way: offsets
count, token indices are not needed, and relations between tokens (without ``head_span`` and
``child_span``, as in dependency annotations) are left out.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..domain import json_values
from .jsonl import AnnotatedSource, ExportReport, RecordError, iter_records, write_records

KEYS = ("id", "text", "meta", "tokens", "spans", "relations",
        "_input_hash", "_task_hash", "_annotator_id", "_session_id", "answer")

# Span labels of the quotation and event parts (reserved: never entity labels).
QUOTE = "QUOTE"
SPEAKER = "SPEAKER"
CUE = "CUE"
EVENT = "EVENT"
ARG = "ARG"
PARTS = frozenset({QUOTE, SPEAKER, CUE, EVENT, ARG})
# Relation labels of the quotation parts (an event's relations are labelled with the role).
SPEAKER_REL = "speaker"
CUE_REL = "cue"

# What the target formats have no field for, kept in ``meta`` and taken out again when read back.
STATUS_KEY = "annotator_status"
UNTRIGGERED_KEY = "events_without_trigger"
REJECTED_KEY = "rejected_suggestions"  # the annotator JSONL record's "rejected", when it holds any

# A mark that belongs to the character before it: combining accents, variation selectors, skin tones, tags.
_MARK = ("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
         "\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]")
_TOKEN = re.compile(
    rf"(?:\w{_MARK}*)+"  # a word, accents included
    "|[\U0001F1E6-\U0001F1FF]{2}"  # a flag (two regional indicators)
    rf"|[^\w\s]{_MARK}*(?:\u200d[^\w\s]{_MARK}*)*"  # one symbol, with its marks and emoji joined by ZWJ
)
_IGNORED_IN_MATCH = frozenset({"token_start", "token_end", "text", "type", "color"})


# --- the graph of one record: parts (span dicts) and links between them --------------------------


def _range(text: str, obj: dict[str, Any]) -> tuple[int, int, str]:
    return obj["start"], obj["end"], text[obj["start"]:obj["end"]]


class _Graph:
    """Parts (span dicts without token indices) and labelled links ``(head, child, label)``."""

    def __init__(self, text: str, entities: list[dict[str, Any]]) -> None:
        self.text = text
        self.parts: list[dict[str, Any]] = []
        self.links: list[tuple[int, int, str]] = []
        self._seen: dict[str, int] = {}
        self._entity_at: dict[tuple[int, int], int] = {}
        for span in entities:
            part = {"start": span["start"], "end": span["end"], "label": span["label"],
                    "text": text[span["start"]:span["end"]], "origin": span.get("origin")}
            if span.get("value") is not None:
                part["value"] = span["value"]
            self._entity_at.setdefault((span["start"], span["end"]), len(self.parts))
            self.parts.append(part)

    def head(self, part: dict[str, Any]) -> int:
        """Add a QUOTE or EVENT part; a copy of an earlier one gets ``n`` (2, 3…)."""
        key = _signature(part)
        n = 1
        while key in self._seen:
            n += 1
            part = {**part, "n": n}
            key = _signature(part)
        self._seen[key] = len(self.parts)
        self.parts.append(part)
        return len(self.parts) - 1

    def child(self, part: dict[str, Any]) -> int:
        """Add a SPEAKER, CUE or ARG part, or find the same one already there."""
        key = _signature(part)
        if key not in self._seen:
            self._seen[key] = len(self.parts)
            self.parts.append(part)
        return self._seen[key]

    def argument(self, start: int, end: int) -> int:
        found = self._entity_at.get((start, end))
        if found is not None:
            return found
        return self.child({"start": start, "end": end, "label": ARG, "text": self.text[start:end]})


def _signature(part: dict[str, Any]) -> str:
    """What identifies a part when a relation names it (token indices and text aside)."""
    return json.dumps({k: v for k, v in part.items() if k not in _IGNORED_IN_MATCH}, sort_keys=True,
                      ensure_ascii=False)


def record_graph(record: dict[str, Any]) -> tuple[list[dict[str, Any]], list[tuple[int, int, str]], list[Any]]:
    """The parts, links and trigger-less events of an annotator JSONL record (see the module docstring)."""
    text = record["text"]
    graph = _Graph(text, record["spans"])
    for quote in record["quotes"]:
        start, end, part_text = _range(text, quote)
        q = graph.head({"start": start, "end": end, "label": QUOTE, "text": part_text, "kind": quote["kind"]})
        speaker, cue = quote.get("speaker"), quote.get("cue")
        if speaker is not None:
            s_start, s_end, s_text = _range(text, speaker)
            s = graph.child({"start": s_start, "end": s_end, "label": SPEAKER, "text": s_text,
                             "entity_label": speaker.get("label")})
            graph.links.append((q, s, SPEAKER_REL))
        if cue is not None:
            c_start, c_end, c_text = _range(text, cue)
            c = graph.child({"start": c_start, "end": c_end, "label": CUE, "text": c_text})
            graph.links.append((q, c, CUE_REL))
    untriggered = []
    for event in record["events"]:
        trigger = event.get("trigger")
        if trigger is None:
            untriggered.append(event)
            continue
        start, end, part_text = _range(text, trigger)
        e = graph.head({"start": start, "end": end, "label": EVENT, "text": part_text, "event_type": event["type"],
                        "mode": event.get("mode"), "context": list(event.get("context") or []),
                        "date": event.get("date"), "quote": event.get("quote")})
        for arg in event.get("args") or []:
            graph.links.append((e, graph.argument(arg["start"], arg["end"]), arg["role"]))
    return graph.parts, graph.links, untriggered


def graph_lists(parts: list[dict[str, Any]], links: Iterable[tuple[int, int, str]],
                what: Callable[[int], str] | None = None) -> tuple[list[Any], list[Any], list[Any]]:
    """The annotator JSONL ``spans``, ``quotes`` and ``events`` of parts linked as
    :func:`record_graph` writes them; :class:`RecordError` for links that make no sense.

    ``parts`` are dicts with ``start``, ``end``, ``label`` and the part's keys (``kind``,
    ``entity_label``, ``event_type``…); ``what(i)`` names part ``i`` in messages."""
    name = what or (lambda i: f"span {i + 1}")
    quotes: dict[int, dict[str, Any]] = {}
    events: dict[int, dict[str, Any]] = {}
    for i, part in enumerate(parts):
        if part["label"] == QUOTE:
            quotes[i] = {**_plain(part), "kind": part.get("kind") or "direct", "speaker": None, "cue": None}
        elif part["label"] == EVENT:
            etype = part.get("event_type")
            if not isinstance(etype, str) or not etype:
                raise RecordError(f"{name(i)} is an EVENT without \"event_type\": give the event type")
            events[i] = {"type": etype, "mode": part.get("mode"), "context": part.get("context") or [],
                         "trigger": _plain(part), "args": [], "date": part.get("date"), "quote": part.get("quote")}
    linked: set[int] = set()
    for h, c, label in links:
        head, child = parts[h], parts[c]
        if h in quotes:
            if label not in (SPEAKER_REL, CUE_REL):
                raise RecordError(f"the relation “{label}” from the QUOTE {name(h)} is not “speaker” or"
                                  " “cue”: fix the relation")
            if quotes[h][label] is not None:
                raise RecordError(f"the QUOTE {name(h)} has two {label}s: a quotation has one; fix the relations")
            found = _plain(child)
            if label == SPEAKER_REL:
                found["label"] = child.get("entity_label") if child["label"] in PARTS else child["label"]
            quotes[h][label] = found
        elif h in events:
            if not label:
                raise RecordError(f"a relation from the EVENT {name(h)} has no label (the argument's role):"
                                  " label it")
            events[h]["args"].append({"role": label, **_plain(child)})
        else:
            raise RecordError(f"a relation “{label}” starts at {name(h)} ({head['label']}), not at a QUOTE or"
                              " EVENT: fix the relation")
        linked.add(c)
    spans = []
    for i, part in enumerate(parts):
        label = part["label"]
        if label in (SPEAKER, CUE, ARG) and i not in linked:
            raise RecordError(f"{name(i)} ({label}) is linked to no QUOTE or EVENT: link it or remove it")
        if label not in PARTS:
            span = {"start": part["start"], "end": part["end"], "label": label}
            for key in ("text", "origin", "value"):
                if part.get(key) is not None:
                    span[key] = part[key]
            spans.append(span)
    return spans, list(quotes.values()), list(events.values())


def _plain(part: dict[str, Any]) -> dict[str, Any]:
    found = {"start": part["start"], "end": part["end"]}
    if isinstance(part.get("text"), str):
        found["text"] = part["text"]
    return found


# --- tokens ---------------------------------------------------------------------------------------


def token_bounds(text: str, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """``(start, end)`` of the tokens of ``text``: words and single symbols, also cut at ``cuts``."""
    points = sorted(set(cuts))
    bounds: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        i = bisect_right(points, start)
        while i < len(points) and points[i] < end:
            bounds.append((start, points[i]))
            start = points[i]
            i += 1
        bounds.append((start, end))
    return bounds


def _tokens(text: str, bounds: list[tuple[int, int]]) -> list[dict[str, Any]]:
    tokens = []
    last = len(bounds) - 1
    for i, (start, end) in enumerate(bounds):
        ws = end < len(text) and (i == last or bounds[i + 1][0] != end)
        tokens.append({"text": text[start:end], "start": start, "end": end, "id": i, "ws": ws})
    return tokens


# --- export ---------------------------------------------------------------------------------------


def prodigy_record(record: dict[str, Any]) -> dict[str, Any]:
    """The Prodigy task of one annotator JSONL record (keys in the documented order)."""
    text = record["text"]
    parts, links, untriggered = record_graph(record)
    bounds = token_bounds(text, (x for p in parts for x in (p["start"], p["end"])))
    starts = [b[0] for b in bounds]
    ends = [b[1] for b in bounds]
    spans = []
    for part in parts:
        first = bisect_right(ends, part["start"])
        last = bisect_left(starts, part["end"]) - 1
        covered = first <= last
        spans.append({"start": part["start"], "end": part["end"], "token_start": first if covered else None,
                      "token_end": last if covered else None, "label": part["label"],
                      **{k: v for k, v in part.items() if k not in ("start", "end", "label")}})
    relations = [{"head": spans[h]["token_end"], "child": spans[c]["token_end"], "head_span": spans[h],
                  "child_span": spans[c], "label": label} for h, c, label in links]
    meta = dict(record["meta"])
    if record["status"] is not None:
        meta[STATUS_KEY] = record["status"]
    if untriggered:
        meta[UNTRIGGERED_KEY] = untriggered
    add_rejected(meta, record)
    return {
        "id": record["id"],
        "text": text,
        "meta": meta,
        "tokens": _tokens(text, bounds),
        "spans": spans,
        "relations": relations,
        "_input_hash": record["_input_hash"],
        "_task_hash": record["_task_hash"],
        "_annotator_id": record["annotator"],
        "_session_id": record["annotator"],
        "answer": record["answer"],
    }


def iter_prodigy_records(project: AnnotatedSource, **filters: Any) -> Iterator[dict[str, Any]]:
    """The Prodigy tasks of ``project``, one per annotator JSONL record, in constant memory.
    ``filters`` are :func:`annotator.formats.jsonl.iter_records`'s."""
    return (prodigy_record(r) for r in iter_records(project, **filters))


def export_prodigy(project: AnnotatedSource, path: str | Path, **filters: Any) -> ExportReport:
    """Write the Prodigy tasks of ``project`` to ``path`` atomically; returns what was written."""
    records = iter_prodigy_records(project, **filters)
    return write_records(path, records, document_key="id")


# --- import ---------------------------------------------------------------------------------------


def iter_json_lines(path: Path) -> Iterator[tuple[str, Any]]:
    """``(f"{path}:{line}", object)`` for each non-blank line of a JSONL file, or ``(source, reason)``
    (a str) for a line that is not JSON or holds a value no project can keep (NaN, Infinity, a lone
    surrogate: :mod:`annotator.domain.json_values`); a folder gives the lines of its .jsonl files in
    name order."""
    if path.is_dir():
        for child in sorted(p for p in path.iterdir() if p.suffix.lower() == ".jsonl" and p.is_file()):
            yield from iter_json_lines(child)
        return
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            source = f"{path}:{number}"
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield source, f"line {number} is not UTF-8 (byte {err.start + 1}): save the file as UTF-8"
                continue
            try:
                value = json_values.loads(line)
            except json_values.NotJSON as err:
                yield source, f"line {number} is {err.reason}"
                continue
            problem = json_values.first_problem(value)
            yield source, (problem if problem is not None else value)


def add_rejected(meta: dict[str, Any], record: dict[str, Any]) -> None:
    """Keep the record's rejections in ``meta`` (only when it has some: see the module docstring)."""
    rejected = record.get("rejected") or {}
    if any(rejected.values()):
        meta[REJECTED_KEY] = rejected


def split_meta(meta: Any) -> tuple[Any, Any, list[Any], Any]:
    """``(document meta, annotator status, trigger-less events, rejections)`` of an exported ``meta``;
    the rejections are an annotator JSONL ``rejected`` object, or None."""
    if not isinstance(meta, dict):
        return meta, None, [], None
    meta = dict(meta)
    status = meta.pop(STATUS_KEY, None)
    untriggered = meta.pop(UNTRIGGERED_KEY, None) or []
    if not isinstance(untriggered, list):
        raise RecordError(f"meta[\"{UNTRIGGERED_KEY}\"] must be a list of events: fix the line")
    rejected = meta.pop(REJECTED_KEY, None)
    if rejected is not None and not isinstance(rejected, dict):
        raise RecordError(f"meta[\"{REJECTED_KEY}\"] must be an object with spans, quotes and events: fix the line")
    return meta, status, untriggered, rejected


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _spans_of(task: dict[str, Any]) -> list[dict[str, Any]]:
    raw = task.get("spans") or []
    if not isinstance(raw, list):
        raise RecordError("\"spans\" must be a list: fix the line")
    parts = []
    for i, span in enumerate(raw, 1):
        if not isinstance(span, dict) or not (_int(span.get("start")) and _int(span.get("end"))):
            raise RecordError(f"span {i} needs integer \"start\" and \"end\": fix the line")
        if not isinstance(span.get("label"), str) or not span["label"]:
            raise RecordError(f"span {i} has no label: fix the line")
        parts.append(span)
    return parts


class _Index:
    """Finds the span a relation names by its copy (``head_span``/``child_span``): the same span,
    else the first with the same offsets and label."""

    def __init__(self, parts: list[dict[str, Any]]) -> None:
        self.exact: dict[str, int] = {}
        self.plain: dict[tuple[Any, Any, Any], int] = {}
        for i, part in enumerate(parts):
            self.exact.setdefault(_signature(part), i)
            self.plain.setdefault((part["start"], part["end"], part["label"]), i)

    def find(self, given: dict[str, Any], what: str) -> int:
        found = self.exact.get(_signature(given))
        if found is None:
            found = self.plain.get((given.get("start"), given.get("end"), given.get("label")))
        if found is None:
            raise RecordError(f"the {what} of a relation ({given.get('label')} at {given.get('start')}-"
                              f"{given.get('end')}) is not one of the spans: add the span or fix the relation")
        return found


def task_to_record(task: Any) -> dict[str, Any]:
    """The annotator JSONL record of one Prodigy task; :class:`RecordError` says what is wrong."""
    if not isinstance(task, dict):
        raise RecordError("the line is not a JSON object: fix the line")
    answer = task.get("answer")
    if answer == "reject":
        raise RecordError("the task was rejected in Prodigy (answer “reject”), so it is not imported:"
                          " remove the line or change its answer")
    meta, status, untriggered, rejected = split_meta(task.get("meta"))
    parts = _spans_of(task)
    relations = task.get("relations") or []
    if not isinstance(relations, list):
        raise RecordError("\"relations\" must be a list: fix the line")
    links = []
    index = _Index(parts)
    for rel in relations:
        if not isinstance(rel, dict):
            raise RecordError("a relation is not an object: fix the line")
        head_span, child_span = rel.get("head_span"), rel.get("child_span")
        if not isinstance(head_span, dict) or not isinstance(child_span, dict):
            continue  # a relation between tokens (dependencies): nothing this tool stores
        head = index.find(head_span, "head")
        child = index.find(child_span, "child")
        label = rel.get("label")
        links.append((head, child, label if isinstance(label, str) else ""))
    spans, quotes, events = graph_lists(parts, links)
    annotator = task.get("_annotator_id")
    if status is None and answer == "accept" and annotator is not None:
        status = "done"
    record = {"text": task.get("text"), "meta": meta, "annotator": annotator, "status": status,
              "spans": spans, "quotes": quotes, "events": [*events, *untriggered]}
    if rejected is not None:
        record["rejected"] = rejected
    if task.get("id") is not None:
        record = {"id": task["id"], **record}
    return record


def read_prodigy(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """``(f"{path}:{line}", annotator JSONL record)`` for each task of a Prodigy JSONL file (or folder
    of them), or ``(source, reason)`` for a line that cannot be read; a bad line never stops the file."""
    for source, task in iter_json_lines(Path(path)):
        if isinstance(task, str):
            yield source, task
            continue
        yield source, convert_line(task_to_record, task)


def convert_line(convert: Callable[[Any], dict[str, Any]], line: Any) -> dict[str, Any] | str:
    """``convert(line)``, or the reason it failed: a line of any shape never stops the file (an
    unexpected error is named, so that the user can fix that line and the rest still comes in)."""
    try:
        return convert(line)
    except RecordError as err:
        return str(err)
    except Exception as err:  # noqa: BLE001 - one odd line (wrong types anywhere) must not stop the file
        return f"the line cannot be read as a task ({type(err).__name__}: {err}): fix the line"
