"""`annotator stats`: which documents count as annotated, and what the table shows."""

from __future__ import annotations

import json

from annotator.cli.main import main
from annotator.domain.model import SUGGESTED, SUGGESTIONS, Event, EventArg, Quote, Span
from annotator.store.project import NewDocument

TEXT = "Mario Draghi ha detto: «La città è pronta». Poi ha telefonato a Macron."
ORIGIN = "it_news@1.0"


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def build(project) -> None:
    """Three documents: alice has a quotation and an event in the first (no entity), an entity in
    the second; pre-annotation suggested a quotation and two events in the third."""
    (first, _), (second, _), (third, _) = project.add_documents(
        NewDocument(TEXT + f" ({n})", uid=f"d{n}") for n in range(3))
    draghi, macron = at("Mario Draghi"), at("Macron")
    project.import_annotations([
        Quote(first, *at("La città è pronta"), "alice", "direct", *draghi, "PER", annotator="alice"),
        Event(first, "CONSULT", "alice", trigger_start=at("telefonato")[0], trigger_end=at("telefonato")[1],
              args=(EventArg("actor", *draghi), EventArg("recipient", *macron)), annotator="alice"),
        Span(second, *macron, "PER", "alice", annotator="alice"),
        Quote(third, *at("La città è pronta"), SUGGESTIONS, origin=ORIGIN, status=SUGGESTED, annotator=ORIGIN),
        Event(third, "CONSULT", SUGGESTIONS, origin=ORIGIN, status=SUGGESTED, annotator=ORIGIN),
        Event(third, "AGREE", SUGGESTIONS, origin=ORIGIN, status=SUGGESTED, annotator=ORIGIN),
    ], action="fixture", annotator="tester")


def stats(capsys, project, *options: str) -> str:
    capsys.readouterr()
    assert main(["--project", str(project.path), "stats", *options]) == 0
    return capsys.readouterr().out


def test_a_document_with_only_a_quotation_and_an_event_is_annotated(project, capsys):
    build(project)
    found = json.loads(stats(capsys, project, "--json"))
    assert found["layers"]["alice"] == {"documents": 2, "spans": 1}
    assert (found["quotes"], found["events"]) == ({"alice": 1, SUGGESTIONS: 1}, {"alice": 1, SUGGESTIONS: 2})


def test_the_table_shows_what_the_json_does(project, capsys):
    build(project)
    table = stats(capsys, project)
    assert "Suggested by pre-annotation: 1 quotation and 2 events" in table
    [alice] = [line for line in table.splitlines() if line.split()[:1] == ["alice"] and "2" in line.split()]
    assert alice.split() == ["alice", "2", "1", "1", "1", "0"]  # documents, spans, quotes, events, done
