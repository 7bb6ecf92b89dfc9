"""brat standoff: a folder with a ``.txt`` and an ``.ann`` file per document and layer, for the brat
annotation tool (https://brat.nlplab.org) and the many readers of its format.

Writing (:func:`export_brat`): one pair of files per record of
:func:`annotator.formats.jsonl.iter_records` (a document in one layer; same filters, same order),
named ``<document id>-<layer>`` (a document nobody annotated: ``<document id>``; characters other
than letters, digits and ``._@+-`` become ``_``, and a hash of the id is added when that changed it):

- ``.txt``: the document text exactly, CRLF line ends and all (UTF-8, no newline translation).
  Offsets in the ``.ann`` are character (code point) offsets into this file as written: a ``\\r\\n``
  counts two characters, an emoji one. brat's Python 3 server reads the file so; its Python 2
  release (1.3) reads ``\\r\\n`` as one character, so for it give texts with ``\\n`` line ends.
- ``.ann``, item by item in the record's order, with one counter per kind (T, E, R, A, #); ⇥ is a tab::

    T1⇥PER 10 22⇥Mario Draghi                    an entity (span)
    #1⇥AnnotatorNotes T1⇥value=2021-12-30         its normalised value, when it has one
    T2⇥Quote 36 53⇥La città è pronta               a quotation's content
    A1⇥Kind T2 direct                              its kind
    T3⇥Speaker 10 22⇥Mario Draghi                 its speaker, when it has one
    A2⇥SpeakerLabel T3 PER                         the speaker's label, when it has one
    T4⇥Cue 23 31⇥ha detto                          its cue, when it has one
    R1⇥speaker Arg1:T2 Arg2:T3
    R2⇥cue Arg1:T2 Arg2:T4
    T5⇥CONSULT 80 90⇥telefonato                  an event's trigger, labelled with its type
    T6⇥Argument 95 101⇥Macron                    an argument that is no entity of the layer
    E1⇥CONSULT:T5 actor:T1 recipient:T6 actor2:T7   roles in order; repeats numbered (brat's rule)
    A3⇥Mode E1 phone
    #2⇥AnnotatorNotes E1⇥date=2021-12-30
    #3⇥AnnotatorNotes E1⇥context=diplomatic       one line per context tag
    #4⇥AnnotatorNotes E1⇥quote=36 53              the linked quotation's content range

  An argument points to the layer's entity with the same range when there is one. An event without
  trigger gets an empty trigger at ``0 0``. A range that holds a line break is written as brat
  writes it, in fragments split at the line breaks (``T1⇥PER 0 4;6 10⇥Roma Bari``), with empty
  fragments at its ends where it starts or ends with a line break, so that no ``.ann`` line breaks.
  The labels Quote, Speaker, Cue and Argument are this format's own: entity labels must differ.
- ``annotation.conf``: the entity labels, event types with their roles, relations and attributes
  the files use, so brat's server opens the folder as it is.
- ``meta.json``: ``{"<file name>": {"id", "annotator", "status", "meta"}}`` in export order (the
  document's id, the record's annotator and status, the document's metadata).

Span origins are not written (an import gives "import"), nor anything the annotator JSONL does not
hold. The folder is written through :func:`annotator.formats.atomic.atomic_folder`: a new or empty
folder, or one an earlier export wrote (only its files are replaced); a failed export leaves the
previous folder as it was.

Reading (:func:`read_brat`): the folder (its ``.ann`` files, in the order of ``meta.json`` first,
then the others sorted by path, subfolders included) or one ``.ann`` file, each with its ``.txt``.
``meta.json`` gives each file's document id, metadata, annotator and status; without it the file
name (its stem) is the id and the records name no annotator (the importing annotator's layer).
T lines labelled Quote are quotations (with the ``speaker`` and ``cue`` relations and the Kind
attribute), T lines that are event triggers or labelled Speaker, Cue or Argument are not entities,
every other T line is an entity. A speaker relation may point to an entity (whose label is the
speaker's). Fragmented ranges are read as the range from the first fragment's start to the last's
end. Other relations, attributes and notes, normalisations (N) and equivalences (*) are left out.
A bad line, a T line whose text is not the text at its offsets, or a missing ``.txt`` rejects that
document, naming the file and line; reading goes on.

Round trip: exporting, importing the folder into a fresh project (``annotator import --format brat``)
and exporting again writes the same files, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..domain.model import QUOTE_KINDS
from .atomic import atomic_folder
from .jsonl import AnnotatedSource, ExportReport, iter_records

META_FILE = "meta.json"
CONF_FILE = "annotation.conf"

QUOTE, SPEAKER, CUE, ARGUMENT = "Quote", "Speaker", "Cue", "Argument"
RESERVED = frozenset({QUOTE, SPEAKER, CUE, ARGUMENT})
KIND, MODE, SPEAKER_LABEL = "Kind", "Mode", "SpeakerLabel"
R_SPEAKER, R_CUE = "speaker", "cue"
NOTES = "AnnotatorNotes"

# What brat (and Python's str.splitlines) treats as a line break: never inside a line of the .ann.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = re.compile(f"[{_BREAKS}]")
_PIECE = re.compile(f"[^{_BREAKS}]+")
_UNSAFE = re.compile(r"[^A-Za-z0-9._@+\-]")
_MAX_STEM = 120


# --- writing --------------------------------------------------------------------------------------


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[(start, end)]``, or, for a range that holds a line break, its pieces between line breaks
    plus an empty fragment at an end that is a line break (so the range is kept exactly)."""
    if not _BREAK.search(text, start, end):
        return [(start, end)]
    pieces = [m.span() for m in _PIECE.finditer(text, start, end)]
    if _BREAK.match(text, start):
        pieces.insert(0, (start, start))
    if _BREAK.match(text, end - 1):
        pieces.append((end, end))
    return pieces


