"""Markdown articles (.md): markup removed with markdown-it-py, then cleaned like plain text.

A leading ``# Title`` becomes the title (and stays the first line of the text); emphasis, link
syntax (``[text](url)`` keeps ``text``), images, HTML tags and list markers are dropped. A simple
YAML-style front matter block (``---`` … ``---``) gives title, date, url, source and categories.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from annotator.ingest.documents import IncomingDocument, Rejection
from annotator.ingest.rules import CleaningRules
from annotator.ingest.text_reader import document_from_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEYS = {
    "title": "title", "date": "published", "published": "published", "modified": "modified",
    "url": "url", "link": "url", "source": "source", "categories": "categories", "tags": "tags",
    "category": "categories", "author": "author",
}
_LIST_KEYS = {"categories", "tags"}
_SPACES = re.compile(r"[ \t]{2,}")  # left where an image or an HTML tag was dropped


def document_from_markdown(
    raw: str, *, source: str, rules: CleaningRules
) -> IncomingDocument | Rejection:
    """Read a markdown article into a document; ``raw`` keeps the markdown source."""
    front, body = split_front_matter(raw.replace("\r\n", "\n").replace("\r", "\n"))
    title, plain = markdown_to_text(body)
    extra = dict(front)
    if title:
        extra["title"] = title
    return document_from_text(
        raw, source=source, rules=rules, extra_meta=extra, body=plain, title=title or None
    )


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``(metadata, rest)`` for a text opening with a ``---`` block of ``key: value`` lines."""
    text = text.lstrip("\ufeff")
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, Any] = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        field = _FRONT_KEYS.get(key.strip().lower())
        if not sep or field is None:
            continue
        value = value.strip().strip("'\"")
        if field in _LIST_KEYS:
            items = [v.strip().strip("'\"") for v in value.strip("[]").split(",")]
            meta[field] = [v for v in items if v]
        elif value:
            meta[field] = value
    return meta, text[match.end():]


def markdown_to_text(source: str) -> tuple[str, str]:
    """``(title, plain text)``: the leading level-1 heading and the text without markup.

    Blocks are separated by a blank line; items of a tight list and soft line breaks by a newline.
    """
    tokens = _parser().parse(source)
    title = ""
    blocks: list[tuple[str, bool]] = []  # (text, is a tight-list item)
    tight = False
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open":
            tight = token.hidden
        elif token.type == "heading_open":
            tight = False
            if not blocks and token.tag == "h1" and not title:
                title = _inline_text(tokens[index + 1].children or [])
        elif token.type == "inline":
            text = _SPACES.sub(" ", _inline_text(token.children or []))
            if text.strip():
                blocks.append((text.strip(), tight))
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append((token.content.strip("\n"), False))
    parts: list[str] = []
    previous_tight = False
    for text, is_tight in blocks:
        if parts:
            parts.append("\n" if is_tight and previous_tight else "\n\n")
        parts.append(text)
        previous_tight = is_tight
    return title.strip(), "".join(parts)


@cache
def _parser() -> Any:
    """One CommonMark parser for every file: building one costs about a quarter of a parse."""
    from markdown_it import MarkdownIt  # lazy: only needed for .md files

    return MarkdownIt("commonmark")


def _inline_text(children: list[Any]) -> str:
    """The words of an inline token: text and code kept, markup, images and HTML dropped."""
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)
