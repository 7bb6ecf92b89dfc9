"""The Italian event suggester: the examples of docs/events.md, dates, quotations, and the lexicon files.

Entities are given by hand (``names``), as the pipeline would find them: no spaCy model is loaded.
Each test looks at what the annotator would see: type, mode, trigger words, (role, words) arguments,
date and quotation link.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from annotator.domain.event_schema import EventSchema
from annotator.nlp.events import EVENTS_DIR, EventLexiconError, EventSuggester, FoundEvent, load_event_lexicon

PLOVER = Path(__file__).resolve().parents[2] / "resources" / "events" / "plover.json"


@pytest.fixture(scope="module")
def suggester() -> EventSuggester:
    return EventSuggester()


@dataclass(frozen=True)
class Quotation:
    """What the suggester reads of a quotation: its range, the speaker's range and the cue's range."""

    start: int
    end: int
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    kind: str | None = None


def at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.find(words, after)
    assert start >= 0, f"{words!r} not in {text!r}"
    return start, start + len(words)


def names(text: str, **labels: str) -> list[tuple[int, int, str]]:
    """Entities of ``text``: ``names(text, Biden="PER")``; use "_" for spaces ("Stati_Uniti")."""
    return [(*at(text, words.replace("_", " ")), label) for words, label in labels.items()]


def seen(text: str, event: FoundEvent) -> tuple[str, str | None, str, list[tuple[str, str]]]:
    """(type, mode, trigger words, [(role, words)]) of a suggested event."""
    return (event.type, event.mode, text[event.trigger[0]:event.trigger[1]],
            [(role, text[start:end]) for role, start, end in event.args])


def find(suggester: EventSuggester, text: str, **labels: str) -> list[FoundEvent]:
    return suggester.find(text, names(text, **labels))


# --- the examples of docs/events.md -------------------------------------------------------------

PHONE_CALL = "Biden e Putin hanno avuto una telefonata."


def test_phone_call_is_consult_phone(suggester: EventSuggester) -> None:
    [event] = find(suggester, PHONE_CALL, Biden="PER", Putin="PER")
    assert (event.type, event.mode) == ("CONSULT", "phone")
    assert PHONE_CALL[event.trigger[0]:event.trigger[1]] == "telefonata"


@pytest.mark.parametrize("text", [
    "Una signora di 82 anni ha perso il controllo dell'auto a Marsala per rispondere ad una telefonata.",
    "A Marsala un uomo ha telefonato ai carabinieri subito dopo il delitto.",
])
def test_a_call_with_no_one_named_taking_part_is_not_a_consultation(suggester: EventSuggester, text: str) -> None:
    assert "CONSULT" not in [t for t, _ in types(suggester, text, Marsala="LOC")]


def test_phone_call_has_both_leaders_as_actors(suggester: EventSuggester) -> None:
    [event] = find(suggester, PHONE_CALL, Biden="PER", Putin="PER")
    assert seen(PHONE_CALL, event)[3] == [("actor", "Biden"), ("actor", "Putin")]


def test_phone_call_between_leaders_has_both_as_actors(suggester: EventSuggester) -> None:
    text = "Una telefonata tra Biden e Putin è durata 50 minuti."
    [event] = find(suggester, text, Biden="PER", Putin="PER")
    assert seen(text, event) == ("CONSULT", "phone", "telefonata", [("actor", "Biden"), ("actor", "Putin")])


def test_the_one_met_is_an_actor_of_the_meeting_too(suggester: EventSuggester) -> None:
    text = "Putin ha incontrato Zelensky a Roma."
    [event] = find(suggester, text, Putin="PER", Zelensky="PER", Roma="LOC")
    assert seen(text, event) == ("CONSULT", None, "incontrato",
                                 [("actor", "Putin"), ("actor", "Zelensky"), ("location", "Roma")])


def test_talks_next_month_in_geneva_are_agree(suggester: EventSuggester) -> None:
    text = "Russia e Stati Uniti terranno colloqui a Ginevra il mese prossimo."
    [event] = find(suggester, text, Russia="LOC", Stati_Uniti="LOC", Ginevra="LOC")
    kind, mode, trigger, args = seen(text, event)
    assert (kind, mode, trigger) == ("AGREE", None, "colloqui")
    assert ("location", "Ginevra") in args


def test_talks_with_participants_next_month_in_geneva_are_agree(suggester: EventSuggester) -> None:
    text = "I colloqui tra Russia e Stati Uniti si terranno a Ginevra il mese prossimo."
    [event] = find(suggester, text, Russia="LOC", Stati_Uniti="LOC", Ginevra="LOC")
    kind, _mode, trigger, args = seen(text, event)
    assert (kind, trigger) == ("AGREE", "colloqui")
    assert ("location", "Ginevra") in args


def test_talks_without_future_word_stay_consult(suggester: EventSuggester) -> None:
    text = "Russia e Stati Uniti hanno tenuto colloqui a Ginevra."
    [event] = find(suggester, text, Russia="LOC", Stati_Uniti="LOC", Ginevra="LOC")
    assert seen(text, event)[:3] == ("CONSULT", None, "colloqui")


def test_threatened_sanctions_are_one_threaten_restrict(suggester: EventSuggester) -> None:
    text = "Biden ha minacciato nuove e pesanti sanzioni alla Russia."
    found = find(suggester, text, Biden="PER", Russia="LOC")
    assert [seen(text, e) for e in found] == [
        ("THREATEN", "restrict", "minacciato", [("actor", "Biden"), ("recipient", "Russia")])]


def test_sanctions_without_threat_are_sanction(suggester: EventSuggester) -> None:
    text = "L'Unione europea ha approvato nuove sanzioni contro la Russia."
    found = find(suggester, text, Unione_europea="ORG", Russia="LOC")
    assert [seen(text, e)[:3] for e in found] == [("SANCTION", "discontinue", "sanzioni")]


def test_moving_troops_is_mobilize_troops(suggester: EventSuggester) -> None:
    text = "Mosca ha spostato decine di migliaia di truppe al confine."
    found = find(suggester, text, Mosca="LOC")
    assert [seen(text, e) for e in found] == [("MOBILIZE", "troops", "spostato", [("actor", "Mosca")])]


def test_russian_air_strike_on_kiev_is_assault_aerial(suggester: EventSuggester) -> None:
    text = "Nella notte un attacco aereo russo su Kiev ha causato tre vittime."
    found = find(suggester, text, Kiev="LOC")
    assert [seen(text, e) for e in found] == [("ASSAULT", "aerial", "attacco aereo", [("location", "Kiev")])]


def test_moscow_denied_the_accusations_is_reject_deny(suggester: EventSuggester) -> None:
    text = "Mosca ha ripetutamente negato le accuse."
    found = find(suggester, text, Mosca="LOC")
    assert [seen(text, e) for e in found] == [("REJECT", "deny", "negato", [("actor", "Mosca")])]


# --- dates ----------------------------------------------------------------------------------------

THREAT = "Biden ha minacciato sanzioni alla Russia il 7 dicembre."
PUBLISHED = date(2021, 12, 8)


def test_date_comes_from_a_date_in_the_sentence(suggester: EventSuggester) -> None:
    dates = [(*at(THREAT, "il 7 dicembre"), "2021-12-07")]
    [event] = suggester.find(THREAT, names(THREAT, Biden="PER", Russia="LOC"), dates=dates, published=PUBLISHED)
    assert event.date == "2021-12-07"


def test_date_of_a_month(suggester: EventSuggester) -> None:
    text = "Russia e Stati Uniti terranno colloqui a Ginevra il mese prossimo."
    dates = [(*at(text, "il mese prossimo"), "2022-01")]
    [event] = suggester.find(text, names(text, Russia="LOC", Stati_Uniti="LOC", Ginevra="LOC"), dates=dates,
                             published=PUBLISHED)
    assert event.date == "2022-01"


def test_date_is_the_publication_date_without_a_date_in_the_sentence(suggester: EventSuggester) -> None:
    [event] = suggester.find(THREAT, names(THREAT, Biden="PER", Russia="LOC"), published=PUBLISHED)
    assert event.date == "2021-12-08"


def test_a_date_in_another_sentence_is_not_used(suggester: EventSuggester) -> None:
    text = "Il 7 dicembre Putin ha parlato. Biden ha minacciato sanzioni alla Russia."
    dates = [(*at(text, "Il 7 dicembre"), "2021-12-07")]
    [event] = suggester.find(text, names(text, Putin="PER", Biden="PER", Russia="LOC"), dates=dates,
                             published=PUBLISHED)
    assert event.date == "2021-12-08"


def test_a_date_without_value_is_not_used(suggester: EventSuggester) -> None:
    dates = [(*at(THREAT, "il 7 dicembre"), None)]
    [event] = suggester.find(THREAT, names(THREAT, Biden="PER", Russia="LOC"), dates=dates, published=PUBLISHED)
    assert event.date == "2021-12-08"


def test_no_date_and_no_publication_date_gives_none(suggester: EventSuggester) -> None:
    [event] = suggester.find(THREAT, names(THREAT, Biden="PER", Russia="LOC"))
    assert event.date is None


# --- quotations -----------------------------------------------------------------------------------

REQUEST_QUOTE = 'A Bruxelles, "chiediamo alla Russia di fermarsi", ha detto Blinken.'


def request_quotes() -> list[Quotation]:
    return [Quotation(*at(REQUEST_QUOTE, '"chiediamo alla Russia di fermarsi"'),
                      speaker=at(REQUEST_QUOTE, "Blinken"), cue=at(REQUEST_QUOTE, "ha detto"))]


def test_speech_act_in_a_quotation_takes_the_speaker_as_actor(suggester: EventSuggester) -> None:
    entities = names(REQUEST_QUOTE, Bruxelles="LOC", Russia="LOC", Blinken="PER")
    [event] = suggester.find(REQUEST_QUOTE, entities, quotes=request_quotes())
    assert seen(REQUEST_QUOTE, event) == ("REQUEST", None, "chiediamo",
                                          [("recipient", "Russia"), ("actor", "Blinken")])
    assert event.quote == 0


def test_speech_act_outside_quotations_is_not_linked(suggester: EventSuggester) -> None:
    entities = names(REQUEST_QUOTE, Bruxelles="LOC", Russia="LOC", Blinken="PER")
    [event] = suggester.find(REQUEST_QUOTE, entities)
    assert event.quote is None
    assert ("actor", "Blinken") not in seen(REQUEST_QUOTE, event)[3]


def test_the_link_is_the_index_of_the_quotation(suggester: EventSuggester) -> None:
    text = '"Siamo pronti", ha detto Blinken. "Accusiamo la Russia di mentire", ha aggiunto Austin.'
    quotes = [Quotation(*at(text, '"Siamo pronti"'), speaker=at(text, "Blinken")),
              Quotation(*at(text, '"Accusiamo la Russia di mentire"'), speaker=at(text, "Austin"))]
    [event] = suggester.find(text, names(text, Blinken="PER", Russia="LOC", Austin="PER"), quotes=quotes)
    assert seen(text, event) == ("ACCUSE", "allege", "Accusiamo", [("recipient", "Russia"), ("actor", "Austin")])
    assert event.quote == 1


def test_a_trigger_in_the_cue_links_the_quotation(suggester: EventSuggester) -> None:
    text = 'Blinken ha accusato Mosca: "state mentendo".'
    quotes = [Quotation(*at(text, '"state mentendo"'), speaker=at(text, "Blinken"), cue=at(text, "ha accusato"))]
    [event] = suggester.find(text, names(text, Blinken="PER", Mosca="LOC"), quotes=quotes)
    assert seen(text, event) == ("ACCUSE", "allege", "accusato", [("actor", "Blinken"), ("recipient", "Mosca")])
    assert event.quote == 0



@pytest.mark.parametrize("inner_first", [False, True])
def test_a_trigger_in_nested_quotations_links_the_first_given(suggester: EventSuggester, inner_first: bool) -> None:
    text = 'Austin ha detto che "secondo Blinken «accusiamo la Russia di mentire» e lo ripeteremo".'
    outer = Quotation(*at(text, '"secondo Blinken «accusiamo la Russia di mentire» e lo ripeteremo"'),
                      speaker=at(text, "Austin"), cue=at(text, "ha detto"))
    inner = Quotation(*at(text, "«accusiamo la Russia di mentire»"), speaker=at(text, "Blinken"))
    quotes = [inner, outer] if inner_first else [outer, inner]
    events = suggester.find(text, names(text, Austin="PER", Blinken="PER", Russia="LOC"), quotes=quotes)
    assert [(text[e.trigger[0]:e.trigger[1]], e.quote) for e in events] == [("accusiamo", 0)]

# --- what is not an event -------------------------------------------------------------------------


def test_no_suggestion_without_any_name(suggester: EventSuggester) -> None:
    assert suggester.find("Ieri c'è stata una lunga telefonata.", []) == []


def test_no_suggestion_in_a_sentence_without_a_name(suggester: EventSuggester) -> None:
    text = "Hanno avuto una lunga telefonata. Poi è arrivato Biden."
    assert find(suggester, text, Biden="PER") == []


def test_moving_without_troops_is_not_mobilize(suggester: EventSuggester) -> None:
    text = "Il governo di Roma ha spostato la data delle elezioni."
    assert find(suggester, text, Roma="LOC") == []


# --- verb forms -----------------------------------------------------------------------------------


def test_gerund_with_attached_pronoun(suggester: EventSuggester) -> None:
    text = "Biden ha parlato dei russi accusandoli di mentire."
    found = find(suggester, text, Biden="PER")
    assert [seen(text, e) for e in found] == [("ACCUSE", "allege", "accusandoli", [("actor", "Biden")])]


def test_first_person_plural(suggester: EventSuggester) -> None:
    text = "Zelensky: chiediamo aiuti all'Europa."
    found = find(suggester, text, Zelensky="PER", Europa="LOC")
    assert [seen(text, e) for e in found] == [
        ("REQUEST", "assist", "chiediamo", [("actor", "Zelensky"), ("recipient", "Europa")])]


# --- the lexicon files ----------------------------------------------------------------------------

MINI_SCHEMA = {
    "name": "Mini",
    "roles": [{"name": "chi"}, {"name": "contro"}, {"name": "dove", "labels": ["LOC"], "multiple": False}],
    "types": [{"name": "INCONTRO", "definition": "persone che si parlano", "modes": [{"name": "telefono"}]},
              {"name": "LITE", "definition": "persone che litigano"}],
}
MINI_CONFIG = {
    "roles": {"subject": "chi", "object": "contro", "place": "dove"},
    "reciprocal_types": ["INCONTRO"],
    "place_types": ["INCONTRO", "LITE"],
    "object_prepositions": ["con", "contro"],
    "place_prepositions": ["a", "in"],
    "participant_prepositions": ["tra", "con"],
}
MINI_TRIGGERS = "# my own triggers\ntelefonata\tINCONTRO\ttelefono\tnoun\nlitigare\tLITE\t\tverb\n"


def lexicon_folder(tmp_path: Path, triggers: str = MINI_TRIGGERS, config: dict | None = None) -> Path:
    folder = tmp_path / "lexicon"
    folder.mkdir(exist_ok=True)
    (folder / "triggers_it.tsv").write_text(triggers, encoding="utf-8")
    (folder / "suggester_it.json").write_text(json.dumps(config or MINI_CONFIG), encoding="utf-8")
    return folder


def mini_schema(tmp_path: Path) -> EventSchema:
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(MINI_SCHEMA), encoding="utf-8")
    return EventSchema.load(path)


def lexicon_error(tmp_path: Path, triggers: str, *, schema: EventSchema | None = None) -> tuple[str, Path]:
    folder = lexicon_folder(tmp_path, triggers)
    with pytest.raises(EventLexiconError) as err:
        load_event_lexicon(folder, schema=schema)
    return str(err.value), folder / "triggers_it.tsv"


def test_bundled_lexicon_fits_the_plover_schema() -> None:
    lexicon = load_event_lexicon(EVENTS_DIR, schema=EventSchema.load(PLOVER))
    assert (lexicon.subject_role, lexicon.object_role, lexicon.place_role) == ("actor", "recipient", "location")


def test_own_lexicon_finds_a_reciprocal_event(tmp_path: Path) -> None:
    suggester = EventSuggester(load_event_lexicon(lexicon_folder(tmp_path), schema=mini_schema(tmp_path)))
    text = "Una telefonata tra Biden e Putin."
    found = find(suggester, text, Biden="PER", Putin="PER")
    assert [seen(text, e) for e in found] == [
        ("INCONTRO", "telefono", "telefonata", [("chi", "Biden"), ("chi", "Putin")])]


def test_own_lexicon_fills_its_own_roles(tmp_path: Path) -> None:
    suggester = EventSuggester(load_event_lexicon(lexicon_folder(tmp_path), schema=mini_schema(tmp_path)))
    text = "Biden ha litigato con Putin a Roma."
    found = find(suggester, text, Biden="PER", Putin="PER", Roma="LOC")
    assert [seen(text, e) for e in found] == [
        ("LITE", None, "litigato", [("chi", "Biden"), ("contro", "Putin"), ("dove", "Roma")])]


def test_own_lexicon_knows_only_its_own_triggers(tmp_path: Path) -> None:
    suggester = EventSuggester(load_event_lexicon(lexicon_folder(tmp_path)))
    text = "Biden ha minacciato sanzioni alla Russia."
    assert find(suggester, text, Biden="PER", Russia="LOC") == []


def test_trigger_of_a_type_the_schema_lacks(tmp_path: Path) -> None:
    message, path = lexicon_error(tmp_path, MINI_TRIGGERS + "\nattacco\tASSAULT\t\tnoun\n",
                                  schema=mini_schema(tmp_path))
    assert message == f"{path}:5: type ASSAULT is not in the Mini schema"


def test_trigger_of_a_mode_the_type_lacks(tmp_path: Path) -> None:
    message, path = lexicon_error(tmp_path, "litigare\tLITE\t\tverb\ntelefonata\tINCONTRO\tvideo\tnoun\n",
                                  schema=mini_schema(tmp_path))
    assert message == f"{path}:2: mode video is not a mode of INCONTRO"


def test_without_schema_any_type_is_taken(tmp_path: Path) -> None:
    load_event_lexicon(lexicon_folder(tmp_path, MINI_TRIGGERS + "attacco\tASSAULT\t\tnoun\n"))


def test_a_line_without_tabs_names_file_and_line(tmp_path: Path) -> None:
    message, path = lexicon_error(tmp_path, MINI_TRIGGERS + "attacco ASSAULT  noun\n")
    assert message == f"{path}:4: expected trigger<TAB>TYPE<TAB>mode<TAB>verb|noun|phrase"


def test_a_line_with_an_unknown_kind_names_file_and_line(tmp_path: Path) -> None:
    message, path = lexicon_error(tmp_path, "telefonata\tINCONTRO\ttelefono\tparola\n")
    assert message == f"{path}:1: expected trigger<TAB>TYPE<TAB>mode<TAB>verb|noun|phrase"


def test_a_suggester_role_the_schema_lacks(tmp_path: Path) -> None:
    config = {**MINI_CONFIG, "roles": {"subject": "chi", "object": "vittima", "place": "dove"}}
    folder = lexicon_folder(tmp_path, config=config)
    with pytest.raises(EventLexiconError) as err:
        load_event_lexicon(folder, schema=mini_schema(tmp_path))
    assert str(err.value) == f"{folder / 'suggester_it.json'}: role vittima is not in the Mini schema"


def test_a_missing_trigger_file(tmp_path: Path) -> None:
    with pytest.raises(EventLexiconError) as err:
        load_event_lexicon(tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 'triggers_it.tsv'}: cannot read the trigger lexicon")


@pytest.mark.parametrize("key, value", [
    ("charges", 5), ("verbal_attacks", 5), ("verbal_attacks", {"triggers": ["attacco"]}),
    ("verbal_attacks", {"triggers": 3, "from": "ASSAULT", "to": "ACCUSE"}),
])
def test_a_hostile_charge_or_verbal_attack_setting_names_the_file(tmp_path: Path, key: str, value: object) -> None:
    folder = lexicon_folder(tmp_path, config={**MINI_CONFIG, key: value})
    with pytest.raises(EventLexiconError) as err:
        load_event_lexicon(folder)
    assert str(err.value).startswith(f"{folder / 'suggester_it.json'}: not a suggester configuration")


def test_a_suggester_file_without_roles(tmp_path: Path) -> None:
    folder = lexicon_folder(tmp_path, config={"reciprocal_types": ["INCONTRO"]})
    with pytest.raises(EventLexiconError) as err:
        load_event_lexicon(folder)
    assert str(err.value).startswith(f"{folder / 'suggester_it.json'}: not a suggester configuration")


def test_a_near_word_in_another_sentence_does_not_count():
    text = "Le truppe erano ferme. Mosca ha spostato la data del vertice."
    found = EventSuggester().find(text, [(text.index("Mosca"), text.index("Mosca") + 5, "LOC")])
    assert "MOBILIZE" not in [e.type for e in found]


def test_an_unless_condition_keeps_a_boxing_match_from_being_a_meeting():
    from annotator.nlp.events import EventSuggester

    text = "L'incontro di pugilato tra Floyd Mayweather e Manny Pacquiao si è tenuto a Las Vegas."
    names = [(text.index("Floyd"), text.index("Floyd") + 15, "PER"), (text.index("Manny"), text.index("Manny") + 14, "PER")]
    assert EventSuggester().find(text, names) == []
    meeting = "L'incontro tra Vladimir Putin e Joe Biden si è tenuto a Ginevra."
    names = [(meeting.index("Vladimir"), meeting.index("Vladimir") + 14, "PER"),
             (meeting.index("Joe"), meeting.index("Joe") + 9, "PER")]
    assert [e.type for e in EventSuggester().find(meeting, names)] == ["CONSULT"]


def test_a_condition_that_is_neither_near_nor_unless_is_refused_naming_its_line(tmp_path):
    import shutil

    import pytest

    from annotator.nlp.events import EVENTS_DIR, EventLexiconError, load_event_lexicon

    shutil.copy(EVENTS_DIR / "suggester_it.json", tmp_path / "suggester_it.json")
    (tmp_path / "triggers_it.tsv").write_text("# header\nincontro\tCONSULT\t\tnoun\tfar:ring\n", encoding="utf-8")
    with pytest.raises(EventLexiconError, match=r"triggers_it.tsv:2: a condition is near"):
        load_event_lexicon(tmp_path)


def test_wounded_is_an_attack_when_the_shooting_is_told_in_the_sentence_before(suggester: EventSuggester) -> None:
    text = ("Un uomo armato di pistola ha aperto il fuoco davanti al municipio di Lione. "
            "Tre agenti sono rimasti feriti, uno in modo grave.")
    assert ("ASSAULT", "feriti") in types(suggester, text, Lione="LOC")
    text = "Un autobus è uscito di strada vicino a Lione. Tre passeggeri sono rimasti feriti, uno in modo grave."
    assert ("ASSAULT", "feriti") not in types(suggester, text, Lione="LOC")


@pytest.mark.parametrize("text, trigger", [
    ("Antonio Di Pietro ha preso le difese di Marco Travaglio con veemenza.", "preso le difese"),
    ("Il ministro Franco Frattini ha espresso compiacimento per la liberazione dei marinai.", "compiacimento"),
    ("Il premier Manmohan Singh ha inviato un messaggio di felicitazioni al nuovo presidente.", "felicitazioni"),
])
def test_taking_someones_side_and_congratulating_are_support(suggester: EventSuggester, text: str,
                                                               trigger: str) -> None:
    names = {"Antonio_Di_Pietro": "PER", "Marco_Travaglio": "PER", "Franco_Frattini": "PER", "Manmohan_Singh": "PER"}
    assert ("SUPPORT", trigger) in types(suggester, text, **names)


def test_a_confession_is_a_concession_but_not_one_someone_is_pushed_to(suggester: EventSuggester) -> None:
    text = "Interrogato dai carabinieri, Mario Rossi ha confessato l'omicidio della moglie."
    assert ("CONCEDE", "confessato") in types(suggester, text, Mario_Rossi="PER")
    text = "Le prove raccolte dagli inquirenti hanno portato Mario Rossi a confessare."
    assert "CONCEDE" not in [t for t, _ in types(suggester, text, Mario_Rossi="PER")]


def test_a_visit_in_a_story_about_a_doctor_is_no_meeting(suggester: EventSuggester) -> None:
    text = ("Il paziente è stato accompagnato dal medico di famiglia a Torino per un controllo. "
            "Secondo i parenti la visita di Mario Rossi è durata meno di un'ora.")
    assert ("CONSULT", "visita") not in types(suggester, text, Torino="LOC", Mario_Rossi="PER")
    text = ("Il presidente francese Emmanuel Macron è arrivato a Roma per due giorni di colloqui. "
            "Secondo i diplomatici la visita di Macron al Quirinale è durata meno di un'ora.")
    entities = sorted(names(text, Emmanuel_Macron="PER", Roma="LOC", Quirinale="ORG") + [
        (*at(text, "Macron", after=text.index("visita")), "PER")])  # the visitor, named again
    assert ("CONSULT", "visita") in [(e.type, text[slice(*e.trigger)]) for e in suggester.find(text, entities)]


@pytest.mark.parametrize("condition", ["reach:0", "reach:201", "reach:molto", "reach:"])
def test_a_reach_out_of_bounds_is_refused_naming_its_line(tmp_path: Path, condition: str) -> None:
    message, path = lexicon_error(tmp_path, f"esplosione\tASSAULT\t\tnoun\tnear:bomba\t{condition}\n")
    assert message.startswith(f"{path}:1: a condition is near:w1|w2, unless:w1|w2 or reach:N")


def test_a_reach_without_near_words_is_refused(tmp_path: Path) -> None:
    message, path = lexicon_error(tmp_path, "esplosione\tASSAULT\t\tnoun\treach:60\n")
    assert message == f"{path}:1: reach:60 widens a near: or unless: condition; add one"


@pytest.mark.parametrize("text, expected", [
    ("Un grave attentato ha colpito Istanbul. L'esplosione, avvenuta nei pressi di una strada, ha ferito tre "
     "passanti.", True),
    ("Istanbul: forte esplosione, vari feriti. Fonti della polizia parlano di un attentato terroristico.", True),
    ("Una fuga di gas ha provocato un crollo a Istanbul. L'esplosione, avvenuta nei pressi di una strada, ha "
     "ferito tre passanti.", False),
])
def test_an_explosion_is_an_attack_when_the_story_around_it_tells_of_one(
        suggester: EventSuggester, text: str, expected: bool) -> None:
    assert (("ASSAULT", "esplosione") in types(suggester, text, Istanbul="LOC")) is expected


@pytest.mark.parametrize("text, name, expected", [
    ("Il tribunale ha condannato a morte Saddam Hussein.", "Saddam Hussein", "SANCTION"),
    ("Il sindaco Marco Doria ha condannato il gesto dei vandali.", "Marco Doria", "ACCUSE"),
    ("Il ministro Mario Rossi ha chiesto più volte scusa alle famiglie.", "Mario Rossi", "CONCEDE"),
    ("Il ministro Mario Rossi ha chiesto alle famiglie di restare a casa.", "Mario Rossi", "REQUEST"),
])
def test_a_sentence_to_death_is_a_sanction_and_asking_forgiveness_a_concession(
        suggester: EventSuggester, text: str, name: str, expected: str) -> None:
    start = text.index(name)
    assert [e.type for e in suggester.find(text, [(start, start + len(name), "PER")])] == [expected]


@pytest.mark.parametrize("text", [
    "La pena accessoria sarà decisa di nuovo dalla Corte d'appello di Milano.",
    "Mario Rossi è accusato anche di omicidio e di occultamento di cadavere.",
    "Le somme, secondo le indagini, sarebbero state usate per cene e viaggi.",
])
def test_a_court_of_appeal_a_charge_or_a_source_is_no_event(suggester: EventSuggester, text: str) -> None:
    names = [(text.index("Mario Rossi"), text.index("Mario Rossi") + 11, "PER")] if "Mario Rossi" in text else []
    assert [e.type for e in suggester.find(text, names) if e.type in ("REQUEST", "ASSAULT")] == []
    assert "investigate" not in [e.mode for e in suggester.find(text, names)]


def test_a_killing_and_an_appeal_for_help_are_still_events(suggester: EventSuggester) -> None:
    text = "Il sindaco Mario Rossi ha lanciato un appello alla Regione dopo l'omicidio di un commerciante."
    start = text.index("Mario Rossi")
    assert sorted(e.type for e in suggester.find(text, [(start, start + 11, "PER")])) == ["ASSAULT", "REQUEST"]


# --- systematic coverage of news vocabulary (issue 15, "events that generalise") -------------------

@pytest.mark.parametrize("text, expected", [
    ("Mario Rossi è stato accoltellato davanti a un bar di Napoli.", "ASSAULT"),
    ("A Palermo Mario Rossi è stato freddato con tre colpi di pistola.", "ASSAULT"),
    ("I rapitori hanno preso in ostaggio Mario Rossi.", "ASSAULT"),
    ("Mario Rossi è stato ammanettato dai carabinieri.", "COERCE"),
    ("La procura ha incriminato Mario Rossi per corruzione.", "ACCUSE"),
    ("Mario Rossi è stato giudicato colpevole dalla corte.", "SANCTION"),
    ("Il Cremlino ha rigettato la proposta di Mario Rossi.", "REJECT"),
    ("Mario Rossi ha invocato l'intervento dell'Onu.", "REQUEST"),
    ("Mario Rossi ha ricevuto una lettera minatoria.", "THREATEN"),
    ("Le due parti hanno siglato con Mario Rossi un memorandum.", "SUPPORT"),
    ("Mario Rossi ha espresso vicinanza alle famiglie delle vittime.", "SUPPORT"),
    ("Hamas e Israele hanno concordato una tregua con la mediazione di Mario Rossi.", "AGREE"),
    ("Migliaia di studenti hanno partecipato alla fiaccolata per Mario Rossi.", "PROTEST"),
    ("Mario Rossi ha ordinato di mobilitare i riservisti.", "REQUEST"),
])
def test_usual_news_words_of_each_type_are_triggers(suggester: EventSuggester, text: str, expected: str) -> None:
    start = text.index("Mario Rossi")
    assert expected in [e.type for e in suggester.find(text, [(start, start + 11, "PER")])]


@pytest.mark.parametrize("text", [
    "Mario Rossi ha parlato al ministero della Giustizia.",
    "Mario Rossi è passato al commissariato di zona in una giornata fredda.",
    "La sigla sindacale di Mario Rossi ha inviato una raccomandata.",
    "La Consulta si è pronunciata e il presidente Mario Rossi ne ha preso atto.",
    "Mario Rossi ha tutti i requisiti per una cerimonia intima.",
    "Mario Rossi ha ricevuto la grazia di un momento di pace.",
    "Mario Rossi vende rape e cavoli al mercato di Bari.",  # "rapire" conjugates as "rapisce"
])
def test_verb_forms_that_are_other_words_are_no_triggers(suggester: EventSuggester, text: str) -> None:
    start = text.index("Mario Rossi")
    assert suggester.find(text, [(start, start + 11, "PER")]) == []


@pytest.mark.parametrize("text, trigger, type_", [
    ("Mario Rossi apre i valichi di frontiera agli aiuti.", "apre", "RETREAT"),
    ("Il furgone investe deliberatamente Mario Rossi e la folla.", "investe", "ASSAULT"),
    ("Mario Rossi offre la sua mediazione alle parti.", "offre", "AGREE"),
])
def test_an_ire_verb_without_isc_keeps_its_plain_present(suggester: EventSuggester, text: str, trigger: str,
                                                          type_: str) -> None:
    start = text.index("Mario Rossi")
    found = suggester.find(text, [(start, start + 11, "PER")])
    assert (type_, trigger) in [(e.type, text[e.trigger[0]:e.trigger[1]]) for e in found]


# --- negated and hypothetical events are not coded (resources/events/README.md) ----------------


def types(suggester: EventSuggester, text: str, **labels: str) -> list[tuple[str, str]]:
    """(type, trigger words) of the events of ``text``, with those of ``labels`` it names."""
    present = {words: label for words, label in labels.items() if words.replace("_", " ") in text}
    return [(e.type, text[e.trigger[0]:e.trigger[1]]) for e in find(suggester, text, **present)]


def test_a_clitic_before_a_noun_trigger_makes_it_a_verb(suggester: EventSuggester) -> None:
    assert types(suggester, "Aspetto Yacouba tutta la notte ma lo incontro solo alle 7.", Yacouba="PER") == []
    assert types(suggester, "L'incontro con Yacouba è durato un'ora.", Yacouba="PER") == [("CONSULT", "incontro")]


@pytest.mark.parametrize("text", [
    "Macron non ha incontrato Scholz.",
    "Gli agenti non hanno mai arrestato Rossi.",
    "Rossi è indagato ma non incriminato dalla Procura di Milano.",
])
def test_a_negated_verb_is_not_coded(suggester: EventSuggester, text: str) -> None:
    found = types(suggester, text, Macron="PER", Scholz="PER", Rossi="PER", Procura_di_Milano="ORG")
    assert [trigger for _, trigger in found] == (["indagato"] if "indagato" in text else [])


@pytest.mark.parametrize("text", [
    "Tra Russia e Ucraina non c'è nessun accordo.",
    "Russia e Ucraina restano senza accordo.",
    "Russia e Ucraina non hanno firmato un solo accordo.",
    "Rossi non aveva fatto alcuna richiesta al sindaco.",
])
def test_a_negated_noun_is_not_coded(suggester: EventSuggester, text: str) -> None:
    assert types(suggester, text, Russia="LOC", Ucraina="LOC", Rossi="PER") == []


def test_not_only_is_no_negation(suggester: EventSuggester) -> None:
    text = "Macron ha non solo incontrato Scholz."
    assert types(suggester, text, Macron="PER", Scholz="PER") == [("CONSULT", "incontrato")]


@pytest.mark.parametrize("text", [
    "Saddam voleva evitare di essere ucciso come un bandito.",
    "Rossi temeva di essere arrestato dalla polizia.",
    "Il parlamento discute l'opzione di invadere la Siria.",
    "La Turchia potrebbe attaccare la Siria.",
    "Rossi avrebbe potuto uccidere Bianchi.",
    "Rossi ha detto: «Mi sono nascosto, altrimenti sarei già stato ucciso»",
    "Rossi ha deciso chi è il candidato da proporre al capo dello Stato.",
    "Si lascia presagire che in futuro la Turchia possa chiedere di entrare nell'Unione.",
    "Nel caso, Rossi potrà sempre chiedere consigli al suo mentore Bianchi.",
    "La Nato teme una invasione russa della Siria.",
    "Solo i militari hanno consentito di evitare il linciaggio di Rossi.",
    "La notizia ha alimentato la paura di altri attentati in Siria.",
    "Rossi preannuncia la possibilità di un ricorso contro Bianchi.",
])
def test_a_hypothetical_event_is_not_coded(suggester: EventSuggester, text: str) -> None:
    assert types(suggester, text, Saddam="PER", Rossi="PER", Bianchi="PER", Turchia="LOC", Siria="LOC") == []


def test_a_noun_trigger_after_a_plain_verb_or_noun_is_coded(suggester: EventSuggester) -> None:
    text = "La Nato condanna una invasione russa della Siria."
    assert ("ASSAULT", "invasione") in types(suggester, text, Nato="ORG", Siria="LOC")


def test_the_reporting_conditional_is_coded(suggester: EventSuggester) -> None:
    text = "Secondo la polizia Rossi avrebbe ucciso Bianchi."
    assert types(suggester, text, Rossi="PER", Bianchi="PER") == [("ASSAULT", "ucciso")]


@pytest.mark.parametrize("text", [
    "Potranno scontare due anni se confesseranno di aver ucciso Maria.",
    "Qualora le accuse di Rossi venissero confermate, l'azienda si costituirà parte civile.",
])
def test_an_event_in_a_condition_is_not_coded(suggester: EventSuggester, text: str) -> None:
    assert types(suggester, text, Maria="PER", Rossi="PER") == []


def test_an_event_after_anche_se_is_coded(suggester: EventSuggester) -> None:
    text = "Anche se la polizia ha arrestato Rossi, le proteste continuano."
    assert ("COERCE", "arrestato") in types(suggester, text, Rossi="PER")


def test_an_event_in_a_question_is_not_coded(suggester: EventSuggester) -> None:
    assert types(suggester, "La Russia attaccherà l'Ucraina?", Russia="LOC", Ucraina="LOC") == []


@pytest.mark.parametrize("text", ["Il ragazzo, Marco Rossi, si è ucciso ieri.", "Marco Rossi si sarebbe ucciso."])
def test_a_suicide_is_not_an_assault(suggester: EventSuggester, text: str) -> None:
    assert types(suggester, text, Marco_Rossi="PER") == []


def test_killing_another_is_an_assault(suggester: EventSuggester) -> None:
    text = "Marco Rossi ha ucciso Bianchi."
    assert types(suggester, text, Marco_Rossi="PER", Bianchi="PER") == [("ASSAULT", "ucciso")]


def test_a_purpose_is_not_coded_a_cause_is(suggester: EventSuggester) -> None:
    text = "Il sindaco Floris avvia le procedure per chiedere lo stato di calamità."
    assert types(suggester, text, Floris="PER") == []
    text = "Rossi è stato arrestato per aver ucciso Bianchi."
    assert types(suggester, text, Rossi="PER", Bianchi="PER") == [("COERCE", "arrestato"), ("ASSAULT", "ucciso")]


def test_an_indirect_question_with_se_la_is_not_coded(suggester: EventSuggester) -> None:
    text = "Non è chiaro se la sparatoria tra Rossi e Bianchi fosse già in corso."
    assert types(suggester, text, Rossi="PER", Bianchi="PER") == []


def test_an_event_about_to_happen_is_not_coded(suggester: EventSuggester) -> None:
    text = "La Procura di Milano starebbe per aprire un'inchiesta su Rossi."
    assert types(suggester, text, Procura_di_Milano="ORG", Rossi="PER") == []


def test_a_participle_after_an_article_names_people_not_an_act(suggester: EventSuggester) -> None:
    text = "Gli arrestati Rossi e Bianchi sono di Napoli. Gli imputati erano difesi da Verdi."
    assert types(suggester, text, Rossi="PER", Bianchi="PER", Verdi="PER") == []
    text = "Arrestati Rossi e Bianchi. Verdi è imputato per truffa."
    assert types(suggester, text, Rossi="PER", Bianchi="PER", Verdi="PER") == [
        ("COERCE", "Arrestati"), ("ACCUSE", "imputato")]


def test_a_verb_form_after_a_determiner_is_a_noun(suggester: EventSuggester) -> None:
    text = "Rossi ha fotografato tre chiese a Colombo."
    assert types(suggester, text, Rossi="PER", Colombo="LOC") == []
    assert types(suggester, "Rossi chiese aiuto a Bianchi.", Rossi="PER", Bianchi="PER") == [("REQUEST", "chiese")]


@pytest.mark.parametrize("text", [
    "In India una frana uccide 20 persone nel villaggio di Rossi.",
    "Una slavina ha travolto il villaggio uccidendo venti persone, dice Rossi.",
    "Il virus dell'influenza che uccise Rossi nel 1957.",
    "Secondo Rossi, nove molecole hanno ucciso i batteri resistenti.",
    "Torino, ubriaco al volante uccide Rossi.",
    "Rossi è stata travolta ed uccisa da un'auto sulla provinciale.",
    "Strage della calca in India, più di 100 morti nel tempio dove pregava Rossi.",
])
def test_nature_illness_and_microbes_do_no_assault(suggester: EventSuggester, text: str) -> None:
    assert types(suggester, text, Rossi="PER") == []


def test_a_man_who_kills_does_an_assault(suggester: EventSuggester) -> None:
    text = "In India un uomo uccide 20 persone nel villaggio di Rossi."
    assert types(suggester, text, Rossi="PER", India="LOC") == [("ASSAULT", "uccide")]


def test_sports_news_is_not_coded(suggester: EventSuggester) -> None:
    sport = ("Mayweather ha battuto Pacquiao ai punti sul ring di Las Vegas. Durante l'incontro Pacquiao "
             "ha condotto l'attacco. Il pugile ha vinto tutti i round.")
    assert types(suggester, sport, Mayweather="PER", Pacquiao="PER", Las_Vegas="LOC") == []
    politics = "Durante l'incontro Obama ha condannato l'attacco di Putin a Kiev."
    assert ("CONSULT", "incontro") in types(suggester, politics, Obama="PER", Putin="PER", Kiev="LOC")


@pytest.mark.parametrize("text", [
    ("Anand si conferma campione del mondo di scacchi, battendo lo sfidante Boris Gelfand. Per decidere l'incontro, "
     "svoltosi a Mosca, sono serviti gli spareggi."),
    "Rossi calcia fuori per terminare l'incontro e iniziare la festa, dopo il pareggio di Bianchi.",
])
def test_a_chess_or_football_match_is_no_meeting(suggester: EventSuggester, text: str) -> None:
    assert types(suggester, text, Anand="PER", Boris_Gelfand="PER", Mosca="LOC", Rossi="PER", Bianchi="PER") == []


def test_engaged_in_is_not_a_commitment(suggester: EventSuggester) -> None:
    text = "I piloti della NATO erano impegnati in una missione sopra Rossi."
    assert types(suggester, text, NATO="ORG", Rossi="LOC") == []
    text = "Rossi si è impegnato a ritirare le truppe."
    assert ("AGREE", "si è impegnato") in types(suggester, text, Rossi="PER")


def test_supplying_information_is_not_aid(suggester: EventSuggester) -> None:
    assert types(suggester, "Channel 4 ha fornito a Rossi un fotogramma.", Channel_4="ORG", Rossi="PER") == []
    assert types(suggester, "La Russia ha fornito armi a Rossi.", Russia="LOC", Rossi="PER") == [("AID", "fornito")]


def test_words_that_name_no_event_hide_the_trigger_inside_them(suggester: EventSuggester) -> None:
    text = "Rossi ha organizzato la mostra in collaborazione con il Comune di Bianchi e distribuito biglietti da visita."
    assert types(suggester, text, Rossi="PER", Comune_di_Bianchi="ORG") == []
    text = "Il governo di Rossi ha avviato una collaborazione con Bianchi."
    assert types(suggester, text, Rossi="PER", Bianchi="PER") == [("COOPERATE", "collaborazione")]


def test_a_not_an_event_line_loads_beside_the_schema(tmp_path: Path) -> None:
    (tmp_path / "triggers_it.tsv").write_text("incontro|incontri\tCONSULT\t\tnoun\nandare incontro\t-\t\tphrase\n",
                                              encoding="utf-8")
    (tmp_path / "suggester_it.json").write_text((EVENTS_DIR / "suggester_it.json").read_text(encoding="utf-8"),
                                                encoding="utf-8")
    schema = EventSchema.load(EVENTS_DIR / "plover.json")
    lexicon = load_event_lexicon(tmp_path, schema)
    text = "Rossi rischia di andare incontro a una multa. L'incontro tra Rossi e Bianchi è finito."
    found = EventSuggester(lexicon).find(text, names(text, Rossi="PER", Bianchi="PER"))
    assert [text[a:b] for a, b in (e.trigger for e in found)] == ["incontro"]
    assert found[0].trigger[0] > text.index(".")


def test_suffering_an_illness_is_no_accusation(suggester: EventSuggester) -> None:
    assert types(suggester, "Il malore accusato da Rossi lo ha costretto al ricovero.", Rossi="PER") == []
    assert types(suggester, "Rossi ha accusato Bianchi di corruzione.", Rossi="PER", Bianchi="PER") == [
        ("ACCUSE", "accusato")]


def test_clashes_are_violence_unless_a_protest_is_near(suggester: EventSuggester) -> None:
    text = "Nuovi scontri nella regione di Rossi hanno provocato tredici morti."
    assert types(suggester, text, Rossi="LOC") == [("ASSAULT", "scontri")]
    text = "Durante il corteo ci sono stati scontri con la polizia a Rossi."
    assert ("PROTEST", "scontri") in types(suggester, text, Rossi="LOC")


def test_a_kidnapping_is_an_assault_a_seizure_of_goods_is_coercion(suggester: EventSuggester) -> None:
    text = "Rossi è stata uccisa poche ore dopo il sequestro, senza che fosse chiesto un riscatto."
    assert ("ASSAULT", "sequestro") in types(suggester, text, Rossi="PER")
    text = "La Guardia di Finanza ha disposto il sequestro dei beni di Rossi."
    assert types(suggester, text, Guardia_di_Finanza="ORG", Rossi="PER") == [("COERCE", "sequestro")]


def test_everyday_accepting_and_agreeing_are_no_agreement(suggester: EventSuggester) -> None:
    text = "Il ministero di Rossi dice di accettare il dono; lunedì alle 8, come concordato, siamo in dogana."
    assert types(suggester, text, Rossi="PER") == []
    text = "Rossi ha accettato la proposta di tregua di Bianchi."
    assert ("AGREE", "accettato") in types(suggester, text, Rossi="PER", Bianchi="PER")


def test_a_doping_charge_in_sports_news_is_still_an_event(suggester: EventSuggester) -> None:
    text = ("Lance Armstrong ammette l'uso di doping nei sette Tour vinti. L'ex ciclista, campione "
            "del Tour, ha ammesso di aver fatto uso di sostanze dopanti durante il campionato.")
    assert ("CONCEDE", "ammette") in types(suggester, text, Lance_Armstrong="PER")


def test_a_rally_or_a_parade_is_no_protest_and_internal_no_internment(suggester: EventSuggester) -> None:
    text = "Mario Rossi ha parlato alla manifestazione elettorale di ieri a Genova sulla politica interna."
    assert types(suggester, text, Mario_Rossi="PER", Genova="LOC") == []
    text = "Migliaia di persone hanno partecipato alla manifestazione contro Mario Rossi a Genova."
    assert ("PROTEST", "manifestazione") in types(suggester, text, Mario_Rossi="PER", Genova="LOC")


def test_aid_is_suggested_where_it_is_given(suggester: EventSuggester) -> None:
    text = "L'ONU sospende gli aiuti umanitari per la Siria."  # a sanction, no aid given
    assert ("AID", "aiuti umanitari") not in types(suggester, text, ONU="ORG", Siria="LOC")
    text = "L'ONU ha inviato aiuti umanitari in Siria."
    assert ("AID", "aiuti umanitari") in types(suggester, text, ONU="ORG", Siria="LOC")


def test_wondering_and_an_asking_price_are_no_request(suggester: EventSuggester) -> None:
    text = "Mario Rossi si è chiesto come recuperare; la somma richiesta da Luigi Bianchi era di 300 euro."
    assert types(suggester, text, Mario_Rossi="PER", Luigi_Bianchi="PER") == []
    text = "Mario Rossi ha chiesto a Luigi Bianchi di dimettersi."
    assert ("REQUEST", "chiesto") in types(suggester, text, Mario_Rossi="PER", Luigi_Bianchi="PER")


def test_a_brawl_is_an_assault_unless_it_was_only_feared(suggester: EventSuggester) -> None:
    text = "Gabriele Sandri era coinvolto in una rissa scoppiata tra tifosi laziali e juventini."
    assert ("ASSAULT", "rissa") in types(suggester, text, Gabriele_Sandri="PER")
    text = "Mario Rossi ha schierato quattro guardie per evitare che la lite si trasformasse in una rissa."
    assert ("ASSAULT", "rissa") not in types(suggester, text, Mario_Rossi="PER")


def test_miners_a_judges_title_a_football_match_and_a_festival_are_no_events(suggester: EventSuggester) -> None:
    text = "Morti 12 minatori intrappolati in miniera; Bruno Rossi ha ricevuto lettere minatorie."
    assert types(suggester, text, Bruno_Rossi="PER") == [("THREATEN", "minatorie")]
    text = "Il giudice per le indagini preliminari di Roma, Valerio Savio, ha fissato l'udienza."
    assert types(suggester, text, Roma="LOC", Valerio_Savio="PER") == []
    text = "Allo stadio Stirpe di Frosinone è in programma domani l'incontro amichevole Italia - Croazia."
    assert types(suggester, text, Frosinone="LOC", Italia="LOC", Croazia="LOC") == []
    text = "La città di Rotterdam ospiterà la manifestazione l'anno prossimo, senza pubblico."
    assert types(suggester, text, Rotterdam="LOC") == []


def test_a_trigger_word_inside_a_name_is_no_event(suggester: EventSuggester) -> None:
    text = "Amanda Knox ha indicato nel ventiquattrenne Raffaele Sollecito il proprio fidanzato."
    assert types(suggester, text, Amanda_Knox="PER", Raffaele_Sollecito="PER") == []
    text = "Il comitato Stop alla Guerra ha chiesto al governo di sollecitare il ritiro."
    assert ("REQUEST", "chiesto") in types(suggester, text, Stop_alla_Guerra="ORG")


def test_attacking_a_politician_in_words_is_an_accusation(suggester: EventSuggester) -> None:
    text = "Silvio Berlusconi nel suo discorso ha attaccato la magistratura e il comunismo."
    assert types(suggester, text, Silvio_Berlusconi="PER") == [("ACCUSE", "attaccato")]
    text = "I guerriglieri hanno attaccato i soldati del governo con granate e fucili."
    assert types(suggester, text) == [("ASSAULT", "attaccato")]


def test_a_sentence_and_a_kidnapping_told_without_the_usual_words(suggester: EventSuggester) -> None:
    text = "La sentenza di primo grado aveva condannato Mario Rossi ad un anno e dieci mesi."
    assert ("SANCTION", "condannato") in types(suggester, text, Mario_Rossi="PER")
    text = "Flavio Tosi, sindaco di Verona, è già condannato per propaganda di idee razziste."
    assert ("SANCTION", "condannato") in types(suggester, text, Flavio_Tosi="PER", Verona="LOC")
    text = "Sono ancora trentotto i lavoratori stranieri sequestrati da diversi gruppi armati."
    assert types(suggester, text) == [("ASSAULT", "sequestrati")]
    text = "Il presidente Barack Obama ha condannato il gesto."
    assert types(suggester, text, Barack_Obama="PER") == [("ACCUSE", "condannato")]


def test_critical_conditions_and_an_attributed_name_are_no_accusation(suggester: EventSuggester) -> None:
    text = "Le condizioni del pilota Mario Rossi sono apparse subito critiche; sono ore critiche per la Sardegna."
    assert types(suggester, text, Mario_Rossi="PER", Sardegna="LOC") == []
    text = "L'Unione Astronomica ha attribuito all'oggetto celeste il nome ufficiale di Eris."
    assert types(suggester, text, Unione_Astronomica="ORG") == []
    text = "La polizia ha attribuito la responsabilità dell'attentato ad Al Qaeda."
    assert ("ACCUSE", "attribuito") in types(suggester, text, Al_Qaeda="ORG")


def test_a_trial_against_someone_and_an_explosion_in_an_attack(suggester: EventSuggester) -> None:
    text = "Il Comune si è costituito parte civile nel processo contro Mario Rossi."
    assert ("ACCUSE", "processo contro") in types(suggester, text, Mario_Rossi="PER")
    text = "L'attentato è stato rivendicato dai terroristi: l'esplosione ha ucciso tre persone a Stoccolma."
    assert ("ASSAULT", "esplosione") in types(suggester, text, Stoccolma="LOC")
    text = "Una fuga di gas ha provocato un'esplosione in una palazzina di Milano."
    assert types(suggester, text, Milano="LOC") == []


def test_a_closure_ordered_by_an_authority_is_a_restriction(suggester: EventSuggester) -> None:
    text = "Il comune di Pomezia ha disposto la chiusura di Zoomarine per cinque giorni."
    assert ("COERCE", "chiusura") in types(suggester, text, Pomezia="LOC", Zoomarine="ORG")
    text = "Nella conferenza stampa a chiusura del vertice il premier Conte ha parlato ai giornalisti."
    assert ("COERCE", "chiusura") not in types(suggester, text, Conte="PER")


def test_a_light_verb_gives_its_event_to_the_noun(suggester: EventSuggester) -> None:
    text = "A Nashville il sindaco John Cooper ha imposto il coprifuoco."
    assert types(suggester, text, Nashville="LOC", John_Cooper="PER") == [("COERCE", "coprifuoco")]


def test_a_military_parade_and_accusations_addressed_to_someone_are_no_protest(suggester: EventSuggester) -> None:
    text = "In via dei Fori Imperiali a Roma sono sfilati circa 6.800 militari delle forze armate."
    assert types(suggester, text, Roma="LOC") == []
    text = "A Mario Rossi sono state rivolte durissime critiche dal Partito Democratico."
    assert ("PROTEST", "rivolte") not in types(suggester, text, Mario_Rossi="PER", Partito_Democratico="ORG")
    text = "Le rivolte contro il governo di Mario Rossi hanno causato dieci morti."
    assert ("PROTEST", "rivolte") in types(suggester, text, Mario_Rossi="PER")


def test_a_failed_agreement_and_a_medical_visit_are_no_events(suggester: EventSuggester) -> None:
    text = "Il mancato accordo al Congresso tra Barack Obama e i repubblicani è un esempio di disinteresse."
    assert types(suggester, text, Barack_Obama="PER", Congresso="ORG") == []
    text = "Mario Rossi è stato chiamato dal medico di famiglia che, dopo una visita, ha diagnosticato lo stress."
    assert types(suggester, text, Mario_Rossi="PER") == []
    text = "Il presidente Barack Obama è in visita a Roma da Giorgio Napolitano."
    assert ("CONSULT", "visita") in types(suggester, text, Barack_Obama="PER", Roma="LOC", Giorgio_Napolitano="PER")


def test_a_crime_named_as_a_charge_is_no_event_but_a_killing_is(suggester: EventSuggester) -> None:
    text = "Il ragazzo è stato arrestato dai carabinieri con l'accusa di omicidio volontario."
    assert "omicidio" not in [words for _, words in types(suggester, text)]
    text = "Mario Rossi è indagato per omicidio colposo dopo l'incidente ferroviario."
    assert "omicidio" not in [words for _, words in types(suggester, text, Mario_Rossi="PER")]
    text = "L'omicidio di Marco Bianchi è avvenuto ieri a Roma: lo ha ucciso un vicino."
    assert ("ASSAULT", "omicidio") in types(suggester, text, Mario_Rossi="PER", Marco_Bianchi="PER")


def test_asking_a_question_is_no_request(suggester: EventSuggester) -> None:
    text = "Quando al sindaco Mario Rossi è stato chiesto se la scelta fosse unanime, ha sorriso."
    assert types(suggester, text, Mario_Rossi="PER") == []
    text = "Il sindaco Mario Rossi ha chiesto al governo di inviare aiuti."
    assert ("REQUEST", "chiesto") in types(suggester, text, Mario_Rossi="PER")


def test_a_protest_is_suggested_even_when_its_sentence_names_no_one(suggester: EventSuggester) -> None:
    text = "È degenerato lo sciopero che vede coinvolti da giorni migliaia di minatori."
    assert ("PROTEST", "sciopero") in types(suggester, text)
    text = "Il vento ha rovesciato i cassonetti, bloccando anche il traffico."
    assert types(suggester, text) == []


def test_words_the_real_news_annotators_coded_are_triggers(suggester: EventSuggester) -> None:
    text = "La faida tra i clan di Scampia ha fatto tre morti in una settimana."
    assert ("ASSAULT", "faida") in types(suggester, text, Scampia="LOC")
    text = "Mario Rossi è sospettato di aver rubato i documenti del ministero."
    assert ("ACCUSE", "sospettato") in types(suggester, text, Mario_Rossi="PER")
    text = "Il governo di Roma ha deciso il lockdown per tutta la regione."
    assert ("COERCE", "lockdown") in types(suggester, text, Roma="LOC")
    text = "I finanzieri hanno arrestato la donna e l'hanno ristretta ai domiciliari con l'accusa di usura."
    assert ("COERCE", "ai domiciliari") in types(suggester, text)


def test_choking_someone_is_an_assault_choking_a_protest_is_not(suggester: EventSuggester) -> None:
    text = "Derek Chauvin è il poliziotto che ha soffocato George Floyd durante l'arresto."
    assert ("ASSAULT", "soffocato") in types(suggester, text, Derek_Chauvin="PER", George_Floyd="PER")
    text = "I risultati hanno generato scioperi e proteste soffocate con una durissima repressione."
    found = types(suggester, text)
    assert not [trigger for _, trigger in found if "soffocat" in trigger]
    assert ("PROTEST", "proteste") in found


def test_the_prosecution_is_a_side_in_court_not_a_charge(suggester: EventSuggester) -> None:
    text = "Secondo l'accusa, i quattro avevano accumulato 280 milioni di dollari nei paradisi fiscali."
    assert "accusa" not in [trigger for _, trigger in types(suggester, text)]
    text = "La difesa ha messo in luce i punti deboli dell'accusa davanti alla corte."
    assert "accusa" not in [trigger for _, trigger in types(suggester, text)]
    text = "David Green è stato assolto ieri dall'accusa di violenza sessuale."
    assert ("ACCUSE", "accusa") in types(suggester, text, David_Green="PER")


def test_acts_of_violence_in_the_plural_are_assaults_violence_in_general_needs_its_context(
        suggester: EventSuggester) -> None:
    text = "Ancora violenze in Kenya: almeno 13 morti negli ultimi due giorni."
    assert ("ASSAULT", "violenze") in types(suggester, text, Kenya="LOC")
    text = "Il libro parla della violenza nella società contemporanea."
    assert "violenza" not in [trigger for _, trigger in types(suggester, text)]


@pytest.mark.parametrize("text", [
    "Il 48enne Loris Stecca, ex pugile, ha minacciato di suicidarsi sull'autostrada.",
    "Il Mozambico è l'unico stato che abbia un fucile d'assalto sulla bandiera.",
])
def test_a_threat_to_oneself_or_a_weapon_named_for_assault_is_no_event(suggester: EventSuggester, text: str) -> None:
    assert types(suggester, text, Loris_Stecca="PER", Mozambico="LOC") == []


def test_house_arrest_served_as_a_sentence_is_not_a_new_arrest(suggester: EventSuggester) -> None:
    text = "L'unico anno di pena rimasto sarà scontato ai domiciliari oppure in affidamento ai servizi sociali."
    assert "ai domiciliari" not in [trigger for _, trigger in types(suggester, text)]


def test_an_attack_in_words_is_an_accusation_an_armed_one_an_assault(suggester: EventSuggester) -> None:
    text = "Marco Travaglio attacca Renato Schifani in televisione."
    assert ("ACCUSE", "attacca") in types(suggester, text, Marco_Travaglio="PER", Renato_Schifani="PER")
    text = "Roberto Maroni attacca: «L'Interpol serba ha sottovalutato i rischi»."
    assert ("ACCUSE", "attacca") in types(suggester, text, Roberto_Maroni="PER", Interpol="ORG")
    text = "I ribelli attaccano Mario Rossi con armi e granate nel villaggio."
    assert ("ASSAULT", "attaccano") in types(suggester, text, Mario_Rossi="PER")


def test_a_hosted_or_festive_manifestazione_is_no_protest(suggester: EventSuggester) -> None:
    text = "La città di Rotterdam ospiterà la manifestazione per l'anno prossimo."
    assert types(suggester, text, Rotterdam="LOC") == []
    text = "La manifestazione si è conclusa con una cena esclusiva offerta dal sindaco Mario Rossi."
    assert types(suggester, text, Mario_Rossi="PER") == []
    text = "I sindacati di Roma hanno organizzato una manifestazione contro la riforma di Mario Rossi."
    assert ("PROTEST", "manifestazione") in types(suggester, text, Roma="LOC", Mario_Rossi="PER")


def test_the_attackers_and_their_device_are_no_act(suggester: EventSuggester) -> None:
    text = "Gli attentatori, otto persone divise in tre squadre, erano arrivati da Bruxelles."
    assert types(suggester, text, Bruxelles="LOC") == []
    text = "L'attentatore aveva con sé un ordigno rudimentale quando è arrivato a Manchester."
    assert types(suggester, text, Manchester="LOC") == []


def test_adjectives_and_feelings_shown_are_no_events(suggester: EventSuggester) -> None:
    text = "Una violenta tempesta ha colpito la costa, e Mario Rossi ha manifestato cordoglio alle famiglie."
    assert types(suggester, text, Mario_Rossi="PER") == []
    text = "I lavoratori della Fiat hanno manifestato davanti alla sede contro i licenziamenti."
    assert ("PROTEST", "manifestato") in types(suggester, text, Fiat="ORG")


def test_sanctions_between_states_not_fines(suggester: EventSuggester) -> None:
    text = "Mario Rossi ha pagato una sanzione di mille euro per aver reciso un fiore."
    assert types(suggester, text, Mario_Rossi="PER") == []
    text = "L'Unione europea ha imposto nuove sanzioni economiche alla Russia."
    assert ("SANCTION", "sanzioni") in types(suggester, text, Unione_europea="ORG", Russia="LOC")


def test_free_the_adjective_and_convening_a_council_are_no_events(suggester: EventSuggester) -> None:
    text = "Wikipedia, l'enciclopedia libera online, è stata citata da Mario Rossi."
    assert types(suggester, text, Wikipedia="ORG", Mario_Rossi="PER") == []
    text = "Hamas libera gli ostaggi israeliani a Gaza."
    assert ("RETREAT", "libera") in types(suggester, text, Hamas="ORG", Gaza="LOC")
    text = "Il sindaco Mario Rossi ha convocato il primo consiglio comunale per l'11 gennaio."
    assert types(suggester, text, Mario_Rossi="PER") == []
    text = "La Danimarca ha convocato l'ambasciatore israeliano per avere spiegazioni."
    assert ("ACCUSE", "convocato") in types(suggester, text, Danimarca="LOC")


def test_an_appeal_to_a_court_is_an_accusation_recourse_to_means_is_not(suggester: EventSuggester) -> None:
    text = "I legali di Mario Rossi avevano fatto ricorso dopo la squalifica per quattro anni."
    assert ("ACCUSE", "ricorso") in types(suggester, text, Mario_Rossi="PER")
    text = "Il rialzo dei prezzi ha reso attraente per la Fiat il ricorso a fonti alternative."
    assert types(suggester, text, Fiat="ORG") == []


def test_seized_sailors_are_kidnapped_seized_goods_are_seized(suggester: EventSuggester) -> None:
    text = "I marinai italiani sequestrati ad aprile nel golfo di Aden sono tornati a casa."
    assert ("ASSAULT", "sequestrati") in types(suggester, text, Aden="LOC")
    text = "La Guardia di Finanza di Napoli ha sequestrato due tonnellate di droga nel porto."
    assert ("COERCE", "sequestrato") in types(suggester, text, Guardia_di_Finanza="ORG", Napoli="LOC")


def test_a_crime_by_its_legal_name_is_a_charge(suggester: EventSuggester) -> None:
    text = "Il fermo di Mario Rossi è stato convalidato con due capi d'accusa: strage e omicidio volontario."
    assert "omicidio" not in [words for _, words in types(suggester, text, Mario_Rossi="PER")]
    text = "Mario Rossi ha confessato l'omicidio volontario di Marco Bianchi, ucciso a Roma."
    assert ("ASSAULT", "omicidio") in types(suggester, text, Mario_Rossi="PER", Marco_Bianchi="PER", Roma="LOC")


def test_a_capitalised_verb_form_inside_a_sentence_is_a_name(suggester: EventSuggester) -> None:
    text = "La crisi rischia di provocare divisioni anche all'interno di altre Chiese ortodosse come quella cipriota."
    assert types(suggester, text) == []
    text = "Chiese al governo di ritirare la legge sulla scuola."
    assert ("REQUEST", "Chiese") in types(suggester, text)


def test_found_guilty_is_a_sentence_recognised_independence_is_support(suggester: EventSuggester) -> None:
    text = "Silvio Berlusconi è stato riconosciuto dalla Corte suprema colpevole di frode fiscale."
    assert ("SANCTION", "riconosciuto") in types(suggester, text, Silvio_Berlusconi="PER")
    text = "L'indipendenza del Kosovo è riconosciuta dalla Serbia solo in parte."
    assert ("SUPPORT", "riconosciuta") in types(suggester, text, Kosovo="LOC", Serbia="LOC")


@pytest.mark.parametrize("text, trigger, type_", [
    ("Le autorità di Minneapolis hanno imposto coprifuochi in tutta la città.", "coprifuochi", "COERCE"),
    ("Mario Rossi è morto per strangolamento, secondo l'autopsia.", "strangolamento", "ASSAULT"),
])
def test_plural_and_noun_forms_of_known_triggers(suggester: EventSuggester, text: str, trigger: str,
                                                 type_: str) -> None:
    assert (type_, trigger) in types(suggester, text, Minneapolis="LOC", Mario_Rossi="PER")


@pytest.mark.parametrize("text, name, expected", [
    ("Il ministro Danilo Toninelli ha annunciato il ritiro della concessione ad Autostrade.", "Danilo_Toninelli",
     ("SANCTION", "discontinue")),
    ("Nel 2016 il governo di Matteo Renzi decise il ritiro dell'ambasciatore dal Cairo.", "Matteo_Renzi",
     ("SANCTION", "withdraw")),
    ("Il presidente George Bush ha annunciato il ritiro delle truppe dall'Iraq.", "George_Bush", ("RETREAT", "withdraw")),
])
def test_withdrawing_a_concession_or_an_ambassador_is_a_sanction(suggester: EventSuggester, text: str, name: str,
                                                                  expected: tuple[str, str]) -> None:
    found = find(suggester, text, **{name: "PER"})
    assert [(e.type, e.mode) for e in found if text[e.trigger[0]:e.trigger[1]] == "ritiro"] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Il decreto di Mario Rossi è stato accolto da un coro di proteste dei sindaci.", ("ACCUSE", "proteste")),
    ("Contro Mario Rossi sono arrivate dure proteste internazionali.", ("ACCUSE", "proteste")),
    ("Migliaia di persone hanno partecipato alla protesta contro Mario Rossi in piazza.", ("PROTEST", "protesta")),
])
def test_protests_sent_by_word_are_accusations_and_in_the_street_demonstrations(suggester: EventSuggester, text: str,
                                                                                 expected: tuple[str, str]) -> None:
    assert expected in types(suggester, text, Mario_Rossi="PER")


def test_an_attack_by_ransomware_is_cyber_coercion(suggester: EventSuggester) -> None:
    text = "L'attacco ransomware contro l'hotel di Mario Rossi ha bloccato tutte le porte."
    assert ("COERCE", "attacco") in types(suggester, text, Mario_Rossi="PER")


@pytest.mark.parametrize("text, coded", [
    ("Mario Rossi ha firmato il trattato di pace con il Cile.", True),
    ("Mario Rossi ha firmato l'ordinanza per la nomina del nuovo direttore.", False),
    ("Mario Rossi ha firmato un contratto con la Milram per l'anno prossimo.", False),
])
def test_signing_supports_a_treaty_not_any_paper(suggester: EventSuggester, text: str, coded: bool) -> None:
    assert (("SUPPORT", "firmato") in types(suggester, text, Mario_Rossi="PER")) is coded


@pytest.mark.parametrize("text", [
    "Le raccomandazioni di Mario Rossi ai cittadini sono rivolte in particolare a New York.",
    "Mario Rossi è stato condannato per il reato di minaccia.",
])
def test_advice_and_a_named_crime_are_no_events_of_their_own(suggester: EventSuggester, text: str) -> None:
    assert [t for t, w in types(suggester, text, Mario_Rossi="PER") if w in ("raccomandazioni", "minaccia")] == []


@pytest.mark.parametrize("text", [
    "Il sindaco Mario Rossi ha vietato la manifestazione della Fiamma Tricolore in piazza.",
    "I leader dell'opposizione hanno deciso di rinviare la manifestazione contro Mario Rossi.",
    "La manifestazione con le forze armate, i militari e Mario Rossi si è conclusa ai Fori imperiali.",
])
def test_a_demonstration_forbidden_put_off_or_a_parade_is_no_protest(suggester: EventSuggester, text: str) -> None:
    assert ("PROTEST", "manifestazione") not in types(suggester, text, Mario_Rossi="PER")


@pytest.mark.parametrize("text", [
    "Lo sciopero della Cgil è stato revocato dopo l'accordo con Mario Rossi.",
    "Il ministro Mario Rossi ha invitato i sindacati a ritirare lo sciopero.",
    "I sindacati minacciano lo sciopero contro Mario Rossi.",
])
def test_a_strike_called_off_or_only_threatened_is_no_protest(suggester: EventSuggester, text: str) -> None:
    assert ("PROTEST", "sciopero") not in types(suggester, text, Mario_Rossi="PER", Cgil="ORG")


def test_siding_against_a_measure_is_a_rejection_and_deploying_troops_against_someone_is_not(
        suggester: EventSuggester) -> None:
    text = "Contro la legge si sono già schierate le associazioni di Mario Rossi."
    assert ("REJECT", "schierate") in types(suggester, text, Mario_Rossi="PER")
    text = "La Russia ha schierato le truppe contro l'Ucraina."
    assert ("MOBILIZE", "schierato") in types(suggester, text, Russia="LOC", Ucraina="LOC")


def test_a_strike_that_happens_is_a_protest(suggester: EventSuggester) -> None:
    text = "I voli sono stati cancellati per lo sciopero della Cgil contro Mario Rossi."
    assert ("PROTEST", "sciopero") in types(suggester, text, Mario_Rossi="PER", Cgil="ORG")


def test_a_demonstration_that_took_place_is_one(suggester: EventSuggester) -> None:
    text = "Migliaia di persone hanno preso parte alla manifestazione contro Mario Rossi a Roma."
    assert ("PROTEST", "manifestazione") in types(suggester, text, Mario_Rossi="PER")


def test_a_ministry_of_social_solidarity_is_no_support(suggester: EventSuggester) -> None:
    text = "Mario Rossi, ministro della Solidarietà sociale, era presente alla cerimonia."
    assert [t for t, _ in types(suggester, text, Mario_Rossi="PER") if t == "SUPPORT"] == []


def test_a_counter_demonstration_is_a_protest(suggester: EventSuggester) -> None:
    text = "I centri sociali hanno indetto una contromanifestazione contro il corteo di Mario Rossi a Milano."
    assert ("PROTEST", "contromanifestazione") in types(suggester, text, Mario_Rossi="PER")


# --- arguments by the rules, without a parse ----------------------------------------------------

@pytest.mark.parametrize("text, labels, expected", [
    ("Mario Rossi è stato arrestato dai carabinieri a Roma.", {"Mario_Rossi": "PER", "carabinieri": "ORG", "Roma": "LOC"},
     [("recipient", "Mario Rossi"), ("actor", "carabinieri")]),
    ("Il sindaco Luigi Bianchi è stato poi aggredito a Napoli.", {"Luigi_Bianchi": "PER", "Napoli": "LOC"},
     [("recipient", "Luigi Bianchi")]),
    ("Un uomo di 41 anni è stato arrestato a Sioux Falls.", {"Sioux_Falls": "LOC"},
     [("recipient", "Un uomo di 41 anni")]),
    ("L'ex presidente Hosni Mubarak è stato condannato all'ergastolo dalla corte del Cairo.",
     {"Hosni_Mubarak": "PER"}, [("recipient", "Hosni Mubarak")]),  # the auxiliary is the phrase's own
    ("Il comandante Francesco Schettino è stato prima sottoposto a fermo giudiziario.",
     {"Francesco_Schettino": "PER"}, [("recipient", "Francesco Schettino")]),  # a phrase opened by a participle
    ("L'ex presidente Saddam Hussein è stato giustiziato stamattina a Baghdad.",
     {"Saddam_Hussein": "PER", "Baghdad": "LOC"}, [("recipient", "Saddam Hussein")]),  # a participle listed as a noun
])
def test_a_passive_verb_s_subject_undergoes_the_act_and_its_agent_does_it(suggester: EventSuggester, text: str,
                                                                       labels: dict, expected: list) -> None:
    [event] = find(suggester, text, **labels)
    roles = seen(text, event)[3]
    assert all(role in roles for role in expected) and not any(r == "actor" and w == expected[0][1] for r, w in roles)


@pytest.mark.parametrize("text, actor", [
    ("L'ex presidente Hosni Mubarak è stato condannato all'ergastolo da un tribunale egiziano.",
     "un tribunale egiziano"),
    ("Il giovane Luigi Bianchi, ucciso per ritorsione dal clan, aveva vent'anni.", "clan"),
    ("Mario Rossi è stato arrestato da due anni.", None),
])
def test_a_passive_act_s_unnamed_agent_is_its_noun_phrase(suggester: EventSuggester, text: str,
                                                          actor: str | None) -> None:
    names = {words: "PER" for words in ("Hosni_Mubarak", "Luigi_Bianchi", "Mario_Rossi")
             if words.replace("_", " ") in text}
    [event] = find(suggester, text, **names)
    assert [words for role, words in seen(text, event)[3] if role == "actor"] == ([actor] if actor else [])


@pytest.mark.parametrize("text, trigger", [
    ("Hosni Mubarak si dimise nel febbraio 2011 a seguito delle proteste.", "proteste"),
    ("Mario Frigerio fu colpito alla gola durante l'eccidio.", "eccidio"),
])
def test_the_subject_does_not_do_what_a_prepositional_phrase_names(suggester: EventSuggester, text: str,
                                                                   trigger: str) -> None:
    name = "Hosni_Mubarak" if "Mubarak" in text else "Mario_Frigerio"
    found = [e for e in find(suggester, text, **{name: "PER"}) if seen(text, e)[2] == trigger]
    assert found and all(role != "actor" for role, _ in seen(text, found[0])[3])


def test_the_subject_still_does_a_noun_it_governs(suggester: EventSuggester) -> None:
    text = "Mario Rossi ha lanciato un attacco contro Luigi Bianchi."
    [event] = [e for e in find(suggester, text, Mario_Rossi="PER", Luigi_Bianchi="PER")
               if seen(text, e)[2] == "attacco"]
    assert ("actor", "Mario Rossi") in seen(text, event)[3]


def test_a_place_the_sentence_opens_with_is_no_doer_whatever_its_label(suggester: EventSuggester) -> None:
    text = "A Tikrit, città natale dell'ex dittatore, è stato imposto il coprifuoco."
    [event] = find(suggester, text, Tikrit="PER")  # the NER took the town for a person
    assert ("actor", "Tikrit") not in seen(text, event)[3]


def test_a_relative_che_stands_for_the_name_or_phrase_before_it(suggester: EventSuggester) -> None:
    text = ("Gli agenti coordinati da Fabio Zampaglione hanno perquisito le case degli arrestati: tre uomini, che sono "
            "finiti in carcere, e una 26enne che invece è stata messa agli arresti domiciliari.")
    roles = {seen(text, e)[2]: seen(text, e)[3] for e in find(suggester, text, Fabio_Zampaglione="PER")}
    assert roles["finiti in carcere"] == [("recipient", "tre uomini")]
    assert roles["messa agli arresti"] == [("recipient", "una 26enne")]


def test_names_joined_to_the_recipient_undergo_the_act_too(suggester: EventSuggester) -> None:
    text = "La polizia ha arrestato Mario Rossi e Luigi Bianchi a Roma."
    [event] = find(suggester, text, polizia="ORG", Mario_Rossi="PER", Luigi_Bianchi="PER", Roma="LOC")
    roles = seen(text, event)[3]
    assert ("recipient", "Mario Rossi") in roles and ("recipient", "Luigi Bianchi") in roles
    assert ("recipient", "Roma") not in roles


def test_names_joined_to_the_doer_do_the_act_too(suggester: EventSuggester) -> None:
    text = "Mario Rossi e Luigi Bianchi hanno aggredito un passante a Roma."
    [event] = find(suggester, text, Mario_Rossi="PER", Luigi_Bianchi="PER", Roma="LOC")
    roles = seen(text, event)[3]
    assert ("actor", "Mario Rossi") in roles and ("actor", "Luigi Bianchi") in roles


def test_the_name_right_before_the_auxiliary_is_the_doer_whatever_its_label(suggester: EventSuggester) -> None:
    text = "Dopo il passaggio di consegne con Romano Prodi, la Spagna ha inoltrato una richiesta di rogatoria."
    events = find(suggester, text, Romano_Prodi="PER", Spagna="LOC")
    assert ("actor", "Spagna") in seen(text, events[0])[3]


@pytest.mark.parametrize("text", [
    "La donna è stata arrestata con l'accusa di aver ucciso nel suo letto una anziana.",
    "Nel Sud Dakota un uomo è stato arrestato con l'accusa di avere rapito una bambina.",
])
def test_a_phrase_after_a_preposition_does_nothing(suggester: EventSuggester, text: str) -> None:
    """"con l'accusa di aver ucciso": the accusation kills no one."""
    roles = [arg for event in find(suggester, text, **({"Sud_Dakota": "LOC"} if "Dakota" in text else {}))
             for arg in seen(text, event)[3]]
    assert not any(role == "actor" and words.startswith("l'accusa") for role, words in roles)


def test_a_headline_s_place_before_its_colon_is_where_not_who(suggester: EventSuggester) -> None:
    text = "Croazia: uomo uccide tutta la famiglia e si consegna"
    [event] = [e for e in find(suggester, text, Croazia="LOC") if seen(text, e)[2] == "uccide"]
    assert ("location", "Croazia") in seen(text, event)[3] and ("actor", "Croazia") not in seen(text, event)[3]


def test_a_reflexive_verb_is_no_passive(suggester: EventSuggester) -> None:
    text = "Il ministro Mario Rossi si è dimesso ieri a Roma dopo le accuse."
    assert ("actor", "Mario Rossi") in [arg for event in find(suggester, text, Mario_Rossi="PER", Roma="LOC")
                                        for arg in seen(text, event)[3]]


@pytest.mark.parametrize("text, labels, role, words", [
    ("I carabinieri di Napoli hanno arrestato il vicino di casa.", {"Napoli": "LOC"}, "recipient", "il vicino di casa"),
    ("A Roma i manifestanti hanno aggredito due agenti durante il corteo.", {"Roma": "LOC"}, "recipient", "due agenti"),
    ("A Zagabria un uomo ha ucciso tutti i componenti della sua famiglia.", {"Zagabria": "LOC"}, "recipient",
     "tutti i componenti della sua famiglia"),
    ("A Blacksburg l'uomo ha ucciso molti studenti facendoli mettere in fila.", {"Blacksburg": "LOC"}, "recipient",
     "molti studenti"),
    ("A Minneapolis la polizia ha sparato contro i manifestanti.", {"Minneapolis": "LOC", "polizia": "ORG"}, "recipient",
     "i manifestanti"),
    ("A Roma il senatore ha criticato duramente l'intervento del giornalista.", {"Roma": "LOC"}, "recipient",
     "l'intervento del giornalista"),
    ("A Roma il sindaco ha minacciato agli ambulanti una multa.", {"Roma": "LOC"}, "recipient", "ambulanti"),
    ("A Bologna il leader azzurro ha minacciato Mario Rossi.", {"Bologna": "LOC", "Mario_Rossi": "PER"}, "actor",
     "il leader azzurro"),
    ("A Lhasa l'11 agosto c'è stato l'arresto di un anziano monaco.", {"Lhasa": "LOC"}, "recipient",
     "un anziano monaco"),  # who undergoes an arrest, after "di"
    ("A Baghdad i legali di Saddam Hussein hanno criticato il tribunale.", {"Baghdad": "LOC", "Saddam_Hussein": "PER"},
     "actor", "i legali di Saddam Hussein"),  # a name in a complement of the phrase: not the doer
    ("Mosca condanna l'attacco alla Crimea da parte degli estremisti.", {"Mosca": "LOC", "Crimea": "LOC"}, "actor",
     "estremisti"),
])
def test_a_noun_phrase_takes_a_role_where_nothing_is_named(suggester: EventSuggester, text: str, labels: dict,
                                                           role: str, words: str) -> None:
    """As annotators mark them: the noun phrase when nothing is named in that role."""
    assert (role, words) in [arg for event in find(suggester, text, **labels) for arg in seen(text, event)[3]]


@pytest.mark.parametrize("text, labels, place", [
    ("A Montauban, all'interno di un centro commerciale, due militari sono stati uccisi.", {"Montauban": "LOC"},
     "Montauban"),
    ("Trent'anni dopo la strage di Bologna i processi non sono finiti.", {"Bologna": "LOC"}, "Bologna"),
    ("In Iraq due soldati americani sono stati uccisi ieri.", {"Iraq": "LOC"}, "Iraq"),
])
def test_the_place_is_read_before_the_trigger_and_after_di(suggester: EventSuggester, text: str, labels: dict,
                                                          place: str) -> None:
    assert ("location", place) in [arg for event in find(suggester, text, **labels) for arg in seen(text, event)[3]]


def test_a_place_behind_a_comma_before_the_trigger_is_not_its_place(suggester: EventSuggester) -> None:
    text = "Il ministro, tornato da Kiev, ha minacciato sanzioni."
    assert not [arg for event in find(suggester, text, Kiev="LOC") for arg in seen(text, event)[3] if arg[0] == "location"]


@pytest.mark.parametrize("text, labels, expected", [
    ("A Palermo l'omicidio di Mario Rossi ha scosso la città.", {"Palermo": "LOC", "Mario_Rossi": "PER"},
     ("recipient", "Mario Rossi")),
    ("Le dimissioni del ministro Luigi Bianchi sono arrivate ieri a Roma.", {"Luigi_Bianchi": "PER", "Roma": "LOC"},
     ("actor", "Luigi Bianchi")),
    ("Ieri l'attacco di Beppe Grillo a Giorgio Napolitano ha fatto discutere.",
     {"Beppe_Grillo": "PER", "Giorgio_Napolitano": "PER"}, ("actor", "Beppe Grillo")),
])
def test_a_name_after_a_noun_trigger_with_di_is_who_does_it_or_undergoes_it(suggester: EventSuggester, text: str,
                                                                           labels: dict, expected: tuple) -> None:
    """As ``undergone_after_of`` in suggester_it.json says: a killing or an arrest "of" someone is
    done to them; a resignation, a request or an attack "of" someone is theirs."""
    roles = [arg for event in find(suggester, text, **labels) for arg in seen(text, event)[3]]
    assert expected in roles and (("recipient" if expected[0] == "actor" else "actor"), expected[1]) not in roles


def test_a_name_further_on_after_di_is_no_party() -> None:
    text = "A Palermo l'omicidio di un amico di Mario Rossi ha scosso la città."
    found = EventSuggester().find(text, names(text, Palermo="LOC", Mario_Rossi="PER"))
    assert ("recipient", "Mario Rossi") not in [arg for event in found for arg in seen(text, event)[3]]


@pytest.mark.parametrize("text, labels, expected, absent", [
    ("Gennaro ricorda il padre Crescenzo, ucciso per ritorsione dal clan Di Lauro.",
     {"Gennaro": "PER", "Crescenzo": "PER", "clan_Di_Lauro": "ORG"}, ("actor", "clan Di Lauro"), ("actor", "Crescenzo")),
    ("Il boss uccise tre persone a Napoli nel 1990.", {"Napoli": "LOC"}, ("actor", "Il boss"), None),
    ("A Minneapolis i manifestanti hanno appiccato il fuoco alla stazione.", {"Minneapolis": "LOC"},
     ("actor", "i manifestanti"), None),
])
def test_a_participle_without_auxiliary_is_passive_a_past_tense_is_not(suggester: EventSuggester, text: str,
                                                                        labels: dict, expected: tuple, absent) -> None:
    roles = [arg for event in find(suggester, text, **labels) for arg in seen(text, event)[3]]
    assert expected in roles and (absent is None or absent not in roles)


@pytest.mark.parametrize("text, labels, recipient", [
    ("Somalia, liberati i cooperanti italiani dopo due mesi.", {"Somalia": "LOC"}, "i cooperanti italiani"),
    ("Al largo del Corno d'Africa è stata attaccata una nave sudcoreana.", {"Corno_d'Africa": "LOC"},
     "una nave sudcoreana"),
])
def test_a_passive_act_s_place_is_not_who_undergoes_it(suggester: EventSuggester, text: str, labels: dict,
                                                      recipient: str) -> None:
    roles = [arg for event in find(suggester, text, **labels) for arg in seen(text, event)[3]]
    assert ("recipient", recipient) in roles and not any(r == "recipient" and w in labels for r, w in roles)


def test_a_place_after_a_preposition_is_where_not_who(suggester: EventSuggester) -> None:
    text = "A Kiev ha minacciato sanzioni contro i separatisti."
    roles = [arg for event in find(suggester, text, Kiev="LOC") for arg in seen(text, event)[3]]
    assert ("actor", "Kiev") not in roles


@pytest.mark.parametrize("words, actor", [("l'attacco di ieri è stato vile", False), ("l'incontro con Putin è andato bene", True)])
def test_who_speaks_of_an_attack_did_not_do_it_who_speaks_of_a_meeting_took_part(suggester: EventSuggester,
                                                                                 words: str, actor: bool) -> None:
    text = f'"{words[0].upper()}{words[1:]}", ha detto Blinken ai giornalisti.'
    quotes = [Quotation(*at(text, f'"{words[0].upper()}{words[1:]}"'), speaker=at(text, "Blinken"),
                        cue=at(text, "ha detto"))]
    labels = {"Blinken": "PER", **({"Putin": "PER"} if "Putin" in text else {})}
    found = suggester.find(text, names(text, **labels), quotes=quotes)
    roles = [arg for event in found for arg in seen(text, event)[3]]
    assert found and (("actor", "Blinken") in roles) == actor


@pytest.mark.parametrize("text, labels, expected, absent", [
    ("Infatti gli investigatori sono arrivati ai vertici della Bear Stearns, arrestando due manager.",
     {"Bear_Stearns": "ORG"}, ("actor", "gli investigatori"), ("actor", "Bear Stearns")),
    ("Lo zio del tifoso ha invece invocato la calma rivolgendosi ai tifosi.", {}, None, ("recipient", "Lo zio del tifoso")),
    ("Il 5 dicembre era stato arrestato un operaio marocchino, Mohamed Fikri, a Bergamo.",
     {"Mohamed_Fikri": "PER", "Bergamo": "LOC"}, ("recipient", "Mohamed Fikri"), None),
])
def test_a_gerund_s_doer_an_adverb_before_a_participle_and_a_name_in_apposition(
        suggester: EventSuggester, text: str, labels: dict, expected, absent) -> None:
    roles = [arg for event in find(suggester, text, **labels) for arg in seen(text, event)[3]]
    assert (expected is None or expected in roles) and (absent is None or absent not in roles)


def test_a_name_after_a_title_is_the_one_met(suggester: EventSuggester) -> None:
    text = "Il presidente Mattarella ha incontrato il premier ucraino Zelensky al Quirinale."
    roles = [arg for event in find(suggester, text, Mattarella="PER", Zelensky="PER", Quirinale="LOC")
             for arg in seen(text, event)[3]]
    assert ("actor", "Mattarella") in roles and ("actor", "Zelensky") in roles


@pytest.mark.parametrize("text", [
    "Tutti d'accordo, dunque, tranne Rossi, che ha lasciato la sala.",
    "Il Governo è di comune accordo sulla riapertura della caccia.",
    "Rossi siede nel patto di sindacato della banca.",
    "La Roma TPL, sottoposta alla procedura di concordato preventivo, opera sulla linea 04B.",
    "Il Governo ha difeso la libertà di espressione, insieme con il fondamentale diritto di riunione e opinione.",
    "Il Governo ha difeso il diritto di riunirsi pacificamente per dimostrare.",
])
def test_idioms_of_agreement_and_meeting_name_no_event(suggester: EventSuggester, text: str) -> None:
    """"d'accordo" is an opinion, a "patto di sindacato" a shareholders' pact, a "concordato
    preventivo" an insolvency procedure, the "diritto di riunione" a freedom: no one agrees or meets."""
    assert types(suggester, text, Rossi="PER", Governo="ORG", Roma_TPL="ORG") == []


