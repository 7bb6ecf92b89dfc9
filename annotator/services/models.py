"""Which pipelines a project can use for suggestions, and switching between them.

Used by the app's "Model for suggestions…" dialog and shared with the CLI's ``config model``:
the bundled model, the gazetteer rules, models trained on this project (beside the project file),
any pipeline folder and any installed spaCy package. Nothing here loads spaCy: a folder is checked
by its ``meta.json``, a package by its importability.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .settings import LABEL_MAP_SETTING, MODEL_SETTING, parse_label_map
from .training import models_dir, unreviewed_documents

__all__ = ["ModelChoice", "available_models", "check_model", "choose_model"]


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """A pipeline a user can pick: the name to store, and a line that describes it."""

    name: str
    title: str
    detail: str = ""


def available_models(project: Any) -> list[ModelChoice]:
    """The bundled model, the gazetteer rules, then the models trained on this project, newest first."""
    from ..nlp.pipeline import BUNDLED_MODEL, GAZETTEER_MODEL, bundled_model_path

    choices = []
    bundled = bundled_model_path(BUNDLED_MODEL)
    if bundled is not None:
        choices.append(ModelChoice(BUNDLED_MODEL, f"{BUNDLED_MODEL} (bundled)", _describe(bundled)))
    choices.append(ModelChoice(GAZETTEER_MODEL, "gazetteer (name lists and date rules only)",
                               "hand-written lists in resources/gazetteer; no statistical model"))
    folder = models_dir(project)
    if folder.is_dir():
        trained = sorted((p for p in folder.iterdir() if (p / "meta.json").is_file()), reverse=True)
        choices += [ModelChoice(str(p), f"{p.name} (trained on this project)", _describe(p)) for p in trained]
    return choices


def check_model(name: str) -> str:
    """``name`` if a pipeline of that name can be loaded: the bundled model, the gazetteer, a
    folder with ``meta.json``, or an installed package. RAISES ValueError saying what to fix."""
    from ..nlp.pipeline import GAZETTEER_MODEL, bundled_model_path

    name = name.strip()
    if not name:
        raise ValueError("Choose a model: the bundled one, a folder or an installed spaCy package.")
    if name == GAZETTEER_MODEL or bundled_model_path(name) is not None:
        return name
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "meta.json").is_file():
            raise ValueError(f"{path} is not a spaCy pipeline folder (it has no meta.json).")
        return str(path)
    if "/" in name or "\\" in name or not _is_pipeline_package(name.replace("-", "_")):
        raise ValueError(f"{name!r} is neither a folder nor an installed spaCy package: install it "
                         f"with pip (e.g. 'pip install {name}') or choose a folder.")
    return name


def _is_pipeline_package(module: str) -> bool:
    """An installed package that holds a spaCy pipeline (its folder has a meta.json), found
    without importing it."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return False
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    return any((Path(folder) / "meta.json").is_file() for folder in locations)


def choose_model(project: Any, name: str, label_map: str | None = None) -> list[int]:
    """Store the project's model (checked) and label map (parsed); return the documents nobody
    reviewed, whose suggestions the caller may want to redo with the new model.

    RAISES ValueError: an unusable model name or a malformed label map; nothing is stored then.
    """
    name = check_model(name)
    if label_map is not None:
        parse_label_map(label_map)
    project.set_setting(MODEL_SETTING, name)
    if label_map is not None:
        project.set_setting(LABEL_MAP_SETTING, label_map.strip() or None)
    return unreviewed_documents(project)


def _describe(folder: Path) -> str:
    """"PER, ORG, LOC · F1 78.0% on its held-out data · CC BY-NC 4.0" from a pipeline folder's meta.json
    (the F1 written the way the training dialog writes it: one number, one form everywhere)."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    parts = []
    labels = (meta.get("labels") or {}).get("ner")
    if labels:
        parts.append(", ".join(labels))
    f1 = (meta.get("performance") or {}).get("ents_f")
    if isinstance(f1, (int, float)):
        parts.append(f"F1 {f1:.1%} on its held-out data")
    if meta.get("license"):
        parts.append(str(meta["license"]))
    return " · ".join(parts)
