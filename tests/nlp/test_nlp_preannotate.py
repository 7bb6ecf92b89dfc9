"""Entity suggestions: exact spans on realistic Italian sentences, offsets, batching, label mapping."""

from __future__ import annotations

import pytest

from annotator.domain.model import SUGGESTED, SUGGESTIONS
from annotator.nlp.pipeline import pipeline_origin
from annotator.nlp.preannotate import EntitySuggestion, suggest_entities, to_spans


def spans(nlp, text, **options):
    [[(_, found)]] = list(suggest_entities(nlp, [(1, text)], **options))
    return found


def test_example_sentence_exact_spans(gazetteer):
    text = "Il presidente russo Vladimir Putin ha parlato martedì con Joe Biden della NATO e dell'Ucraina."
    found = spans(gazetteer, text)
    assert found == [
        EntitySuggestion(20, 34, "PER"),
        EntitySuggestion(46, 53, "DATE"),
        EntitySuggestion(58, 67, "PER"),
        EntitySuggestion(74, 78, "ORG"),
        EntitySuggestion(86, 93, "LOC"),
    ]
    assert [text[s.start:s.end] for s in found] == ["Vladimir Putin", "martedì", "Joe Biden", "NATO", "Ucraina"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La portavoce della Casa Bianca, Jen Psaki, ha parlato con il Cremlino.",
         [("Casa Bianca", "ORG"), ("Jen Psaki", "PER"), ("Cremlino", "ORG")]),
        ("Il portavoce Dmitry Peskov ha confermato a Sputnik la telefonata tra Mosca e Washington.",
         [("Dmitry Peskov", "PER"), ("Sputnik", "ORG"), ("Mosca", "LOC"), ("Washington", "LOC")]),
        ("Il Dipartimento di Stato ha risposto alla Nato e all'OSCE a Ginevra, Bruxelles e Vienna.",
         [("Dipartimento di Stato", "ORG"), ("Nato", "ORG"), ("OSCE", "ORG"), ("Ginevra", "LOC"),
          ("Bruxelles", "LOC"), ("Vienna", "LOC")]),
        ("Il presidente degli Stati Uniti Donald Trump ha incontrato Zelenskyy e Meloni a Roma.",
         [("Stati Uniti", "LOC"), ("Donald Trump", "PER"), ("Zelenskyy", "PER"), ("Meloni", "PER"),
          ("Roma", "LOC")]),
        ("La portaerei Harry S. Truman naviga nel Mar Ionio, tra la Grecia e l'Italia, verso il Canale di Suez.",
         [("Harry S. Truman", "MISC"), ("Mar Ionio", "LOC"), ("Grecia", "LOC"), ("Italia", "LOC"),
          ("Canale di Suez", "LOC")]),
        ("Lavrov ha parlato a Kompas, secondo RIA, di sicurezza in Eurasia e in Medio Oriente.",
         [("Lavrov", "PER"), ("Kompas", "ORG"), ("RIA", "ORG"), ("Eurasia", "LOC"), ("Medio Oriente", "LOC")]),
        ("Timur Tkachenko ha scritto su Telegram che Kiev è sotto attacco.",
         [("Timur Tkachenko", "PER"), ("Telegram", "ORG"), ("Kiev", "LOC")]),
    ],
)
def test_realistic_sentences(ents, text, expected):
    assert ents(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vladimir Putin e Putin", [("Vladimir Putin", "PER"), ("Putin", "PER")]),
        ("Il Consiglio NATO-Russia (NRC) è stato creato.", [("Consiglio NATO-Russia", "ORG"), ("NRC", "ORG")]),
        ("Lo ha detto Russia Today.", [("Russia Today", "ORG")]),
        ("Lo scrive il Washington Post.", [("Washington Post", "ORG")]),
        ("Fratelli d'Italia e la Banca d’Italia", [("Fratelli d'Italia", "ORG"), ("Banca d’Italia", "ORG")]),
        ("Il Dipartimento di Stato degli Stati Uniti", [("Dipartimento di Stato degli Stati Uniti", "ORG")]),
    ],
)
def test_longest_match_wins(ents, text, expected):
    assert ents(text) == expected