def test_congratulations_received_are_support_not_a_visit(suggester: EventSuggester) -> None:
    text = ("Intanto il neo-segretario ha già ricevuto le congratulazioni del Presidente della Repubblica "
            "Giorgio Napolitano.")
    assert [type_ for type_, _ in types(suggester, text, Giorgio_Napolitano="PER")] == ["SUPPORT"]


@pytest.mark.parametrize("text, expected", [
    ("Le uccisioni dei manifestanti da parte della polizia sono continuate.", ("ASSAULT", "uccisioni")),
    ("Il tribunale ha confermato le condanne a dieci anni di carcere per i tre imputati.", ("SANCTION", "condanne")),
])
def test_plural_nouns_are_triggers_as_their_singular(suggester: EventSuggester, text: str,
                                                      expected: tuple[str, str]) -> None:
    assert expected in types(suggester, text)


@pytest.mark.parametrize("text, quoted, speaker, actor", [
    ("Il ministro Rossi ha detto che la polizia ha arrestato tre uomini a Roma.",
     "la polizia ha arrestato tre uomini a Roma", "Rossi", "polizia"),
    ("Secondo il ministero, Israele ha bombardato Gaza.", "Israele ha bombardato Gaza", "ministero", "Israele"),
    ("«Abbiamo arrestato tre uomini», ha detto il questore Rossi.", "Abbiamo arrestato tre uomini", "Rossi", "Rossi"),
])
def test_the_doer_the_reported_words_name_is_the_actor_not_the_speaker(
        suggester: EventSuggester, text: str, quoted: str, speaker: str, actor: str) -> None:
    """The speaker does what they report only when the words name no one else ("Abbiamo arrestato")."""
    quotes = [Quotation(*at(text, quoted), speaker=at(text, speaker), cue=at(text, "ha detto") if "ha detto" in text
                        else at(text, "Secondo"))]
    labels = {"Rossi": "PER", "polizia": "ORG", "Roma": "LOC", "ministero": "ORG", "Israele": "LOC", "Gaza": "LOC"}
    entities = [(*at(text, w), label) for w, label in labels.items() if w in text]
    [event] = suggester.find(text, entities, quotes=quotes)
    assert ("actor", actor) in seen(text, event)[3]
    assert all(words != speaker for role, words in seen(text, event)[3] if role == "actor") or actor == speaker