def _t_line(ident: str, label: str, text: str, start: int, end: int) -> str:
    parts = fragments(text, start, end)
    offsets = ";".join(f"{s} {e}" for s, e in parts)
    covered = " ".join(text[s:e] for s, e in parts)
    return f"{ident}\t{label} {offsets}\t{covered}\n"


def _numbered_roles(roles: Iterable[str]) -> list[str]:
    """brat's names for repeated roles: actor, actor2, actor3…"""
    seen: dict[str, int] = {}
    out = []
    for role in roles:
        seen[role] = seen.get(role, 0) + 1
        out.append(role if seen[role] == 1 else f"{role}{seen[role]}")
    return out


class _Conf:
    """What annotation.conf declares: collected while the files are written (schema-sized)."""

    def __init__(self) -> None:
        self.entities: set[str] = set()
        self.events: dict[str, set[str]] = {}
        self.modes: set[str] = set()
        self.speaker_labels: set[str] = set()

    def text(self) -> str:
        lines = ["# Written by annotator: the types and attributes these files use.", "", "[entities]", ""]
        lines += sorted(self.entities - RESERVED)
        lines += [QUOTE, SPEAKER, CUE, ARGUMENT, "", "[relations]", ""]
        lines += [f"{R_SPEAKER}\tArg1:{QUOTE}, Arg2:<ENTITY>", f"{R_CUE}\tArg1:{QUOTE}, Arg2:{CUE}",
                  "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", ""]
        for etype in sorted(self.events):
            roles = sorted(self.events[etype])
            lines.append(etype + ("\t" + ", ".join(f"{r}*:<ENTITY>" for r in roles) if roles else ""))
        lines += ["", "[attributes]", "", f"{KIND}\tArg:{QUOTE}, Value:{'|'.join(QUOTE_KINDS)}"]
        if self.speaker_labels:
            lines.append(f"{SPEAKER_LABEL}\tArg:{SPEAKER}, Value:{'|'.join(sorted(self.speaker_labels))}")
        if self.modes:
            lines.append(f"{MODE}\tArg:<EVENT>, Value:{'|'.join(sorted(self.modes))}")
        return "\n".join(lines) + "\n"


