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
from .quote_marks import quoted_segments, sentence_ends

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["Argument", "Roles", "SentenceParses", "SyntaxRoles", "is_personal_pronoun", "parser_available",
           "syntax_for"]

Range = tuple[int, int]
_WINDOW = 300  # characters each side of the offset when a sentence is longer than 2 * _WINDOW
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

    def __init__(self, text: str, parser: Callable[[str], "Doc"] | None = None) -> None:
        self.text = text
        self._parser = parser
        self._ends: list[int] | None = None
        self._docs: list[tuple[int, int, Any]] = []  # (start, end, Doc) windows parsed so far
        self._roles: dict[int, Roles | None] = {}
        self.parsed_chars = 0

    # -- parsing ------------------------------------------------------------------------------------

    def _window(self, position: int) -> Range:
        if self._ends is None:
            self._ends = sentence_ends(self.text, quoted_segments(self.text))
        k = bisect_right(self._ends, position)
        start = self._ends[k - 1] if k > 0 else 0
        end = self._ends[k] if k < len(self._ends) else len(self.text)
        if end - start > 2 * _WINDOW:
            lo, hi = max(start, position - _WINDOW), min(end, position + _WINDOW)
            if lo > start:  # start after a clause break, else at a word
                cut = re.search(r"[.;:»”]\s+|,\s+|\s", self.text[lo:position])
                lo = lo + cut.end() if cut else lo
            if hi < end:
                cut = [m.start() for m in re.finditer(r"[.;:«“]|\s", self.text[position:hi])]
                hi = position + cut[-1] if cut else hi
            start, end = lo, hi
        return start, end

    def doc_at(self, position: int) -> tuple[int, Any] | None:
        """The parsed window holding ``position`` and its offset in the text, parsing it if needed."""
        for start, end, doc in self._docs:
            if start <= position < end:
                return start, doc
        start, end = self._window(position)
        while start < end and self.text[start].isspace():
            start += 1
        if not start <= position < end:
            return None
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
    start = end = token.i
    while start - 1 in members:
        start -= 1
    while end + 1 in members:
        end += 1
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
