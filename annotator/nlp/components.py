"""spaCy components of the built-in gazetteer pipeline, registered on first use.

- ``annotator_entity_ruler``: spaCy's EntityRuler, except that token patterns are only tried in
  windows that start at a token able to begin one (a weekday, a month, a digit…). spaCy's Matcher
  otherwise tries every token pattern at every token, which made the date rules the slowest part
  of the pipeline; the matches are the same.
- ``annotator_gazetteer_fixups``: drops a leading context word ("nel 2002" -> "2002", "papa
  Francesco" -> "Francesco"), "Nato" meaning "born", and impossible dates ("45 dicembre").
- ``annotator_dates``: the gazetteer's DATE rules (``resources/gazetteer/date.jsonl``, the same
  patterns and the same fix-ups) as a component of its own, for any pipeline: it adds DATE
  entities where the tokens are not already in an entity and never changes the entities there, so
  ``nlp.add_pipe("annotator_dates")`` after a statistical NER that predicts PER/ORG/LOC adds the
  dates. It keeps nothing of its own when the pipeline is saved: the patterns are read from the
  installed resources when it is created.
- ``customize_tokenizer``: splits "Russia-USA" and glued text ("UcrainaUn").

spaCy is imported inside the functions, like everywhere in ``annotator``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language

ENTITY_RULER = "annotator_entity_ruler"
FIXUPS = "annotator_gazetteer_fixups"
DATES = "annotator_dates"
DATE = "DATE"

# Leading context words dropped from entities of a label: the year patterns need a preposition
# ("nel 2002") but the entity is only the year; "papa Francesco" is the PER "Francesco".
LEADING_CONTEXT = {
    # "alle 15.30" -> "15.30", "alle ore 15" -> "ore 15"
    "DATE": frozenset({"nel", "del", "dal", "al", "entro", "il", "alle", "dalle"}),
    "PER": frozenset({"papa", "pontefice"}),
}
# "Nato a Verona nel 1927": at the start of a sentence or line and before these words, "Nato" is
# the participle "born", not NATO.
BORN_NEXT = frozenset({"a", "ad", "in", "nel", "nella", "nell'", "nell\u2019", "negli", "nei", "il",
                       "lo", "da", "dal", "dalla", "come", "per", "sotto", "tra", "fra", "con", "e",
                       ","})
# Date patterns match digits by shape or length (fast); these checks drop impossible dates.
_NUMERIC_DATE = re.compile(
    r"(0?[1-9]|[12][0-9]|3[01])([./-])(0?[1-9]|1[0-2])\2([0-9]{2}|[0-9]{4})"
    r"|(1[89][0-9]{2}|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
)
_DAY = re.compile(r"(0?[1-9]|[12][0-9]|3[01])[°º]?")
_CLOCK = re.compile(r"([01]?[0-9]|2[0-4])(?:[.:][0-5][0-9])?")
_CLOCK_BEFORE = frozenset({"alle", "dalle", "ore"})
# First-token attributes the window index can test, and the token attribute that holds each.
_INDEXABLE = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "SHAPE": "SHAPE"}


def register() -> None:
    """Register the components with spaCy (once per process; needed before loading a saved copy)."""
    from spacy.language import Language

    if not Language.has_factory(ENTITY_RULER):
        _register_entity_ruler()
    if not Language.has_factory(FIXUPS):
        Language.component(FIXUPS, func=_fixups)
    if not Language.has_factory(DATES):
        Language.factory(DATES, assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
                         func=make_date_finder)


def customize_tokenizer(nlp: "Language") -> None:
    """Split "Russia-USA", "Russia- NATO" and glued sentences ("UcrainaUn") the way names need.

    spaCy's Italian tokenizer already splits hyphens before a lowercase letter and elisions
    ("dell'Ucraina" -> "dell'" "Ucraina"); this adds hyphens before a capital and a lowercase run
    followed by Capital+lowercase (text scraped without spaces). Phrase patterns are tokenized by
    the same tokenizer, so "Emilia-Romagna" or "YouTube" still match as a whole.
    """
    from spacy.util import compile_infix_regex, compile_suffix_regex

    lower, upper = "a-zà-öø-ÿ", "A-ZÀ-ÖØ-Þ"
    infixes = list(nlp.Defaults.infixes) + [
        rf"(?<=[{lower}{upper}])[-–](?=[{upper}])",
        rf"(?<=[{lower}]{{2}})(?=[{upper}][{lower}])",
    ]
    suffixes = list(nlp.Defaults.suffixes) + [rf"(?<=[{lower}{upper}]{{2}})-"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


# -- the windowed entity ruler -------------------------------------------------------------------


def _register_entity_ruler() -> None:
    import warnings

    from spacy.language import Language
    from spacy.pipeline.entityruler import EntityRuler

    class WindowedEntityRuler(EntityRuler):
        """An EntityRuler whose token patterns are only tried where one can start."""

        _index: Any = None
        _index_key: Any = None

        def match(self, doc):  # type: ignore[no-untyped-def]
            self._require_patterns()
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="\\[W036")
                matches = self._token_matches(doc) + list(self.phrase_matcher(doc))
            final = {(m_id, start, end) for m_id, start, end in matches if start != end}
            return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

        def _token_matches(self, doc) -> list:  # type: ignore[no-untyped-def]
            if not len(self.matcher):
                return []
            return windowed_matches(self.matcher, self._window_index(), doc)

        def _window_index(self):  # type: ignore[no-untyped-def]
            key = sum(len(p) for p in self.token_patterns.values())
            if key != self._index_key:
                self._index = _build_window_index(self.nlp.vocab, self.token_patterns)
                self._index_key = key
            return self._index

    @Language.factory(
        ENTITY_RULER,
        assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
        default_config={
            "phrase_matcher_attr": None,
            "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
            "validate": False,
            "overwrite_ents": False,
            "ent_id_sep": "||",
            "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"},
        },
        default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
    )
    def make_entity_ruler(nlp, name, phrase_matcher_attr, matcher_fuzzy_compare, validate,
                          overwrite_ents, ent_id_sep, scorer):  # type: ignore[no-untyped-def]
        return WindowedEntityRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr,
                                   matcher_fuzzy_compare=matcher_fuzzy_compare, validate=validate,
                                   overwrite_ents=overwrite_ents, ent_id_sep=ent_id_sep,
                                   scorer=scorer)


def windowed_matches(matcher, index, doc) -> list:  # type: ignore[no-untyped-def]
    """``matcher(doc)`` tried only in windows that start where a pattern can (see
    ``_build_window_index``; None tries everywhere). Same matches, much faster on news text."""
    import numpy

    if index is None or len(doc) == 0:  # some pattern can start anywhere
        return list(matcher(doc))
    columns, values, width = index
    table = doc.to_array(columns).reshape(len(doc), len(columns)).astype(numpy.uint64)
    hit = numpy.zeros(len(doc), dtype=bool)
    for column, wanted in enumerate(values):
        if len(wanted):
            hit |= numpy.isin(table[:, column], wanted)
    matches = []
    start = end = -1
    for i in numpy.flatnonzero(hit).tolist():
        if i > end:  # a new window; run the previous one
            if end > start:
                matches.extend(_window(matcher, doc, start, end))
            start = i
        end = min(len(doc), i + width)
    if end > start:
        matches.extend(_window(matcher, doc, start, end))
    return matches


def _window(matcher, doc, start: int, end: int) -> list:  # type: ignore[no-untyped-def]
    return [(m_id, start + s, start + e) for m_id, s, e in matcher(doc[start:end])]


def _build_window_index(vocab, token_patterns):  # type: ignore[no-untyped-def]
    """(attribute ids, hashes per attribute, longest pattern) or None when a window can't tell.

    A pattern can be indexed when its first token is required and tests ORTH/TEXT/LOWER/NORM/SHAPE
    for equality or membership (``IN``), or IS_DIGIT; and when it has no ``+``/``*`` operator.
    """
    import numpy
    from spacy.attrs import IDS

    wanted: dict[str, set[int]] = {attr: set() for attr in set(_INDEXABLE.values())}
    digit = False
    width = 1
    for patterns in token_patterns.values():
        for pattern in patterns:
            if any(t.get("OP", "1") not in ("1", "!", "?") for t in pattern):
                return None
            width = max(width, len(pattern))
            first = pattern[0]
            if first.get("OP", "1") != "1":
                return None
            for key, value in first.items():
                attr = _INDEXABLE.get(key.upper())
                if attr and isinstance(value, str):
                    wanted[attr].add(vocab.strings.add(value))
                    break
                if attr and isinstance(value, dict) and set(value) == {"IN"}:
                    wanted[attr].update(vocab.strings.add(v) for v in value["IN"])
                    break
                if key.upper() == "IS_DIGIT" and value is True:
                    digit = True
                    break
            else:
                return None
    attrs = sorted(a for a, hashes in wanted.items() if hashes)
    columns = [IDS[a] for a in attrs]
    values = [numpy.array(sorted(wanted[a]), dtype=numpy.uint64) for a in attrs]
    if digit:
        columns.append(IDS["IS_DIGIT"])
        values.append(numpy.array([1], dtype=numpy.uint64))
    return columns, values, width


# -- fix-ups after the ruler ---------------------------------------------------------------------


def _fixups(doc):  # type: ignore[no-untyped-def]
    from spacy.tokens import Span

    ents = []
    changed = False
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent.text == "Nato" and _born(doc, ent.start):
            changed = True
            continue
        start = _without_leading_context(doc, ent.start, ent.end, ent.label_)
        if start != ent.start:
            ent = Span(doc, start, ent.end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id)
            changed = True
        if ent.label_ == DATE and not _possible_date(ent):
            changed = True
            continue
        ents.append(ent)
    if changed:
        doc.ents = ents
    return doc


def _without_leading_context(doc, start: int, end: int, label: str) -> int:  # type: ignore[no-untyped-def]
    """The start of ``doc[start:end]`` past its leading context words ("nel" of "nel 2002")."""
    context = LEADING_CONTEXT.get(label, ())
    while start < end - 1 and doc[start].lower_ in context:
        start += 1
    return start


def _born(doc, i: int) -> bool:  # type: ignore[no-untyped-def]
    """``doc[i]`` ("Nato") opens a sentence or a line and a preposition follows: "born"."""
    line_start = i == 0 or doc[i].is_sent_start or "\n" in doc[i - 1].text_with_ws
    return line_start and i + 1 < len(doc) and doc[i + 1].lower_ in BORN_NEXT


def _possible_date(ent) -> bool:  # type: ignore[no-untyped-def]
    """False for "45 dicembre", "31.13.2021", "2021-13-45", "alle 25.70": digits the patterns let
    through. ``ent`` is the entity without its leading context ("15.30" of "alle 15.30")."""
    last = ent[-1]
    if last.i > 0 and ent.doc[last.i - 1].lower_ in _CLOCK_BEFORE:  # "alle 15.30", "ore 9"
        return _CLOCK.fullmatch(last.text) is not None
    text = ent.text
    if text[:1].isdigit() and not any(ch.isalpha() for ch in text):
        return text.isdigit() or _NUMERIC_DATE.fullmatch(text.replace(" ", "")) is not None
    first = ent[0].text
    return not first[:1].isdigit() or _DAY.fullmatch(first) is not None


# -- the date component --------------------------------------------------------------------------


def date_token_patterns(directory: Any = None) -> list[list[dict[str, Any]]]:
    """The DATE token patterns of the gazetteer files (``resources/gazetteer`` unless ``directory``)."""
    from annotator.nlp.pipeline import gazetteer_patterns

    return [p["pattern"] for p in gazetteer_patterns(directory)
            if p["label"] == DATE and isinstance(p["pattern"], list)]


def make_date_finder(nlp, name: str) -> "DateFinder":  # type: ignore[no-untyped-def]
    """The ``annotator_dates`` factory (also fit for a ``spacy_factories`` entry point)."""
    return DateFinder(nlp.vocab)


class DateFinder:
    """The ``annotator_dates`` component: the gazetteer's DATE rules, adding to ``doc.ents``.

    A match is kept when none of its tokens is in an entity already there (a model's PER "Martedì"
    stays a PER); overlapping matches are settled like the gazetteer's ruler (the longest, then the
    leftmost, wins), then the leading context is dropped and impossible dates are left out.
    """

    def __init__(self, vocab: Any, patterns: list[list[dict[str, Any]]] | None = None) -> None:
        from spacy.matcher import Matcher

        patterns = date_token_patterns() if patterns is None else patterns
        self.matcher = Matcher(vocab, validate=False)
        self.matcher.add(DATE, patterns)
        self.index = _build_window_index(vocab, {DATE: patterns})

    def __call__(self, doc):  # type: ignore[no-untyped-def]
        found = self.find(doc)
        if found:
            doc.set_ents(found, default="unmodified")
        return doc

    def find(self, doc) -> list:  # type: ignore[no-untyped-def]
        """The new DATE spans of ``doc`` (``doc`` itself is not changed)."""
        from spacy.tokens import Span

        matches = sorted({(s, e) for _, s, e in windowed_matches(self.matcher, self.index, doc) if s < e},
                         key=lambda m: (m[1] - m[0], -m[0]), reverse=True)
        if not matches:
            return []
        taken = bytearray(len(doc))
        for ent in doc.ents:
            taken[ent.start:ent.end] = b"\x01" * len(ent)
        found = []
        for start, end in matches:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            span = Span(doc, _without_leading_context(doc, start, end, DATE), end, label=DATE)
            if _possible_date(span):
                found.append(span)
        return found
