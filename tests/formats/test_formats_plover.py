"""PLOVER event records: one line per event, the record's keys, filters, the CLI and atomic writing."""

from __future__ import annotations

import json

import pytest

import annotator.formats.plover as plover
from annotator.cli.main import main
from annotator.domain.model import (
    ACCEPTED,
    DOC_DONE,
    DOC_IN_PROGRESS,
    GOLD,
    REJECTED,
    SUGGESTED,
    SUGGESTIONS,
    Event,
    EventArg,
    Quote,
    Span,
)
from annotator.formats import EXPORTERS, exporter
from annotator.formats.plover import KEYS, export_plover, iter_plover_records
from annotator.services.exporting import default_export_path
from annotator.store.project import NewDocument

# An emoji before the first event (offsets are code points), a line break, ! and ? as sentence ends.
TEXT = (
    "😀 Biden e Putin hanno parlato in una telefonata da Ginevra il 30 dicembre. "
    "Nessun accordo!\n"
    "«Non invaderemo l'Ucraina», ha detto Putin. Poi Mosca ha negato le accuse? Sì"
)
OTHER = "Sanzioni contro la Russia. La Russia respinge le sanzioni e minaccia ritorsioni"
ORIGIN = "lexicon_it@1.0"


def at(text, part, nth=1):
    start = -1
    for _ in range(nth):
        start = text.index(part, start + 1)
    return start, start + len(part)


def event(doc_id, etype, layer, trigger=None, args=(), **fields):
    t_start, t_end = trigger if trigger else (None, None)
    fields.setdefault("annotator", layer)
    return Event(doc_id, etype, layer, trigger_start=t_start, trigger_end=t_end,
                 args=tuple(EventArg(role, *rng) for role, rng in args), **fields)


@pytest.fixture
def sample(project):
    """Two documents: alice (done) and bob (in progress), gold, suggestions and rejected decisions."""
    (doc, _), (other, _) = project.add_documents([
        NewDocument(TEXT, meta={"title": "Telefonata", "published": "2021-12-22T09:30:00+01:00"}, uid="d1"),
        NewDocument(OTHER, meta={"title": "Sanzioni"}, uid="d2"),
    ])
    biden, putin, ginevra = at(TEXT, "Biden"), at(TEXT, "Putin"), at(TEXT, "Ginevra")
    putin2, mosca = at(TEXT, "Putin", 2), at(TEXT, "Mosca")
    quote = project.insert(Quote(doc, *at(TEXT, "Non invaderemo l'Ucraina"), "alice", "direct", *putin2, "PER",
                                 *at(TEXT, "ha detto"), annotator="alice"))
    ids = {"doc": doc, "other": other, "quote": quote.id}
    # inserted out of text order: numbering follows the triggers
    project.insert(event(doc, "REJECT", "alice", at(TEXT, "negato"), [("actor", mosca)], mode="deny"))
    project.insert(event(doc, "CONSULT", "alice", at(TEXT, "telefonata"),
                         [("actor", biden), ("actor", putin), ("location", ginevra)],
                         mode="phone", context=("diplomatic",), date="2021-12-30"))
    project.insert(event(doc, "ACCUSE", "alice", at(TEXT, "ha detto"),
                         [("actor", putin2), ("target", at(TEXT, "Ucraina")), ("recipient", at(TEXT, "Biden"))],
                         quote_id=quote.id))
    project.insert(event(doc, "AGREE", "alice"))  # no trigger: last, no sentence
    project.insert(event(doc, "ASSAULT", "alice", at(TEXT, "accordo"), status=REJECTED))  # never exported
    project.insert(event(other, "REJECT", "bob", at(OTHER, "respinge"), [("actor", at(OTHER, "Russia", 2))]))
    project.insert(event(doc, "CONSULT", GOLD, at(TEXT, "telefonata"), [("actor", biden)], annotator="rita"))
    project.set_doc_status(doc, "alice", DOC_DONE)
    project.set_doc_status(other, "bob", DOC_IN_PROGRESS)
    project.replace_suggestions(
        [(other, [], [], [event(other, "THREATEN", SUGGESTIONS, at(OTHER, "minaccia"), origin=ORIGIN),
                          event(other, "SANCTION", SUGGESTIONS, at(OTHER, "Sanzioni"), origin=ORIGIN)])],
        origin=ORIGIN, action="fixture",
    )
    # bob rejects the THREATEN suggestion: a decision row in his layer, never exported
    threaten = next(e for e in project.iter_annotated_documents() if e.document.id == other).events
    threaten = next(e for e in threaten if e.type == "THREATEN")
    project.insert(threaten.with_(id=None, layer="bob", status=REJECTED, annotator="bob", source_id=threaten.id))
    return project, ids


