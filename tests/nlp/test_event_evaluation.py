"""Scoring suggested events against gold events, on small cases counted by hand.

A gold event is found when a suggestion of the same type overlaps its trigger; another type on the
same words counts for the trigger score only. Modes and arguments are judged on the events found.
"""

from __future__ import annotations

import pytest

from annotator.formats.quote_markup import GoldEvent
from annotator.nlp.event_evaluation import EventScore, score_events
from annotator.nlp.events import FoundEvent

TEXT = "x" * 100  # the scorer reads the text only for error reports


def score(gold: list[GoldEvent], predicted: list[FoundEvent], **kw):
    return score_events([(TEXT, gold, predicted)], **kw)


def counts(s: EventScore) -> tuple[int, int, int, int]:
    """(gold, found, predicted, right)."""
    return s.gold, s.found, s.predicted, s.right


def test_same_type_and_overlapping_trigger_counts() -> None:
    report = score([GoldEvent("CONSULT", (10, 20))], [FoundEvent("CONSULT", (15, 25))])
    assert counts(report.overall) == (1, 1, 1, 1)
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (1.0, 1.0, 1.0)
    assert counts(report.triggers) == (1, 1, 1, 1)


def test_another_type_on_the_same_trigger_counts_for_the_trigger_score_only() -> None:
    report = score([GoldEvent("CONSULT", (10, 20))], [FoundEvent("AGREE", (10, 20))])
    assert counts(report.overall) == (1, 0, 1, 0)
    assert report.overall.f1 == 0.0
    assert counts(report.triggers) == (1, 1, 1, 1)
    assert report.triggers.f1 == 1.0


def test_touching_triggers_do_not_overlap() -> None:
    report = score([GoldEvent("CONSULT", (10, 20))], [FoundEvent("CONSULT", (20, 30))])
    assert counts(report.overall) == (1, 0, 1, 0)
    assert counts(report.triggers) == (1, 0, 1, 0)
    assert report.modes.total == 0
    assert counts(report.args) == (0, 0, 0, 0)


def test_per_type_counts() -> None:
    gold = [GoldEvent("CONSULT", (0, 5)), GoldEvent("CONSULT", (50, 55)), GoldEvent("ASSAULT", (70, 75))]
    predicted = [FoundEvent("CONSULT", (0, 5)), FoundEvent("ASSAULT", (72, 80)), FoundEvent("THREATEN", (90, 95)),
                 FoundEvent("AGREE", (50, 55))]
    report = score(gold, predicted)
    assert {t: counts(s) for t, s in report.types.items()} == {
        "CONSULT": (2, 1, 1, 1),
        "ASSAULT": (1, 1, 1, 1),
        "THREATEN": (0, 0, 1, 0),
        "AGREE": (0, 0, 1, 0),
    }
    assert counts(report.overall) == (3, 2, 4, 2)
    assert counts(report.triggers) == (3, 3, 4, 3)
    assert report.types["CONSULT"].as_dict() == {"p": 1.0, "r": 0.5, "f": 0.6667, "gold": 2, "predicted": 1}


def test_precision_recall_f1_of_the_overall_score() -> None:
    gold = [GoldEvent("REJECT", (10, 16))]
    predicted = [FoundEvent("REJECT", (10, 16)), FoundEvent("ACCUSE", (30, 36))]
    report = score(gold, predicted)
    assert report.overall.precision == 0.5
    assert report.overall.recall == 1.0
    assert report.overall.f1 == pytest.approx(2 / 3)


def test_mode_accuracy_over_gold_events_with_a_mode() -> None:
    gold = [GoldEvent("CONSULT", (0, 10), mode="phone"), GoldEvent("ASSAULT", (20, 30), mode="aerial"),
            GoldEvent("AGREE", (40, 50)), GoldEvent("REJECT", (60, 70), mode="deny")]
    predicted = [FoundEvent("CONSULT", (0, 10), mode="phone"), FoundEvent("ASSAULT", (20, 30), mode=None),
                 FoundEvent("AGREE", (40, 50), mode="phone")]
    report = score(gold, predicted)
    # REJECT is missed: its mode is not judged; AGREE has no gold mode: not judged either
    assert (report.modes.right, report.modes.total) == (1, 2)
    assert report.mode_accuracy == 0.5


