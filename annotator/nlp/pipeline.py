"""Lazy loading of spaCy pipelines: the built-in Italian gazetteer, installed packages, folders.

spaCy is imported inside the functions that need it, never at module level, so importing this module
(and ``annotator --help``) stays quick.

Names a user can pass (``--model``, the project's "model" setting):

- ``"it_news_kind"`` (the default): the bundled statistical model in ``resources/models/`` (PER,
  ORG, LOC trained on KIND, with gazetteer features and the DATE rules), rebuilt by ``make model``;
- ``"gazetteer"``: hand-written name lists and the DATE rules only: ``spacy.blank("it")`` +
  ``sentencizer`` + an ``entity_ruler`` over ``resources/gazetteer/*.jsonl`` and a fix-up component
  (see ``annotator.nlp.components``);
- the name of an installed spaCy package (``it_core_news_lg``), or a pipeline folder.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language

__all__ = [
    "BUNDLED_MODEL",
    "DEFAULT_MODEL",
    "GAZETTEER_MODEL",
    "bundled_model_path",
    "GAZETTEER_DIR",
    "GAZETTEER_LABELS",
    "GazetteerError",
    "PipelineNotFound",
    "clear_pipeline_cache",
    "gazetteer_patterns",
    "gazetteer_version",
    "load_pipeline",
    "pipeline_origin",
    "with_annotator_requirement",
]

BUNDLED_MODEL = "it_news_kind"
DEFAULT_MODEL = BUNDLED_MODEL
GAZETTEER_MODEL = "gazetteer"
GAZETTEER_NAME = "gazetteer_it"
# Bump when the code that builds the gazetteer pipeline changes in a way that changes its output
# (tokenizer rules, trimming); edits of the pattern files change the "+hash" part by themselves.
GAZETTEER_BASE_VERSION = "0.1.0"
RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"
GAZETTEER_DIR = RESOURCES_DIR / "gazetteer"
MODELS_DIR = RESOURCES_DIR / "models"
GAZETTEER_LABELS = frozenset({"PER", "ORG", "LOC", "MISC", "DATE"})

_cache: dict[tuple[str, str], "Language"] = {}
_cache_lock = threading.Lock()


# -- errors (messages kept together, spaCy style) ------------------------------------------------


class PipelineNotFound(ValueError):
    """A pipeline name is neither the built-in gazetteer, an installed package nor a folder."""


class GazetteerError(ValueError):
    """A gazetteer pattern file is malformed; the message names the file, the line and the fix."""


def _msg_not_found(name: str) -> str:
    return (
        f"The spaCy pipeline {name!r} is not installed and is not a folder: install it with pip, "
        f"or pass a pipeline folder with --model PATH (or use the bundled {BUNDLED_MODEL!r} or the "
        f"built-in {GAZETTEER_MODEL!r})."
    )


def _msg_not_a_pipeline(path: Path, err: Exception) -> str:
    return (
        f"{path} is a folder but not a spaCy pipeline that can be loaded ({err}). Pass a folder "
        "written by nlp.to_disk() or 'spacy train' (it holds config.cfg and meta.json)."
    )


def _msg_a_file(path: Path) -> str:
    return (
        f"{path} is a file, not a spaCy pipeline folder. Pass the folder written by nlp.to_disk() "
        "or 'spacy train' (it holds config.cfg and meta.json), or an installed pipeline's name."
    )


# -- public API ----------------------------------------------------------------------------------


def load_pipeline(name_or_path: str | os.PathLike[str] = DEFAULT_MODEL) -> "Language":
    """Return a loaded spaCy pipeline, cached per name in this process.

    name_or_path: ``"gazetteer"`` (the built-in Italian rules), the name of an installed pipeline
        package, or the path of a pipeline folder.
    RAISES PipelineNotFound: the name is not installed and is not a folder, or the folder is not a
        loadable pipeline.
    RAISES GazetteerError: a gazetteer pattern file is malformed.
    """
    name = os.fspath(name_or_path)
    if name == GAZETTEER_MODEL:
        return _cached_gazetteer()
    path = bundled_model_path(name) or Path(name).expanduser()
    existing = path if path.exists() else None
    key = ("path", str(path.resolve())) if existing is not None else ("package", name)
    with _cache_lock:
        nlp = _cache.get(key)
        if nlp is None:
            nlp = _cache[key] = _load_spacy(name, existing)
        return nlp


def bundled_model_path(name: str) -> Path | None:
    """The folder of a model shipped in ``resources/models/`` under that name, else None."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    path = MODELS_DIR / name
    return path if (path / "meta.json").is_file() else None


def pipeline_origin(nlp: "Language") -> str:
    """The origin stored with every suggestion: ``"NAME@VERSION"`` from the pipeline's meta."""
    meta = nlp.meta or {}
    return f"{meta.get('name') or 'pipeline'}@{meta.get('version') or '0.0.0'}"


def with_annotator_requirement(requirements: Iterable[str] = ()) -> list[str]:
    """A pipeline meta's ``requirements`` that name this annotator (``"annotator>=0.1.0"``), the
    others kept: its components and architecture load through annotator's spaCy entry points, so
    ``spacy package`` and whoever reads the meta know what to install with the pipeline."""
    from annotator import __version__

    kept = [r for r in requirements if _requirement_name(r) != "annotator"]
    return [f"annotator>={__version__}", *kept]


