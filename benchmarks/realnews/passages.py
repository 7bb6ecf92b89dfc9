"""Rebuild readable passages of real news from KIND's Wikinews sentences (issue 15's development data).

KIND (../shared/data/kind) gives Wikinews articles as tokenised sentences, one token per line, with
no article boundaries. This module turns them back into text as published — tokens detokenised
("dell' università" → "dell'università", "« Sì , »" → "«Sì,»") — and cuts passages of about twenty
consecutive sentences, starting a passage at a headline where one is near (a headline is a short
sentence without final punctuation: the first line of a Wikinews article). A passage keeps each
headline on a line of its own and the article text as one paragraph, as a scraped article reads.

The text is never committed (KIND's license): the annotations under benchmarks/data/realnews/ hold
offsets and a checksum of each passage's text, and this module rebuilds the text they point into.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["KIND_DIR", "Passage", "detokenise", "passages", "read_sentences"]

KIND_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "kind"
PASSAGE_SENTENCES = 20
_NO_SPACE_BEFORE = {",", ".", ":", ";", ")", "]", "!", "?", "%", "»", "”", "...", "'s", "°"}
_NO_SPACE_AFTER = {"(", "[", "«", "“", "$", "€"}
_FINAL = re.compile(r"[.!?:;»\"”)…]$")


@dataclass(frozen=True, slots=True)
class Passage:
    """Sentences ``first`` to ``first + count`` of one KIND file, as text."""

    id: str
    source: str
    first: int
    count: int
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_sentences(path: Path) -> list[list[str]]:
    """The sentences of a KIND .tsv file as lists of tokens."""
    sentences: list[list[str]] = []
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        current.append(line.split("\t", 1)[0])
    if current:
        sentences.append(current)
    return sentences


def detokenise(tokens: list[str]) -> str:
    """One sentence as it would be printed: no space before punctuation, after an elided article…"""
    out: list[str] = []
    glue_next = True
    straight_open = False  # inside a plain "…" pair
    for token in tokens:
        space = not glue_next
        glue_next = False
        if token == '"':
            if straight_open:
                space = False
            else:
                glue_next = True
            straight_open = not straight_open
        elif token in _NO_SPACE_BEFORE:
            space = False
        if token in _NO_SPACE_AFTER or (token.endswith(("'", "’")) and len(token) > 1 and token[0].isalpha()):
            glue_next = True
        out.append((" " if space and out else "") + token)
    return "".join(out)


def is_headline(tokens: list[str]) -> bool:
    """A Wikinews title: short, and not ended by punctuation."""
    return len(tokens) <= 25 and not _FINAL.search(tokens[-1])


def passages(source: str, kind_dir: Path = KIND_DIR, size: int = PASSAGE_SENTENCES) -> Iterator[Passage]:
    """Cut ``source`` (e.g. "WN_dev.tsv") into passages of about ``size`` sentences, at headlines."""
    sentences = read_sentences(kind_dir / source)
    stem = source.split(".")[0]
    first = 0
    while first < len(sentences):
        end = min(first + size, len(sentences))
        # end the passage at a headline within a few sentences of the target size, when there is one
        for candidate in [*range(end, min(end + 6, len(sentences))), *range(end - 1, first + size // 2, -1)]:
            if candidate < len(sentences) and is_headline(sentences[candidate]):
                end = candidate
                break
        if len(sentences) - end < size // 2:
            end = len(sentences)
        yield Passage(f"{stem}-{first:05d}", source, first, end - first, _text(sentences[first:end]))
        first = end


def _text(sentences: list[list[str]]) -> str:
    paragraphs: list[list[str]] = []
    for tokens in sentences:
        if is_headline(tokens):
            paragraphs.append([detokenise(tokens)])
            paragraphs.append([])
        else:
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(detokenise(tokens))
    return "\n\n".join(" ".join(p) for p in paragraphs if p)
