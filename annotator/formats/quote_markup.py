"""Gold quotations and events written inline: the readable source of the development and test sets.

Hand-annotating offsets is error-prone; writing tags around the words is not. A file holds
documents, each opened by a header line, with the quotation parts tagged in the text::

    === ansa-2024-03-12-ucraina | published=2024-03-12
    Il portavoce del Cremlino <sp q="q1 q2" label="PER">Dmitry Peskov</sp> <cue q="q1">ha detto</cue>:
    «<q id="q1" kind="direct">Non abbiamo ricevuto nessuna proposta</q>». «<q id="q2" kind="direct">Ne
    parleremo</q>», <cue q="q2">ha aggiunto</cue>.

- ``<q id=… kind=…>`` the content (without its quotation marks); kind is direct, partial, indirect or
  headline.
- ``<sp q="ids" label=…>`` the speaker of the quotations listed in ``q`` (a speaker carried over to a
  later quotation lists it too); ``label`` is PER or ORG for a name, absent for a description
  ("un alto funzionario").
- ``<cue q="ids">`` the reporting verb or expression.

Events (``benchmarks/data/events/``) use two more tags::

    Biden e <arg e="e1" role="actor">Putin</arg> hanno avuto una <ev id="e1" type="CONSULT"
    mode="phone" date="2021-12-30">telefonata</ev>

- ``<ev id=… type=… [mode=…] [date=…] [context="a b"]>`` the trigger words of an event;
- ``<arg e="ids" role=…>`` an argument (actor, recipient, location…) of the listed events.

Tags nest but never cross. The text of a document is what is left when the tags are removed, from the
line after its header to the next header, blank lines at both ends dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..domain.model import QUOTE_KINDS

__all__ = ["GoldEvent", "GoldQuote", "GoldDocument", "MarkupError", "read_quote_markup", "parse_document"]

_HEADER = re.compile(r"^=== (?P<id>\S+)(?: \| (?P<attrs>.*))?$")
_TAG = re.compile(r"<(?P<close>/)?(?P<name>q|sp|cue|ev|arg)(?P<attrs>(?:\s+[a-z]+=\"[^\"]*\")*)\s*>")
_ATTR = re.compile(r'([a-z]+)="([^"]*)"')


class MarkupError(ValueError):
    """A malformed markup file; the message names the file, the line and what is wrong."""


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A quotation of a gold document: content range, kind, speaker and cue ranges."""

    start: int
    end: int
    kind: str
    speaker: tuple[int, int] | None = None
    speaker_label: str | None = None
    cue: tuple[int, int] | None = None
    # the fullest named mention the speaker refers to (``ref="…"``, else the speaker itself when it
    # is a name); None for a description ("un testimone")
    speaker_entity: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """An event of a gold document: type, mode, trigger range, arguments (role, start, end), date."""

    type: str
    trigger: tuple[int, int]
    mode: str | None = None
    args: tuple[tuple[str, int, int], ...] = ()
    date: str | None = None
    context: tuple[str, ...] = ()
    entities: tuple[tuple[int, int] | None, ...] = ()  # the named entity of each argument, as speaker_entity


@dataclass(slots=True)
class GoldDocument:
    id: str
    text: str
    published: str | None = None
    quotes: list[GoldQuote] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)


def read_quote_markup(path: Path | str) -> list[GoldDocument]:
    """Read every document of a markup file. RAISES MarkupError naming the file and line."""
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    return list(_documents(lines, str(path)))


def _documents(lines: list[str], name: str) -> Iterator[GoldDocument]:
    header: tuple[int, re.Match[str]] | None = None
    body: list[str] = []
    for number, line in enumerate([*lines, "=== <end>"], 1):
        match = _HEADER.match(line)
        if not match:
            if header is None and line.strip():
                raise MarkupError(f"{name}:{number}: text before the first '=== id' header")
            body.append(line)
            continue
        if header is not None:
            first, head = header
            attrs = dict(a.split("=", 1) for a in (head.group("attrs") or "").split() if "=" in a)
            while body and not body[0].strip():
                body.pop(0)
                first += 1
            while body and not body[-1].strip():
                body.pop()
            try:
                yield parse_document(head.group("id"), "\n".join(body), attrs.get("published"))
            except MarkupError as err:
                raise MarkupError(f"{name}: document {head.group('id')} (line {first}): {err}") from None
        header, body = (number + 1, match), []


