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
