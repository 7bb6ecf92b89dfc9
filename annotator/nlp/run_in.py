"""Headlines run into their article's text, as a text with no line breaks leaves them.

A builder that joins sentences with spaces, or a scraper that drops the page's layout, leaves
"…il premio. Microsoft critica Google sul copyright Alcuni funzionari del gigante del software hanno
constatato…": no mark says where the headline ends and the article starts. The words give it away.
A sentence-opening word (an article, a pronoun, an auxiliary, "Dopo", "Ieri"…) capitalised in the
middle of a sentence, before a lower-case word, after a word that no sentence puts last (not "di",
not "il"), and after a short run of words since the last sentence's end: there a sentence starts
and the short run was a headline (or a caption). Titles of works are the exception the rule keeps
out: "il romanzo Il nome della rosa", "tra cui Il profumo".

Sentence ends (:mod:`annotator.nlp.quote_marks`) and the article boundaries coreference reads
(:mod:`annotator.nlp.coreference`) both take these starts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

__all__ = ["run_in_headlines", "run_in_starts"]

# words that open a sentence and, capitalised, open no name ("Il", not "La" of "La Stampa": the
# word after must be lower case); Italian writes the days and the months in lower case elsewhere
_OPENING_WORDS = frozenset("""
il lo la gli le un uno una l un dell all nell dall sull
dopo nel nella nei negli nelle nello alla al ai agli alle allo dal dalla dai dagli dalle dallo
per con sul sulla sui sugli sulle tra fra in secondo durante nonostante
questo questa questi queste quello quella quelli quelle egli ella essa esso essi lui lei loro ci si ne
ma anche ieri oggi domani stamattina stamani stanotte stasera intanto inoltre tuttavia poi così proprio ecco
quando mentre dove già
sono hanno ha è era erano sarà saranno fu furono
alcuni alcune molti molte tutti tutte nessuno circa oltre almeno
lunedì martedì mercoledì giovedì venerdì sabato domenica
gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre""".split())
# words no headline ends with: after them the capitalised word is a title or a name ("di La
# Repubblica", "tra cui Il profumo", "la sua canzone più nota resta Una lunga storia d'amore")
_NEVER_LAST = frozenset("""
di a da in con su per tra fra il lo la i gli le un uno una e ed o che cui del della dei degli delle dello
al alla ai agli alle dal dalla dai dagli dalle nel nella nei negli nelle sul sulla sui sugli sulle come non
è sono era erano sarà saranno fu furono resta restano rimane rimangono diventa diventano ha hanno""".split())
# nouns a title of a work follows ("il romanzo Il nome della rosa", "la serie Una mamma per amica")
_WORK_NOUNS = frozenset("""
film libro canzone brano album singolo programma trasmissione romanzo racconto opera spettacolo serie
telefilm mostra titolo intitolato intitolata quotidiano giornale settimanale rivista testata emittente
periodico mensile""".split())
_HEADLINE_WORDS = range(2, 21)  # how many words a headline run into the text has
_LOOK_BACK = 300  # characters read back for a headline's name
_LONGEST_NAME = 100  # characters: a longer row of capitalised words is no one name

_CANDIDATE = re.compile(r"(?<=[\w%)\]])[ \t]+([A-ZÀÈÉÌÒÙ][a-zàèéìòù]*)(?=(?:\b[ \t]+|(?<=[Ll])['’]|(?<=[Uu]n)['’])(\w))")
_CAPITALISED = re.compile(r"(?<=[\w%)\]])[ \t]+([A-ZÀ-Ý])")
# a name: capitalised words in a row ("Nicola Mancino"); found left to right, each row is whole
_NAME = re.compile(r"\b[A-ZÀ-Ý]\w*(?:[ \t]+[A-ZÀ-Ý]\w*)*")
_SENTENCE_END = re.compile(r"[.!?…][»”\"]?\s|[»”\"]\s|\n")
_WORD = re.compile(r"\w+")


def run_in_starts(text: str) -> tuple[int, ...]:
    """Where a sentence starts right after a headline run into it, with no punctuation between."""
    return tuple(start for _, start in _run_in(text))


def run_in_headlines(text: str) -> list[tuple[int, int]]:
    """Each headline run into its article's text: where the headline starts and where the text does."""
    return list(_run_in(text))


@lru_cache(maxsize=64)
def _run_in(text: str) -> tuple[tuple[int, int], ...]:
    opening = {m.start(1): m.start() for m in _CANDIDATE.finditer(text)  # "…sul copyright Alcuni funzionari…"
               if m.group(1).lower() in _OPENING_WORDS and m.group(2)[0].islower()}
    named = {m.start(1): m.start() for m in _CAPITALISED.finditer(text)}  # "…del Csm Nicola Mancino è stato…"
    scan = _Scan(text)
    found: list[tuple[int, int]] = []
    for start in sorted(opening.keys() | named.keys()):
        after = found[-1][1] if found else 0  # a headline starts after the last one's text starts
        if start in opening:
            headline = scan.headline_start(opening[start], after)
        else:
            name = _NAME.match(text, start, start + _LONGEST_NAME)
            if name is None or " " not in name.group() or \
                    text.find(name.group().split()[-1], max(after, start - _LOOK_BACK), named[start]) < 0:
                continue
            headline = scan.headline_start(named[start], after)
            if headline is not None and not _said_again(name.group(), list(_NAME.finditer(text, headline, named[start])),
                                                        named[start]):
                continue  # not the headline's name said again as the text opens
        if headline is not None:
            found.append((headline, start))
    return tuple(found)


class _Scan:
    """A text's sentence ends and words, read once (a text of many capitalised words asks for
    the headline before each of them)."""

    def __init__(self, text: str) -> None:
        self.ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        words = list(_WORD.finditer(text))
        self.word_starts = [m.start() for m in words]
        self.words = [m.group().lower() for m in words]

    def headline_start(self, at: int, after: int) -> int | None:
        """Where the headline ending right before ``at`` starts: after the last sentence's end (and
        not before ``after``), two to twenty words back, its last word one that can close a
        headline; None if there is no such headline."""
        last = bisect_left(self.word_starts, at) - 1
        if last < 0 or self.words[last] in _NEVER_LAST or self.words[last] in _WORK_NOUNS or \
                self.words[last].isdigit():
            return None
        k = bisect_right(self.ends, at) - 1
        headline = max(self.ends[k] if k >= 0 else 0, after)
        count = last + 1 - bisect_left(self.word_starts, headline)
        return headline if count in _HEADLINE_WORDS else None


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