def test_a_participle_without_an_auxiliary_is_undergone_by_the_phrase_it_follows(suggester: EventSuggester) -> None:
    """Not by a place behind a preposition after it; with an auxiliary, the name after "a" is still
    the one a sanction is inflicted on."""
    text = "I carabinieri hanno fermato un uomo di 45 anni accusato di aver ucciso la moglie a Torino."
    accused = [e for e in suggester.find(text, names(text, Torino="LOC")) if e.type == "ACCUSE"]
    assert [seen(text, e)[3] for e in accused] == [[("recipient", "un uomo di 45 anni")]]
    text = "La pena dell'ergastolo è stata inflitta a Taha Yassin Ramadan."
    [event] = suggester.find(text, names(text, Taha_Yassin_Ramadan="PER"))
    assert ("recipient", "Taha Yassin Ramadan") in seen(text, event)[3]


@pytest.mark.parametrize("text, labels, expected", [
    ("La premier Giorgia Meloni ha incontrato a Palazzo Chigi il cancelliere tedesco Olaf Scholz.",
     {"Giorgia_Meloni": "PER", "Palazzo_Chigi": "LOC", "Olaf_Scholz": "PER"}, ("actor", "Olaf Scholz")),
    ("È stato arrestato a Milano l'imprenditore Luigi Crespi.", {"Milano": "LOC", "Luigi_Crespi": "PER"},
     ("recipient", "Luigi Crespi")),
])
def test_the_one_met_or_arrested_is_found_past_a_place(suggester: EventSuggester, text: str, labels, expected) -> None:
    [event] = suggester.find(text, names(text, **labels))
    assert expected in seen(text, event)[3]


