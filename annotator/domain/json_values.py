"""Strict JSON for imported records: values that cannot be stored or written back are refused.

Python's :mod:`json` reads three things other tools do not: ``NaN``, ``Infinity`` and ``-Infinity``
(which it would write back as non-standard JSON), and ``"\\ud800"`` escapes that are half of a
surrogate pair (which no UTF-8 file or SQLite text can hold). It also reads ``"\\u0000"``, a NUL
character, which a team project's server cannot store in any text (PostgreSQL refuses it), so a
record holding one is refused on every backend alike. :func:`loads` reads a line with the
constants marked, and :func:`first_problem` finds the first such value anywhere in a record, naming
where it is (``meta.score``, ``spans[0].label``) so that the user can fix that record.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = ["NotJSON", "first_problem", "loads"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_NUL = "\x00"
_WORD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CONSTANT_ADVICE = "JSON has no NaN or Infinity: write null or a number"

Where = tuple[Any, ...]  # the keys and indexes from the record down to a value


class NotJSON(ValueError):
    """A line that strict JSON cannot read; ``reason`` says why in words (no line number)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Constant:
    """Stands for a ``NaN``/``Infinity``/``-Infinity`` read by :func:`loads`, keeping its spelling."""

    __slots__ = ("spelling",)

    def __init__(self, spelling: str) -> None:
        self.spelling = spelling

    def __repr__(self) -> str:
        return self.spelling


def loads(line: str) -> Any:
    """Parse one JSON value; ``NaN``/``Infinity`` are kept as markers that :func:`first_problem`
    reports. RAISES :class:`NotJSON` for text that is not JSON, nested too deeply, or holding an
    integer too long to convert."""
    try:
        return json.loads(line, parse_constant=_Constant)
    except json.JSONDecodeError as err:
        raise NotJSON(f"not valid JSON: {err.msg} at column {err.colno}") from None
    except RecursionError:
        raise NotJSON("not valid JSON: nested too deeply") from None
    except ValueError:  # an integer over Python's limit of digits for conversion (4,300)
        raise NotJSON("not valid JSON: it holds a number with thousands of digits; write it as a string") from None


def first_problem(value: Any) -> str | None:
    """The first value of ``value`` (walked in document order, without recursion so that any nesting
    is fine) that cannot be stored or exported, in words with its place; None when all are fine."""
    if _clean(value):  # the common case, checked without building a place for every value
        return None
    stack: list[tuple[Any, Where]] = [(value, ())]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            problem = _string_problem(item, where)
        elif isinstance(item, dict):
            problem = _key_problem(item, where)
            stack.extend((v, (*where, k)) for k, v in reversed(item.items()))
        elif isinstance(item, (list, tuple)):
            problem = None
            stack.extend((v, (*where, i)) for i, v in reversed(list(enumerate(item))))
        else:
            problem = _number_problem(item, where)
        if problem is not None:
            return problem
    return None


def _clean(value: Any) -> bool:
    """Whether nothing in ``value`` is a problem for :func:`first_problem` (which then walks it again
    to name the place). Python's :mod:`json` has no hook that sees every string, so this is one
    walk, kept cheap: an ASCII string cannot hold a surrogate, and no place is built."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _NUL in item or (not item.isascii() and _SURROGATE.search(item)):
                return False
        elif isinstance(item, dict):
            stack.extend(item)  # the keys: strings, checked like the values
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, _Constant) or (isinstance(item, float) and not math.isfinite(item)):
            return False
    return True


def _string_problem(text: str, where: Where) -> str | None:
    if _NUL in text:
        return (f"NUL character (\\u0000) in {_place(where)} at character {text.index(_NUL)}: no project "
                "can store it; remove it from the record")
    found = _SURROGATE.search(text)
    if found is None:
        return None
    return (f"lone surrogate \\u{ord(found.group()):04x} in {_place(where)} at character {found.start()}: "
            "a \\u escape that is half of a UTF-16 pair is no character; fix the record")


def _key_problem(mapping: dict[Any, Any], where: Where) -> str | None:
    for key in mapping:
        if isinstance(key, str) and _NUL in key:
            return f"NUL character (\\u0000) in a key of {_place(where)}: no project can store it; fix the record"
        if isinstance(key, str) and _SURROGATE.search(key):
            code = ord(_SURROGATE.search(key).group())  # type: ignore[union-attr]
            return (f"lone surrogate \\u{code:04x} in a key of {_place(where)}: a \\u escape that is half of"
                    " a UTF-16 pair is no character; fix the record")
    return None


def _number_problem(item: Any, where: Where) -> str | None:
    if isinstance(item, _Constant):
        return f"{item.spelling} in {_place(where)}: {_CONSTANT_ADVICE}"
    if isinstance(item, float) and not math.isfinite(item):
        if math.isnan(item):
            return f"NaN in {_place(where)}: {_CONSTANT_ADVICE}"
        return f"{_place(where)} is a number too large for JSON (it reads as infinity): write a smaller one"
    return None


def _place(where: Where) -> str:
    """``meta.title``, ``spans[0].label``, ``meta["a b"]``; "the record" for the record itself."""
    if not where:
        return "the record"
    out = ""
    for key in where:
        if isinstance(key, int):
            out += f"[{key}]"
        elif _WORD.match(key):
            out += f".{key}" if out else key
        else:
            out += f"[{json.dumps(key)}]"
    return out