def ann_text(record: dict[str, Any], conf: _Conf | None = None) -> str:
    """The .ann content of one annotator JSONL record (see the module docstring)."""
    text: str = record["text"]
    conf = conf if conf is not None else _Conf()
    out: list[str] = []
    counts = {"T": 0, "E": 0, "R": 0, "A": 0, "#": 0}

    def new(kind: str) -> str:
        counts[kind] += 1
        return f"{kind}{counts[kind]}"

    def note(target: str, value: str) -> None:
        out.append(f"{new('#')}\t{NOTES} {target}\t{value}\n")

    entity_at: dict[tuple[int, int], str] = {}
    for span in record.get("spans") or ():
        ident = new("T")
        start, end, label = span["start"], span["end"], span["label"]
        out.append(_t_line(ident, label, text, start, end))
        entity_at.setdefault((start, end), ident)
        conf.entities.add(label)
        if span.get("value") is not None:
            note(ident, f"value={span['value']}")
    for quote in record.get("quotes") or ():
        q = new("T")
        out.append(_t_line(q, QUOTE, text, quote["start"], quote["end"]))
        out.append(f"{new('A')}\t{KIND} {q} {quote.get('kind') or 'direct'}\n")
        speaker, cue = quote.get("speaker"), quote.get("cue")
        relations = []
        if speaker is not None:
            s = new("T")
            out.append(_t_line(s, SPEAKER, text, speaker["start"], speaker["end"]))
            if speaker.get("label") is not None:
                out.append(f"{new('A')}\t{SPEAKER_LABEL} {s} {speaker['label']}\n")
                conf.speaker_labels.add(speaker["label"])
            relations.append((R_SPEAKER, s))
        if cue is not None:
            c = new("T")
            out.append(_t_line(c, CUE, text, cue["start"], cue["end"]))
            relations.append((R_CUE, c))
        for name, target in relations:
            out.append(f"{new('R')}\t{name} Arg1:{q} Arg2:{target}\n")
    argument_at: dict[tuple[int, int], str] = {}
    for event in record.get("events") or ():
        etype = event["type"]
        trigger = event.get("trigger")
        t = new("T")
        if trigger is not None:
            out.append(_t_line(t, etype, text, trigger["start"], trigger["end"]))
        else:
            out.append(f"{t}\t{etype} 0 0\t\n")
        targets = []
        for arg in event.get("args") or ():
            key = (arg["start"], arg["end"])
            target = entity_at.get(key) or argument_at.get(key)
            if target is None:
                target = argument_at[key] = new("T")
                out.append(_t_line(target, ARGUMENT, text, *key))
            targets.append(target)
        roles = [a["role"] for a in event.get("args") or ()]
        conf.events.setdefault(etype, set()).update(roles)
        e = new("E")
        out.append(f"{e}\t{etype}:{t}" + "".join(f" {r}:{x}" for r, x in zip(_numbered_roles(roles), targets)) + "\n")
        if event.get("mode") is not None:
            out.append(f"{new('A')}\t{MODE} {e} {event['mode']}\n")
            conf.modes.add(event["mode"])
        if event.get("date") is not None:
            note(e, f"date={event['date']}")
        for tag in event.get("context") or ():
            note(e, f"context={tag}")
        if event.get("quote") is not None:
            note(e, f"quote={event['quote']['start']} {event['quote']['end']}")
    return "".join(out)


def file_stem(doc_id: str, annotator: str | None) -> str:
    """``<doc id>-<layer>`` (``<doc id>`` without annotator), safe as a file name everywhere."""
    name = str(doc_id) if annotator is None else f"{doc_id}-{annotator}"
    safe = _UNSAFE.sub("_", name)
    if safe.startswith("."):
        safe = "_" + safe[1:]
    if safe != name or len(safe) > _MAX_STEM:
        safe = f"{safe[:_MAX_STEM]}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"
    return safe