def test_a_list_of_places_is_no_object(suggester: EventSuggester) -> None:
    text = "Asia: attentati in Pakistan, Sri Lanka e Iraq."
    [event] = suggester.find(text, names(text, Pakistan="LOC", Sri_Lanka="LOC", Iraq="LOC"))
    assert [role for role, _ in seen(text, event)[3]] == ["location"]


def test_an_irregular_participle_after_avere_takes_its_object(suggester: EventSuggester) -> None:
    """"espulso" is listed as a noun ("è stato espulso"); after "ha" it is a verb with an object."""
    text = "Il governo francese ha espulso i diplomatici russi."
    [event] = suggester.find(text, names(text, governo_francese="ORG"))
    assert seen(text, event) == ("SANCTION", "expel", "espulso",
                                 [("actor", "governo francese"), ("recipient", "i diplomatici russi")])


def test_an_object_phrase_does_not_end_on_a_preposition(suggester: EventSuggester) -> None:
    text = "Il ministro degli Esteri ha condannato l'attacco contro l'ambasciata."
    condemned = [e for e in suggester.find(text, []) if e.type == "ACCUSE"]
    assert [seen(text, e)[3] for e in condemned] == [[("actor", "Il ministro degli Esteri"), ("recipient", "l'attacco")]]


def test_who_attributes_the_words_does_not_do_what_they_name(suggester: EventSuggester) -> None:
    """"Secondo X, …": X reports the violence, X did not commit it."""
    text = "Secondo il professor Mario Rossi, gli scontri in città sono aumentati."
    quotes = [Quotation(*at(text, "gli scontri in città sono aumentati"), speaker=at(text, "Mario Rossi"),
                        cue=at(text, "Secondo"))]
    events = suggester.find(text, names(text, Mario_Rossi="PER"), quotes=quotes)
    assert events and all(("actor", "Mario Rossi") not in seen(text, e)[3] for e in events)


