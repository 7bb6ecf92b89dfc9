"""spaCy DocBin (``.spacy``): the annotator JSONL records as spaCy Docs, ready for ``python -m spacy train``.

One ``Doc`` per record (document × layer; see :mod:`annotator.formats.jsonl` for which records there
are and how the filters choose them), tokenized by ``spacy.blank("it")`` (the tokenizer of a blank
Italian pipeline, the one a training config with ``lang = "it"`` uses, so no token is misaligned):

- ``doc.ents``: the record's spans. A span is first trimmed of leading and trailing whitespace, then
  widened to whole tokens (``char_span(..., alignment_mode="expand")``). Entities may not overlap in
  spaCy: of overlapping spans the longest is kept (the first one when equally long, as
  :func:`spacy.util.filter_spans` does); the others, and spans that hold only whitespace, are left
  out and counted in :attr:`DocBinReport.dropped` (and logged as a warning). Every other token is
  "outside" (O) — except in a record that nobody annotated (``"annotator": null``), whose entity
  annotation is left *missing*, so that ``spacy train`` learns nothing from it about entities.
- span groups (aligned the same way, overlaps allowed; a group the record has nothing for is absent,
  which spaCy's span categorizer reads as empty):

  * ``doc.spans["quotes"]``: the quotations' content, label = kind (direct, partial, indirect, headline);
  * ``doc.spans["speakers"]``: their speakers, label = the speaker's entity label, else "SPEAKER";
  * ``doc.spans["cues"]``: their cues ("ha detto"), label "CUE";
  * ``doc.spans["events"]``: the events' triggers, label = event type (events without trigger have no span);
  * ``doc.spans["incorrect_spans"]``: the entity suggestions the annotator rejected (the record's
    ``rejected`` spans), with the label they were suggested with. spaCy's NER learns from them what
    is *not* an entity when its config names the group: ``[components.ner] incorrect_spans_key =
    "incorrect_spans"``; otherwise they are ignored. One that coincides with a kept entity (same
    tokens and label, which spaCy refuses) is left out.

- ``doc.user_data``: ``{"id", "annotator", "status", "answer"}`` of the record.

``split`` (option, a fraction 0 < f < 1): instead of ``path`` write ``<stem>-train.spacy`` and
``<stem>-dev.spacy`` beside it. A document goes to train when the SHA-1 of its id, read as a number in
[0, 1), is below ``f``: the split is deterministic, and all layers of one document are on one side.

Memory: the records are read in constant memory, but a DocBin is not a streaming format — spaCy
writes (and ``spacy train`` reads) one compressed blob per file, so every Doc of an output file stays
in memory until the file is written. DocBin keeps 33 bytes per token (ORTH, SPACY, ENT_IOB and
ENT_TYPE, the only attributes kept here, as 64-bit numbers, and a space flag), each distinct string
once, and the span groups and user data of each Doc; ``DocBin.to_bytes`` then copies the arrays a few
times. Measured: about 150 bytes per token at the peak, so 5,000 articles of 600 tokens take ~0.5 GB. So an
output that gets more than ``part_size`` Docs (option, default 5,000) becomes a folder of that name
holding ``part-00001.spacy``, ``part-00002.spacy``… — ``spacy train`` reads a folder of ``.spacy``
files as one corpus (``--paths.train exports/train.spacy`` either way) — and memory stays bounded
over any number of documents.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import FolderStage, atomic_write

PART_SIZE = 5000  # Docs per part file once an output is a folder of parts
from .jsonl import AnnotatedSource, ExportReport, iter_records

if TYPE_CHECKING:  # spaCy is imported only inside the functions that need it
    from spacy.tokens import Doc, DocBin
    from spacy.tokens import Span as SpacySpan

log = logging.getLogger(__name__)

LANG = "it"
QUOTES = "quotes"
SPEAKERS = "speakers"
CUES = "cues"
EVENTS = "events"
INCORRECT_SPANS = "incorrect_spans"  # the NER's ``incorrect_spans_key``: rejected entity suggestions
SPAN_GROUPS = (QUOTES, SPEAKERS, CUES, EVENTS, INCORRECT_SPANS)
SPEAKER_LABEL = "SPEAKER"  # a speaker without entity label
CUE_LABEL = "CUE"
DOCBIN_ATTRS = ("ENT_IOB", "ENT_TYPE")  # DocBin always adds ORTH and SPACY
USER_DATA_KEYS = ("id", "annotator", "status", "answer")


@dataclass(frozen=True, slots=True)
class DocBinReport(ExportReport):
    """What :func:`export_docbin` wrote. ``paths``: the files (train then dev with ``split``);
    ``train_documents``/``dev_documents``: documents on each side of a split (0 without split);
    ``dropped``: entities left out (overlapping a kept one, or only whitespace)."""

    paths: tuple[Path, ...] = ()
    train_documents: int = 0
    dev_documents: int = 0
    dropped: int = 0


def split_paths(path: str | Path) -> tuple[Path, Path]:
    """``(<stem>-train.spacy, <stem>-dev.spacy)`` beside ``path``."""
    path = Path(path)
    stem = path.stem if path.suffix == ".spacy" else path.name
    return path.with_name(f"{stem}-train.spacy"), path.with_name(f"{stem}-dev.spacy")


def in_train(doc_id: str, fraction: float) -> bool:
    """Whether document ``doc_id`` goes to the train side of a ``fraction`` split (deterministic)."""
    digest = hashlib.sha1(str(doc_id).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def _check_split(split: Any) -> float | None:
    if split is None:
        return None
    if isinstance(split, bool) or not isinstance(split, (int, float)) or not 0 < split < 1:
        raise ValueError(f"split must be a fraction between 0 and 1, such as 0.8 (got {split!r})")
    return float(split)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _span(doc: "Doc", text: str, start: int, end: int, label: str) -> "SpacySpan | None":
    """The token span over ``start``-``end`` of ``text``, the Doc's text (whitespace trimmed, widened to
    whole tokens), or None."""
    start, end = _trim(text, start, end)
    if start >= end:
        return None
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _unique(spans: Iterable["SpacySpan | None"]) -> list["SpacySpan"]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for span in spans:
        if span is None:
            continue
        key = (span.start, span.end, span.label_)
        if key not in seen:
            seen.add(key)
            out.append(span)
    return out


def record_to_doc(tokenizer: Any, record: dict[str, Any]) -> tuple["Doc", int]:
    """The Doc of one annotator JSONL record and how many of its entities were left out."""
    from spacy.util import filter_spans

    text = record["text"]
    doc = tokenizer(text)
    dropped = 0
    if record.get("annotator") is not None:  # nobody's record: entities stay missing, not "outside"
        ents = []
        for s in record.get("spans") or ():
            span = _span(doc, text, s["start"], s["end"], s["label"])
            if span is None:
                dropped += 1
            else:
                ents.append(span)
        kept = filter_spans(ents)
        dropped += len(ents) - len(kept)
        doc.ents = kept
        entities = {(e.start, e.end, e.label_) for e in kept}
        wrong = [span for r in (record.get("rejected") or {}).get("spans") or ()
                 if (span := _span(doc, text, r["start"], r["end"], r["label"])) is not None
                 and (span.start, span.end, span.label_) not in entities]
        if wrong:
            doc.spans[INCORRECT_SPANS] = _unique(wrong)
    quotes, speakers, cues, events = [], [], [], []
    for q in record.get("quotes") or ():
        quotes.append(_span(doc, text, q["start"], q["end"], q.get("kind") or "direct"))
        if q.get("speaker"):
            sp = q["speaker"]
            speakers.append(_span(doc, text, sp["start"], sp["end"], sp.get("label") or SPEAKER_LABEL))
        if q.get("cue"):
            cues.append(_span(doc, text, q["cue"]["start"], q["cue"]["end"], CUE_LABEL))
    for e in record.get("events") or ():
        if e.get("trigger"):
            events.append(_span(doc, text, e["trigger"]["start"], e["trigger"]["end"], e["type"]))
    for key, spans in ((QUOTES, quotes), (SPEAKERS, speakers), (CUES, cues), (EVENTS, events)):
        if spans:  # an empty group costs a msgpack call per Doc in DocBin.add; spancat reads a missing one as empty
            doc.spans[key] = _unique(spans)
    for key in USER_DATA_KEYS:
        doc.user_data[key] = record.get(key)
    return doc, dropped


def _new_docbin() -> "DocBin":
    from spacy.tokens import DocBin

    return DocBin(attrs=list(DOCBIN_ATTRS), store_user_data=True)


def export_docbin(project: AnnotatedSource, path: str | Path, **filters: Any) -> DocBinReport:
    """Write the records of ``project`` as a spaCy DocBin to ``path`` (or, with ``split=F``, to the
    train and dev files beside it; see the module docstring), atomically; returns what was written."""
    import spacy

    fraction = _check_split(filters.get("split"))
    part_size = int(filters.get("part_size") or PART_SIZE)
    tokenizer = spacy.blank(LANG).tokenizer  # not nlp.make_doc: it refuses texts over nlp.max_length
    paths = (Path(path),) if fraction is None else split_paths(path)
    outputs = [_Output(p, part_size) for p in paths]
    documents = records = dropped = 0
    side_documents = [0, 0]
    last_id: Any = object()
    side = 0
    try:
        for record in iter_records(project, **filters):
            if record["id"] != last_id:
                last_id = record["id"]
                documents += 1
                side = 0 if fraction is None or in_train(record["id"], fraction) else 1
                side_documents[side] += 1
            doc, lost = record_to_doc(tokenizer, record)
            outputs[side].add(doc)
            records += 1
            dropped += lost
        if dropped:
            log.warning("%d entit%s left out of the DocBin: overlapping a longer one, or only whitespace",
                        dropped, "y" if dropped == 1 else "ies")
        _finish(outputs)
    finally:
        for output in outputs:
            output.discard()
    return DocBinReport(documents=documents, records=records, paths=paths,
                        train_documents=side_documents[0] if fraction is not None else 0,
                        dev_documents=side_documents[1] if fraction is not None else 0,
                        dropped=dropped)


class _Output:
    """One output of the export: a single .spacy file, or — once it holds more than ``part_size``
    Docs — a folder of that name with part files, so memory stays bounded (``spacy train`` reads a
    folder of .spacy files as one corpus). Parts go to a temporary folder until the end."""

    def __init__(self, path: Path, part_size: int) -> None:
        self.path = path
        self.part_size = part_size
        self.bin = _new_docbin()
        self.count = 0
        self.stage: FolderStage | None = None  # the folder of parts, once there is one
        self.written = 0

    def add(self, doc: "Doc") -> None:
        if self.count == self.part_size:
            self._flush()
        self.bin.add(doc)
        self.count += 1

    def _flush(self) -> None:
        if self.stage is None:
            self.stage = FolderStage(self.path, kind="spacy", replace_file=True)
        self.written += 1
        (self.stage.folder / f"part-{self.written:05d}.spacy").write_bytes(self.bin.to_bytes())
        self.bin, self.count = _new_docbin(), 0

    def finish_parts(self) -> None:
        """The last part, then the folder in place of a file or an earlier export's folder at
        ``path`` (a folder holding other files is refused: see :mod:`annotator.formats.atomic`)."""
        self._flush()
        assert self.stage is not None
        self.stage.finish()
        self.stage = None

    def discard(self) -> None:
        if self.stage is not None:
            self.stage.discard()
            self.stage = None


def _finish(outputs: list[_Output]) -> None:
    """Write every output: single files atomically (with two, both or neither), folders of parts."""
    singles = [o for o in outputs if o.stage is None]
    for output in outputs:
        if output.stage is not None:
            output.finish_parts()
    _write(tuple(o.path for o in singles), [o.bin for o in singles])


def _write(paths: tuple[Path, ...], bins: list["DocBin"]) -> None:
    """Each DocBin to its path atomically; with two, a failure while writing leaves both files as they were."""
    if not paths:
        return
    if len(paths) == 1:
        with atomic_write(paths[0], "wb") as out:
            out.write(bins[0].to_bytes())
        return
    with atomic_write(paths[0], "wb") as train, atomic_write(paths[1], "wb") as dev:
        train.write(bins[0].to_bytes())
        dev.write(bins[1].to_bytes())
