"""The store's bulk paths give the same ids, uids and answers on both backends, however a batch is
cut into statements: documents added many at a time (repeated texts, taken uids, chains of
suffixes, more documents than one statement holds), annotations imported many at a time (events
linked to quotations by range) and suggestions replaced for a batch of documents."""

from __future__ import annotations

from backend_sample import TEXT, at, build
from test_backends_services import everything

from annotator.domain.model import REJECTED, SUGGESTIONS, Event, EventArg, Quote, Span
from annotator.store.project import _DOCUMENTS_PER_STATEMENT, NewDocument


def batch(start: int, count: int) -> list[NewDocument]:
    """``count`` documents, some texts repeated (in the batch and from earlier batches), some uids
    given twice, some taken by the suffix another uid would get, some left to the hash."""
    docs = []
    for n in range(start, start + count):
        text = f"Articolo {n % 700}: il testo numero {n % 700}."  # every 700th repeats
        uid = None if n % 5 == 0 else f"ansa-{n % 40}" if n % 3 else f"ansa-{n % 40}-2"
        docs.append(NewDocument(text, meta={"title": f"Titolo {n}", "published": n % 2 and "2021-12-22" or None},
                                uid=uid, imported_from=f"file-{n % 3}.jsonl"))
    return docs


def test_adding_documents_in_bulk_gives_the_same_ids_and_uids(twins):
    size = _DOCUMENTS_PER_STATEMENT * 2 + 17
    results = []
    for project in twins:
        first = project.add_documents(batch(0, size))
        second = project.add_documents(batch(size - 50, 900))  # 50 already there, then new and repeated texts
        documents = [(d.id, d.uid, d.text, d.meta, d.raw, d.content_hash, d.imported_from)
                     for d in project.iter_documents()]
        results.append((first, second, documents))
    assert results[1] == results[0]
    first, second, documents = results[0]
    assert len(documents) == 700 == len({uid for _, uid, *_ in documents})
    assert [added for _, added in first].count(True) == 700  # the 700 texts, each once
    assert first[700] == (first[0][0], False)  # the same text later in the batch is the first one
    assert not any(added for _, added in second)
    uids = {uid for _, uid, *_ in documents}
    assert {"ansa-1", "ansa-1-2", "ansa-1-2-2", "ansa-1-3"} <= uids


def test_bulk_annotations_and_suggestions_link_and_replace_alike(twins):
    """Events naming their quotation by its range are linked as one-at-a-time storing would link
    them (a quotation earlier in the import counts, one later only when none was there), and a
    batch of suggestions naming a document twice keeps the later item's work; the same on both."""
    content, indirect = at(TEXT, "La città è pronta"), at(TEXT, "la crisi è finita")
    trigger = at(TEXT, "telefonato")

    def event(layer: str, quoted: tuple[int, int]) -> Event:
        return Event(1, "CONSULT", layer, trigger_start=trigger[0], trigger_end=trigger[1],
                     args=(EventArg("actor", 0, 2),), quote_range=quoted, annotator=layer)

    items = [
        event("carl", content),  # only other layers' quotations there yet
        Quote(1, *content, "carl", "direct", annotator="carl"),
        event("carl", content),  # now carl's own
        event("carl", indirect),
        event("dan", (5, 9)),  # its quotation comes later
        Quote(1, 5, 9, "dan", "partial", annotator="dan"),
        Quote(1, 10, 14, "dan", "partial", annotator="dan", status=REJECTED),  # never linked
        event("dan", (10, 14)),
        Span(1, 0, 3, "PER", "dan", annotator="dan"),
    ]
    batch = [
        (1, [Span(1, 0, 4, "PER", SUGGESTIONS, "m@2")],
         [Quote(1, *content, SUGGESTIONS, "direct", origin="m@2"), Quote(1, *indirect, SUGGESTIONS, "indirect", origin="m@2")],
         [Event(1, "CONSULT", SUGGESTIONS, quote_id=1, args=(EventArg("actor", 1, 3),), origin="m@2"),
          Event(1, "MEET", SUGGESTIONS, quote_range=content, origin="m@2")]),
        (2, [Span(2, 0, 4, "PER", SUGGESTIONS, "m@2")]),
        (3, [], [], []),
        (2, [Span(2, 5, 9, "LOC", SUGGESTIONS, "m@2")], [Quote(2, 3, 9, SUGGESTIONS, origin="m@2")],
         [Event(2, "STATEMENT", SUGGESTIONS, quote_id=0, origin="m@2")]),
    ]
    seen = []
    for project in twins:
        build(project)
        assert project.import_annotations(items, action="import", annotator="t") == len(items)
        assert project.replace_suggestions(batch, origin="m@2", action="pre-annotate") == 9
        seen.append(everything(project))
    assert seen[1] == seen[0]
    lite = twins[0]
    by_layer = {layer: [(e.quote_id, e.quote_range) for e in lite.events(1, layer)] for layer in ("carl", "dan")}
    carl_quote, = lite.quotes(1, "carl")
    dan_quote = next(q for q in lite.quotes(1, "dan") if q.status != REJECTED)
    assert by_layer["dan"] == [(dan_quote.id, None), (None, None)]
    assert by_layer["carl"][1][0] == carl_quote.id and by_layer["carl"][2][0] == lite.quotes(1, "alice")[1].id
    assert [s.label for s in lite.suggestions(2)] == ["LOC"]  # the later item for article 2
    [statement] = lite.events(2, SUGGESTIONS)
    assert statement.quote_id == lite.quotes(2, SUGGESTIONS)[0].id


def test_statuses_set_many_at_once_are_those_set_one_by_one(twins, make_any_project):
    changes = [(1, "alice", "in progress"), (2, "alice", "done"), (1, "bob", "done"), (1, "alice", "new"),
               (3, "Zoe", "in review"), (2, "alice", "adjudicated"), (3, "gold", "done"), (1, "bob", "new"),
               (1, "bob", "in progress")]
    one_by_one = make_any_project("sqlite", "one-by-one.db")
    for project in (*twins, one_by_one):
        build(project)
    for doc_id, who, status in changes:
        one_by_one.set_doc_status(doc_id, who, status)
    for project in twins:
        with project.transaction():
            project.set_doc_statuses(changes)
    expected = everything(one_by_one)["documents"]
    assert [everything(project)["documents"] for project in twins] == [expected, expected]
