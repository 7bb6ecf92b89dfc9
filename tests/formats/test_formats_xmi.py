"""UIMA CAS XMI export and import: the type system, exact content, offsets after emoji, the real client
(dkpro-cassis loads every file and sees every annotation), the import round trip, filters, bad files
and atomic writing."""

from __future__ import annotations

import json
import re

import pytest
from jsonl_sample import META, ORIGIN, OTHER, TEXT, at

import annotator.formats.xmi as xmi
from annotator.domain.event_schema import EventSchema
from annotator.domain.model import ACCEPTED, DOC_DONE, GOLD, Event, EventArg, Quote, Span
from annotator.formats import EXPORTERS, IMPORTERS, exporter, importer
from annotator.formats.atomic import MARKER, OutputRefused
from annotator.formats.jsonl import iter_records
from annotator.formats.xmi import (
    CUE,
    DOCUMENT_META,
    EVENT,
    EVENT_ARGS_LINK,
    EVENT_ARGUMENT,
    NAMED_ENTITY,
    QUOTATION,
    RECORD,
    SPEAKER,
    TYPESYSTEM_FILE,
    XmiReport,
    export_xmi,
    read_xmi,
)
from annotator.services.importing import import_paths
from annotator.services.settings import DEFAULT_EVENTS
from annotator.store import open_project
from annotator.store.project import NewDocument

cassis = pytest.importorskip("cassis")

EMOJI_TEXT = "Ok 👍🏽 da Luca Verdi a Roma 👍🏽👍🏽, poi «va bene» ha detto Verdi.\nFine 🇮🇹 Torino, 30 dicembre"


def load(folder):
    """Every exported file loaded by cassis with the exported type system: {file name: CAS}."""
    ts = cassis.load_typesystem(folder / TYPESYSTEM_FILE)
    return {p.name: cassis.load_cas_from_xmi(p, typesystem=ts) for p in sorted(folder.glob("*.xmi"))}


def covered(cas, type_name):
    found = sorted(cas.select(type_name), key=lambda a: (a.begin, a.end))
    return [(a.begin, a.end, a.get_covered_text()) for a in found]


def utf16(text, index):
    return len(text[:index].encode("utf-16-le")) // 2


def emoji_project(project):
    """One document with emoji (👍🏽 is 2 code points, 4 UTF-16 units) before every annotation."""
    ((doc_id, _),) = project.add_documents([NewDocument(EMOJI_TEXT, meta={"title": "Emoji 👍🏽"}, uid="emoji")])
    luca, verdi2, roma = at(EMOJI_TEXT, "Luca Verdi"), at(EMOJI_TEXT, "Verdi", 2), at(EMOJI_TEXT, "Roma")
    torino, content, cue = at(EMOJI_TEXT, "Torino"), at(EMOJI_TEXT, "va bene"), at(EMOJI_TEXT, "ha detto")
    items = [
        Span(doc_id, *luca, "PER", "alice", "manual", ACCEPTED, "alice"),
        Span(doc_id, *roma, "LOC", "alice", "manual", ACCEPTED, "alice"),
        Span(doc_id, *torino, "LOC", "alice", "manual", ACCEPTED, "alice"),
        Span(doc_id, *at(EMOJI_TEXT, "30 dicembre"), "DATE", "alice", "manual", ACCEPTED, "alice", value="2021-12-30"),
        Quote(doc_id, *content, "alice", "direct", *verdi2, None, *cue, annotator="alice"),
        Event(doc_id, "MEET", "alice", trigger_start=content[0], trigger_end=content[1],
              args=(EventArg("actor", *luca), EventArg("location", *torino)), annotator="alice",
              quote_range=content),
        Event(doc_id, "STATEMENT", "alice", mode="verbal", context=("politics", "local"), annotator="alice"),
    ]
    with project.db.atomic():
        project.import_annotations(items, action="fixture", annotator="tester")
        project.set_doc_status(doc_id, "alice", DOC_DONE)
    return doc_id


# --- registry and type system -----------------------------------------------------------------------------


def test_registered_for_export_and_import():
    assert exporter("xmi") is export_xmi and importer("xmi") is read_xmi
    assert EXPORTERS["xmi"].suffix == "" and "xmi" in IMPORTERS


