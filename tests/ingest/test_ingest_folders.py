"""Folders are walked recursively and in order, taking only the supported files."""

from __future__ import annotations

from pathlib import Path

from annotator.ingest import IncomingDocument, Rejection, read_paths

BODY = "Il consiglio comunale ha approvato ieri sera il nuovo piano per il traffico in centro."


def make_tree(root: Path) -> None:
    files = {
        "b.txt": f"Secondo\n\n{BODY}",
        "a.txt": f"Primo\n\n{BODY}",
        "sub/c.md": f"# Terzo\n\n{BODY}",
        "sub/deeper/d.html": (
            "<html><head><title>Quarto</title></head><body><article><h1>Quarto</h1>"
            f"<p>{BODY}</p><p>{BODY.replace('ieri', 'oggi')}</p></article></body></html>"
        ),
        "sub/e.jsonl": '{"text": "Quinto"}\n{"text": "Sesto"}\n',
        "Z.HTM": f"<html><body><article><h1>Maiuscolo</h1><p>{BODY}</p><p>{BODY}!</p></article></body></html>",
        "note.pdf": "not read",
        "image.png": "not read",
        ".hidden.txt": "not read",
        ".git/config.txt": "not read",
        "~$bozza.txt": "not read",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_folder_walk_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_paths([tmp_path]))
    assert all(isinstance(r, IncomingDocument) for r in results), results
    assert [str(Path(r.source).relative_to(tmp_path)) for r in results] == [
        "Z.HTM",
        "a.txt",
        "b.txt",
        "sub/c.md",
        "sub/deeper/d.html",
        "sub/e.jsonl:1",
        "sub/e.jsonl:2",
    ]
    titles = [r.meta.get("title") for r in results if r.record is None]
    assert titles == ["Maiuscolo", "Primo", "Secondo", "Terzo", "Quarto"]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_paths([tmp_path / "a.txt", tmp_path, tmp_path / "a.txt"]))
    assert [Path(r.source).name for r in results].count("a.txt") == 1


def test_unsupported_files_are_only_rejected_when_named(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (result,) = read_paths([tmp_path / "note.pdf"])
    assert isinstance(result, Rejection)
    assert result.reason == "unsupported file type .pdf: use .txt, .md, .html or .jsonl"


def test_folder_without_supported_files(tmp_path: Path) -> None:
    (tmp_path / "foto.jpg").write_bytes(b"\xff\xd8")
    (result,) = read_paths([tmp_path])
    assert result == Rejection(str(tmp_path), "no supported files in this folder (use .txt, .md, .html or .jsonl)")


def test_strings_and_paths_are_both_accepted(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert [r.source for r in read_paths([str(tmp_path / "a.txt")])] == [str(tmp_path / "a.txt")]
