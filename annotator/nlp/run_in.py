"""Headlines run into their article's text, as a text with no line breaks leaves them.

A builder that joins sentences with spaces, or a scraper that drops the page's layout, leaves
"…il premio. Microsoft critica Google sul copyright Alcuni funzionari del gigante del software hanno
constatato…": no mark says where the headline ends and the article starts. The words give it away,
after a short run of words since the last sentence's end (the headline) whose last word is one
that can close a headline (not "di", not "il", not "è"):

- a sentence-opening word (an article, a pronoun, an auxiliary, "Dopo", "Ieri", "Giovedì"…)
  capitalised in the middle of a sentence, before a lower-case word;
- the headline's name said again as the text opens ("…del Csm Nicola Mancino è stato eletto",
  "Veltroni risponde a Parisi Arturo Parisi, …");
- two people named in a row, when the caller knows where the text names people ("…il presidente
  Donald Trump Joe Biden risponde…"): no sentence names two people without a comma or an "e".

Titles of works are the exception the first rule keeps out: "il romanzo Il nome della rosa",
"tra cui Il profumo"; so is a surname's particle after a name ("Lucio Dalla sono stati…").
Sentence ends (:mod:`annotator.nlp.quote_marks`, and the quotation finder with its people) and
the article boundaries coreference reads (:mod:`annotator.nlp.coreference`) take these starts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .dates import MONTHS, WEEKDAYS
from .italian_words import ARTICULATED_PREPOSITIONS, DEMONSTRATIVES, QUANTIFIERS

__all__ = ["run_in_ends", "run_in_headlines", "run_in_starts"]

_ARTICLES = frozenset("il lo la gli le un uno una l".split())  # not "i": "Paolo I ha", a numeral
_SURNAME_PARTICLES = frozenset("del della dello dei dal dalla".split())  # "Lucio Dalla", "Alessandro Del Piero"
# words that open a sentence and, capitalised, open no name ("Il", not "La" of "La Stampa": the
# word after must be lower case); Italian writes the days and the months in lower case elsewhere
_OPENING_WORDS = _ARTICLES | ARTICULATED_PREPOSITIONS | DEMONSTRATIVES | QUANTIFIERS | set(MONTHS) | set(WEEKDAYS) | \
    frozenset("""dopo per con tra fra in secondo durante nonostante quelli egli ella essa esso essi lui lei loro
    ci si ne ma anche ieri oggi domani stamattina stamani stanotte stasera intanto inoltre tuttavia poi così
    proprio ecco quando mentre dove già sono hanno ha è era erano sarà saranno fu furono tutti tutte nessuno
    circa oltre almeno""".split())
# words no headline ends with: after them the capitalised word is a title or a name ("di La
# Repubblica", "tra cui Il profumo", "la sua canzone più nota resta Una lunga storia d'amore")
_NEVER_LAST = _ARTICLES | ARTICULATED_PREPOSITIONS | frozenset("""di a da in con su per tra fra i e ed o che cui
    come non è sono era erano sarà saranno fu furono resta restano rimane rimangono diventa diventano ha
    hanno""".split())
# nouns a title of a work follows ("il romanzo Il nome della rosa", "la serie Una mamma per amica")
_WORK_NOUNS = frozenset("""
film libro canzone brano album singolo programma trasmissione romanzo racconto opera spettacolo serie
telefilm mostra titolo intitolato intitolata quotidiano giornale settimanale rivista testata emittente
periodico mensile""".split())
_HEADLINE_WORDS = range(2, 21)  # how many words a headline run into the text has
_LOOK_BACK = 300  # characters: the longest headline, and how far back its name is looked for
_LONGEST_NAME = 100  # characters: a longer row of capitalised words is no one name

# a capitalised word after a space (the word before is checked apart: a pattern that opens on a
# look-behind is tried at every character, three times slower on news)
_CANDIDATE = re.compile(r"[ \t]([A-ZÀÈÉÌÒÙ][a-zàèéìòù]*)(?=(?:\b[ \t]+|(?<=[Ll])['’]|(?<=[Uu]n)['’])(\w))")
_CAPITALISED = re.compile(r"[ \t](?=([A-ZÀ-Ý]\w*[ \t]+[A-ZÀ-Ý]))")  # two capitalised words or more
# a name: capitalised words in a row ("Nicola Mancino"); found left to right, each row is whole
_NAME = re.compile(r"\b[A-ZÀ-Ý]\w*(?:[ \t]+[A-ZÀ-Ý]\w*)*")
_SENTENCE_END = re.compile(r"[.!?…][»”\"]?\s|[»”\"]\s|\n")
_WORD = re.compile(r"\w+")
_WORD_BEFORE = re.compile(r"(\w+)[ \t]+$")


def run_in_starts(text: str, persons: Sequence[tuple[int, int]] = ()) -> tuple[int, ...]:
    """Where a sentence starts right after a headline run into it, with no punctuation between
    (``persons``: where the text names people, as (start, end), for two names in a row)."""
    return tuple(start for _, start in _run_in(text, tuple(persons)))


def run_in_ends(text: str, persons: Sequence[tuple[int, int]] = ()) -> tuple[int, ...]:
    """Where each run-in headline ends: its last character's end, before the spaces."""
    ends = []
    for start in run_in_starts(text, persons):
        end = start
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        ends.append(end)
    return tuple(ends)


