"""Scoring found quotations against gold ones (annotator.nlp.quote_evaluation), on small cases whose
figures are worked out by hand: half-overlap matching both ways, speakers, per-kind counts."""

from __future__ import annotations

import pytest

from annotator.formats.quote_markup import GoldQuote
from annotator.nlp.quote_evaluation import same_speaker, score_quotes
from annotator.nlp.quotes import FoundQuote

TEXT = ("Dmitry Peskov ha detto: «Non abbiamo ricevuto alcuna proposta». Più tardi Peskov ha "
        "aggiunto che Sergej Lavrov era d'accordo.")


def span(word: str, nth: int = 0) -> tuple[int, int]:
    """The range of the ``nth`` occurrence of ``word`` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


CONTENT = span("Non abbiamo ricevuto alcuna proposta")
HALF = 18  # of the 36 characters of CONTENT
FULL_NAME = span("Dmitry Peskov")
SURNAME_LATER = span("Peskov", 1)
LAVROV = span("Sergej Lavrov")
CUE = span("ha detto")


def gold(start=CONTENT[0], end=CONTENT[1], kind="direct", speaker=FULL_NAME, cue=CUE) -> GoldQuote:
    return GoldQuote(start, end, kind, speaker=speaker, cue=cue)


def found(start=CONTENT[0], end=CONTENT[1], kind="direct", speaker=FULL_NAME, cue=CUE) -> FoundQuote:
    return FoundQuote(start, end, kind, speaker=speaker, cue=cue)


def score(gold_quotes, predicted):
    return score_quotes([(TEXT, gold_quotes, predicted)])


def test_exact_match():
    report = score([gold()], [found()])
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (1.0, 1.0, 1.0)
    assert (report.speaker.right, report.speaker.total) == (1, 1)
    assert (report.cue.right, report.cue.total) == (1, 1)
    assert (report.kind.right, report.kind.total) == (1, 1)


def test_content_is_twice_half():
    assert CONTENT[1] - CONTENT[0] == 2 * HALF  # the half-overlap cases below rely on it


def test_prediction_covering_exactly_half_of_the_gold_finds_it():
    report = score([gold()], [found(end=CONTENT[0] + HALF)])
    assert (report.overall.found, report.overall.gold) == (1, 1)


def test_prediction_covering_just_under_half_misses_it():
    report = score([gold()], [found(end=CONTENT[0] + HALF - 1)])
    assert (report.overall.found, report.overall.recall) == (0, 0.0)
    # the short prediction lies wholly inside the gold quotation: it is right
    assert (report.overall.right, report.overall.precision) == (1, 1.0)


def test_precision_needs_the_gold_to_cover_half_of_the_prediction():
    short_gold = gold(end=CONTENT[0] + HALF)
    assert score([short_gold], [found()]).overall.right == 1
    shorter_gold = gold(end=CONTENT[0] + HALF - 1)
    report = score([shorter_gold], [found()])
    assert (report.overall.right, report.overall.precision) == (0, 0.0)
    assert (report.overall.found, report.overall.recall) == (1, 1.0)  # the gold is wholly covered


def test_f1_of_one_hit_one_miss_one_false_alarm():
    indirect = span("Sergej Lavrov era d'accordo")
    report = score([gold(), gold(*indirect, kind="indirect", speaker=SURNAME_LATER)],
                   [found(), found(0, 13, speaker=None)])
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (0.5, 0.5, 0.5)


def test_a_duplicate_inside_a_found_quotation_is_right_by_overlap_and_wrong_one_to_one():
    report = score([gold()], [found(), found(CONTENT[0] + 4, CONTENT[0] + 20, kind="partial")])
    assert (report.overall.right, report.overall.predicted, report.overall.found) == (2, 2, 1)
    one = report.one_to_one
    assert (one.right, one.predicted, one.found, one.gold) == (1, 2, 1, 1)
    assert (one.precision, one.recall) == (0.5, 1.0)
    assert report.as_dict()["quotes_one_to_one"]["p"] == 0.5


def test_one_to_one_makes_as_many_pairs_as_it_can():
    first, second = gold(end=CONTENT[0] + HALF), gold(start=CONTENT[0] + HALF)
    # one prediction over both halves, one over the second half only: two pairs, not one
    report = score([first, second], [found(), found(start=CONTENT[0] + HALF)])
    assert (report.one_to_one.found, report.one_to_one.right) == (2, 2)
    assert score([first, second], [found()]).one_to_one.found == 1


def test_speaker_right_by_overlap():
    report = score([gold()], [found(speaker=(FULL_NAME[0] + 7, FULL_NAME[1]))])  # "Peskov"
    assert (report.speaker.right, report.speaker.total) == (1, 1)


def test_speaker_right_by_the_same_surname_elsewhere():
    report = score([gold()], [found(speaker=SURNAME_LATER)])
    assert (report.speaker.right, report.speaker.total) == (1, 1)


def test_speaker_wrong_for_another_person():
    report = score([gold()], [found(speaker=LAVROV)])
    assert (report.speaker.right, report.speaker.total, report.speaker.value) == (0, 1, 0.0)


def test_missing_speaker_counts_wrong():
    report = score([gold()], [found(speaker=None)])
    assert (report.speaker.right, report.speaker.total) == (0, 1)


def test_gold_without_speaker_is_left_out_of_speaker_accuracy():
    report = score([gold(speaker=None)], [found(speaker=LAVROV)])
    assert report.speaker.total == 0
    assert report.overall.found == 1


def test_speaker_of_a_missed_quotation_is_not_judged():
    report = score([gold()], [found(*LAVROV)])
    assert (report.overall.found, report.speaker.total) == (0, 0)


def test_cue_wrong_when_missing():
    report = score([gold()], [found(cue=None)])
    assert (report.cue.right, report.cue.total) == (0, 1)


def test_best_overlapping_prediction_is_judged():
    near_miss = found(CONTENT[0], CONTENT[0] + 20, speaker=LAVROV)
    best = found(speaker=FULL_NAME)
    report = score([gold()], [near_miss, best])
    assert (report.speaker.right, report.speaker.total) == (1, 1)


def test_per_kind_counts():
    indirect = span("Sergej Lavrov era d'accordo")
    gold_quotes = [gold(), gold(*indirect, kind="indirect", speaker=SURNAME_LATER)]
    predicted = [found(kind="partial"), found(*indirect, kind="indirect", speaker=None)]
    report = score(gold_quotes, predicted)
    counts = {kind: (s.gold, s.found, s.predicted, s.right) for kind, s in report.kinds.items()}
    assert counts == {"direct": (1, 1, 0, 0), "indirect": (1, 1, 1, 1), "partial": (0, 0, 1, 1)}
    assert (report.kind.right, report.kind.total) == (1, 2)
    by_kind = {k: (a.right, a.total) for k, a in report.speaker_by_kind.items()}
    assert by_kind == {"direct": (1, 1), "indirect": (0, 1)}


def test_counts_add_up_over_documents():
    report = score_quotes([(TEXT, [gold()], [found()]), (TEXT, [gold()], [])])
    assert (report.documents, report.overall.gold, report.overall.found, report.overall.predicted) == (2, 2, 1, 1)
    assert report.overall.recall == 0.5


@pytest.mark.parametrize("documents", [[], [(TEXT, [], [])], [(TEXT, [gold()], [])], [(TEXT, [], [found()])]],
                         ids=["no-documents", "nothing", "gold-only", "predicted-only"])
def test_empty_inputs_give_zeros(documents):
    report = score_quotes(documents)
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (0.0, 0.0, 0.0)
    assert (report.speaker.value, report.cue.value, report.kind.value) == (0.0, 0.0, 0.0)
    assert report.as_dict()["quotes"]["f"] == 0.0


def test_errors_are_listed_when_asked():
    report = score_quotes([(TEXT, [gold()], [found(speaker=LAVROV), found(*LAVROV)])], keep_errors=True)
    assert [(e["error"], e.get("predicted")) for e in report.errors] == [
        ("speaker", "Sergej Lavrov"), ("false alarm", None)]


def test_same_speaker():
    assert same_speaker(TEXT, FULL_NAME, SURNAME_LATER)
    assert not same_speaker(TEXT, FULL_NAME, LAVROV)
    assert not same_speaker(TEXT, FULL_NAME, None)
    assert not same_speaker(TEXT, None, FULL_NAME)
