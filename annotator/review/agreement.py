"""Agreement between annotators: entities, quotations and events, pairwise, overall and per document.

Input is plain: for each document its text and, per annotator, the items of their layer (accepted
only). A pair of annotators is compared on the documents both annotated. Definitions (tests compute
them by hand):

- entities: ``f1`` is the exact-span micro-F1 over (start, end, label), one annotator taken as the
  reference (F1 is symmetric); ``f1_overlap`` counts a span as matched when a span of the other with
  the same label overlaps it; ``per_label`` is the exact F1 per label; ``kappa`` is Cohen's kappa on
  token labels (each token of the shared documents gets the label of the span covering it, or "O");
  ``alpha`` is Krippendorff's alpha (nominal) on the same token labels over all annotators;
- quotations: ``f1`` by content overlap (half the characters, both ways, as the finder's
  evaluation), ``speaker`` the share of matched quotation pairs whose speakers agree;
- events: ``f1`` of triggers (overlapping), ``type_agreement`` the share of matched triggers with
  the same type.

A measure with nothing to measure (no shared document, no item on either side, a single label
everywhere for kappa, fewer than two annotators for alpha) is None, not a made-up 0 or 1.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from ..domain.matching import Counts, covers_half, overlap, same_speaker
from ..domain.model import Event, Quote, Span

__all__ = ["AgreementReport", "DocumentLayers", "agreement", "cohen_kappa", "krippendorff_alpha", "label_confusion",
           "token_labels"]

_TOKEN = re.compile(r"\w+|[^\w\s]")
OUTSIDE = "O"


@dataclass(frozen=True, slots=True)
class DocumentLayers:
    """One document: its uid, its text, and each annotator's accepted items (``doc_id``: its row in
    the project, when it comes from one; ``title``: its title, for people, when it has one)."""

    uid: str
    text: str
    spans: Mapping[str, Sequence[Span]]
    quotes: Mapping[str, Sequence[Quote]] = field(default_factory=dict)
    events: Mapping[str, Sequence[Event]] = field(default_factory=dict)
    doc_id: int | None = None
    title: str = ""

    @property
    def annotators(self) -> set[str]:
        return set(self.spans) | set(self.quotes) | set(self.events)


@dataclass(slots=True)
class AgreementReport:
    annotators: list[str]
    entity_pairs: list[dict[str, Any]]
    alpha: float | None
    documents: list[dict[str, Any]]
    quote_pairs: list[dict[str, Any]]
    event_pairs: list[dict[str, Any]]
    # per annotator, the articles left out: {"not_done": n, "pending_suggestions": m}
    skipped: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``annotator agreement --format json``."""
        return {"annotators": self.annotators,
                "entities": {"pairs": self.entity_pairs, "alpha": _round(self.alpha), "documents": self.documents},
                "quotes": {"pairs": self.quote_pairs},
                "events": {"pairs": self.event_pairs},
                "skipped": self.skipped}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _f1(counts: Counts) -> float | None:
    return None if counts.gold == 0 and counts.predicted == 0 else round(counts.f1, 4)


# --- token labels, kappa and alpha ----------------------------------------------------------------


def token_labels(text: str, spans: Iterable[Span]) -> list[str]:
    """The label of each token of ``text`` (words and punctuation): that of the span covering its
    first character, else "O"."""
    starts = [m.start() for m in _TOKEN.finditer(text)]
    labels = [OUTSIDE] * len(starts)
    from bisect import bisect_left

    for span in spans:
        for i in range(bisect_left(starts, span.start), bisect_left(starts, span.end)):
            labels[i] = span.label
    return labels


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa of two label sequences of the same length; None when undefined (no items, or
    chance agreement 1: both used one and the same label throughout)."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Iterable[Sequence[str]]) -> float | None:
    """Krippendorff's alpha for nominal data: each unit is the values given to it by the coders who
    coded it; units with fewer than two values do not count. None when undefined (no pairable
    values, or a single value throughout)."""
    coincidences: Counter[tuple[str, str]] = Counter()
    for values in units:
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c in counts:
            for k in counts:
                pairs = counts[c] * (counts[k] - (1 if c == k else 0))
                if pairs:
                    coincidences[(c, k)] += pairs / (m - 1)
    totals: Counter[str] = Counter()
    for (c, _k), value in coincidences.items():
        totals[c] += value
    n = sum(totals.values())
    if n <= 1:
        return None
    disagreement = sum(v for (c, k), v in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k) / (n - 1)
    if expected == 0:
        return None
    return 1 - disagreement / expected


