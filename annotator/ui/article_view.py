"""The article text with its spans: selection that snaps to tokens, span picking and label tags.

The view knows nothing of the store. It shows a text and a list of spans (Python ``str`` offsets),
converts to Qt's UTF-16 positions at this boundary, and reports what the user selected or clicked.
Label tags are painted under each span's first characters in the extra line spacing, only for the
lines on screen, so long articles cost nothing extra.
"""

from __future__ import annotations

import html

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QPen,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from ..domain.labels import LabelSchema
from ..domain.model import SUGGESTED, Event, Quote, Span
from ..domain.offsets import Utf16Map, snap_to_tokens
from .highlighter import SpanFormatter
from .event_panel import EVENT_COLOR, same_event
from .quote_panel import QUOTE_COLOR, same_quote

# The modifier that selects exact characters instead of whole tokens.
EXACT_MODIFIER = Qt.KeyboardModifier.AltModifier
LINE_HEIGHT_PERCENT = 175
_ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End)
FOCUS_COLOR = "#67e8f9"  # cyan: the item another window points at (curation's selected row), unlike labels and search
SEARCH_COLOR = "#fde68a"  # amber: the words the list search matched (unlike any label colour)


def quote_tooltip(text: str, quote: Quote) -> str:
    """What hovering a quotation says: its kind, speaker and cue, and the keys that act on it."""
    def part(start: int | None, end: int | None) -> str:
        return html.escape(" ".join(text[start:end].split())) if start is not None and end is not None else "—"

    state = ("suggested — Shift+Q accepts, Shift+Del rejects" if quote.status == SUGGESTED
             else f"{quote.status} · {quote.origin}")
    return (f"<b>Quotation</b> ({quote.kind})<br>speaker: {part(quote.speaker_start, quote.speaker_end)}"
            f"<br>cue: {part(quote.cue_start, quote.cue_end)}<br>{state}")


def event_tooltip(text: str, event: Event) -> str:
    """What hovering a trigger says: type, mode, arguments, date, and the keys that act on it."""
    args = "<br>".join(f"{a.role}: {html.escape(text[a.start:a.end])}" for a in event.args) or "no arguments"
    state = ("suggested — Alt+Y accepts, Alt+X rejects" if event.status == SUGGESTED
             else f"{event.status} · {event.origin}")
    mode = f" · {event.mode}" if event.mode else ""
    return f"<b>{event.type}</b>{mode}<br>{args}<br>date: {event.date or '—'}<br>{state}"


