"""One name, one label within an article: repeat the model's entities where it missed a mention.

A news article names "Mario Draghi" and then says "Draghi" five times; a statistical model decides
each mention from a few words around it and misses some. ``annotator_entity_consistency`` (after
``ner``) finds, for each entity the model predicted, the other mentions of the same words in the
same document that are in no entity, and labels them too. A person's last word ("Draghi") counts
as a mention of the person. Mentions are matched on exact, capitalised tokens, and a mention that
would cross or touch an existing entity is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc

CONSISTENCY = "annotator_entity_consistency"
LABELS = frozenset({"PER", "ORG", "LOC"})
_registered = False


def register() -> None:
    """Register the component with spaCy (idempotent)."""
    global _registered
    if _registered:
        return
    from spacy.language import Language

    if not Language.has_factory(CONSISTENCY):
        Language.component(CONSISTENCY, assigns=["doc.ents"], func=label_repeated_mentions)
    _registered = True


# particles that join a foreign surname to the given name before it ("Ursula von der Leyen", "Óscar
# de la Hoya", "Vincent van Gogh"); the Italian prepositions ("di", "del", "da") are not among them:
# "Mario Rossi di Milano" is a person and a place
_NAME_PARTICLES = frozenset("von van de du dos das ter ten bin ibn ben el".split())
_SECOND_PARTICLES = frozenset("der den la le los las da".split())


def label_repeated_mentions(doc: "Doc") -> "Doc":
    """Add an entity for every unlabelled repetition of a predicted name (see the module doc),
    after joining to a person the foreign surname the model left out ("Ursula | von der Leyen")."""
    _trim_spaces(doc)
    _join_surnames(doc)
    _join_hyphenated(doc)
    names = _names(doc)
    if not names:
        return doc
    taken = [False] * len(doc)
    for ent in doc.ents:
        for i in range(max(ent.start - 1, 0), min(ent.end + 1, len(doc))):
            taken[i] = True  # touching an entity would glue two names together
    lengths = sorted({len(key) for key in names}, reverse=True)
    words = [t.text for t in doc]
    added = []
    i = 0
    while i < len(words):
        for length in lengths:
            key = tuple(words[i:i + length])
            label = names.get(key)
            if label and len(key) == length and not any(taken[i:i + length]):
                added.append(doc.char_span(doc[i].idx, doc[i + length - 1].idx + len(words[i + length - 1]),
                                           label=label))
                for j in range(max(i - 1, 0), min(i + length + 1, len(doc))):
                    taken[j] = True
                i += length - 1
                break
        i += 1
    added = [span for span in added if span is not None]
    if added:
        doc.ents = sorted([*doc.ents, *added], key=lambda s: s.start)
    return doc


def _trim_spaces(doc: "Doc") -> None:
    """Drop the whitespace tokens the model took into an entity: a headline's last name took the
    paragraph break after it ("Fiumicino\n\n"), or the break and the next paragraph's first word
    ("Capodichino\n\nGravi"), which a highlight, an export's span and the rules reading names
    after it must not hold. A name never runs over a line break: the entity ends before it."""
    from spacy.tokens import Span

    ents, changed = [], False
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and doc[start].is_space:
            start += 1
        end = next((k for k in range(start, end) if doc[k].is_space and "\n" in doc[k].text), end)
        while end > start and doc[end - 1].is_space:
            end -= 1
        changed |= (start, end) != (ent.start, ent.end)
        if end > start:
            ents.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_))
    if changed:
        doc.ents = ents


def _join_surnames(doc: "Doc") -> None:
    """Stretch a person over the particles and capitalised surname right after it, when that
    surname is in no entity: "Ursula" + "von der Leyen", "Óscar" + "de la Hoya"."""
    ents = list(doc.ents)
    changed = False
    for n, ent in enumerate(ents):
        if ent is None or ent.label_ != "PER":
            continue  # (None: a name joined to the person before it)
        inside = len(ent) > 1 and ent[-1].text in _NAME_PARTICLES  # the model took "Óscar de" and stopped
        k = ent.end
        if not inside and (k >= len(doc) or doc[k].text not in _NAME_PARTICLES):
            continue
        k += 0 if inside else 1
        if k < len(doc) and doc[k].text in _SECOND_PARTICLES:
            k += 1
        next_start = ents[n + 1].start if n + 1 < len(ents) else len(doc)
        absorbed = None
        if next_start == k and len(ents[n + 1]) == 1 and ents[n + 1].label_ != "DATE":
            absorbed, next_start = n + 1, ents[n + 1].end  # "Óscar de la | Hoya" the model took for a body
        if k >= next_start or not doc[k].text[:1].isupper() or doc[k].is_sent_start:
            if inside:  # "Mario Rossi de | La Stampa": the particle is the newspaper's
                ents[n] = doc[ent.start:ent.end - 1]
                ents[n].label_ = "PER"
                changed = True
            continue
        end = k + 1
        while end < next_start and "-" == doc[end].text and end + 1 < next_start and doc[end + 1].text[:1].isupper():
            end += 2  # "bin Salman-Al Saud" stays one name
        span = doc.char_span(ent.start_char, doc[end - 1].idx + len(doc[end - 1].text), label="PER")
        if span is not None:
            ents[n] = span
            if absorbed is not None:
                ents[absorbed] = None
            changed = True
    if changed:
        doc.ents = [ent for ent in ents if ent is not None]


def _join_hyphenated(doc: "Doc") -> None:
    """One name across a hyphen the tokenizer split ("Domscheit-Berg", "Shaun Wright-Phillips"): two
    entities of one label joined by "-" with no space, neither part ever standing alone in the text
    ("Russia-USA", "Trump-Kim" name two, each also named on its own)."""
    ents = list(doc.ents)
    alone: set[str] | None = None  # the words that stand without a hyphen, read once if needed
    merged: list = []
    for ent in ents:
        last = merged[-1] if merged else None
        if last is not None and last.label_ == ent.label_ and last.end + 1 == ent.start and \
                doc[last.end].text == "-" and last.end_char + 1 == ent.start_char:
            alone = _standing_alone(doc) if alone is None else alone
            if last[-1].text in alone or ent[0].text in alone:
                merged.append(ent)
                continue
            span = doc.char_span(last.start_char, ent.end_char, label=ent.label_)
            if span is not None:
                merged[-1] = span
                continue
        merged.append(ent)
    if len(merged) != len(ents):
        doc.ents = merged


def _standing_alone(doc: "Doc") -> set[str]:
    """The words of ``doc`` that occur at least once not joined to another by a hyphen."""
    found = set()
    for token in doc:
        joined_before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
        joined_after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
        if not joined_before and not joined_after:
            found.add(token.text)
    return found


def _names(doc: "Doc") -> dict[tuple[str, ...], str]:
    """Token tuples of the predicted entities (and persons' surnames) mapped to one label; a name
    the model gave two labels is left out."""
    seen: dict[tuple[str, ...], set[str]] = {}
    for ent in doc.ents:
        if ent.label_ not in LABELS or not ent.text[:1].isupper():
            continue
        seen.setdefault(tuple(t.text for t in ent), set()).add(ent.label_)
        if ent.label_ == "PER" and len(ent) >= 2 and ent[-1].text[:1].isupper() and len(ent[-1].text) > 2:
            seen.setdefault((ent[-1].text,), set()).add("PER")
    return {key: labels.pop() for key, labels in seen.items() if len(labels) == 1}
