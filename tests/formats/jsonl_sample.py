"""A small annotated project for the format tests: every kind of annotation, several layers, tricky text."""

from __future__ import annotations

from annotator.domain.model import (
    ACCEPTED,
    DOC_DONE,
    DOC_IN_PROGRESS,
    GOLD,
    REJECTED,
    SUGGESTIONS,
    Event,
    EventArg,
    Quote,
    Span,
)
from annotator.store.project import NewDocument

# An emoji (two UTF-16 units) and a flag before the first span, CRLF line ends, accents.
TEXT = (
    "🇮🇹 Oggi 😀 Mario Draghi ha detto: «La città è pronta».\r\n"
    "Secondo l'ANSA, Draghi ha telefonato a Macron a Parigi il 30 dicembre.\r\n"
    "Il governo ha spiegato che la crisi è finita."
)
OTHER = "Un articolo che nessuno ha annotato: Perché sì, però no."
ORIGIN = "gazetteer_it@0.1.0"
META = {"title": "Draghi e Macron", "url": "https://example.org/a", "source": "ANSA", "published": "2021-12-22"}


def at(text: str, part: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(part, start + 1)
    return start, start + len(part)


def build(project) -> dict[str, int]:
    (doc_id, _), (other_id, _) = project.add_documents([
        NewDocument(TEXT, meta=dict(META), uid="doc-1"),
        NewDocument(OTHER, meta={"title": "Altro"}, uid="doc-2"),
    ])
    draghi = at(TEXT, "Mario Draghi")
    draghi2 = at(TEXT, "Draghi", 2)
    macron, parigi, ansa = at(TEXT, "Macron"), at(TEXT, "Parigi"), at(TEXT, "ANSA")
    content, cue = at(TEXT, "La città è pronta"), at(TEXT, "ha detto")
    indirect = at(TEXT, "la crisi è finita")
    trigger = at(TEXT, "telefonato")
    alice = [
        Span(doc_id, *draghi, "PER", "alice", "manual", ACCEPTED, "alice"),
        Span(doc_id, *ansa, "ORG", "alice", "manual", ACCEPTED, "alice"),
        Span(doc_id, *parigi, "LOC", "alice", ORIGIN, ACCEPTED, "alice"),
        Span(doc_id, *macron, "ORG", "alice", "manual", REJECTED, "alice"),  # a decision row: never exported
        Quote(doc_id, *content, "alice", "direct", *draghi, "PER", *cue, annotator="alice"),
        Quote(doc_id, *indirect, "alice", "indirect", annotator="alice"),
        Event(doc_id, "CONSULT", "alice", mode="phone", context=("diplomatic",), trigger_start=trigger[0],
              trigger_end=trigger[1], args=(EventArg("actor", *draghi2), EventArg("recipient", *macron),
                                            EventArg("location", *parigi)),
              date="2021-12-30", annotator="alice"),
    ]
    bob = [Span(doc_id, *macron, "PER", "bob", "manual", ACCEPTED, "bob")]
    gold = [Span(doc_id, *draghi, "PER", GOLD, "manual", ACCEPTED, "rita")]
    with project.db.atomic():
        project.import_annotations([*alice, *bob, *gold], action="fixture", annotator="tester")
        project.set_doc_status(doc_id, "alice", DOC_DONE)
        project.set_doc_status(doc_id, "bob", DOC_IN_PROGRESS)
    project.replace_suggestions(
        [(doc_id, [Span(doc_id, *macron, "PER", SUGGESTIONS, ORIGIN), Span(doc_id, *parigi, "LOC", SUGGESTIONS, ORIGIN)]),
         (other_id, [])],
        origin=ORIGIN, action="fixture",
    )
    return {"doc": doc_id, "other": other_id}