def test_the_type_system_declares_every_type_and_feature(annotated, tmp_path):
    project, _ = annotated
    export_xmi(project, tmp_path / "out")
    ts = cassis.load_typesystem(tmp_path / "out" / TYPESYSTEM_FILE)

    def features(name):
        return {f.name: (f.rangeType.name, f.elementType.name if f.elementType else None)
                for f in ts.get_type(name).all_features if f.name not in ("begin", "end", "sofa")}

    assert ts.get_type(NAMED_ENTITY).supertype.name == "uima.tcas.Annotation"
    assert features(NAMED_ENTITY) == {"value": ("uima.cas.String", None), "identifier": ("uima.cas.String", None),
                                      "normalized": ("uima.cas.String", None)}
    assert ts.get_type(DOCUMENT_META).supertype.name == "uima.tcas.DocumentAnnotation"
    assert {"documentId", "documentTitle", "documentUri", "language"} <= set(features(DOCUMENT_META))
    assert features(QUOTATION) == {"kind": ("uima.cas.String", None), "speaker": (SPEAKER, None), "cue": (CUE, None)}
    assert features(SPEAKER) == {"label": ("uima.cas.String", None)}
    assert features(CUE) == {}
    assert features(EVENT) == {
        "eventType": ("uima.cas.String", None), "mode": ("uima.cas.String", None), "date": ("uima.cas.String", None),
        "context": ("uima.cas.StringArray", None), "quote": (QUOTATION, None),
        "args": ("uima.cas.FSArray", EVENT_ARGS_LINK),
    }
    assert features(EVENT_ARGS_LINK) == {"role": ("uima.cas.String", None), "target": (EVENT_ARGUMENT, None)}
    assert ts.get_type(EVENT_ARGS_LINK).supertype.name == "uima.cas.TOP"
    for name in (QUOTATION, SPEAKER, CUE, EVENT, EVENT_ARGUMENT):
        assert name.startswith("webanno.custom.")  # INCEpTION imports custom layers by this prefix
        assert ts.get_type(name).supertype.name == "uima.tcas.Annotation"
    assert set(features(RECORD)) == {"annotator", "status", "answer", "meta"}


# --- exact content --------------------------------------------------------------------------------------


def test_exact_content_of_a_small_project(annotated, tmp_path):
    project, _ = annotated
    folder = tmp_path / "out"
    report = export_xmi(project, folder, gold=True, include_suggestions=True)
    assert isinstance(report, XmiReport)
    assert (report.documents, report.records, report.replaced_characters) == (2, 5, 0)
    assert sorted(p.name for p in folder.iterdir() if p.name != MARKER) == sorted([
        TYPESYSTEM_FILE, "doc-1-alice.xmi", "doc-1-bob.xmi", "doc-1-gold.xmi", f"doc-1-{ORIGIN}.xmi", "doc-2.xmi"])
    cases = load(folder)

    alice = cases["doc-1-alice.xmi"]
    assert alice.sofa_string == TEXT  # the CRLF line ends survive XML
    (meta,) = alice.select(DOCUMENT_META)
    assert (meta.documentId, meta.documentTitle, meta.documentUri, meta.language) == (
        "doc-1", "Draghi e Macron", "https://example.org/a", "it")
    assert (meta.begin, meta.end) == (0, len(TEXT))
    (record,) = alice.select(RECORD)
    assert (record.annotator, record.status, record.answer) == ("alice", "done", "accept")
    assert json.loads(record.meta) == META

    entities = sorted(alice.select(NAMED_ENTITY), key=lambda a: a.begin)
    assert [(e.begin, e.end, e.value, e.get_covered_text()) for e in entities] == [
        (*at(TEXT, "Mario Draghi"), "PER", "Mario Draghi"), (*at(TEXT, "ANSA"), "ORG", "ANSA"),
        (*at(TEXT, "Parigi"), "LOC", "Parigi")]

    direct, indirect = sorted(alice.select(QUOTATION), key=lambda a: a.begin)
    assert (direct.get_covered_text(), direct.kind) == ("La città è pronta", "direct")
    assert (direct.speaker.get_covered_text(), direct.speaker.label) == ("Mario Draghi", "PER")
    assert direct.cue.get_covered_text() == "ha detto"
    assert (indirect.get_covered_text(), indirect.kind, indirect.speaker, indirect.cue) == (
        "la crisi è finita", "indirect", None, None)
    assert [a.get_covered_text() for a in alice.select(SPEAKER)] == ["Mario Draghi"]
    assert [a.get_covered_text() for a in alice.select(CUE)] == ["ha detto"]

    (event,) = alice.select(EVENT)
    assert (event.get_covered_text(), event.eventType, event.mode, event.date) == (
        "telefonato", "CONSULT", "phone", "2021-12-30")
    assert event.context.elements == ["diplomatic"] and event.quote is None
    assert [(link.role, link.target.get_covered_text(), link.target.type.name) for link in event.args.elements] == [
        ("actor", "Draghi", EVENT_ARGUMENT), ("recipient", "Macron", EVENT_ARGUMENT),
        ("location", "Parigi", EVENT_ARGUMENT)]

    assert [e.value for e in cases["doc-1-bob.xmi"].select(NAMED_ENTITY)] == ["PER"]
    assert cases["doc-1-bob.xmi"].select(RECORD)[0].answer == "ignore"
    assert cases["doc-1-gold.xmi"].select(RECORD)[0].annotator == GOLD
    suggested = cases[f"doc-1-{ORIGIN}.xmi"]
    assert suggested.select(RECORD)[0].status == "suggested"
    assert sorted(e.get_covered_text() for e in suggested.select(NAMED_ENTITY)) == ["Macron", "Parigi"]
    other = cases["doc-2.xmi"]
    assert other.sofa_string == OTHER and other.select(NAMED_ENTITY) == []
    assert other.select(RECORD)[0].annotator is None and other.select(DOCUMENT_META)[0].documentTitle == "Altro"