@pytest.mark.parametrize(
    "text",
    ["L'attacco all'Ucraina.", "Il futuro dell'Ucraina.", "L'Ucraina resiste.", "L’aiuto all’Ucraina.",
     "Le armi nell'Ucraina orientale."],
)
def test_elisions_leave_the_name_alone(ents, text):
    assert ents(text) == [("Ucraina", "LOC")]


def test_hyphenated_and_glued_names_are_split(ents):
    assert ents("Colloqui Russia-USA e chiamata Putin-Biden; vertice Russia- NATO.") == [
        ("Russia", "LOC"), ("USA", "LOC"), ("Putin", "PER"), ("Biden", "PER"), ("Russia", "LOC"), ("NATO", "ORG")]
    assert ents("tensioni in UcrainaUn alto funzionario") == [("Ucraina", "LOC")]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Ne hanno parlato martedì scorso e ne parleranno questo giovedì.", ["martedì scorso", "questo giovedì"]),
        ("Dopo l'incontro di martedì 7 dicembre, il 17 dicembre Mosca ha risposto.", ["martedì 7 dicembre", "17 dicembre"]),
        ("22.12.2021, Sputnik Italia", ["22.12.2021"]),
        ("Era il dicembre 2021; l'ultima riunione risale al luglio 2019.", ["dicembre 2021", "luglio 2019"]),
        ("Il Consiglio è stato creato nel 2002 ed è fondato dal 1949.", ["2002", "1949"]),
        ("Si incontreranno a Ginevra il mese prossimo, o l'anno prossimo.", ["mese prossimo", "anno prossimo"]),
        ("I colloqui inizieranno all'inizio del prossimo anno.", ["inizio del prossimo anno"]),
        ("Il vertice in Alaska a metà agosto.", ["metà agosto"]),
        ("Ieri ha parlato, oggi tace e domani si vedrà.", ["Ieri", "oggi", "domani"]),
        ("Fissato a inizio 2022, entro il 2030, negli ultimi due mesi.", ["inizio 2022", "2030", "ultimi due mesi"]),
        ("Il 1º gennaio 2022 e il 30 giugno scorso.", ["1º gennaio 2022", "30 giugno scorso"]),
    ],
)
def test_italian_date_expressions(ents, text, dates):
    assert [surface for surface, label in ents(text) if label == "DATE"] == dates


@pytest.mark.parametrize(
    "text",
    [
        "Ha detto che lo Stato non ha spazio per arretrare.",
        "Il Presidente dello Stato ha parlato con i funzionari americani e russi.",
        "Nato a Liverpool nel 1947, fu ministro.",
        "Il premier ha detto:\nNato come incontro informale, il vertice è cresciuto.",
        "La misura è 1920 per 1080 pixel, 252 60.",
        "Il fine della guerra e la fine del colloquio.",
        "Un'architettura pan-continentale di sicurezza equa e indivisibile.",
        "La sala era piena e il conte parlò dei modi di fare.",
    ],
)
def test_no_false_positives(ents, text):
    assert [e for e in ents(text) if e[1] != "DATE"] == []


def test_no_false_positive_dates(ents):
    assert ents("La misura è 1920 per 1080 pixel e felice anno nuovo.") == []


def test_papal_title_is_not_part_of_the_name(ents):
    assert ents("Papa Francesco ha ricevuto Mattarella.") == [("Francesco", "PER"), ("Mattarella", "PER")]


def test_offsets_are_str_indices_with_emoji_and_accents(gazetteer):
    text = "🙂 Putin a Mosca"
    found = spans(gazetteer, text)
    assert found == [EntitySuggestion(2, 7, "PER"), EntitySuggestion(10, 15, "LOC")]
    text = "👍🏽 È già lunedì: «Mattarella» incontra Erdoğan a Città del Vaticano 🇮🇹 e poi a Kyiv."
    found = spans(gazetteer, text)
    assert [(text[s.start:s.end], s.label) for s in found] == [
        ("lunedì", "DATE"), ("Mattarella", "PER"), ("Erdoğan", "PER"), ("Città del Vaticano", "LOC"),
        ("Kyiv", "LOC")]
    assert found[1].start == text.index("Mattarella")


