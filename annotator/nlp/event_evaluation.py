"""Score suggested events against gold ones: event-type precision, recall and F1 by trigger overlap.

A gold event is found when a suggested event of the same type has a trigger that overlaps its
trigger (issue 5's measure); a suggestion is right when it finds a gold event that way. On the
events found: mode accuracy (gold events with a mode), and argument precision and recall (same role,
overlapping words). Also the trigger F1 whatever the type, to tell a wrong type from a missed event.
Plain Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from ..domain.matching import Accuracy, Counts, in_context, overlaps

__all__ = ["EventReport", "EventScore", "score_events"]


class EventLike(Protocol):
    type: str
    trigger: tuple[int, int]
    mode: str | None
    args: tuple[tuple[str, int, int], ...]


class EventScore(Counts):
    """Counts for one kind or for all (see :class:`annotator.domain.matching.Counts`)."""

    __slots__ = ()


@dataclass(slots=True)
class EventReport:
    overall: EventScore = field(default_factory=EventScore)
    triggers: EventScore = field(default_factory=EventScore)  # whatever the type
    types: dict[str, EventScore] = field(default_factory=dict)
    modes: Accuracy = field(default_factory=Accuracy)  # on the gold events found that have a mode
    args: EventScore = field(default_factory=EventScore)
    documents: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)

    @property
    def mode_accuracy(self) -> float:
        return self.modes.value

    def as_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "events": self.overall.as_dict(),
                "triggers": self.triggers.as_dict(), "mode_accuracy": round(self.mode_accuracy, 4),
                "arguments": self.args.as_dict(),
                "per_type": {k: v.as_dict() for k, v in sorted(self.types.items())}}


def _args_match(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return a[0] == b[0] and overlaps(a[1:], b[1:])


def score_events(documents: Iterable[tuple[str, list[EventLike], list[EventLike]]],
                 *, keep_errors: bool = False) -> EventReport:
    """Score ``(text, gold events, suggested events)`` per document."""
    report = EventReport()
    for text, gold, predicted in documents:
        report.documents += 1
        for g in gold:
            score = report.types.setdefault(g.type, EventScore())
            score.gold += 1
            report.overall.gold += 1
            report.triggers.gold += 1
            same_place = [p for p in predicted if overlaps(p.trigger, g.trigger)]
            report.triggers.found += bool(same_place)
            matches = [p for p in same_place if p.type == g.type]
            if not matches:
                if keep_errors:
                    report.errors.append({"error": "missed" if not same_place else "type", "gold": g.type,
                                          "predicted": [p.type for p in same_place],
                                          "trigger": text[g.trigger[0]:g.trigger[1]],
                                          "context": in_context(text, g.trigger)})
                continue
            score.found += 1
            report.overall.found += 1
            best = matches[0]
            if g.mode:
                report.modes.total += 1
                report.modes.right += best.mode == g.mode
            report.args.gold += len(g.args)
            report.args.found += sum(any(_args_match(a, b) for b in best.args) for a in g.args)
            report.args.predicted += len(best.args)
            report.args.right += sum(any(_args_match(b, a) for a in g.args) for b in best.args)
        for p in predicted:
            score = report.types.setdefault(p.type, EventScore())
            score.predicted += 1
            report.overall.predicted += 1
            report.triggers.predicted += 1
            report.triggers.right += any(overlaps(p.trigger, g.trigger) for g in gold)
            if any(overlaps(p.trigger, g.trigger) and p.type == g.type for g in gold):
                score.right += 1
                report.overall.right += 1
            elif keep_errors and not any(overlaps(p.trigger, g.trigger) for g in gold):
                report.errors.append({"error": "false alarm", "predicted": p.type,
                                      "trigger": text[p.trigger[0]:p.trigger[1]],
                                      "context": in_context(text, p.trigger)})
    return report
