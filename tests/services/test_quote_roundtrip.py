"""Quotations found by pre-annotation travel through export and import with their speaker links."""

from __future__ import annotations

import json

from annotator.domain.model import SUGGESTIONS
from annotator.domain.quote_commands import accept_quote, edit_quote
from annotator.nlp.preannotate import EntitySuggestion, to_quotes, to_spans
from annotator.nlp.quotes import find_quotes
from annotator.services.exporting import export
from annotator.services.importing import import_paths
from annotator.store import NewDocument, open_project

TEXT = ("Il portavoce del Cremlino 👍 Dmitry Peskov ha detto: «Non abbiamo ricevuto nessuna proposta». "
        "«Ne parleremo», ha aggiunto.\nSecondo Joe Biden, la crisi è lontana dalla soluzione.")
ORIGIN = "it_news_kind@1.0.0"


def entities() -> list[EntitySuggestion]:
    found = []
    for name, label in (("Cremlino", "ORG"), ("Dmitry Peskov", "PER"), ("Joe Biden", "PER")):
        start = TEXT.index(name)
        found.append(EntitySuggestion(start, start + len(name), label))
    return found


def preannotated(project):
    [(doc_id, _)] = project.add_documents([NewDocument(TEXT, {"title": "Peskov"})])
    ents = entities()
    quotes = find_quotes(TEXT, [(e.start, e.end, e.label) for e in ents])
    project.replace_suggestions([(doc_id, to_spans(doc_id, ents, ORIGIN), to_quotes(doc_id, quotes, ORIGIN))],
                                origin=ORIGIN, action="pre-annotate")
    return doc_id


def as_read(quote) -> tuple:
    """What a reader of the export sees of a quotation: words, kind, speaker words and label, cue."""
    part = (lambda a, b: TEXT[a:b] if a is not None else None)
    return (TEXT[quote.start:quote.end], quote.kind, part(quote.speaker_start, quote.speaker_end),
            quote.speaker_label, part(quote.cue_start, quote.cue_end))


def test_suggested_quotations_are_stored_with_linked_speakers(project):
    doc_id = preannotated(project)
    stored = sorted(as_read(q) for q in project.quotes(doc_id, SUGGESTIONS))
    assert stored == sorted([
        ("Non abbiamo ricevuto nessuna proposta", "direct", "Dmitry Peskov", "PER", "ha detto"),
        ("Ne parleremo", "direct", "Dmitry Peskov", "PER", "ha aggiunto"),
        ("la crisi è lontana dalla soluzione", "indirect", "Joe Biden", "PER", "Secondo"),
    ])
    # the speaker is the very range of an entity suggestion
    entity_ranges = {(s.start, s.end) for s in project.spans(doc_id, SUGGESTIONS)}
    assert all((q.speaker_start, q.speaker_end) in entity_ranges for q in project.quotes(doc_id, SUGGESTIONS))


def test_export_then_import_keeps_quotations_speakers_and_cues(project, labels, tmp_path):
    doc_id = preannotated(project)
    first, second, third = project.quotes(doc_id, SUGGESTIONS)
    editor = {"layer": "alice", "annotator": "alice", "doc_status": "new"}
    project.apply(accept_quote(text=TEXT, quote=first, **editor))
    project.apply(edit_quote(text=TEXT, quote=third, what="Change kind", kind="partial", **editor))

    path = tmp_path / "out.jsonl"
    export(project, path, include_suggestions=True)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(r["annotator"], r["status"]) for r in records] == [("alice", "in progress"), (ORIGIN, "suggested")]
    alice, suggested = records
    assert [(q["text"], q["kind"], q["speaker"]["text"], q["speaker"]["label"], q["cue"]["text"])
            for q in alice["quotes"]] == [
        ("Non abbiamo ricevuto nessuna proposta", "direct", "Dmitry Peskov", "PER", "ha detto"),
        ("la crisi è lontana dalla soluzione", "partial", "Joe Biden", "PER", "Secondo")]
    # only the suggestion alice has not decided is still a suggestion: the two others are hers now
    assert [q["text"] for q in suggested["quotes"]] == [second_text := TEXT[second.start:second.end]]

    other = open_project(tmp_path / "other.db")
    try:
        report = import_paths(other, [path], annotator="someone", labels=labels)
        assert report.rejected == []
        [new_id] = other.document_ids()
        assert sorted(as_read(q) for q in other.quotes(new_id, "alice")) == sorted(
            as_read(q) for q in project.quotes(doc_id, "alice"))
        assert [TEXT[q.start:q.end] for q in other.quotes(new_id, SUGGESTIONS)] == [second_text]
        again = tmp_path / "again.jsonl"
        export(other, again, include_suggestions=True)
        assert [json.loads(line)["quotes"] for line in again.read_text(encoding="utf-8").splitlines()] == [
            r["quotes"] for r in records]
    finally:
        other.close()


