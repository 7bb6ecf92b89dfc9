"""Files and folders in, documents and rejections out: the entry point of ingestion.

Folders are walked recursively in sorted order, taking only the supported extensions and skipping
hidden files and folders. Every problem becomes a :class:`Rejection` naming the file (and line) with
the reason, and the rest of the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from annotator.ingest import limits
from annotator.ingest.documents import IncomingDocument, Rejection
from annotator.ingest.encoding import DecodeError, decode_bytes
from annotator.ingest.html_reader import document_from_html
from annotator.ingest.jsonl_reader import read_jsonl
from annotator.ingest.markdown_reader import document_from_markdown
from annotator.ingest.rules import CleaningRules, load_cleaning_rules
from annotator.ingest.text_reader import document_from_text

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".jsonl")
_USE = "use .txt, .md, .html or .jsonl"

Reader = Callable[..., "IncomingDocument | Rejection"]
_READERS: dict[str, Reader] = {
    ".txt": document_from_text,
    ".md": document_from_markdown,
    ".html": document_from_html,
    ".htm": document_from_html,
}

Result = IncomingDocument | Rejection


def read_paths(
    paths: Iterable[str | Path], *, rules: CleaningRules | None = None
) -> Iterator[Result]:
    """Read files and folders into documents, one result per file (per line for .jsonl).

    Folders are read recursively, sorted, taking .txt .md .html .htm .jsonl; a file named
    explicitly with another extension, a missing path or an unreadable file is a Rejection. Never
    raises for bad input. ``rules`` defaults to ``resources/cleaning.json`` (a malformed default
    rules file raises :class:`~annotator.ingest.rules.RulesError` on the first ``next``).
    """
    active_rules = rules if rules is not None else load_cleaning_rules()
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path given bare: not an iterable of characters
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = list(walk_folder(path))
            if not files:
                yield Rejection(str(path), f"no supported files in this folder ({_USE})")
            for file in files:
                if _first_time(file, seen):
                    yield from read_file(file, rules=active_rules)
        elif path.exists():
            if _first_time(path, seen):
                yield from read_file(path, rules=active_rules)
        else:
            yield Rejection(str(path), "no such file or folder")


def read_file(path: Path, *, rules: CleaningRules) -> Iterator[Result]:
    """Read one file of any supported type; unexpected errors become a Rejection too."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        kind = f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)"
        yield Rejection(source, f"{kind}: {_USE}")
        return
    try:
        if suffix == ".jsonl":
            yield from read_jsonl(path)
        else:
            yield _read_whole(path, source, _READERS[suffix], rules)
    except Exception as err:  # noqa: BLE001 - a bad file must never stop the batch
        yield Rejection(source, f"could not be read ({type(err).__name__}: {err})")


def walk_folder(root: Path) -> Iterator[Path]:
    """Supported files under ``root``, recursively, sorted by path; hidden entries skipped."""
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith((".", "~$")):
                continue
            if os.path.splitext(name)[1].lower() in SUPPORTED_EXTENSIONS:
                found.append(Path(folder) / name)
    yield from sorted(found, key=lambda p: p.relative_to(root).parts)


def _read_whole(path: Path, source: str, reader: Reader, rules: CleaningRules) -> Result:
    """Read, size-check and decode a text/markdown/HTML file, then hand it to ``reader``."""
    try:
        size = path.stat().st_size
        if size > limits.MAX_TEXT_FILE_BYTES:
            return Rejection(
                source,
                f"file is {limits.human_size(size)}, over the "
                f"{limits.human_size(limits.MAX_TEXT_FILE_BYTES)} limit for one text file: split it",
            )
        data = path.read_bytes()
    except OSError as err:
        return Rejection(source, f"cannot read the file: {err.strerror or err}")
    try:
        text, _encoding = decode_bytes(data, name=path.name)
    except DecodeError as err:
        return Rejection(source, err.reason)
    return reader(text, source=source, rules=rules)


def _first_time(path: Path, seen: set[Path]) -> bool:
    """False for a file already read in this batch (named twice, or inside two given folders)."""
    key = path.resolve()
    if key in seen:
        return False
    seen.add(key)
    return True
