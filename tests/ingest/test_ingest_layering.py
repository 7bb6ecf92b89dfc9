"""annotator.ingest imports only the standard library, parsing libraries and annotator.domain."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import annotator.ingest

PACKAGE = Path(annotator.ingest.__file__).parent
FORBIDDEN = {"PySide6", "shiboken6", "spacy", "thinc", "sqlite3", "sqlite_utils"}
ALLOWED_PROJECT = ("annotator.ingest", "annotator.domain")


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_modules_import_nothing_forbidden() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) >= 8
    for path in modules:
        for name in imported_modules(path):
            top = name.split(".")[0]
            assert top not in FORBIDDEN, f"{path.name} imports {name}"
            if top == "annotator":
                assert name.startswith(ALLOWED_PROJECT), f"{path.name} imports {name}: not a lower layer"


def test_reading_every_kind_of_file_loads_no_qt_spacy_or_sqlite(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Titolo\n\nIl testo completo dell'articolo di oggi, senza rumore.", "utf-8")
    (tmp_path / "b.md").write_text("# Titolo\n\nIl testo completo dell'articolo di oggi, senza rumore.", "utf-8")
    (tmp_path / "c.html").write_text(
        "<html><body><article><h1>Titolo</h1><p>Il testo completo dell'articolo di oggi, senza rumore."
        "</p></article></body></html>", "utf-8")
    (tmp_path / "d.jsonl").write_text('{"text": "x"}\n', "utf-8")
    code = (
        "import sys\n"
        "from annotator.ingest import read_paths\n"
        f"results = list(read_paths([{str(tmp_path)!r}]))\n"
        "assert len(results) == 4, results\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}))\n"
    )
    root = Path(__file__).parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    loaded = set(eval(done.stdout))  # noqa: S307 - our own printed list
    assert not loaded & FORBIDDEN