def parse_document(doc_id: str, marked: str, published: str | None = None) -> GoldDocument:
    """Strip the tags of one document's text and turn them into gold quotations."""
    text: list[str] = []
    length = 0
    position = 0
    open_tags: list[tuple[str, dict[str, str], int]] = []
    contents: dict[str, tuple[int, int, str]] = {}
    speakers: dict[str, tuple[int, int, str | None]] = {}
    refs: dict[tuple[int, int], str] = {}  # mention range → ref text
    cues: dict[str, tuple[int, int]] = {}
    triggers: dict[str, tuple[int, int, dict[str, str]]] = {}
    arguments: list[tuple[list[str], str, int, int]] = []
    for match in _TAG.finditer(marked):
        text.append(marked[position:match.start()])
        length += match.start() - position
        position = match.end()
        name = match.group("name")
        if not match.group("close"):
            open_tags.append((name, dict(_ATTR.findall(match.group("attrs"))), length))
            continue
        if not open_tags or open_tags[-1][0] != name:
            raise MarkupError(f"</{name}> at character {match.start()} closes no open <{name}>")
        _, attrs, start = open_tags.pop()
        if attrs.get("ref") and name in ("sp", "arg"):
            refs[(start, length)] = attrs["ref"]
        if name in ("ev", "arg"):
            _record_event_part(name, attrs, start, length, triggers, arguments)
        else:
            _record(name, attrs, start, length, contents, speakers, cues)
    if open_tags:
        raise MarkupError(f"<{open_tags[-1][0]}> never closed")
    text.append(marked[position:])
    plain = "".join(text)
    if any(tag in plain for tag in ("<q ", "</q>", "<sp", "<cue", "<ev", "</ev>", "<arg")):
        raise MarkupError("a tag is malformed (check its quotes and spaces)")
    quotes = []
    for quote_id, (start, end, kind) in contents.items():
        speaker = speakers.get(quote_id)
        cue = cues.get(quote_id)
        entity = None
        if speaker is not None and (speaker[2] or (speaker[0], speaker[1]) in refs):
            entity = _entity_of(plain, (speaker[0], speaker[1]), refs)
        quotes.append(GoldQuote(start, end, kind, speaker=speaker[:2] if speaker else None,
                                speaker_label=speaker[2] if speaker else None, cue=cue, speaker_entity=entity))
    unknown = (set(speakers) | set(cues)) - set(contents)
    if unknown:
        raise MarkupError(f"speaker or cue for unknown quotation ids {sorted(unknown)}")
    quotes.sort(key=lambda q: (q.start, q.end))
    events = [replace(e, entities=tuple(_entity_of(plain, (a[1], a[2]), refs) if a[0] != "location" else None
                                        for a in e.args)) for e in _events(triggers, arguments)]
    return GoldDocument(doc_id, plain, published, quotes, events)


def _entity_of(text: str, mention: tuple[int, int], refs: dict[tuple[int, int], str]) -> tuple[int, int]:
    """The range of the mention's ``ref`` text nearest the mention (before it first), else the mention."""
    ref = refs.get(mention)
    if not ref:
        return mention
    found = [m.start() for m in re.finditer(re.escape(ref), text)]
    if not found:
        raise MarkupError(f"ref={ref!r} is not words of the text")
    before = [f for f in found if f <= mention[0]]
    start = max(before) if before else min(found)
    return start, start + len(ref)


def _record_event_part(name: str, attrs: dict[str, str], start: int, end: int,
                       triggers: dict[str, tuple[int, int, dict[str, str]]],
                       arguments: list[tuple[list[str], str, int, int]]) -> None:
    if name == "ev":
        event_id = attrs.get("id")
        if not event_id or not attrs.get("type"):
            raise MarkupError("an <ev> needs an id and a type")
        if event_id in triggers:
            raise MarkupError(f"two <ev> with id {event_id}")
        triggers[event_id] = (start, end, attrs)
        return
    ids, role = attrs.get("e", "").split(), attrs.get("role")
    if not ids or not role:
        raise MarkupError('an <arg> needs e="event ids" and a role')
    arguments.append((ids, role, start, end))


def _events(triggers: dict[str, tuple[int, int, dict[str, str]]],
            arguments: list[tuple[list[str], str, int, int]]) -> list[GoldEvent]:
    args: dict[str, list[tuple[str, int, int]]] = {}
    for ids, role, start, end in arguments:
        for event_id in ids:
            if event_id not in triggers:
                raise MarkupError(f"an <arg> names the unknown event {event_id}")
            args.setdefault(event_id, []).append((role, start, end))
    events = [GoldEvent(attrs["type"], (start, end), attrs.get("mode") or None,
                        tuple(sorted(args.get(event_id, ()), key=lambda a: a[1])), attrs.get("date") or None,
                        tuple(attrs.get("context", "").split()))
              for event_id, (start, end, attrs) in triggers.items()]
    return sorted(events, key=lambda e: e.trigger)


def _record(name: str, attrs: dict[str, str], start: int, end: int,
            contents: dict[str, tuple[int, int, str]],
            speakers: dict[str, tuple[int, int, str | None]],
            cues: dict[str, tuple[int, int]]) -> None:
    if name == "q":
        quote_id, kind = attrs.get("id"), attrs.get("kind")
        if not quote_id:
            raise MarkupError("a <q> has no id")
        if kind not in QUOTE_KINDS:
            raise MarkupError(f"<q id={quote_id}> has kind {kind!r}, not one of {', '.join(QUOTE_KINDS)}")
        if quote_id in contents:
            raise MarkupError(f"two <q> with id {quote_id}")
        contents[quote_id] = (start, end, kind)
        return
    ids = attrs.get("q", "").split()
    if not ids:
        raise MarkupError(f"a <{name}> names no quotation (q=\"…\")")
    for quote_id in ids:
        target: dict = speakers if name == "sp" else cues
        if quote_id in target:
            raise MarkupError(f"quotation {quote_id} has two <{name}>")
        target[quote_id] = (start, end, attrs.get("label") or None) if name == "sp" else (start, end)
