"""UIMA CAS XMI for INCEpTION: a folder with ``TypeSystem.xml`` and one ``.xmi`` per record, and its reading back.

Written and read with dkpro-cassis (the INCEpTION/DKPro team's Python CAS). The export is a folder
(a new or empty one, or one an earlier export wrote: see :mod:`annotator.formats.atomic`) holding
``TypeSystem.xml`` and one ``<document id>-<annotator>.xmi`` per annotator JSONL record
(``<document id>.xmi`` for a record nobody annotated; characters other than letters, digits and
``._@-`` become ``_``, and a name already in the folder — the same name after that, or one
differing only in case on a disk blind to case — gets ``-2``, ``-3``…). The records and filters
are those of :func:`annotator.formats.jsonl.iter_records`.

Types (``TypeSystem.xml``):

- ``de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity`` (DKPro Core's, INCEpTION's built-in
  "Named entity" layer): one per span, feature ``value`` = label; an added feature ``normalized``
  holds the span's normalised value (a DATE's "2021-12-17"), which INCEpTION keeps when the
  project's Named entity layer has a feature of that name and drops otherwise.
- ``de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData`` (the document annotation):
  ``documentId`` = the document's id, ``documentTitle`` and ``documentUri`` from its metadata,
  ``language`` "it".
- Custom layers, which INCEpTION imports under the names ``webanno.custom.*``:

  * ``webanno.custom.Quotation`` (span: the quoted content): ``kind`` (direct, partial, indirect,
    headline), ``speaker`` → a ``webanno.custom.Speaker``, ``cue`` → a ``webanno.custom.Cue``;
  * ``webanno.custom.Speaker`` (span): ``label``, the speaker's entity label (PER…) or none;
  * ``webanno.custom.Cue`` (span: "ha detto");
  * ``webanno.custom.Event`` (span: the trigger; an event without trigger is a zero-width
    annotation at offset 0): ``eventType`` (not ``type``, which every feature structure already
    has in UIMA and cassis), ``mode``, ``date`` (strings), ``context`` (a string array),
    ``quote`` → the linked ``webanno.custom.Quotation`` of the same record, and ``args``, a slot
    feature as INCEpTION writes one: an array of ``webanno.custom.EventArgsLink`` (``role``,
    ``target``) whose targets are ``webanno.custom.EventArgument`` spans over the argument texts.

- ``annotator.type.Record`` (not an annotation, so INCEpTION leaves it out): what the round trip
  needs and the layers above cannot hold — ``annotator``, ``status``, ``answer`` and ``meta`` (the
  document's metadata as JSON).

``resources/xmi/TypeSystem.xml`` is the same type system, for setting up a project before any export
(a test keeps it in step with :func:`build_typesystem`).

Offsets: UIMA counts UTF-16 code units, Python code points; cassis converts both ways (an emoji
such as 👍🏽 is 2 code points but 4 UTF-16 units), so every offset here is a Python ``str`` index.
XML 1.0 cannot hold some characters (NUL and other control characters except tab and line breaks,
unpaired surrogates, U+FFFE/U+FFFF): each becomes U+FFFD, one for one, so no offset moves; the count
is in :attr:`XmiReport.replaced_characters`.

Not kept: span origins (an imported span's origin is "import"), and an event's link to a quotation
of another layer. INCEpTION adds tokens and sentences itself when a document has none.

Memory: constant; the export streams the records (see :func:`annotator.formats.jsonl.iter_records`)
and writes each file as it goes.

Reading (:func:`read_xmi`): a folder (searched recursively; hidden entries are skipped) or one
``.xmi`` file, each with a ``TypeSystem.xml`` in its folder or a folder above (up to the given one).
Each file gives one annotator JSONL record: entities from ``NamedEntity`` (and its DKPro subtypes),
``value`` → label; quotations with their speakers and cues; events with their arguments. The
annotator comes from ``annotator.type.Record``, else from INCEpTION's CAS metadata (the curation user
is "gold"), else none (the import's ``--annotator``). A file that cannot be read gives
``(source, reason)`` and the rest goes on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import atomic_folder
from .jsonl import AnnotatedSource, ExportReport, iter_records

if TYPE_CHECKING:  # cassis is imported only when this format is used
    from cassis import Cas, TypeSystem

TYPESYSTEM_FILE = "TypeSystem.xml"
SUFFIX = ".xmi"
LANGUAGE = "it"
SOFA_MIME = "text/plain"

ANNOTATION = "uima.tcas.Annotation"
DOCUMENT_ANNOTATION = "uima.tcas.DocumentAnnotation"
STRING = "uima.cas.String"
STRING_ARRAY = "uima.cas.StringArray"
FS_ARRAY = "uima.cas.FSArray"
TOP = "uima.cas.TOP"

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
DOCUMENT_META = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
QUOTATION = "webanno.custom.Quotation"
SPEAKER = "webanno.custom.Speaker"
CUE = "webanno.custom.Cue"
EVENT = "webanno.custom.Event"
EVENT_ARGUMENT = "webanno.custom.EventArgument"
EVENT_ARGS_LINK = "webanno.custom.EventArgsLink"  # INCEpTION's name: layer + capitalised feature + "Link"
RECORD = "annotator.type.Record"
# INCEpTION's own metadata of an annotation document, and the user name of its curated version
INCEPTION_CAS_METADATA = "de.tudarmstadt.ukp.clarin.webanno.api.type.CASMetadata"
CURATION_USER = "CURATION_USER"

# What XML 1.0 can hold (https://www.w3.org/TR/xml/#charsets); anything else becomes U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._@-]+")


class XmiError(ValueError):
    """A CAS that cannot become a record; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class XmiReport(ExportReport):
    """What :func:`export_xmi` wrote; ``replaced_characters``: characters XML cannot hold, written as U+FFFD."""

    replaced_characters: int = 0


