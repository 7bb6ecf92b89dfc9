"""The bundled lexicon files list each entry once: a repeated line is dead weight that hides which one counts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def entries(path: Path, key) -> list[str]:
    lines = [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()]
    return [key(line) for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("name, key", [
    ("quotes/verbs.txt", lambda line: line.split(":")[0].strip()),
    ("quotes/speakers.txt", str.strip),
    ("quotes/cues.txt", str.strip),
    ("quotes/not_quotes.txt", str.strip),
    ("events/triggers_it.tsv", lambda line: "\t".join(line.split("\t")[:2] + line.split("\t")[4:])),
])
def test_a_lexicon_file_lists_each_entry_once(name: str, key) -> None:
    repeated = [entry for entry, count in Counter(entries(RESOURCES / name, key)).items() if count > 1]
    assert repeated == []