def _requirement_name(requirement: str) -> str:
    """The normalized project name of a requirement such as ``"Annotator[x]>=1; python_version>'3'"``."""
    return re.split(r"[\s<>=!~;\[(@]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def clear_pipeline_cache() -> None:
    """Forget every cached pipeline (tests; after installing a new model)."""
    with _cache_lock:
        _cache.clear()


def gazetteer_version(directory: Path | None = None) -> str:
    """``"0.1.0+" + 8 hex digits`` that change whenever a ``*.jsonl`` gazetteer file changes."""
    return _version(_read_gazetteer(directory))


def gazetteer_patterns(directory: Path | None = None) -> list[dict[str, Any]]:
    """Read and check every pattern of the gazetteer files, in file order.

    Phrase patterns that contain an apostrophe get a twin with the typographic one (’), so
    "Fratelli d'Italia" also matches "Fratelli d’Italia".
    RAISES GazetteerError: a line is not JSON, or lacks a known label or a pattern.
    """
    return _patterns(_read_gazetteer(directory))


# -- the gazetteer files: read once per load, hashed for the version, parsed for the patterns ----

_Files = list[tuple[Path, bytes]]


def _read_gazetteer(directory: Path | None) -> _Files:
    directory = GAZETTEER_DIR if directory is None else Path(directory)
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        raise GazetteerError(f"No gazetteer files (*.jsonl) in {directory}: the resources folder "
                             "is missing or incomplete; reinstall annotator.")
    return [(path, path.read_bytes()) for path in files]


def _version(files: _Files) -> str:
    digest = hashlib.sha256()
    for path, data in files:
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(data + b"\0")
    return f"{GAZETTEER_BASE_VERSION}+{digest.hexdigest()[:8]}"


def _patterns(files: _Files) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for path, data in files:
        # newline=None: lines end at \n, \r\n or \r, as when the file is opened as text
        for number, line in enumerate(io.StringIO(data.decode("utf-8"), newline=None), 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            item = _checked_pattern(line, f"{path}, line {number}")
            patterns.append(item)
            pattern = item["pattern"]
            if isinstance(pattern, str) and "'" in pattern:
                patterns.append({**item, "pattern": pattern.replace("'", "\u2019")})
    return patterns


def _checked_pattern(line: str, where: str) -> dict[str, Any]:
    """One pattern line as a dict; RAISES GazetteerError naming ``where`` and the fix."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        raise GazetteerError(f"{where}: not valid JSON ({err.msg})") from None
    if not isinstance(item, dict):
        raise GazetteerError(f"{where}: expected an object such as "
                             '{"label": "PER", "pattern": "Vladimir Putin"}')
    label, pattern = item.get("label"), item.get("pattern")
    if label not in GAZETTEER_LABELS:
        raise GazetteerError(f"{where}: \"label\" must be one of "
                             f"{', '.join(sorted(GAZETTEER_LABELS))} (got {label!r})")
    if isinstance(pattern, str):
        if not pattern.strip():
            raise GazetteerError(f"{where}: the pattern is empty")
    elif not (isinstance(pattern, list) and pattern and all(isinstance(t, dict) for t in pattern)):
        raise GazetteerError(f"{where}: \"pattern\" must be a phrase (a string) or a "
                             "list of token objects such as [{\"LOWER\": \"ieri\"}]")
    return item


# -- building and loading ------------------------------------------------------------------------


def _cached_gazetteer() -> "Language":
    """The built-in pipeline, rebuilt when the pattern files changed since it was built."""
    files = _read_gazetteer(None)
    version = _version(files)
    key = (GAZETTEER_MODEL, GAZETTEER_MODEL)
    with _cache_lock:
        nlp = _cache.get(key)
        if nlp is None or nlp.meta["version"] != version:
            nlp = _cache[key] = _build_gazetteer(_patterns(files), version)
        return nlp


def _build_gazetteer(patterns: list[dict[str, Any]], version: str) -> "Language":
    import spacy

    from annotator.nlp import components

    components.register()
    nlp = spacy.blank("it")
    components.customize_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe(components.ENTITY_RULER, name="entity_ruler",
                         config={"phrase_matcher_attr": "ORTH", "validate": False})
    ruler.add_patterns(patterns)
    nlp.add_pipe(components.FIXUPS)
    nlp.meta["name"] = GAZETTEER_NAME
    nlp.meta["version"] = version
    nlp.meta["description"] = ("Interim Italian entity pre-annotation: hand-written gazetteer "
                               "(PER, ORG, LOC, MISC) and date rules (DATE).")
    nlp.meta["license"] = "MIT"
    nlp.meta["requirements"] = with_annotator_requirement()  # its components, once saved
    return nlp


def _load_spacy(name: str, path: Path | None) -> "Language":
    """The pipeline folder ``path`` (the existing path ``name`` names), else the package ``name``."""
    import spacy

    from annotator.nlp import components, consistency, features

    components.register()  # a saved copy of the gazetteer pipeline needs its components
    features.register()  # trained models use the gazetteer features
    consistency.register()  # ... and label repeated names alike
    if path is not None:
        if not path.is_dir():
            raise PipelineNotFound(_msg_a_file(path))
        try:
            return spacy.load(path)
        except (OSError, ValueError, KeyError) as err:
            raise PipelineNotFound(_msg_not_a_pipeline(path, err)) from err
    if not spacy.util.is_package(name):
        raise PipelineNotFound(_msg_not_found(name))
    try:
        return spacy.load(name)
    except (OSError, ImportError) as err:
        raise PipelineNotFound(f"{_msg_not_found(name)} ({err})") from err