# --- the type system ------------------------------------------------------------------------------


def build_typesystem() -> "TypeSystem":
    """The type system of the export (written to ``TypeSystem.xml``)."""
    from cassis import TypeSystem

    ts = TypeSystem()
    ne = ts.create_type(NAMED_ENTITY, ANNOTATION, "A named entity (DKPro Core)")
    ts.create_feature(ne, "value", STRING, description="the entity label (PER, LOC, ORG…)")
    ts.create_feature(ne, "identifier", STRING, description="a knowledge base identifier (not used here)")
    ts.create_feature(ne, "normalized", STRING, description="what the text means under its label, such as "
                      "a DATE's TIMEX3-style value 2021-12-17 (an added feature)")

    meta = ts.create_type(DOCUMENT_META, DOCUMENT_ANNOTATION, "Document metadata (DKPro Core)")
    for name in ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri"):
        ts.create_feature(meta, name, STRING)
    ts.create_feature(meta, "isLastSegment", "uima.cas.Boolean")

    speaker = ts.create_type(SPEAKER, ANNOTATION, "Who a quotation is attributed to")
    ts.create_feature(speaker, "label", STRING, description="the speaker's entity label (PER, ORG…), if any")
    ts.create_type(CUE, ANNOTATION, "The words that introduce a quotation (ha detto, secondo…)")
    quotation = ts.create_type(QUOTATION, ANNOTATION, "The content of a quotation")
    ts.create_feature(quotation, "kind", STRING, description="direct, partial, indirect or headline")
    ts.create_feature(quotation, "speaker", SPEAKER)
    ts.create_feature(quotation, "cue", CUE)

    ts.create_type(EVENT_ARGUMENT, ANNOTATION, "The text of an event's argument")
    link = ts.create_type(EVENT_ARGS_LINK, TOP, "An event argument: its role and its text")
    ts.create_feature(link, "role", STRING)
    ts.create_feature(link, "target", EVENT_ARGUMENT)
    event = ts.create_type(EVENT, ANNOTATION, "A coded event over its trigger (zero width at 0: no trigger)")
    for name in ("eventType", "mode", "date"):  # not "type": every feature structure has a type already
        ts.create_feature(event, name, STRING)
    ts.create_feature(event, "context", STRING_ARRAY)
    ts.create_feature(event, "quote", QUOTATION)
    ts.create_feature(event, "args", FS_ARRAY, elementType=EVENT_ARGS_LINK, multipleReferencesAllowed=False)

    record = ts.create_type(RECORD, TOP, "The annotator export record this CAS was written from")
    for name in ("annotator", "status", "answer", "meta"):
        ts.create_feature(record, name, STRING)
    return ts


