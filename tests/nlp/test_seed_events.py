"""The issue's target on the demo articles: pre-annotation of seeds/ (bundled model, quotation
finder, event suggester) finds the six events docs/events.md codes there."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.nlp.events import EventSuggester
from annotator.nlp.pipeline import BUNDLED_MODEL, load_pipeline
from annotator.nlp.preannotate import suggest_annotations
from annotator.nlp.quotes import QuoteFinder

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seed_events() -> list[tuple[str, str | None, str, list[tuple[str, str]]]]:
    """(type, mode, trigger words, [(role, words)]) of every event suggested in the seeds."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert len(texts) == 5
    nlp = load_pipeline(BUNDLED_MODEL)
    found = []
    for batch in suggest_annotations(nlp, list(enumerate(texts)), quotes=QuoteFinder(), events=EventSuggester()):
        for document in batch:
            text = texts[document.doc_id]
            for event in document.events:
                found.append((event.type, event.mode, text[event.trigger[0]:event.trigger[1]],
                              [(role, text[a:b]) for role, a, b in event.args]))
    return found


def has(events, type_: str, mode: str | None, trigger: str, *args: tuple[str, str]) -> bool:
    return any(t == type_ and (mode is None or m == mode) and trigger in words and all(a in found for a in args)
               for t, m, words, found in events)


def test_the_phone_call(seed_events):
    assert has(seed_events, "CONSULT", "phone", "telefon")


def test_the_future_talks_in_geneva(seed_events):
    assert has(seed_events, "AGREE", None, "", ("location", "Ginevra"))


def test_the_threat_of_sanctions(seed_events):
    assert has(seed_events, "THREATEN", "restrict", "minacciat", ("recipient", "Russia"))
    assert not any(t == "SANCTION" and "sanzioni" in w for t, _, w, _ in seed_events)  # one event, not two


def test_the_troop_movement(seed_events):
    assert has(seed_events, "MOBILIZE", "troops", "spostat")


def test_the_air_attack_on_kiev(seed_events):
    assert has(seed_events, "ASSAULT", "aerial", "attacco aereo", ("location", "Kiev"))


def test_the_denial(seed_events):
    assert has(seed_events, "REJECT", "deny", "negat", ("actor", "Mosca"))
