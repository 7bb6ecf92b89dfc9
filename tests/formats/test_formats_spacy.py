"""spaCy DocBin export: exact content, overlaps, the train/dev split, filters, atomic writing, and the
real client — ``spacy debug data`` and ``spacy train`` run on an exported project."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonl_sample import ORIGIN, OTHER, TEXT, at

import annotator.formats.atomic as atomic_module
from annotator.domain.model import ACCEPTED, DOC_DONE, Span
from annotator.formats import EXPORTERS, exporter
from annotator.formats.jsonl import iter_records
from annotator.formats.spacy_docbin import (
    CUE_LABEL,
    SPAN_GROUPS,
    DocBinReport,
    export_docbin,
    in_train,
    record_to_doc,
    split_paths,
)
from annotator.store.project import NewDocument

spacy = pytest.importorskip("spacy")
from spacy.tokens import DocBin  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("it")


def read(nlp, path):
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def group(doc, key):
    return [(s.text, s.label_) for s in doc.spans[key]]


def by_layer(docs):
    return {(d.user_data["id"], d.user_data["annotator"]): d for d in docs}


# --- content ----------------------------------------------------------------------------------------


def test_registered_as_the_spacy_format():
    assert EXPORTERS["spacy"].suffix == ".spacy"
    assert exporter("spacy") is export_docbin


def test_exact_content_of_a_small_project(annotated, tmp_path, nlp):
    project, _ = annotated
    path = tmp_path / "out.spacy"
    report = export_docbin(project, path, gold=True, include_suggestions=True)
    assert isinstance(report, DocBinReport)
    assert (report.documents, report.records, report.dropped) == (2, 5, 0)
    assert report.paths == (path,)
    docs = read(nlp, path)
    assert [(d.user_data["id"], d.user_data["annotator"]) for d in docs] == [
        ("doc-1", "alice"), ("doc-1", "bob"), ("doc-1", "gold"), ("doc-1", ORIGIN), ("doc-2", None)]
    layers = by_layer(docs)

    alice = layers["doc-1", "alice"]
    assert alice.text == TEXT  # emoji, flag and CRLF kept: offsets are the text's own
    assert alice.user_data == {"id": "doc-1", "annotator": "alice", "status": "done", "answer": "accept"}
    assert ents(alice) == [("Mario Draghi", "PER"), ("ANSA", "ORG"), ("Parigi", "LOC")]
    start, end = at(TEXT, "Mario Draghi")
    assert (alice.ents[0].start_char, alice.ents[0].end_char) == (start, end)
    assert group(alice, "quotes") == [("La città è pronta", "direct"), ("la crisi è finita", "indirect")]
    assert group(alice, "speakers") == [("Mario Draghi", "PER")]
    assert group(alice, "cues") == [("ha detto", CUE_LABEL)]
    assert group(alice, "events") == [("telefonato", "CONSULT")]
    # every other token is "outside", not missing
    assert all(t.ent_iob_ in ("B", "I", "O") for t in alice)

    assert ents(layers["doc-1", "bob"]) == [("Macron", "PER")]
    assert layers["doc-1", "bob"].user_data["answer"] == "ignore"
    assert ents(layers["doc-1", "gold"]) == [("Mario Draghi", "PER")]
    suggested = layers["doc-1", ORIGIN]
    assert ents(suggested) == [("Macron", "PER"), ("Parigi", "LOC")]
    assert suggested.user_data["status"] == "suggested"
    assert set(alice.spans) == set(SPAN_GROUPS)
    assert all(not doc.spans for doc in docs if doc is not alice)  # no empty groups

    nobody = layers["doc-2", None]
    assert nobody.text == OTHER and nobody.user_data["status"] is None
    # nobody annotated it: its entities are missing, so training learns nothing from it about them
    assert ents(nobody) == [] and {t.ent_iob_ for t in nobody} == {""}


def _doc_with(project, text, spans, uid="x"):
    ((doc_id, _),) = project.add_documents([NewDocument(text, uid=uid)])
    project.import_annotations([Span(doc_id, s, e, label, "alice", "manual", ACCEPTED, "alice")
                                for s, e, label in spans], action="test", annotator="tester")
    return doc_id


def test_overlaps_keep_the_longest_and_are_counted(project, tmp_path, nlp, caplog):
    text = "Il presidente Sergio Mattarella parla a Roma.  Fine."
    mattarella, sergio = at(text, "Sergio Mattarella"), at(text, "Sergio")
    roma = at(text, "Roma")
    spans = [
        (*sergio, "PER"),                   # inside the longer one: dropped
        (*mattarella, "PER"),               # kept
        (mattarella[0] + 3, mattarella[1], "ORG"),  # overlaps the longer: dropped
        (roma[0] - 1, roma[1] + 1, "LOC"),  # " Roma." -> trimmed, then widened to whole tokens
        (roma[1] + 1, roma[1] + 3, "MISC"),  # only whitespace: dropped
        (at(text, "Fine")[0] + 1, at(text, "Fine")[1], "MISC"),  # "ine": widened to "Fine"
    ]
    _doc_with(project, text, spans)
    path = tmp_path / "o.spacy"
    with caplog.at_level("WARNING"):
        report = export_docbin(project, path)
    assert report.dropped == 3
    assert "3 entities left out" in caplog.text
    (doc,) = read(nlp, path)
    assert ents(doc) == [("Sergio Mattarella", "PER"), ("Roma.", "LOC"), ("Fine", "MISC")]
    assert all(not e[0].is_space and not e[-1].is_space for e in doc.ents)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12), st.sampled_from(["PER", "LOC"])), max_size=12))
def test_any_spans_give_valid_entities_and_an_honest_count(nlp, raw):
    text = "Ieri 👍🏽 a Roma\r\n  Mario Rossi e  Anna  hanno visto Milano."
    spans = [{"start": s, "end": min(s + n, len(text)), "label": label} for s, n, label in raw if s < len(text)]
    record = {"id": "d", "text": text, "annotator": "alice", "spans": spans, "quotes": [], "events": []}
    doc, dropped = record_to_doc(nlp.tokenizer, record)
    assert len(doc.ents) + dropped == len(spans)
    ordered = sorted((e.start, e.end) for e in doc.ents)
    assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:]))
    assert all(not e[0].is_space and not e[-1].is_space for e in doc.ents)


# --- split --------------------------------------------------------------------------------------------


def many_documents(project, n=150):
    """``n`` short Italian news sentences, each with a person (PER) and a city (LOC), done by alice."""
    names = ["Mario Rossi", "Giulia Bianchi", "Luca Verdi", "Anna Neri", "Paolo Conte", "Sara Gallo",
             "Marco Ferri", "Elena Costa", "Davide Greco", "Chiara Romano", "Franco Marino", "Laura Ricci"]
    cities = ["Roma", "Milano", "Napoli", "Torino", "Palermo", "Genova", "Bologna", "Firenze", "Bari",
              "Venezia", "Verona", "Trieste", "Cagliari"]
    templates = [
        ["", ("P",), " è arrivato a ", ("C",), " ieri mattina."],
        ["Secondo ", ("P",), ", la situazione a ", ("C",), " è difficile."],
        ["A ", ("C",), " il sindaco ha incontrato ", ("P",), " per due ore."],
        ["", ("P",), " ha lasciato ", ("C",), " dopo la riunione di lunedì."],
    ]
    docs, found = [], []
    for i in range(n):
        text, spans = "", []
        for part in templates[i % len(templates)]:
            if isinstance(part, tuple):
                person = part[0] == "P"
                value, label = (names[i % len(names)], "PER") if person else (cities[i * 7 % len(cities)], "LOC")
                spans.append((len(text), len(text) + len(value), label))
                text += value
            else:
                text += part
        text += f" Articolo numero {i}."
        docs.append(NewDocument(text, uid=f"art-{i:03d}"))
        found.append(spans)
    ids = project.add_documents(docs)
    items = [Span(doc_id, s, e, label, "alice", "manual", ACCEPTED, "alice")
             for (doc_id, _), spans in zip(ids, found) for s, e, label in spans]
    with project.db.atomic():
        project.import_annotations(items, action="test", annotator="tester")
        for doc_id, _ in ids:
            project.set_doc_status(doc_id, "alice", DOC_DONE)
    return [doc_id for doc_id, _ in ids]


def test_split_writes_train_and_dev_with_every_document_once(annotated, tmp_path, nlp):
    project, _ = annotated
    many_documents(project, 40)
    path = tmp_path / "corpus.spacy"
    report = export_docbin(project, path, gold=True, split=0.7)
    train, dev = split_paths(path)
    assert (train.name, dev.name) == ("corpus-train.spacy", "corpus-dev.spacy")
    assert report.paths == (train, dev) and not path.exists()
    train_docs, dev_docs = read(nlp, train), read(nlp, dev)
    assert train_docs and dev_docs
    train_ids = {d.user_data["id"] for d in train_docs}
    dev_ids = {d.user_data["id"] for d in dev_docs}
    assert not train_ids & dev_ids  # all layers of a document on one side
    assert len(train_ids | dev_ids) == report.documents == 42
    assert (report.train_documents, report.dev_documents) == (len(train_ids), len(dev_ids))
    assert len(train_docs) + len(dev_docs) == report.records
    assert all(in_train(i, 0.7) for i in train_ids) and not any(in_train(i, 0.7) for i in dev_ids)
    layers = [(d.user_data["id"], d.user_data["annotator"]) for d in train_docs + dev_docs]
    assert {a for i, a in layers if i == "doc-1"} == {"alice", "bob", "gold"}

    # deterministic: the same export gives the same bytes
    first = (train.read_bytes(), dev.read_bytes())
    export_docbin(project, path, gold=True, split=0.7)
    assert (train.read_bytes(), dev.read_bytes()) == first


def test_split_paths_and_bad_fractions(project, tmp_path):
    assert split_paths(tmp_path / "x.spacy") == (tmp_path / "x-train.spacy", tmp_path / "x-dev.spacy")
    assert split_paths(tmp_path / "x") == (tmp_path / "x-train.spacy", tmp_path / "x-dev.spacy")
    for bad in (0, 1, 1.5, -0.2, "0.8", True):
        with pytest.raises(ValueError, match="fraction between 0 and 1"):
            export_docbin(project, tmp_path / "x.spacy", split=bad)
    assert not list(tmp_path.glob("*.spacy")) and not list(tmp_path.glob(".*.tmp"))


# --- filters, progress, atomic writing -------------------------------------------------------------------


@pytest.mark.parametrize("options", [
    {},
    {"annotators": ["bob"]},
    {"annotators": ["gold"]},
    {"gold": True},
    {"status": "done"},
    {"include_suggestions": True},
    {"labels": ["PER"]},
    {"annotators": ["alice"], "labels": ["LOC", "ORG"]},
])
def test_filters_follow_the_jsonl_records(annotated, tmp_path, nlp, options):
    project, _ = annotated
    path = tmp_path / "f.spacy"
    report = export_docbin(project, path, **options)
    docs = read(nlp, path)
    records = list(iter_records(project, **options))
    assert report.records == len(docs) == len(records)
    assert [(d.user_data["id"], d.user_data["annotator"]) for d in docs] == [(r["id"], r["annotator"]) for r in records]
    for doc, record in zip(docs, records):
        assert ents(doc) == [(s["text"], s["label"]) for s in record["spans"]]


def test_progress_is_reported(annotated, tmp_path):
    project, _ = annotated
    calls = []
    export_docbin(project, tmp_path / "p.spacy", progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (2, 2)


def test_a_failed_write_keeps_the_old_files(annotated, tmp_path, monkeypatch):
    project, _ = annotated
    path = tmp_path / "a.spacy"
    train, dev = split_paths(path)
    for p in (path, train, dev):
        p.write_bytes(b"old")

    def refuse(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(atomic_module.os, "replace", refuse)
    with pytest.raises(OSError):
        export_docbin(project, path)
    with pytest.raises(OSError):
        export_docbin(project, path, split=0.5)
    assert [p.read_bytes() for p in (path, train, dev)] == [b"old"] * 3
    written = sorted(p.name for p in tmp_path.iterdir() if "spacy" in p.name)
    assert written == ["a-dev.spacy", "a-train.spacy", "a.spacy"]


# --- the real client: spacy debug data and spacy train ---------------------------------------------------

CONFIG = """
[paths]
train = null
dev = null

