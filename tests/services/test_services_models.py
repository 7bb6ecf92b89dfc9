"""Choosing the project's pipeline: what is offered, what is refused, and what gets re-suggested."""

from __future__ import annotations

import json

import pytest

from annotator.domain.model import DOC_DONE, Span
from annotator.services.models import available_models, check_model, choose_model
from annotator.services.training import models_dir
from annotator.store.project import NewDocument


def test_offers_bundled_gazetteer_and_models_trained_on_the_project(project):
    folder = models_dir(project) / "ner-20261123-101500"
    folder.mkdir(parents=True)
    (folder / "meta.json").write_text(json.dumps({
        "labels": {"ner": ["PER", "LOC"]}, "performance": {"ents_f": 0.8123}, "license": "mine"}))
    (models_dir(project) / "not-a-model").mkdir()
    choices = available_models(project)
    assert [c.name for c in choices] == ["it_news_kind", "gazetteer", str(folder)]
    assert "CC BY-NC 4.0" in choices[0].detail and "F1" in choices[0].detail
    assert choices[2].detail == "PER, LOC · F1 81.2% on its held-out data · mine"


def test_an_installed_pipeline_package_is_accepted(tmp_path, monkeypatch):
    package = tmp_path / "it_fake_news_sm"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "meta.json").write_text("{}")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert check_model("it_fake_news_sm") == "it_fake_news_sm"


def test_refuses_what_cannot_be_loaded(tmp_path):
    assert check_model("gazetteer") == "gazetteer"
    assert check_model("it_news_kind") == "it_news_kind"
    with pytest.raises(ValueError, match="no meta.json"):
        check_model(str(tmp_path))
    with pytest.raises(ValueError, match="pip install it_core_news_zz"):
        check_model("it_core_news_zz")
    with pytest.raises(ValueError, match="neither a folder nor an installed spaCy package"):
        check_model("json")  # importable, but no pipeline
    with pytest.raises(ValueError, match="Choose a model"):
        check_model("  ")


def test_choosing_stores_model_and_label_map_and_lists_unreviewed_documents(project):
    added = project.add_documents([NewDocument("Uno a Roma."), NewDocument("Due a Milano.")])
    first, second = (doc_id for doc_id, _ in added)
    project.insert(Span(first, 7, 11, "LOC", "anna"))
    project.set_doc_status(first, "anna", DOC_DONE)
    assert choose_model(project, "gazetteer", "GPE=LOC,MISC=") == [second]
    assert project.setting("model") == "gazetteer" and project.setting("label_map") == "GPE=LOC,MISC="
    with pytest.raises(ValueError):
        choose_model(project, "it_news_kind", "GPE")  # malformed map: nothing changes
    assert project.setting("model") == "gazetteer"
    choose_model(project, "it_news_kind", "")
    assert project.setting("model") == "it_news_kind" and project.setting("label_map") is None
