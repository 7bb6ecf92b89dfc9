"""Markdown: the leading heading is the title, markup is removed, the words stay."""

from __future__ import annotations

from pathlib import Path

from annotator.ingest import IncomingDocument, read_paths

ARTICLE = """# Vertice a *Ginevra*: le [garanzie](https://example.com/g) di sicurezza

Il ministro degli Esteri **Sergey Lavrov** ha parlato con i giornalisti a [Mosca](https://it.wikipedia.org/wiki/Mosca)
dopo l'incontro con l'inviato `USA`.

![Lavrov a Mosca](https://example.com/foto.jpg)

Secondo il Cremlino, i colloqui sono stati _costruttivi_.All'inizio di gennaio si terrà il secondo incontro.

- primo punto dell'accordo
- secondo punto dell'accordo

## Le reazioni

La NATO ha accolto con cautela l'annuncio &amp; chiede garanzie.

2021-12-22T11:32+0100
"""


def read_one(tmp_path: Path, text: str, name: str = "articolo.md") -> IncomingDocument:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (doc,) = read_paths([path])
    assert isinstance(doc, IncomingDocument), doc
    return doc


def test_heading_is_the_title_and_first_line(tmp_path: Path) -> None:
    doc = read_one(tmp_path, ARTICLE)
    assert doc.meta["title"] == "Vertice a Ginevra: le garanzie di sicurezza"
    assert doc.text.startswith("Vertice a Ginevra: le garanzie di sicurezza\n\nIl ministro degli Esteri")


def test_markup_is_stripped_and_words_kept(tmp_path: Path) -> None:
    doc = read_one(tmp_path, ARTICLE)
    text = doc.text
    for gone in ("#", "*", "](", "https://", "![", "`", "_costruttivi_", "foto.jpg", "- primo"):
        assert gone not in text, gone
    assert "Sergey Lavrov ha parlato con i giornalisti a Mosca\ndopo l'incontro con l'inviato USA." in text
    assert "primo punto dell'accordo\nsecondo punto dell'accordo" in text
    assert "\n\nLe reazioni\n\n" in text
    assert "l'annuncio & chiede garanzie." in text
    assert doc.raw == ARTICLE


def test_markdown_text_is_cleaned_like_plain_text(tmp_path: Path) -> None:
    doc = read_one(tmp_path, ARTICLE)
    assert "sono stati costruttivi. All'inizio di gennaio" in doc.text
    assert "2021-12-22T11:32+0100" not in doc.text
    assert doc.meta["published"] == "2021-12-22"
    assert {"rule": "timestamp", "text": "2021-12-22T11:32+0100"} in doc.meta["removed"]


def test_short_heading_is_not_taken_for_a_category(tmp_path: Path) -> None:
    doc = read_one(tmp_path, "# Crisi ucraina\n\nIl governo ha convocato il consiglio dei ministri per domani.\n")
    assert doc.meta["title"] == "Crisi ucraina"
    assert doc.text.startswith("Crisi ucraina\n\n")
    assert doc.meta["removed"] == []


def test_front_matter_gives_metadata(tmp_path: Path) -> None:
    doc = read_one(tmp_path, (
        "---\ntitle: \"Il titolo vero\"\ndate: 2022-01-05\nurl: https://www.ansa.it/a.html\n"
        "tags: [esteri, russia]\n---\n"
        "Il governo ha convocato il consiglio dei ministri per domani mattina.\n"
    ))
    assert doc.meta["title"] == "Il titolo vero"
    assert doc.meta["published"] == "2022-01-05"
    assert doc.meta["url"] == "https://www.ansa.it/a.html"
    assert doc.meta["tags"] == ["esteri", "russia"]
    assert doc.text == "Il governo ha convocato il consiglio dei ministri per domani mattina."


def test_without_heading_the_title_comes_from_the_text(tmp_path: Path) -> None:
    doc = read_one(tmp_path, "Una frase *breve* sul voto di ieri.\n\nE un altro paragrafo di testo, più lungo.\n")
    assert doc.meta["title"] == "Una frase breve sul voto di ieri"
