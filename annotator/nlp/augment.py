"""Name-swap augmentation: copies of training texts whose entities are replaced by other names.

250,000 words of news show the model a few thousand names, and it learns them rather than the
contexts that make a word a person or a place ("il sindaco di ___", "___ ha dichiarato"). A copy of
a sentence where "Pisa" became "Gelsenkirchen" and "Mario Rossi" became "Ilaria Colombo" teaches
the context. Replacement names come from the other entities of the same label in the training data
and, when given, from the gazetteer lists. Plain Python: texts in, texts out.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence

from annotator.nlp.corpora import AnnotatedText, words_to_text

__all__ = ["name_swapped"]

_TOKEN = re.compile(r"\w+['’]|\w+(?:[-.]\w+)*\.?|[^\w\s]")


def name_swapped(
    items: Sequence[AnnotatedText],
    *,
    copies: int = 1,
    rate: float = 0.5,
    extra_names: Mapping[str, Sequence[str]] | None = None,
    seed: int = 0,
) -> list[AnnotatedText]:
    """``copies`` name-swapped copies of each tokenized text with entities; each entity is replaced
    with probability ``rate`` by a name of the same label. Texts without tokens are skipped."""
    rng = random.Random(seed)
    pool = _name_pool(items, extra_names or {})
    out: list[AnnotatedText] = []
    for _ in range(copies):
        for item in items:
            if item.words is None or item.spaces is None or not item.entities:
                continue
            copy = _swap(item, pool, rate, rng)
            if copy is not None:
                out.append(copy)
    return out


def _name_pool(items: Sequence[AnnotatedText], extra: Mapping[str, Sequence[str]]) -> dict[str, list[tuple[str, ...]]]:
    pool: dict[str, set[tuple[str, ...]]] = {}
    for item in items:
        for start, end, label in item.entities:
            tokens = tuple(_TOKEN.findall(item.text[start:end]))
            if tokens:
                pool.setdefault(label, set()).add(tokens)
    for label, names in extra.items():
        for name in names:
            tokens = tuple(_TOKEN.findall(name))
            if tokens:
                pool.setdefault(label, set()).add(tokens)
    return {label: sorted(names) for label, names in pool.items()}


def _swap(item: AnnotatedText, pool: dict[str, list[tuple[str, ...]]], rate: float,
          rng: random.Random) -> AnnotatedText | None:
    assert item.words is not None and item.spaces is not None
    _, offsets = words_to_text(item.words, item.spaces)
    start_word = {start: i for i, (start, _) in enumerate(offsets)}
    end_word = {end: i + 1 for i, (_, end) in enumerate(offsets)}
    words, spaces = list(item.words), list(item.spaces)
    starts = set(item.sentence_starts or ())
    spans: list[tuple[int, int, str]] = []  # word ranges in the new word list
    replaced = False
    new_words: list[str] = []
    new_spaces: list[bool] = []
    new_starts: list[int] = []
    cursor = 0
    for start, end, label in item.entities:
        first, last = start_word.get(start), end_word.get(end)
        if first is None or last is None or first < cursor:
            return None  # entity not on word boundaries: leave this text alone
        for i in range(cursor, first):
            if i in starts:
                new_starts.append(len(new_words))
            new_words.append(words[i])
            new_spaces.append(spaces[i])
        if first in starts:
            new_starts.append(len(new_words))
        names = pool.get(label)
        if names and rng.random() < rate:
            name = list(rng.choice(names))
            replaced = True
        else:
            name = words[first:last]
        begin = len(new_words)
        new_words.extend(name)
        new_spaces.extend([True] * (len(name) - 1) + [spaces[last - 1]])
        spans.append((begin, len(new_words), label))
        cursor = last
    for i in range(cursor, len(words)):
        if i in starts:
            new_starts.append(len(new_words))
        new_words.append(words[i])
        new_spaces.append(spaces[i])
    if not replaced:
        return None
    text, new_offsets = words_to_text(new_words, new_spaces)
    entities = tuple((new_offsets[a][0], new_offsets[b - 1][1], label) for a, b, label in spans)
    return AnnotatedText(text, entities, tuple(new_words), tuple(new_spaces), tuple(new_starts),
                         f"{item.source} (names swapped)")