def test_offsets_after_emoji_are_utf16_in_the_file_and_code_points_in_cassis(project, tmp_path):
    emoji_project(project)
    folder = tmp_path / "out"
    export_xmi(project, folder)
    xml = (folder / "emoji-alice.xmi").read_text(encoding="utf-8")
    luca = at(EMOJI_TEXT, "Luca Verdi")
    # Java/UIMA count UTF-16 code units: each 👍🏽 is 4 of them but 2 Python characters
    assert utf16(EMOJI_TEXT, luca[0]) == luca[0] + 2
    assert re.search(rf'<type\d*:NamedEntity [^>]*begin="{utf16(EMOJI_TEXT, luca[0])}" '
                     rf'end="{utf16(EMOJI_TEXT, luca[1])}" value="PER"', xml)
    cas = load(folder)["emoji-alice.xmi"]
    assert cas.sofa_string == EMOJI_TEXT
    assert covered(cas, NAMED_ENTITY) == [(*luca, "Luca Verdi"), (*at(EMOJI_TEXT, "Roma"), "Roma"),
                                          (*at(EMOJI_TEXT, "Torino"), "Torino"),
                                          (*at(EMOJI_TEXT, "30 dicembre"), "30 dicembre")]
    assert [(e.value, e.normalized) for e in sorted(cas.select(NAMED_ENTITY), key=lambda e: e.begin)] == [
        ("PER", None), ("LOC", None), ("LOC", None), ("DATE", "2021-12-30")]
    (quote,) = cas.select(QUOTATION)
    assert (quote.begin, quote.end) == at(EMOJI_TEXT, "va bene")
    assert (quote.speaker.get_covered_text(), quote.speaker.label) == ("Verdi", None)
    assert (quote.speaker.begin, quote.speaker.end) == at(EMOJI_TEXT, "Verdi", 2)
    meet, statement = sorted(cas.select(EVENT), key=lambda e: e.eventType)
    assert meet.quote is quote or (meet.quote.begin, meet.quote.end) == (quote.begin, quote.end)
    assert [(a.role, a.target.get_covered_text()) for a in meet.args.elements] == [("actor", "Luca Verdi"),
                                                                                     ("location", "Torino")]
    # an event without trigger: zero width at 0
    assert (statement.begin, statement.end, statement.context.elements) == (0, 0, ["politics", "local"])


