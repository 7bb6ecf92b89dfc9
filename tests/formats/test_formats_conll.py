"""CoNLL-2003 columns: exact output, filters, atomic writing, reading real CoNLL files, the CLI, and the
round trip the module defines (export -> import -> export gives the same file), also property-based."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonl_sample import ORIGIN, at

import annotator.formats.conll as conll
from annotator.cli.main import main
from annotator.domain.labels import LabelSchema
from annotator.domain.model import GOLD, Span
from annotator.formats import EXPORTERS, exporter, importer
from annotator.formats.conll import export_conll, read_conll, sentences, tokenize, write_conll
from annotator.formats.jsonl import iter_records
from annotator.services.exporting import default_export_path
from annotator.services.importing import import_paths
from annotator.store import open_project
from annotator.store.project import NewDocument

SCHEMA = Path(__file__).resolve().parents[2] / "resources" / "labels.json"

# CRLF, an emoji with a skin tone, a decimal point and a "!" followed by a closing guillemet
TEXT = "Mario Draghi è a Roma. L'ANSA:\r\n«Città 👍🏽 3.5!» Sì"
OTHER = "Nessuno."


def blocks(path):
    """The blocks of a CoNLL file (each starting with its -DOCSTART- line)."""
    content = Path(path).read_text(encoding="utf-8")
    return ["-DOCSTART-" + b for b in content.split("-DOCSTART-")[1:]]


def tags(block):
    return [line.split()[-1] for line in block.splitlines()[2:] if line]


def records_of(path):
    out = []
    for source, record in read_conll(Path(path)):
        assert not isinstance(record, str), f"{source}: {record}"
        out.append(record)
    return out


@pytest.fixture
def small(project):
    (doc, _), (other, _) = project.add_documents([NewDocument(TEXT, uid="d1"), NewDocument(OTHER, uid="d2")])
    project.import_annotations([
        Span(doc, *at(TEXT, "Mario Draghi"), "PER", "alice", annotator="alice"),
        Span(doc, *at(TEXT, "Roma"), "LOC", "alice", annotator="alice"),
        Span(doc, *at(TEXT, "ANSA"), "ORG", "alice", annotator="alice"),
        Span(doc, *at(TEXT, "Draghi"), "PER", "bob", annotator="bob"),
    ], action="fixture", annotator="t")
    return project


def test_registered_lazily_with_a_conll_suffix():
    spec = EXPORTERS["conll"]
    assert spec.target == "annotator.formats.conll:export_conll" and spec.suffix == ".conll"
    assert exporter("conll") is export_conll and importer("conll") is read_conll
    assert str(default_export_path("/data/news.db", "conll")) == "exports/news-conll.conll"


def test_exact_output(small, tmp_path):
    path = tmp_path / "out.conll"
    report = export_conll(small, path)
    assert (report.documents, report.records) == (2, 3)
    alice = (
        "-DOCSTART- -X- -X- O\n"
        "\n"
        "Mario -X- -X- B-PER\n"
        "Draghi -X- -X- I-PER\n"
        "è -X- -X- O\n"
        "a -X- -X- O\n"
        "Roma -X- -X- B-LOC\n"
        ". -X- -X- O\n"
        "\n"
        "L -X- -X- O\n"
        "' -X- -X- O\n"
        "ANSA -X- -X- B-ORG\n"
        ": -X- -X- O\n"
        "\n"
        "« -X- -X- O\n"
        "Città -X- -X- O\n"
        "👍 -X- -X- O\n"
        "🏽 -X- -X- O\n"
        "3 -X- -X- O\n"
        ". -X- -X- O\n"
        "5 -X- -X- O\n"
        "! -X- -X- O\n"
        "» -X- -X- O\n"
        "Sì -X- -X- O\n"
        "\n"
    )
    bob_tags = ["O", "B-PER", "O", "O", "O", "O", "O", "O", "O", "O", *["O"] * 10]
    nobody = "-DOCSTART- -X- -X- O\n\nNessuno -X- -X- O\n. -X- -X- O\n\n"
    content = path.read_text(encoding="utf-8")
    assert content.startswith(alice) and content.endswith(nobody)
    assert blocks(path)[0] == alice and blocks(path)[2] == nobody
    assert tags(blocks(path)[1]) == bob_tags
    assert "\r" not in content  # LF line ends; no token holds whitespace
    assert all(len(line.split()) == 4 for line in content.splitlines() if line)


def test_entity_boundaries_inside_words_cut_tokens_and_sentences_never_cut_entities():
    text = "SuperMario vive a Roma.\nBari. Fine"
    assert [text[s:e] for s, e in tokenize(text, [5])] == ["Super", "Mario", "vive", "a", "Roma", ".", "Bari",
                                                             ".", "Fine"]
    spans = [{"start": 5, "end": 10, "label": "PER"}, {"start": 18, "end": 28, "label": "LOC"}]
    assert sentences(text, spans) == [
        [("Super", "O"), ("Mario", "B-PER"), ("vive", "O"), ("a", "O"),
         ("Roma", "B-LOC"), (".", "I-LOC"), ("Bari", "I-LOC"), (".", "O")],  # no break inside the entity
        [("Fine", "O")],
    ]
    # adjacent entities of one label stay apart (B- then B-)
    assert sentences("ab cd", [{"start": 0, "end": 1, "label": "X"}, {"start": 1, "end": 2, "label": "X"}]) == [
        [("a", "B-X"), ("b", "B-X"), ("cd", "O")]]
    # overlapping ones: the first to start (the longer on a tie) is kept
    assert sentences("ab cd", [{"start": 0, "end": 1, "label": "X"}, {"start": 1, "end": 2, "label": "X"},
                               {"start": 1, "end": 5, "label": "Y"}, {"start": 3, "end": 4, "label": "Z"}]) == [
        [("a", "B-X"), ("b", "B-Y"), ("cd", "I-Y")]]


def test_reading_back_rebuilds_the_text(small, tmp_path):
    path = tmp_path / "out.conll"
    export_conll(small, path, annotators=["alice"])
    (record,) = records_of(path)
    # tokens joined by spaces, sentences by "\n"; no space after a "." or "!" inside a sentence
    assert record["text"] == "Mario Draghi è a Roma .\nL ' ANSA :\n« Città 👍 🏽 3 .5 !» Sì"
    assert record["id"] == "out-1" and record["annotator"] is None and record["quotes"] == record["events"] == []
    assert [(record["text"][s["start"]:s["end"]], s["label"]) for s in record["spans"]] == [
        ("Mario Draghi", "PER"), ("Roma", "LOC"), ("ANSA", "ORG")]


# --- filters, progress, atomic writing ------------------------------------------------------------


def annotators_of(project, tmp_path, **options):
    path = tmp_path / "f.conll"
    export_conll(project, path, **options)
    return [sorted({t.split("-", 1)[1] for t in tags(b) if t != "O"}) for b in blocks(path)]


def test_filters_like_the_jsonl(annotated, tmp_path):
    project, _ = annotated
    assert annotators_of(project, tmp_path) == [["LOC", "ORG", "PER"], ["PER"], []]  # alice, bob, nobody
    assert annotators_of(project, tmp_path, annotators=["bob"]) == [["PER"]]
    assert annotators_of(project, tmp_path, annotators=[GOLD]) == [["PER"]]
    assert len(annotators_of(project, tmp_path, gold=True)) == 4
    assert annotators_of(project, tmp_path, status="done") == [["LOC", "ORG", "PER"]]
    assert annotators_of(project, tmp_path, annotators=["nobody"]) == []
    assert (tmp_path / "f.conll").read_text() == ""
    assert annotators_of(project, tmp_path, include_suggestions=True) == [["LOC", "ORG", "PER"], ["PER"],
                                                                         ["LOC", "PER"], []]
    assert annotators_of(project, tmp_path, labels={"PER"}) == [["PER"], ["PER"], []]
    # the suggestions' block is the pipeline's: the same as its JSONL record
    (suggested,) = [r for r in iter_records(project, include_suggestions=True) if r["annotator"] == ORIGIN]
    assert [s["label"] for s in suggested["spans"]] == ["PER", "LOC"]


def test_progress_is_reported(annotated, tmp_path):
    project, _ = annotated
    seen = []
    export_conll(project, tmp_path / "p.conll", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 2)]


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_failing_midway_leaves_the_previous_file(annotated, tmp_path, monkeypatch):
    project, _ = annotated
    target = tmp_path / "out.conll"
    export_conll(project, target)
    before = target.read_bytes()
    real = conll.block
    calls = []

    def flaky(record):
        calls.append(1)
        if len(calls) == 2:  # one block is already written when this fails
            raise OSError("no space left on device")
        return real(record)

    monkeypatch.setattr(conll, "block", flaky)
    with pytest.raises(OSError):
        export_conll(project, target, gold=True)
    assert target.read_bytes() == before and leftovers(tmp_path) == []
    calls.clear()
    with pytest.raises(OSError):
        export_conll(project, tmp_path / "fresh.conll")
    assert not (tmp_path / "fresh.conll").exists() and leftovers(tmp_path) == []


# --- reading real CoNLL-2003 files ----------------------------------------------------------------

IOB1_4 = """-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O
to TO I-VP O
boycott VB I-VP O
British JJ I-NP I-MISC
lamb NN I-NP O
. . O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- O O

