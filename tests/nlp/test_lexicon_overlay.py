"""The project's learned lexicon: entries guessed from what annotators code, applied to the suggesters."""

from __future__ import annotations

import pytest

from annotator.nlp.events import EventSuggester, load_event_lexicon
from annotator.nlp.lexicon_overlay import (LearnedTrigger, LexiconOverlay, OverlayError, guess_infinitive, learn_cue,
                                           learn_trigger)
from annotator.nlp.quote_lexicon import load_lexicon
from annotator.nlp.quotes import QuoteFinder

TEXT = "La polizia ha stanato una banda a Napoli guidata da Mario Rossi."
ENTITIES = [(TEXT.index("Napoli"), TEXT.index("Napoli") + 6, "LOC"),
            (TEXT.index("Mario"), TEXT.index("Mario") + 11, "PER")]


@pytest.fixture(scope="module")
def events():
    return load_event_lexicon()


@pytest.mark.parametrize("form, infinitive", [("stanata", "stanare"), ("rimbeccò", "rimbeccare"),
                                              ("chiosato", "chiosare"), ("stanando", "stanare"),
                                              ("colpito", "colpire"), ("blitz", None),
                                              ("riconosciuto", "riconoscere"), ("cresciuti", "crescere")])
def test_an_infinitive_is_guessed_from_a_form_and_checked_by_conjugating_it(form, infinitive):
    assert guess_infinitive(form) == infinitive


def test_a_new_participle_is_learned_as_its_verb(events):
    learned = learn_trigger(events, "ha stanato", "COERCE", "arrest", "anna", word_before="polizia")
    assert (learned.words, learned.kind, learned.type, learned.mode) == ("stanare", "verb", "COERCE", "arrest")


def test_a_new_noun_is_learned_with_its_other_number(events):
    learned = learn_trigger(events, "razzia", "COERCE", "arrest", word_before="una")
    assert (learned.words, learned.kind) == ("razzia|razzie", "noun")


def test_a_trigger_the_lexicon_knows_is_not_learned(events):
    assert learn_trigger(events, "arrestati", "COERCE", "arrest") is None
    assert learn_trigger(events, "ha incontrato", "CONSULT", None) is None


def test_the_suggester_finds_a_learned_trigger_in_every_form(events):
    assert EventSuggester(events).find(TEXT, ENTITIES) == []
    overlay = LexiconOverlay().with_trigger(learn_trigger(events, "stanata", "COERCE", "arrest", word_before="è"))
    (found,) = EventSuggester(overlay.event_lexicon(events)).find(TEXT, ENTITIES)
    assert (found.type, found.mode, TEXT[slice(*found.trigger)]) == ("COERCE", "arrest", "stanato")


def test_a_learned_trigger_of_a_type_the_schema_lost_is_left_out(events):
    overlay = LexiconOverlay().with_trigger(LearnedTrigger("stanare", "RAID", None, "verb"))
    assert EventSuggester(overlay.event_lexicon(events, known_types=["COERCE"])).find(TEXT, ENTITIES) == []


def test_a_new_reporting_verb_is_learned_and_the_finder_uses_it():
    base = load_lexicon()
    text = "«Non è finita», ha gongolato Mario Rossi."
    names = [(text.index("Mario"), text.index("Mario") + 11, "PER")]
    assert QuoteFinder(base).find(text, names) == []
    cue = learn_cue(base, "ha gongolato")
    assert (cue.words, cue.kind) == ("gongolare", "verb")
    (quote,) = QuoteFinder(LexiconOverlay().with_cue(cue).quote_lexicon(base)).find(text, names)
    assert text[quote.start:quote.end] == "Non è finita" and text[slice(*quote.speaker)] == "Mario Rossi"


def test_a_known_verb_or_a_colon_is_not_learned():
    base = load_lexicon()
    assert learn_cue(base, "ha dichiarato") is None
    assert learn_cue(base, ":") is None


def test_the_overlay_survives_json_and_removal(events):
    overlay = LexiconOverlay().with_trigger(learn_trigger(events, "stanata", "COERCE", "arrest"))
    overlay = overlay.with_cue(learn_cue(load_lexicon(), "ha gongolato"))
    again = LexiconOverlay.from_json(overlay.to_json())
    assert again == overlay
    assert again.without("stanare").triggers == () and again.without("stanare").cues == overlay.cues


