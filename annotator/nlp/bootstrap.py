"""How sure a held-out F1 is: bootstrap intervals over documents, in plain Python (no spaCy).

A model scored on a handful of held-out articles gets an F1 that another handful would move by ten
points. Resampling the held-out documents with replacement (each keeps its own true positives,
false positives and false negatives, so entities of one article stay together) and recomputing the
micro F1 each time gives a percentile interval for that F1; resampling the two models' counts on
the same documents gives one for their difference, which says whether the new model is better or
the data cannot tell.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Interval", "MIN_ENTITIES", "difference_interval", "f1_interval", "micro_f1"]

Counts = tuple[int, int, int]  # (tp, fp, fn) of one document
MIN_ENTITIES = 50  # fewer held-out entities than this: too few to call one model better


@dataclass(frozen=True, slots=True)
class Interval:
    """A point estimate with its ``confidence`` percentile interval [low, high]."""

    estimate: float
    low: float
    high: float
    confidence: float = 0.95

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def __str__(self) -> str:
        return f"{self.estimate:.1%} ({self.confidence:.0%} interval {self.low:.1%}–{self.high:.1%})"


def micro_f1(counts: Sequence[Counts]) -> float:
    """The micro-averaged F1 of summed (tp, fp, fn) counts (0 when there is nothing to score)."""
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f1_interval(counts: Sequence[Counts], *, samples: int = 1000, confidence: float = 0.95,
                seed: int = 0) -> Interval:
    """The micro F1 of ``counts`` (one per document) and its bootstrap percentile interval."""
    return _interval(micro_f1(counts), [micro_f1(s) for s in _resamples([counts], samples, seed)],
                     confidence)


def difference_interval(new: Sequence[Counts], old: Sequence[Counts], *, samples: int = 1000,
                        confidence: float = 0.95, seed: int = 0) -> Interval:
    """F1(new) − F1(old) on the same documents (paired: each resample draws the same documents for
    both) and its percentile interval; an interval holding 0 means the data cannot tell them apart."""
    if len(new) != len(old):
        raise ValueError(f"the two models were scored on different documents ({len(new)} and {len(old)})")
    diffs = [micro_f1(a) - micro_f1(b) for a, b in _resamples([new, old], samples, seed)]
    return _interval(micro_f1(new) - micro_f1(old), diffs, confidence)


def _resamples(series: list[Sequence[Counts]], samples: int, seed: int):
    """``samples`` draws of the documents with replacement, the same indices for every series."""
    size = len(series[0])
    if size == 0:
        return
    rng = random.Random(seed)
    for _ in range(samples):
        picks = [rng.randrange(size) for _ in range(size)]
        drawn = [[s[i] for i in picks] for s in series]
        yield drawn[0] if len(series) == 1 else tuple(drawn)


def _interval(estimate: float, values: list[float], confidence: float) -> Interval:
    if not values:
        return Interval(estimate, estimate, estimate, confidence)
    values.sort()
    tail = (1 - confidence) / 2
    low = values[min(len(values) - 1, int(tail * len(values)))]
    high = values[min(len(values) - 1, int((1 - tail) * len(values)))]
    return Interval(estimate, low, high, confidence)
