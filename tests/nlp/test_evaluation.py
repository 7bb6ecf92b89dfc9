"""Exact-span scoring: a boundary or label error counts as both a false positive and a miss."""

from __future__ import annotations

import pytest

from annotator.nlp.evaluation import score_entities


def test_exact_spans_per_label_and_micro():
    gold = [(0, 5, "PER"), (10, 14, "LOC"), (20, 25, "ORG")]
    predicted = [(0, 5, "PER"), (10, 15, "LOC"), (20, 25, "LOC"), (30, 33, "DATE")]
    report = score_entities([(gold, predicted)], labels={"PER", "ORG", "LOC"})
    assert (report.labels["PER"].tp, report.labels["PER"].fp, report.labels["PER"].fn) == (1, 0, 0)
    assert (report.labels["LOC"].tp, report.labels["LOC"].fp, report.labels["LOC"].fn) == (0, 2, 1)
    assert (report.labels["ORG"].tp, report.labels["ORG"].fn) == (0, 1)
    assert "DATE" not in report.labels  # not evaluated: no false positive
    assert report.micro.precision == pytest.approx(1 / 3)
    assert report.micro.recall == pytest.approx(1 / 3)
    assert report.micro.f1 == pytest.approx(1 / 3)


def test_empty_predictions_score_zero_without_dividing_by_zero():
    report = score_entities([([(0, 1, "PER")], [])])
    assert report.micro.f1 == 0.0 and report.micro.recall == 0.0 and report.micro.precision == 0.0