# --- the report -------------------------------------------------------------------------------------


def agreement(documents: Sequence[DocumentLayers], annotators: Sequence[str] | None = None) -> AgreementReport:
    """Agreement among ``annotators`` (default: everyone with a layer) on ``documents``."""
    names = sorted(annotators if annotators is not None else {a for d in documents for a in d.annotators})
    entity_pairs, quote_pairs, event_pairs = [], [], []
    for a, b in combinations(names, 2):
        shared = [d for d in documents if a in d.annotators and b in d.annotators]
        entity_pairs.append(_entity_pair(a, b, shared))
        quote_pairs.append(_quote_pair(a, b, shared))
        event_pairs.append(_event_pair(a, b, shared))
    units: list[list[str]] = []
    for document in documents:
        coders = [n for n in names if n in document.annotators]
        if len(coders) < 2:
            continue
        columns = [token_labels(document.text, document.spans.get(n, ())) for n in coders]
        units.extend(list(values) for values in zip(*columns))
    alpha = krippendorff_alpha(units)
    per_document = sorted((_document_row(d, names) for d in documents if len(d.annotators & set(names)) >= 2),
                          key=lambda row: (row["f1"] if row["f1"] is not None else 2.0, row["id"]))
    return AgreementReport(names, entity_pairs, alpha, per_document, quote_pairs, event_pairs)


def _exact_counts(reference: Iterable[tuple[int, int, str]], other: Iterable[tuple[int, int, str]],
                  counts: Counts) -> None:
    ref, oth = set(reference), set(other)
    counts.gold += len(ref)
    counts.predicted += len(oth)
    counts.found += len(ref & oth)
    counts.right += len(ref & oth)


def _entity_pair(a: str, b: str, shared: Sequence[DocumentLayers]) -> dict[str, Any]:
    exact, loose = Counts(), Counts()
    per_label: dict[str, Counts] = {}
    tokens_a: list[str] = []
    tokens_b: list[str] = []
    for document in shared:
        spans_a = [(s.start, s.end, s.label) for s in document.spans.get(a, ())]
        spans_b = [(s.start, s.end, s.label) for s in document.spans.get(b, ())]
        _exact_counts(spans_a, spans_b, exact)
        for label in {s[2] for s in spans_a} | {s[2] for s in spans_b}:
            _exact_counts([s for s in spans_a if s[2] == label], [s for s in spans_b if s[2] == label],
                          per_label.setdefault(label, Counts()))
        loose.gold += len(spans_a)
        loose.predicted += len(spans_b)
        loose.found += sum(any(s[2] == t[2] and overlap(s[:2], t[:2]) for t in spans_b) for s in spans_a)
        loose.right += sum(any(s[2] == t[2] and overlap(s[:2], t[:2]) for t in spans_a) for s in spans_b)
        tokens_a += token_labels(document.text, document.spans.get(a, ()))
        tokens_b += token_labels(document.text, document.spans.get(b, ()))
    kappa = cohen_kappa(tokens_a, tokens_b)
    return {"a": a, "b": b, "documents": len(shared), "f1": _f1(exact), "f1_overlap": _f1(loose),
            "kappa": _round(kappa), "per_label": {label: _f1(c) for label, c in sorted(per_label.items())}}