def _free_stem(folder: str, stem: str) -> str:
    """``stem``, or ``stem-2``, ``stem-3``… when a file of that name is already written."""
    candidate, n = stem, 1
    while os.path.exists(os.path.join(folder, f"{candidate}.ann")):
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def write_brat(path: str | Path, records: Iterable[dict[str, Any]]) -> ExportReport:
    """Write the records as a brat folder at ``path`` atomically (see the module docstring)."""
    documents = written = 0
    last_id: Any = object()
    conf = _Conf()
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with atomic_folder(path, kind="brat") as folder:
        with open(folder / META_FILE, "w", encoding="utf-8", newline="\n") as meta:
            meta.write("{")
            where = str(folder)  # plain strings: pathlib interns every name it parses, for good
            for record in records:
                stem = _free_stem(where, file_stem(record["id"], record.get("annotator")))
                _write_file(os.path.join(where, f"{stem}.txt"), record["text"], newline="")
                _write_file(os.path.join(where, f"{stem}.ann"), ann_text(record, conf), newline="\n")
                info = {"id": record["id"], "annotator": record.get("annotator"), "status": record.get("status"),
                        "meta": record.get("meta") or {}}
                meta.write(("\n" if not written else ",\n") + f"{dumps(stem)}: {dumps(info)}")
                written += 1
                if record["id"] != last_id:
                    documents += 1
                    last_id = record["id"]
            meta.write("\n}\n" if written else "}\n")
        _write_file(folder / CONF_FILE, conf.text(), newline="\n")
    return ExportReport(documents=documents, records=written)


def _write_file(path: str | Path, content: str, *, newline: str) -> None:
    handle: IO[str]
    with open(path, "w", encoding="utf-8", newline=newline) as handle:
        handle.write(content)


def export_brat(project: AnnotatedSource, path: str | Path, **filters: Any) -> ExportReport:
    """Write ``project`` as a brat folder at ``path`` atomically: one .txt and .ann per record of the
    annotator JSONL export with the same filters (see the module docstring)."""
    return write_brat(path, iter_records(project, **filters))


# --- reading --------------------------------------------------------------------------------------


class AnnError(ValueError):
    """A line of an .ann file that cannot be read; the message names the line and what to do."""