# --- export ---------------------------------------------------------------------------------------


class _Clean:
    """XML-safe strings, counting the characters replaced."""

    def __init__(self) -> None:
        self.replaced = 0

    def __call__(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        cleaned, n = _NOT_XML.subn("\ufffd", value)
        self.replaced += n
        return cleaned


def file_stem(record: dict[str, Any]) -> str:
    """``<document id>-<annotator>`` (``<document id>`` for nobody's record), safe as a file name."""
    stem = str(record["id"])
    if record.get("annotator") is not None:
        stem += f"-{record['annotator']}"
    stem = _UNSAFE_NAME.sub("_", stem).strip(".") or "document"
    return stem[:180]


def record_to_cas(record: dict[str, Any], typesystem: "TypeSystem", clean: _Clean | None = None) -> "Cas":
    """The CAS of one annotator JSONL record (see the module docstring)."""
    from cassis import Cas

    clean = clean or _Clean()
    ts = typesystem
    text = clean(record["text"])
    cas = Cas(typesystem=ts)
    cas.sofa_string = text
    cas.sofa_mime = SOFA_MIME
    meta = record.get("meta") or {}

    def s(value: Any) -> str | None:
        return None if value is None else clean(str(value))

    cas.add(ts.get_type(DOCUMENT_META)(
        begin=0, end=len(text), language=LANGUAGE, documentId=s(record["id"]), documentTitle=s(meta.get("title")),
        documentUri=s(meta.get("url")), isLastSegment=False))
    cas.add(ts.get_type(RECORD)(
        annotator=s(record.get("annotator")), status=s(record.get("status")), answer=s(record.get("answer")),
        meta=json.dumps(meta, ensure_ascii=True, sort_keys=False)))  # ASCII JSON: always XML-safe

    NamedEntity = ts.get_type(NAMED_ENTITY)
    for span in record.get("spans") or ():
        cas.add(NamedEntity(begin=span["start"], end=span["end"], value=s(span["label"]),
                            normalized=s(span.get("value"))))

    Speaker, Cue, Quotation = ts.get_type(SPEAKER), ts.get_type(CUE), ts.get_type(QUOTATION)
    speakers: dict[tuple[Any, ...], Any] = {}
    cues: dict[tuple[int, int], Any] = {}
    quotations: dict[tuple[int, int], Any] = {}
    for quote in record.get("quotes") or ():
        speaker = cue = None
        if quote.get("speaker"):
            sp = quote["speaker"]
            key = (sp["start"], sp["end"], sp.get("label"))
            if key not in speakers:
                speakers[key] = Speaker(begin=sp["start"], end=sp["end"], label=s(sp.get("label")))
                cas.add(speakers[key])
            speaker = speakers[key]
        if quote.get("cue"):
            ckey = (quote["cue"]["start"], quote["cue"]["end"])
            if ckey not in cues:
                cues[ckey] = Cue(begin=ckey[0], end=ckey[1])
                cas.add(cues[ckey])
            cue = cues[ckey]
        annotation = Quotation(begin=quote["start"], end=quote["end"], kind=s(quote.get("kind")), speaker=speaker,
                               cue=cue)
        cas.add(annotation)
        quotations.setdefault((quote["start"], quote["end"]), annotation)

    Event, Argument, Link = ts.get_type(EVENT), ts.get_type(EVENT_ARGUMENT), ts.get_type(EVENT_ARGS_LINK)
    StringArray, FSArray = ts.get_type(STRING_ARRAY), ts.get_type(FS_ARRAY)
    arguments: dict[tuple[int, int], Any] = {}
    for event in record.get("events") or ():
        links = []
        for arg in event.get("args") or ():
            akey = (arg["start"], arg["end"])
            if akey not in arguments:
                arguments[akey] = Argument(begin=akey[0], end=akey[1])
                cas.add(arguments[akey])
            links.append(Link(role=s(arg["role"]), target=arguments[akey]))
        trigger = event.get("trigger")
        begin, end = (trigger["start"], trigger["end"]) if trigger else (0, 0)
        linked = event.get("quote")
        cas.add(Event(
            begin=begin, end=end, eventType=s(event["type"]), mode=s(event.get("mode")), date=s(event.get("date")),
            context=StringArray(elements=[s(c) for c in event.get("context") or ()]),
            quote=quotations.get((linked["start"], linked["end"])) if linked else None,
            args=FSArray(elements=links)))
    return cas


def export_xmi(project: AnnotatedSource, path: str | Path, **filters: Any) -> XmiReport:
    """Write the records of ``project`` as a folder of UIMA CAS XMI files with their ``TypeSystem.xml``
    at ``path`` (only an earlier export's files are replaced; see :mod:`annotator.formats.atomic`);
    returns what was written."""
    typesystem = build_typesystem()
    clean = _Clean()
    documents = records = 0
    last_id: Any = object()
    with atomic_folder(path, kind="xmi") as folder:
        typesystem.to_xml(folder / TYPESYSTEM_FILE)
        for record in iter_records(project, **filters):
            stem = file_stem(record)
            name, n = stem + SUFFIX, 1
            # the new folder is the memory of the names taken ("a b" and "a_b"; "Doc" and "doc" where the
            # disk is blind to case), so nothing grows with the number of records
            while (folder / name).exists():
                n += 1
                name = f"{stem}-{n}{SUFFIX}"
            record_to_cas(record, typesystem, clean).to_xmi(folder / name)
            records += 1
            if record["id"] != last_id:
                last_id = record["id"]
                documents += 1
    return XmiReport(documents=documents, records=records, replaced_characters=clean.replaced)


# --- import ---------------------------------------------------------------------------------------


def _typesystem_in(folder: Path, cache: dict[Path, Path | None]) -> Path | None:
    """The TypeSystem.xml of ``folder`` (the name in any case), looked up once per folder."""
    if folder not in cache:
        found = folder / TYPESYSTEM_FILE
        if not found.is_file():
            try:
                found = next((p for p in folder.iterdir()
                              if p.name.casefold() == TYPESYSTEM_FILE.casefold() and p.is_file()), None)
            except OSError:
                found = None
        cache[folder] = found
    return cache[folder]


def _find_typesystem(folder: Path, root: Path, cache: dict[Path, Path | None]) -> Path | None:
    """The TypeSystem.xml of ``folder`` or of the nearest folder above it, up to ``root``."""
    current = folder
    while True:
        found = _typesystem_in(current, cache)
        if found is not None or current == root or current.parent == current:
            return found
        current = current.parent


def _xmi_files(root: Path) -> Iterator[Path]:
    """The .xmi files under ``root``, a document's records together: "doc.xmi" before "doc-alice.xmi",
    as the export wrote them (hidden files and folders left out)."""
    for path in sorted(root.rglob(f"*{SUFFIX}"), key=lambda p: (p.parent, p.stem)):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts):
            yield path