def _quote_pair(a: str, b: str, shared: Sequence[DocumentLayers]) -> dict[str, Any]:
    counts = Counts()
    speakers_judged = speakers_agree = 0
    for document in shared:
        quotes_a, quotes_b = document.quotes.get(a, ()), document.quotes.get(b, ())
        counts.gold += len(quotes_a)
        counts.predicted += len(quotes_b)
        for q in quotes_a:
            matches = [r for r in quotes_b if covers_half((r.start, r.end), (q.start, q.end))]
            if not matches:
                continue
            counts.found += 1
            best = max(matches, key=lambda r: overlap((r.start, r.end), (q.start, q.end)))
            speakers_judged += 1
            speakers_agree += _same_speaker(document.text, q, best)
        counts.right += sum(any(covers_half((q.start, q.end), (r.start, r.end)) for q in quotes_a) for r in quotes_b)
    speaker = speakers_agree / speakers_judged if speakers_judged else None
    return {"a": a, "b": b, "documents": len(shared), "f1": _f1(counts), "speaker": _round(speaker),
            "matched": speakers_judged}


def _same_speaker(text: str, q: Quote, r: Quote) -> bool:
    """Both name no speaker, or they name the same one."""
    a = (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None
    b = (r.speaker_start, r.speaker_end) if r.speaker_start is not None else None
    if a is None and b is None:
        return True
    return same_speaker(text, a, b)  # type: ignore[arg-type]


def _trigger(event: Event) -> tuple[int, int] | None:
    if event.trigger_start is None or event.trigger_end is None:
        return None
    return event.trigger_start, event.trigger_end


def _event_pair(a: str, b: str, shared: Sequence[DocumentLayers]) -> dict[str, Any]:
    counts = Counts()
    matched = same_type = 0
    for document in shared:
        events_a = [e for e in document.events.get(a, ()) if _trigger(e)]
        events_b = [e for e in document.events.get(b, ()) if _trigger(e)]
        counts.gold += len(events_a)
        counts.predicted += len(events_b)
        for e in events_a:
            partners = [f for f in events_b if overlap(_trigger(e), _trigger(f)) > 0]  # type: ignore[arg-type]
            if partners:
                counts.found += 1
                matched += 1
                same_type += any(f.type == e.type for f in partners)
        counts.right += sum(any(overlap(_trigger(e), _trigger(f)) > 0 for e in events_a)  # type: ignore[arg-type]
                            for f in events_b)
    type_agreement = same_type / matched if matched else None
    return {"a": a, "b": b, "documents": len(shared), "f1": _f1(counts), "type_agreement": _round(type_agreement),
            "matched": matched}


def _document_row(document: DocumentLayers, names: Sequence[str]) -> dict[str, Any]:
    coders = [n for n in names if n in document.annotators]
    scores = [row["f1"] for a, b in combinations(coders, 2)
              if (row := _entity_pair(a, b, [document]))["f1"] is not None]
    return {"id": document.uid, "annotators": coders,
            "f1": round(sum(scores) / len(scores), 4) if scores else None,
            "spans": {n: len(document.spans.get(n, ())) for n in coders}}


def label_confusion(documents: Sequence[DocumentLayers], a: str, b: str) -> tuple[list[str], list[list[int]]]:
    """How often a token labelled X by ``a`` is labelled Y by ``b``, on the documents both
    annotated: the labels (O last) and the matrix, rows ``a``'s labels, columns ``b``'s."""
    counts: Counter[tuple[str, str]] = Counter()
    for document in documents:
        if a in document.annotators and b in document.annotators:
            pairs = zip(token_labels(document.text, document.spans.get(a, ())),
                        token_labels(document.text, document.spans.get(b, ())))
            counts.update(pairs)
    labels = sorted({x for pair in counts for x in pair} - {OUTSIDE}) + ([OUTSIDE] if counts else [])
    return labels, [[counts[(x, y)] for y in labels] for x in labels]
