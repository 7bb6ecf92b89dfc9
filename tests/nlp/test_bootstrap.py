"""Bootstrap intervals of a held-out F1 (plain Python): what they hold, and when they say "can't tell"."""

from __future__ import annotations

import pytest

from annotator.nlp.bootstrap import Interval, difference_interval, f1_interval, micro_f1
from annotator.nlp.evaluation import score_entities


def test_micro_f1_of_summed_counts():
    assert micro_f1([(3, 1, 0), (1, 0, 3)]) == pytest.approx(2 * 4 / (2 * 4 + 1 + 3))
    assert micro_f1([]) == 0.0 and micro_f1([(0, 2, 3)]) == 0.0


def test_score_entities_keeps_each_documents_counts_in_order():
    report = score_entities([
        ([(0, 4, "PER"), (10, 14, "LOC")], [(0, 4, "PER"), (20, 24, "ORG")]),
        ([(5, 9, "ORG")], []),
    ], labels=["PER", "LOC", "ORG"])
    assert report.per_text == [(1, 1, 1), (0, 0, 1)]
    assert micro_f1(report.per_text) == pytest.approx(report.micro.f1)


def test_the_interval_holds_the_estimate_and_narrows_with_more_documents():
    few = [(3, 1, 1), (1, 2, 0), (4, 0, 2), (0, 1, 2)]
    small = f1_interval(few, seed=1)
    large = f1_interval(few * 25, seed=1)
    assert small.low <= small.estimate <= small.high
    assert large.estimate == pytest.approx(small.estimate)  # the same documents, repeated
    assert (large.high - large.low) < (small.high - small.low) / 2


def test_identical_documents_give_no_uncertainty_and_the_same_seed_the_same_interval():
    same = f1_interval([(2, 1, 1)] * 10)
    assert same.low == same.high == same.estimate
    counts = [(3, 1, 1), (1, 2, 0), (4, 0, 2), (0, 1, 2), (2, 2, 2)]
    assert f1_interval(counts, seed=7) == f1_interval(counts, seed=7)


def test_the_difference_is_paired_and_holds_zero_when_the_models_tie():
    old = [(3, 1, 1), (1, 2, 0), (4, 0, 2), (0, 1, 2), (2, 2, 2)]
    tie = difference_interval(old, old)
    assert tie.estimate == 0.0 and tie.contains(0.0) and tie.low == tie.high == 0.0
    better = [(tp + fn, fp, 0) for tp, fp, fn in old]  # finds every entity the old one missed
    clear = difference_interval(better * 20, old * 20)
    assert clear.estimate > 0 and clear.low > 0  # many documents, always better: not chance
    noisy = difference_interval([(1, 0, 0), (0, 1, 1)], [(0, 1, 1), (1, 0, 0)])
    assert noisy.contains(0.0)  # two documents that disagree: could be either way


def test_the_two_models_must_be_scored_on_the_same_documents():
    with pytest.raises(ValueError, match="different documents"):
        difference_interval([(1, 0, 0)], [(1, 0, 0), (0, 0, 1)])


def test_an_interval_reads_as_percentages():
    assert str(Interval(0.5, 0.25, 0.75)) == "50.0% (95% interval 25.0%–75.0%)"