def read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def export(project, tmp_path, name="out.jsonl", **options):
    path = tmp_path / name
    report = export_plover(project, path, **options)
    records = read(path)
    assert report.records == len(records)
    assert report.documents == len({r["doc_id"] for r in records})
    for r in records:
        assert tuple(r) == KEYS
    return records


def ids_of(records):
    return [r["id"] for r in records]


def test_registered_lazily_with_a_jsonl_suffix():
    spec = EXPORTERS["plover"]
    assert spec.target == "annotator.formats.plover:export_plover" and spec.suffix == ".jsonl"
    assert exporter("plover") is export_plover
    assert str(default_export_path("/data/news.db", "plover")) == "exports/news-plover.jsonl"


def test_consult_phone_event_exact_record(sample, tmp_path):
    project, _ = sample
    records = export(project, tmp_path, annotators=["alice"])
    consult = records[0]
    assert list(consult) == ["id", "doc_id", "date", "actor", "recipient", "event", "mode", "context",
                             "location", "event_text", "trigger", "args", "quote", "coder"]
    t, b, p, g = at(TEXT, "telefonata"), at(TEXT, "Biden"), at(TEXT, "Putin"), at(TEXT, "Ginevra")
    assert consult == {
        "id": "d1-alice-1",
        "doc_id": "d1",
        "date": "2021-12-30",
        "actor": ["Biden", "Putin"],
        "recipient": [],
        "event": "CONSULT",
        "mode": "phone",
        "context": ["diplomatic"],
        "location": "Ginevra",
        "event_text": "😀 Biden e Putin hanno parlato in una telefonata da Ginevra il 30 dicembre.",
        "trigger": {"start": t[0], "end": t[1], "text": "telefonata"},
        "args": [{"role": "actor", "start": b[0], "end": b[1], "text": "Biden"},
                 {"role": "actor", "start": p[0], "end": p[1], "text": "Putin"},
                 {"role": "location", "start": g[0], "end": g[1], "text": "Ginevra"}],
        "quote": None,
        "coder": "alice",
    }
    assert TEXT[t[0]:t[1]] == "telefonata" and t[0] == TEXT.index("telefonata")  # code point offsets


def test_numbering_dates_sentences_quotes_and_other_roles(sample, tmp_path):
    project, ids = sample
    records = {r["id"]: r for r in export(project, tmp_path, annotators=["alice"])}
    # trigger order, the event without trigger last; the rejected event is not there
    assert [(i, r["event"]) for i, r in records.items()] == [
        ("d1-alice-1", "CONSULT"), ("d1-alice-2", "ACCUSE"), ("d1-alice-3", "REJECT"), ("d1-alice-4", "AGREE")]
    accuse, reject, agree = records["d1-alice-2"], records["d1-alice-3"], records["d1-alice-4"]
    # no date of its own: the day the article was published
    assert accuse["date"] == reject["date"] == agree["date"] == "2021-12-22"
    # the sentence of the trigger, cut at line breaks and at . ! ? before a space
    assert accuse["event_text"] == "«Non invaderemo l'Ucraina», ha detto Putin."
    assert reject["event_text"] == "Poi Mosca ha negato le accuse?"
    assert agree["event_text"] is None and agree["trigger"] is None and agree["actor"] == []
    # the linked quotation
    q = at(TEXT, "Non invaderemo l'Ucraina")
    assert accuse["quote"] == {"start": q[0], "end": q[1], "text": "Non invaderemo l'Ucraina"}
    # a role that is not a PLOVER field stays in args only
    assert accuse["actor"] == ["Putin"] and accuse["recipient"] == ["Biden"] and accuse["location"] is None
    assert [(a["role"], a["text"]) for a in accuse["args"]] == [("actor", "Putin"), ("target", "Ucraina"),
                                                                  ("recipient", "Biden")]
    assert "target" not in accuse
    assert reject["mode"] == "deny" and reject["context"] == []


