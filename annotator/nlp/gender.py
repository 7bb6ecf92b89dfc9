"""Grammatical gender of an Italian mention and of a person's name, for coreference.

"lui", "l'uomo", "il padre" do not stand for Francesca Monaldi; "lei", "la deputata" do not stand
for Mario Rossi. Italian shows a mention's gender in its article or pronoun, and most Italian first
names in their ending (-a feminine, -o masculine) with a short list of exceptions ("Andrea",
"Luca", "Michele" are men). A masculine title tells nothing: Italian news often gives women the
masculine one ("il ministro Lamorgese", "il sindaco Raggi"); only a masculine pronoun or a noun of
a man ("l'uomo", "il marito") does. A name or mention whose gender cannot be told agrees with
anything. Plain Python, no lexicon file: the lists are closed and short.
"""

from __future__ import annotations

MASCULINE, FEMININE = "m", "f"

_MASCULINE_ARTICLES = frozenset("""il lo i gli del dello dei degli al allo ai agli dal dallo dai dagli nel
    nello sul sullo""".split())
_MASCULINE_PRONOUNS = frozenset("lui egli esso costui".split())
_FEMININE_WORDS = frozenset("""la le della delle alla alle dalla dalle nella sulla lei ella essa
    costei""".split())
_ELIDED = frozenset("l dell all dall nell sull quest".split())  # "l'uomo": the noun tells
# nouns after "l'" whose ending would mislead, or that name either sex
_MASCULINE_NOUNS = frozenset("""uomo ragazzo padre marito figlio fratello nonno zio signore re principe
    fidanzato compagno""".split())
_FEMININE_NOUNS = frozenset("""donna ragazza madre moglie figlia sorella nonna zia signora regina
    principessa fidanzata compagna""".split())
_EITHER_NOUNS = frozenset("""atleta artista giornalista omicida pianista ciclista tennista
    regista economista analista ambientalista attivista esponente agente interprete vittima
    persona guida star spia sentinella recluta celebrità personalità figura leadership""".split())
_BEFORE_THE_NOUN = frozenset("""ex neo vice nuovo nuova stesso stessa giovane alto alta primo prima
    attuale""".split())

# first names ending in -a borne by men, and names in -e, -i or a consonant of either sex
_MEN_IN_A = frozenset("""andrea luca nicola mattia elia enea battista tobia gianluca giosuè attila
    sasha misha joshua akira ilya nikita gianandrea mustafa osama hamza musa yahya zakaria taha
    alpha""".split())
_MEN_IN_E = frozenset("""michele daniele gabriele emanuele raffaele samuele giuseppe simone cesare
    ettore achille giovanni dante oreste davide felice pasquale salvatore ercole amedeo gioele
    ismaele vitale""".split())
_WOMEN_IN_E = frozenset("""adele beatrice irene alice rachele agnese clarice matilde adelaide
    penelope ester""".split())


def mention_gender(words: list[str]) -> str | None:
    """The gender a mention's first words show ("il ministro", "l'avvocata", "lei"), or None."""
    if not words:
        return None
    first, noun = words[0].lower(), _noun(words)
    if noun in _EITHER_NOUNS:
        return None  # "la vittima", "la guida": the noun's gender, not the person's
    if first in _MASCULINE_PRONOUNS or (first in _MASCULINE_ARTICLES | _ELIDED and noun in _MASCULINE_NOUNS):
        return MASCULINE
    if first in _FEMININE_WORDS:
        return FEMININE
    if first in _ELIDED and noun:
        return _noun_gender(noun)
    return None


def sex_of(words: list[str]) -> str | None:
    """The sex a mention's noun names whatever else it says ("l'uomo", "la madre del giovane"), for
    descriptions whose noun's gender is only grammatical ("la star", "l'icona" may be a man)."""
    noun = _noun(words)
    return MASCULINE if noun in _MASCULINE_NOUNS else FEMININE if noun in _FEMININE_NOUNS else None


def article_gender(words: list[str]) -> str | None:
    """The gender a description gives a noun the word lists do not know, when its article and
    ending agree: "il ristoratore" (a woman is "la ristoratrice"), "la ristoratrice"; None
    otherwise ("il leader", "il premier" are also said of women)."""
    noun = _noun(words)
    if len(words) < 2 or not noun.endswith(("tore", "sore", "trice")):
        return None  # "il leader", "il premier" are also said of women; "il ristoratore" is not
    first = words[0].lower()
    return MASCULINE if first in ("il", "lo") and noun.endswith(("tore", "sore")) else \
        FEMININE if first == "la" and noun.endswith("trice") else None


def _noun(words: list[str]) -> str:
    """The noun after a mention's article, past "ex", "nuovo"…: "l'ex ministra" → "ministra"."""
    return next((w.lower() for w in words[1:] if w.lower() not in _BEFORE_THE_NOUN), "")


def _noun_gender(noun: str) -> str | None:
    """Feminine for a noun ending as a woman's title does ("avvocata", "professoressa"); else
    nothing: "l'avvocato", "l'ex ministro" are masculine titles, which women are given too."""
    if noun.endswith(("essa", "trice")) or (noun.endswith("a") and not noun.endswith("ista")):
        return FEMININE
    return None


def name_gender(first_name: str) -> str | None:
    """The gender an Italian first name's ending shows ("Francesca", "Mario"), or None when it does
    not tell ("Jean", "Kim") or is not a first name the lists know."""
    name = first_name.lower()
    if len(name) < 3 or not name.isalpha():
        return None
    if name in _MEN_IN_A or name in _MEN_IN_E:
        return MASCULINE
    if name in _WOMEN_IN_E:
        return FEMININE
    if name.endswith("a"):
        return FEMININE
    if name.endswith("o"):
        return MASCULINE
    return None


def agree(mention: str | None, person: str | None) -> bool:
    """Whether a mention of gender ``mention`` may stand for a person of gender ``person``."""
    return mention is None or person is None or mention == person
