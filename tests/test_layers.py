"""The layer rules of docs/architecture.md, checked by reading the source of every module.

1. Only annotator/ui imports PySide6 (anywhere in a file).
2. spaCy (and thinc) are imported only under annotator/nlp and annotator/formats, and only inside
   functions (``if TYPE_CHECKING:`` blocks are fine), so ``annotator --help`` and the store stay quick.
3. annotator/domain imports only the standard library and annotator.domain.
4. Imports point downwards: ui may use everything; cli everything but ui; services everything but ui
   and cli; nlp, store, ingest, review only domain; formats domain and store.
5. Importing the command line, the store and the services loads neither spaCy nor PySide6.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "annotator"

QT = {"PySide6", "shiboken6"}
SPACY = {"spacy", "thinc"}

# which annotator packages each package may import (itself always allowed)
EVERYTHING = {"domain", "store", "ingest", "nlp", "formats", "review", "services", "cli", "ui"}
ALLOWED: dict[str, set[str]] = {
    "ui": EVERYTHING,
    "cli": EVERYTHING - {"ui"},
    "services": EVERYTHING - {"ui", "cli"},
    "nlp": {"domain"},
    "store": {"domain"},
    "ingest": {"domain"},
    "formats": {"domain", "store"},
    "review": {"domain"},
    "domain": {"domain"},
}
SPACY_PACKAGES = {"nlp", "formats"}
# The one upward import the command-line contract needs: `annotator` and `annotator gui` open the desktop
# app, so cli may import the app's entry point, but only inside a function (never at module level).
LAZY_EXCEPTIONS = {("cli", "annotator.ui.app")}


@dataclass(frozen=True)
class Import:
    module: str  # absolute dotted name ("annotator.store.project", "spacy.tokens")
    line: int
    in_function: bool
    type_checking: bool
    relative: bool

    @property
    def top(self) -> str:
        return self.module.split(".")[0]


def module_exists(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


@cache
def imports_of(path: Path) -> tuple[Import, ...]:
    return parse_imports(path.read_text(encoding="utf-8"), module_name(path), is_package=path.name == "__init__.py")


def parse_imports(source: str, name: str, *, is_package: bool = False) -> tuple[Import, ...]:
    """Every import of module ``name``: statements, and import_module/__import__ with a literal name."""
    tree = ast.parse(source, filename=name)
    package = name if is_package else name.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool, type_checking: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(alias.name, node.lineno, in_function, type_checking, False))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # "from annotator import store" imports the module annotator.store;
            # "from annotator import __version__" only the package annotator
            targets = [f"{target}.{a.name}" if module_exists(f"{target}.{a.name}") else target for a in node.names]
            for t in targets:
                found.append(Import(t, node.lineno, in_function, type_checking, bool(node.level)))
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in {"import_module", "__import__"} and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append(Import(arg.value, node.lineno, in_function, type_checking, False))
        if isinstance(node, ast.If) and is_type_checking(node.test):
            for child in node.body:
                visit(child, in_function, True)
            for child in node.orelse:
                visit(child, in_function, type_checking)
            return
        inner = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for child in ast.iter_child_nodes(node):
            visit(child, inner, type_checking)

    visit(tree, False, False)
    return tuple(found)


MODULES = sorted(PACKAGE.rglob("*.py"))


def layer_of(path: Path) -> str | None:
    """The package under annotator/ a file belongs to (None for annotator/*.py itself)."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def check(rule: str, problems: list[str]) -> None:
    if problems:
        pytest.fail(f"layer rule {rule} broken:\n  " + "\n  ".join(problems), pytrace=False)


def test_the_walker_sees_the_modules_and_their_imports() -> None:
    # guards the checks below against passing because they look at nothing
    names = {module_name(p) for p in MODULES}
    assert {"annotator.domain.model", "annotator.store.project"} <= names
    project_imports = {i.module for i in imports_of(PACKAGE / "store" / "project.py")}
    assert {"sqlite_utils", "annotator.domain.commands", "annotator.store.opening"} <= project_imports


def test_the_walker_classifies_imports() -> None:
    source = """
from __future__ import annotations
import spacy.tokens as t
from typing import TYPE_CHECKING
from . import model
from .. import store, __version__
from ..ui.app import run_app
if TYPE_CHECKING:
    from PySide6.QtCore import QObject
else:
    import thinc
class Pipeline:
    import json
def load():
    import spacy
    importlib.import_module("PySide6.QtWidgets")
    return lambda: __import__("thinc")
"""
    found = [(i.module, i.line, i.in_function, i.type_checking, i.relative)
             for i in parse_imports(source, "annotator.domain.example")]
    assert found == [
        ("__future__", 2, False, False, False),
        ("spacy.tokens", 3, False, False, False),
        ("typing", 4, False, False, False),
        ("annotator.domain.model", 5, False, False, True),
        ("annotator.store", 6, False, False, True),
        ("annotator", 6, False, False, True),
        ("annotator.ui.app", 7, False, False, True),
        ("PySide6.QtCore", 9, False, True, False),
        ("thinc", 11, False, False, False),
        ("json", 13, False, False, False),  # a class body runs at import time
        ("spacy", 15, True, False, False),
        ("PySide6.QtWidgets", 16, True, False, False),
        ("thinc", 17, True, False, False),
    ]
    inside_package = parse_imports("from . import model\nfrom .. import cli", "annotator.domain", is_package=True)
    assert [i.module for i in inside_package] == ["annotator.domain.model", "annotator.cli"]


def test_rule_1_only_ui_imports_pyside6() -> None:
    problems = [
        f"{where(path, imp.line)}: imports {imp.module}; only annotator/ui may use Qt (rule 1)"
        for path in MODULES
        if layer_of(path) != "ui"
        for imp in imports_of(path)
        if imp.top in QT
    ]
    check("1 (Qt only in ui)", problems)


def test_rule_2_spacy_only_lazily_in_nlp_and_formats() -> None:
    problems = []
    for path in MODULES:
        for imp in imports_of(path):
            if imp.top not in SPACY or imp.type_checking:
                continue
            if layer_of(path) not in SPACY_PACKAGES:
                problems.append(f"{where(path, imp.line)}: imports {imp.module}; only annotator/nlp and "
                                "annotator/formats may use spaCy (rule 2)")
            elif not imp.in_function:
                problems.append(f"{where(path, imp.line)}: imports {imp.module} at module level; import it "
                                "inside the function that needs it (rule 2)")
    check("2 (spaCy lazily, in nlp and formats)", problems)


def test_rule_3_domain_uses_only_the_standard_library() -> None:
    problems = []
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        for imp in imports_of(path):
            if imp.module == "annotator.domain" or imp.module.startswith("annotator.domain."):
                continue
            if imp.relative:
                problems.append(f"{where(path, imp.line)}: relative import of {imp.module} leaves annotator.domain "
                                "(rule 3)")
            elif imp.top not in sys.stdlib_module_names:
                problems.append(f"{where(path, imp.line)}: imports {imp.module}; annotator/domain may use only the "
                                "standard library and annotator.domain (rule 3)")
    check("3 (domain is pure)", problems)


def test_rule_4_imports_point_downwards() -> None:
    problems = []
    for path in MODULES:
        layer = layer_of(path)
        if layer is not None and layer not in ALLOWED:
            problems.append(f"{where(path, 1)}: package annotator/{layer} is not in the layer map of "
                            "architecture.md; add it to ALLOWED in tests/test_layers.py (rule 4)")
            continue
        for imp in imports_of(path):
            if imp.top != "annotator":
                continue
            parts = imp.module.split(".")
            target = parts[1] if len(parts) > 1 else None
            if target is None:
                continue  # the bare package
            if layer is None:
                if path.name == "__init__.py":
                    problems.append(f"{where(path, imp.line)}: annotator/__init__.py imports {imp.module}; keep "
                                    "`import annotator` free of the layers (rule 4)")
                elif not (path.name == "__main__.py" and target == "cli"):
                    problems.append(f"{where(path, imp.line)}: {path.name} imports {imp.module} (rule 4)")
                continue
            if (layer, imp.module) in LAZY_EXCEPTIONS and imp.in_function:
                continue
            if target not in ALLOWED[layer] | {layer}:
                allowed = ", ".join(sorted(ALLOWED[layer] - {layer})) or "nothing else"
                problems.append(f"{where(path, imp.line)}: annotator/{layer} imports {imp.module}; "
                                f"{layer} may use only {allowed} (rule 4)")
    check("4 (imports point downwards)", problems)


# --- rule 5: what importing really loads ------------------------------------------------------

PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"spacy", "thinc", "PySide6", "shiboken6"})
print(json.dumps(heavy))
"""


@pytest.mark.parametrize(
    "module", ["annotator.cli.main", "annotator.store", "annotator.services", "annotator.domain"]
)
def test_rule_5_importing_loads_neither_spacy_nor_qt(module: str) -> None:
    if not module_exists(module):
        pytest.skip(f"{module} does not exist yet")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, module], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, f"import {module} failed:\n{result.stderr}"
    heavy = json.loads(result.stdout.strip().splitlines()[-1])
    assert heavy == [], f"import {module} loads {', '.join(heavy)}: import them inside functions (rule 5)"
