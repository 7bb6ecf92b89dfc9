"""Measure the quotation finder and the event suggester on gold: read the gold, run, score.

Gold comes as inline markup (``=== id`` headers, ``<q>``/``<sp>``/``<cue>`` tags: see
:mod:`annotator.formats.quote_markup`, the format of ``benchmarks/data/quotes/``) or as annotator
JSONL whose records carry ``quotes`` (an export of a gold layer: ``annotator export --gold``).
Events come as inline markup too (``<ev>``/``<arg>`` tags, ``benchmarks/data/events/``). Used by
``annotator evaluate --quotes``/``--events`` and ``benchmarks/bench_quotes.py``/``bench_events.py``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.model import DOC_IN_PROGRESS, DOC_NEW, GOLD, QUOTE_KINDS
from ..domain.published import publication_date
from ..formats.quote_markup import GoldDocument, GoldEvent, GoldQuote, MarkupError, read_quote_markup
from ..nlp.event_evaluation import EventReport, score_events
from ..nlp.quote_evaluation import QuoteReport, score_quotes

__all__ = ["EventEvaluation", "QuoteEvaluation", "evaluate_events", "evaluate_quotes", "read_quote_gold"]


@dataclass
class QuoteEvaluation:
    """The scores, and what the finder cost beside the pipeline (CPU seconds) on the same texts."""

    report: QuoteReport
    words: int
    pipeline_seconds: float
    finder_seconds: float

    @property
    def added_time(self) -> float:
        return self.finder_seconds / self.pipeline_seconds if self.pipeline_seconds else 0.0


@dataclass
class EventEvaluation:
    """Event scores, and the suggester's cost beside the pipeline (CPU seconds)."""

    report: EventReport
    words: int
    pipeline_seconds: float
    suggester_seconds: float


def read_quote_gold(paths: Iterable[str | Path],
                    notes: list[str] | None = None) -> tuple[list[GoldDocument], list[str]]:
    """Gold documents from markup (.txt) or JSONL files, and one message per file that failed;
    ``notes`` receives a line per file whose unfinished records were left out (not a failure)."""
    documents: list[GoldDocument] = []
    errors: list[str] = []
    for path in map(Path, paths):
        try:
            if path.suffix.lower() in (".jsonl", ".json"):
                found, unfinished = _read_jsonl(path)
                documents.extend(found)
                if unfinished and notes is not None:
                    notes.append(f"{path}: {unfinished:,} record{'s' if unfinished != 1 else ''} whose annotator "
                                 "has not marked the article done (only reviewed work is gold)")
            else:
                documents.extend(read_quote_markup(path))
        except (MarkupError, ValueError) as err:
            errors.append(str(err))
        except OSError as err:
            errors.append(f"{path}: cannot read ({err.strerror or err})")
    return documents, errors


def _read_jsonl(path: Path) -> tuple[list[GoldDocument], int]:
    """Gold documents from an annotator JSONL: one per document, from its "gold" record if it has
    one, else its first annotator's finished one; suggestion records, unannotated documents and
    records whose annotator has not marked the article done ("new", "in progress") are not gold.
    Returns the documents and how many unfinished records were left out."""
    chosen: dict[str, tuple[bool, GoldDocument]] = {}
    unfinished = 0
    with path.open("r", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{where}: not JSON ({err.msg})") from None
            text = record.get("text") if isinstance(record, dict) else None
            if not isinstance(text, str):
                raise ValueError(f"{where}: a record needs a \"text\"")
            if record.get("status") == "suggested" or ("annotator" in record and record["annotator"] is None):
                continue
            if record.get("annotator") not in (None, GOLD) and record.get("status") in (DOC_NEW, DOC_IN_PROGRESS):
                unfinished += 1
                continue
            quotes = [_gold_quote(q, text, where) for q in record.get("quotes") or ()]
            events = [e for e in (_gold_event(e, text, where) for e in record.get("events") or ()) if e]
            meta = record.get("meta") or {}
            key = str(record.get("id") or f"{path.name}:{number}")
            is_gold = record.get("annotator") == "gold"
            if key in chosen and (chosen[key][0] or not is_gold):
                continue
            day = publication_date(meta) if isinstance(meta, dict) else None
            chosen[key] = (is_gold, GoldDocument(key, text, day.isoformat() if day else None, quotes, events))
    return [document for _, document in chosen.values()], unfinished


def _gold_event(item: Any, text: str, where: str) -> GoldEvent | None:
    """A gold event, or None for one without trigger words (the measure matches triggers)."""
    if not isinstance(item, dict) or not isinstance(item.get("type"), str):
        raise ValueError(f"{where}: each event must be an object with a \"type\"")
    trigger = item.get("trigger")
    if trigger is None:
        return None
    if not isinstance(trigger, dict):
        raise ValueError(f"{where}: an event's trigger must be an object with start and end")
    start, end = trigger.get("start"), trigger.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise ValueError(f"{where}: an event's trigger needs start < end inside the text")
    args = tuple((a.get("role"), a.get("start"), a.get("end")) for a in item.get("args") or ()
                 if isinstance(a, dict) and isinstance(a.get("start"), int) and isinstance(a.get("end"), int))
    return GoldEvent(item["type"], (start, end), item.get("mode"), args, item.get("date"),
                     tuple(item.get("context") or ()))


def _gold_quote(item: Any, text: str, where: str) -> GoldQuote:
    def bounds(part: Any, name: str) -> tuple[int, int] | None:
        if part is None:
            return None
        start, end = (part.get("start"), part.get("end")) if isinstance(part, dict) else (None, None)
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise ValueError(f"{where}: a quotation's {name} needs start < end inside the text")
        return start, end

    if not isinstance(item, dict):
        raise ValueError(f"{where}: each quotation must be an object")
    content = bounds(item, "content")
    assert content is not None
    kind = item.get("kind", "direct")
    if kind not in QUOTE_KINDS:
        raise ValueError(f"{where}: quotation kind {kind!r} is not one of {', '.join(QUOTE_KINDS)}")
    speaker = item.get("speaker")
    return GoldQuote(*content, kind, speaker=bounds(speaker, "speaker"),
                     speaker_label=speaker.get("label") if isinstance(speaker, dict) else None,
                     cue=bounds(item.get("cue"), "cue"))


def evaluate_quotes(nlp: Any, documents: list[GoldDocument], finder: Any = None, *,
                    keep_errors: bool = False, syntax: Any = "auto") -> QuoteEvaluation:
    """Find entities with ``nlp`` and quotations with ``finder`` (the bundled lexicon by default)
    in each gold text, and score them against the gold quotations. ``syntax``: a callable giving
    the parse of a text for the finder (the time it takes counts as the finder's), None for the
    rules alone, or "auto" (the default): what pre-annotation reads off the bundled UD parser
    where it is installed; "speakers"/"all": that choice of pre-annotation's."""
    from ..nlp.quotes import QuoteFinder

    finder = finder or QuoteFinder()
    started = time.process_time()
    docs = list(nlp.pipe(d.text for d in documents))
    pipeline_seconds = time.process_time() - started
    entities = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]
    started = time.process_time()
    from ..nlp.events import EventSuggester  # with "all", its verbs are parsed first in pre-annotation

    parses = _parses(syntax, [(d.text, ents) for d, ents in zip(documents, entities, strict=True)], finder,
                     EventSuggester())
    found = [finder.find(d.text, ents, **parse[0]) for d, ents, parse in zip(documents, entities, parses, strict=True)]
    finder_seconds = time.process_time() - started
    report = score_quotes(((d.text, d.quotes, f) for d, f in zip(documents, found, strict=True)),
                          keep_errors=keep_errors)
    words = sum(len(d.text.split()) for d in documents)
    return QuoteEvaluation(report, words, pipeline_seconds, finder_seconds)