@pytest.mark.parametrize("text, labels", [
    ("Il presidente Mario Rossi ha condannato l'attacco di ieri.", {"Mario_Rossi": "PER"}),
    ("Il governo ha respinto le minacce di sanzioni.", {"governo": "ORG"}),
])
def test_who_judges_an_act_did_not_do_it(suggester: EventSuggester, text: str, labels) -> None:
    judged = [e for e in suggester.find(text, names(text, **labels)) if text[e.trigger[0]:e.trigger[1]] in
              ("attacco", "minacce di sanzioni")]
    assert judged and all(role != "actor" for e in judged for role, _ in seen(text, e)[3])


def test_an_act_a_denial_names_is_not_coded(suggester: EventSuggester) -> None:
    """A denied event did not happen (the convention: negated events are not coded); the denial is."""
    text = "Smentito l'arresto del giornalista Mario Rossi."
    assert [e.type for e in suggester.find(text, names(text, Mario_Rossi="PER"))] == ["REJECT"]


@pytest.mark.parametrize("kind, coded", [("direct", False), ("indirect", True)])
def test_an_event_word_in_direct_speech_that_names_no_one_is_no_event(suggester: EventSuggester, kind: str,
                                                                    coded: bool) -> None:
    """«Non posso raccogliere persone per una manifestazione», in quotation marks with no one taking
    part, is an opinion or a plan; in reported words it is kept for the annotator to judge."""
    said = "non si può raccogliere gente per una manifestazione sapendo che sarà arrestata"
    text = f"L'oppositore ha detto che {said}." if kind == "indirect" else f"L'oppositore ha detto: «{said}»."
    quotes = [Quotation(*at(text, said), cue=at(text, "ha detto"), kind=kind)]
    found = [seen(text, event) for event in suggester.find(text, [], quotes=quotes)]
    assert any(trigger == "manifestazione" for _, _, trigger, _ in found) == coded
    plain = "Ieri a Roma una manifestazione ha bloccato il centro."
    assert [seen(plain, event)[2] for event in suggester.find(plain, [])] == ["manifestazione"]


