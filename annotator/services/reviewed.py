"""Which articles count as a layer's reviewed work, for training, evaluation and agreement.

An article counts when the layer marked it done (or in review, adjudicated) and no suggestion in
it is pending: an undecided suggestion is neither an entity nor "not an entity", so reading it as
either would teach a model, or score an annotator, on a guess. The gold layer never sees
suggestions (curation hides them): its finished articles count as they are. What is left out is
counted, so every user of this module can say how many articles it skipped and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.model import (ACCEPTED, DOC_ADJUDICATED, DOC_DONE, DOC_IN_REVIEW, DOC_NEW, GOLD, REJECTED, SUGGESTED,
                            SUGGESTIONS)
from ..domain.review_commands import pending_in_layer

__all__ = ["ABSENT", "ALL_ROWS", "FINISHED", "PENDING", "REVIEWED", "UNFINISHED", "Skipped", "layer_state"]

FINISHED = frozenset({DOC_DONE, DOC_IN_REVIEW, DOC_ADJUDICATED})
ALL_ROWS = (ACCEPTED, SUGGESTED, REJECTED)  # what to read: a rejected decision hides its suggestion

REVIEWED = "reviewed"  # finished, nothing pending: counts
PENDING = "pending"  # marked done, suggestions still pending: skipped
UNFINISHED = "unfinished"  # work in it, not marked done: skipped
ABSENT = "absent"  # the layer has nothing in this article


def layer_state(annotated: object, layer: str) -> str:
    """REVIEWED, PENDING, UNFINISHED or ABSENT: what ``layer`` did with one article.

    ``annotated`` is an AnnotatedDocument read with ``statuses=ALL_ROWS`` (the suggestions and the
    rejected decisions are needed to tell what is pending)."""
    spans, quotes, events = (
        [i for i in items if i.layer == layer]
        for items in (annotated.spans, annotated.quotes, annotated.events)  # type: ignore[attr-defined]
    )
    status = annotated.statuses.get(layer, DOC_NEW)  # type: ignore[attr-defined]
    worked = status != DOC_NEW or any(i.status == ACCEPTED for i in (*spans, *quotes, *events))
    if not worked:
        return ABSENT
    if layer == GOLD:
        return REVIEWED if status in FINISHED or any(s.status == ACCEPTED for s in spans) else UNFINISHED
    if status not in FINISHED:
        return UNFINISHED
    suggested = (
        [i for i in items if i.layer == SUGGESTIONS]
        for items in (annotated.spans, annotated.quotes, annotated.events)  # type: ignore[attr-defined]
    )
    s_spans, s_quotes, s_events = suggested
    return PENDING if pending_in_layer(spans, s_spans, quotes, s_quotes, events, s_events) else REVIEWED


@dataclass(slots=True)
class Skipped:
    """Articles of one layer left out, by reason."""

    unfinished: int = 0
    pending: int = 0

    def count(self, state: str) -> None:
        if state == UNFINISHED:
            self.unfinished += 1
        elif state == PENDING:
            self.pending += 1

    def __bool__(self) -> bool:
        return bool(self.unfinished or self.pending)

    def as_dict(self) -> dict[str, int]:
        return {"not_done": self.unfinished, "pending_suggestions": self.pending}

    def describe(self) -> str:
        """"2 articles not marked done and 1 marked done with suggestions still pending"."""
        parts = []
        if self.unfinished:
            parts.append(f"{_articles(self.unfinished)} not marked done")
        if self.pending:
            parts.append(f"{_articles(self.pending)} marked done with suggestions still pending")
        return " and ".join(parts) or "no article"


def _articles(n: int) -> str:
    return f"{n:,} article{'s' if n != 1 else ''}"
