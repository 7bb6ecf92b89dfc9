"""Cleaning rules: data in a JSON file that users can read and extend, checked when loaded.

A rules file holds named rules, each a regular expression and what to do with what it matches:

- ``prefix``: a marker at the very start of the text is cut off, its ``value`` stored in ``fields``;
- ``drop``: a line the pattern finds is left out of the text;
- ``meta``: like ``drop``, and the ``value`` group (or the whole match) is stored in ``fields``;
- ``drop-repeated``: a line identical to an earlier kept line is left out (no pattern);
- ``split``: ``insert`` (a space or a newline) goes between the ``before`` and ``after`` groups, to
  separate sentences that scraping glued together; letters and punctuation are never changed.

``where`` says which lines a ``drop``/``meta`` rule may remove: ``anywhere``, ``first`` (only the
first line) or ``edges`` (only in the header or trailing block of the article, or next to another
removed line, never a line that reads like a paragraph of prose).

A project file may say ``"extends": "default"`` (or name another rules file) to add rules to those it
extends; a rule with the same name replaces the inherited one, and ``"enabled": false`` switches an
inherited rule off.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_RULES_PATH = Path(__file__).resolve().parents[2] / "resources" / "cleaning.json"

ACTIONS = ("prefix", "drop", "meta", "drop-repeated", "split")
PLACES = ("anywhere", "first", "edges")

_TOP_KEYS = {"version", "description", "comment", "extends", "rules", "split_exceptions", "protected"}
_RULE_KEYS = {
    "name", "description", "action", "pattern", "where", "fields", "list_separator", "insert",
    "ignore_case", "enabled", "comment",
}
_MAX_EXTENDS_DEPTH = 5


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the file and the rule."""


@dataclass(frozen=True)
class CleaningRule:
    """One named rule; see the module docstring for what each action does."""

    name: str
    action: str
    description: str
    pattern: re.Pattern[str] | None = None
    where: str = "anywhere"
    fields: tuple[str, ...] = ()
    list_separator: str | None = None
    insert: str = " "
    enabled: bool = True


@dataclass(frozen=True)
class CleaningRules:
    """All rules of a rules file (and the files it extends), in the order they apply."""

    rules: tuple[CleaningRule, ...]
    split_exceptions: tuple[str, ...] = ()
    protected: tuple[re.Pattern[str], ...] = ()
    sources: tuple[str, ...] = field(default=())

    def active(self, *actions: str) -> list[CleaningRule]:
        """The enabled rules with one of ``actions``, in file order."""
        return [r for r in self.rules if r.enabled and r.action in actions]

    def names(self) -> list[str]:
        """Names of the enabled rules, in order."""
        return [r.name for r in self.rules if r.enabled]


def load_cleaning_rules(path: str | Path | None = None) -> CleaningRules:
    """Load and check a rules file; the default is ``resources/cleaning.json`` of the repository.

    Raises :class:`RulesError` (a ``ValueError``) naming the file and the rule when the file is
    missing, is not JSON, or a rule is malformed.
    """
    target = Path(path) if path is not None else DEFAULT_RULES_PATH
    try:
        stamp = target.stat().st_mtime_ns
    except OSError:
        raise RulesError(f"{target}: cleaning rules file not found") from None
    rules = _load_cached(str(target.resolve()), stamp)
    if not _unchanged(rules.sources):  # a file it extends was edited since: read them all again
        _load_cached.cache_clear()
        rules = _load_cached(str(target.resolve()), stamp)
    return rules


def _unchanged(sources: tuple[str, ...]) -> bool:
    """Whether every file the rules were read from still has the stamp it had then."""
    return all(_stamp(source) == _STAMPS.get(source) for source in sources)


def _stamp(path: str) -> int | None:
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return None


_STAMPS: dict[str, int | None] = {}  # modification time of each rules file when it was last read


@lru_cache(maxsize=16)
def _load_cached(path: str, stamp: int) -> CleaningRules:
    del stamp  # part of the cache key only: an edited file is read again
    return _load(Path(path), depth=0)


def _load(path: Path, depth: int) -> CleaningRules:
    _STAMPS[str(path)] = _stamp(str(path))
    return _parse(path, depth)


def _parse(path: Path, depth: int) -> CleaningRules:
    data = _read_json(path)
    where = str(path)
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise RulesError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_TOP_KEYS)}")
    base = _extended(data.get("extends"), path, depth)
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        raise RulesError(f'{where}: "rules" must be a list of rule objects')
    rules = [_parse_rule(item, i, where) for i, item in enumerate(raw_rules, start=1)]
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            raise RulesError(f"{where}: rule {rule.name!r} is defined twice")
        seen.add(rule.name)
    exceptions = _string_list(data, "split_exceptions", where)
    protected = tuple(
        _compile(p, f'{where}: "protected" pattern {p!r}', ignore_case=False)
        for p in _string_list(data, "protected", where)
    )
    own = CleaningRules(tuple(rules), tuple(exceptions), protected, (where,))
    return _merge(base, own) if base is not None else own


