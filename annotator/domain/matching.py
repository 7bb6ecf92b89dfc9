"""Matching annotations by overlap, and precision, recall and F1 from counts.

Shared by the evaluation of the quotation finder and the event suggester (``annotator.nlp``) and by
the agreement between annotators (``annotator.review``). Matching by overlap is not one-to-one, so
the counts are kept apart: of the ``gold`` items, ``found`` were matched (recall); of the
``predicted`` ones, ``right`` matched a gold item (precision).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Accuracy", "Counts", "covers_half", "in_context", "overlap", "overlaps", "same_speaker"]

Range = tuple[int, int]


def overlap(a: Range, b: Range) -> int:
    """How many characters two ranges share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a: Range | None, b: Range | None) -> bool:
    """Two ranges share at least one character (a missing range overlaps nothing)."""
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def covers_half(cover: Range, target: Range) -> bool:
    """``cover`` shares at least half of ``target``'s characters (the quotation measure)."""
    return 2 * overlap(cover, target) >= max(1, target[1] - target[0])


def _last_word(text: str) -> str:
    words = [w for w in text.replace("’", "'").split() if w[:1].isalnum()]
    return words[-1].lower().strip(".,;:") if words else ""


def same_speaker(text: str, a: Range | None, b: Range | None) -> bool:
    """Two speaker ranges name the same speaker: they overlap, or end with the same word
    ("Peskov" for "Dmitry Peskov" mentioned elsewhere). A missing speaker matches nothing."""
    if a is None or b is None:
        return False
    if overlaps(a, b):
        return True
    return _last_word(text[a[0]:a[1]]) == _last_word(text[b[0]:b[1]]) != ""


@dataclass(slots=True)
class Counts:
    """Matches by overlap: ``found`` of the ``gold`` items, ``right`` of the ``predicted`` ones."""

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


@dataclass(slots=True)
class Accuracy:
    """Right out of judged (0.0 when nothing was judged)."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


def in_context(text: str, span: tuple[int, int], width: int = 70) -> str:
    """The words around ``span``, the span in brackets, on one line: enough to judge an error by."""
    before = text[max(0, span[0] - width):span[0]]
    after = text[span[1]:span[1] + width]
    return " ".join(f"{before}[{text[span[0]:span[1]]}]{after}".split())