def read_xmi(path: str | Path) -> Iterator[tuple[str, Any]]:
    """``(source, record)`` per ``.xmi`` file of ``path`` (a folder, or one file): ``record`` an
    annotator JSONL record, or a string saying why the file cannot be read."""
    from cassis import load_cas_from_xmi, load_typesystem

    root = Path(path)
    if root.is_dir():
        files: Iterator[Path] = _xmi_files(root)
    else:
        files = iter([root])
        root = root.parent
    typesystems: dict[Path, Any] = {}
    folders: dict[Path, Path | None] = {}
    for file in files:
        source = str(file)
        ts_path = _find_typesystem(file.parent, root, folders)
        if ts_path is None:
            yield source, (f"no {TYPESYSTEM_FILE} beside it: put the type system the XMI was written with "
                           "in its folder (INCEpTION exports it with the documents)")
            continue
        if ts_path not in typesystems:
            try:
                typesystems[ts_path] = load_typesystem(ts_path)
            except Exception as err:  # noqa: BLE001 - a bad type system rejects its files, not the import
                typesystems[ts_path] = f"{ts_path.name} cannot be read ({type(err).__name__}: {err})"
        typesystem = typesystems[ts_path]
        if isinstance(typesystem, str):
            yield source, f"{typesystem}: fix or replace the type system"
            continue
        try:
            cas = load_cas_from_xmi(file, typesystem=typesystem, lenient=True)
            record = cas_to_record(cas, default_id=file.stem)
        except XmiError as err:
            yield source, str(err)
            continue
        except Exception as err:  # noqa: BLE001 - a bad file never stops the batch
            yield source, f"not a readable UIMA CAS XMI file ({type(err).__name__}: {err})"
            continue
        yield source, record