@pytest.mark.parametrize("text, labels, coded", [
    ("Il restauro della cappella voluto da Mario Rossi è pronto per le visite del 9 e del 10 maggio.",
     {"Mario_Rossi": "PER"}, False),  # visits by whom, to whom: no one found
    ("Il ministro Mario Rossi ha incontrato il sindaco Luigi Bianchi.", {"Mario_Rossi": "PER", "Luigi_Bianchi": "PER"},
     True),
])
def test_a_meeting_no_one_is_found_taking_part_in_is_not_suggested(suggester: EventSuggester, text: str,
                                                                   labels: dict[str, str], coded: bool) -> None:
    found = [seen(text, event) for event in find(suggester, text, **labels)]
    assert any(kind == "CONSULT" for kind, *_ in found) == coded


def test_the_one_named_after_di_takes_part_in_a_visit_or_a_meeting(suggester: EventSuggester) -> None:
    text = "Secondo i diplomatici la visita di Emmanuel Macron al Quirinale è durata meno di un'ora."
    [event] = find(suggester, text, Emmanuel_Macron="PER", Quirinale="ORG")
    assert seen(text, event)[:3] == ("CONSULT", "visit", "visita")
    assert ("actor", "Emmanuel Macron") in seen(text, event)[3]


def test_a_siege_is_coerce_restrict_not_an_assault(suggester: EventSuggester) -> None:
    text = "Daraya, un sobborgo di Damasco, è sotto assedio dal 2012 da parte delle forze governative siriane."
    assert [(e.type, e.mode, text[e.trigger[0]:e.trigger[1]]) for e in find(suggester, text, Daraya="LOC",
                                                                           Damasco="LOC")] == [("COERCE", "restrict", "assedio")]
