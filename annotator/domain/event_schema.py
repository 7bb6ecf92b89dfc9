"""The event schema: types with definitions, modes, quad classes, contexts and roles, from JSON.

The default is PLOVER (``resources/events/plover.json``); a project may use another file (CAMEO, ACE,
a team's own) with ``annotator config events FILE``: nothing in the code names a type. A file is
validated when loaded and every problem names the file and the item at fault.

A schema file::

    {"name": "PLOVER",
     "roles": [{"name": "actor", "description": "…", "labels": ["PER", "ORG"], "multiple": true}, …],
     "quad_classes": ["verbal cooperation", …],          (optional)
     "contexts": ["military", …],                          (optional)
     "types": [{"name": "CONSULT", "definition": "…", "quad": "verbal cooperation",
                "required": ["actor"], "modes": [{"name": "phone", "definition": "…"}, …]}, …]}
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .labels import SchemaError
from .model import Event

__all__ = ["EventSchema", "EventType", "Mode", "Role", "SchemaError"]

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    definition: str = ""


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    description: str = ""
    labels: tuple[str, ...] = ()  # entity labels that fit the role; empty: any
    multiple: bool = True


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    definition: str
    quad: str | None
    modes: tuple[Mode, ...]
    required: tuple[str, ...]

    def mode(self, name: str) -> Mode | None:
        return next((m for m in self.modes if m.name == name), None)


@dataclass(frozen=True, slots=True)
class EventSchema:
    """Event types, roles and contexts of one schema file."""

    name: str
    types: tuple[EventType, ...]
    roles: tuple[Role, ...]
    contexts: tuple[str, ...] = ()
    quad_classes: tuple[str, ...] = ()
    source: str = "<dict>"
    license: str = ""

    def type(self, name: str) -> EventType | None:
        return next((t for t in self.types if t.name == name), None)

    def role(self, name: str) -> Role | None:
        return next((r for r in self.roles if r.name == name), None)

    def type_names(self) -> list[str]:
        return [t.name for t in self.types]

    def missing_roles(self, event: Event) -> list[str]:
        """Required roles of the event's type that none of its arguments fills."""
        kind = self.type(event.type)
        if kind is None:
            return []
        filled = {arg.role for arg in event.args}
        return [role for role in kind.required if role not in filled]

    def problems(self, event: Event) -> list[str]:
        """What is wrong with an event under this schema, in words for the user (empty: nothing)."""
        kind = self.type(event.type)
        if kind is None:
            return [f"type {event.type} is not in the {self.name} schema"]
        found = [f"missing {role}" for role in self.missing_roles(event)]
        if event.mode and kind.mode(event.mode) is None:
            found.append(f"mode {event.mode} is not a mode of {kind.name}")
        found += [f"unknown context {c}" for c in event.context if self.contexts and c not in self.contexts]
        found += [f"unknown role {a.role}" for a in event.args if self.role(a.role) is None]
        return found

    def unknown_names(self, event: Event) -> list[str]:
        """The type, mode, contexts and roles of ``event`` that this schema does not define, each
        with the names it does define (for an import to refuse the event; missing roles are fine)."""
        kind = self.type(event.type)
        if kind is None:
            return [f"type {event.type} is not in the {self.name} event schema (its types: "
                    f"{', '.join(self.type_names())})"]
        found = []
        if event.mode and kind.mode(event.mode) is None:
            modes = ", ".join(m.name for m in kind.modes)
            found.append(f"mode {event.mode} is not a mode of {kind.name} "
                         f"({f'its modes: {modes}' if modes else 'it has no modes'})")
        found += [f"context {c} is not in the {self.name} event schema (its contexts: {', '.join(self.contexts)})"
                  for c in event.context if self.contexts and c not in self.contexts]
        found += [f"role {r} is not in the {self.name} event schema (its roles: "
                  f"{', '.join(r.name for r in self.roles)})"
                  for r in dict.fromkeys(a.role for a in event.args) if self.role(r) is None]
        return found

    @classmethod
    def load(cls, path: str | Path) -> "EventSchema":
        """Read and validate a schema file. RAISES SchemaError naming the file and the problem."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as err:
            raise SchemaError(f"{path}: cannot read the event schema ({err.strerror or err})") from None
        except UnicodeDecodeError:
            raise SchemaError(f"{path}: not UTF-8 text; save the event schema as UTF-8") from None
        except json.JSONDecodeError as err:
            raise SchemaError(f"{path}: not valid JSON (line {err.lineno}: {err.msg})") from None
        return cls.from_dict(data, source=str(path))

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "<dict>") -> "EventSchema":
        if not isinstance(data, dict):
            raise SchemaError(f"{source}: expected a JSON object with \"types\" and \"roles\"")
        roles = tuple(_role(item, f"{source}: role #{i}") for i, item in enumerate(_list(data, "roles", source), 1))
        _unique([r.name for r in roles], f"{source}: role")
        quads = tuple(_strings(data.get("quad_classes", []), f"{source}: \"quad_classes\""))
        contexts = tuple(_strings(data.get("contexts", []), f"{source}: \"contexts\""))
        role_names = {r.name for r in roles}
        types = tuple(_type(item, f"{source}: type #{i}", role_names, quads)
                      for i, item in enumerate(_list(data, "types", source), 1))
        _unique([t.name for t in types], f"{source}: type")
        name = data.get("name", Path(source).stem)
        return cls(str(name), types, roles, contexts, quads, source, str(data.get("license", "")))


def _list(data: dict, key: str, source: str) -> list:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise SchemaError(f"{source}: \"{key}\" must be a non-empty list")
    return value


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SchemaError(f"{where} must be a list of names")
    return value


def _unique(names: list[str], where: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise SchemaError(f"{where} {name} is defined twice")
        seen.add(name)


def _name(item: dict, where: str) -> str:
    name = item.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise SchemaError(f"{where}: \"name\" must be a word such as CONSULT (got {name!r})")
    return name


def _role(item: Any, where: str) -> Role:
    if not isinstance(item, dict):
        raise SchemaError(f"{where} is not an object")
    name = _name(item, where)
    labels = _strings(item.get("labels", []), f"{where} ({name}): \"labels\"") if item.get("labels") else []
    return Role(name, str(item.get("description", "")), tuple(labels), bool(item.get("multiple", True)))


def _type(item: Any, where: str, roles: set[str], quads: tuple[str, ...]) -> EventType:
    if not isinstance(item, dict):
        raise SchemaError(f"{where} is not an object")
    name = _name(item, where)
    where = f"{where} ({name})"
    definition = item.get("definition")
    if not isinstance(definition, str) or not definition.strip():
        raise SchemaError(f"{where}: needs a \"definition\" (annotators see it when they pick the type)")
    quad = item.get("quad")
    if quad is not None and quads and quad not in quads:
        raise SchemaError(f"{where}: quad {quad!r} is not one of {', '.join(quads)}")
    required = _strings(item.get("required", []), f"{where}: \"required\"") if item.get("required") else []
    for role in required:
        if role not in roles:
            raise SchemaError(f"{where}: required role {role!r} is not one of the schema's roles "
                              f"({', '.join(sorted(roles))})")
    modes = []
    for j, mode in enumerate(item.get("modes") or [], 1):
        if not isinstance(mode, dict):
            raise SchemaError(f"{where}: mode #{j} is not an object")
        modes.append(Mode(_name(mode, f"{where}: mode #{j}"), str(mode.get("definition", ""))))
    _unique([m.name for m in modes], f"{where}: mode")
    return EventType(name, definition.strip(), quad, tuple(modes), tuple(required))
