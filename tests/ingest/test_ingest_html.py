"""HTML pages: trafilatura's article body with title and metadata, no navigation or footer."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.ingest import IncomingDocument, Rejection, read_paths

PAGE = """<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<title>Colloqui Russia-USA a Ginevra | Il Quotidiano</title>
<meta property="og:title" content="Colloqui Russia-USA a Ginevra a gennaio">
<meta property="og:url" content="https://www.ilquotidiano.example.it/esteri/2022/01/05/colloqui-ginevra">
<meta property="og:site_name" content="Il Quotidiano">
<meta property="og:description" content="Il Cremlino conferma il primo ciclo di colloqui.">
<meta property="article:published_time" content="2022-01-05T09:30:00+01:00">
<meta property="article:section" content="Esteri">
<meta name="keywords" content="Russia, Stati Uniti, Ginevra">
</head>
<body>
<header><nav><ul>
  <li><a href="/">Home</a></li><li><a href="/esteri">Esteri</a></li>
  <li><a href="/sport">Sport</a></li><li><a href="/login">Accedi al tuo account</a></li>
</ul></nav></header>
<div class="cookie-banner">Questo sito usa i cookie per migliorare la tua esperienza. Accetta tutti</div>
<main>
<article>
<h1>Colloqui Russia-USA a Ginevra a gennaio</h1>
<p class="byline">di Mario Rossi &mdash; <time datetime="2022-01-05">5 gennaio 2022</time></p>
<p>Il portavoce del Cremlino Dmitry Peskov ha confermato che i negoziatori russi e americani si
incontreranno a Ginevra il 10 gennaio per il primo ciclo di colloqui sulle garanzie di sicurezza.</p>
<p>"Siamo pronti a discutere tutte le questioni in modo costruttivo", ha detto Peskov ai giornalisti,
aggiungendo che la delegazione sarà guidata dal viceministro degli Esteri Sergej Ryabkov.</p>
<p>La Casa Bianca ha fatto sapere che gli Stati Uniti valuteranno le proposte russe insieme agli
alleati della NATO, senza decidere nulla sopra la testa dell'Ucraina.</p>
</article>
</main>
<aside><h3>I più letti</h3><ul>
  <li><a href="/a">Calciomercato, tutte le trattative di oggi</a></li>
  <li><a href="/b">Meteo: arriva il freddo</a></li>
</ul></aside>
<footer><p>© 2022 Il Quotidiano S.p.A. — P.IVA 01234567890 — Tutti i diritti riservati</p>
<p><a href="/privacy">Privacy</a> | <a href="/cookie">Cookie policy</a></p></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def page_doc(tmp_path_factory: pytest.TempPathFactory) -> IncomingDocument:
    path = tmp_path_factory.mktemp("html") / "colloqui.html"
    path.write_text(PAGE, encoding="utf-8")
    (doc,) = read_paths([path])
    assert isinstance(doc, IncomingDocument), doc
    return doc


def test_title_is_the_first_paragraph_and_in_meta(page_doc: IncomingDocument) -> None:
    assert page_doc.meta["title"] == "Colloqui Russia-USA a Ginevra a gennaio"
    assert page_doc.text.split("\n\n")[0] == "Colloqui Russia-USA a Ginevra a gennaio"
    assert page_doc.text.count("Colloqui Russia-USA a Ginevra a gennaio") == 1


def test_body_paragraphs_are_all_there(page_doc: IncomingDocument) -> None:
    text = " ".join(page_doc.text.split())
    assert "Il portavoce del Cremlino Dmitry Peskov ha confermato" in text
    assert '"Siamo pronti a discutere tutte le questioni in modo costruttivo", ha detto Peskov' in text
    assert "senza decidere nulla sopra la testa dell'Ucraina." in text


@pytest.mark.parametrize(
    "boilerplate",
    ["Accedi al tuo account", "Sport", "cookie", "Calciomercato", "I più letti", "Tutti i diritti riservati",
     "P.IVA", "Privacy"],
)
def test_navigation_and_footer_are_left_out(page_doc: IncomingDocument, boilerplate: str) -> None:
    assert boilerplate not in page_doc.text
    assert boilerplate in page_doc.raw  # the page source is kept as raw


def test_metadata_from_the_page(page_doc: IncomingDocument) -> None:
    meta = page_doc.meta
    assert meta["published"] == "2022-01-05"
    assert meta["url"] == "https://www.ilquotidiano.example.it/esteri/2022/01/05/colloqui-ginevra"
    assert meta["source"] == "ilquotidiano.example.it"
    assert meta["sitename"] == "Il Quotidiano"
    assert meta["description"] == "Il Cremlino conferma il primo ciclo di colloqui."
    assert meta["categories"] == ["Esteri"]
    assert meta["tags"] == ["Russia", "Stati Uniti", "Ginevra"]
    assert page_doc.raw == PAGE and page_doc.record is None


def test_page_without_an_article_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "menu.htm"
    path.write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> "
        "<a href='/sport'>Sport</a></nav></body></html>",
        encoding="utf-8",
    )
    assert list(read_paths([path])) == [Rejection(str(path), "no article text found in the HTML")]


def test_html_in_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "vecchia.html"
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    path.write_bytes(page.encode("cp1252"))
    (doc,) = read_paths([path])
    assert isinstance(doc, IncomingDocument)
    assert "la delegazione sarà guidata" in " ".join(doc.text.split())
