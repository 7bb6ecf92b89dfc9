"""Precision, recall and F1 from counts, for the scores that match items by overlap.

Matching by overlap is not one-to-one, so the counts are kept apart: of the ``gold`` items,
``found`` were matched (recall); of the ``predicted`` ones, ``right`` matched a gold item
(precision). Used by the quotation and event scores. Plain Python.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Counts"]


@dataclass(slots=True)
class Counts:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    right: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f": round(self.f1, 4),
                "gold": self.gold, "predicted": self.predicted}
