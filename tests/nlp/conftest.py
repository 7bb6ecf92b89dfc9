"""Fixtures for the nlp tests: the gazetteer pipeline is built once per session (about 1 s)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def gazetteer():
    from annotator.nlp.pipeline import load_pipeline

    return load_pipeline("gazetteer")


@pytest.fixture(scope="session")
def ents(gazetteer):
    """``ents(text)`` -> ``[(surface, label), ...]`` as ``suggest_entities`` returns them."""
    from annotator.nlp.preannotate import suggest_entities

    def run(text: str) -> list[tuple[str, str]]:
        [[(_, found)]] = list(suggest_entities(gazetteer, [(1, text)]))
        return [(text[s.start:s.end], s.label) for s in found]

    return run
