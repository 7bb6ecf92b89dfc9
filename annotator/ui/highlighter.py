"""Colours spans in the article text by setting formats on each paragraph's text layout.

Accepted annotations get a filled background in their label's colour; pending suggestions only a
faint tint and a dashed underline, so the two never look alike. Formats go straight onto the
``QTextLayout`` of each block (what QSyntaxHighlighter does internally, minus a Python callback per
paragraph), and after an edit only the paragraphs whose spans changed are redone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable

from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextDocument, QTextLayout

from ..domain.labels import LabelSchema
from ..domain.model import SUGGESTED, Span

ACCEPTED_ALPHA = 95
SUGGESTED_ALPHA = 28

QtItem = tuple[int, int, Span]  # (Qt start, Qt end, span): positions in UTF-16 units


class SpanFormatter:
    """Turns spans into per-block format ranges and applies them to a document."""

    def __init__(self, labels: LabelSchema) -> None:
        self._labels = labels
        self._formats: dict[tuple[str, bool], QTextCharFormat] = {}

    def set_labels(self, labels: LabelSchema) -> None:
        self._labels = labels
        self._formats.clear()

    def format_for(self, label: str, suggested: bool) -> QTextCharFormat:
        key = (label, suggested)
        fmt = self._formats.get(key)
        if fmt is None:
            color = QColor(self._labels.color(label))
            fill = QColor(color)
            fill.setAlpha(SUGGESTED_ALPHA if suggested else ACCEPTED_ALPHA)
            fmt = QTextCharFormat()
            fmt.setBackground(fill)
            fmt.setUnderlineColor(color.darker(115))
            fmt.setUnderlineStyle(
                QTextCharFormat.UnderlineStyle.DashUnderline if suggested
                else QTextCharFormat.UnderlineStyle.SingleUnderline
            )
            self._formats[key] = fmt
        return fmt

    def ranges_by_block(self, document: QTextDocument, items: Iterable[QtItem]) -> dict[int, list[QTextLayout.FormatRange]]:
        """Format ranges per block number. Block boundaries are read once; spans are placed with
        bisect in plain Python (a Qt call per span and block would cost more than the spans)."""
        starts: list[int] = []
        block: QTextBlock = document.begin()
        while block.isValid():
            starts.append(block.position())
            block = block.next()
        starts.append(document.characterCount())
        ranges: dict[int, list[QTextLayout.FormatRange]] = defaultdict(list)
        format_for = self.format_for
        for start, end, span in items:
            number = bisect_right(starts, start) - 1
            fmt = format_for(span.label, span.status == SUGGESTED)
            while 0 <= number < len(starts) - 1 and starts[number] < end:
                pos = starts[number]
                a, z = max(start, pos), min(end, starts[number + 1] - 1)  # the block separator is not text
                if z > a:
                    r = QTextLayout.FormatRange()
                    r.start, r.length, r.format = a - pos, z - a, fmt
                    ranges[number].append(r)
                number += 1
        return ranges

    def apply(self, document: QTextDocument, items: Iterable[QtItem], *, blocks: Iterable[int] | None = None) -> None:
        """Set the formats of every block (or only of ``blocks``, by number) from ``items``."""
        ranges = self.ranges_by_block(document, items)
        if blocks is None:
            block = document.begin()
            while block.isValid():
                block.layout().setFormats(ranges.get(block.blockNumber(), []))
                block = block.next()
            return
        for number in blocks:
            block = document.findBlockByNumber(number)
            if block.isValid():
                block.layout().setFormats(ranges.get(number, []))
                document.markContentsDirty(block.position(), block.length())


_QUERY_WORD = re.compile(r"\w+", re.UNICODE)


def search_matches(text: str, query: str | None) -> list[tuple[int, int]]:
    """Where the words of a list search occur in ``text`` (``str`` offsets, in text order).

    Like the store's full-text search: case-insensitive, whole words, the last word also as a
    prefix ("calc" finds "calcio"). Operators and quotes in the query are ignored.
    """
    words = _QUERY_WORD.findall(query or "")
    if not words:
        return []
    *whole, last = (re.escape(w) for w in words)
    parts = [rf"\b{w}\b" for w in whole] + [rf"\b{last}\w*"]
    pattern = re.compile("|".join(parts), re.IGNORECASE | re.UNICODE)
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]
