"""Cut a text longer than a pipeline can take into pieces, at the most natural boundary in reach.

spaCy refuses a text longer than ``nlp.max_length`` (E088), and its NER needs about 1 GB of
temporary memory per 100,000 characters. :func:`pieces` cuts such a text into consecutive ranges
no longer than a limit: after a blank line (a paragraph) where one is in reach, else after a line
break, else after a sentence's end, else after any space; only a text without a single space in
``limit`` characters is cut in the middle of a word. The ranges cover the whole text, so an offset
``i`` found in a piece that starts at ``start`` is ``start + i`` in the text. Pure Python.
"""

from __future__ import annotations

import re

__all__ = ["CHUNK_CHARS", "chunk_limit", "pieces"]

# Texts longer than this are processed in pieces even when the pipeline would take them whole:
# one piece then needs about 1 GB of temporary memory in spaCy's NER, not 10 (the 1,000,000 of
# spaCy's default max_length). No news article comes near it.
CHUNK_CHARS = 100_000

# Boundaries, most natural first; a cut goes after the match, so the whitespace stays with the
# piece before it and the next piece starts with a word.
_BOUNDARIES = (
    re.compile(r"\n[^\S\n]*\n\s*"),  # a blank line: a paragraph ends
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?…][\"'»”’)\]]*\s+"),  # a sentence's end
)
_SPACE = re.compile(r"\s+")


def chunk_limit(max_length: int) -> int:
    """The longest piece for a pipeline whose ``nlp.max_length`` is ``max_length``."""
    return max(1, min(int(max_length), CHUNK_CHARS))


def pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` ranges of ``text``, each at most ``limit`` characters, that cover it in
    order. A text within the limit is one range. RAISES ValueError: ``limit`` is below 1."""
    if limit < 1:
        raise ValueError(f"a piece must hold at least one character (limit {limit})")
    ranges: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        ranges.append((start, end))
        start = end
    ranges.append((start, len(text)))
    return ranges


def _cut(text: str, start: int, stop: int) -> int:
    """Where the piece that begins at ``start`` ends: the last boundary before ``stop``, of the
    most natural kind found in the second half of the window (so pieces are not needlessly
    short), else after the last space, else at ``stop``."""
    half = start + (stop - start) // 2
    for pattern in _BOUNDARIES:
        end = _last_end(pattern, text, half, stop)
        if end is not None:
            return end
    end = _last_end(_SPACE, text, start, stop)
    return end if end is not None and end > start else stop


def _last_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    """The end of the last match of ``pattern`` that ends in ``(lo, hi]``, searching ``text[:hi]``."""
    last = None
    for match in pattern.finditer(text, max(lo - 1, 0), hi):
        if match.end() > lo:
            last = match.end()
    return last
