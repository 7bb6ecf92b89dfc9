"""Loading pipelines: the built-in gazetteer, folders, missing names, caching, lazy spaCy import."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.nlp import pipeline as pl
from annotator.nlp.pipeline import (
    DEFAULT_MODEL,
    GazetteerError,
    PipelineNotFound,
    gazetteer_version,
    load_pipeline,
    pipeline_origin,
)

REPO = Path(__file__).resolve().parents[2]


def test_gazetteer_pipeline_shape_and_origin(gazetteer):
    assert gazetteer.lang == "it"
    assert gazetteer.pipe_names[:2] == ["sentencizer", "entity_ruler"]
    assert gazetteer.meta["name"] == "gazetteer_it"
    assert re.fullmatch(r"0\.1\.0\+[0-9a-f]{8}", gazetteer.meta["version"])
    assert gazetteer.meta["version"] == gazetteer_version()
    assert pipeline_origin(gazetteer) == f"gazetteer_it@{gazetteer.meta['version']}"
    assert set(gazetteer.get_pipe("entity_ruler").labels) == {"PER", "ORG", "LOC", "MISC", "DATE"}


def test_gazetteer_is_cached(gazetteer):
    assert load_pipeline("gazetteer") is gazetteer
    assert DEFAULT_MODEL == "it_news_kind"  # the bundled model, not these rules


def test_gazetteer_version_changes_with_the_files(tmp_path):
    for path in pl.GAZETTEER_DIR.glob("*.jsonl"):
        shutil.copy(path, tmp_path / path.name)
    before = gazetteer_version(tmp_path)
    assert before == gazetteer_version()  # same content, same version
    with (tmp_path / "per.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"label": "PER", "pattern": "Mario Rossi"}\n')
    after = gazetteer_version(tmp_path)
    assert after != before and after.startswith("0.1.0+")


def test_edited_gazetteer_files_are_picked_up_on_the_next_load(tmp_path, monkeypatch):
    monkeypatch.setattr(pl, "GAZETTEER_DIR", tmp_path)
    monkeypatch.setattr(pl, "_cache", {})  # leave the session's gazetteer pipeline alone
    (tmp_path / "per.jsonl").write_text('{"label": "PER", "pattern": "Mario Rossi"}\n', encoding="utf-8")
    first = load_pipeline("gazetteer")
    assert load_pipeline("gazetteer") is first  # same files: the cached pipeline
    with (tmp_path / "per.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"label": "PER", "pattern": "Anna Bianchi"}\n')
    second = load_pipeline("gazetteer")
    assert second is not first
    assert second.meta["version"] == gazetteer_version(tmp_path) != first.meta["version"]
    assert [e.text for e in second("Mario Rossi e Anna Bianchi").ents] == ["Mario Rossi", "Anna Bianchi"]
    assert load_pipeline("gazetteer") is second


def test_missing_pipeline_name_says_what_to_do(tmp_path):
    name = "it_no_such_pipeline_xyz"
    with pytest.raises(PipelineNotFound) as info:
        load_pipeline(name)
    message = str(info.value)
    assert isinstance(info.value, ValueError)
    assert name in message
    assert "is not installed and is not a folder" in message
    assert "pip" in message and "--model PATH" in message


def test_a_file_or_an_empty_folder_is_not_a_pipeline(tmp_path):
    (tmp_path / "model.txt").write_text("not a model", encoding="utf-8")
    with pytest.raises(PipelineNotFound, match="is a file, not a spaCy pipeline folder"):
        load_pipeline(tmp_path / "model.txt")
    (tmp_path / "empty").mkdir()
    with pytest.raises(PipelineNotFound, match="not a spaCy pipeline"):
        load_pipeline(str(tmp_path / "empty"))


def test_pipeline_folder_is_loaded_by_path_and_named_by_its_meta(tmp_path):
    import spacy

    from annotator.nlp.preannotate import suggest_entities

    nlp = spacy.blank("it")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Mosca"}])
    nlp.meta["name"] = "test_ner"
    nlp.meta["version"] = "1.2.3"
    folder = tmp_path / "my_model"
    nlp.to_disk(folder)

    loaded = load_pipeline(str(folder))
    assert loaded is not nlp and loaded.pipe_names == ["entity_ruler"]
    assert pipeline_origin(loaded) == "test_ner@1.2.3"
    assert load_pipeline(folder) is loaded  # cached by resolved path, str or Path
    [[(doc_id, found)]] = list(suggest_entities(loaded, [(7, "Vertice a Mosca")], label_map={"GPE": "LOC"}))
    assert doc_id == 7
    assert [(s.start, s.end, s.label) for s in found] == [(10, 15, "LOC")]


def test_saved_gazetteer_pipeline_round_trips(gazetteer, tmp_path):
    gazetteer.to_disk(tmp_path / "gaz")
    loaded = load_pipeline(tmp_path / "gaz")
    assert pipeline_origin(loaded) == pipeline_origin(gazetteer)
    doc = loaded("Nel 2002 Putin arrivò a Roma-Fiumicino.")
    assert [(e.text, e.label_) for e in doc.ents] == [("2002", "DATE"), ("Putin", "PER"), ("Roma", "LOC")]


def test_importing_nlp_does_not_import_spacy():
    code = (
        "import sys\n"
        "import annotator.nlp, annotator.nlp.pipeline, annotator.nlp.preannotate\n"
        "from annotator.nlp.pipeline import load_pipeline, pipeline_origin\n"
        "loaded = sorted(m for m in sys.modules if m == 'spacy' or m.startswith(('spacy.', 'thinc')))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_nlp_imports_no_other_project_layer_nor_qt():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "annotator" / "nlp").glob("*.py"))
    for forbidden in ("annotator.store", "annotator.ui", "annotator.cli", "PySide6", "sqlite"):
        assert forbidden not in source
    assert not re.search(r"^(import spacy|from spacy)", source, re.MULTILINE)  # only inside functions