def test_argument_precision_and_recall() -> None:
    gold = [GoldEvent("CONSULT", (20, 25), args=(("actor", 0, 5), ("actor", 10, 15), ("location", 30, 36)))]
    predicted = [FoundEvent("CONSULT", (20, 25), args=(("actor", 0, 5), ("recipient", 10, 15),
                                                       ("location", 31, 33), ("actor", 40, 45)))]
    report = score(gold, predicted)
    # actor 0-5 exact, location by overlap; the recipient has the wrong role; actor 40-45 is extra
    assert counts(report.args) == (3, 2, 4, 2)
    assert report.args.precision == 0.5
    assert report.args.recall == pytest.approx(2 / 3)


def test_arguments_of_a_missed_event_are_not_counted() -> None:
    gold = [GoldEvent("CONSULT", (20, 25), args=(("actor", 0, 5),))]
    predicted = [FoundEvent("AGREE", (20, 25), args=(("actor", 0, 5),))]
    assert counts(score(gold, predicted).args) == (0, 0, 0, 0)


def test_documents_add_up() -> None:
    docs = [(TEXT, [GoldEvent("CONSULT", (0, 5))], [FoundEvent("CONSULT", (0, 5))]),
            (TEXT, [GoldEvent("CONSULT", (0, 5))], []),
            (TEXT, [], [FoundEvent("ASSAULT", (0, 5))])]
    report = score_events(docs)
    assert report.documents == 3
    assert counts(report.overall) == (2, 1, 2, 1)
    assert counts(report.types["CONSULT"]) == (2, 1, 1, 1)
    assert counts(report.types["ASSAULT"]) == (0, 0, 1, 0)


def test_no_documents_gives_zeros() -> None:
    report = score_events([])
    assert report.documents == 0
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (0.0, 0.0, 0.0)
    assert report.mode_accuracy == 0.0
    assert report.as_dict() == {
        "documents": 0,
        "events": {"p": 0.0, "r": 0.0, "f": 0.0, "gold": 0, "predicted": 0},
        "triggers": {"p": 0.0, "r": 0.0, "f": 0.0, "gold": 0, "predicted": 0},
        "mode_accuracy": 0.0,
        "arguments": {"p": 0.0, "r": 0.0, "f": 0.0, "gold": 0, "predicted": 0},
        "per_type": {},
    }


def test_gold_without_suggestions_gives_zero_precision() -> None:
    report = score([GoldEvent("CONSULT", (0, 5))], [])
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (0.0, 0.0, 0.0)
    assert counts(report.overall) == (1, 0, 0, 0)


def test_suggestions_without_gold_give_zero_recall() -> None:
    report = score([], [FoundEvent("CONSULT", (0, 5))])
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (0.0, 0.0, 0.0)
    assert counts(report.overall) == (0, 0, 1, 0)


def test_errors_are_kept_on_request() -> None:
    text = "Biden telefona a Putin; attacco su Kiev; vertice a Roma."
    gold = [GoldEvent("CONSULT", (6, 14)), GoldEvent("ASSAULT", (24, 31))]
    predicted = [FoundEvent("AGREE", (6, 14)), FoundEvent("CONSULT", (41, 48))]
    report = score_events([(text, gold, predicted)], keep_errors=True)
    assert [{k: v for k, v in e.items() if k != "context"} for e in report.errors] == [
        {"error": "type", "gold": "CONSULT", "predicted": ["AGREE"], "trigger": "telefona"},
        {"error": "missed", "gold": "ASSAULT", "predicted": [], "trigger": "attacco"},
        {"error": "false alarm", "predicted": "CONSULT", "trigger": "vertice"},
    ]
    # each error shows the words around its trigger, the trigger in brackets, to judge it by
    assert report.errors[2]["context"] == "Biden telefona a Putin; attacco su Kiev; [vertice] a Roma."


def test_errors_are_not_kept_by_default() -> None:
    assert score([GoldEvent("CONSULT", (0, 5))], []).errors == []
