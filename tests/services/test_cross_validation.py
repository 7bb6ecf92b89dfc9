"""Cross-validation folds: every finished article tested exactly once, never trained on in its own fold."""

from __future__ import annotations

import pytest

from annotator.nlp.corpora import AnnotatedText
from annotator.services.training import cross_validation_folds


def texts(n: int) -> list[AnnotatedText]:
    return [AnnotatedText(f"Testo numero {i}.", ((0, 5, "MISC"),), source=str(i)) for i in range(n)]


@pytest.mark.parametrize(("n", "k", "folds"), [(10, 5, 5), (7, 3, 3), (3, 5, 3), (2, 2, 2)])
def test_each_text_is_tested_once_and_never_trained_on_in_its_fold(n, k, folds):
    made = cross_validation_folds(texts(n), k)
    assert len(made) == folds
    tested = [t.source for _, test in made for t in test]
    assert sorted(tested) == sorted(str(i) for i in range(n))  # once each
    for train, test in made:
        assert test and train
        assert not {t.source for t in train} & {t.source for t in test}
        assert len(train) + len(test) == n
    sizes = [len(test) for _, test in made]
    assert max(sizes) - min(sizes) <= 1  # folds as even as the count allows


def test_the_folds_are_reproducible_and_shuffled():
    first = cross_validation_folds(texts(12), 4, seed=3)
    assert [[t.source for t in test] for _, test in first] == \
        [[t.source for t in test] for _, test in cross_validation_folds(texts(12), 4, seed=3)]
    assert [t.source for _, test in first for t in test] != [str(i) for i in range(12)]


def test_too_few_texts_or_folds_are_refused():
    with pytest.raises(ValueError, match="at least 2"):
        cross_validation_folds(texts(1), 5)
    with pytest.raises(ValueError, match="at least 2 folds"):
        cross_validation_folds(texts(6), 1)


def test_the_bootstrap_intervals_are_computed_once_where_the_result_is_made(monkeypatch):
    """The dialog reads improves, uncertain, difference and the F1 interval: each bootstrap (0.1 s per
    400 articles) runs once, on the worker thread that builds the result, not at every read."""
    from pathlib import Path

    from annotator.nlp import bootstrap
    from annotator.nlp.evaluation import score_entities
    from annotator.services.training import CrossValidation, ModelComparison

    calls = []
    for name in ("f1_interval", "difference_interval"):
        real = getattr(bootstrap, name)
        monkeypatch.setattr(bootstrap, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
    gold = [{(0, 5, "PER"), (10, 15, "LOC")}] * 40
    new = score_entities([(g, g) for g in gold])
    old = score_entities([(g, {(0, 5, "PER")}) for g in gold])
    for make in (lambda: ModelComparison("old", Path("ner-x"), new, old, held_out=40, trained_on=100),
                 lambda: CrossValidation("old", [new], new, old)):
        result = make()
        assert sorted(calls) == ["difference_interval", "f1_interval"]
        for _ in range(3):
            assert result.difference.low > 0
            assert not isinstance(result, ModelComparison) or (result.improves and not result.uncertain)
            assert result.candidate_interval.estimate == 1.0
        assert sorted(calls) == ["difference_interval", "f1_interval"]
        calls.clear()
    alone = ModelComparison("old", Path("ner-x"), new, None)
    assert alone.difference is None and alone.improves and calls == ["f1_interval"]
