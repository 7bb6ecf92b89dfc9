"""A project's own additions to the event-trigger and reporting-verb lexicons, learned as people code.

When an annotator codes an event on a trigger the lexicon does not know ("sgominata" → COERCE arrest),
or a quotation whose cue verb it does not know ("ha puntato il dito"), the project learns it: the
overlay holds these entries, the suggesters read the bundled lexicon plus the overlay, and articles no
one has touched yet are suggested again. The overlay is plain JSON kept in the project's settings
(``annotator lexicon`` lists, adds and removes entries; the app shows it under Tools > Project lexicon).

A learned word is stored the way the lexicon files write it, so it is matched in every usual form:
a verb by its infinitive, guessed from the form coded ("sgominata" → "sgominare", checked by
conjugating it back), a noun with its plural or singular ("retata" → "retata|retate"), several
words as a phrase. Plain Python.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

from .events import NOT_AN_EVENT, EventLexicon, _Rule, _trigger_words
from .quote_lexicon import QuoteLexicon, verb_forms

__all__ = ["LearnedCue", "LearnedTrigger", "LexiconOverlay", "OverlayError", "guess_infinitive",
           "learn_cue", "learn_trigger"]

_WORD = re.compile(r"\w+(?:-\w+)?", re.UNICODE)
_AUXILIARIES = frozenset("""ha hanno aveva avevano avrebbe avrebbero avrà abbia abbiano avesse avessero è
    sono era erano sarebbe sarebbero sia siano fosse fossero stato stata stati state viene vengono venne
    si gli le lo la l ci mi ti vi ne poi anche già non""".split())
_ENDINGS = (  # form ending → infinitive ending, tried in order; each guess is checked by conjugating it
    ("ato", "are"), ("ata", "are"), ("ati", "are"), ("ate", "are"), ("ando", "are"), ("ò", "are"),
    ("arono", "are"), ("ava", "are"), ("avano", "are"), ("ano", "are"),
    ("ito", "ire"), ("ita", "ire"), ("iti", "ire"), ("ite", "ire"), ("ì", "ire"), ("irono", "ire"),
    ("isce", "ire"), ("iscono", "ire"), ("iva", "ire"),
    ("sciuto", "scere"), ("sciuta", "scere"), ("sciuti", "scere"), ("sciute", "scere"),  # "riconosciuto"
    ("uto", "ere"), ("uta", "ere"), ("uti", "ere"), ("ute", "ere"), ("endo", "ere"), ("eva", "ere"),
    ("ono", "ere"), ("are", "are"), ("ere", "ere"), ("ire", "ire"),
)
# A present in -a or -e is too often a noun ("pena", "condizione", "violenze") to be guessed as a
# verb: no ending above turns it into one (learn_trigger then keeps only irregular participles).
# Verbs too general to mean an event alone ("è entrato", "ha confermato", "ha stabilito"): the
# annotator's event lies in what goes with them, so they are not learned as triggers.
_GENERAL_VERBS = frozenset("""essere avere fare dare stare andare venire entrare uscire mettere prendere
    portare confermare stabilire attivare dire rimanere restare tornare arrivare passare lasciare
    tenere vedere trovare sentire dirigere giungere aprire chiudere riconoscere rendere
    volere potere dovere sapere iniziare cominciare finire continuare decidere seguire""".split())
_DETERMINERS = frozenset("""il lo la l i gli le un uno una un' del dello della dell dei degli delle nel nello
    nella nell nei negli nelle al allo alla all ai agli alle dal dallo dalla dall dai dagli dalle sul
    sullo sulla sull sui sugli sulle questo questa questi queste quel quello quella nuovo nuova nuovi
    nuove ennesimo ennesima""".split())
_VERB_LOOKING = ("ato", "ata", "ati", "ate", "ito", "ita", "iti", "ite", "uto", "uta", "uti", "ute",
                 "ando", "endo", "ò", "ì", "are", "ere", "ire", "arono", "irono", "erono")


class OverlayError(ValueError):
    """A stored overlay that cannot be read; the message says what to do."""


@dataclass(frozen=True, slots=True)
class LearnedTrigger:
    """An event trigger the project learned: words as the lexicon writes them, type, mode, kind."""

    words: str
    type: str
    mode: str | None
    kind: str  # verb (words is the infinitive), noun (forms joined by |), phrase
    example: str = ""  # the words as they were coded
    annotator: str = ""


@dataclass(frozen=True, slots=True)
class LearnedCue:
    """A reporting verb (infinitive) or expression the project learned for the quotation finder."""

    words: str
    kind: str  # verb or phrase
    example: str = ""
    annotator: str = ""


@dataclass(frozen=True, slots=True)
class LexiconOverlay:
    """What a project adds to the bundled lexicons."""

    triggers: tuple[LearnedTrigger, ...] = ()
    cues: tuple[LearnedCue, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.triggers or self.cues)

    def with_trigger(self, trigger: LearnedTrigger) -> "LexiconOverlay":
        kept = tuple(t for t in self.triggers if (t.words, t.kind) != (trigger.words, trigger.kind))
        return replace(self, triggers=(*kept, trigger))

    def with_cue(self, cue: LearnedCue) -> "LexiconOverlay":
        kept = tuple(c for c in self.cues if (c.words, c.kind) != (cue.words, cue.kind))
        return replace(self, cues=(*kept, cue))

    def without(self, words: str) -> "LexiconOverlay":
        """The overlay with every entry of ``words`` (a trigger's or a cue's) removed."""
        return LexiconOverlay(tuple(t for t in self.triggers if t.words != words),
                              tuple(c for c in self.cues if c.words != words))

    # -- reading and writing ---------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps({"triggers": [asdict(t) for t in self.triggers], "cues": [asdict(c) for c in self.cues]},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> "LexiconOverlay":
        """The overlay of a stored setting (empty for None). RAISES OverlayError."""
        if not text:
            return cls()
        try:
            data = json.loads(text)
            triggers = tuple(LearnedTrigger(**_fields(t, LearnedTrigger)) for t in data.get("triggers", ()))
            cues = tuple(LearnedCue(**_fields(c, LearnedCue)) for c in data.get("cues", ()))
        except (json.JSONDecodeError, TypeError, AttributeError) as err:
            raise OverlayError(f"the project's learned lexicon is not readable ({err}); "
                               "clear it with 'annotator lexicon clear'") from None
        for entry in (*triggers, *cues):
            if not all(isinstance(v, str) or (v is None and k == "mode") for k, v in asdict(entry).items()):
                raise OverlayError("the learned lexicon holds an entry whose fields are not text; "
                                   "clear it with 'annotator lexicon clear'")
        for cue in cues:
            if cue.kind not in ("verb", "phrase") or not cue.words.strip():
                raise OverlayError(f"the learned reporting verb {cue.words!r} has kind {cue.kind!r}; "
                                   "remove it with 'annotator lexicon remove'")
        for trigger in triggers:
            if trigger.kind not in ("verb", "noun", "phrase") or not trigger.words.strip():
                raise OverlayError(f"the learned trigger {trigger.words!r} has kind {trigger.kind!r}; "
                                   "remove it with 'annotator lexicon remove'")
        return cls(triggers, cues)

    # -- applied to the lexicons -----------------------------------------------------------------

    def event_lexicon(self, base: EventLexicon, known_types: Iterable[str] | None = None) -> EventLexicon:
        """``base`` with the learned triggers; the bundled rules come first for a word both know.
        Triggers of a type ``known_types`` lacks (the schema changed) are left out."""
        if not self.triggers:
            return base
        allowed = set(known_types) if known_types is not None else None
        rules = {k: list(v) for k, v in base.rules.items()}
        for trigger in self.triggers:
            if allowed is not None and trigger.type not in allowed:
                continue
            ambiguous = _present_singular(trigger.words) if trigger.kind == "verb" else ()
            for words in _trigger_words(trigger.words, trigger.kind, listed=False):
                if words and words not in ambiguous:
                    kept = [r for r in rules.get(words[0], []) if not (r.type == NOT_AN_EVENT and r.words == words)]
                    rules[words[0]] = kept + [_Rule(words, trigger.type, trigger.mode)]  # the project's word wins
        return replace(base, rules={k: tuple(sorted(v, key=lambda r: -len(r.words))) for k, v in rules.items()})

    def quote_lexicon(self, base: QuoteLexicon) -> QuoteLexicon:
        """``base`` with the learned reporting verbs and verb expressions."""
        if not self.cues:
            return base
        forms = dict(base.verb_forms)
        phrases = list(base.verb_phrases)
        for cue in self.cues:
            if cue.kind == "verb":
                for form in verb_forms(cue.words):
                    forms.setdefault(form, cue.words)
            else:
                phrases.append(tuple(_WORD.findall(cue.words.lower())))
        return replace(base, verb_forms=forms, verb_phrases=tuple(sorted(set(phrases), key=len, reverse=True)))


def guess_infinitive(form: str) -> str | None:
    """The infinitive whose regular forms include ``form`` ("sgominata" → "sgominare"), or None."""
    word = form.lower()
    for ending, infinitive_ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            candidate = word[: len(word) - len(ending)] + infinitive_ending
            if word in verb_forms(candidate):
                return candidate
    return None


def learn_trigger(base: EventLexicon, words_coded: str, type_: str, mode: str | None,
                  annotator: str = "", *, word_before: str = "") -> LearnedTrigger | None:
    """The entry to learn from an event coded on ``words_coded``, or None when the lexicon (with
    ``base``'s rules) already suggests something there or the words are no trigger at all.
    ``word_before`` (the word in front of the trigger in the text) tells a noun ("una retata")
    from a participle ("ha sgominato")."""
    words = tuple(w.lower() for w in _WORD.findall(words_coded))
    while len(words) > 1 and words[0] in _AUXILIARIES:
        words = words[1:]
    if not words or len(words) > 4 or _known_trigger(base, words):
        return None
    example = " ".join(words)
    if len(words) == 1:
        word = words[0]
        if len(word) < 3 or word.isdigit():
            return None
        noun = word_before.lower() in _DETERMINERS
        infinitive = guess_infinitive(word) if not noun else None
        if infinitive in _GENERAL_VERBS:
            return None
        if infinitive is not None:
            return LearnedTrigger(infinitive, type_, mode, "verb", example, annotator)
        if not noun:  # an irregular participle ("espulso", "offerto"): that form only
            if not re.search(r"(?:s|t)[oaie]$", word):
                return None  # "estraneo", "pena", "violenze" alone: the event lies in the words around
            return LearnedTrigger(word, type_, mode, "noun", example, annotator)
        return LearnedTrigger("|".join(_noun_forms(word)), type_, mode, "noun", example, annotator)
    return LearnedTrigger(example, type_, mode, "phrase", example, annotator)


def learn_cue(base: QuoteLexicon, words_coded: str, annotator: str = "") -> LearnedCue | None:
    """The reporting verb or expression to learn from a quotation's cue, or None when the finder
    knows it already (or the cue is punctuation: a colon, a dash)."""
    words = [w.lower() for w in _WORD.findall(words_coded)]
    words = [w for w in words if not w.endswith("mente")] or words  # "abbiano erroneamente definito"
    while words and words[0] in _AUXILIARIES:
        words = words[1:]
    if not words or len(words) > 4:
        return None
    if words[0] in base.verb_forms or tuple(words) in base.verb_phrases or \
            any(tuple(words[:len(p)]) == p for p in base.source_phrases):  # "secondo quanto riportato"
        return None
    example = " ".join(words)
    if len(words) == 1:
        infinitive = guess_infinitive(words[0])
        return LearnedCue(infinitive, "verb", example, annotator) if infinitive and \
            infinitive not in _GENERAL_VERBS else None
    return LearnedCue(example, "phrase", example, annotator)


def _present_singular(infinitive: str) -> tuple[tuple[str, ...], ...]:
    """The present third singular of a learned verb, left out of its forms: it is often a noun
    ("domandare" → "la domanda", "condannare" → "la condanna") and one coded event says nothing
    of that noun."""
    stem, ending = infinitive[:-3], infinitive[-3:]
    if ending == "are":
        return ((stem + "a",),)
    if ending in ("ere", "ire"):
        return ((stem + "e",),)
    return ()


def _known_trigger(base: EventLexicon, words: tuple[str, ...]) -> bool:
    """Whether a rule of ``base`` already suggests an event on these words (a line saying they
    name no event, type "-", does not: an annotator who codes them teaches otherwise)."""
    return any(rule.words == words[: len(rule.words)] and rule.type != NOT_AN_EVENT
               for rule in base.rules.get(words[0], ()))


def _noun_forms(word: str) -> list[str]:
    """A noun and its other number: retata|retate, arresto|arresti, blitz."""
    others = {"o": "i", "a": "e", "e": "i", "i": "o"}
    forms = [word]
    if word[-1] in others and not word.endswith("ione"):
        forms.append(word[:-1] + others[word[-1]])
    elif word.endswith("ione"):
        forms.append(word[:-1] + "i")
    elif word.endswith("ioni"):
        forms.append(word[:-1] + "e")
    return forms


def _fields(item: Any, kind: type) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise TypeError(f"an entry is {type(item).__name__}, not an object")
    names = set(kind.__dataclass_fields__)  # type: ignore[attr-defined]
    return {k: v for k, v in item.items() if k in names}
