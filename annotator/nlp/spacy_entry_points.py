"""What spaCy finds through annotator's entry points, so a saved pipeline loads without annotator.

``spacy.load("resources/models/it_news_kind")`` in a Python that never imported annotator: spaCy's
``Language()`` loads every ``spacy_factories`` entry point (see ``pyproject.toml``), and they all
name this module. Importing it registers annotator's components with their meta (the only way
spaCy learns a factory's name and settings), so the names in a saved config resolve. The
``spacy_architectures`` entry names the gazetteer embedding's function, which spaCy calls directly.

Importing this module is cheap and safe: it imports spaCy's Language class (spaCy is already
loading when it runs) and registers; nothing reads files or builds a pipeline until a component
is created.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annotator.nlp import components, consistency, features


def register_all() -> None:
    """Register every component and architecture of annotator with spaCy (idempotent)."""
    components.register()
    features.register()
    consistency.register()


def _factory(name: str) -> Callable[..., Any]:
    """The function registered for the factory ``name`` (after :func:`register_all`)."""
    from spacy.util import registry

    return registry.factories.get(name)


register_all()

# The objects the entry points name: each is what spaCy registered under that factory name.
make_entity_ruler = _factory(components.ENTITY_RULER)
make_gazetteer_fixups = _factory(components.FIXUPS)
make_date_finder = components.make_date_finder
make_gazetteer_features = features.make_gazetteer_features
make_entity_consistency = _factory(consistency.CONSISTENCY)
gazetteer_hash_embed = features.gazetteer_hash_embed
