"""``annotator train`` and ``annotator evaluate`` on tiny data, and the label-map setting."""

from __future__ import annotations

import json

import pytest
from pathlib import Path

from annotator.cli.main import main
from annotator.domain.model import DOC_DONE, Span
from annotator.store.project import NewDocument, Project

DATA = Path(__file__).resolve().parents[1] / "nlp" / "data"
SMALL = ["--max-steps", "30", "--eval-every", "10", "--no-scale"]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_train_writes_a_model_that_evaluate_scores(capsys, tmp_path):
    gazetteer = tmp_path / "orgs.txt"
    gazetteer.write_text("ORG Croce Rossa\nORG Coldiretti\nLOC Kiev\n", encoding="utf-8")
    out_dir = tmp_path / "model"
    code, out, err = run(capsys, "train", DATA / "ner_train.tsv", "--dev", DATA / "ner_dev.tsv", "-o", out_dir,
                         "--gazetteer", gazetteer, "--name", "tiny", "--license", "MIT", *SMALL)
    assert code == 0, err
    assert "Gazetteer features: 1 LOC, 2 ORG" in out
    assert "step     10" in out and "Saved the model of step" in out
    meta = json.loads((out_dir / "meta.json").read_text())
    assert meta["name"] == "tiny" and meta["license"] == "MIT"
    assert str(DATA / "ner_train.tsv") in [s["name"] for s in meta["sources"]]

    code, out, _ = run(capsys, "evaluate", "--model", out_dir, DATA / "ner_dev.tsv")
    assert code == 0
    assert "micro" in out and "words/s" in out
    code, out, _ = run(capsys, "evaluate", "--model", out_dir, DATA / "ner_dev.tsv", "--json", "--labels", "PER")
    report = json.loads(out)
    assert list(report["labels"]) == ["PER"] and report["labels"]["PER"]["support"] == 10
    assert report["words"] == 129 and report["words_per_second"] > 0
    # one F1 everywhere: the meta (which the model list reads) holds what evaluate measures
    code, out, _ = run(capsys, "evaluate", "--model", out_dir, DATA / "ner_dev.tsv", "--json")
    measured = json.loads(out)["micro"]["f"]
    meta = json.loads((out_dir / "meta.json").read_text())
    assert meta["performance"]["ents_f"] == pytest.approx(measured, abs=1e-4)
    assert "exact spans" in meta["annotator"]["performance_scorer"]


def test_bad_files_are_named_and_the_rest_goes_on(capsys, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("Roma\tLOCATION\n", encoding="utf-8")
    code, out, err = run(capsys, "evaluate", "--model", "gazetteer", bad, DATA / "ner_dev.tsv")
    assert code == 1
    assert f"skipped {bad}, line 1: 'LOCATION' is not an IOB tag" in err
    assert "micro" in out
    code, _, err = run(capsys, "train", bad, "-o", tmp_path / "m")
    assert code == 2 and "no training text could be read" in err
    code, _, err = run(capsys, "train", "-o", tmp_path / "m")
    assert code == 2 and "nothing to train on" in err
    code, _, err = run(capsys, "evaluate", "--model", "no_such_model", DATA / "ner_dev.tsv")
    assert code == 2 and "not installed" in err


def test_train_from_project_holds_out_documents(capsys, tmp_path):
    db = tmp_path / "p.db"
    project = Project(db)
    texts = [line for line in _sentences(DATA / "ner_train.tsv")][:12]
    added = project.add_documents([NewDocument(text=t, uid=f"d{i}") for i, (t, _) in enumerate(texts)])
    for (doc_id, _), (_, entities) in zip(added, texts):
        for start, end, label in entities:
            project.insert(Span(doc_id, start, end, label, "tester"))
        project.set_doc_status(doc_id, "tester", DOC_DONE)
    project.close()
    code, out, err = run(capsys, "--project", db, "train", "--from-project", "-o", tmp_path / "m", *SMALL)
    assert code == 0, err
    assert "Holding out 2 texts (20%)" in out and "Training on 10 texts" in out
    code, _, err = run(capsys, "--project", db, "train", "--from-project", "--layer", "gold", "-o", tmp_path / "g")
    assert code == 2 and "'gold' has no finished documents" in err


def test_label_map_setting_is_checked_and_shown(capsys, tmp_path):
    db = tmp_path / "p.db"
    Project(db).close()
    code, out, _ = run(capsys, "--project", db, "config", "label-map", "GPE=LOC,MISC=")
    assert code == 0 and "GPE -> LOC, MISC -> (dropped)" in out
    code, _, err = run(capsys, "--project", db, "config", "label-map", "GPE")
    assert code == 2 and "write FROM=TO" in err
    code, out, _ = run(capsys, "--project", db, "config")
    assert "label-map = GPE=LOC,MISC=" in out


def _sentences(path: Path):
    from annotator.nlp.corpora import read_corpus

    for item in read_corpus(path, sentences_per_text=1):
        yield item.text, item.entities
