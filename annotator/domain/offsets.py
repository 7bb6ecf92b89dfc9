"""Offset helpers: token snapping, edge trimming, and UTF-16 conversion for Qt.

Offsets are Python ``str`` indices (code points). Qt's text cursor counts UTF-16 code units, so the
UI converts at its boundary with :class:`Utf16Map`.
"""

from __future__ import annotations

import unicodedata
import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")

# Characters dropped from the edges of a selection: spaces and punctuation a user never means to
# include in an entity ("Putin," or "«Mosca").
EDGE_PUNCTUATION = frozenset(" \t\r\n\u00a0.,;:!?\"'«»“”‘’„‚()[]{}<>-–—…/\\|*_#")


def is_word_char(ch: str) -> bool:
    """Letters, digits, the underscore and combining marks: what a token is made of.

    Combining marks (the accent of a decomposed "a\u0300") belong to the letter before them, so a
    word in NFD text is never cut in two. Elision apostrophes split ("dell'Ucraina").
    """
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


def snap_to_tokens(text: str, start: int, end: int, *, exact: bool = False) -> tuple[int, int] | None:
    """Widen ``[start, end)`` to whole tokens and trim spaces and punctuation at its edges.

    With ``exact`` the characters are kept as selected (only clamped to the text). Returns ``None``
    when nothing but spaces or punctuation was selected.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    if exact:
        return (start, end) if start < end else None
    while start < end and text[start] in EDGE_PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCTUATION:
        end -= 1
    if start >= end:
        return None
    if is_word_char(text[start]):
        while start > 0 and is_word_char(text[start - 1]):
            start -= 1
    if is_word_char(text[end - 1]):
        while end < len(text) and is_word_char(text[end]):
            end += 1
    return start, end


class Utf16Map:
    """Converts between ``str`` indices and UTF-16 code-unit positions for one text.

    Only characters outside the Basic Multilingual Plane (emoji, some symbols) take two UTF-16 units,
    so the map stores their positions and is free for texts without them.
    """

    __slots__ = ("_astral",)

    def __init__(self, text: str) -> None:
        # encoding runs in C: a text without astral characters (the usual case) costs microseconds
        if text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text):
            self._astral: list[int] = []
        else:
            self._astral = [m.start() for m in _ASTRAL.finditer(text)]

    def to_utf16(self, index: int) -> int:
        """UTF-16 position of the character at ``str`` index ``index``."""
        if not self._astral:
            return index
        return index + bisect_right(self._astral, index - 1)

    def from_utf16(self, position: int) -> int:
        """``str`` index of UTF-16 position ``position`` (a position inside a surrogate pair maps past it)."""
        if not self._astral:
            return position
        lo, hi = 0, len(self._astral)
        # count astral chars whose second unit lies before `position`
        while lo < hi:
            mid = (lo + hi) // 2
            if self._astral[mid] + mid + 1 < position:
                lo = mid + 1
            else:
                hi = mid
        return position - lo
