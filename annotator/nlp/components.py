"""spaCy components of the built-in gazetteer pipeline, registered on first use.

- ``annotator_entity_ruler``: spaCy's EntityRuler, except that token patterns are only tried in
  windows that start at a token able to begin one (a weekday, a month, a digit…). spaCy's Matcher
  otherwise tries every token pattern at every token, which made the date rules the slowest part
  of the pipeline; the matches are the same.
- ``annotator_gazetteer_fixups``: drops a leading context word ("nel 2002" -> "2002", "papa
  Francesco" -> "Francesco"), "Nato" meaning "born", and impossible dates ("45 dicembre").
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

# Leading context words dropped from entities of a label: the year patterns need a preposition
# ("nel 2002") but the entity is only the year; "papa Francesco" is the PER "Francesco".
LEADING_CONTEXT = {
    "DATE": frozenset({"nel", "del", "dal", "al", "entro", "il"}),
    "PER": frozenset({"papa", "pontefice"}),
}
# "Nato a Verona nel 1927": at the start of a sentence or line and before these words, "Nato" is
# the participle "born", not NATO.
BORN_NEXT = frozenset({"a", "ad", "in", "nel", "nella", "nell'", "nell\u2019", "negli", "nei", "il",
                       "lo", "da", "dal", "dalla", "come", "per", "sotto", "tra", "fra", "con", "e",
                       ","})
# Date patterns match digits by shape or length (fast); these checks drop impossible dates.
_NUMERIC_DATE = re.compile(
    r"(0?[1-9]|[12][0-9]|3[01])([./])(0?[1-9]|1[0-2])\2([0-9]{2}|[0-9]{4})"
    r"|(1[89][0-9]{2}|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
)
_DAY = re.compile(r"(0?[1-9]|[12][0-9]|3[01])[°º]?")
# First-token attributes the window index can test, and the token attribute that holds each.
_INDEXABLE = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "SHAPE": "SHAPE"}


def register() -> None:
    """Register the components with spaCy (once per process; needed before loading a saved copy)."""
    from spacy.language import Language

    if Language.has_factory(ENTITY_RULER):
        return
    _register_entity_ruler()
    Language.component(FIXUPS, func=_fixups)


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

    import numpy
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
            index = self._window_index()
            if index is None or len(doc) == 0:  # some pattern can start anywhere
                return list(self.matcher(doc))
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
                        matches.extend(self._window(doc, start, end))
                    start = i
                end = min(len(doc), i + width)
            if end > start:
                matches.extend(self._window(doc, start, end))
            return matches

        def _window(self, doc, start: int, end: int) -> list:  # type: ignore[no-untyped-def]
            return [(m_id, start + s, start + e) for m_id, s, e in self.matcher(doc[start:end])]

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
        if (ent.label_ == "ORG" and ent.text == "Nato" and _born(doc, ent.start)) or (
            ent.label_ == "DATE" and not _possible_date(ent)
        ):
            changed = True
            continue
        start = ent.start
        context = LEADING_CONTEXT.get(ent.label_, ())
        while start < ent.end - 1 and doc[start].lower_ in context:
            start += 1
        if start != ent.start:
            ent = Span(doc, start, ent.end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id)
            changed = True
        ents.append(ent)
    if changed:
        doc.ents = ents
    return doc


def _born(doc, i: int) -> bool:  # type: ignore[no-untyped-def]
    """``doc[i]`` ("Nato") opens a sentence or a line and a preposition follows: "born"."""
    line_start = i == 0 or doc[i].is_sent_start or "\n" in doc[i - 1].text_with_ws
    return line_start and i + 1 < len(doc) and doc[i + 1].lower_ in BORN_NEXT


def _possible_date(ent) -> bool:  # type: ignore[no-untyped-def]
    """False for "45 dicembre", "31.13.2021", "2021-13-45": digits the patterns let through."""
    text = ent.text
    if text[:1].isdigit() and not any(ch.isalpha() for ch in text):
        return text.isdigit() or _NUMERIC_DATE.fullmatch(text.replace(" ", "")) is not None
    first = ent[0].text
    return not first[:1].isdigit() or _DAY.fullmatch(first) is not None