def evaluate_events(nlp: Any, documents: list[GoldDocument], suggester: Any = None, *,
                    keep_errors: bool = False, finder: Any = None, syntax: Any = "auto") -> EventEvaluation:
    """Find entities, dates and quotations with ``nlp`` and the finder, then events with
    ``suggester`` (the bundled lexicon by default), and score them against the gold events. DATE
    values are resolved against each document's publication date. ``syntax``: as for
    :func:`evaluate_quotes` (one parse of each text serves the finder and the suggester)."""

    from ..nlp.dates import DATE_LABEL, resolve_date
    from ..nlp.events import EventSuggester
    from ..nlp.quotes import QuoteFinder

    suggester = suggester or EventSuggester()
    finder = finder or QuoteFinder()
    started = time.process_time()
    docs = list(nlp.pipe(d.text for d in documents))
    pipeline_seconds = time.process_time() - started
    found = []
    suggester_seconds = 0.0
    started = time.process_time()
    parses = _parses(syntax, [(d.text, [(e.start_char, e.end_char, e.label_) for e in doc.ents])
                              for d, doc in zip(documents, docs, strict=True)], finder, suggester)
    suggester_seconds += time.process_time() - started
    for gold, doc, parse in zip(documents, docs, parses, strict=True):
        published = publication_date({"published": gold.published or ""})
        entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        dates = [(e.start_char, e.end_char, resolve_date(e.text, published)) for e in doc.ents
                 if e.label_ == DATE_LABEL]
        started = time.process_time()
        quotes = finder.find(gold.text, entities, **parse[0])
        found.append(suggester.find(gold.text, entities, quotes=quotes, dates=dates, published=published, **parse[1]))
        suggester_seconds += time.process_time() - started
    report = score_events(((d.text, d.events, f) for d, f in zip(documents, found, strict=True)),
                          keep_errors=keep_errors)
    return EventEvaluation(report, sum(len(d.text.split()) for d in documents), pipeline_seconds,
                           suggester_seconds)


def _parses(syntax: Any, texts: list[tuple[str, list]], finder: Any,
            suggester: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The ``syntax`` keywords for the finder and for the suggester on each text: its parse, or
    nothing (rules alone). "auto": what pre-annotation reads off the bundled parser where it is
    installed (``annotator.nlp.preannotate.SYNTAX_DEFAULT``), the sentences parsed beforehand in
    one batch as there (``prepare_parses``); "speakers", "all", "none": that choice of
    pre-annotation's; a callable: its parse, for both; None: the rules alone."""
    from ..nlp.preannotate import SYNTAX_DEFAULT, prepare_parses
    from ..nlp.syntax_roles import parser_available

    if syntax == "auto":
        syntax = SYNTAX_DEFAULT
    if syntax in ("speakers", "all"):
        if not parser_available():
            return [({}, {}) for _ in texts]
        both = syntax == "all"
        return [({"syntax": p}, {"syntax": p} if both else {})
                for p in prepare_parses(texts, finder, suggester if both else None)]
    if syntax in (None, "none"):
        return [({}, {}) for _ in texts]
    parsed = [syntax(text) for text, _ in texts]
    return [({"syntax": p}, {"syntax": p}) if p is not None else ({}, {}) for p in parsed]
