"""Reading NER data: KIND TSV, CoNLL, annotator/Prodigy JSONL, label maps, clear errors."""

from __future__ import annotations

import json

import pytest

from annotator.nlp.corpora import CorpusError, ReadReport, detect_format, iob_to_spans, read_corpus

KIND = "In\tO\nfiamme\tO\nl'\tO\nIstituto\tB-LOC\nLama\tI-LOC\n,\tO\na\tO\nPisa\tB-LOC\n.\tO\n\nMario\tB-PER\nRossi\tI-PER\nparla\tO\n\n"


def surfaces(item):
    return [(item.text[s:e], label) for s, e, label in item.entities]


def test_kind_tsv_gives_natural_text_and_exact_entities(tmp_path):
    path = tmp_path / "train.tsv"
    path.write_text(KIND, encoding="utf-8")
    [item] = read_corpus(path)
    assert item.text == "In fiamme l'Istituto Lama, a Pisa. Mario Rossi parla"
    assert surfaces(item) == [("Istituto Lama", "LOC"), ("Pisa", "LOC"), ("Mario Rossi", "PER")]
    assert item.words[:4] == ("In", "fiamme", "l'", "Istituto")
    assert item.sentence_starts == (0, 9)


def test_sentences_are_grouped_and_docstart_closes_a_group(tmp_path):
    path = tmp_path / "data.conll"
    lines = ["-DOCSTART- -X- O O", ""]
    for i in range(5):
        lines += [f"Roma{i} NNP B-NP B-LOC", "vince VBZ B-VP O", ""]
    lines += ["-DOCSTART- -X- O O", "", "Milano NNP B-NP B-LOC", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_corpus(path, sentences_per_text=2))
    assert [len(i.sentence_starts) for i in items] == [2, 2, 1, 1]
    assert surfaces(items[-1]) == [("Milano", "LOC")]


def test_iob1_bilou_and_stray_inside_tags():
    assert iob_to_spans(["I-PER", "I-PER", "O", "B-LOC", "I-ORG"]) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG")]
    assert iob_to_spans(["B-ORG", "L-ORG", "U-LOC", "O"]) == [(0, 2, "ORG"), (2, 3, "LOC")]


def test_label_map_renames_and_drops(tmp_path):
    path = tmp_path / "d.tsv"
    path.write_text("Roma\tB-GPE\nè\tO\nbella\tB-MISC\n\n", encoding="utf-8")
    [item] = read_corpus(path, label_map={"GPE": "LOC", "MISC": None})
    assert surfaces(item) == [("Roma", "LOC")]


def test_jsonl_annotator_and_prodigy_records(tmp_path):
    path = tmp_path / "d.jsonl"
    records = [
        {"text": "Mario Rossi a Roma", "spans": [{"start": 0, "end": 11, "label": "PER"}], "answer": "accept"},
        {"text": "Non finito", "spans": [], "answer": "ignore"},
        {"text": "Enel cresce", "spans": [{"start": 0, "end": 4, "label": "ORG"}],
         "tokens": [{"text": "Enel", "start": 0, "end": 4, "id": 0, "ws": True},
                    {"text": "cresce", "start": 5, "end": 11, "id": 1, "ws": False}]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    report = ReadReport()
    items = list(read_corpus(path, report=report))
    assert [surfaces(i) for i in items] == [[("Mario Rossi", "PER")], [("Enel", "ORG")]]
    assert items[1].words == ("Enel", "cresce")
    assert report.skipped == {"answer 'ignore'": 1}
    assert report.labels == {"PER": 1, "ORG": 1}


@pytest.mark.parametrize("content, message", [
    ("Roma\n", "line 1: expected a token and its tag"),
    ("Roma\tLOC\n", "'LOC' is not an IOB tag"),
])
def test_malformed_token_lines_name_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message) as err:
        list(read_corpus(path))
    assert str(path) in str(err.value)


@pytest.mark.parametrize("line, message", [
    ("{not json", "line 2: not valid JSON"),
    ('{"spans": []}', 'line 2: each line must be an object with a "text"'),
    ('{"text": "abc", "spans": [{"start": 1, "end": 9, "label": "PER"}]}', "outside the text"),
])
def test_malformed_jsonl_names_the_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok", "spans": []}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        list(read_corpus(path))


def test_not_utf8_and_missing_files_are_explained(tmp_path):
    path = tmp_path / "latin.tsv"
    path.write_bytes("Citt\xe0\tO\n".encode("latin-1"))
    with pytest.raises(CorpusError, match="not UTF-8"):
        list(read_corpus(path))
    with pytest.raises(CorpusError, match="no such file"):
        detect_format(tmp_path / "missing.tsv")


def test_format_detection(tmp_path):
    (tmp_path / "a.txt").write_text('{"text": "x"}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("Roma B-LOC\n", encoding="utf-8")
    assert detect_format(tmp_path / "a.txt") == "jsonl"
    assert detect_format(tmp_path / "b.txt") == "conll"
