"""Read NER training and evaluation data: KIND TSV, CoNLL, annotator or Prodigy JSONL.

Every reader yields :class:`AnnotatedText` items: a text, its entities as ``[start, end)`` ``str``
offsets, and, for token-per-line formats, the tokens the data was annotated on (so training and
exact-span evaluation use the data's own tokenization rather than spaCy's).

Formats, chosen by :func:`detect_format` from the file name and first lines:

- ``tsv`` / ``conll``: one token per line, the IOB (or BIO, IOB1, BILOU) tag in the LAST column
  (``token<TAB>B-PER`` as in KIND, or CoNLL-2003's four columns); a blank line ends a sentence and
  ``-DOCSTART-`` a document. Consecutive sentences are grouped ``sentences_per_text`` at a time (KIND
  keeps sentences in article order but does not mark articles).
- ``jsonl``: one object per line with ``"text"`` and ``"spans"`` (``start``/``end``/``label``), as in
  the annotator export and Prodigy; ``"tokens"`` (Prodigy's ``text``/``start``/``end``/``ws``) are
  kept when present. Records whose ``"answer"`` is ``"reject"`` or ``"ignore"`` are skipped: Prodigy's
  convention, and the annotator export's mark of unfinished work.

Plain Python: no spaCy here. Errors name the file, the line and what to do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "FORMATS",
    "AnnotatedText",
    "CorpusError",
    "ReadReport",
    "detect_format",
    "iob_to_spans",
    "read_corpus",
    "words_to_text",
]

FORMATS = ("tsv", "conll", "jsonl")
SKIPPED_ANSWERS = frozenset({"reject", "ignore"})
# Tokens after which no space is written when rebuilding a text from tokens ("l'" + "Istituto"),
# and tokens written without a space before them ("," ")" "."), so rebuilt texts read naturally.
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "«", "“", "‘", "\"", "'"})
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "»", "”", "’", "%", "..."})


class CorpusError(ValueError):
    """A training or evaluation file cannot be read; the message names the file, line and fix."""


@dataclass(frozen=True, slots=True)
class AnnotatedText:
    """A text with its entities; ``words``/``spaces`` when the source fixed the tokenization."""

    text: str
    entities: tuple[tuple[int, int, str], ...]
    words: tuple[str, ...] | None = None
    spaces: tuple[bool, ...] | None = None
    sentence_starts: tuple[int, ...] | None = None  # word indices that begin a sentence
    source: str = ""  # "file:line" of its first line, for messages

    @property
    def word_count(self) -> int:
        return len(self.words) if self.words is not None else len(self.text.split())


@dataclass(slots=True)
class ReadReport:
    """What a read skipped, for the caller to print: counts by reason, and label counts read."""

    skipped: dict[str, int] = field(default_factory=dict)
    labels: dict[str, int] = field(default_factory=dict)
    texts: int = 0

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def count(self, item: AnnotatedText) -> None:
        self.texts += 1
        for _, _, label in item.entities:
            self.labels[label] = self.labels.get(label, 0) + 1


def detect_format(path: Path) -> str:
    """``jsonl`` for ``.jsonl``/``.json`` or a first line that is a JSON object, else ``tsv``/``conll``.

    RAISES CorpusError: the file does not exist or is a folder.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such file. Pass a KIND TSV, CoNLL or JSONL file.")
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".json", ".ndjson"}:
        return "jsonl"
    if suffix in {".conll", ".conll03", ".iob", ".bio"}:
        return "conll"
    if suffix == ".tsv":
        return "tsv"
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip():
                return "jsonl" if line.lstrip().startswith("{") else "conll"
    return "conll"


def read_corpus(
    path: Path | str,
    *,
    fmt: str | None = None,
    label_map: Mapping[str, str | None] | None = None,
    sentences_per_text: int = 10,
    report: ReadReport | None = None,
) -> Iterator[AnnotatedText]:
    """Yield the annotated texts of one file, with labels renamed or dropped by ``label_map``.

    RAISES CorpusError: unknown format, undecodable file, a malformed line (named by number).
    """
    path = Path(path)
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise CorpusError(f"{path}: unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    report = report if report is not None else ReadReport()
    items = (_read_jsonl(path, report) if fmt == "jsonl"
             else _read_token_lines(path, sentences_per_text))
    for item in items:
        item = map_labels(item, label_map) if label_map else item
        report.count(item)
        yield item


def map_labels(item: AnnotatedText, label_map: Mapping[str, str | None]) -> AnnotatedText:
    """The item with labels renamed (``GPE`` -> ``LOC``); a label mapped to None or "" is dropped."""
    entities = []
    for start, end, label in item.entities:
        new = label_map.get(label, label)
        if new:
            entities.append((start, end, new))
    return AnnotatedText(item.text, tuple(entities), item.words, item.spaces,
                         item.sentence_starts, item.source)


# -- token per line ------------------------------------------------------------------------------


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open("r", encoding="utf-8-sig", newline=None) as handle:
            yield from enumerate(handle, 1)
    except UnicodeDecodeError as err:
        raise CorpusError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start}); "
                          "convert it to UTF-8 first.") from None


def _read_token_lines(path: Path, sentences_per_text: int) -> Iterator[AnnotatedText]:
    """Group sentences ``sentences_per_text`` at a time; a ``-DOCSTART-`` line closes a group."""
    group: list[tuple[list[str], list[str]]] = []
    group_line = 0
    for first_line, sentence, doc_start in _sentences(path):
        if group and (doc_start or len(group) >= max(1, sentences_per_text)):
            yield _group_to_text(group, f"{path}:{group_line}", path)
            group = []
        if sentence is None:
            continue
        if not group:
            group_line = first_line
        group.append(sentence)
    if group:
        yield _group_to_text(group, f"{path}:{group_line}", path)


