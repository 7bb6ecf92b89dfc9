"""Score found quotations against gold ones: precision, recall and F1 by overlap, speakers and cues.

The measure of docs/quotes.md and issue 4: a gold quotation is found when one predicted quotation
covers at least half of its characters (recall); a predicted quotation is right when one gold
quotation covers at least half of its characters (precision). On the gold quotations found, with
the predicted quotation that overlaps each most:

- speaker accuracy: the predicted speaker overlaps the gold one, or names the same person by the
  same last word ("Peskov" for "Dmitry Peskov" mentioned earlier); a missing speaker is wrong;
  gold quotations without a speaker are left out;
- cue accuracy: the predicted cue overlaps the gold one (gold quotations without a cue left out);
- kind accuracy: same kind;
- resolved-speaker accuracy (issue 15): the named entity the predicted speaker resolves to is the
  gold one (its fullest mention, or any mention of it by the same last word); for a gold speaker
  that names no one ("un testimone"), the predicted speaker overlaps it and resolves to no one.

Everything is also given per kind: recall by the gold kind, precision by the predicted kind.

The overlap measure lets several predicted quotations count for one gold one (a partial quotation
inside a predicted report is right, and so is the report). ``one_to_one`` counts each gold
quotation matched by one predicted quotation at most, and each predicted one matching one gold
quotation at most (a pair qualifies as above; as many pairs as can be made): a duplicate
suggestion counts against precision there. Plain Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from ..domain.matching import Accuracy, Counts, covers_half, in_context, overlap, same_speaker

__all__ = ["QuoteLike", "QuoteScore", "QuoteReport", "score_quotes"]

Range = tuple[int, int]


class QuoteLike(Protocol):
    start: int
    end: int
    kind: str
    speaker: Range | None
    cue: Range | None


class QuoteScore(Counts):
    """Counts for one kind or for all (see :class:`annotator.domain.matching.Counts`)."""

    __slots__ = ()


@dataclass(slots=True)
class QuoteReport:
    """Overall and per-kind scores, and speaker, cue and kind accuracy on the quotations found."""

    overall: QuoteScore = field(default_factory=QuoteScore)
    one_to_one: QuoteScore = field(default_factory=QuoteScore)
    kinds: dict[str, QuoteScore] = field(default_factory=dict)
    speaker: Accuracy = field(default_factory=Accuracy)
    cue: Accuracy = field(default_factory=Accuracy)
    kind: Accuracy = field(default_factory=Accuracy)
    resolved: Accuracy = field(default_factory=Accuracy)
    speaker_by_kind: dict[str, Accuracy] = field(default_factory=dict)
    documents: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)  # what was missed or wrong, to read

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "quotes": self.overall.as_dict(),
            "quotes_one_to_one": self.one_to_one.as_dict(),
            "speaker_accuracy": round(self.speaker.value, 4), "speakers_judged": self.speaker.total,
            "cue_accuracy": round(self.cue.value, 4), "cues_judged": self.cue.total,
            "kind_accuracy": round(self.kind.value, 4),
            "resolved_speaker_accuracy": round(self.resolved.value, 4),
            "per_kind": {k: {**s.as_dict(), "speaker_accuracy": round(self.speaker_by_kind.get(k, Accuracy()).value, 4)}
                         for k, s in sorted(self.kinds.items())},
        }




def score_quotes(documents: Iterable[tuple[str, list[QuoteLike], list[QuoteLike]]],
                 *, keep_errors: bool = False) -> QuoteReport:
    """Score ``(text, gold, predicted)`` per document; ``keep_errors`` lists misses and false alarms."""
    report = QuoteReport()
    for text, gold, predicted in documents:
        report.documents += 1
        matched = _one_to_one(gold, predicted)
        report.one_to_one.gold += len(gold)
        report.one_to_one.predicted += len(predicted)
        report.one_to_one.found += matched
        report.one_to_one.right += matched
        for g in gold:
            score = report.kinds.setdefault(g.kind, QuoteScore())
            score.gold += 1
            report.overall.gold += 1
            matches = [p for p in predicted if covers_half((p.start, p.end), (g.start, g.end))]
            if not matches:
                if keep_errors:
                    report.errors.append({"error": "missed", "kind": g.kind, "text": text[g.start:g.end][:120],
                                          "context": in_context(text, (g.start, min(g.end, g.start + 40)), 100)})
                continue
            score.found += 1
            report.overall.found += 1
            best = max(matches, key=lambda p: overlap((p.start, p.end), (g.start, g.end)))
            report.kind.total += 1
            report.kind.right += best.kind == g.kind
            if g.speaker is not None:
                right = same_speaker(text, g.speaker, best.speaker)
                report.speaker.total += 1
                report.speaker.right += right
                by_kind = report.speaker_by_kind.setdefault(g.kind, Accuracy())
                by_kind.total += 1
                by_kind.right += right
                resolved = _resolved_right(text, g, best)
                report.resolved.total += 1
                report.resolved.right += resolved
                if keep_errors and right and not resolved:  # a wrong speaker is listed below
                    gold_entity = getattr(g, "speaker_entity", None)
                    entity = getattr(best, "entity", None)
                    report.errors.append({
                        "error": "resolved speaker", "kind": g.kind, "text": text[g.start:g.end][:60],
                        "gold": text[slice(*gold_entity)] if gold_entity else f"(no one) {text[slice(*g.speaker)]}",
                        "predicted": text[entity[0]:entity[1]] if entity else
                        (f"(no one) {text[slice(*best.speaker)]}" if best.speaker else None)})
                if keep_errors and not right:
                    report.errors.append({
                        "error": "speaker", "kind": g.kind, "text": text[g.start:g.end][:80],
                        "gold": text[g.speaker[0]:g.speaker[1]],
                        "predicted": text[best.speaker[0]:best.speaker[1]] if best.speaker else None,
                        "context": in_context(text, (g.start, min(g.end, g.start + 40)), 160)})
            if g.cue is not None:
                right = best.cue is not None and overlap(g.cue, best.cue) > 0
                report.cue.total += 1
                report.cue.right += right
                if keep_errors and not right:
                    report.errors.append({
                        "error": "cue", "kind": g.kind, "text": text[g.start:g.end][:80],
                        "gold": text[g.cue[0]:g.cue[1]],
                        "predicted": text[best.cue[0]:best.cue[1]] if best.cue else None})
        for p in predicted:
            score = report.kinds.setdefault(p.kind, QuoteScore())
            score.predicted += 1
            report.overall.predicted += 1
            if any(covers_half((g.start, g.end), (p.start, p.end)) for g in gold):
                score.right += 1
                report.overall.right += 1
            elif keep_errors:
                report.errors.append({"error": "false alarm", "kind": p.kind, "text": text[p.start:p.end][:120]})
    return report


def _one_to_one(gold: list[QuoteLike], predicted: list[QuoteLike]) -> int:
    """The most gold quotations that can be paired with predicted ones when each side is used once
    (a maximum bipartite matching by augmenting paths, searched without recursion)."""
    candidates = [[p_index for p_index, p in enumerate(predicted) if _pair((g.start, g.end), (p.start, p.end))]
                  for g in gold]
    owner: dict[int, int] = {}  # predicted index -> the gold index it is paired with
    partner: dict[int, int] = {}  # and back
    for root in range(len(gold)):
        came_from: dict[int, int] = {}  # predicted index -> the gold index whose search reached it
        stack, free = [root], None
        while stack and free is None:
            g_index = stack.pop()
            for p_index in candidates[g_index]:
                if p_index not in came_from:
                    came_from[p_index] = g_index
                    if p_index not in owner:
                        free = p_index
                        break
                    stack.append(owner[p_index])  # its gold may move to another prediction
        while free is not None:  # along the path back to root, each gold takes the prediction that reached it
            g_index = came_from[free]
            previous = partner.get(g_index)
            owner[free], partner[g_index] = g_index, free
            free = previous
    return len(partner)


def _pair(gold: Range, predicted: Range) -> bool:
    """Either covers at least half of the other: a pair the one-to-one count may make."""
    return covers_half(predicted, gold) or covers_half(gold, predicted)


def _resolved_right(text: str, gold: QuoteLike, predicted: QuoteLike) -> bool:
    gold_entity = getattr(gold, "speaker_entity", None)
    entity = getattr(predicted, "entity", None)
    if gold_entity is None:
        return entity is None and predicted.speaker is not None and overlap(gold.speaker, predicted.speaker) > 0
    return entity is not None and same_speaker(text, gold_entity, (entity[0], entity[1]))
