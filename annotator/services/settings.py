"""Who is annotating and with which labels: resolved the same way by the CLI and the desktop app."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

import annotator

from ..domain.event_schema import EventSchema
from ..domain.labels import LabelSchema, SchemaError
from ..domain.model import GOLD, SUGGESTIONS

ANNOTATOR_ENV = "ANNOTATOR_USER"
PROJECT_ENV = "ANNOTATOR_PROJECT"
DEFAULT_PROJECT = "annotator.db"
REPO_DIR = Path(annotator.__file__).resolve().parent.parent
DEFAULT_LABELS = REPO_DIR / "resources" / "labels.json"
DEFAULT_EVENTS = REPO_DIR / "resources" / "events" / "plover.json"
LABELS_SETTING = "labels"
MODEL_SETTING = "model"
LABEL_MAP_SETTING = "label_map"
EVENTS_SETTING = "events"  # the project's event schema file (default: resources/events/plover.json)
# Labels of common foreign pipelines (spaCy's English models, OntoNotes, CoNLL) renamed to the
# project's; a project's "label_map" setting adds to these or overrides them.
DEFAULT_LABEL_MAP: dict[str, str | None] = {
    "PERSON": "PER", "GPE": "LOC", "FAC": "LOC", "LOCATION": "LOC", "ORGANIZATION": "ORG",
    "NORP": None,
}


class AnnotatorNameError(ValueError):
    """An annotator name that cannot name a layer (reserved or empty)."""


def check_annotator_name(name: str) -> str:
    """``name`` stripped, or :class:`AnnotatorNameError` when it is empty or reserved."""
    name = (name or "").strip()
    if not name:
        raise AnnotatorNameError("the annotator name is empty: pass --annotator NAME or set $ANNOTATOR_USER")
    if name == GOLD or name == SUGGESTIONS or name.startswith("@"):
        raise AnnotatorNameError(
            f"{name!r} is reserved (\"gold\" is the adjudicated layer, names starting with @ belong to the"
            " program): choose another name with --annotator NAME or $ANNOTATOR_USER"
        )
    return name


def current_annotator(explicit: str | None = None) -> str:
    """The annotator: ``explicit`` (--annotator), else $ANNOTATOR_USER, else the login name."""
    if explicit is not None:
        return check_annotator_name(explicit)
    from_env = os.environ.get(ANNOTATOR_ENV)
    if from_env:
        return check_annotator_name(from_env)
    try:
        login = getpass.getuser()
    except Exception:  # no login name (some containers): ask for one
        raise AnnotatorNameError(
            "cannot tell who you are: pass --annotator NAME or set $ANNOTATOR_USER"
        ) from None
    return check_annotator_name(login)


def default_project_path(explicit: str | os.PathLike[str] | None = None) -> Any:
    """The project: ``explicit`` (--project), else $ANNOTATOR_PROJECT, else ./annotator.db. A file's
    path is a ``Path``; a team project's ``postgresql://`` URL stays a ``str`` (a Path would fold its
    ``//``)."""
    from ..store.location import is_server_url

    chosen = explicit or os.environ.get(PROJECT_ENV) or DEFAULT_PROJECT
    return str(chosen) if is_server_url(str(chosen)) else Path(chosen)


def labels_path(project: Any) -> Path:
    """Where the project's label schema lives: its "labels" setting (relative to the project file's
    folder when not absolute), else the bundled ``resources/labels.json``."""
    return _setting_path(project, LABELS_SETTING, DEFAULT_LABELS)


def events_path(project: Any) -> Path:
    """Where the project's event schema lives: its "events" setting, else the bundled PLOVER file."""
    return _setting_path(project, EVENTS_SETTING, DEFAULT_EVENTS)


def load_event_schema(project: Any) -> EventSchema:
    """The project's event schema. Raises :class:`SchemaError` naming the file and what to fix."""
    return EventSchema.load(events_path(project))


def _setting_path(project: Any, key: str, default: Path) -> Path:
    setting = project.setting(key)
    if not setting:
        return default
    path = Path(setting).expanduser()
    if not path.is_absolute() and not getattr(project, "shared", False):  # a server's: from where you are
        beside = Path(project.path).resolve().parent / path
        path = beside if beside.exists() or not path.exists() else path
    return path


def load_labels(project: Any) -> LabelSchema:
    """The project's label schema. Raises :class:`SchemaError` naming the file and what to fix."""
    return LabelSchema.load(labels_path(project))


def parse_label_map(text: str | None) -> dict[str, str | None]:
    """``"GPE=LOC,FAC=LOC,MISC="`` -> ``{"GPE": "LOC", "FAC": "LOC", "MISC": None}``.

    RAISES ValueError: an item without ``=`` or without a label before it.
    """
    mapping: dict[str, str | None] = {}
    for item in (text or "").split(","):
        item = item.strip()
        if not item:
            continue
        source, sep, target = item.partition("=")
        if not sep or not source.strip():
            raise ValueError(f"label map item {item!r}: write FROM=TO (GPE=LOC), or FROM= to drop "
                             "a label (MISC=)")
        mapping[source.strip()] = target.strip() or None
    return mapping


def label_map(project: Any) -> dict[str, str | None]:
    """The label map pre-annotation applies: the defaults, then the project's "label_map" setting.

    RAISES ValueError: the stored setting is malformed (it is checked when set, so only by hand).
    """
    return {**DEFAULT_LABEL_MAP, **parse_label_map(project.setting(LABEL_MAP_SETTING))}


__all__ = [
    "DEFAULT_LABEL_MAP",
    "LABEL_MAP_SETTING",
    "label_map",
    "parse_label_map",
    "ANNOTATOR_ENV",
    "AnnotatorNameError",
    "DEFAULT_LABELS",
    "PROJECT_ENV",
    "SchemaError",
    "check_annotator_name",
    "current_annotator",
    "default_project_path",
    "labels_path",
    "load_labels",
    "DEFAULT_EVENTS",
    "EVENTS_SETTING",
    "events_path",
    "load_event_schema",
]