def _sentences(path: Path) -> Iterator[tuple[int, tuple[list[str], list[str]] | None, bool]]:
    """Yield ``(first line, (words, tags) or None, starts a document)`` for each sentence."""
    words: list[str] = []
    tags: list[str] = []
    first = 0
    for number, raw in _lines(path):
        line = raw.rstrip("\n")
        if not line.strip():
            if words:
                yield first, (words, tags), False
                words, tags = [], []
            continue
        if line.startswith("-DOCSTART-"):
            if words:
                yield first, (words, tags), False
                words, tags = [], []
            yield number, None, True
            continue
        columns = line.split("\t") if "\t" in line else line.split()
        if len(columns) < 2:
            raise CorpusError(f"{path}, line {number}: expected a token and its tag separated by "
                              f"a tab (e.g. 'Roma<TAB>B-LOC'), got {line[:60]!r}.")
        tag = columns[-1].strip()
        if not _valid_tag(tag):
            raise CorpusError(f"{path}, line {number}: {tag!r} is not an IOB tag; the last column "
                              "must be O or B-/I-/E-/S-/L-/U- followed by a label.")
        if not words:
            first = number
        words.append(columns[0])
        tags.append(tag)
    if words:
        yield first, (words, tags), False


def _valid_tag(tag: str) -> bool:
    return tag == "O" or (len(tag) > 2 and tag[0] in "BIESLU" and tag[1] in "-_")


def _group_to_text(group: list[tuple[list[str], list[str]]], source: str, path: Path) -> AnnotatedText:
    words: list[str] = []
    tags: list[str] = []
    sentence_starts: list[int] = []
    for sentence_words, sentence_tags in group:
        sentence_starts.append(len(words))
        words.extend(sentence_words)
        tags.extend(sentence_tags)
    spaces = _natural_spaces(words, set(sentence_starts))
    text, offsets = words_to_text(words, spaces)
    entities = tuple((offsets[s][0], offsets[e - 1][1], label)
                     for s, e, label in iob_to_spans(tags, source=source))
    return AnnotatedText(text, entities, tuple(words), tuple(spaces), tuple(sentence_starts), source)


def _natural_spaces(words: list[str], sentence_starts: set[int]) -> list[bool]:
    """A space after each word unless the next one hugs it ("l'" "Istituto", "Roma" ",")."""
    spaces = []
    for i, word in enumerate(words):
        if i + 1 == len(words):
            spaces.append(False)
            continue
        nxt = words[i + 1]
        hug = (i + 1 not in sentence_starts
               and (nxt in _NO_SPACE_BEFORE or word in _NO_SPACE_AFTER
                    or (word.endswith(("'", "’")) and len(word) > 1 and nxt[:1].isalpha())))
        spaces.append(not hug)
    return spaces


def words_to_text(words: Iterable[str], spaces: Iterable[bool]) -> tuple[str, list[tuple[int, int]]]:
    """The text the words make and each word's ``(start, end)`` in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    for word, space in zip(words, spaces, strict=True):
        offsets.append((position, position + len(word)))
        parts.append(word + (" " if space else ""))
        position += len(word) + (1 if space else 0)
    return "".join(parts), offsets


def iob_to_spans(tags: list[str], *, source: str = "") -> list[tuple[int, int, str]]:
    """``(first word, end word, label)`` for each entity in IOB1/IOB2/BILOU ``tags``.

    An ``I-`` after ``O`` or after another label starts an entity (IOB1 and sloppy IOB2 alike).
    """
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate(tags):
        prefix, _, name = (tag[0], tag[1], tag[2:]) if tag != "O" else ("O", "", "")
        continues = prefix in "IEL" and start is not None and name == label
        if start is not None and not continues:
            spans.append((start, i, label))
            start = None
        if prefix == "O":
            continue
        if start is None:
            start, label = i, name
        if prefix in "ELSU":
            spans.append((start, i + 1, label))
            start = None
    if start is not None:
        spans.append((start, len(tags), label))
    return spans


# -- JSONL ---------------------------------------------------------------------------------------


def _read_jsonl(path: Path, report: ReadReport) -> Iterator[AnnotatedText]:
    for number, line in _lines(path):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(f"{where}: not valid JSON ({err.msg}); each line must be one object "
                              'such as {"text": "...", "spans": [...]}.') from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise CorpusError(f'{where}: each line must be an object with a "text" string.')
        if record.get("answer") in SKIPPED_ANSWERS:
            report.skip(f"answer {record['answer']!r}")
            continue
        yield _record_to_text(record, where, f"{path}:{number}")


def _record_to_text(record: dict, where: str, source: str) -> AnnotatedText:
    text: str = record["text"]
    entities = []
    for span in record.get("spans") or ():
        try:
            start, end, label = int(span["start"]), int(span["end"]), str(span["label"])
        except (KeyError, TypeError, ValueError):
            raise CorpusError(f'{where}: every span needs integer "start", "end" and a "label" '
                              f"(got {span!r}).") from None
        if not 0 <= start < end <= len(text):
            raise CorpusError(f"{where}: span {start}-{end} lies outside the text "
                              f"({len(text)} characters).")
        entities.append((start, end, label))
    entities.sort()
    words = spaces = None
    tokens = record.get("tokens")
    if isinstance(tokens, list) and tokens and all(isinstance(t, dict) for t in tokens):
        try:
            words = tuple(text[int(t["start"]):int(t["end"])] for t in tokens)
            spaces = tuple(bool(t.get("ws", True)) for t in tokens)
        except (KeyError, TypeError, ValueError):
            words = spaces = None
    return AnnotatedText(text, tuple(entities), words, spaces, None, source)