def _select(cas: "Cas", type_name: str) -> list[Any]:
    if not cas.typesystem.contains_type(type_name):
        return []
    return sorted(cas.select(type_name), key=lambda a: (a.begin, a.end))


def _get(fs: Any, feature: str) -> Any:
    return getattr(fs, feature, None) if fs is not None else None


def _range(text: str, annotation: Any) -> dict[str, Any]:
    return {"start": annotation.begin, "end": annotation.end, "text": text[annotation.begin:annotation.end]}


def _entity_label(entity: Any) -> str | None:
    value = _get(entity, "value")
    if value:
        return str(value)
    name = entity.type.name
    return name.rsplit(".", 1)[-1] if name != NAMED_ENTITY else None  # DKPro's Person, Location… subtypes


def cas_to_record(cas: "Cas", *, default_id: str) -> dict[str, Any]:
    """The annotator JSONL record of a CAS (see the module docstring)."""
    text = cas.sofa_string or ""
    metas = _select(cas, DOCUMENT_META)
    doc_meta = metas[0] if metas else None
    record_fs = next(iter(_select_all(cas, RECORD)), None)
    meta: dict[str, Any] = {}
    raw_meta = _get(record_fs, "meta")
    if raw_meta:
        loaded = json.loads(raw_meta)
        if isinstance(loaded, dict):
            meta = loaded
    else:
        for key, feature in (("title", "documentTitle"), ("url", "documentUri")):
            if _get(doc_meta, feature):
                meta[key] = _get(doc_meta, feature)
    annotator = _get(record_fs, "annotator")
    status = _get(record_fs, "status")
    if record_fs is None:
        user = _get(next(iter(_select_all(cas, INCEPTION_CAS_METADATA)), None), "username")
        annotator = ("gold" if user == CURATION_USER else user) or None

    spans = []
    for e in _select(cas, NAMED_ENTITY):
        span = {**_range(text, e), "label": _entity_label(e)}
        if not span["label"]:
            raise XmiError(f"the named entity at {e.begin}-{e.end} (“{span['text'][:40]}”) has no value: "
                           "give it a label in INCEpTION and export again")
        if _get(e, "normalized"):
            span["value"] = _get(e, "normalized")
        spans.append(span)
    quotes = []
    for q in _select(cas, QUOTATION):
        speaker, cue = _get(q, "speaker"), _get(q, "cue")
        quotes.append({
            **_range(text, q), "kind": _get(q, "kind") or "direct",
            "speaker": {**_range(text, speaker), "label": _get(speaker, "label")} if speaker is not None else None,
            "cue": _range(text, cue) if cue is not None else None,
        })
    events = []
    for e in sorted(_select(cas, EVENT), key=lambda a: a.xmiID or 0):  # as written: the store's order
        context = _get(e, "context")
        links = _get(e, "args")
        args = []
        for link in (links.elements if links is not None else ()) or ():
            target = _get(link, "target")
            if target is not None:
                args.append({"role": _get(link, "role"), **_range(text, target)})
        linked = _get(e, "quote")
        events.append({
            "type": _get(e, "eventType"),
            "mode": _get(e, "mode"),
            "context": list(context.elements or ()) if context is not None else [],
            "trigger": _range(text, e) if e.end > e.begin else None,
            "args": args,
            "date": _get(e, "date"),
            "quote": _range(text, linked) if linked is not None else None,
        })
    doc_id = _get(doc_meta, "documentId") or default_id
    return {"id": doc_id, "text": text, "meta": meta, "annotator": annotator, "status": status,
            "spans": spans, "quotes": quotes, "events": events}


def _select_all(cas: "Cas", type_name: str) -> list[Any]:
    """Feature structures of a type that need not be an annotation (no offsets to sort by)."""
    if not cas.typesystem.contains_type(type_name):
        return []
    return list(cas.select(type_name))
