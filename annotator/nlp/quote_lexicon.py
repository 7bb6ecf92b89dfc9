"""The word lists of the quotation finder, read from ``resources/quotes/`` where users extend them.

- ``verbs.txt``: reporting verbs by infinitive, with the irregular forms the finder cannot derive;
  :func:`verb_forms` conjugates the regular ones (third persons of the tenses news use,
  participles, gerund, infinitive), so a verb added as one word is matched in every usual form.
- ``cues.txt``: multi-word expressions: ``verb`` (work like a reporting verb: "fa sapere"),
  ``source`` (introduce a source: "secondo", "a detta di"), ``note`` (impersonal, followed by the
  source: "si legge in una nota del").
- ``speakers.txt``: nouns that head a speaker described without a name ("il portavoce").
- ``not_quotes.txt``: words that, just before quotation marks, say the marks hold a name or title.

Plain Python: the finder runs on text and entity offsets, without spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "quotes"

__all__ = ["LEXICON_DIR", "QuoteLexicon", "LexiconError", "load_lexicon", "verb_forms"]


class LexiconError(ValueError):
    """A lexicon file that cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """Reporting verb forms (form -> infinitive) and the other word lists, all lowercase."""

    verb_forms: dict[str, str]
    verb_phrases: tuple[tuple[str, ...], ...]  # multi-word verb cues, as lowercase words
    source_phrases: tuple[tuple[str, ...], ...]
    note_phrases: tuple[tuple[str, ...], ...]
    speaker_nouns: frozenset[str]
    title_words: frozenset[str]


def load_lexicon(folder: Path | str = LEXICON_DIR) -> QuoteLexicon:
    """Read the four files of ``folder``. RAISES LexiconError naming a missing or malformed file."""
    folder = Path(folder)
    forms: dict[str, str] = {}
    for number, line in _lines(folder / "verbs.txt"):
        lemma, _, extra = line.partition(":")
        lemma = lemma.strip().lower()
        if not lemma.isalpha() and not lemma.endswith("rsi"):
            raise LexiconError(f"{folder / 'verbs.txt'}:{number}: {lemma!r} is not an infinitive")
        words = extra.split()
        # "-posta": a regular form that is another verb's word ("la questione posta", from "porre")
        unwanted = {w[1:].lower() for w in words if w.startswith("-")}
        regular = verb_forms(lemma, isc_only=True)
        stray = sorted(unwanted - regular)
        if stray:
            raise LexiconError(f"{folder / 'verbs.txt'}:{number}: '-{stray[0]}' is not a form of {lemma!r} that "
                               "the finder makes; after a minus, list a regular form to leave out")
        for form in regular - unwanted:
            forms.setdefault(form, lemma)
        for form in (w for w in words if not w.startswith("-")):
            if not form.isalpha():
                raise LexiconError(f"{folder / 'verbs.txt'}:{number}: {form!r} is not one word; list single "
                                   "forms (the finder adds auxiliaries and pronouns itself)")
            forms.setdefault(form.lower(), lemma)
    phrases: dict[str, list[tuple[str, ...]]] = {"verb": [], "source": [], "note": []}
    for number, line in _lines(folder / "cues.txt"):
        kind, _, expression = line.partition("\t")
        if kind not in phrases or not expression.strip():
            raise LexiconError(f"{folder / 'cues.txt'}:{number}: expected TYPE<TAB>expression with TYPE "
                               "one of verb, source, note")
        phrases[kind].append(tuple(_words(expression)))
    longest_first = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()}
    return QuoteLexicon(
        verb_forms=forms,
        verb_phrases=longest_first["verb"],
        source_phrases=longest_first["source"],
        note_phrases=longest_first["note"],
        speaker_nouns=frozenset(w.lower() for _, w in _lines(folder / "speakers.txt")),
        title_words=frozenset(w.lower() for _, w in _lines(folder / "not_quotes.txt")),
    )


def verb_forms(infinitive: str, *, isc_only: bool = False) -> set[str]:
    """The regular forms of an Italian verb that news use to report speech.

    Third persons of the present, passato remoto, imperfect, future and conditional, participles
    in four genders and numbers, the gerund and the infinitive ("spiegare": spiega, spiegano,
    spiegò, spiegava, spiegherà, spiegato, spiegando…). Irregular verbs list their forms in
    verbs.txt; a reflexive infinitive ("appellarsi") and a one-letter stem ("dire", whose regular
    forms would be "dito", "diva", "dono") give only themselves. An -ire verb's present is "-isce"
    and, unless ``isc_only``, also "-e" ("avverte"): the quotation lexicon lists its verbs without
    -isc, since "chiarire" would give "chiare" and "garantire" "garante", words of their own.
    """
    word = infinitive.lower()
    if len(word) < 5 or word[-3:] not in ("are", "ere", "ire"):
        return {word}  # "dire": a one-letter stem gives "de", "dito", "diva", "dono", words of their own
    stem, ending = word[:-3], word[-3:]
    forms = {word}
    if ending == "are":
        future = stem[:-1] if stem.endswith(("ci", "gi")) else stem + ("h" if stem.endswith(("c", "g")) else "")
        forms |= {stem + "a", stem + "ano", stem + "ò", stem + "arono", stem + "ava", stem + "avano",
                  future + "erà", future + "eranno", future + "erebbe", future + "erebbero",
                  stem + "ando"}
        participle = stem + "at"
    elif ending == "ere":
        forms |= {stem + "e", stem + "ono", stem + "é", stem + "ette", stem + "erono", stem + "eva",
                  stem + "evano", stem + "erà", stem + "eranno", stem + "erebbe", stem + "endo"}
        participle = stem + ("iut" if stem.endswith("sc") else "ut")  # "riconosciuto", "conosciuto"
    else:
        if not isc_only:
            forms |= {stem + "e", stem + "ono"}
        forms |= {stem + "isce", stem + "iscono", stem + "ì", stem + "irono",
                  stem + "iva", stem + "ivano", stem + "irà", stem + "iranno", stem + "irebbe",
                  stem + "endo"}
        participle = stem + "it"
    forms |= {participle + suffix for suffix in "oaie"}
    return forms


def _words(text: str) -> list[str]:
    """Lowercase words as the finder sees them: "stando all'" is "stando", "all"."""
    return re.findall(r"\w+", text.lower())


def _lines(path: Path) -> Iterable[tuple[int, str]]:
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as err:
        raise LexiconError(f"{path}: cannot read the quotation lexicon ({err.strerror or err})") from None
    except UnicodeDecodeError:
        raise LexiconError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    for number, line in enumerate(content.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield number, line