def test_a_damaged_overlay_says_how_to_clear_it():
    with pytest.raises(OverlayError, match="lexicon clear"):
        LexiconOverlay.from_json("{not json")


@pytest.mark.parametrize("text", ['{"triggers": [{"words": 7, "type": "COERCE", "kind": "verb"}]}',
                                  '{"cues": [{"words": "dire", "kind": "noun"}]}',
                                  '{"triggers": [{"words": "x", "type": null, "kind": "verb"}]}',
                                  '[1, 2]'])
def test_a_hostile_overlay_file_is_refused_with_a_message_not_a_traceback(text):
    with pytest.raises(OverlayError):
        LexiconOverlay.from_json(text)


@pytest.mark.parametrize("form", ["condizione", "violenze", "pena"])
def test_a_noun_ending_in_a_or_e_is_not_taken_for_a_verb(form):
    assert guess_infinitive(form) is None


@pytest.mark.parametrize("coded", ["è entrato", "ha confermato", "ha stabilito"])
def test_a_general_verb_is_not_learned_as_a_trigger(events, coded):
    assert learn_trigger(events, coded, "COERCE", None, word_before="polizia") is None


def test_a_source_expression_or_a_known_verb_with_an_adverb_is_not_learned_as_a_cue():
    quotes = load_lexicon()
    assert learn_cue(quotes, "secondo quanto riportato") is None
    assert learn_cue(quotes, "abbiano erroneamente definito") is None
    assert learn_cue(quotes, "voleva") is None  # "volere" reports nothing by itself


def test_an_adjective_or_noun_coded_alone_is_not_learned(events):
    assert learn_trigger(events, "estraneo", "REJECT", None, word_before="essere") is None
    assert learn_trigger(events, "estorto", "COERCE", None, word_before="è").words == "estorto"


def test_a_learned_verb_does_not_match_its_present_singular_that_reads_as_a_noun(events):
    learned = learn_trigger(events, "ha impastoiato", "COERCE", "arrest")
    lexicon = LexiconOverlay().with_trigger(learned).event_lexicon(events)
    text = "La polizia ha impastoiato il ladro. L'impastoia del mulo era rotta."
    found = [text[slice(*e.trigger)] for e in EventSuggester(lexicon).find(text)]
    assert "impastoiato" in " ".join(found) and "impastoia" not in found


def test_a_phrase_the_lexicon_calls_no_event_is_learned_when_an_annotator_codes_it(events):
    text = "Il governo di Mario Rossi ha agito in collaborazione con Luigi Bianchi."
    entities = [(text.index("Mario Rossi"), text.index("Mario Rossi") + 11, "PER"),
                (text.index("Luigi Bianchi"), text.index("Luigi Bianchi") + 13, "PER")]
    assert EventSuggester(events).find(text, entities) == []  # "in collaborazione con" names no event
    learned = learn_trigger(events, "in collaborazione con", "COOPERATE", None, "anna")
    assert learned is not None
    (found,) = EventSuggester(LexiconOverlay().with_trigger(learned).event_lexicon(events)).find(text, entities)
    assert (found.type, text[slice(*found.trigger)]) == ("COOPERATE", "in collaborazione con")


def test_a_general_verb_in_sc_is_not_learned_from_its_participle(events):
    assert learn_trigger(events, "è stato riconosciuto", "SANCTION", None, "anna", word_before="stato") is None


def test_a_learned_ire_verb_without_isc_keeps_its_plural_present(events):
    """A lexicon line lists the plain present of an -ire verb without -isc; a learned verb cannot,
    so it keeps the regular "-ono" ("inseguono") and leaves out the singular, as every learned verb."""
    learned = learn_trigger(events, "ha inseguito", "ASSAULT", None, word_before="polizia")
    assert (learned.words, learned.kind) == ("inseguire", "verb")
    text = "I poliziotti inseguono Mario Rossi per le strade di Napoli."
    names = [(text.index("Mario"), text.index("Mario") + 11, "PER"),
             (text.index("Napoli"), text.index("Napoli") + 6, "LOC")]
    found = EventSuggester(LexiconOverlay().with_trigger(learned).event_lexicon(events)).find(text, names)
    assert [text[slice(*e.trigger)] for e in found] == ["inseguono"]
