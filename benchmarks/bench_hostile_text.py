"""How long the quotation finder and the event suggester take on texts no article looks like.

A pasted list, a log or a hostile file can hold one "sentence" of thousands of words, thousands of
quotation marks or thousands of names. Pre-annotation must not hang on them. Prints the seconds each
takes on each shape (about 30-170 KB of text); there is no target beyond "seconds, not minutes".

    .venv/bin/python benchmarks/bench_hostile_text.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SHAPES = {
    "8,000 one-word quotations in one sentence": "«a» " * 8000,
    "6,000 colons in one sentence": "Mario Rossi: io " * 6000,
    "15,000 words without punctuation": "parola " * 15000,
    "2,000 sentences with 4,000 names": " ".join(
        f"Mario Rossi{i} ha arrestato Luca Bianchi{i} e il ministro ha detto che è stato ucciso." for i in range(2000)),
    "one person named 6,000 times": "Mario Rossi ha parlato di «a», Rossi di «b». " * 3000,
    "one title, never given a name, 3,000 times": " ".join(
        f"«La legge numero {i} è sbagliata», ha detto il magistrato." for i in range(3000)),
    "a title after two names, 2,000 times": " ".join(
        f"Mario Rossi{i} ha incontrato il presidente Luca Bianchi{i}. Il campione ha detto che va bene."
        for i in range(2000)),
    "an epithet and a title after it, 2,000 times": "Silvio Berlusconi è arrivato. " + " ".join(
        f"Il Cavaliere ha parlato con Mario Rossi{i}. Il premier ha detto che va bene." for i in range(2000)),
    "3,000 headlines run into their text, no line break": " ".join(
        f"Arrestato Mario Rossi{i} Mario Rossi{i} è stato fermato. Giornale accusa Luca Bianchi{i} Il quotidiano "
        f"ha scritto che «va bene»." for i in range(3000)),
    "40,000 capitalised words in a row": "Xx " * 40000 + ".",
    "4,000 'attacchi da parte di' in one sentence": "l'attacco da parte degli estremisti e " * 4000 + ".",
    "3,000 arrests 'a Roma' by a body in one sentence": "a Roma i carabinieri hanno arrestato il vicino e " * 3000 + ".",
    "'il giornale' 3,000 times after 4,000 names": "Mario Rossi e Luca Bianchi hanno parlato. " * 2000 +
        "Secondo il giornale, la legge è sbagliata. " * 3000,
    "2,000 ', ma ha annunciato che' in one sentence": "Mario Rossi ha visto Luca Bianchi, il ministro ha espresso "
        "lo sconcerto, ma ha annunciato che " * 2000 + "tutto va bene.",
    "3,000 arrests after a relative 'che' in one sentence": "i carabinieri hanno fermato Mario Rossi, che ha "
        "arrestato il vicino e " * 3000 + ".",
    "2,000 sources at a radio in one sentence": "Ai microfoni di Radio Rai, il ministro Mario Rossi spiega: no e "
        * 2000 + ".",
}


def main() -> None:
    from annotator.nlp.events import EventSuggester
    from annotator.nlp.quotes import QuoteFinder

    finder, suggester = QuoteFinder(), EventSuggester()
    for name, text in SHAPES.items():
        names = [(m.start(), m.end(), "PER")
                 for m in re.finditer(r"(?:Mario Rossi|Luca Bianchi)\d*|(?<!Mario )Rossi|Silvio Berlusconi|Cavaliere", text)]
        names += [(m.start(), m.end(), "LOC") for m in re.finditer(r"\bRoma\b", text)]
        started = time.perf_counter()
        quotes = finder.find(text, names)
        quoted = time.perf_counter() - started
        started = time.perf_counter()
        suggester.find(text, names, quotes=quotes)
        suggested = time.perf_counter() - started
        print(f"{name:50} {len(text) / 1000:6.0f} KB: quotations {quoted:6.2f} s, events {suggested:6.2f} s")
    hyphenated_names()


def hyphenated_names() -> None:
    """The entity step after the NER on 5,000 names split at a hyphen ("Rossi-Bianchi"): it must
    read the text once, not once per pair (it took 33 s when it did)."""
    import spacy

    from annotator.nlp import consistency
    from annotator.nlp.components import customize_tokenizer

    consistency.register()
    nlp = spacy.blank("it")
    customize_tokenizer(nlp)
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PER", "pattern": [{"TEXT": name}]}
                                               for name in ("Rossi", "Bianchi")])
    text = "Il vertice Rossi-Bianchi è finito. " * 5000
    doc = nlp.get_pipe("entity_ruler")(nlp.make_doc(text))
    started = time.perf_counter()
    consistency.label_repeated_mentions(doc)
    name = "5,000 names split at a hyphen (entity step)"
    print(f"{name:50} {len(text) / 1000:6.0f} KB: entities   {time.perf_counter() - started:6.2f} s")


if __name__ == "__main__":
    main()
