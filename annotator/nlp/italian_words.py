"""Small closed classes of Italian words that several rule modules read.

Each finder builds its own sets from these (which words may stand before a noun, which open a
clause) because each asks a different question; the word lists themselves live here once.
Lower case, as the finders compare them.
"""

from __future__ import annotations

import re

__all__ = ["AGENT_PREPOSITIONS", "ARTICULATED_PREPOSITIONS", "DEMONSTRATIVES", "EVENT_PARTICIPLE_STEMS", "GERUND",
           "NUMBER_WORDS", "PAST_PARTICIPLE", "QUANTIFIERS", "REPORTING_PARTICIPLE_STEMS", "is_participle"]

# "da" and its articulated forms: what follows a passive verb is its agent ("arrestato dai carabinieri")
AGENT_PREPOSITIONS = frozenset("da dal dallo dalla dall dai dagli dalle".split())
# "del", "nelle", "sull'": never a pronoun, always before a noun
ARTICULATED_PREPOSITIONS = frozenset("""del dei degli delle della dello dell al ai agli alle alla allo all
    dal dai dagli dalle dalla dallo dall nel nei negli nelle nella nello nell sul sui sugli sulle sulla sullo
    sull col coi""".split())
DEMONSTRATIVES = frozenset("questo questa questi queste quest quel quei quegli quelle quell quello quella".split())
NUMBER_WORDS = frozenset("due tre quattro cinque sei sette otto nove dieci".split())
QUANTIFIERS = frozenset("""alcuni alcune molti molte diversi diverse numerosi numerose vari varie tanti tante
    pochi poche entrambi entrambe""".split())
# the ending of a regular past participle: "arrestato", "accusata", "imputati", "riferite"
PAST_PARTICIPLE = re.compile(r"(?:at|it|ut)[oaie]$")
# a gerund, with its clitics: "dicendo", "definendolo", "rivolgendosi"
GERUND = re.compile(r"^\w{3,}(?:ando|endo)(?:lo|la|li|le|si|ne|gli|ci|vi)?$")
# stems of irregular past participles, less their ending: of event verbs ("ucciso", "preso",
# "espulso") and of reporting verbs ("detto", "scritte", "chiesto"). Two sets: an event verb's
# participle without an auxiliary reads as passive ("Arrestato il boss"), which "chiesto" is not
EVENT_PARTICIPLE_STEMS = frozenset("""uccis pres mess sospes espuls rimoss soppress scoss percoss condott
    sconfitt distrutt invas ars mors chius rapit sottopost""".split())
REPORTING_PARTICIPLE_STEMS = frozenset("dett scritt espress chiest rispost promess ammess".split())


def is_participle(word: str, irregular_stems: frozenset[str], *, plural_feminine: bool = True) -> bool:
    """Whether ``word`` (lower case) is a past participle: regular ("arrestato", "riferite") or one of
    ``irregular_stems`` with its ending ("ucciso", "dette"). ``plural_feminine=False`` leaves out the
    irregular forms in -e, which are past tenses too ("uccise", "espresse")."""
    endings = "oaie" if plural_feminine else "oai"
    return PAST_PARTICIPLE.search(word) is not None or (word[:-1] in irregular_stems and word[-1:] in endings)