def test_label_map_and_allowed_labels(gazetteer):
    text = "Putin ha parlato martedì con la NATO a Mosca."
    mapped = spans(gazetteer, text, label_map={"LOC": "GPE", "DATE": None})
    assert [(text[s.start:s.end], s.label) for s in mapped] == [("Putin", "PER"), ("NATO", "ORG"), ("Mosca", "GPE")]
    only = spans(gazetteer, text, allowed_labels={"PER", "LOC"})
    assert [s.label for s in only] == ["PER", "LOC"]
    both = spans(gazetteer, text, label_map={"ORG": "LOC"}, allowed_labels={"LOC"})  # map first, then filter
    assert [text[s.start:s.end] for s in both] == ["NATO", "Mosca"]


def test_foreign_pipeline_labels_fit_the_schema_and_edges_are_trimmed():
    import spacy

    nlp = spacy.blank("it")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "GPE", "pattern": [{"ORTH": "«"}, {"ORTH": "Mosca"}, {"ORTH": "»"}]},
        {"label": "MISC", "pattern": "Sputnik V"},
        {"label": "PER", "pattern": [{"ORTH": "Putin"}, {"ORTH": ","}]},
        {"label": "LOC", "pattern": "Washington D.C."},
    ])
    text = "Putin, a «Mosca» con lo Sputnik V e Washington D.C."
    found = spans(nlp, text, label_map={"GPE": "LOC", "MISC": None}, allowed_labels={"PER", "ORG", "LOC"})
    assert [(text[s.start:s.end], s.label) for s in found] == [
        ("Putin", "PER"), ("Mosca", "LOC"), ("Washington D.C.", "LOC")]


def test_batches_are_yielded_lazily_with_every_document(gazetteer):
    texts = [(10, "Putin a Mosca."), (11, "Nessun nome qui."), (12, ""), (13, "Biden"), (14, "Roma e Milano.")]
    consumed = []

    def source():
        for pair in texts:
            consumed.append(pair[0])
            yield pair

    batches = suggest_entities(gazetteer, source(), batch_size=2)
    first = next(batches)
    assert [doc_id for doc_id, _ in first] == [10, 11]
    assert consumed == [10, 11]  # nothing read ahead: the caller can cancel here
    rest = list(batches)
    assert [[doc_id for doc_id, _ in batch] for batch in rest] == [[12, 13], [14]]
    by_id = dict(first + rest[0] + rest[1])
    assert by_id[11] == [] and by_id[12] == []
    assert by_id[13] == [EntitySuggestion(0, 5, "PER")]
    assert [s.label for s in by_id[14]] == ["LOC", "LOC"]


def test_no_texts_no_batches_and_bad_arguments(gazetteer):
    assert list(suggest_entities(gazetteer, [])) == []
    with pytest.raises(ValueError, match="batch_size"):
        next(suggest_entities(gazetteer, [(1, "Roma")], batch_size=0))
    with pytest.raises(TypeError, match="document 3"):
        next(suggest_entities(gazetteer, [(3, None)]))


def test_to_spans_builds_suggestion_layer_spans(gazetteer):
    origin = pipeline_origin(gazetteer)
    [[(doc_id, found)]] = list(suggest_entities(gazetteer, [(5, "Putin a Mosca")]))
    assert doc_id == 5
    result = to_spans(5, found, origin)
    assert [(s.doc_id, s.start, s.end, s.label) for s in result] == [(5, 0, 5, "PER"), (5, 8, 13, "LOC")]
    assert {(s.layer, s.status, s.origin, s.annotator) for s in result} == {(SUGGESTIONS, SUGGESTED, origin, origin)}