def read_brat(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """``(source, record)`` for each .ann file of the brat folder ``path`` (or for the .ann file
    ``path``), or ``(source, reason)`` for one that cannot be read; see the module docstring."""
    path = Path(path)
    if path.is_dir():
        folder = path
        meta, problem = _read_meta(folder)
        if problem:
            yield str(folder / META_FILE), problem
        listed = [folder / f"{stem}.ann" for stem in meta if _inside(stem)]
        known = {_resolved(p) for p in listed}
        others = sorted(p for p in folder.rglob("*.ann") if p.is_file() and _resolved(p) not in known)
        if not listed and not others:
            yield str(folder), "the folder holds no .ann files: give a brat folder (.txt and .ann per document)"
            return
        for ann in [*listed, *others]:
            yield _read_document(ann, meta.get(_stem_key(folder, ann)))
        return
    if path.suffix != ".ann":
        yield str(path), "not an .ann file: give a brat folder or one .ann file"
        return
    meta, _ = _read_meta(path.parent)
    yield _read_document(path, meta.get(path.stem))


def _resolved(path: Path) -> Path:
    """``path`` resolved, or as it is for a link that loops (named later as a file that cannot be read)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop before Python 3.13
        return path.absolute()


def _inside(stem: str) -> bool:
    """Whether a meta.json key names a file inside the folder (no absolute path, no "..")."""
    parts = Path(stem).parts
    return bool(parts) and not Path(stem).is_absolute() and ".." not in parts


def _stem_key(folder: Path, ann: Path) -> str:
    return ann.relative_to(folder).with_suffix("").as_posix()


def _read_meta(folder: Path) -> tuple[dict[str, dict[str, Any]], str | None]:
    file = folder / META_FILE
    if not file.is_file():
        return {}, None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        return {}, f"cannot be read ({err}): files are read without it, named by their file names"
    if not isinstance(data, dict):
        return {}, "is not a JSON object: files are read without it, named by their file names"
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}, None


def _read_document(ann: Path, info: dict[str, Any] | None) -> tuple[str, dict[str, Any] | str]:
    source = str(ann)
    txt = ann.with_suffix(".txt")
    if not ann.is_file():
        if ann.is_symlink():
            return source, "a symbolic link that loops or leads nowhere: fix or remove the link"
        return source, "listed in meta.json but missing: export the folder again or remove the entry"
    if not txt.is_file():
        return source, f"no {txt.name} beside it: brat needs the text of every .ann file"
    try:
        with open(txt, encoding="utf-8", newline="") as handle:
            text = handle.read()
        with open(ann, encoding="utf-8-sig", newline="") as handle:
            lines = handle.read().split("\n")
    except UnicodeDecodeError:
        return source, "is not UTF-8 (with its .txt): brat files are UTF-8"
    except OSError as err:
        return source, f"cannot be read: {err.strerror or err}"
    info = info or {}
    doc_id = info.get("id")
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
        doc_id = ann.stem
    meta = info.get("meta") if isinstance(info.get("meta"), dict) else {}
    try:
        spans, quotes, events = _parse(text, lines)
    except AnnError as err:
        return f"{source}:{err.args[1]}", str(err.args[0])
    record = {"id": doc_id, "text": text, "meta": meta, "annotator": info.get("annotator"),
              "status": info.get("status"), "spans": spans, "quotes": quotes, "events": events}
    return source, record


def _base_role(role: str, seen: set[str]) -> str:
    """``actor2`` -> ``actor`` when ``actor`` came before in the event (brat's numbering)."""
    stripped = role.rstrip("0123456789")
    for cut in range(len(role) - 1, len(stripped) - 1, -1):
        if role[:cut] in seen:
            return role[:cut]
    return role


def _parse(text: str, lines: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Spans, quotes and events of an .ann file's lines; :class:`AnnError` ``(reason, line)``."""
    tbs: dict[str, tuple[str, int, int, int]] = {}  # id -> (label, start, end, line)
    order: list[str] = []
    events: dict[str, tuple[str, str, list[tuple[str, str]], int]] = {}  # id -> (type, trigger, args, line)
    relations: list[tuple[str, str, str, int]] = []
    attributes: dict[tuple[str, str], str] = {}
    notes: dict[str, list[str]] = {}

    def bad(number: int, why: str) -> AnnError:
        return AnnError(f"line {number} {why}: fix the .ann file", number)

    for number, raw in enumerate(lines, 1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line.strip():
            continue
        ident, sep, rest = line.partition("\t")
        if not sep or not ident:
            raise bad(number, "has no tab after its id (expected 'T1<TAB>PER 0 5<TAB>text')")
        kind = ident[0]
        if kind == "T":
            data, _, covered = rest.partition("\t")
            label, _, offsets = data.partition(" ")
            try:
                parts = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
                if not parts or any(len(p) != 2 for p in parts):
                    raise ValueError
            except ValueError:
                raise bad(number, f"has the offsets {offsets!r} (expected 'START END')") from None
            if not label:
                raise bad(number, "has no label")
            for s, e in parts:
                if not 0 <= s <= e <= len(text):
                    raise bad(number, f"has the offsets {s} {e} outside the text (length {len(text)})")
            expected = " ".join(text[s:e] for s, e in parts)
            if covered != expected and covered.rstrip() != expected:
                raise bad(number, f"says “{covered[:40]}” but the .txt has “{expected[:40]}” there"
                                  " (the .ann does not belong to this .txt?)")
            tbs[ident] = (label, parts[0][0], parts[-1][1], number)
            order.append(ident)
        elif kind == "E":
            fields = rest.split("\t", 1)[0].split()
            if not fields or fields[0].count(":") != 1:
                raise bad(number, "has no TYPE:TRIGGER (expected 'E1<TAB>CONSULT:T5 actor:T1')")
            etype, trigger = fields[0].split(":")
            args = []
            for field in fields[1:]:
                role, sep, target = field.partition(":")
                if not sep or not role or not target:
                    raise bad(number, f"has the argument {field!r} (expected ROLE:ID)")
                args.append((role, target))
            events[ident] = (etype, trigger, args, number)
        elif kind == "R":
            fields = rest.split("\t", 1)[0].split()
            if len(fields) != 3 or not all(f.partition(":")[1] for f in fields[1:]):
                raise bad(number, "is not a relation (expected 'R1<TAB>speaker Arg1:T2 Arg2:T3')")
            relations.append((fields[0], fields[1].partition(":")[2], fields[2].partition(":")[2], number))
        elif kind in "AM":
            fields = rest.split("\t", 1)[0].split()
            if len(fields) not in (2, 3):
                raise bad(number, "is not an attribute (expected 'A1<TAB>Kind T2 direct')")
            attributes[(fields[0], fields[1])] = fields[2] if len(fields) == 3 else "true"
        elif kind == "#":
            data, _, value = rest.partition("\t")
            fields = data.split()
            if len(fields) == 2 and fields[0] == NOTES:
                notes.setdefault(fields[1], []).append(value)
        elif kind in "N*":
            continue
        else:
            raise bad(number, f"has the id {ident!r}, which is no brat annotation (T, E, R, A, M, N, #, *)")

    def target_range(ident: str, number: int) -> tuple[int, int]:
        if ident in tbs:
            return tbs[ident][1], tbs[ident][2]
        if ident in events and events[ident][1] in tbs:
            return target_range(events[ident][1], number)
        raise bad(number, f"refers to {ident}, which is not in the file")

    triggers = {trigger for _, trigger, _, _ in events.values()}
    speaker_of: dict[str, str] = {}
    cue_of: dict[str, str] = {}
    for name, arg1, arg2, number in relations:
        if name in (R_SPEAKER, R_CUE):
            for ident in (arg1, arg2):
                target_range(ident, number)
            (speaker_of if name == R_SPEAKER else cue_of)[arg1] = arg2

    def notes_of(ident: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for value in notes.get(ident, ()):
            key, sep, rest = value.partition("=")
            if sep:
                found.setdefault(key.strip(), []).append(rest)
        return found

    spans: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    for ident in order:
        label, start, end, number = tbs[ident]
        if ident in triggers or label in RESERVED - {QUOTE}:
            continue
        if label == QUOTE:
            quote: dict[str, Any] = {"start": start, "end": end, "kind": attributes.get((KIND, ident), "direct"),
                                     "speaker": None, "cue": None}
            if ident in speaker_of:
                target = speaker_of[ident]
                s_start, s_end = target_range(target, number)
                s_label = tbs[target][0] if target in tbs else None
                if s_label in RESERVED or target in triggers:
                    s_label = attributes.get((SPEAKER_LABEL, target))
                quote["speaker"] = {"start": s_start, "end": s_end, "label": s_label}
            if ident in cue_of:
                c_start, c_end = target_range(cue_of[ident], number)
                quote["cue"] = {"start": c_start, "end": c_end}
            quotes.append(quote)
            continue
        span: dict[str, Any] = {"start": start, "end": end, "label": label}
        value = notes_of(ident).get("value")
        if value:
            span["value"] = value[0]
        spans.append(span)

    out_events: list[dict[str, Any]] = []
    for ident, (etype, trigger, args, number) in events.items():
        if trigger not in tbs:
            raise bad(number, f"has the trigger {trigger}, which is not a T line of the file")
        _, t_start, t_end, _ = tbs[trigger]
        seen: set[str] = set()
        out_args = []
        for role, target in args:
            base = _base_role(role, seen)
            seen.add(base)
            a_start, a_end = target_range(target, number)
            out_args.append({"role": base, "start": a_start, "end": a_end})
        extra = notes_of(ident)
        quote_range = None
        if extra.get("quote"):
            try:
                q_start, q_end = (int(x) for x in extra["quote"][0].split())
            except ValueError:
                raise bad(number, f"has a note quote={extra['quote'][0]!r} (expected 'quote=START END')") from None
            quote_range = {"start": q_start, "end": q_end}
        out_events.append({
            "type": etype,
            "mode": attributes.get((MODE, ident)),
            "context": extra.get("context", []),
            "trigger": {"start": t_start, "end": t_end} if t_end > t_start else None,
            "args": out_args,
            "date": extra["date"][0] if extra.get("date") else None,
            "quote": quote_range,
        })
    return spans, quotes, out_events
