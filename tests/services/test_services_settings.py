"""Who annotates and with which labels."""

from __future__ import annotations

import json

import pytest

from annotator.domain.labels import SchemaError
from annotator.services.settings import (
    DEFAULT_LABELS,
    AnnotatorNameError,
    current_annotator,
    default_project_path,
    load_labels,
)


def test_current_annotator_order(monkeypatch):
    monkeypatch.setenv("ANNOTATOR_USER", "from-env")
    assert current_annotator("given") == "given"
    assert current_annotator(None) == "from-env"
    monkeypatch.delenv("ANNOTATOR_USER")
    monkeypatch.setattr("getpass.getuser", lambda: "login")
    assert current_annotator(None) == "login"


@pytest.mark.parametrize("name", ["gold", "@suggestions", "@me", "  "])
def test_reserved_names_are_refused(name):
    with pytest.raises(AnnotatorNameError, match="--annotator"):
        current_annotator(name)


def test_reserved_login_is_refused(monkeypatch):
    monkeypatch.delenv("ANNOTATOR_USER", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "gold")
    with pytest.raises(AnnotatorNameError):
        current_annotator(None)


def test_project_path(monkeypatch):
    monkeypatch.delenv("ANNOTATOR_PROJECT", raising=False)
    assert str(default_project_path()) == "annotator.db"
    monkeypatch.setenv("ANNOTATOR_PROJECT", "/x/p.db")
    assert str(default_project_path()) == "/x/p.db"
    assert str(default_project_path("given.db")) == "given.db"


def test_load_labels_default_and_setting(project, tmp_path):
    assert load_labels(project).source == str(DEFAULT_LABELS)
    (tmp_path / "mine.json").write_text(json.dumps({"labels": [{"name": "EVT"}]}), encoding="utf-8")
    project.set_setting("labels", "mine.json")  # relative to the project file's folder
    assert load_labels(project).names() == ["EVT"]
    project.set_setting("labels", str(tmp_path / "missing.json"))
    with pytest.raises(SchemaError, match="not found"):
        load_labels(project)
