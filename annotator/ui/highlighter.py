"""Colours spans in the article text, one paragraph (text block) at a time.

Accepted annotations get a filled background in their label's colour; pending suggestions only a
faint tint and a dashed underline, so the two never look alike. When spans change, only the blocks
they touch are re-highlighted: a label applied to a long article costs one paragraph, not the text.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ..domain.labels import LabelSchema
from ..domain.model import SUGGESTED, Span

ACCEPTED_ALPHA = 95
SUGGESTED_ALPHA = 28


class SpanHighlighter(QSyntaxHighlighter):
    """Applies span formats to blocks; positions are UTF-16 (Qt) offsets."""

    def __init__(self, document: QTextDocument, labels: LabelSchema) -> None:
        super().__init__(document)
        self._labels = labels
        self._formats: dict[tuple[str, bool], QTextCharFormat] = {}
        self._starts: list[int] = []
        self._items: list[tuple[int, int, Span]] = []  # (qt_start, qt_end, span) sorted by start
        self._longest = 0

    def set_labels(self, labels: LabelSchema) -> None:
        self._labels = labels
        self._formats.clear()

    def set_items(self, items: list[tuple[int, int, Span]], *, rehighlight: bool = True) -> None:
        """Replace every span (already converted to Qt positions)."""
        self._items = sorted(items, key=lambda it: (it[0], it[1]))
        self._starts = [it[0] for it in self._items]
        self._longest = max((e - s for s, e, _ in self._items), default=0)
        if rehighlight:
            self.rehighlight()

    def items_between(self, start: int, end: int) -> list[tuple[int, int, Span]]:
        """Spans overlapping the Qt range ``[start, end)``."""
        i = bisect_left(self._starts, start - self._longest)
        found = []
        while i < len(self._items) and self._items[i][0] < end:
            s, e, span = self._items[i]
            if e > start:
                found.append(self._items[i])
            i += 1
        return found

    def format_for(self, label: str, suggested: bool) -> QTextCharFormat:
        key = (label, suggested)
        fmt = self._formats.get(key)
        if fmt is None:
            color = QColor(self._labels.color(label))
            fmt = QTextCharFormat()
            fill = QColor(color)
            fill.setAlpha(SUGGESTED_ALPHA if suggested else ACCEPTED_ALPHA)
            fmt.setBackground(fill)
            fmt.setUnderlineColor(color.darker(115))
            if suggested:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            else:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            self._formats[key] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        block = self.currentBlock()
        start = block.position()
        end = start + block.length()
        for s, e, span in self.items_between(start, end):
            a, b = max(s, start) - start, min(e, end) - start
            if b > a:
                self.setFormat(a, b - a, self.format_for(span.label, span.status == SUGGESTED))
