"""The real-news gold laid out otherwise (benchmarks/realnews/layouts.py) keeps every annotation on its words."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "realnews"))

from layouts import relaid  # noqa: E402

from annotator.services.evaluation import read_quote_markup  # noqa: E402

MARKUP = """=== doc-1
Il ministro parla ai giornalisti

Il ministro dell'Interno <sp q="q1" label="PER">Roberto Maroni</sp> <cue q="q1">ha detto</cue> che \
«<q id="q1" kind="direct">nessuno sarà lasciato solo, né oggi né domani.</q>» L'\
<ev id="e1" type="COERCE" mode="arrest">arresto</ev> di <arg e="e1" role="recipient">tre uomini</arg> è avvenuto ieri.
"""


def documents(markup: str, folder: Path) -> list:
    path = folder / "gold.txt"
    path.write_text(markup, encoding="utf-8")
    return read_quote_markup(path)


@pytest.mark.parametrize("layout", ["lines", "spaced", "flat"])
def test_a_layout_moves_the_text_not_the_annotations(layout: str, tmp_path: Path) -> None:
    [before] = documents(MARKUP, tmp_path)
    [after] = documents(relaid(MARKUP, layout), tmp_path)
    assert after.text != before.text
    words = lambda text, span: " ".join(text[span[0]:span[1]].replace("'", "' ").split())  # noqa: E731
    assert [words(after.text, (q.start, q.end)) for q in after.quotes] == \
        [words(before.text, (q.start, q.end)).replace(",", " ,").replace(".", " .") if layout == "spaced"
         else words(before.text, (q.start, q.end)) for q in before.quotes]
    assert [after.text[slice(*q.speaker)] for q in after.quotes] == ["Roberto Maroni"]
    assert [after.text[slice(*e.trigger)] for e in after.events] == ["arresto"]


def test_lines_parts_paragraphs_by_one_line_break_and_spaced_parts_the_tokens(tmp_path: Path) -> None:
    [lines] = documents(relaid(MARKUP, "lines"), tmp_path)
    assert "\n\n" not in lines.text and lines.text.count("\n") == 1
    [spaced] = documents(relaid(MARKUP, "spaced"), tmp_path)
    assert "dell' Interno" in spaced.text and "« nessuno" in spaced.text and "domani . »" in spaced.text


def test_flat_runs_the_headline_into_the_text_and_keeps_the_documents_apart(tmp_path: Path) -> None:
    markup = MARKUP + "\n=== doc-2\nSecondo titolo\n\nSecondo testo.\n"
    [first, second] = documents(relaid(markup, "flat"), tmp_path)
    assert first.text.startswith("Il ministro parla ai giornalisti Il ministro dell'Interno Roberto Maroni")
    assert "\n" not in first.text.strip() and second.text.strip() == "Secondo titolo Secondo testo."