def test_no_published_day_gives_null_date(project, tmp_path):
    (a, _), (b, _) = project.add_documents([
        NewDocument("Il vertice di Roma.", meta={"published": "ieri"}, uid="x"),
        NewDocument("Il vertice di Parigi.", meta={}, uid="y"),
    ])
    project.insert(event(a, "CONSULT", "alice", (3, 10)))
    project.insert(event(b, "CONSULT", "alice", (3, 10), date="2022-01"))
    records = export(project, tmp_path)
    assert [(r["id"], r["date"], r["event_text"]) for r in records] == [
        ("x-alice-1", None, "Il vertice di Roma."), ("y-alice-1", "2022-01", "Il vertice di Parigi.")]


def test_publication_day_also_comes_from_a_date_key_with_a_time(project, tmp_path):
    [(a, _)] = project.add_documents([
        NewDocument("Il vertice di Roma.", meta={"date": "2021-12-22T09:30:00+01:00"}, uid="x")])
    project.insert(event(a, "CONSULT", "alice", (3, 10)))
    [record] = export(project, tmp_path)
    assert record["date"] == "2021-12-22"


def test_quote_of_another_document_is_not_linked(sample, tmp_path):
    project, ids = sample
    project.insert(event(ids["other"], "ACCUSE", "carla", (0, 8), quote_id=ids["quote"]))
    records = export(project, tmp_path, annotators=["carla"])
    assert [(r["id"], r["quote"]) for r in records] == [("d2-carla-1", None)]


def test_default_export_has_the_annotators_layers_only(sample, tmp_path):
    project, _ = sample
    records = export(project, tmp_path)
    assert ids_of(records) == ["d1-alice-1", "d1-alice-2", "d1-alice-3", "d1-alice-4", "d2-bob-1"]
    assert {r["coder"] for r in records} == {"alice", "bob"}
    assert all(r["event"] != "ASSAULT" for r in records)  # rejected: never


def test_annotator_filter_selects_a_layer(sample, tmp_path):
    project, _ = sample
    bob = export(project, tmp_path, annotators=["bob"])
    assert [(r["id"], r["event"], r["coder"], r["actor"]) for r in bob] == [("d2-bob-1", "REJECT", "bob", ["Russia"])]
    assert export(project, tmp_path, annotators=["nobody"]) == []


def test_gold(sample, tmp_path):
    project, _ = sample
    with_gold = export(project, tmp_path, gold=True)
    assert ids_of(with_gold) == ["d1-alice-1", "d1-alice-2", "d1-alice-3", "d1-alice-4", "d1-gold-1", "d2-bob-1"]
    gold = [r for r in with_gold if r["coder"] == GOLD]
    assert [(r["event"], r["actor"]) for r in gold] == [("CONSULT", ["Biden"])]
    only = export(project, tmp_path, annotators=[GOLD])
    assert [(r["id"], r["coder"]) for r in only] == [("d1-gold-1", "gold")]


def test_status_filter(sample, tmp_path):
    project, _ = sample
    assert {r["coder"] for r in export(project, tmp_path, status="done")} == {"alice"}
    assert ids_of(export(project, tmp_path, status="in progress")) == ["d2-bob-1"]
    assert export(project, tmp_path, status="adjudicated") == []


def test_include_suggestions(sample, tmp_path):
    project, _ = sample
    assert all(r["coder"] != ORIGIN for r in export(project, tmp_path))  # only on request
    records = export(project, tmp_path, include_suggestions=True)
    suggested = [r for r in records if r["coder"] == ORIGIN]
    assert [(r["id"], r["event"]) for r in suggested] == [
        (f"d2-{SUGGESTIONS}-1", "SANCTION"), (f"d2-{SUGGESTIONS}-2", "THREATEN")]
    assert suggested[0]["event_text"] == "Sanzioni contro la Russia."
    assert suggested[1]["event_text"] == "La Russia respinge le sanzioni e minaccia ritorsioni"
    # bob's rejection of THREATEN is a decision row: never a record of his
    assert [r["event"] for r in records if r["coder"] == "bob"] == ["REJECT"]
    # filtered exports keep the suggestions of the documents they write only
    assert {r["doc_id"] for r in export(project, tmp_path, annotators=["alice"], include_suggestions=True)} == {"d1"}
    assert [r["coder"] for r in export(project, tmp_path, annotators=["bob"], include_suggestions=True)] == [
        "bob", ORIGIN, ORIGIN]
    assert export(project, tmp_path, annotators=["nobody"], include_suggestions=True) == []


