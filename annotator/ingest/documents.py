"""What the readers produce: an incoming document, or a rejection that says why not."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.domain.shown import shown


@dataclass(frozen=True)
class IncomingDocument:
    """A document read from a file, ready to be stored.

    ``text`` is what gets annotated: cleaned for .txt/.md/.html, verbatim for .jsonl. ``raw`` is the
    decoded original (for .jsonl the record's text). ``meta`` holds title, url, source, published,
    modified, categories and ``removed`` (the lines cleaning left out, each ``{"rule", "text"}``) when
    known; for .jsonl it is the record's own meta. ``source`` is ``"path"`` or ``"path:LINE"``.
    ``record`` is the whole parsed JSONL record (annotations included), else None.
    """

    text: str
    raw: str
    meta: dict[str, Any]
    source: str
    record: dict[str, Any] | None = None


@dataclass(frozen=True)
class Rejection:
    """An input that could not be read, with the reason in plain words.

    Both are made printable on one line here, once for every reader: ``source`` (a file name may hold
    a newline, an escape sequence or undecodable bytes) through :func:`~annotator.domain.shown.shown`,
    and ``reason`` likewise except that its backslashes are kept (a reason may spell ``\\ud800``).
    """

    source: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", shown(self.source))
        object.__setattr__(self, "reason", "\\".join(shown(part) for part in self.reason.split("\\")))

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class CleanResult:
    """The outcome of :func:`annotator.ingest.cleaning.clean_text`.

    ``meta`` holds what cleaning found (title, url, source, published, modified, categories) and
    ``removed``, the same list as the ``removed`` attribute.
    """

    text: str
    meta: dict[str, Any]
    removed: list[dict[str, str]] = field(default_factory=list)