[system]
seed = 0
gpu_allocator = null

[nlp]
lang = "it"
pipeline = ["tok2vec","ner"]
batch_size = 64

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 32
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [500,250,250,250]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 32
depth = 1
window_size = 1
maxout_pieces = 2

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 32
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 32
upstream = "*"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
max_steps = 20
eval_frequency = 5
"""


def spacy_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "spacy", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_spacy_debug_data_and_train_accept_the_export(project, tmp_path):
    from spacy.cli.init_config import fill_config

    many_documents(project, 150)  # debug data wants at least 100 training documents
    report = export_docbin(project, tmp_path / "corpus.spacy", split=0.8)
    assert report.dropped == 0 and report.train_documents >= 100 and report.dev_documents > 0
    train, dev = report.paths
    (tmp_path / "base.cfg").write_text(CONFIG, encoding="utf-8")
    fill_config(tmp_path / "config.cfg", tmp_path / "base.cfg", silent=True)

    debug = spacy_cli("debug", "data", "config.cfg", "--paths.train", train, "--paths.dev", dev, cwd=tmp_path)
    output = debug.stdout + debug.stderr
    assert debug.returncode == 0, output
    assert "misaligned" not in output  # "N misaligned tokens in the training/dev data" when there are some
    assert "No entities consisting of or starting/ending with whitespace" in output
    assert f"{report.train_documents} training docs" in output and "2 label(s)" in output

    trained = spacy_cli("train", "config.cfg", "--paths.train", train, "--paths.dev", dev,
                        "--output", tmp_path / "model", "--training.max_steps", 10, cwd=tmp_path)
    assert trained.returncode == 0, trained.stdout + trained.stderr
    assert (tmp_path / "model" / "model-last" / "meta.json").is_file()
    assert set(spacy.load(tmp_path / "model" / "model-last").get_pipe("ner").labels) == {"PER", "LOC"}


def test_a_large_output_becomes_a_folder_of_parts_spacy_reads_as_one_corpus(project, tmp_path, nlp):
    from spacy.training import Corpus

    many_documents(project, n=25)
    out = tmp_path / "train.spacy"
    out.write_bytes(b"an older export")  # replaced whole
    report = exporter("spacy")(project, out, part_size=10)
    assert report.records == 25
    assert out.is_dir() and sorted(p.name for p in out.iterdir()) == [
        atomic_module.MARKER, "part-00001.spacy", "part-00002.spacy", "part-00003.spacy"]
    examples = list(Corpus(out)(nlp))  # spacy train's own reader of --paths.train
    assert len(examples) == 25
    assert sorted(d.user_data["id"] for d in (e.reference for e in examples)) == [f"art-{i:03d}" for i in range(25)]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_a_small_output_stays_one_file(project, tmp_path, nlp):
    many_documents(project, n=5)
    out = tmp_path / "train.spacy"
    exporter("spacy")(project, out, part_size=10)
    assert out.is_file() and len(read(nlp, out)) == 5
