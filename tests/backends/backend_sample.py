"""A rich project built the same way on any backend: what the services read, in every shape.

Three articles (emoji, CRLF, accents; one nobody annotated), pipeline suggestions of every kind
(entities with a value, quotations, events linked to a suggested quotation), three annotators whose
names sort differently by code point and in English ("Zoe", "alice", "bob"), each with accepted
entities, a quotation with speaker and cue, events with arguments linked to a quotation, decisions
on suggestions (accepted and rejected rows linked with ``source_id``), an unlinked rejection, gold
(entities, a quotation, an event) and statuses of every kind.

Only the store's public methods are used, in the order an import and the app would use them, so
both backends hand out the same ids.
"""

from __future__ import annotations

from annotator.domain.model import (
    ACCEPTED,
    DOC_ADJUDICATED,
    DOC_DONE,
    DOC_IN_PROGRESS,
    DOC_IN_REVIEW,
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
SECOND = ("Sergio Mattarella ha incontrato Olaf Scholz a Berlino. «Un'Europa più forte», ha detto "
          "Mattarella. Il cancelliere ha risposto che l'accordo è vicino.")
OTHER = "Un articolo che nessuno ha annotato: Perché sì, però no."
ORIGIN = "gazetteer_it@0.1.0"
QUOTES_ORIGIN = "quotes_it@0.2.0"
META = {"title": "Draghi e Macron", "url": "https://example.org/a", "source": "ANSA", "published": "2021-12-22"}
PEOPLE = ("Zoe", "alice", "bob")  # code point order; English puts "alice" first and "Zoe" last


def at(text: str, part: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(part, start + 1)
    return start, start + len(part)


def build(project) -> dict[str, int]:
    """Fill the empty ``project``; returns the ids of its documents (the same on every backend)."""
    (doc, _), (second, _), (other, _) = project.add_documents([
        NewDocument(TEXT, meta=dict(META), uid="doc-1"),
        NewDocument(SECOND, meta={"title": "Mattarella a Berlino", "source": "AGI", "published": "2022-03-01"},
                    uid="doc-2", raw="<p>" + SECOND + "</p>"),
        NewDocument(OTHER, meta={"title": "Altro"}, uid="doc-3"),
    ])
    t, s = TEXT, SECOND
    draghi, draghi2 = at(t, "Mario Draghi"), at(t, "Draghi", 2)
    macron, parigi, ansa, date = at(t, "Macron"), at(t, "Parigi"), at(t, "ANSA"), at(t, "30 dicembre")
    content, cue = at(t, "La città è pronta"), at(t, "ha detto")
    indirect, trigger = at(t, "la crisi è finita"), at(t, "telefonato")
    mattarella, scholz, berlino = at(s, "Sergio Mattarella"), at(s, "Olaf Scholz"), at(s, "Berlino")
    europa, said, met = at(s, "Un'Europa più forte"), at(s, "ha detto"), at(s, "incontrato")

    # the pipeline's suggestions: entities (a DATE with its value), quotations, events citing a quotation
    project.replace_suggestions([
        (doc, [Span(doc, *macron, "PER", SUGGESTIONS, ORIGIN), Span(doc, *parigi, "LOC", SUGGESTIONS, ORIGIN),
               Span(doc, *date, "DATE", SUGGESTIONS, ORIGIN, value="2021-12-30")],
         [Quote(doc, *content, SUGGESTIONS, "direct", *draghi, "PER", *cue, origin=QUOTES_ORIGIN)],
         [Event(doc, "CONSULT", SUGGESTIONS, mode="phone", trigger_start=trigger[0], trigger_end=trigger[1],
                args=(EventArg("actor", *draghi2), EventArg("recipient", *macron)), quote_id=0,
                origin=QUOTES_ORIGIN)]),
        (second, [Span(second, *mattarella, "PER", SUGGESTIONS, ORIGIN), Span(second, *berlino, "LOC", SUGGESTIONS, ORIGIN)],
         [Quote(second, *europa, SUGGESTIONS, "direct", *mattarella, "PER", *said, origin=QUOTES_ORIGIN)], []),
        (other, []),
    ], origin=ORIGIN, action="fixture")
    suggested = {(sp.doc_id, sp.start): sp for d in (doc, second) for sp in project.suggestions(d)}
    [suggested_quote] = project.quotes(second, SUGGESTIONS)

    with project.transaction():
        alice_quote = project.insert(Quote(doc, *content, "alice", "direct", *draghi, "PER", *cue, annotator="alice"))
        items = [
            Span(doc, *draghi, "PER", "alice", "manual", ACCEPTED, "alice"),
            Span(doc, *ansa, "ORG", "alice", "manual", ACCEPTED, "alice"),
            # decisions on suggestions: one accepted as it was, one rejected
            Span(doc, *parigi, "LOC", "alice", ORIGIN, ACCEPTED, "alice", suggested[(doc, parigi[0])].id),
            Span(doc, *macron, "PER", "alice", ORIGIN, REJECTED, "alice", suggested[(doc, macron[0])].id),
            Span(doc, *date, "DATE", "alice", ORIGIN, ACCEPTED, "alice", suggested[(doc, date[0])].id,
                 value="2021-12-30"),
            Quote(doc, *indirect, "alice", "indirect", annotator="alice"),
            Event(doc, "CONSULT", "alice", mode="phone", context=("diplomatic",), trigger_start=trigger[0],
                  trigger_end=trigger[1], args=(EventArg("actor", *draghi2), EventArg("recipient", *macron),
                                                EventArg("location", *parigi)),
                  date="2021-12-30", quote_id=alice_quote.id, comment="telefonata", annotator="alice"),
            Event(doc, "THREATEN", "alice", trigger_start=cue[0], trigger_end=cue[1], origin="manual",
                  status=REJECTED, annotator="alice"),  # an unlinked rejection
            Span(doc, *macron, "PER", "bob", "manual", ACCEPTED, "bob"),
            Span(doc, *parigi, "LOC", "bob", "manual", ACCEPTED, "bob"),
            Quote(doc, *content, "bob", "partial", annotator="bob"),
            Span(second, *mattarella, "PER", "Zoe", ORIGIN, ACCEPTED, "Zoe", suggested[(second, mattarella[0])].id),
            Span(second, *scholz, "PER", "Zoe", "manual", ACCEPTED, "Zoe"),
            Span(second, *berlino, "LOC", "Zoe", ORIGIN, REJECTED, "Zoe", suggested[(second, berlino[0])].id),
            Event(second, "MEET", "Zoe", trigger_start=met[0], trigger_end=met[1],
                  args=(EventArg("actor", *mattarella), EventArg("recipient", *scholz)), annotator="Zoe"),
            suggested_quote.with_(layer="Zoe", status=ACCEPTED, annotator="Zoe", source_id=suggested_quote.id, id=None),
            Span(second, *mattarella, "PER", "bob", "manual", ACCEPTED, "bob"),
            suggested_quote.with_(layer="bob", status=REJECTED, annotator="bob", source_id=suggested_quote.id, id=None),
            Span(second, *scholz, "ORG", "bob", "manual", ACCEPTED, "bob"),
            Span(second, *berlino, "LOC", "bob", "manual", ACCEPTED, "bob"),
            Span(doc, *draghi, "PER", GOLD, "manual", ACCEPTED, "rita"),
            Span(doc, *macron, "PER", GOLD, "manual", ACCEPTED, "rita"),
            Quote(doc, *content, GOLD, "direct", *draghi, "PER", *cue, annotator="rita"),
            Event(doc, "CONSULT", GOLD, mode="phone", trigger_start=trigger[0], trigger_end=trigger[1],
                  args=(EventArg("actor", *draghi2),), annotator="rita"),
            Span(second, *mattarella, "PER", GOLD, "manual", ACCEPTED, "rita"),
        ]
        project.import_annotations(items, action="fixture", annotator="tester")
        for doc_id, who, status in ((doc, "alice", DOC_DONE), (doc, "bob", DOC_IN_PROGRESS), (second, "Zoe", DOC_DONE),
                                    (second, "bob", DOC_DONE), (doc, GOLD, DOC_IN_REVIEW),
                                    (second, GOLD, DOC_ADJUDICATED), (other, "alice", DOC_DONE)):
            project.set_doc_status(doc_id, who, status)
    return {"doc": doc, "second": second, "other": other}