def run_in_headlines(text: str, persons: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Each headline run into its article's text: where the headline starts and where the text does."""
    return list(_run_in(text, tuple(persons)))


def _run_in(text: str, persons: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    persons = tuple(sorted(persons))
    adjacent = tuple((a[1], b[0]) for a, b in zip(persons, persons[1:])  # "…il presidente Donald Trump Joe Biden…"
                     if a[1] < b[0] and not text[a[1]:b[0]].strip(" \t"))
    return _run_in_with(text, adjacent)


@lru_cache(maxsize=64)
def _run_in_with(text: str, people_in_a_row: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    opening = _after_words(text, (m for m in _CANDIDATE.finditer(text) if _opens_a_sentence(text, m)))  # "…copyright Alcuni…"
    named = _after_words(text, _CAPITALISED.finditer(text))  # "…del Csm Nicola Mancino…"
    adjacent = {start: end for end, start in people_in_a_row}  # "…il presidente Donald Trump Joe Biden…"
    scan = _Scan(text)
    found: list[tuple[int, int]] = []
    for start in sorted(opening.keys() | named.keys() | adjacent.keys()):
        after = found[-1][1] if found else 0  # a headline starts after the last one's text starts
        if start in opening or start in adjacent:  # no sentence names two people in a row
            headline = scan.headline_start(opening.get(start, adjacent.get(start, start)), after)
        else:
            headline = _named_again(text, scan, start, named[start], after)
        if headline is not None:
            found.append((headline, start))
    return tuple(found)


def _opens_a_sentence(text: str, match: re.Match[str]) -> bool:
    """A capitalised sentence-opening word before a lower-case one, not a surname's particle."""
    word = match.group(1).lower()
    return word in _OPENING_WORDS and match.group(2)[0].islower() and \
        not (word in _SURNAME_PARTICLES and _after_a_name(text, match.start()))


def _after_words(text: str, matches: Iterable[re.Match[str]]) -> dict[int, int]:
    """For each candidate standing after a word: where its capital is -> where the spaces before it start."""
    found: dict[int, int] = {}
    for match in matches:
        at = _after_word(text, match.start())
        if at is not None:
            found[match.start(1)] = at
    return found


def _named_again(text: str, scan: _Scan, start: int, at: int, after: int) -> int | None:
    """The start of the headline before ``at`` when the name opening at ``start`` is the one that
    headline gave ("…del Csm Nicola Mancino è stato eletto"); None otherwise."""
    name = _NAME.match(text, start, start + _LONGEST_NAME)
    if name is None or text.find(name.group().split()[-1], max(after, start - _LOOK_BACK), at) < 0:
        return None  # quickly: the surname is nowhere before
    headline = scan.headline_start(at, after)
    if headline is None or not _said_again(name.group(), list(_NAME.finditer(text, headline, at)), at):
        return None
    return headline


def _after_a_name(text: str, space: int) -> bool:
    """Whether a capitalised word ends right before the spaces that end at ``space``: then a
    capitalised "Dalla", "Del", "Della" after it is a surname's ("Lucio Dalla", "Alessandro Del
    Piero"), not a sentence's first word."""
    before = _WORD_BEFORE.search(text, max(0, space - 40), space + 1)
    return before is not None and before.group(1)[:1].isupper()


def _after_word(text: str, space: int) -> int | None:
    """Where the spaces that end at ``space`` start, when a word (or a number, a closing
    parenthesis) stands right before them; None after punctuation."""
    start = space
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_%)]") else None


class _Scan:
    """A text's sentence ends, read once (a text of many capitalised words asks for the headline
    before each of them); the words of a headline are read where it stands."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.end() for m in _SENTENCE_END.finditer(text)]

    def headline_start(self, at: int, after: int) -> int | None:
        """Where the headline ending right before ``at`` starts: after the last sentence's end (and
        not before ``after``), two to twenty words back, its last word one that can close a
        headline; None if there is no such headline."""
        k = bisect_right(self.ends, at) - 1
        headline = max(self.ends[k] if k >= 0 else 0, after)
        if at - headline > _LOOK_BACK:
            return None  # a run-on stretch, not a headline
        words = _WORD.findall(self.text, headline, at)
        last = words[-1].lower() if words else ""
        if len(words) not in _HEADLINE_WORDS or last in _NEVER_LAST or last in _WORK_NOUNS or last.isdigit():
            return None
        return headline


def _said_again(name: str, headline_names: list[re.Match[str]], headline_end: int) -> bool:
    """Whether a text opening on ``name`` names again whom its headline names: the same name
    ("Nicola Mancino … Nicola Mancino è stato eletto"), or in full the surname that ends the
    headline ("Veltroni risponde a Parisi Arturo Parisi, notoriamente…"; not "il pacchetto
    Bersani, ideato dal ministro Pierluigi Bersani", where a noun stands before the name)."""
    if any(_ends_with(other.group(), name) for other in headline_names):
        return True
    last = headline_names[-1] if headline_names else None
    return last is not None and last.end() == headline_end and _ends_with(last.group(), name.split()[-1])


def _ends_with(row: str, name: str) -> bool:
    """Whether the capitalised words ``row`` end with ``name`` ("Arrestato Mario Rossi": a headline's
    first word is capitalised too)."""
    return row == name or row.endswith(" " + name)
