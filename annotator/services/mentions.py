"""The named entities a speaker or an event argument can resolve to, and the one it does.

The app offers the article's names to pick from (:func:`entity_choices`) and resolves the words an
annotator makes a speaker or an argument to the name they stand for (:func:`resolve_mention`, with
:class:`annotator.nlp.coreference.Coreference`, the rules pre-annotation uses). Plain Python over
the annotator's visible entity spans: fast enough to run on every key press.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..domain.model import EntityRef, Span

__all__ = ["NAMED_LABELS", "entity_choices", "entity_words", "resolve_mention", "resolved_name"]

NAMED_LABELS = ("PER", "ORG", "LOC")  # what a speaker or an argument can resolve to


def entity_words(text: str, entity: EntityRef) -> str:
    """The words of ``entity`` on one line."""
    return " ".join(text[entity.start:entity.end].split())


def entity_choices(text: str, spans: Iterable[Span], *, labels: Sequence[str] = NAMED_LABELS) -> list[EntityRef]:
    """The named entities of the article to pick from: one per text and label (its first mention),
    grouped by label in the order of ``labels``, the fullest names first within a label (more
    words: "Roberto Maroni" before "Maroni"), then in text order."""
    first: dict[tuple[str, str], EntityRef] = {}
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.label not in labels or span.end <= span.start:
            continue
        words = " ".join(text[span.start:span.end].split())
        if words:
            first.setdefault((words, span.label), EntityRef(span.start, span.end, span.label))
    rank = {label: position for position, label in enumerate(labels)}
    return sorted(first.values(), key=lambda e: (rank[e.label or ""], -len(entity_words(text, e).split()), e.start))


def resolved_name(text: str, words: tuple[int | None, int | None], entity: EntityRef | None) -> str | None:
    """The name ``entity`` gives the ``words`` (a speaker's or an argument's range) when it says more
    than they do ("il ministro" -> "Roberto Maroni"); None when unresolved or the same words."""
    if entity is None:
        return None
    name = entity_words(text, entity)
    start, end = words
    said = " ".join(text[start:end].split()) if start is not None and end is not None else ""
    return None if name == said else name


@lru_cache(maxsize=1)
def _speaker_nouns() -> frozenset[str]:
    """The nouns that head a speaker described without a name (resources/quotes/speakers.txt), as
    the quotation finder reads them; none when the lexicon cannot be read."""
    from ..nlp.quote_lexicon import LexiconError, load_lexicon

    try:
        return load_lexicon().speaker_nouns
    except (LexiconError, OSError):
        return frozenset()


def resolve_mention(text: str, spans: Iterable[Span], start: int, end: int, *,
                    speaker: bool = False) -> EntityRef | None:
    """The named entity of the article that ``text[start:end]`` refers to ("il ministro" -> the
    mention "Roberto Maroni"), or None; ``spans`` are the entities the annotator sees.
    ``speaker``: the words are a quotation's speaker (the finder's speaker nouns count as titles)."""
    from ..nlp.coreference import Coreference

    nouns = _speaker_nouns() if speaker else frozenset()
    entities = [(s.start, s.end, s.label) for s in spans if s.label in NAMED_LABELS]
    found = Coreference(text, entities, person_nouns=nouns).resolve(start, end)
    if found is not None and found[:2] == (start, end):
        # the words are an entity span themselves, which names only itself: an annotator's argument
        # is always one, also "il ministro" tagged PER; without it they may stand for a name
        others = [e for e in entities if e[:2] != (start, end)]
        further = Coreference(text, others, person_nouns=nouns).resolve(start, end)
        found = further or found
    return EntityRef(*found) if found is not None else None