def _read_json(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesError(f"{path}: cleaning rules file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise RulesError(f"{path}: cannot read the cleaning rules file: {err}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise RulesError(
            f"{path}: not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}"
        ) from None
    if not isinstance(data, dict):
        raise RulesError(f'{path}: the file must hold a JSON object with a "rules" list')
    return data


def _extended(extends: Any, path: Path, depth: int) -> CleaningRules | None:
    if extends is None:
        return None
    if not isinstance(extends, str) or not extends:
        raise RulesError(f'{path}: "extends" must be "default" or the path of another rules file')
    if depth >= _MAX_EXTENDS_DEPTH:
        raise RulesError(f'{path}: "extends" goes more than {_MAX_EXTENDS_DEPTH} files deep (a loop?)')
    parent = DEFAULT_RULES_PATH if extends == "default" else (path.parent / extends)
    return _load(parent.resolve(), depth + 1)


def _merge(base: CleaningRules, own: CleaningRules) -> CleaningRules:
    """Rules of ``base`` with those of ``own`` replacing same-named ones and the rest appended."""
    replacements = {r.name: r for r in own.rules}
    merged = [replacements.pop(r.name, r) for r in base.rules]
    merged += [r for r in own.rules if r.name in replacements]
    exceptions = tuple(dict.fromkeys(base.split_exceptions + own.split_exceptions))
    return CleaningRules(
        tuple(merged), exceptions, base.protected + own.protected, base.sources + own.sources
    )


def _parse_rule(item: Any, index: int, where: str) -> CleaningRule:
    if not isinstance(item, dict):
        raise RulesError(f"{where}: rule #{index} must be an object, not {type(item).__name__}")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RulesError(f'{where}: rule #{index} has no "name"')
    at = f"{where}: rule {name!r}"
    unknown = set(item) - _RULE_KEYS
    if unknown:
        raise RulesError(f"{at}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_RULE_KEYS)}")
    enabled = item.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RulesError(f'{at}: "enabled" must be true or false')
    if not enabled:
        # A switched-off rule only needs a name: it exists to turn an inherited rule off.
        return CleaningRule(name=name, action=str(item.get("action", "drop")), description="",
                            enabled=False)
    action = item.get("action")
    if action not in ACTIONS:
        raise RulesError(f'{at}: "action" must be one of {", ".join(ACTIONS)}, not {action!r}')
    description = item.get("description")
    if not isinstance(description, str) or not description.strip():
        raise RulesError(f'{at}: "description" is missing (say in words what the rule removes)')
    ignore_case = item.get("ignore_case", False)
    if not isinstance(ignore_case, bool):
        raise RulesError(f'{at}: "ignore_case" must be true or false')
    pattern = None
    if action != "drop-repeated":
        raw = item.get("pattern")
        if not isinstance(raw, str) or not raw:
            raise RulesError(f'{at}: "pattern" (a regular expression) is missing')
        pattern = _compile(raw, at, ignore_case=ignore_case)
    where_ = item.get("where", "anywhere")
    if where_ not in PLACES:
        raise RulesError(f'{at}: "where" must be one of {", ".join(PLACES)}, not {where_!r}')
    fields: tuple[str, ...] = ()
    if action in ("prefix", "meta"):
        raw_fields = item.get("fields")
        if (not isinstance(raw_fields, list) or not raw_fields
                or not all(isinstance(f, str) and f for f in raw_fields)):
            raise RulesError(f'{at}: "fields" must be a list of metadata field names')
        fields = tuple(raw_fields)
    separator = item.get("list_separator")
    if separator is not None and (not isinstance(separator, str) or not separator):
        raise RulesError(f'{at}: "list_separator" must be a non-empty string')
    insert = item.get("insert", " ")
    if action == "split":
        assert pattern is not None
        if not {"before", "after"} <= set(pattern.groupindex):
            raise RulesError(f'{at}: a split pattern needs the groups (?P<before>…) and (?P<after>…)')
        if not isinstance(insert, str) or not insert or insert.strip():
            raise RulesError(f'{at}: "insert" must be whitespace, such as " " or "\\n"')
    return CleaningRule(
        name=name, action=action, description=description.strip(), pattern=pattern,
        where=where_, fields=fields, list_separator=separator, insert=insert,
    )


def _compile(raw: str, at: str, *, ignore_case: bool) -> re.Pattern[str]:
    try:
        return re.compile(raw, re.IGNORECASE if ignore_case else 0)
    except re.error as err:
        raise RulesError(f"{at}: pattern is not a valid regular expression: {err}") from None


def _string_list(data: dict[str, Any], key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RulesError(f'{where}: "{key}" must be a list of strings')
    return value
