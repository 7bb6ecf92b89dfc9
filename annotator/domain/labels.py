"""The entity label schema: names, descriptions, colours and keyboard keys, loaded from JSON."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


class SchemaError(ValueError):
    """A label schema file is malformed; the message names the file and what to fix."""


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    description: str
    color: str
    key: str | None


@dataclass(frozen=True, slots=True)
class LabelSchema:
    labels: tuple[Label, ...]
    source: str = "<default>"

    def names(self) -> list[str]:
        return [label.name for label in self.labels]

    def get(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    def by_key(self, key: str) -> Label | None:
        return next((label for label in self.labels if label.key == key), None)

    def color(self, name: str) -> str:
        label = self.get(name)
        return label.color if label else "#9e9e9e"

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "<dict>") -> "LabelSchema":
        """Validate a parsed schema; every problem names ``source`` and the label at fault."""
        if not isinstance(data, dict) or not isinstance(data.get("labels"), list) or not data["labels"]:
            raise SchemaError(f"{source}: expected an object with a non-empty \"labels\" list")
        labels: list[Label] = []
        seen_keys: dict[str, str] = {}
        for i, item in enumerate(data["labels"], 1):
            where = f"{source}: label #{i}"
            if not isinstance(item, dict):
                raise SchemaError(f"{where} is not an object")
            name = item.get("name")
            if not isinstance(name, str) or not _NAME.match(name):
                raise SchemaError(f"{where}: \"name\" must be a word such as PER (got {name!r})")
            if any(label.name == name for label in labels):
                raise SchemaError(f"{where}: the name {name} is used twice")
            color = item.get("color", "#9e9e9e")
            if not isinstance(color, str) or not _COLOR.match(color):
                raise SchemaError(f"{where} ({name}): \"color\" must look like #1f77b4 (got {color!r})")
            key = item.get("key")
            if key is not None:
                key = str(key)
                if len(key) != 1 or not key.isdigit() or key == "0":
                    raise SchemaError(f"{where} ({name}): \"key\" must be one digit 1-9 (got {key!r})")
                if key in seen_keys:
                    raise SchemaError(f"{where} ({name}): key {key} is already used by {seen_keys[key]}")
                seen_keys[key] = name
            labels.append(Label(name, str(item.get("description", "")), color, key))
        return cls(tuple(labels), source)

    @classmethod
    def load(cls, path: str | Path) -> "LabelSchema":
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SchemaError(f"{path}: label schema file not found") from None
        except OSError as err:  # a folder, no permission…
            raise SchemaError(f"{path}: cannot read the label schema ({err.strerror or err})") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise SchemaError(f"{path}: not valid JSON ({err})") from None
        return cls.from_dict(data, source=str(path))
