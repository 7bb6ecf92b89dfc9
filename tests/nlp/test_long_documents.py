"""Pre-annotation of texts longer than the pipeline takes, and of documents the pipeline fails on.

A text longer than ``nlp.max_length`` goes through the pipeline in pieces cut at paragraphs (else
sentences, else spaces), and every offset comes back exact in the whole text. A document that
still fails is named and skipped; the rest of the batch, and later batches, are pre-annotated.
The limit is lowered in the tests to keep them fast.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.nlp.chunks import pieces
from annotator.nlp.events import EventSuggester
from annotator.nlp.preannotate import DocumentFailed, suggest_annotations, suggest_entities
from annotator.nlp.quotes import QuoteFinder

PLACES = ["Mosca", "Roma", "Milano", "Kiev", "Washington"]
PUBLISHED = date(2021, 12, 22)


def paragraph(i: int) -> str:
    """A paragraph with names, a date and a quotation, different for each ``i``."""
    place = PLACES[i % len(PLACES)]
    return (f"Nel colloquio numero {i}, Vladimir Putin ha telefonato a Joe Biden da {place} martedì. "
            f"«Non faremo un passo indietro sul punto {i}», ha detto Putin ieri alla NATO.")


def shifted(found, by):
    return [(s.start + by, s.end + by, s.label, s.value) for s in found]


def one(nlp, text, **options):
    [[found]] = list(suggest_annotations(nlp, [(1, text, PUBLISHED)], quotes=QuoteFinder(),
                                         events=EventSuggester(), **options))
    return found


# -- cutting a text ------------------------------------------------------------------------------


def test_pieces_prefer_paragraphs_then_lines_sentences_spaces():
    text = "Uno due. Tre quattro\n\nCinque sei. Sette otto nove"
    assert pieces(text, 100) == [(0, len(text))]
    assert pieces(text, 30) == [(0, 22), (22, len(text))]  # after the blank line
    lines = "Uno due. Tre quattro\nCinque sei. Sette otto nove"
    assert pieces(lines, 30)[0] == (0, 21)  # after the line break
    sentences = "Uno due tre. Quattro cinque sei sette otto"
    assert pieces(sentences, 20)[0] == (0, 13)  # after the sentence's end
    words = "uno due tre quattro cinque sei sette"
    assert pieces(words, 10)[0] == (0, 8)  # after a space
    assert pieces("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]  # nothing better: a hard cut
    with pytest.raises(ValueError):
        pieces("abc", 0)


@given(st.text(alphabet="ab .\n«»", max_size=300), st.integers(min_value=1, max_value=60))
def test_pieces_cover_the_text_in_order_within_the_limit(text, limit):
    ranges = pieces(text, limit)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    assert all(0 < end - start <= limit for start, end in ranges) or text == ""


# -- a long text ---------------------------------------------------------------------------------


def test_a_long_text_gets_the_suggestions_of_its_paragraphs_at_exact_offsets(gazetteer, monkeypatch):
    paragraphs = [paragraph(i) for i in range(12)]
    text = "\n\n".join(paragraphs)
    starts = [text.index(p) for p in paragraphs]
    alone = [one(gazetteer, p) for p in paragraphs]  # each within the limit: no cutting
    monkeypatch.setattr(gazetteer, "max_length", 420)
    assert len(text) > 4 * 420
    assert all(text[end - 2:end] == "\n\n" for _, end in pieces(text, 420)[:-1])  # cut at paragraphs

    found = one(gazetteer, text)

    assert found.error is None
    assert [(s.start, s.end, s.label, s.value) for s in found.entities] == [
        item for start, a in zip(starts, alone) for item in shifted(a.entities, start)]
    assert {"Vladimir Putin", "Joe Biden", "Kiev", "NATO", "martedì", "ieri"} <= {
        text[s.start:s.end] for s in found.entities}
    assert {s.value for s in found.entities if text[s.start:s.end] == "ieri"} == {"2021-12-21"}
    # one quotation per paragraph, none lost (the cuts fall between them), speakers and cues exact
    assert len(found.quotes) == len(paragraphs)
    for i, quote in enumerate(found.quotes):
        assert text[quote.start:quote.end] == f"Non faremo un passo indietro sul punto {i}"
        assert text[quote.speaker[0]:quote.speaker[1]] == "Putin" and quote.speaker_label == "PER"
        assert text[quote.cue[0]:quote.cue[1]] == "ha detto"
    # events: the same as on each paragraph alone, moved, and citing the right quotation
    expected = [(e.type, e.trigger[0] + start, e.trigger[1] + start,
                 tuple((r, s + start, t + start) for r, s, t in e.args), e.date)
                for start, a in zip(starts, alone) for e in a.events]
    assert [(e.type, *e.trigger, e.args, e.date) for e in found.events] == expected
    assert found.events
    for event in found.events:
        if event.quote is not None:
            quote = found.quotes[event.quote]
            assert quote.start - 200 < event.trigger[0] < quote.end + 200


def test_the_bundled_model_on_a_long_text_finds_what_it_finds_on_each_piece(monkeypatch):
    from annotator.nlp.pipeline import load_pipeline

    nlp = load_pipeline("it_news_kind")
    paragraphs = [paragraph(i) + " Lo ha riferito l'agenzia Reuters." for i in range(6)]
    text = "\n\n".join(paragraphs)
    monkeypatch.setattr(nlp, "max_length", 300)
    ranges = pieces(text, 300)
    assert len(ranges) == len(paragraphs)  # one paragraph (and its blank line) per piece
    expected = []
    for start, end in ranges:
        [[(_, found)]] = list(suggest_entities(nlp, [(1, text[start:end], PUBLISHED)]))
        expected += shifted(found, start)

    [[(_, found)]] = list(suggest_entities(nlp, [(1, text, PUBLISHED)]))

    assert [(s.start, s.end, s.label, s.value) for s in found] == expected
    assert {text[s.start:s.end] for s in found} >= {"Vladimir Putin", "Joe Biden"}
    for s in found:
        assert text[s.start:s.end].strip() == text[s.start:s.end] and "\n" not in text[s.start:s.end]


# -- a document that fails -----------------------------------------------------------------------


def exploding_pipeline():
    """A blank Italian pipeline with a few names, and a component that raises on "BOOM" (and runs
    out of memory on "ESAURITO")."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("annotator_test_explodes"):
        Language.component("annotator_test_explodes", func=_explode)
    nlp = spacy.blank("it")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": "Mario Draghi"}, {"label": "LOC", "pattern": "Roma"}])
    nlp.add_pipe("annotator_test_explodes")
    nlp.meta.update(name="exploding", version="0.0.1")
    return nlp


