"""spaCy conventions for the pipelines annotator ships and trains: ``spacy.load(PATH)`` works in a
plain Python that never imports annotator (the components and the architecture come through the
``spacy_factories`` / ``spacy_architectures`` entry points), and the meta names annotator."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import annotator
from annotator.nlp.pipeline import MODELS_DIR, with_annotator_requirement

BUNDLED = MODELS_DIR / "it_news_kind"
REINSTALL = ("annotator's spaCy entry points are not installed in this environment: run "
             "`.venv/bin/python -m pip install -e '.[test]'` (or `make install`) after changing pyproject.toml")
# The user's script: spaCy alone. spaCy itself imports annotator's entry-point module when it looks
# for the factories; the script never names annotator.
SCRIPT = """
import json, sys
import spacy

nlp = spacy.load(sys.argv[1])
doc = nlp("Il presidente Sergio Mattarella ha incontrato ieri a Roma il cancelliere Olaf Scholz.")
print(json.dumps({"pipeline": nlp.pipe_names, "requirements": nlp.meta.get("requirements"),
                  "ents": [[e.text, e.label_] for e in doc.ents]}))
"""
SPACY_BUILTIN_FACTORIES = {"sentencizer", "tok2vec", "ner", "entity_ruler"}


def load_in_plain_python(path: Path, cwd: Path) -> dict:
    """``spacy.load(path)`` in a fresh, isolated Python (-I: no current folder, no PYTHONPATH)."""
    assert "annotator" not in SCRIPT
    done = subprocess.run([sys.executable, "-I", "-c", SCRIPT, str(path)], cwd=cwd, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def installed(group: str) -> dict[str, str]:
    return {ep.name: ep.value for ep in entry_points(group=group) if ep.value.startswith("annotator.")}


def config_references(config: str) -> tuple[set[str], set[str]]:
    """The factory names and the ``@registry = "name"`` references of a saved config."""
    factories = set(re.findall(r'^factory = "([^"]+)"', config, flags=re.M))
    references = set(re.findall(r'^@\w+ = "([^"]+)"', config, flags=re.M))
    return factories, references


def test_every_custom_name_of_the_bundled_config_has_an_entry_point():
    factories, references = config_references((BUNDLED / "config.cfg").read_text(encoding="utf-8"))
    ours = installed("spacy_factories")
    assert ours, REINSTALL
    assert factories - SPACY_BUILTIN_FACTORIES <= set(ours), REINSTALL
    custom = {name for name in references if not name.startswith("spacy.") and "." in name
              and name.split(".")[0] == "annotator"}
    assert custom == {"annotator.GazetteerHashEmbed.v1"}
    assert custom <= set(installed("spacy_architectures")), REINSTALL
    # the gazetteer pipeline's own components, for a saved copy of it
    assert {"annotator_entity_ruler", "annotator_gazetteer_fixups"} <= set(ours), REINSTALL


def test_the_entry_point_module_registers_without_side_effects():
    done = subprocess.run([sys.executable, "-I", "-c",
                           "import spacy, sys; spacy.blank('en'); "
                           "print('annotator.nlp.spacy_entry_points' in sys.modules)"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "True", done.stderr[-2000:] or REINSTALL


def test_the_bundled_model_loads_with_plain_spacy(tmp_path):
    result = load_in_plain_python(BUNDLED, tmp_path)
    assert result["pipeline"] == ["sentencizer", "annotator_gazetteer_features", "tok2vec", "ner",
                                  "annotator_entity_consistency", "annotator_dates"]
    assert {("Sergio Mattarella", "PER"), ("Roma", "LOC"), ("ieri", "DATE")} <= {tuple(e) for e in result["ents"]}
    assert result["requirements"] == ["annotator>=0.1.0"]


def test_the_bundled_meta_names_annotator():
    meta = json.loads((BUNDLED / "meta.json").read_text(encoding="utf-8"))
    assert meta["requirements"] == [f"annotator>={annotator.__version__}"]


def test_a_saved_gazetteer_pipeline_loads_with_plain_spacy(tmp_path, gazetteer):
    gazetteer.to_disk(tmp_path / "gazetteer")
    result = load_in_plain_python(tmp_path / "gazetteer", tmp_path)
    assert result["pipeline"] == ["sentencizer", "entity_ruler", "annotator_gazetteer_fixups"]
    assert ["Roma", "LOC"] in result["ents"] and ["ieri", "DATE"] in result["ents"]
    assert result["requirements"] == with_annotator_requirement()


def test_a_trained_model_loads_with_plain_spacy_and_names_annotator(tmp_path):
    from annotator.nlp.corpora import read_corpus
    from annotator.nlp.training import TrainingRun, TrainSettings

    data = Path(__file__).parent / "data"
    lists = tmp_path / "lists.json"
    lists.write_text(json.dumps({"LOC": ["Roma"], "ORG": ["Enel"], "PER": ["Mario Rossi"]}), encoding="utf-8")
    settings = TrainSettings(width=32, depth=1, embed_rows=(500, 100, 200, 100, 200), max_steps=10,
                             eval_every=5, patience=10, gazetteer_lists=("LOC", "ORG", "PER"))
    run = TrainingRun(list(read_corpus(data / "ner_train.tsv", sentences_per_text=4)),
                      list(read_corpus(data / "ner_dev.tsv", sentences_per_text=4)),
                      replace(settings, gazetteer_path=str(lists)),
                      meta={"requirements": ["annotator>=0.0.1", "numpy>=1.20"]})
    for _ in run.steps():
        pass
    out = run.save(tmp_path / "tiny", name="tiny", version="0.1.0")

    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["requirements"] == [f"annotator>={annotator.__version__}", "numpy>=1.20"]
    result = load_in_plain_python(out, tmp_path)
    assert result["pipeline"] == ["sentencizer", "annotator_gazetteer_features", "tok2vec", "ner",
                                  "annotator_entity_consistency", "annotator_dates"]
    assert ["ieri", "DATE"] in result["ents"]  # the rules after the (barely trained) NER
    assert result["requirements"] == meta["requirements"]


@pytest.mark.parametrize(("given", "expected"), [
    ((), ["annotator>=0.1.0"]),
    (["Annotator[x]>=0.0.1; python_version>'3'", "numpy"], ["annotator>=0.1.0", "numpy"]),
    (["annotator_tools>=1"], ["annotator>=0.1.0", "annotator_tools>=1"]),
])
def test_the_requirement_replaces_an_older_one(given, expected, monkeypatch):
    monkeypatch.setattr(annotator, "__version__", "0.1.0")
    assert with_annotator_requirement(given) == expected
