"""What an annotator sees: their spans plus the suggestions they have not decided on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.domain.model import (
    ACCEPTED,
    GOLD,
    REJECTED,
    SUGGESTED,
    SUGGESTIONS,
    Document,
    Span,
    is_annotator_layer,
    visible_spans,
)

ANNA = "anna"


def sug(id_: int, start: int, end: int, label: str = "PER") -> Span:
    return Span(1, start, end, label, SUGGESTIONS, "it_core_news_lg 3.8", SUGGESTED, "it_core_news_lg 3.8", id=id_)


def mine(id_: int, start: int, end: int, label: str = "PER", *, status: str = ACCEPTED, source_id: int | None = None) -> Span:
    return Span(1, start, end, label, ANNA, "manual", status, ANNA, source_id=source_id, id=id_)


def ids(spans: list[Span]) -> list[int | None]:
    return [s.id for s in spans]


def test_pending_suggestions_are_shown_with_the_annotators_spans_sorted() -> None:
    layer = [mine(10, 20, 25), mine(11, 0, 5)]
    suggestions = [sug(1, 30, 35), sug(2, 8, 12)]
    assert ids(visible_spans(layer, suggestions)) == [11, 2, 10, 1]


def test_decided_suggestions_are_hidden() -> None:
    suggestions = [sug(1, 0, 5), sug(2, 10, 15), sug(3, 20, 25)]
    layer = [
        mine(10, 0, 5, source_id=1),  # accepted: shown as the annotator's own span
        mine(11, 10, 15, status=REJECTED, source_id=2),  # rejected: neither shown
    ]
    assert ids(visible_spans(layer, suggestions)) == [10, 3]


def test_suggestions_overlapping_an_accepted_span_are_hidden() -> None:
    layer = [mine(10, 10, 20)]
    suggestions = [sug(1, 5, 11), sug(2, 19, 30), sug(3, 12, 14), sug(4, 0, 10), sug(5, 20, 22), sug(6, 5, 25)]
    # touching at the boundary ([0,10) and [20,22)) is not overlapping
    assert ids(visible_spans(layer, suggestions)) == [4, 10, 5]


def test_a_rejected_span_of_the_layer_does_not_hide_suggestions() -> None:
    layer = [mine(10, 0, 10, status=REJECTED, source_id=None)]
    assert ids(visible_spans(layer, [sug(1, 2, 4)])) == [1]


def test_a_long_accepted_span_hides_suggestions_after_shorter_ones() -> None:
    # the prefix maximum matters: [0, 100) covers [50, 52) even though [10, 12) starts later
    layer = [mine(10, 0, 100), mine(11, 10, 12)]
    assert ids(visible_spans(layer, [sug(1, 50, 52), sug(2, 100, 101)])) == [10, 11, 2]


def test_nothing_to_show() -> None:
    assert visible_spans([], []) == []
    assert ids(visible_spans([], [sug(1, 3, 4), sug(2, 0, 1)])) == [2, 1]


# --- against a brute-force reference ----------------------------------------------------------


def reference(layer: list[Span], suggestions: list[Span]) -> list[Span]:
    accepted = [s for s in layer if s.status == ACCEPTED]
    decided = {s.source_id for s in layer if s.source_id is not None}
    shown = list(accepted)
    for s in suggestions:
        if s.id in decided:
            continue
        if any(a.start < s.end and s.start < a.end for a in accepted):
            continue
        shown.append(s)
    return shown


def key(s: Span) -> tuple:
    return (s.start, s.end, s.layer, s.id, s.status, s.source_id)


RANGE = st.tuples(st.integers(0, 60), st.integers(1, 15))
SUGGESTIONS_ST = st.lists(RANGE, max_size=12).map(lambda rs: [sug(i + 1, a, a + n) for i, (a, n) in enumerate(rs)])
LAYER_ST = st.lists(
    st.tuples(RANGE, st.sampled_from([ACCEPTED, ACCEPTED, REJECTED]), st.one_of(st.none(), st.integers(1, 14))),
    max_size=10,
).map(lambda rows: [mine(100 + j, a, a + n, status=status, source_id=source)
                    for j, ((a, n), status, source) in enumerate(rows)])


def scenario() -> st.SearchStrategy[tuple[list[Span], list[Span]]]:
    return st.tuples(LAYER_ST, SUGGESTIONS_ST)


@settings(max_examples=200, deadline=None)
@given(scenario())
def test_visible_spans_matches_brute_force(case: tuple[list[Span], list[Span]]) -> None:
    layer, suggestions = case
    got = visible_spans(layer, suggestions)
    assert sorted(got, key=key) == sorted(reference(layer, suggestions), key=key)
    assert [(s.start, s.end) for s in got] == sorted((s.start, s.end) for s in got)


# --- small helpers ----------------------------------------------------------------------------


def test_layers_and_document_title() -> None:
    assert is_annotator_layer(ANNA)
    assert not is_annotator_layer(GOLD)
    assert not is_annotator_layer(SUGGESTIONS)
    assert Document(1, "u", "t", {"title": "Roma"}).title == "Roma"
    assert Document(1, "u", "t", {"title": None}).title == ""
    assert Document(1, "u", "t").title == ""


def test_span_overlaps_is_half_open() -> None:
    span = mine(1, 5, 10)
    assert span.overlaps(9, 12) and span.overlaps(0, 6) and span.overlaps(6, 7)
    assert not span.overlaps(10, 12) and not span.overlaps(0, 5)
    assert span.with_(label="ORG") == Span(1, 5, 10, "ORG", ANNA, "manual", ACCEPTED, ANNA, id=1)