@pytest.mark.parametrize("options", [{}, {"gold": True, "include_suggestions": True}])
def test_cassis_sees_every_annotation_of_every_record(annotated, tmp_path, options):
    project, _ = annotated
    emoji_project(project)
    folder = tmp_path / "out"
    export_xmi(project, folder, **options)
    cases = load(folder)
    records = list(iter_records(project, **options))
    assert len(cases) == len(records)
    by_layer = {(c.select(DOCUMENT_META)[0].documentId, c.select(RECORD)[0].annotator): c for c in cases.values()}
    for record in records:
        cas = by_layer[record["id"], record["annotator"]]
        text = record["text"]
        assert cas.sofa_string == text
        assert sorted((a.begin, a.end, a.value, a.get_covered_text(), a.normalized)
                      for a in cas.select(NAMED_ENTITY)) == sorted(
            (s["start"], s["end"], s["label"], s["text"], s.get("value")) for s in record["spans"])
        quotes = sorted(cas.select(QUOTATION), key=lambda a: (a.begin, a.end))
        assert [(q.get_covered_text(), q.kind) for q in quotes] == [(q["text"], q["kind"]) for q in record["quotes"]]
        for q, expected in zip(quotes, record["quotes"]):
            for part in ("speaker", "cue"):
                got = getattr(q, part)
                want = expected[part]
                assert (got is None) == (want is None)
                if got is not None:
                    assert (got.begin, got.end, got.get_covered_text()) == (want["start"], want["end"], want["text"])
        events = cas.select(EVENT)
        assert len(events) == len(record["events"])
        expected_events = sorted(record["events"], key=lambda e: e["type"])
        for e, expected in zip(sorted(events, key=lambda e: e.eventType), expected_events):
            trigger = expected["trigger"]
            assert (e.get_covered_text() if e.end > e.begin else None) == (trigger["text"] if trigger else None)
            assert [(a.role, a.target.begin, a.target.end, a.target.get_covered_text()) for a in e.args.elements] == [
                (a["role"], a["start"], a["end"], a["text"]) for a in expected["args"]]


# --- import -----------------------------------------------------------------------------------------------


def emoji_events():
    """The bundled PLOVER schema with the emoji sample's own names (MEET; STATEMENT, its mode verbal,
    the contexts politics and local): an import refuses events its schema does not define."""
    data = json.loads(DEFAULT_EVENTS.read_text(encoding="utf-8"))
    data["types"] += [{"name": "MEET", "definition": "a meeting"},
                      {"name": "STATEMENT", "definition": "a statement", "modes": [{"name": "verbal"}]}]
    data["contexts"] += ["politics", "local"]
    return EventSchema.from_dict(data)


def comparable(record):
    """A record as the round trip must keep it: span origins and the hash of the origins aside."""
    # XMI has no place for rejected suggestions: INCEpTION keeps its own in its database
    return {**{k: v for k, v in record.items() if k != "rejected"},
            "spans": [{k: v for k, v in s.items() if k != "origin"} for s in record["spans"]]}


def test_import_back_gives_the_same_records(annotated, tmp_path, labels):
    project, _ = annotated
    emoji_project(project)
    options = {"gold": True, "include_suggestions": True}
    folder = tmp_path / "out"
    export_xmi(project, folder, **options)

    fresh = open_project(tmp_path / "fresh.db")
    try:
        report = import_paths(fresh, [folder], annotator=None, labels=labels, fmt="xmi", events=emoji_events())
        assert report.rejected == []
        assert report.added == 3
        original = [comparable(r) for r in iter_records(project, **options)]
        again = [comparable(r) for r in iter_records(fresh, **options)]
        assert again == original  # spans, quotations (speakers, cues), events (args, quote links), statuses
        assert [s["value"] for r in again for s in r["spans"] if "value" in s] == ["2021-12-30"]
        linked = [e for r in again for e in r["events"] if e["quote"]]
        assert [e["quote"]["text"] for e in linked] == ["va bene"]
        # importing the same folder again adds nothing
        assert import_paths(fresh, [folder], annotator=None, labels=labels, fmt="xmi",
                            events=emoji_events()).annotations == 0
    finally:
        fresh.close()


def test_one_file_with_its_type_system_beside(annotated, tmp_path):
    project, _ = annotated
    export_xmi(project, tmp_path / "out")
    ((source, record),) = list(read_xmi(tmp_path / "out" / "doc-1-alice.xmi"))
    assert source.endswith("doc-1-alice.xmi")
    assert record["id"] == "doc-1" and record["annotator"] == "alice" and record["status"] == "done"
    assert [(s["text"], s["label"]) for s in record["spans"]] == [("Mario Draghi", "PER"), ("ANSA", "ORG"),
                                                                  ("Parigi", "LOC")]


