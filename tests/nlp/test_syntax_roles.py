"""Speakers, actors and recipients read off a parse (annotator.nlp.syntax_roles and its use by the
quotation finder and the event suggester).

Most tests hand the finders a stand-in parse (``Parse``: roles written by hand for a verb), so no
model is needed; the last ones run the bundled UD parser and are skipped where it is not built.
"""

from __future__ import annotations

import pytest

from annotator.nlp.events import EventSuggester
from annotator.nlp.quotes import QuoteFinder
from annotator.nlp.syntax_roles import Argument, Roles


def at(text: str, words: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def arg(text: str, phrase: str, head: str | None = None, pos: str = "NOUN") -> Argument:
    span = at(text, phrase)
    head_span = at(text, head) if head else span
    return Argument(span, head_span, pos, (head or phrase).lower())


class Parse:
    """A stand-in parse: the roles of one verb, given for any offset inside ``verb_group``."""

    def __init__(self, text: str, verb_group: str, verb: str, **roles) -> None:
        self.group = at(text, verb_group)
        self.roles_ = Roles(at(text, verb), roles.pop("passive", False), *(tuple(roles.get(name, ())) for name in
                                                                          ("subjects", "objects", "agents", "recipients")))
        self.asked: list[int] = []

    def roles(self, position: int) -> Roles | None:
        self.asked.append(position)
        return self.roles_ if self.group[0] <= position < self.group[1] else None

    def prepare(self, positions) -> None:
        list(positions)


def words(text: str, span) -> str | None:
    return text[span[0]:span[1]] if span else None


# a description too long for the rules' noun phrase, its verb followed by "che"
LONG = "Uno dei medici che hanno curato la paziente nelle ultime settimane all'ospedale ha dichiarato che la situazione è grave."


def test_a_description_subject_gets_its_speaker_from_the_parse():
    parse = Parse(LONG, "ha dichiarato", "dichiarato", subjects=[arg(LONG, "Uno dei medici", "Uno", "PRON")])
    found = QuoteFinder().find(LONG, [], syntax=parse)
    assert [(words(LONG, q.speaker), q.speaker_label) for q in found] == [("Uno dei medici", None)]
    assert parse.asked  # the parse was asked about the reporting verb


def test_without_a_parse_the_finder_keeps_its_rules():
    assert QuoteFinder().find(LONG, []) == QuoteFinder().find(LONG, [], syntax=None)
    assert [q.speaker for q in QuoteFinder().find(LONG, [])] == [None]


def test_a_post_verbal_object_naming_a_person_is_the_speaker():
    text = "«Non cederemo», ha detto il ministro degli Esteri Sergej Lavrov ai giornalisti."
    entities = [(*at(text, "Sergej Lavrov"), "PER")]
    parse = Parse(text, "ha detto", "detto", objects=[arg(text, "il ministro degli Esteri Sergej Lavrov", "ministro")])
    found = QuoteFinder(syntax_mode="only").find(text, entities, syntax=parse)
    assert [words(text, q.speaker) for q in found] == ["Sergej Lavrov"]


def test_an_object_that_names_no_one_is_no_speaker():
    text = "Il portavoce ha detto la verità: «Non sapevamo nulla di quanto è accaduto»."
    parse = Parse(text, "ha detto", "detto", objects=[arg(text, "la verità", "verità")])
    found = QuoteFinder(syntax_mode="only").find(text, [], syntax=parse)
    assert [words(text, q.speaker) for q in found] == [None]


def test_rules_first_where_they_find_a_speaker_in_fallback_mode():
    text = "Il sindaco Carlo Neri ha dichiarato che la situazione è grave."
    entities = [(*at(text, "Carlo Neri"), "PER")]
    parse = Parse(text, "ha dichiarato", "dichiarato", subjects=[arg(text, "Il sindaco", "sindaco")])  # a wrong parse
    found = QuoteFinder(syntax_mode="fallback").find(text, entities, syntax=parse)
    assert [words(text, q.speaker) for q in found] == ["Carlo Neri"]
    found = QuoteFinder(syntax_mode="only").find(text, entities, syntax=parse)
    assert [words(text, q.speaker) for q in found] == ["Il sindaco"]


def test_a_second_reading_with_the_parse_gives_the_parse_s_speaker_where_the_rules_found_none():
    # pre-annotation reads a text twice: once to learn which verbs to parse, then with the parse
    from annotator.nlp.syntax_roles import Recorder

    finder, recorder = QuoteFinder(), Recorder()
    assert [q.speaker for q in finder.find(LONG, [], syntax=recorder)] == [None]
    assert recorder.positions  # the rules found no speaker: the finder asks for the verb's parse
    parse = Parse(LONG, "ha dichiarato", "dichiarato", subjects=[arg(LONG, "Uno dei medici", "Uno", "PRON")])
    assert [words(LONG, q.speaker) for q in finder.find(LONG, [], syntax=parse)] == ["Uno dei medici"]


def test_a_text_read_again_gives_the_same_quotations_and_other_names_give_their_own():
    from annotator.nlp.syntax_roles import Recorder

    text = "Il sindaco Carlo Neri ha dichiarato che la situazione è grave."
    entities = [(*at(text, "Carlo Neri"), "PER")]
    finder, recorder = QuoteFinder(), Recorder()
    first = finder.find(text, entities, syntax=recorder)
    assert recorder.positions == []  # the rules found the speaker: nothing to parse
    parse = Parse(text, "ha dichiarato", "dichiarato", subjects=[arg(text, "Il sindaco", "sindaco")])
    assert finder.find(text, entities, syntax=parse) == first
    assert [words(text, q.speaker) for q in first] == ["Carlo Neri"]
    # the same words with no name tagged are another reading, not the one kept
    assert [words(text, q.speaker) for q in finder.find(text, [], syntax=parse)] == ["Il sindaco Carlo Neri"]


def test_unknown_syntax_mode_is_refused():
    with pytest.raises(ValueError, match="syntax_mode"):
        QuoteFinder(syntax_mode="sometimes")
    with pytest.raises(ValueError, match="syntax_mode"):
        EventSuggester(syntax_mode="sometimes")


# -- events ---------------------------------------------------------------------------------------

PASSIVE = "Mario Rossi è stato arrestato dalla polizia a Roma ieri mattina."


def _roles(text, found):
    return sorted((role, text[a:b]) for event in found for role, a, b in event.args)


def test_a_passive_event_verb_takes_its_actor_from_the_agent():
    entities = [(*at(PASSIVE, "Mario Rossi"), "PER"), (*at(PASSIVE, "Roma"), "LOC")]
    suggester = EventSuggester()
    rules = suggester.find(PASSIVE, entities)
    assert ("recipient", "Mario Rossi") in _roles(PASSIVE, rules)  # the rules read the passive too
    assert ("actor", "Mario Rossi") not in _roles(PASSIVE, rules)
    parse = Parse(PASSIVE, "arrestato", "arrestato", passive=True, subjects=[arg(PASSIVE, "Mario Rossi", pos="PROPN")],
                  agents=[arg(PASSIVE, "polizia")])
    found = suggester.find(PASSIVE, entities, syntax=parse)
    assert [e.type for e in found] == [e.type for e in rules]
    roles = _roles(PASSIVE, found)
    assert ("actor", "polizia") in roles and ("recipient", "Mario Rossi") in roles
    assert ("actor", "Mario Rossi") not in roles


def test_a_noun_trigger_is_not_parsed():
    text = "Dopo l'arresto di Mario Rossi a Roma, la polizia ha chiuso le indagini."
    entities = [(*at(text, "Mario Rossi"), "PER"), (*at(text, "Roma"), "LOC")]
    parse = Parse(text, "arresto", "arresto", subjects=[arg(text, "polizia")])
    found = EventSuggester().find(text, entities, syntax=parse)
    assert found == EventSuggester().find(text, entities)
    assert at(text, "arresto")[0] not in parse.asked


# -- pre-annotation -------------------------------------------------------------------------------


def test_pre_annotation_falls_back_to_the_rules_without_the_parser(monkeypatch):
    from annotator.nlp import preannotate

    made = []
    monkeypatch.setattr(preannotate, "parser_available", lambda: False)
    monkeypatch.setattr(preannotate, "SentenceParses", lambda text: made.append(text))
    nlp = _NoEntities()
    found = [d for batch in preannotate.suggest_annotations(nlp, [(1, LONG)], quotes=QuoteFinder(),
                                                          events=EventSuggester()) for d in batch]
    assert made == [] and found[0].error is None
    assert [q.speaker for q in found[0].quotes] == [None]


class _NoEntities:
    """A pipeline stand-in that finds no entities."""

    max_length = 1_000_000

    def pipe(self, texts, **_):
        for _ in texts:
            yield _Doc()


class _Doc:
    ents = ()


def test_a_relative_che_the_parse_gives_as_subject_speaks_for_its_antecedent():
    text = ("«Vedo che queste idee stanno venendo fuori», ha affermato il ministro, che ha aggiunto: "
            "«Ho l'impressione che ci sia grande disponibilità».")
    relative = text.index(", che ha") + 2
    parse = Parse(text, "ha aggiunto", "aggiunto",
                  subjects=[Argument((relative, relative + 3), (relative, relative + 3), "PRON", "che")])
    found = QuoteFinder().find(text, [], syntax=parse)
    assert [words(text, q.speaker) for q in found] == ["il ministro", "il ministro"]


# -- the bundled parser ---------------------------------------------------------------------------


def _parser_or_skip():
    from annotator.nlp.syntax_roles import parser_available

    if not parser_available():
        pytest.skip("resources/models/it_ud_parser is not built")


def test_the_bundled_parser_gives_a_description_speaker():
    _parser_or_skip()
    from annotator.nlp.syntax_roles import SentenceParses

    text = "Un membro del personale ha dichiarato: «Non sapevamo nulla di quanto era accaduto»."
    parses = SentenceParses(text)
    roles = parses.roles(text.index("ha dichiarato"))
    assert roles is not None and [words(text, a.phrase) for a in roles.subjects] == ["Un membro del personale"]
    found = QuoteFinder(syntax_mode="only").find(text, [], syntax=parses)
    assert [words(text, q.speaker) for q in found] == ["Un membro del personale"]
    assert 0 < parses.parsed_chars <= len(text)


def test_the_bundled_parser_reads_a_passive_event():
    _parser_or_skip()
    from annotator.nlp.syntax_roles import SentenceParses

    entities = [(*at(PASSIVE, "Mario Rossi"), "PER"), (*at(PASSIVE, "Roma"), "LOC")]
    found = EventSuggester().find(PASSIVE, entities, syntax=SentenceParses(PASSIVE))
    roles = _roles(PASSIVE, found)
    assert ("recipient", "Mario Rossi") in roles and ("actor", "Mario Rossi") not in roles


def test_pre_annotation_reads_a_missed_speaker_off_the_bundled_parser():
    _parser_or_skip()
    from annotator.nlp.preannotate import suggest_annotations

    text = "Uno dei medici che l'hanno curata ieri sera in ospedale ha dichiarato che la situazione è grave."

    def speakers(syntax):
        batches = suggest_annotations(_NoEntities(), [(1, text)], quotes=QuoteFinder(), events=EventSuggester(),
                                      syntax=syntax)
        return [words(text, q.speaker) for batch in batches for d in batch for q in d.quotes]

    assert speakers("none") == [None]  # too long a description for the rules
    found = speakers("speakers")
    assert found != [None] and found[0] in text[:text.index("ha dichiarato")]
    assert speakers("all") == found
    with pytest.raises(ValueError, match="syntax"):
        speakers("sometimes")
