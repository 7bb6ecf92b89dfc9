"""Quotation marks in Italian news: pair them into quoted segments, and find sentence ends.

Rules (docs/quotes.md): marks pair by type (« with », “ with ”, " with "), but real text mixes them
(“ closed by ") and forgets closing marks; single quotes are never paired (’ is the apostrophe). A
plain " opens or closes by what stands around it. Only outermost segments are returned: marks
nested inside a quotation belong to it. A segment still open at the end of its paragraph continues
into the next paragraph when that paragraph opens with a mark (a quotation over several
paragraphs), or when the first mark of the next paragraph (or of one of the two after it, with no
marks in between) closes it: scraped text cuts quoted sentences into paragraphs ("«La polizia non
è stata efficace\n\nRitengo che…»"). Else it ends with its paragraph. A text whose first
paragraph's first mark closes a quotation opens inside one (a passage cut from a longer article):
its words up to that mark are a segment. « never nests in «, nor in any other mark: a mark left
open at its paragraph's end that holds a «…» (or a « holding another «…») ends where the first of
them opens (its closing mark was forgotten), which matters most in a text with no paragraph breaks
at all, where it would hold all the rest. A mark glued to an attribution ("«ha detto", '"ha
commentato') is a closing mark typed as an opening one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from .run_in import run_in_ends

__all__ = ["Segment", "quoted_segments", "sentence_ends", "text_sentence_ends"]

_OPENERS = "«“„"
_CLOSERS = "»”"
_PLAIN = '"'
# an attribution glued to a mark ("«ha detto", '"ha commentato'): that mark closes the open quotation
_ATTRIBUTION = re.compile(r"(?:ha|hanno)\s+(?:detto|commentato|aggiunto|spiegato|dichiarato|affermato|concluso|"
                          r"precisato|sottolineato|risposto|replicato|ribadito)\b")
_NOT_NESTED = "«“"  # marks that Italian never nests in themselves (« “ ‘ is the order)
_BEFORE_OPENING = set(" \t\n([{—–-/:«“„")
_AFTER_CLOSING = set(" \t\n.,;:!?)]}»”…—–-")
_CLOSES = {"»": "«", "”": "“„\""}  # which open marks each closing mark can close, most likely first
_MARKS = _OPENERS + _CLOSERS + _PLAIN
_MARK = re.compile(f"[{_MARKS}]")
# a quotation left open at a paragraph's end is closed by the first mark of a later paragraph, over
# at most this many paragraphs without marks in between (scraped text cuts sentences into paragraphs)
_UNMARKED_REACH = 2


@dataclass(frozen=True, slots=True)
class Segment:
    """An outermost quoted stretch: marks at ``open_at`` and ``close_at`` (None when never closed)
    and the content between them, whitespace trimmed."""

    open_at: int
    close_at: int | None
    start: int
    end: int
    cut: bool = False  # the text opens inside it (a passage cut from an article): no opening mark, open_at 0

    @property
    def after(self) -> int:
        """The first character after the segment (after its closing mark, or its last character)."""
        return self.close_at + 1 if self.close_at is not None else self.end


def quoted_segments(text: str) -> list[Segment]:
    """The outermost quoted segments of ``text``, in order, with non-empty content."""
    return list(_segments_of(text))


def text_sentence_ends(text: str) -> list[int]:
    """:func:`sentence_ends` of ``text`` with its own quoted segments (the finder, the suggester and
    the parse of one text ask for them in turn: they are found once)."""
    return list(_ends_of(text))


@lru_cache(maxsize=64)
def _ends_of(text: str) -> tuple[int, ...]:
    return tuple(sentence_ends(text, list(_segments_of(text))))


@lru_cache(maxsize=64)
def _segments_of(text: str) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    pending: tuple[int, int] | None = None  # (open mark, paragraph end) of a quotation running on
    position = 0
    unmarked = 0  # paragraphs without marks passed over while a quotation runs on
    lead = _opening_inside(text)
    for paragraph in re.split(r"(\n)", text):
        if paragraph == "\n":
            position += 1
            continue
        first = len(paragraph) - len(paragraph.lstrip())
        continues = pending is not None and paragraph[first:first + 1] in (_OPENERS + _PLAIN)
        rest = 0  # where in the paragraph pairing starts
        if lead is not None and position <= lead < position + len(paragraph):
            segments.append(replace(_segment(text, -1, lead, lead), open_at=0, cut=True))  # no mark of its own
            rest = lead - position + 1
        if pending is not None and not continues and paragraph.strip():
            closing = _first_closing(paragraph, text[pending[0]])
            if closing is None and unmarked < _UNMARKED_REACH and not any(m in paragraph for m in _MARKS):
                unmarked += 1  # "«… del\n\n200 e\n\n300, ma …»": a sentence cut into paragraphs
                position += len(paragraph)
                continue
            if closing is not None and unmarked <= _UNMARKED_REACH:
                segments.append(_segment(text, pending[0], position + closing, position + closing))
                rest = closing + 1  # "«A\n\nB». «C»": the closing mark opens the paragraph's marks
            else:
                segments.append(_segment(text, pending[0], None, pending[1]))
            pending = None
        unmarked = 0
        found, unclosed, still_open = _pair(paragraph[rest:], position + rest)
        segments += [_segment(text, open_at, None, quoted_end) for open_at, quoted_end in unclosed]
        end = position + len(paragraph)
        if continues and pending is not None:
            if found and found[0][0] == position + first:  # the paragraph's opening mark
                found[0] = (pending[0], found[0][1])
                pending = None
            elif still_open == position + first:
                pending = (pending[0], end)
                still_open = None
        for open_at, close_at in found:
            segments.append(_segment(text, open_at, close_at, close_at))
        if still_open is not None:
            if pending is not None:
                segments.append(_segment(text, pending[0], None, pending[1]))
            pending = (still_open, end)
        position = end
    if pending is not None:
        segments.append(_segment(text, pending[0], None, pending[1]))
    segments.sort(key=lambda s: s.open_at)
    return tuple(s for s in segments if s.end > s.start)


def _opening_inside(text: str) -> int | None:
    """The closing mark of a quotation the text opens inside, when its first paragraph's first
    mark is » or ”: a passage cut from a longer article ("Non respiro più!» (frase…)"). A plain "
    there stays a stray ("…la maggioranza nel Paese ". Dura…" may be the end of a quotation whose
    opening mark was lost inside the sentence)."""
    paragraph_end = text.find("\n", len(text) - len(text.lstrip()))
    match = _MARK.search(text, 0, len(text) if paragraph_end < 0 else paragraph_end)
    if match is None or match.group() not in _CLOSERS or not text[:match.start()].strip():
        return None
    return match.start()


def _first_closing(paragraph: str, opening: str) -> int | None:
    """Where ``paragraph`` closes a quotation opened with ``opening`` in an earlier paragraph: its
    first mark, when that mark closes such a quotation ("» " after «, ” or a closing " after “)."""
    for i, ch in enumerate(paragraph):
        if ch in _OPENERS:
            return None
        if ch in _CLOSERS:
            return i if opening in _CLOSES[ch] else None
        if ch == _PLAIN:
            after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
            before = paragraph[i - 1] if i else " "
            closes = after in _AFTER_CLOSING and before not in _BEFORE_OPENING
            return i if closes and opening in '"“„' else None
    return None


def _segment(text: str, open_at: int, close_at: int | None, end: int) -> Segment:
    start = open_at + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if close_at is None:  # an unclosed quotation keeps its words, not a trailing mark-less dot
        while end > start and text[end - 1] in _CLOSERS + _PLAIN:
            end -= 1
    return Segment(open_at, close_at, start, end)


def _pair(line: str, offset: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]], int | None]:
    """Pair the marks of one paragraph: outermost (open, close) pairs, outermost quotations whose
    closing mark was forgotten as (open, end), and the outermost mark left open at its end (or None)."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    inner: dict[int, list[tuple[int, int]]] = {}  # an outermost open mark → the same-mark pairs closed in it
    for match in _MARK.finditer(line):  # the marks alone: a paragraph is mostly words
        i, ch = match.start(), match.group()
        if ch in _OPENERS and _ATTRIBUTION.match(line, i + 1) and any(mark == ch for mark, _ in stack):
            _close(stack, ch, i, pairs, inner)  # "«Vediamo… a Baghdad «ha detto.": a closing mark typed as an opening one
        elif ch in _OPENERS:
            stack.append((ch, i))
        elif ch in _CLOSERS:
            _close(stack, _CLOSES[ch], i, pairs, inner)
        elif ch == _PLAIN:
            before = line[i - 1] if i else " "
            after = line[i + 1] if i + 1 < len(line) else " "
            opens, closes = before in _BEFORE_OPENING, after in _AFTER_CLOSING
            has_open = any(mark in '"“„' for mark, _ in stack)
            if not has_open and line[max(0, i - 2):i].strip()[-1:].isdigit():
                continue  # seconds or inches after a number ("a 8 \" dal primo", "58\"17"): no quotation mark
            if not has_open and after in ".,;:!?)]}":
                continue  # a stray closing mark ("nel Paese \". Dura anche…"): nothing opens before punctuation
            if has_open and _ATTRIBUTION.match(line, i + 1):
                _close(stack, '"“„', i, pairs, inner)  # '"È un dramma "ha commentato X': the closing mark, glued
            elif (closes and not opens) or (opens == closes and has_open):
                _close(stack, '"“„', i, pairs, inner)
            else:
                stack.append((_PLAIN, i))
    unclosed: list[tuple[int, int]] = []
    if stack and inner.get(stack[0][1]):
        # "«A … «B» … «C».": « does not nest in «, and the first never closes: its closing mark was
        # forgotten, so it ends where the first quotation inside it opens, and those stand alone; so
        # does a plain " or a “ left open before a «…» ('slogan come "Vogliamo la giustizia, … «…»')
        _, open_at = stack.pop(0)  # what opened after it and stays open is the paragraph's open mark
        unclosed.append((open_at, inner[open_at][0][0]))
        pairs += inner[open_at]
    outer = sorted((offset + a, offset + b) for a, b in pairs)
    return outer, [(offset + a, offset + b) for a, b in unclosed], (offset + stack[0][1]) if stack else None


def _close(stack: list[tuple[str, int]], closable: str, at: int, pairs: list[tuple[int, int]],
           inner: dict[int, list[tuple[int, int]]]) -> None:
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] in closable:
            mark, open_at = stack[depth]
            del stack[depth:]
            if not stack:
                pairs.append((open_at, at))
            elif len(stack) == 1 and (stack[0][0] == mark in _NOT_NESTED or mark == "«"):  # « nests in no other mark
                inner.setdefault(stack[0][1], []).append((open_at, at))
            return
    # a closing mark with nothing to close: a stray, ignored


_END = re.compile(r"[.!?…]+(?=[\s»”\"]|$)|[.!?](?=[A-ZÀ-Ý«“])|\n")
_ABBREVIATIONS = frozenset("sig sigg dott dr prof avv on sen ing arch gen col mons rev ecc pag art nr n st sr jr".split())


def abbreviation_before(text: str, at: int) -> bool:
    """Whether the point at ``at`` closes an abbreviation ("dott.", "sen.") or an initial ("A.
    Donald McEachin"), not a sentence or a clause."""
    if text[at:at + 1] != ".":
        return False
    word = re.search(r"(\w+)$", text[max(0, at - 12):at])
    return word is not None and (word.group(1).lower() in _ABBREVIATIONS or
                                 (len(word.group(1)) == 1 and word.group(1).isupper()))


def sentence_ends(text: str, segments: list[Segment]) -> list[int]:
    """Positions just after each sentence's last character (and each line break), outside quoted
    segments; the end of the text is always one. Glued sentences ("ai giornalisti.All'inizio")
    are split, and so is a headline run into its text (:mod:`annotator.nlp.run_in`);
    abbreviations ("dott.", single initials) are not."""
    inside = [(s.open_at, s.after) for s in segments]
    ends: list[int] = []
    k = 0
    for match in _END.finditer(text):
        at = match.start()
        while k < len(inside) and inside[k][1] <= at:
            k += 1
        if k < len(inside) and inside[k][0] <= at < inside[k][1]:
            continue
        if match.group() != "\n" and abbreviation_before(text, at):
            continue
        ends.append(match.end() if match.group() != "\n" else at)
    for segment in segments:  # «Chi paga adesso?» Poi… : the sentence ends with the closing mark
        content = text[segment.start:segment.end]
        after = text[segment.after:segment.after + 2]
        if segment.close_at is not None and content[-1:] in ".!?…" and (
                not after.strip() or (after[:1].isspace() and after[1:2].isupper())):
            ends.append(segment.after)
    opens = [a for a, _ in inside]
    for end in run_in_ends(text):  # "…sul copyright Alcuni funzionari…": a headline ran into the text
        k = bisect_right(opens, end) - 1
        if k < 0 or end >= inside[k][1]:
            ends.append(end)
    ends.sort()
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    return ends