def test_a_bad_file_is_named_and_the_rest_goes_on(annotated, tmp_path, labels):
    project, _ = annotated
    folder = tmp_path / "out"
    export_xmi(project, folder)
    (folder / "broken.xmi").write_text("<xmi:XMI this is not xml", encoding="utf-8")
    lost = tmp_path / "elsewhere"
    lost.mkdir()
    (lost / "alone.xmi").write_bytes((folder / "doc-2.xmi").read_bytes())

    results = dict(read_xmi(folder))
    assert len(results) == 4
    assert isinstance(results[str(folder / "broken.xmi")], str)
    assert "not a readable UIMA CAS XMI file" in results[str(folder / "broken.xmi")]
    assert all(isinstance(r, dict) for s, r in results.items() if not s.endswith("broken.xmi"))
    ((_, reason),) = list(read_xmi(lost))
    assert TYPESYSTEM_FILE in reason

    fresh = open_project(tmp_path / "fresh.db")
    try:
        report = import_paths(fresh, [folder, lost], annotator=None, labels=labels, fmt="xmi")
        rejected = sorted(r.source for r in report.rejected)
        assert rejected == sorted([str(folder / "broken.xmi"), str(lost / "alone.xmi")])
        assert report.added == 2 and report.annotations == 7  # alice's 3 spans, 2 quotes, 1 event; bob's span
    finally:
        fresh.close()


def test_reads_xmi_written_elsewhere(tmp_path):
    """A CAS another tool wrote (an INCEpTION-like one): no Record, DKPro NER subtypes, INCEpTION's user."""
    ts = xmi.build_typesystem()
    person = ts.create_type("de.tudarmstadt.ukp.dkpro.core.api.ner.type.Person", NAMED_ENTITY)
    meta_type = ts.create_type(xmi.INCEPTION_CAS_METADATA, "uima.cas.TOP")
    ts.create_feature(meta_type, "username", "uima.cas.String")
    text = "Oggi 👍🏽 Anna Neri è a Bari."
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = text
    cas.add(ts.get_type(DOCUMENT_META)(begin=0, end=len(text), documentId="inc-1", documentTitle="Da INCEpTION"))
    cas.add(person(begin=at(text, "Anna Neri")[0], end=at(text, "Anna Neri")[1]))
    cas.add(ts.get_type(NAMED_ENTITY)(begin=at(text, "Bari")[0], end=at(text, "Bari")[1], value="LOC"))
    cas.add(meta_type(username="CURATION_USER"))
    folder = tmp_path / "inception" / "annotation" / "doc"
    folder.mkdir(parents=True)
    cas.to_xmi(folder / "CURATION_USER.xmi")
    ts.to_xml(tmp_path / "inception" / "typesystem.xml")  # a folder above, in lower case

    ((_, record),) = list(read_xmi(tmp_path / "inception"))
    assert record["id"] == "inc-1" and record["annotator"] == GOLD and record["status"] is None
    assert record["meta"] == {"title": "Da INCEpTION"}
    assert [(s["text"], s["label"]) for s in record["spans"]] == [("Anna Neri", "Person"), ("Bari", "LOC")]

    cas.add(ts.get_type(NAMED_ENTITY)(begin=0, end=4))  # an entity nobody labelled: the file is named, with why
    cas.to_xmi(folder / "CURATION_USER.xmi")
    ((source, reason),) = list(read_xmi(tmp_path / "inception"))
    assert source == str(folder / "CURATION_USER.xmi")
    assert reason == "the named entity at 0-4 (“Oggi”) has no value: give it a label in INCEpTION and export again"


# --- filters, odd text, names, progress, atomic writing ----------------------------------------------------


@pytest.mark.parametrize("options", [
    {},
    {"annotators": ["bob"]},
    {"annotators": ["gold"]},
    {"status": "done"},
    {"include_suggestions": True},
    {"labels": ["PER"]},
])
def test_filters_follow_the_jsonl_records(annotated, tmp_path, options):
    project, _ = annotated
    folder = tmp_path / "f"
    report = export_xmi(project, folder, **options)
    records = list(iter_records(project, **options))
    got = [record for _, record in read_xmi(folder)]
    assert report.records == len(got) == len(records)
    key = lambda r: (r["id"], r["annotator"] or "")  # noqa: E731
    for mine, theirs in zip(sorted(got, key=key), sorted(records, key=key)):
        assert (mine["id"], mine["annotator"]) == (theirs["id"], theirs["annotator"])
        assert [(s["start"], s["end"], s["label"]) for s in mine["spans"]] == [
            (s["start"], s["end"], s["label"]) for s in theirs["spans"]]


def test_characters_xml_cannot_hold_become_replacement_characters(project, tmp_path):
    text = "Bell\x0b Mario\x00 Rossi a Roma\ufffe e \U0001F44D fine"
    ((doc_id, _),) = project.add_documents([NewDocument(text, uid="odd")])
    roma = at(text, "Roma")
    project.import_annotations([Span(doc_id, *roma, "LOC", "alice", "manual", ACCEPTED, "alice")],
                               action="t", annotator="tester")
    report = export_xmi(project, tmp_path / "out")
    assert report.replaced_characters == 3
    cas = load(tmp_path / "out")["odd-alice.xmi"]
    assert cas.sofa_string == "Bell\ufffd Mario\ufffd Rossi a Roma\ufffd e \U0001F44D fine"
    assert covered(cas, NAMED_ENTITY) == [(*roma, "Roma")]  # no offset moved


