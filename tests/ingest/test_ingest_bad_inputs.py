"""Every bad input is a Rejection naming the file and the reason, and the batch goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.ingest import IncomingDocument, Rejection, read_paths
from annotator.ingest import limits

GOOD = "Titolo della notizia\n\nIl governo ha approvato oggi la nuova legge di bilancio per il prossimo anno.\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def only_rejection(paths: list[Path | str]) -> Rejection:
    (result,) = list(read_paths(paths))
    assert isinstance(result, Rejection), result
    return result


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("vuoto.txt", b"", "empty file"),
        ("spazi.md", b"  \n\n\t \n", "empty file"),
        ("immagine.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file (contains NUL bytes)"),
        ("controlli.html", bytes(range(1, 32)) * 10, "binary file ("),
        ("rotto.txt", b"Caff\x81 \x8d\x90 buono \x9d\x8f" * 3, "not valid UTF-8, Latin-1 or Windows-1252 text"),
        ("documento.pdf", b"%PDF-1.4", "unsupported file type .pdf: use .txt, .md, .html or .jsonl"),
        ("LEGGIMI", b"testo", "unsupported file type (no extension): use .txt, .md, .html or .jsonl"),
        ("solo-rumore.txt", b"2021-12-22T11:32+0100\n\nhttps://example.com/a.jpg\n",
         "nothing left to annotate after removing boilerplate (2 lines removed)"),
    ],
)
def test_bad_file_is_rejected_with_its_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = write(tmp_path, name, data)
    rejection = only_rejection([path])
    assert rejection.source == str(path)
    assert rejection.reason.startswith(reason)


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "non-esiste.txt"
    assert only_rejection([missing]) == Rejection(str(missing), "no such file or folder")


def test_too_large_file_is_rejected_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_FILE_BYTES", 2048)
    big = write(tmp_path, "grande.txt", GOOD * 100)
    small = write(tmp_path, "piccolo.txt", GOOD)
    first, second = read_paths([big, small])
    assert isinstance(first, Rejection)
    size_kb = round(big.stat().st_size / 1024)
    assert size_kb > 2
    assert first.reason == f"file is {size_kb} KB, over the 2 KB limit for one text file: split it"
    assert isinstance(second, IncomingDocument)


def test_the_default_limit_is_50_mb() -> None:
    assert limits.MAX_TEXT_FILE_BYTES == 50 * 1024 * 1024
    assert limits.human_size(312 * 1024 * 1024) == "312 MB"


def test_bad_files_do_not_stop_the_batch(tmp_path: Path) -> None:
    paths = [
        write(tmp_path, "a.txt", b""),
        tmp_path / "manca.txt",
        write(tmp_path, "b.txt", GOOD),
        write(tmp_path, "c.xyz", b"??"),
        write(tmp_path, "d.txt", b"\x00\x01"),
        write(tmp_path, "e.jsonl", '{"text": "Primo"}\n{rotto\n{"text": "Terzo"}\n'),
        write(tmp_path, "f.md", "# Ultimo\n\nIl testo finale dell'articolo, con una frase intera.\n"),
    ]
    results = list(read_paths(paths))
    kinds = [(type(r).__name__, Path(r.source).name) for r in results]
    assert kinds == [
        ("Rejection", "a.txt"),
        ("Rejection", "manca.txt"),
        ("IncomingDocument", "b.txt"),
        ("Rejection", "c.xyz"),
        ("Rejection", "d.txt"),
        ("IncomingDocument", "e.jsonl:1"),
        ("Rejection", "e.jsonl:2"),
        ("IncomingDocument", "e.jsonl:3"),
        ("IncomingDocument", "f.md"),
    ]


def test_unreadable_file_is_a_rejection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "segreto.txt", GOOD)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert only_rejection([path]).reason == "cannot read the file: Permission denied"


def test_rejection_prints_source_and_reason() -> None:
    assert str(Rejection("a/b.txt", "empty file")) == "a/b.txt: empty file"
