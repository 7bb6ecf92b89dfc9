"""Gold quotations written inline (annotator.formats.quote_markup): tags stripped into ranges,
shared speakers, nesting, the errors a hand-written file can hold, and whole files of documents."""

from __future__ import annotations

import pytest

from annotator.formats.quote_markup import MarkupError, parse_document, read_quote_markup

PESKOV = ('Il portavoce del Cremlino <sp q="q1 q2" label="PER">Dmitry Peskov</sp> <cue q="q1">ha detto</cue>: '
          '«<q id="q1" kind="direct">Non abbiamo ricevuto nessuna proposta</q>». '
          '«<q id="q2" kind="direct">Ne parleremo</q>», <cue q="q2">ha aggiunto</cue>.')
PESKOV_TEXT = ("Il portavoce del Cremlino Dmitry Peskov ha detto: «Non abbiamo ricevuto nessuna proposta». "
               "«Ne parleremo», ha aggiunto.")


def words(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0]:span[1]] if span is not None else None


def described(doc) -> list[tuple]:
    """``(content, kind, speaker, label, cue)`` of each quotation, as strings of the document text."""
    return [(doc.text[q.start:q.end], q.kind, words(doc.text, q.speaker), q.speaker_label, words(doc.text, q.cue))
            for q in doc.quotes]


def test_tags_are_stripped():
    doc = parse_document("ansa-1", PESKOV, "2024-03-12")
    assert (doc.id, doc.text, doc.published) == ("ansa-1", PESKOV_TEXT, "2024-03-12")


def test_ranges_of_content_speaker_and_cue():
    doc = parse_document("ansa-1", PESKOV)
    assert described(doc) == [
        ("Non abbiamo ricevuto nessuna proposta", "direct", "Dmitry Peskov", "PER", "ha detto"),
        ("Ne parleremo", "direct", "Dmitry Peskov", "PER", "ha aggiunto"),
    ]


def test_shared_speaker_is_one_range():
    first, second = parse_document("ansa-1", PESKOV).quotes
    assert first.speaker == second.speaker


def test_description_without_label():
    marked = ('«<q id="a" kind="direct">Nessun ritiro</q>», ha detto <sp q="a">un alto funzionario</sp>.')
    doc = parse_document("d", marked)
    assert described(doc) == [("Nessun ritiro", "direct", "un alto funzionario", None, None)]


def test_nested_tags():
    marked = ('<q id="h" kind="headline"><sp q="i">Il ministro</sp> <cue q="i">ha detto</cue> che '
              '<q id="i" kind="indirect">tutto va bene</q></q>')
    doc = parse_document("d", marked)
    assert doc.text == "Il ministro ha detto che tutto va bene"
    assert described(doc) == [
        ("Il ministro ha detto che tutto va bene", "headline", None, None, None),
        ("tutto va bene", "indirect", "Il ministro", None, "ha detto"),
    ]


def test_quotations_are_sorted_by_position():
    marked = '<cue q="b">Secondo</cue> X, <q id="b" kind="indirect">piove</q>. «<q id="a" kind="direct">Sì</q>»'
    assert [q.kind for q in parse_document("d", marked).quotes] == ["indirect", "direct"]


@pytest.mark.parametrize("marked, message", [
    ('«<q id="a" kind="direct">Mai</q>», ha detto <sp q="a">Rossi.', "<sp> never closed"),
    ('<q id="a" kind="direct">Mai <sp q="a">detto</q> Rossi</sp>', "</q> at character"),
    ('«<q id="a" kind="quote">Mai</q>»', "kind 'quote'"),
    ('«<q id="a" kind="direct">Mai</q>» «<q id="a" kind="direct">Poi</q>»', "two <q> with id a"),
    ('«<q id="a" kind="direct">Mai</q>», ha detto <sp q="b">Rossi</sp>.', "unknown quotation ids ['b']"),
    ('«<q id="a" kind="direct">Mai</q>», <cue q="a">ha</cue> <cue q="a">detto</cue>', "quotation a has two <cue>"),
    ('«<q kind="direct">Mai</q>»', "has no id"),
    ('«<q id="a" kind="direct">Mai</q>», ha detto <sp>Rossi</sp>.', "names no quotation"),
    ('«<q id="a" kind="direct">Mai</q>», ha detto <sp q=\'a\'>Rossi.', "malformed"),
], ids=["unclosed", "crossing", "unknown-kind", "duplicate-id", "unknown-id", "two-cues", "no-id",
        "no-q", "single-quoted-attributes"])
def test_markup_errors(marked, message):
    with pytest.raises(MarkupError) as caught:
        parse_document("d", marked)
    assert message in str(caught.value)


def _write(tmp_path, content: str):
    path = tmp_path / "gold.txt"
    path.write_text(content, encoding="utf-8")
    return path


def test_read_two_documents(tmp_path):
    path = _write(tmp_path, (
        "=== ansa-1 | published=2024-03-12\n"
        "\n"
        f"{PESKOV}\n"
        "\n"
        "\n"
        "=== rai-2\n"
        'Prima riga.\n'
        '<sp q="x" label="PER">Neri</sp>: «<q id="x" kind="headline">Basta</q>»\n'
        "\n"))
    first, second = read_quote_markup(path)
    assert (first.id, first.published, first.text) == ("ansa-1", "2024-03-12", PESKOV_TEXT)
    assert len(first.quotes) == 2
    assert (second.id, second.published, second.text) == ("rai-2", None, "Prima riga.\nNeri: «Basta»")
    assert described(second) == [("Basta", "headline", "Neri", "PER", None)]


def test_text_before_the_first_header(tmp_path):
    path = _write(tmp_path, "\nUna riga orfana.\n=== ansa-1\nTesto.\n")
    with pytest.raises(MarkupError) as caught:
        read_quote_markup(path)
    assert f"{path}:2:" in str(caught.value)
    assert "before the first" in str(caught.value)


def test_error_in_a_document_names_file_document_and_line(tmp_path):
    path = _write(tmp_path, '=== ansa-1\nTesto.\n=== ansa-2\n\n«<q id="a" kind="quote">Mai</q>»\n')
    with pytest.raises(MarkupError) as caught:
        read_quote_markup(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: document ansa-2 (line 5):")
    assert "kind 'quote'" in message