def test_a_suggestion_that_was_rejected_in_the_store_is_never_written(project, tmp_path):
    (doc, _), = project.add_documents([NewDocument("Il vertice di Roma.", uid="z")])
    project.insert(event(doc, "CONSULT", SUGGESTIONS, (3, 10), origin=ORIGIN, annotator=ORIGIN, status=SUGGESTED))
    project.insert(event(doc, "AGREE", SUGGESTIONS, (0, 2), origin=ORIGIN, annotator=ORIGIN, status=REJECTED))
    project.insert(event(doc, "AID", "alice", (0, 2), status=SUGGESTED))  # not accepted: not alice's
    records = export(project, tmp_path, include_suggestions=True)
    assert [(r["id"], r["event"], r["coder"]) for r in records] == [(f"z-{SUGGESTIONS}-1", "CONSULT", ORIGIN)]


def test_progress_and_constant_batches(sample, tmp_path):
    project, _ = sample
    seen = []
    records = list(iter_plover_records(project, progress=lambda done, total: seen.append((done, total)),
                                       batch_size=1))
    assert seen == [(1, 2), (2, 2)]
    assert len(records) == 5
    seen.clear()
    export_plover(project, tmp_path / "p.jsonl", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 2)]


def test_labels_change_nothing(sample, tmp_path):
    project, _ = sample
    project.insert(Span(1, 2, 7, "PER", "alice", "manual", ACCEPTED, "alice"))
    assert export(project, tmp_path, labels={"LOC"}) == export(project, tmp_path, "b.jsonl")


# --- the command line ------------------------------------------------------------------------------


def test_cli_writes_the_file(sample, tmp_path, capsys, monkeypatch):
    project, _ = sample
    target = tmp_path / "events.jsonl"
    code = main(["--project", str(project.path), "export", "--format", "plover", "-o", str(target)])
    out, _ = capsys.readouterr()
    assert code == 0 and out.strip() == f"Wrote 5 records (2 documents) to {target}"
    assert ids_of(read(target)) == ["d1-alice-1", "d1-alice-2", "d1-alice-3", "d1-alice-4", "d2-bob-1"]
    code = main(["--project", str(project.path), "export", "--format", "plover", "-o", str(target),
                 "--annotator", "gold"])
    assert code == 0 and ids_of(read(target)) == ["d1-gold-1"]
    code = main(["--project", str(project.path), "export", "--format", "plover", "-o", str(target),
                 "--status", "in-progress", "--include-suggestions"])
    assert code == 0 and [r["coder"] for r in read(target)] == ["bob", ORIGIN, ORIGIN]
    # the default name: exports/<project>-plover.jsonl
    monkeypatch.chdir(tmp_path)
    assert main(["--project", str(project.path), "export", "--format", "plover"]) == 0
    assert "to exports/project-plover.jsonl" in capsys.readouterr()[0]
    assert len(read(tmp_path / "exports" / "project-plover.jsonl")) == 5


def test_cli_help_lists_plover(capsys):
    assert main(["export", "--help"]) == 0
    assert "plover: PLOVER event records, one per event" in " ".join(capsys.readouterr()[0].split())


# --- atomic writing --------------------------------------------------------------------------------


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_failing_midway_leaves_the_previous_export(sample, tmp_path, monkeypatch):
    project, _ = sample
    target = tmp_path / "events.jsonl"
    export_plover(project, target)
    before = target.read_bytes()
    real = plover.event_record
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # two records are already written when this fails
            raise OSError("no space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(plover, "event_record", flaky)
    with pytest.raises(OSError):
        export_plover(project, target, gold=True)
    assert target.read_bytes() == before
    assert leftovers(tmp_path) == []
    # a first export that fails leaves no file at all
    fresh = tmp_path / "fresh.jsonl"
    calls.clear()
    with pytest.raises(OSError):
        export_plover(project, fresh)
    assert not fresh.exists() and leftovers(tmp_path) == []