def test_preannotating_again_replaces_suggested_quotations_and_keeps_decisions(project):
    doc_id = preannotated(project)
    first = project.quotes(doc_id, SUGGESTIONS)[0]
    project.apply(accept_quote(text=TEXT, quote=first, layer="alice", annotator="alice", doc_status="new"))
    project.replace_suggestions([(doc_id, [], [])], origin=ORIGIN, action="again")
    assert project.quotes(doc_id, SUGGESTIONS) == []
    [kept] = project.quotes(doc_id, "alice")
    assert as_read(kept)[0] == "Non abbiamo ricevuto nessuna proposta" and kept.source_id is None
    assert project.spans(doc_id, SUGGESTIONS) == []  # the entities were replaced with the quotations


def test_events_round_trip_with_arguments_and_quotation_links(project, labels, tmp_path):
    from annotator.domain.event_commands import add_argument, create_event, edit_event
    from annotator.nlp.events import EventSuggester
    from annotator.nlp.preannotate import to_events

    text = ("Biden e Putin hanno avuto una telefonata martedì. "
            "«Imporremo sanzioni», ha minacciato Biden.")
    [(doc_id, _)] = project.add_documents([NewDocument(text, {"title": "T", "published": "2021-12-08"})])
    names = [(text.index(n), text.index(n) + len(n), "PER") for n in ("Biden", "Putin")]
    names.append((text.rindex("Biden"), text.rindex("Biden") + 5, "PER"))
    quotes = find_quotes(text, names)
    events = EventSuggester().find(text, names, quotes=quotes)
    spans = [EntitySuggestion(a, b, label) for a, b, label in names]
    project.replace_suggestions([(doc_id, to_spans(doc_id, spans, ORIGIN), to_quotes(doc_id, quotes, ORIGIN),
                                  to_events(doc_id, events, ORIGIN))], origin=ORIGIN, action="pre")
    suggested = project.events(doc_id, SUGGESTIONS)
    threat = next(e for e in suggested if e.type == "THREATEN")
    assert threat.quote_id == project.quotes(doc_id, SUGGESTIONS)[0].id  # linked to the stored quotation
    editor = {"layer": "alice", "annotator": "alice", "doc_status": "new"}
    project.apply(edit_event(text=text, event=threat, what="Change mode", mode="restrict", **editor))
    start = text.index("martedì")
    mine = create_event(text=text, doc_id=doc_id, type="AGREE", trigger=(start, start + 7), date="2021-12-07",
                        **editor)
    project.apply(mine)
    project.apply(add_argument(text=text, event=mine.added[0], role="location", start=start, end=start + 7,
                               multiple=False, **editor))

    path = tmp_path / "events.jsonl"
    export(project, path, include_suggestions=True)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    alice = next(r for r in records if r["annotator"] == "alice")
    by_type = {e["type"]: e for e in alice["events"]}
    assert by_type["THREATEN"]["mode"] == "restrict"
    assert by_type["THREATEN"]["quote"]["text"] == "Imporremo sanzioni"
    assert by_type["AGREE"]["args"] == [{"role": "location", "start": start, "end": start + 7, "text": "martedì"}]

    other = open_project(tmp_path / "other.db")
    try:
        import_paths(other, [path], annotator="someone", labels=labels)
        [new_id] = other.document_ids()
        again = tmp_path / "again.jsonl"
        export(other, again, include_suggestions=True)
        assert [json.loads(line)["events"] for line in again.read_text(encoding="utf-8").splitlines()] == [
            r["events"] for r in records]
        [imported_threat] = [e for e in other.events(new_id, "alice") if e.type == "THREATEN"]
        linked = next(q for q in other.quotes(new_id, SUGGESTIONS) if q.id == imported_threat.quote_id)
        assert text[linked.start:linked.end] == "Imporremo sanzioni"
    finally:
        other.close()