def test_file_names_are_safe_and_unique(project, tmp_path):
    project.add_documents([NewDocument("Uno.", uid="a b/c"), NewDocument("Due.", uid="a_b_c"),
                           NewDocument("Tre.", uid="A_B_C")])
    export_xmi(project, tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out").glob("*.xmi"))
    case_blind = (tmp_path / "OUT").exists()
    assert names == ["A_B_C-3.xmi" if case_blind else "A_B_C.xmi", "a_b_c-2.xmi", "a_b_c.xmi"]
    ids = sorted(record["id"] for _, record in read_xmi(tmp_path / "out"))
    assert ids == ["A_B_C", "a b/c", "a_b_c"]


def test_progress_is_reported(annotated, tmp_path):
    project, _ = annotated
    calls = []
    export_xmi(project, tmp_path / "p", progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (2, 2)


def test_the_folder_is_replaced_whole_or_not_at_all(annotated, tmp_path, monkeypatch):
    project, _ = annotated
    folder = tmp_path / "out"
    export_xmi(project, folder)
    export_xmi(project, folder, annotators=["bob"])
    assert sorted(p.name for p in folder.iterdir()) == [MARKER, TYPESYSTEM_FILE, "doc-1-bob.xmi"]  # stale files gone

    real = xmi.record_to_cas
    calls = []

    def fail_on_the_second(record, typesystem, clean=None):
        calls.append(record["id"])
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real(record, typesystem, clean)

    monkeypatch.setattr(xmi, "record_to_cas", fail_on_the_second)
    with pytest.raises(RuntimeError):
        export_xmi(project, folder)
    assert sorted(p.name for p in folder.iterdir()) == [MARKER, TYPESYSTEM_FILE, "doc-1-bob.xmi"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(OutputRefused):
        export_xmi(project, file)


class Generated:
    """A project of ``n`` annotated documents made on the fly (the ``AnnotatedSource`` protocol), so
    that nothing but the export holds memory."""

    def __init__(self, n):
        self.n = n

    def count_documents(self):
        return self.n

    def iter_annotated_documents(self, *, batch=500, statuses=None):
        from annotator.domain.model import Document
        from annotator.store.project import AnnotatedDocument

        for i in range(self.n):
            text = f"Documento {i}: Mario Rossi 👍🏽 ha visitato Roma, «tutto bene» ha detto Rossi."
            doc = Document(i + 1, f"gen-{i}", text, {"title": f"Titolo {i}"})
            spans = [Span(i + 1, *at(text, "Mario Rossi"), "PER", "alice"),
                     Span(i + 1, *at(text, "Roma"), "LOC", "alice")]
            quotes = [Quote(i + 1, *at(text, "tutto bene"), "alice", "direct", *at(text, "Rossi", 2), "PER",
                            *at(text, "ha detto"))]
            yield AnnotatedDocument(doc, spans, quotes, [], {"alice": DOC_DONE})


def test_memory_does_not_grow_with_the_number_of_documents(tmp_path):
    """The export streams: four times the documents, about the same peak memory (an export that
    held every document would need about four times as much; the margin absorbs the allocator's
    and the collector's noise, which reached +12% in one full-suite run)."""
    import gc
    import tracemalloc

    export_xmi(Generated(3), tmp_path / "warm")  # imports and caches before measuring

    def peak(n):
        gc.collect()
        tracemalloc.start()
        try:
            report = export_xmi(Generated(n), tmp_path / f"out{n}")
            return report.records, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    (small_records, small), (large_records, large) = peak(100), peak(400)
    assert (small_records, large_records) == (100, 400)
    assert large < small * 1.5, (small, large)


def test_the_shipped_type_system_is_the_exported_one():
    """resources/xmi/TypeSystem.xml, for setting up an INCEpTION project before any export, stays in
    step with the code (rebuild it from ``annotator.formats.xmi.build_typesystem().to_xml()``)."""
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[2] / "resources" / "xmi" / TYPESYSTEM_FILE
    assert cassis.load_typesystem(shipped).to_xml() == xmi.build_typesystem().to_xml()
