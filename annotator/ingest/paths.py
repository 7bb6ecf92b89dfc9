"""Files and folders in, documents and rejections out: the entry point of ingestion.

Folders are walked recursively in sorted order, taking only the supported extensions and skipping
hidden files and folders. Every problem becomes a :class:`Rejection` naming the file (and line) with
the reason, and the rest of the batch goes on: so do a name that is not valid UTF-8 (no document can be
named by it), a symbolic link that loops and a sub-folder that cannot be listed.
"""

from __future__ import annotations

import errno
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
BAD_NAME = ("the name is not valid UTF-8 (each \\xNN in it stands for a byte that is not): rename it "
            "(convmv -f latin1 -t utf-8 --notest NAME) and import it again")

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
            entries = list(walk_folder(path))
            if not entries:
                yield Rejection(str(path), f"no supported files in this folder ({_USE})")
            for entry in entries:
                if isinstance(entry, Rejection):
                    yield entry
                elif _first_time(entry, seen):
                    yield from read_file(entry, rules=active_rules)
        elif (problem := _missing(path)) is not None:
            yield Rejection(str(path), problem)
        elif _first_time(path, seen):
            yield from read_file(path, rules=active_rules)


def read_file(path: Path, *, rules: CleaningRules) -> Iterator[Result]:
    """Read one file of any supported type; unexpected errors become a Rejection too."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        kind = f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)"
        yield Rejection(source, f"{kind}: {_USE}")
        return
    if not decodable_name(source):
        yield Rejection(source, BAD_NAME)
        return
    try:
        if suffix == ".jsonl":
            yield from read_jsonl(path)
        else:
            yield _read_whole(path, source, _READERS[suffix], rules)
    except Exception as err:  # noqa: BLE001 - a bad file must never stop the batch
        yield Rejection(source, f"could not be read ({type(err).__name__}: {err})")


def walk_folder(root: Path) -> Iterator[Path | Rejection]:
    """Supported files under ``root``, recursively, sorted by path; hidden entries skipped. A folder
    or supported file whose name is not valid UTF-8, a link that loops or leads nowhere, and a
    sub-folder that cannot be listed come as a :class:`Rejection` in their place."""
    found: list[tuple[Path, Path | Rejection]] = []

    def unlistable(err: OSError) -> None:
        where = Path(err.filename or root)
        found.append((where, Rejection(str(where), f"cannot list this folder: {err.strerror or err}")))

    for folder, dirnames, filenames in os.walk(root, onerror=unlistable):
        kept = [d for d in dirnames if not d.startswith(".")]
        for name in kept:
            if not decodable_name(name):
                where = Path(folder) / name
                found.append((where, Rejection(str(where), f"{BAD_NAME}; nothing in it was read")))
        dirnames[:] = [d for d in kept if decodable_name(d)]
        for name in filenames:
            if name.startswith((".", "~$")):
                continue
            if os.path.splitext(name)[1].lower() in SUPPORTED_EXTENSIONS:
                path = Path(folder) / name
                problem = BAD_NAME if not decodable_name(name) else _missing(path)
                found.append((path, path if problem is None else Rejection(str(path), problem)))
    found.sort(key=lambda pair: pair[0].relative_to(root).parts)
    yield from (entry for _path, entry in found)


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


def decodable_name(name: str) -> bool:
    """Whether a name from the file system (or a source naming a file) is text: ``os.fsdecode`` turns bytes that are not UTF-8
    into lone surrogates, which no message, database or export can hold."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _missing(path: Path) -> str | None:
    """Why ``path`` cannot be opened at all (missing, a link that loops or leads nowhere), or None."""
    try:
        path.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "a symbolic link that loops (to itself or through other links): fix or remove the link"
        if path.is_symlink():
            return f"a symbolic link to {os.readlink(path)!r}, which does not exist: fix or remove the link"
        if err.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot read it: {err.strerror or err}"
    return None


def _first_time(path: Path, seen: set[Path]) -> bool:
    """False for a file already read in this batch (named twice, or inside two given folders)."""
    try:
        key = path.resolve()
    except (OSError, RuntimeError):  # a link loop (RuntimeError before Python 3.13)
        key = path.absolute()
    if key in seen:
        return False
    seen.add(key)
    return True