def _explode(doc):
    words = {t.text for t in doc}
    if "BOOM" in words:
        raise RuntimeError("the component cannot handle BOOM\nsecond line of details")
    if "ESAURITO" in words:
        raise MemoryError()
    return doc


GOOD = ["Mario Draghi a Roma.", "Roma accoglie Mario Draghi.", "Mario Draghi parla."]


def test_a_failing_document_is_reported_and_the_rest_of_the_batch_is_done():
    nlp = exploding_pipeline()
    texts = [(1, GOOD[0]), (2, "Mario Draghi e BOOM."), (3, GOOD[1]), (4, "ESAURITO a Roma"), (5, GOOD[2])]
    [batch] = list(suggest_annotations(nlp, texts, batch_size=5, quotes=QuoteFinder()))
    assert [s.doc_id for s in batch] == [1, 2, 3, 4, 5]
    errors = {s.doc_id: s.error for s in batch if s.error}
    assert set(errors) == {2, 4}
    assert errors[2] == "RuntimeError: the component cannot handle BOOM"
    assert "out of memory" in errors[4]
    for s, text in zip([batch[0], batch[2], batch[4]], GOOD):
        assert "Mario Draghi" in {text[e.start:e.end] for e in s.entities}
    assert batch[1].entities == [] and batch[3].entities == []
    with pytest.raises(DocumentFailed, match="document 2: RuntimeError"):
        list(suggest_entities(nlp, texts, batch_size=5))


def test_a_long_document_failing_in_one_piece_is_skipped_whole():
    nlp = exploding_pipeline()
    nlp.max_length = 60
    text = "\n\n".join(["Mario Draghi a Roma, di nuovo."] * 5 + ["E poi BOOM."])
    [[bad, good]] = list(suggest_annotations(nlp, [(1, text), (2, GOOD[0])]))
    assert bad.error.startswith("RuntimeError") and bad.entities == []  # no half-done document
    assert good.error is None and len(good.entities) == 2


# -- the service and the command line ------------------------------------------------------------


@pytest.fixture
def exploding_model(tmp_path):
    path = tmp_path / "exploding"
    exploding_pipeline().to_disk(path)
    return path


def add_documents(project):
    from annotator.store import NewDocument

    return [doc_id for doc_id, _ in project.add_documents([
        NewDocument(GOOD[0], {"title": "Primo"}, uid="primo"),
        NewDocument("Mario Draghi e BOOM.", {"title": "Il titolo\x1b[31m rosso"}, uid="bad\nuid"),
        NewDocument(GOOD[1], {"title": "Terzo"}, uid="terzo"),
        NewDocument(GOOD[2], {"title": "Quarto"}, uid="quarto"),
    ])]


def test_the_service_skips_and_names_the_document_and_stores_the_others(project, labels, exploding_model):
    from annotator.services.preannotation import preannotate

    ids = add_documents(project)
    steps = list(preannotate(project, model=str(exploding_model), labels=labels, batch_size=2))
    assert [s.done for s in steps] == [0, 2, 4]
    [skipped] = steps[-1].skipped
    assert skipped.doc_id == ids[1]
    assert skipped.name == "bad\\nuid “Il titolo\\x1b[31m rosso”"  # control characters escaped
    assert "\n" not in skipped.message() and "\x1b" not in skipped.message()
    assert project.documents_without_suggestions() == [ids[1]]  # tried again next time
    assert all(project.suggestions(d) for d in (ids[0], ids[2], ids[3]))


def test_the_command_line_names_the_skipped_document_and_exits_1(tmp_path, capsys, exploding_model):
    from annotator.cli.main import main
    from annotator.store import open_project

    db = tmp_path / "p.db"
    with open_project(db) as project:
        ids = add_documents(project)

    code = main(["--project", str(db), "preannotate", "--model", str(exploding_model), "--batch-size", "1"])

    out, err = capsys.readouterr()
    assert code == 1
    assert "Pre-annotated 3 documents" in out
    [line] = err.splitlines()
    assert line.startswith("Skipped document bad\\nuid “Il titolo\\x1b[31m rosso”: RuntimeError: "
                           "the component cannot handle BOOM")
    with open_project(db) as project:
        assert project.documents_without_suggestions() == [ids[1]]
    assert main(["--project", str(db), "preannotate"]) == 1  # the next run tries it again
    assert "Skipped document bad\\nuid" in capsys.readouterr().err
