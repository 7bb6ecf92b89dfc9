"""Small closed classes of Italian words that several rule modules read.

Each finder builds its own sets from these (which words may stand before a noun, which open a
clause) because each asks a different question; the word lists themselves live here once.
Lower case, as the finders compare them.
"""

from __future__ import annotations

import re

__all__ = ["ARTICULATED_PREPOSITIONS", "DEMONSTRATIVES", "GERUND", "NUMBER_WORDS", "PAST_PARTICIPLE", "QUANTIFIERS"]

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
