"""Syntactic roles on demand: the subject, object, agent and recipient of a verb at a character offset.

The quotation finder and the event suggester find reporting cues and event triggers by rules over
the text; who speaks and who does what to whom they may read off a dependency parse instead
(:mod:`annotator.nlp.syntax`). Parsing a whole article costs more than the rest of pre-annotation,
so :class:`SentenceParses` parses lazily: only the sentence (or, in a very long sentence, the window)
around an offset a finder asks about, once, with the bundled UD parser. Everything comes back as
character ranges into the text, so the finders stay plain Python over text and offsets.

    >>> parses = SentenceParses(text)                 # the bundled parser, loaded on first use
    >>> roles = parses.roles(text.index("ha detto"))
    >>> roles.subjects[0].phrase                      # (start, end) of "il ministro Mario Rossi"

Pre-annotation parses beforehand, in one batch for many texts (:func:`prepare_all`; a parser call
has a fixed cost of a few milliseconds), the windows the finders will ask about: the event verbs
(``EventSuggester.syntax_positions``) and the reporting verbs whose speaker the rules miss (a first
run of the finder with a :class:`Recorder`); see ``annotator.nlp.preannotate.prepare_parses``. A
window is at most BEFORE characters before the verb and AFTER after it, cut at words.

:func:`syntax_for` gives ``None`` (rules only) when the parser model is not installed, so callers fall
back to the rules. Nothing here imports spaCy at module level.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from . import syntax
from .quote_marks import text_sentence_ends

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["Argument", "Roles", "SentenceParses", "SyntaxRoles", "is_personal_pronoun", "parser_available",
           "Recorder", "prepare_all", "syntax_for"]

Range = tuple[int, int]
# How much of a sentence is parsed around a verb, in characters: the parser's time grows with the
# words it reads, and a verb's subject, object and agent stand close to it. A window parsed for one
# verb serves another in it when it holds _NEED_BEFORE / _NEED_AFTER characters around it.
# 70/40 keeps the measured gain on the real-news dev set at about half the parsing of 150/100 (see
# benchmarks/bench_syntax_roles.py).
BEFORE, AFTER = 70, 40
_NEED_BEFORE, _NEED_AFTER = 40, 20
_CLAUSE_DEPS = frozenset({"acl", "acl:relcl", "appos", "parataxis", "conj", "cc", "punct", "advcl", "ccomp",
                          "dislocated"})
_PERSONAL = frozenset("io tu lui lei egli ella esso essa noi voi loro essi esse".split())


@dataclass(frozen=True, slots=True)
class Argument:
    """One argument of a predicate, as character ranges: ``phrase`` the noun phrase without
    clauses, appositions or the preposition ("il portavoce del Cremlino Dmitry Peskov"), ``head``
    its head noun's name ("portavoce", "Dmitry Peskov"), ``pos`` the head's UPOS."""

    phrase: Range
    head: Range
    pos: str
    lemma: str
    apposition: Range | None = None  # a proper name in apposition: "il portavoce, Dmitry Peskov,"


@dataclass(frozen=True, slots=True)
class Roles:
    """The arguments of the predicate at an offset (see :func:`annotator.nlp.syntax.arguments`)."""

    predicate: Range
    passive: bool
    subjects: tuple[Argument, ...]
    objects: tuple[Argument, ...]
    agents: tuple[Argument, ...]
    recipients: tuple[Argument, ...]

    @property
    def actors(self) -> tuple[Argument, ...]:
        return self.agents if self.passive else self.subjects

    @property
    def patients(self) -> tuple[Argument, ...]:
        return self.subjects if self.passive else self.objects


class SyntaxRoles(Protocol):
    """What the quotation finder and the event suggester ask of a parse (:class:`SentenceParses`,
    or a stand-in in tests)."""

    def roles(self, position: int) -> Roles | None: ...

    def prepare(self, positions) -> None: ...


def parser_available() -> bool:
    """Whether the bundled UD parser can be loaded (its model folder is there)."""
    try:
        syntax.load_parser()
    except Exception:  # noqa: BLE001 - PipelineNotFound, or spaCy missing: rules only
        return False
    return True


def syntax_for(text: str) -> "SentenceParses | None":
    """Lazy parses of ``text`` with the bundled parser, or None when it is not installed."""
    return SentenceParses(text) if parser_available() else None


class SentenceParses:
    """Parses of the sentences of one text, made when first asked for and kept.

    ``parser``: a callable from a string to a parsed spaCy Doc with UD labels (default: the bundled
    parser, :func:`annotator.nlp.syntax.load_parser`)."""

    def __init__(self, text: str, parser: Callable[[str], "Doc"] | None = None, *, on_demand: bool = True) -> None:
        self.text = text
        self.on_demand = on_demand  # False: only what was prepared (:meth:`prepare`) is read, nothing more parsed
        self._parser = parser
        self._ends: list[int] | None = None
        self._docs: list[tuple[int, int, Any]] = []  # (start, end, Doc) windows parsed so far
        self._roles: dict[int, Roles | None] = {}
        self.parsed_chars = 0

    # -- parsing ------------------------------------------------------------------------------------

    def _sentence(self, position: int) -> Range:
        if self._ends is None:
            self._ends = text_sentence_ends(self.text)
        k = bisect_right(self._ends, position)
        start = self._ends[k - 1] if k > 0 else 0
        end = self._ends[k] if k < len(self._ends) else len(self.text)
        while start < position and self.text[start].isspace():
            start += 1
        return start, end

    def _window(self, position: int) -> Range:
        """The part of the sentence of ``position`` that is parsed for it: at most BEFORE
        characters before and AFTER after, cut at words."""
        start, end = self._sentence(position)
        lo, hi = max(start, position - BEFORE), min(end, position + AFTER)
        if lo > start:  # at a word start
            cut = re.search(r"\s", self.text[lo:position])
            lo = lo + cut.end() if cut else lo
        if hi < end:  # at a word end
            cut = [m.start() for m in re.finditer(r"\s", self.text[position:hi])]
            hi = position + cut[-1] if cut else hi
        return lo, hi

    def _covers(self, window: Range, position: int) -> bool:
        start, end = self._sentence(position)
        return window[0] <= max(start, position - _NEED_BEFORE) and min(end, position + _NEED_AFTER) <= window[1] \
            and window[0] <= position < window[1]

    def _parsed(self, position: int) -> tuple[int, Any] | None:
        for start, end, doc in self._docs:
            if self._covers((start, end), position):
                return start, doc
        return None

    def _trimmed_window(self, position: int) -> Range | None:
        start, end = self._window(position)
        while start < end and self.text[start].isspace():
            start += 1
        return (start, end) if start <= position < end else None

    def prepare(self, positions) -> None:
        """Parse the windows around ``positions`` now, together (one batch through the parser
        costs less than a call per window); :meth:`roles` then finds them parsed."""
        prepare_all([(self, positions)], self._parser)

    def _windows_for(self, positions) -> list[Range]:
        """The windows around ``positions`` not parsed yet (overlapping ones merged)."""
        windows: list[Range] = []
        for position in sorted(set(positions)):
            if self._parsed(position) is not None:
                continue
            window = self._trimmed_window(position)
            if window is None:
                continue
            if windows and window[0] < windows[-1][1] and self._sentence(window[0]) == self._sentence(windows[-1][0]):
                windows[-1] = (windows[-1][0], max(windows[-1][1], window[1]))  # one parse for both
            else:
                windows.append(window)
        return windows

    def _add(self, window: Range, doc: Any) -> None:
        self.parsed_chars += window[1] - window[0]
        self._docs.append((window[0], window[1], doc))

    def doc_at(self, position: int) -> tuple[int, Any] | None:
        """The parsed window holding ``position`` and its offset in the text, parsing it if needed."""
        found = self._parsed(position)
        if found is not None:
            return found
        window = self._trimmed_window(position) if self.on_demand else None
        if window is None:
            return None
        start, end = window
        parser = self._parser or syntax.load_parser()
        doc = parser(self.text[start:end])
        self.parsed_chars += end - start
        self._docs.append((start, end, doc))
        return start, doc

    # -- roles --------------------------------------------------------------------------------------

    def roles(self, position: int) -> Roles | None:
        """The arguments of the verb at character ``position`` (an auxiliary, a clitic or a
        negation before it is taken to the verb: "gli ha detto", "non ha detto"); None when no
        verb is there."""
        if position in self._roles:
            return self._roles[position]
        found = self._read(position)
        self._roles[position] = found
        return found

    def _read(self, position: int) -> Roles | None:
        located = self.doc_at(position)
        if located is None:
            return None
        offset, doc = located
        starts = [t.idx for t in doc]
        k = bisect_right(starts, position - offset) - 1
        if k < 0:
            return None
        token = doc[k]
        for _ in range(4):  # "gli", "non", "si", "ha" -> the verb they belong to
            if token.pos_ in ("VERB",) and token.dep_ not in syntax.AUX_DEPS:
                break
            head = token.head
            if head.i == token.i or head.i < token.i or head.i - token.i > 5:
                break
            if token.dep_ in syntax.AUX_DEPS or token.pos_ in ("PRON", "ADV", "AUX", "PART") or \
                    token.dep_.startswith(("expl", "advmod", "iobj", "obj")):
                token = head
                continue
            break
        verb = syntax.predicate(doc, token)
        if verb.pos_ not in ("VERB", "AUX", "NOUN"):
            return None
        args = syntax.arguments(doc, verb)

        def convert(spans) -> tuple[Argument, ...]:
            return tuple(_argument(span, offset) for span in spans)

        return Roles((offset + verb.idx, offset + verb.idx + len(verb.text)), args.passive,
                     convert(args.subjects), convert(args.objects), convert(args.agents),
                     convert(args.recipients))


class Recorder:
    """A parse that knows nothing and notes where it was asked: run a finder with it first to
    learn which verbs it wants parsed (a finder in "fallback" mode asks only where its rules find
    no one), then parse them all in one batch (:func:`prepare_all`)."""

    def __init__(self) -> None:
        self.positions: list[int] = []

    def roles(self, position: int) -> Roles | None:
        self.positions.append(position)
        return None

    def prepare(self, positions) -> None:
        pass


def prepare_all(requests, parser: Callable[[str], "Doc"] | None = None) -> None:
    """Parse, in one batch, the windows that each ``(SentenceParses, positions)`` of
    ``requests`` asks for: one pass of the parser over the sentences of many texts costs much
    less than a call per text (each call has a fixed cost of a few milliseconds)."""
    jobs = [(parses, window) for parses, positions in requests for window in parses._windows_for(positions)]
    if not jobs:
        return
    parser = parser or syntax.load_parser()
    texts = [parses.text[a:b] for parses, (a, b) in jobs]
    pipe = getattr(parser, "pipe", None)
    docs = pipe(texts, batch_size=256) if pipe is not None else (parser(t) for t in texts)
    for (parses, window), doc in zip(jobs, docs):
        parses._add(window, doc)


def _core(token: "Token") -> Range:
    """Token indices [start, end) of the noun phrase of ``token`` without its clauses,
    appositions and coordinated phrases, nor a preposition at its start."""
    members = {token.i}
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in _CLAUSE_DEPS or child.dep_.startswith(("acl", "advcl", "appos", "conj", "parataxis")):
                continue
            if child.dep_ == "case" and child.i < token.i and child.head.i == token.i:
                continue
            members.add(child.i)
            stack.append(child)
    start, end = syntax.contiguous_run(members, token.i)
    doc = token.doc
    while start < token.i and (doc[start].is_punct or doc[start].dep_ == "case"):
        start += 1
    while end > token.i and doc[end].is_punct:
        end -= 1
    return start, end + 1


def _argument(span, offset: int) -> Argument:
    doc = span.doc
    # the head: the token of the name span whose head lies outside it
    head = span.root
    start, end = _core(head)
    phrase = doc[start:end]
    apposition = None
    for child in head.rights:
        if child.dep_.startswith("appos") and child.pos_ == "PROPN":
            name = syntax.name_span(child)
            apposition = (offset + name.start_char, offset + name.end_char)
            break
    return Argument((offset + phrase.start_char, offset + phrase.end_char),
                    (offset + span.start_char, offset + span.end_char), head.pos_, head.lemma_.lower(), apposition)


def is_personal_pronoun(argument: Argument, text: str) -> bool:
    """A personal pronoun ("lui", "egli"): it names no one by itself."""
    return argument.pos == "PRON" and text[argument.head[0]:argument.head[1]].lower() in _PERSONAL
