"""The curation states of review.curation: who agrees, and what a single annotator's items are."""

from __future__ import annotations

from annotator.domain.model import Span
from annotator.review.curation import OPEN_STATES, candidates, span_key


def span(start: int, end: int, label: str, who: str) -> Span:
    return Span(1, start, end, label, who, annotator=who)


def test_one_annotator_leaves_items_to_review_not_disagreements() -> None:
    found = candidates({"alice": [span(0, 5, "PER", "alice"), span(9, 13, "LOC", "alice")]}, [], span_key)
    assert [c.state for c in found] == ["single", "single"]
    assert all(c.state in OPEN_STATES for c in found)


def test_two_annotators_agree_and_disagree() -> None:
    layers = {"alice": [span(0, 5, "PER", "alice"), span(9, 13, "LOC", "alice")], "bob": [span(0, 5, "PER", "bob")]}
    assert [c.state for c in candidates(layers, [], span_key)] == ["agree", "disagree"]
    assert [c.state for c in candidates(layers, [span(9, 13, "ORG", "gold")], span_key)] == ["agree", "rejected"]
