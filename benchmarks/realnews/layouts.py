"""The real-news gold laid out otherwise: the same articles and annotations, the text as another
builder of passages might have written it (issue 15: the project is also measured on news it does
not have, laid out by someone else).

- ``lines``: paragraphs parted by one line break, not a blank line (as many scrapers and KIND-style
  one-sentence-per-line files give them);
- ``spaced``: KIND's tokens joined by spaces, as a builder that does not detokenise leaves them
  ("dell' università", "« Sì , »");
- ``flat``: no line breaks at all, a headline run into its article's first sentence with one space
  ("…siamo in 80». MotoGP: cancellato il GP d'Italia Il Gran Premio…"), as a builder that joins
  KIND's sentences with spaces leaves them.

Each layout rewrites the text of the gold markup (benchmarks/data/realnews/build/) around its tags,
so every annotation still points at the same words; the rewritten markup is read as the built one.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from annotate import BUILD

__all__ = ["LAYOUTS", "laid_out_documents"]

_TAG_OR_HEADER = re.compile(r"(<[^>]+>|^=== .*$)", re.MULTILINE)
_REF = re.compile(r'ref="([^"]*)"')
_HEADER_LINE = re.compile(r"(^=== .*\n)", re.MULTILINE)


def _one_line_breaks(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "\n") for m in re.finditer(r"\n[ \t]*\n", text)]


def _kind_tokens(text: str) -> list[tuple[int, int, str]]:
    spaces = [m.start(1) for m in re.finditer(r"(?<=\S)([,;!?)»”]|\.(?!\w)|:(?!\d))", text)]  # "Roma ,"
    spaces += [m.end(1) for m in re.finditer(r"([(«“])(?=\S)", text)]  # "« Sì"
    spaces += [m.end(1) for m in re.finditer(r"\b([a-zà-ù]{1,5}')(?=\w)", text)]  # "dell' università", not "D'Alema"
    return [(at, at, " ") for at in sorted(set(spaces))]


def _no_line_breaks(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), " ") for m in re.finditer(r"[ \t]*\n\s*", text)
            if text[:m.start()].strip() and text[m.end():].strip()]  # not the breaks that part documents


# a layout: the changes it makes to a text, as (start, end, replacement) in the text's own offsets
LAYOUTS: dict[str, Callable[[str], list[tuple[int, int, str]]] | None] = {
    "as-built": None, "lines": _one_line_breaks, "spaced": _kind_tokens, "flat": _no_line_breaks}


def relaid(markup: str, layout: str) -> str:
    """``markup`` with its visible text laid out as ``layout`` says (and the names its ``ref``
    attributes quote), one document at a time. A space put where tags stand goes after the tags
    that close and before those that open, so no annotation gains or loses a word."""
    if LAYOUTS[layout] is None:
        return markup
    pieces = _HEADER_LINE.split(markup)  # headers with their line break, and the documents between
    return "".join(piece if _HEADER_LINE.fullmatch(piece) else _relaid_document(piece, layout) for piece in pieces)


def _relaid_document(markup: str, layout: str) -> str:
    change = LAYOUTS[layout]
    assert change is not None
    parts = _TAG_OR_HEADER.split(markup)
    visible, where = [], []  # the text without tags; where each of its characters is in ``parts``
    for k, part in enumerate(parts):
        if not part.startswith("<") and not part.startswith("=== "):
            visible.append(part)
            where += [(k, i) for i in range(len(part))]
    text = "".join(visible)
    edits: dict[tuple[int, int], str] = {}  # (part, offset) -> text put before that character
    dropped: set[tuple[int, int]] = set()
    for start, end, replacement in change(text):
        at = where[start] if start < len(where) else (len(parts), 0)
        if start < end:
            dropped.update(where[start:end])
        else:
            k = at[0]
            previous = where[start - 1][0] if start > 0 else k
            if previous != k:  # tags between the two characters: after the closing ones, before the opening ones
                opening = next((j for j in range(previous + 1, k) if parts[j].startswith("<") and
                                not parts[j].startswith("</")), k)
                at = (opening, 0) if opening != k else at
        edits[at] = edits.get(at, "") + replacement
    out = []
    for k, part in enumerate(parts + [""]):
        if part.startswith("<"):
            out.append(edits.get((k, 0), "") + _REF.sub(
                lambda m: f'ref="{relaid(m.group(1), layout)}"', part))
        elif part.startswith("=== "):
            out.append(part)
        else:
            out.append("".join(edits.get((k, i), "") + ("" if (k, i) in dropped else ch) for i, ch in enumerate(part))
                       + edits.get((k, len(part)), ""))
    return "".join(out)


def laid_out_documents(split: str, layout: str, name: str = "primary") -> list:
    """The gold documents of ``split`` (built first) with their text laid out as ``layout`` says."""
    from annotator.services.evaluation import read_quote_gold

    source = (BUILD / f"{name}-{split}.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}-{split}-{layout}.txt"
        path.write_text(relaid(source, layout), encoding="utf-8")
        documents, errors = read_quote_gold([path])
    if errors:
        raise SystemExit("\n".join(errors))
    return documents
