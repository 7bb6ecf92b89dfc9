"""Exact-span evaluation of an NER pipeline: precision, recall, F1 per label and micro-averaged.

A predicted entity counts only when its start, end and label all equal a gold entity's. Texts that
came with their own tokens (TSV, CoNLL, Prodigy JSONL with "tokens") are fed to the pipeline as
those tokens, and with the data's sentence boundaries (the blank lines of TSV and CoNLL), so a
tokenizer or sentencizer difference is not scored as a model error; other texts go through the
pipeline's tokenizer and sentencizer.

Only the labels being evaluated are scored (by default those present in the gold data): a DATE
found by rules is not a false positive on a corpus that never annotates dates.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.nlp.corpora import AnnotatedText

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language

__all__ = ["EvaluationReport", "LabelScore", "evaluate_pipeline", "score_entities"]

Entity = tuple[int, int, str]


@dataclass(slots=True)
class LabelScore:
    """Counts of one label (or of all, for the micro average) and the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def as_dict(self) -> dict[str, float | int]:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "support": self.support}


@dataclass(slots=True)
class EvaluationReport:
    """Scores per label and micro-averaged, and the speed the pipeline ran at."""

    labels: dict[str, LabelScore] = field(default_factory=dict)
    micro: LabelScore = field(default_factory=LabelScore)
    texts: int = 0
    words: int = 0
    per_text: list[tuple[int, int, int]] = field(default_factory=list)  # (tp, fp, fn) of each text, in order
    seconds: float = 0.0  # wall-clock time of the pipeline alone
    cpu_seconds: float = 0.0  # CPU time of this process over the same work

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def words_per_cpu_second(self) -> float:
        return self.words / self.cpu_seconds if self.cpu_seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "micro": self.micro.as_dict(),
            "labels": {label: score.as_dict() for label, score in sorted(self.labels.items())},
            "texts": self.texts,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "words_per_second": round(self.words_per_second),
            "words_per_cpu_second": round(self.words_per_cpu_second),
        }


def score_entities(
    pairs: Iterable[tuple[Iterable[Entity], Iterable[Entity]]],
    labels: Collection[str] | None = None,
) -> EvaluationReport:
    """Score ``(gold, predicted)`` entity sets text by text; ``labels`` limits the labels scored."""
    report = EvaluationReport()
    keep = None if labels is None else frozenset(labels)
    for label in keep or ():
        report.labels[label] = LabelScore()
    for gold_items, predicted_items in pairs:
        gold = {e for e in gold_items if keep is None or e[2] in keep}
        predicted = {e for e in predicted_items if keep is None or e[2] in keep}
        hits = len(gold & predicted)
        report.per_text.append((hits, len(predicted) - hits, len(gold) - hits))
        for entity in gold | predicted:
            score = report.labels.setdefault(entity[2], LabelScore())
            if entity in gold and entity in predicted:
                score.tp += 1
                report.micro.tp += 1
            elif entity in gold:
                score.fn += 1
                report.micro.fn += 1
            else:
                score.fp += 1
                report.micro.fp += 1
        report.texts += 1
    return report


def evaluate_pipeline(
    nlp: "Language",
    items: Sequence[AnnotatedText],
    *,
    labels: Collection[str] | None = None,
    label_map: Mapping[str, str | None] | None = None,
    batch_size: int = 64,
) -> EvaluationReport:
    """Run ``nlp`` over ``items`` and score exact spans; ``labels`` defaults to the gold labels.

    label_map: renames the pipeline's labels before scoring (``{"GPE": "LOC", "MISC": None}``).
    """
    if labels is None:
        labels = {label for item in items for *_, label in item.entities}
    from annotator.nlp.training import doc_for

    docs_in = [doc_for(nlp, item) for item in items]
    started, cpu_started = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(docs_in, batch_size=batch_size))
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    pairs = [(item.entities, _predicted(doc, label_map)) for item, doc in zip(items, docs, strict=True)]
    report = score_entities(pairs, labels)
    report.words = sum(item.word_count for item in items)
    report.seconds, report.cpu_seconds = seconds, cpu_seconds
    return report


def _predicted(doc, label_map: Mapping[str, str | None] | None) -> list[Entity]:
    found = []
    for ent in doc.ents:
        label = ent.label_
        if label_map is not None and label in label_map:
            label = label_map[label]
        if label:
            found.append((ent.start_char, ent.end_char, label))
    return found