In IN I-PP O
Italy NNP I-NP I-LOC
Rome NNP I-NP B-LOC
and CC O O
Milan NNP I-NP I-LOC
"""

IOB2_2 = "Peter\tB-PER\nBlackburn\tI-PER\nvisits\tO\nNew\tB-LOC\nYork\tI-LOC\n\nBrussels\tB-LOC\n1996-08-22\tO\n"


def spans_of(record):
    return [(record["text"][s["start"]:s["end"]], s["label"]) for s in record["spans"]]


def test_reads_conll_2003_iob1_with_four_columns(tmp_path):
    path = tmp_path / "eng.train"
    path.write_text(IOB1_4, encoding="utf-8")
    (s1, first), (s2, second) = read_conll(path)
    assert (s1, s2) == (f"{path}:1", f"{path}:16")
    assert first["text"] == "EU rejects German call to boycott British lamb .\nPeter Blackburn"
    assert spans_of(first) == [("EU", "ORG"), ("German", "MISC"), ("British", "MISC"), ("Peter Blackburn", "PER")]
    # IOB1: B- only where an entity follows another of the same label
    assert spans_of(second) == [("Italy", "LOC"), ("Rome", "LOC"), ("Milan", "LOC")]
    assert first["id"] == "eng-1" and second["id"] == "eng-2"


def test_reads_two_columns_iob2_without_docstart(tmp_path):
    path = tmp_path / "ner.txt"
    path.write_bytes(("\ufeff" + IOB2_2).replace("\n", "\r\n").encode("utf-8"))  # a BOM, CRLF
    ((source, record),) = read_conll(path)
    assert source == f"{path}:1"
    assert record["text"] == "Peter Blackburn visits New York\nBrussels 1996-08-22"
    assert spans_of(record) == [("Peter Blackburn", "PER"), ("New York", "LOC"), ("Brussels", "LOC")]


def test_reads_bioes_and_legacy_encodings(tmp_path):
    path = tmp_path / "deu.conll"
    path.write_bytes("Köln S-LOC\nund O\nBad B-LOC\nHonnef E-LOC\nliegen I-LOC\n".encode("latin-1"))
    ((_, record),) = read_conll(path)
    assert spans_of(record) == [("Köln", "LOC"), ("Bad Honnef", "LOC"), ("liegen", "LOC")]


def test_a_bad_line_rejects_its_document_only(tmp_path):
    path = tmp_path / "bad.conll"
    path.write_text("-DOCSTART- -X- -X- O\n\nRoma B-LOC\nsola\n\n-DOCSTART- -X- -X- O\n\nRoma X-LOC\n\n"
                    "-DOCSTART- -X- -X- O\n\nBari B-LOC\n", encoding="utf-8")
    results = list(read_conll(path))
    assert [s for s, _ in results] == [f"{path}:1", f"{path}:6", f"{path}:10"]
    assert "line 4 has one column" in results[0][1]
    assert "line 8 has the tag 'X-LOC'" in results[1][1]
    assert spans_of(results[2][1]) == [("Bari", "LOC")]
    empty = tmp_path / "empty.conll"
    empty.write_text("\n\n", encoding="utf-8")
    assert [r for _, r in read_conll(empty)] == ["no tokens found: a CoNLL file has one token and its tag a line"]


def test_import_a_real_file_into_a_project(project, tmp_path, labels):
    path = tmp_path / "eng.train"
    path.write_text(IOB1_4, encoding="utf-8")
    report = import_paths(project, [path], annotator="carla", labels=labels, fmt="conll")
    assert report.added == 2 and report.annotations == 7 and report.rejected == []
    texts = [(d.document.uid, [(s.label, s.layer) for s in d.spans]) for d in project.iter_annotated_documents()]
    assert texts[1] == ("eng-2", [("LOC", "carla")] * 3)


# --- the round trip -------------------------------------------------------------------------------


def test_round_trip_of_the_sample(annotated, tmp_path, labels):
    project, _ = annotated
    first = tmp_path / "first.conll"
    export_conll(project, first, gold=True, include_suggestions=True)
    # the file level: every block read and written again is the same block
    write_conll(tmp_path / "again.conll", records_of(first))
    assert (tmp_path / "again.conll").read_bytes() == first.read_bytes()
    # the project level, one layer at a time
    for layer in ("alice", "bob", GOLD):
        one = tmp_path / f"{layer}.conll"
        export_conll(project, one, annotators=[layer])
        fresh = open_project(tmp_path / f"{layer}.db")
        try:
            import_paths(fresh, [one], annotator=layer, labels=labels, fmt="conll")
            export_conll(fresh, tmp_path / f"{layer}-2.conll", annotators=[layer])
        finally:
            fresh.close()
        assert (tmp_path / f"{layer}-2.conll").read_bytes() == one.read_bytes()


LABELS = ("PER", "ORG", "LOC", "MISC", "DATE")
PIECES = ("Mario", "città", "perché", "È", "e\u0301", "Draghi", "l'", "👍🏽", "😀", " ", " ", "  ", "\r\n", "\n",
          ".", ",", "!", "?", "«", "»", ":", "\t", "3.5", "-DOCSTART-", "O")


@st.composite
def documents(draw):
    """A text and, for two layers, random non-overlapping spans (the layers overlap each other)."""
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30)))
    if not text.strip():
        text += "Roma"
    layers = {}
    for layer in ("alice", "bob"):
        cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=10)))
        layers[layer] = [(a, b, draw(st.sampled_from(LABELS))) for a, b in zip(cuts[::2], cuts[1::2])]
    return text, layers


def words(text):
    return tuple(text[s:e] for s, e in tokenize(text))


def entity_tokens(text, spans):
    """(tokens, label) of each span, as the export cuts them; spans without tokens are left out."""
    cuts = [x for a, b, _ in spans for x in (a, b)]
    out = []
    for a, b, label in spans:
        words = tuple(text[s:e] for s, e in tokenize(text, cuts) if a <= s and e <= b)
        if words:
            out.append((words, label))
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_round_trip_keeps_tokens_sentences_and_labels(document):
    text, layers = document
    schema = LabelSchema.load(SCHEMA)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = open_project(tmp / "a.db")
        try:
            (doc, _), = source.add_documents([NewDocument(text, uid="d1")])
            source.import_annotations([Span(doc, a, b, label, layer, annotator=layer)
                                       for layer, spans in layers.items() for a, b, label in spans],
                                      action="t", annotator="t")
            first = tmp / "first.conll"
            export_conll(source, first)
            # the file level, both layers: read and write again gives the same file
            records = records_of(first)
            write_conll(tmp / "again.conll", records)
            assert (tmp / "again.conll").read_bytes() == first.read_bytes()
            # each entity's tokens and label are kept, in order (one block per JSONL record)
            originals = list(iter_records(source))
            assert len(records) == len(originals)
            for got, original in zip(records, originals):
                kept = [(words(got["text"][a["start"]:a["end"]]), a["label"]) for a in got["spans"]]
                assert kept == entity_tokens(text, [(s["start"], s["end"], s["label"]) for s in original["spans"]])
            # the project level, one layer at a time: export(import(export(x))) == export(x)
            for layer in layers:
                one, two = tmp / f"{layer}.conll", tmp / f"{layer}-2.conll"
                export_conll(source, one, annotators=[layer])
                fresh = open_project(tmp / f"{layer}.db")
                try:
                    import_paths(fresh, [one], annotator=layer, labels=schema, fmt="conll")
                    export_conll(fresh, two, annotators=[layer])
                finally:
                    fresh.close()
                # a block without entities brings its document alone: CoNLL names no annotator
                assert blocks(two) == [b for b in blocks(one) if set(tags(b)) != {"O"}]
        finally:
            source.close()


# --- the command line ------------------------------------------------------------------------------


def test_cli_export_then_import(small, tmp_path, capsys):
    target = tmp_path / "out.conll"
    code = main(["--project", str(small.path), "export", "--format", "conll", "-o", str(target),
                 "--annotator", "alice"])
    out, _ = capsys.readouterr()
    assert code == 0 and out.strip() == f"Wrote 1 record (1 document) to {target}"
    other = tmp_path / "other.db"
    code = main(["--project", str(other), "--annotator", "alice", "import", "--format", "conll", str(target)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Imported 1 document" in out and "3 annotations" in out
    again = tmp_path / "again.conll"
    assert main(["--project", str(other), "export", "--format", "conll", "-o", str(again),
                 "--annotator", "alice"]) == 0
    assert again.read_bytes() == target.read_bytes()


# --- streaming ------------------------------------------------------------------------------------


class ManyDocuments:
    """A stand-in for a large project: ``n`` annotated documents made on the fly, never held."""

    def __init__(self, n):
        self.n = n

    def count_documents(self):
        return self.n

    def iter_annotated_documents(self, *, batch=500, statuses=None):
        from types import SimpleNamespace

        from annotator.domain.model import Document

        text = "Mario Draghi ha telefonato a Emmanuel Macron da Roma.\r\nLa città è pronta 👍🏽! " * 4
        for i in range(self.n):
            doc = Document(i + 1, f"doc-{i}", text, {"title": f"Articolo {i}"}, None, "")
            spans = [Span(i + 1, 0, 12, "PER", "alice", annotator="alice"),
                     Span(i + 1, 29, 44, "PER", "alice", annotator="alice"),
                     Span(i + 1, 48, 52, "LOC", "alice", annotator="alice")]
            yield SimpleNamespace(document=doc, spans=spans, quotes=[], events=[], statuses={"alice": "done"})


def peak_memory(export, folder, n):
    """``(records, peak bytes)`` of exporting ``n`` documents."""
    import tracemalloc

    tracemalloc.start()
    try:
        report = export(ManyDocuments(n), folder / f"out{n}")
        return report.records, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_documents(tmp_path):
    seen = []
    export_conll(ManyDocuments(3), tmp_path / "warm.conll", progress=lambda *a: seen.append(a))  # imports done
    assert seen == [(3, 3)]
    (small_records, small), (large_records, large) = (peak_memory(export_conll, tmp_path, n) for n in (500, 3000))
    assert (small_records, large_records) == (500, 3000)
    assert (large - small) / (large_records - small_records) < 50, (small, large)
