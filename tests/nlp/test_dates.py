"""Italian temporal expressions: their values (resolve_date) and the annotator_dates component."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from annotator.nlp.dates import resolve_date

WEDNESDAY = date(2021, 12, 22)  # the reference of the table: a Wednesday, ISO week 51

# (expression, value against WEDNESDAY, value without a reference)
VALUES = [
    # days
    ("ieri", "2021-12-21", None),
    ("oggi", "2021-12-22", None),
    ("domani", "2021-12-23", None),
    ("dopodomani", "2021-12-24", None),
    ("l'altro ieri", "2021-12-20", None),
    ("il 17 dicembre", "2021-12-17", None),
    ("17 dicembre 2021", "2021-12-17", "2021-12-17"),
    ("1º gennaio 2022", "2022-01-01", "2022-01-01"),
    ("30 giugno scorso", "2021-06-30", None),
    ("prossimo 3 marzo", "2022-03-03", None),
    ("martedì 7 dicembre", "2021-12-07", None),
    ("22.12.2021", "2021-12-22", "2021-12-22"),
    ("22/12/2021", "2021-12-22", "2021-12-22"),
    ("22/12/21", "2021-12-22", "2021-12-22"),
    ("22-12-2021", "2021-12-22", "2021-12-22"),
    ("2021-12-22", "2021-12-22", "2021-12-22"),
    ("due giorni fa", "2021-12-20", None),
    # weekdays: the nearest one, or the one before / after / of this week
    ("lunedì", "2021-12-20", None),
    ("venerdì", "2021-12-24", None),
    ("martedì scorso", "2021-12-21", None),
    ("mercoledì scorso", "2021-12-15", None),
    ("venerdì prossimo", "2021-12-24", None),
    ("mercoledì prossimo", "2021-12-29", None),
    ("questo giovedì", "2021-12-23", None),
    # parts of a day and clock times
    ("stamattina", "2021-12-22TMO", None),
    ("stasera", "2021-12-22TEV", None),
    ("ieri sera", "2021-12-21TEV", None),
    ("questa mattina", "2021-12-22TMO", None),
    ("domenica sera", "2021-12-19TEV", None),
    ("ieri alle 15.30", "2021-12-21T15:30", None),
    ("stasera alle 21", "2021-12-22T21:00", None),
    ("alle 15.30", "XXXX-XX-XXT15:30", "XXXX-XX-XXT15:30"),
    ("ore 15", "XXXX-XX-XXT15:00", "XXXX-XX-XXT15:00"),
    # weeks and weekends
    ("la settimana scorsa", "2021-W50", None),
    ("questa settimana", "2021-W51", None),
    ("tra due settimane", "2022-W01", None),
    ("il prossimo fine settimana", "2021-W52-WE", None),
    ("fine della settimana", "2021-W51 END", None),
    # months: the nearest one unless "scorso"/"prossimo" says otherwise
    ("il mese prossimo", "2022-01", None),
    ("il prossimo mese", "2022-01", None),
    ("dicembre 2021", "2021-12", "2021-12"),
    ("luglio del 2019", "2019-07", "2019-07"),
    ("entro marzo", "2022-03", None),
    ("gennaio", "2022-01", None),
    ("agosto", "2021-08", None),
    ("dicembre scorso", "2020-12", None),
    ("a metà agosto", "2021-08 MID", None),
    ("fine gennaio", "2022-01 END", None),
    ("primi di marzo", "2022-03 START", None),
    ("fine mese", "2021-12 END", None),
    ("fra tre mesi", "2022-03", None),
    # seasons, years, decades
    ("l'estate scorsa", "2021-SU", None),
    ("la prossima primavera", "2022-SP", None),
    ("estate 2022", "2022-SU", "2022-SU"),
    ("nel 2022", "2022", "2022"),
    ("l'anno scorso", "2020", None),
    ("quest'anno", "2021", None),
    ("tre anni fa", "2018", None),
    ("all'inizio del prossimo anno", "2022 START", None),
    ("fine dell'anno", "2021 END", None),
    ("inizio 2022", "2022 START", "2022 START"),
    ("negli anni Novanta", "199X", "199X"),
    ("anni '80", "198X", "198X"),
    ("anni 2000", "200X", "200X"),
    # durations
    ("negli ultimi tre anni", "P3Y", "P3Y"),
    ("le ultime 24 ore", "PT24H", "PT24H"),
    ("nei prossimi giorni", "PXD", "PXD"),
    # anchored to another time of the story, or not a date at all
    ("il giorno successivo", None, None),
    ("il mese precedente", None, None),
    ("45 dicembre 2021", None, None),
    ("31.13.2021", None, None),
    ("15", None, None),
    ("Putin", None, None),
]


@pytest.mark.parametrize(("expression", "value", "absolute"), VALUES)
def test_values_against_a_publication_date_and_without(expression, value, absolute):
    assert resolve_date(expression, WEDNESDAY) == value
    assert resolve_date(expression, None) == absolute


def test_nearest_month_and_day_follow_the_reference():
    # in an article of March, "agosto" is the coming one and "dicembre" the last one
    march = date(2022, 3, 10)
    assert resolve_date("a metà agosto", march) == "2022-08 MID"
    assert resolve_date("il 17 dicembre", march) == "2021-12-17"
    assert resolve_date("gennaio", date(2022, 1, 31)) == "2022-01"
    # a leap day is found in the nearest year that has one
    assert resolve_date("29 febbraio", date(2021, 3, 1)) == "2020-02-29"


def test_typographic_apostrophes_and_case_do_not_matter():
    assert resolve_date("All’inizio dell’anno", WEDNESDAY) == "2021 START"
    assert resolve_date("IERI", WEDNESDAY) == "2021-12-21"
    assert resolve_date("anni ’90", None) == "199X"


def test_a_datetime_reference_counts_as_its_day():
    assert resolve_date("ieri", datetime(2021, 12, 22, 23, 59)) == "2021-12-21"
    with pytest.raises(TypeError, match="datetime.date"):
        resolve_date("ieri", "2021-12-22")  # type: ignore[arg-type]


def test_dateparser_reads_what_the_rules_do_not_know():
    # abbreviated months are not in the rules; dateparser reads them, at its own granularity
    assert resolve_date("22 dic 2021", None) == "2021-12-22"
    assert resolve_date("dic. 2021", WEDNESDAY) == "2021-12"


# -- the annotator_dates component ---------------------------------------------------------------


@pytest.fixture(scope="module")
def blank_with_dates():
    """A blank Italian pipeline (tokenizer only) with the date component appended."""
    import spacy

    from annotator.nlp import components

    components.register()
    nlp = spacy.blank("it")
    nlp.add_pipe(components.DATES)
    return nlp


# (expression written in a sentence, the span the component marks)
FOUND = [
    ("lunedì", "lunedì"),
    ("martedì scorso", "martedì scorso"),
    ("venerdì prossimo", "venerdì prossimo"),
    ("il 22.12.2021", "22.12.2021"),
    ("il 22/12/2021", "22/12/2021"),
    ("il 22-12-2021", "22-12-2021"),
    ("il 17 dicembre", "17 dicembre"),
    ("il 17 dicembre 2021", "17 dicembre 2021"),
    ("all'inizio del prossimo anno", "inizio del prossimo anno"),
    ("a metà agosto", "metà agosto"),
    ("il mese prossimo", "mese prossimo"),
    ("la settimana scorsa", "settimana scorsa"),
    ("l'anno scorso", "anno scorso"),
    ("ieri", "ieri"),
    ("oggi", "oggi"),
    ("domani", "domani"),
    ("dopodomani", "dopodomani"),
    ("stamattina", "stamattina"),
    ("stasera", "stasera"),
    ("questa sera", "questa sera"),
    ("a fine gennaio", "fine gennaio"),
    ("entro marzo", "marzo"),
    ("nel 2022", "2022"),
    ("negli anni Novanta", "anni Novanta"),
    ("negli anni 90", "anni 90"),
    ("negli anni ’80", "anni ’80"),
    ("tre anni fa", "tre anni fa"),
    ("tra due settimane", "tra due settimane"),
    ("alle 15.30", "15.30"),
    ("alle ore 15", "ore 15"),
    ("ieri alle 15.30", "ieri alle 15.30"),
]


@pytest.mark.parametrize(("written", "span"), FOUND)
def test_the_component_finds_each_expression(blank_with_dates, written, span):
    doc = blank_with_dates(f"Il ministro ne ha parlato {written} a Roma.")
    assert [(e.text, e.label_) for e in doc.ents] == [(span, "DATE")]


@pytest.mark.parametrize("text", [
    "Alle 15 persone è stato detto di restare.",  # "alle 15" without minutes is not a time
    "Le ore 25.70 e alle 31.99 non esistono, né il 45 dicembre.",
    "Ha vinto tra due squadre e tre anni di carcere.",
])
def test_the_component_leaves_non_dates_alone(blank_with_dates, text):
    assert blank_with_dates(text).ents == ()


def ruler_then_dates(patterns):
    """A pipeline whose first component predicts entities (as a trained NER would), then the dates."""
    import spacy

    from annotator.nlp import components

    components.register()
    nlp = spacy.blank("it")
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    nlp.add_pipe(components.DATES)
    return nlp


def test_entities_already_there_are_kept():
    nlp = ruler_then_dates([{"label": "PER", "pattern": "Domenica Rossi"},
                            {"label": "LOC", "pattern": "Roma"}])
    doc = nlp("Domenica Rossi è arrivata a Roma domenica 19 dicembre, ieri sera.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Domenica Rossi", "PER"), ("Roma", "LOC"), ("domenica 19 dicembre", "DATE"), ("ieri sera", "DATE")]
    # a date that overlaps an entity is left out, the entity stays whole
    doc = ruler_then_dates([{"label": "PER", "pattern": "Martedì"}])("Martedì scorso ha parlato.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Martedì", "PER")]


def test_a_saved_pipeline_with_the_component_loads_again(tmp_path):
    from annotator.nlp.pipeline import load_pipeline

    nlp = ruler_then_dates([{"label": "LOC", "pattern": "Roma"}])
    nlp.to_disk(tmp_path / "ner_and_dates")
    loaded = load_pipeline(tmp_path / "ner_and_dates")
    assert loaded.pipe_names == ["entity_ruler", "annotator_dates"]
    assert [(e.text, e.label_) for e in loaded("A Roma il mese prossimo.").ents] == [
        ("Roma", "LOC"), ("mese prossimo", "DATE")]


def test_the_gazetteer_finds_the_same_dates_as_the_component(gazetteer, blank_with_dates):
    text = " ".join(f"Ne ha parlato {written}." for written, _ in FOUND)
    from_gazetteer = [(e.start_char, e.end_char) for e in gazetteer(text).ents if e.label_ == "DATE"]
    from_component = [(e.start_char, e.end_char) for e in blank_with_dates(text).ents]
    assert from_component == from_gazetteer and len(from_component) == len(FOUND)


def test_the_gazetteer_gives_date_suggestions_their_value(gazetteer):
    from annotator.nlp.preannotate import EntitySuggestion, suggest_entities

    text = "Putin ha parlato ieri con Biden; si rivedranno il mese prossimo, dopo il 22.12.2021."
    [[(_, dated)], [(_, undated)]] = suggest_entities(
        gazetteer, [(1, text, WEDNESDAY), (2, text)], batch_size=1)
    dates = [(text[s.start:s.end], s.value) for s in dated if s.label == "DATE"]
    assert dates == [("ieri", "2021-12-21"), ("mese prossimo", "2022-01"), ("22.12.2021", "2021-12-22")]
    # without a publication date only the absolute one has a value; other labels never have one
    assert [(text[s.start:s.end], s.value) for s in undated if s.label == "DATE"] == [
        ("ieri", None), ("mese prossimo", None), ("22.12.2021", "2021-12-22")]
    assert {s.value for s in dated if s.label != "DATE"} == {None}
    assert EntitySuggestion(0, 5, "PER") in dated


def test_a_bad_publication_date_is_refused_naming_the_document(gazetteer):
    from annotator.nlp.preannotate import suggest_entities

    with pytest.raises(TypeError, match="document 4: the publication date"):
        next(suggest_entities(gazetteer, [(4, "Ieri.", "2021-12-22")]))


def test_to_spans_keeps_the_value():
    from annotator.nlp.preannotate import EntitySuggestion, to_spans

    [span] = to_spans(3, [EntitySuggestion(10, 14, "DATE", "2021-12-21")], "gazetteer_it@1")
    assert (span.label, span.value, span.origin) == ("DATE", "2021-12-21", "gazetteer_it@1")


# -- a publication date known only to the month or the year -------------------------------------

MONTH_ONLY = [
    ("martedì 7 dicembre", "2021-12-07"),  # the example: the text gives the day
    ("il 17 dicembre", "2021-12-17"),
    ("7 gennaio", "2022-01-07"),  # the nearest 7 January from any day of December 2021
    ("il mese prossimo", "2022-01"),
    ("questo mese", "2021-12"),
    ("dicembre scorso", "2020-12"),
    ("fine gennaio", "2022-01 END"),
    ("l'anno scorso", "2020"),
    ("nel 2022", "2022"),
    # these depend on the day of publication: no value rather than a guess
    ("ieri", None),
    ("lunedì", None),
    ("la settimana scorsa", None),
    ("7 giugno", None),  # 2021-06-07 from 1 December, 2022-06-07 from 31 December
]


@pytest.mark.parametrize(("expression", "value"), MONTH_ONLY)
def test_a_month_only_publication_date_resolves_what_does_not_depend_on_the_day(expression, value):
    from annotator.domain.published import publication_reference

    assert resolve_date(expression, publication_reference({"published": "2021-12"})) == value


def test_a_year_only_publication_date_gives_what_it_can():
    from annotator.domain.published import publication_reference

    year = publication_reference({"published": "2021"})
    assert resolve_date("l'anno scorso", year) == "2020"
    assert resolve_date("martedì 7 dicembre", year) == "2021-12-07"  # 7 Dec is a Tuesday only in 2021
    assert resolve_date("7 dicembre", year) is None  # 2020-12-07 for an article of 1 January 2021
    assert resolve_date("il mese prossimo", year) is None


def test_the_weekday_picks_the_year_of_a_day():
    # 7 December 2020 was a Monday: the weekday outweighs nearness
    assert resolve_date("lunedì 7 dicembre", WEDNESDAY) == "2020-12-07"
    assert resolve_date("martedì 7 dicembre", WEDNESDAY) == "2021-12-07"
    # a weekday that fits no candidate year is ignored (a slip of the writer), as before
    assert resolve_date("domenica 7 dicembre", WEDNESDAY) == "2021-12-07"


@pytest.mark.parametrize(("meta", "expected"), [
    ({"published": "2021-12-22T11:32+01:00"}, date(2021, 12, 22)),
    ({"published": "2021-12"}, (date(2021, 12, 1), date(2021, 12, 31))),
    ({"published": "2024-02"}, (date(2024, 2, 1), date(2024, 2, 29))),
    ({"published": " 2021 "}, (date(2021, 1, 1), date(2021, 12, 31))),
    ({"published": "", "date": "2021-11"}, (date(2021, 11, 1), date(2021, 11, 30))),
    ({"published": "2021-13"}, None),
    ({"published": "dicembre 2021"}, None),
    ({}, None),
])
def test_publication_reference_from_metadata(meta, expected):
    from annotator.domain.published import Period, publication_reference

    found = publication_reference(meta)
    if isinstance(expected, tuple):
        assert found == Period(*expected)
    else:
        assert found == expected