class ArticleView(QTextEdit):
    """Read-only article text with coloured spans; the current span is outlined."""

    spanClicked = Signal(object)  # Span
    currentSpanChanged = Signal(object)  # Span | None
    quoteClicked = Signal(object)  # Quote: a click on a quotation's words outside any span
    eventClicked = Signal(object)  # Event: a click on an event's trigger outside any span

    def __init__(self, labels: LabelSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setAcceptRichText(False)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 11.5))
        self.setFont(font)
        self._tag_font = QFont(font)
        self._tag_font.setPointSizeF(font.pointSizeF() * 0.62)
        self._tag_font.setBold(True)
        self._line_height = QFontMetrics(font).height()
        self._tag_height = QFontMetrics(self._tag_font).height()
        self._tag_styles: dict[tuple[str, bool], tuple[str, int, QColor]] = {}
        self._labels = labels
        # extra space under each line for the label tags
        self._block_format = QTextBlockFormat()
        self._block_format.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self._formatter = SpanFormatter(labels)
        # always there: a scroll bar appearing would narrow the text and force a second layout
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._text = ""
        self._map = Utf16Map("")
        self._spans: list[Span] = []
        self._span_starts: list[int] = []
        self._current: Span | None = None
        self._exact = False
        self._quotes: list[Quote] = []
        self._current_quote: Quote | None = None
        self._events: list[Event] = []
        self._current_event: Event | None = None
        # extra selections, drawn together: the focus mark, the current span, the search matches, the snap preview
        self._focus_selections: list[QTextEdit.ExtraSelection] = []
        self._span_selections: list[QTextEdit.ExtraSelection] = []
        self._search_selections: list[QTextEdit.ExtraSelection] = []
        self._preview: tuple[int, int] | None = None
        self._preview_selections: list[QTextEdit.ExtraSelection] = []
        self.selectionChanged.connect(self._update_preview)

    # --- content ------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    @property
    def spans(self) -> list[Span]:
        return self._spans

    def set_labels(self, labels: LabelSchema) -> None:
        self._labels = labels
        self._tag_styles.clear()
        self._formatter.set_labels(labels)
        self._formatter.apply(self.document(), self._qt_items(self._spans), blocks=range(self.document().blockCount()))

    def set_document(self, text: str, spans: list[Span]) -> None:
        """Show a new article with its spans.

        The text and its formats go into a fresh QTextDocument before it is attached to the view,
        so it is laid out once.
        """
        self._text = text
        self._map = Utf16Map(text)
        self._current = None
        self._quotes, self._current_quote = [], None
        self._events, self._current_event = [], None
        self._set_span_list(spans)
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        document.setDocumentMargin(18)
        document.setUndoRedoEnabled(False)  # the text never changes; undo belongs to annotations
        cursor = QTextCursor(document)
        cursor.setBlockFormat(self._block_format)  # every paragraph inherits the tag spacing
        cursor.insertText(text)
        self._formatter.apply(document, self._qt_items(spans))
        self.setDocument(document)  # the previous document, a child of this view, is deleted by Qt
        self._span_selections, self._search_selections, self._preview_selections = [], [], []
        self._focus_selections = []
        self._preview = None
        self.setExtraSelections([])

    def update_spans(self, spans: list[Span], *, current: Span | None = None) -> None:
        """Replace the spans after an edit, re-formatting only the paragraphs that changed."""
        old = {(s.start, s.end, s.label, s.status) for s in self._spans}
        new = {(s.start, s.end, s.label, s.status) for s in spans}
        changed = old ^ new
        self._set_span_list(spans)
        doc = self.document()
        blocks: set[int] = set()
        for start, end, _label, _status in changed:
            first = doc.findBlock(self._map.to_utf16(start)).blockNumber()
            last = doc.findBlock(self._map.to_utf16(max(start, end - 1))).blockNumber()
            blocks.update(range(first, last + 1))
        if blocks:
            first_block, last_block = doc.findBlockByNumber(min(blocks)), doc.findBlockByNumber(max(blocks))
            low = self._map.from_utf16(first_block.position())
            high = self._map.from_utf16(last_block.position() + last_block.length())
            to16 = self._map.to_utf16
            nearby = [(to16(s.start), to16(s.end), s) for s in self._spans if s.end >= low and s.start <= high]
            self._formatter.apply(doc, nearby, blocks=sorted(blocks))
        # Qt repaints the re-formatted paragraphs (tags included: they sit in their line spacing)
        self.set_current_span(self._find_same(current) if current else self._find_same(self._current), scroll=False)

    def _set_span_list(self, spans: list[Span]) -> None:
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._span_starts = [s.start for s in self._spans]

    def _qt_items(self, spans: list[Span]) -> list[tuple[int, int, Span]]:
        to16 = self._map.to_utf16
        return [(to16(s.start), to16(s.end), s) for s in spans]

    def _find_same(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        for s in self._spans:
            if s.id == span.id and s.layer == span.layer:
                return s
        for s in self._spans:
            if (s.start, s.end) == (span.start, span.end):
                return s
        return None

    # --- quotations ---------------------------------------------------------------------------

    @property
    def quotes(self) -> list[Quote]:
        return self._quotes

    @property
    def current_quote(self) -> Quote | None:
        return self._current_quote

    def set_quotes(self, quotes: list[Quote], current: Quote | None = None) -> None:
        """Show these quotations: a bar in the margin and a line over the words of each, a dotted
        box round its cue and a solid one round its speaker; ``current`` is also tinted."""
        self._quotes = sorted(quotes, key=lambda q: (q.start, q.end))
        self._current_quote = next((q for q in self._quotes if same_quote(q, current)), None)
        self.viewport().update()

    def set_current_quote(self, quote: Quote | None, *, scroll: bool = True) -> None:
        self._current_quote = next((q for q in self._quotes if same_quote(q, quote)), None)
        if self._current_quote is not None and scroll:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._map.to_utf16(self._current_quote.start))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        self.viewport().update()

    def quote_at(self, offset: int) -> Quote | None:
        """The innermost quotation whose words contain ``offset``."""
        inside = [q for q in self._quotes if q.start <= offset < q.end]
        return min(inside, key=lambda q: q.end - q.start) if inside else None

    def step_quote(self, forward: bool) -> Quote | None:
        """Make the next (or previous) quotation current, from the current one or the cursor."""
        if not self._quotes:
            return None
        ref = self._current_quote.start if self._current_quote else self.offset_of_cursor()
        if forward:
            later = [q for q in self._quotes if q.start > ref or (self._current_quote is None and q.start >= ref)]
            quote = later[0] if later else self._quotes[-1]
        else:
            earlier = [q for q in self._quotes if q.start < ref]
            quote = earlier[-1] if earlier else self._quotes[0]
        self.set_current_quote(quote)
        return quote

    def _fragments(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of the text between two ``str`` offsets, one per line."""
        a, z = self._map.to_utf16(start), self._map.to_utf16(end)
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        rects: list[QRectF] = []
        block = self.document().findBlock(a)
        while block.isValid() and block.position() < z:
            layout = block.layout()
            origin = layout.position()
            base = block.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                lo, hi = base + line.textStart(), base + line.textStart() + line.textLength()
                if hi <= a or lo >= z:
                    continue
                x1 = line.cursorToX(max(a, lo) - base)[0]
                x2 = line.cursorToX(min(z, hi) - base)[0]
                top = origin.y() + line.y() - dy
                rects.append(QRectF(origin.x() + min(x1, x2) - dx, top, abs(x2 - x1), line.ascent() + line.descent()))
            block = block.next()
        return rects

    def _paint_quotes(self, painter: QPainter, region: QRect, first: int, last: int) -> None:
        color = QColor(QUOTE_COLOR)
        for quote in self._quotes:
            if quote.end < first or quote.start > last:
                continue
            current = same_quote(quote, self._current_quote)
            suggested = quote.status == SUGGESTED
            fragments = self._fragments(quote.start, quote.end)
            if not fragments:
                continue
            if current:
                tint = QColor(color)
                tint.setAlpha(38)
                for rect in fragments:
                    painter.fillRect(rect, tint)
            pen = QPen(color, 3 if current else 2)
            pen.setStyle(Qt.PenStyle.DashLine if suggested else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            top, bottom = fragments[0].top(), fragments[-1].bottom()
            painter.drawLine(QPoint(6, int(top)), QPoint(6, int(bottom)))  # the margin bar
            pen.setWidthF(1.5 if not current else 2.0)
            painter.setPen(pen)
            for rect in fragments:  # a line over the words: underlines belong to entity spans
                painter.drawLine(rect.topLeft(), rect.topRight())
            for part, style in (((quote.cue_start, quote.cue_end), Qt.PenStyle.DotLine),
                                ((quote.speaker_start, quote.speaker_end), Qt.PenStyle.SolidLine)):
                if part[0] is None or part[1] is None:
                    continue
                box = QPen(color, 2 if current else 1.2)
                box.setStyle(style)
                painter.setPen(box)
                for rect in self._fragments(part[0], part[1]):
                    painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)

    # --- events --------------------------------------------------------------------------------

    @property
    def events(self) -> list[Event]:
        return self._events

    @property
    def current_event(self) -> Event | None:
        return self._current_event

    def set_events(self, events: list[Event], current: Event | None = None) -> None:
        """Show these events: a violet box round each trigger (dashed while suggested); the
        current event's arguments are outlined too, each with its role."""
        self._events = list(events)
        self._current_event = next((e for e in self._events if same_event(e, current)), None)
        self.viewport().update()

    def set_current_event(self, event: Event | None, *, scroll: bool = True) -> None:
        self._current_event = next((e for e in self._events if same_event(e, event)), None)
        if self._current_event is not None and scroll and self._current_event.trigger_start is not None:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._map.to_utf16(self._current_event.trigger_start))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        self.viewport().update()

    def event_at(self, offset: int) -> Event | None:
        """The event whose trigger contains ``offset``."""
        return next((e for e in self._events if e.trigger_start is not None
                     and e.trigger_start <= offset < e.trigger_end), None)  # type: ignore[operator]

    def step_event(self, forward: bool) -> Event | None:
        """Make the next (or previous) event current, in the order of the list (whole-article
        events first, then by trigger)."""
        if not self._events:
            return None
        index = next((i for i, e in enumerate(self._events) if same_event(e, self._current_event)), None)
        if index is None:
            index = 0 if forward else len(self._events) - 1
        else:
            index = min(len(self._events) - 1, index + 1) if forward else max(0, index - 1)
        self.set_current_event(self._events[index])
        return self._current_event

    def _paint_events(self, painter: QPainter, first: int, last: int) -> None:
        color = QColor(EVENT_COLOR)
        for event in self._events:
            current = same_event(event, self._current_event)
            if event.trigger_start is not None and event.trigger_end is not None \
                    and event.trigger_end >= first and event.trigger_start <= last:
                pen = QPen(color, 2.2 if current else 1.4)
                pen.setStyle(Qt.PenStyle.DashLine if event.status == SUGGESTED else Qt.PenStyle.SolidLine)
                painter.setPen(pen)
                for rect in self._fragments(event.trigger_start, event.trigger_end):
                    if current:
                        tint = QColor(color)
                        tint.setAlpha(40)
                        painter.fillRect(rect.adjusted(-2, -2, 2, 2), tint)
                    painter.drawRect(rect.adjusted(-2, -2, 2, 2))
            if not current:
                continue
            painter.setFont(self._tag_font)
            for arg in event.args:
                if arg.end < first or arg.start > last:
                    continue
                fragments = self._fragments(arg.start, arg.end)
                painter.setPen(QPen(color, 2))
                for rect in fragments:
                    painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 4, 4)
                if fragments:  # the role under the argument, after the entity's own label tag
                    first_rect = fragments[0]
                    span = next((s for s in self._spans if s.start == arg.start), None)
                    offset = self._tag_style(span.label, span.status == SUGGESTED)[1] + 6 if span else 0
                    painter.drawText(QRectF(first_rect.left() + offset, first_rect.bottom() + 3, 80, self._tag_height),
                                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, arg.role)

    # --- positions ----------------------------------------------------------------------------

    def offset_of_cursor(self, cursor: QTextCursor | None = None) -> int:
        return self._map.from_utf16((cursor or self.textCursor()).position())

    def span_at(self, offset: int) -> Span | None:
        """The span containing ``offset`` (the innermost if spans nest)."""
        i = bisect_right(self._span_starts, offset)
        best: Span | None = None
        for span in self._spans[max(0, i - 8) : i]:
            if span.start <= offset < span.end and (best is None or span.end - span.start < best.end - best.start):
                best = span
        return best

    def selected_range(self) -> tuple[int, int] | None:
        """The user's selection in ``str`` offsets, snapped to tokens unless made with the exact modifier."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._map.from_utf16(cursor.selectionStart())
        end = self._map.from_utf16(cursor.selectionEnd())
        return snap_to_tokens(self._text, start, end, exact=self._exact)

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(start))
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    # --- the current span ---------------------------------------------------------------------

    @property
    def current_span(self) -> Span | None:
        return self._current

    def set_current_span(self, span: Span | None, *, scroll: bool = True) -> None:
        changed = span != self._current
        self._current = span
        selections = []
        if span is not None:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.document())
            sel.cursor.setPosition(self._map.to_utf16(span.start))
            sel.cursor.setPosition(self._map.to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
            color = QColor(self._labels.color(span.label))
            sel.format.setBackground(color)
            sel.format.setForeground(QColor("white"))
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
            selections.append(sel)
            if scroll:
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._map.to_utf16(span.start))
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
        self._span_selections = selections
        self._show_extra_selections()
        if changed:
            self.currentSpanChanged.emit(span)

    def _show_extra_selections(self) -> None:
        """Draw every kind of extra selection, each kept in its own list (later ones on top)."""
        self.setExtraSelections(self._focus_selections + self._search_selections + self._preview_selections
                                + self._span_selections)

    def set_focus_mark(self, where: tuple[int, int] | None) -> None:
        """Mark the words at ``where`` (``str`` range) in :data:`FOCUS_COLOR`: the item another window
        points at (the curation's selected row); None takes the mark away."""
        self._focus_selections = []
        if where is not None:
            mark = QTextEdit.ExtraSelection()
            mark.cursor = QTextCursor(self.document())
            mark.cursor.setPosition(self._map.to_utf16(where[0]))
            mark.cursor.setPosition(self._map.to_utf16(where[1]), QTextCursor.MoveMode.KeepAnchor)
            mark.format.setBackground(QColor(FOCUS_COLOR))
            mark.format.setForeground(QColor("#111827"))
            self._focus_selections = [mark]
        self._show_extra_selections()

    # --- search matches -----------------------------------------------------------------------

    def set_search_matches(self, matches: list[tuple[int, int]], *, reveal: bool = True) -> None:
        """Highlight the words the list search found (``str`` ranges); ``reveal`` scrolls the first
        into view, a third of the way down, without moving the text cursor."""
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(SEARCH_COLOR))
        fmt.setForeground(QColor("#111827"))
        for start, end in matches:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.document())
            sel.cursor.setPosition(self._map.to_utf16(start))
            sel.cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            sel.format = fmt
            selections.append(sel)
        self._search_selections = selections
        self._show_extra_selections()
        if reveal and matches:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._map.to_utf16(matches[0][0]))
            rect = self.cursorRect(cursor)
            if not self.viewport().rect().contains(rect):
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def search_matches(self) -> list[tuple[int, int]]:
        """The highlighted search matches (``str`` ranges)."""
        to_str = self._map.from_utf16
        return [(to_str(s.cursor.selectionStart()), to_str(s.cursor.selectionEnd())) for s in self._search_selections]

    # --- what a label key would take ------------------------------------------------------------

    def selection_preview(self) -> tuple[int, int] | None:
        """The snapped range shown under a selection that snapping changes (None when it does not)."""
        return self._preview

    def _update_preview(self) -> None:
        """While the user selects (Shift+arrows, or dragging), outline the token-snapped range that
        a label key would take, so it is no surprise when the span appears."""
        cursor = self.textCursor()
        preview = None
        if cursor.hasSelection() and not self._exact:
            raw = (self._map.from_utf16(cursor.selectionStart()), self._map.from_utf16(cursor.selectionEnd()))
            snapped = self.selected_range()
            preview = snapped if snapped != raw else None
        if preview == self._preview:
            return
        self._preview = preview
        self._preview_selections = []
        if preview is not None:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.document())
            sel.cursor.setPosition(self._map.to_utf16(preview[0]))
            sel.cursor.setPosition(self._map.to_utf16(preview[1]), QTextCursor.MoveMode.KeepAnchor)
            highlight = self.palette().color(self.palette().ColorRole.Highlight)
            tint = QColor(highlight)
            tint.setAlpha(95)
            sel.format.setBackground(tint)
            sel.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            sel.format.setUnderlineColor(highlight)
            sel.format.setToolTip("A label key takes these words")
            self._preview_selections = [sel]
        self._show_extra_selections()

    def step_span(self, forward: bool) -> Span | None:
        """Make the next (or previous) span current, from the current span or the cursor."""
        if not self._spans:
            return None
        ref = self._current.start if self._current else self.offset_of_cursor()
        if forward:
            i = bisect_right(self._span_starts, ref) if self._current else bisect_left(self._span_starts, ref)
            span = self._spans[i] if i < len(self._spans) else self._spans[-1]
        else:
            i = bisect_left(self._span_starts, ref) - 1
            span = self._spans[i] if i >= 0 else self._spans[0]
        self.set_current_span(span)
        return span

    # --- mouse --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._exact = bool(event.modifiers() & EXACT_MODIFIER)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        snapped = self.selected_range()
        if snapped is not None:
            if not self._exact:
                self.select_range(*snapped)  # show the user what will be labelled
            self.set_current_span(None, scroll=False)
            return
        offset = self.offset_of_cursor(self.cursorForPosition(event.position().toPoint()))
        span = self.span_at(offset)
        self.set_current_span(span, scroll=False)
        if span is not None:
            self.spanClicked.emit(span)
            return
        event = self.event_at(offset)
        if event is not None:
            self.set_current_event(event, scroll=False)
            self.eventClicked.emit(event)
            return
        quote = self.quote_at(offset)
        if quote is not None:
            self.set_current_quote(quote, scroll=False)
            self.quoteClicked.emit(quote)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Keyboard selections snap unless made with the exact modifier held. Qt knows no
        # Alt+Shift+arrow, so that selection is made as Shift+arrow, with the exact flag set.
        self._exact = bool(event.modifiers() & EXACT_MODIFIER)
        if self._exact and event.modifiers() & Qt.KeyboardModifier.ShiftModifier and event.key() in _ARROWS:
            event = QKeyEvent(event.type(), event.key(), event.modifiers() & ~EXACT_MODIFIER, event.text(),
                              event.isAutoRepeat(), event.count())
        super().keyPressEvent(event)

    def event(self, event) -> bool:  # noqa: D401 - Qt override
        if event.type() == event.Type.ToolTip:
            offset = self.offset_of_cursor(self.cursorForPosition(self.viewport().mapFrom(self, event.pos())))
            span = self.span_at(offset)
            if span is not None:
                label = self._labels.get(span.label)
                what = f"suggested by {span.origin} — A accepts, X rejects" if span.status == SUGGESTED else (
                    f"{span.status} · {span.origin} · {span.annotator}"
                )
                value = f" <b>{html.escape(span.value)}</b>" if span.value else ""
                QToolTip.showText(event.globalPos(),
                                  f"<b>{span.label}</b>{value} {label.description if label else ''}<br>{what}", self)
            elif (event_ := self.event_at(offset)) is not None:
                QToolTip.showText(event.globalPos(), event_tooltip(self._text, event_), self)
            elif (quote := self.quote_at(offset)) is not None:
                QToolTip.showText(event.globalPos(), quote_tooltip(self._text, quote), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # --- painting label tags ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._spans and not self._quotes and not self._events:
            return
        region = event.rect()
        top_cursor = self.cursorForPosition(QPoint(0, max(0, region.top() - self._line_height)))
        bottom_cursor = self.cursorForPosition(QPoint(self.viewport().width(), region.bottom()))
        first = self._map.from_utf16(top_cursor.block().position())
        last = self._map.from_utf16(bottom_cursor.position()) + 1
        i = max(0, bisect_left(self._span_starts, first) - 1)
        painter = QPainter(self.viewport())
        if self._quotes or self._events:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_quotes(painter, region, first, last)
            self._paint_events(painter, first, last)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setFont(self._tag_font)
        cursor = QTextCursor(self.document())
        previous_right: dict[int, int] = {}
        to16 = self._map.to_utf16
        while i < len(self._spans) and self._spans[i].start <= last:
            span = self._spans[i]
            i += 1
            cursor.setPosition(to16(span.start))
            rect = self.cursorRect(cursor)
            suggested = span.status == SUGGESTED
            tag, width, pen = self._tag_style(span.label, suggested)
            x = max(rect.left(), previous_right.get(rect.top(), -1) + 3)
            box = QRect(x, rect.top() + self._line_height + 1, width, self._tag_height)
            previous_right[rect.top()] = box.right()
            if box.intersects(region):
                painter.setPen(pen)
                painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, tag)
        painter.end()

    def _tag_style(self, label: str, suggested: bool) -> tuple[str, int, QColor]:
        """The tag text, its width and colour, computed once per label and status."""
        key = (label, suggested)
        style = self._tag_styles.get(key)
        if style is None:
            tag = label + ("?" if suggested else "")
            color = QColor(self._labels.color(label))
            style = (tag, QFontMetrics(self._tag_font).horizontalAdvance(tag) + 2, color if suggested else color.darker(125))
            self._tag_styles[key] = style
        return style
