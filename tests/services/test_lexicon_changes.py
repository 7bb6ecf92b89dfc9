"""The app's changes to the learned lexicon (annotator.services.lexicon_changes): which untouched
articles a change concerns, entries typed by hand, files, forgetting on undo."""

from __future__ import annotations

import pytest

from annotator.domain.model import SUGGESTIONS, Event
from annotator.nlp.lexicon_overlay import LearnedCue, LearnedTrigger, LexiconOverlay
from annotator.services import lexicon_changes as changes
from annotator.services.lexicon import load_overlay
from annotator.services.preannotation import preannotate
from annotator.store import NewDocument

TEXTS = [
    "La polizia ha impastoiato Mario Rossi a Napoli.",
    "I carabinieri impastoiarono il boss a Roma.",
    "La guardia di finanza impastoia due uomini.",  # no entity the gazetteer knows: no suggestion at all
    "Il sindaco di Milano ha parlato ai giornalisti.",
]


@pytest.fixture
def docs(project, labels):
    project.set_setting("model", "gazetteer")
    ids = [doc_id for doc_id, _ in project.add_documents(NewDocument(t) for t in TEXTS)]
    list(preannotate(project, labels=labels))
    return ids


def trigger(words="impastoiare", mode="arrest", annotator="anna", example="impastoiato"):
    return LearnedTrigger(words, "COERCE", mode, "verb", example, annotator)


def triggered(project, doc_id):
    text = TEXTS[doc_id - 1]
    return [(e.type, e.mode, text[e.trigger_start:e.trigger_end]) for e in project.events(doc_id, SUGGESTIONS)
            if e.trigger_start is not None]


def test_a_change_concerns_the_untouched_articles_with_any_form_of_the_words(project, docs):
    assert changes.untouched_with(project, [trigger()]) == docs[:3]
    assert changes.untouched_with(project, [LearnedTrigger("retata|retate", "COERCE", "arrest", "noun")]) == []
    done = changes.change(project, LexiconOverlay((trigger(),)), [trigger()], "Added")
    # the third article was pre-annotated but got no entity suggestion: it is suggested again too
    assert (done.again, done.doc_ids) == (3, tuple(docs[:3]))
    assert done.said == "Added; 3 untouched articles suggested again"
    assert triggered(project, docs[1]) == [("COERCE", "arrest", "impastoiarono")]
    assert triggered(project, docs[3]) == []


def test_an_article_never_pre_annotated_is_left_to_the_pre_annotation(project, docs):
    (new, _), = project.add_documents([NewDocument("Gli agenti hanno impastoiato un ladro.")])
    done = changes.change(project, LexiconOverlay((trigger(),)), [trigger()], "Added")
    assert new in done.doc_ids and done.again == 3
    assert project.events(new, SUGGESTIONS) == []


def test_an_undone_edit_forgets_its_entry_as_it_is_now_and_a_redo_brings_it_back(project, docs):
    taught = trigger(mode=None)
    changes.change(project, LexiconOverlay((trigger(),), (LearnedCue("gongolare", "verb"),)), [], "Added")
    gone = changes.forget(project, [taught], why="undone", keep=[docs[0]])
    assert gone.entries == (trigger(),) and load_overlay(project).triggers == ()
    assert gone.doc_ids == tuple(docs[1:3]), "the edit's own article keeps its suggestions"
    assert changes.forget(project, [taught], why="undone") is None
    back = changes.relearn(project, gone.entries)
    assert load_overlay(project).triggers == (trigger(),) and back.said.startswith("Learned the trigger")
    assert changes.relearn(project, gone.entries) is None
    assert [c.words for c in load_overlay(project).cues] == ["gongolare"]


def test_a_chosen_mode_follows_into_the_entry_learned_from_the_event(project, docs):
    start = TEXTS[0].index("impastoiato")
    coded = Event(docs[0], "COERCE", "anna", trigger_start=start, trigger_end=start + 11)
    project.insert(coded)
    taught = changes.teach(project, coded, TEXTS[0], annotator="anna")
    assert taught.entries == (trigger(mode=None),)
    followed = changes.follow(project, coded, coded.with_(mode="arrest"), TEXTS[0], annotator="anna")
    assert followed.said.startswith("The learned trigger “impastoiare” is now COERCE arrest")
    assert load_overlay(project).triggers == (trigger(),)
    assert changes.follow(project, coded, coded.with_(mode="seize"), TEXTS[0], annotator="bruno") is None


@pytest.mark.parametrize("words, type_, mode, kind, problem", [
    ("", "COERCE", None, "verb", "type the trigger's words"),
    ("impastoiato", "COERCE", None, "verb", "not an infinitive"),
    ("impastoiare", "RAID", None, "verb", "not an event type"),
    ("impastoiare", "COERCE", "hug", "verb", "not a mode of COERCE"),
    ("impastoiare", "COERCE", None, "adverb", "the kind is one of"),
])
def test_a_typed_trigger_is_checked_against_the_schema(project, words, type_, mode, kind, problem):
    with pytest.raises(changes.LexiconEditError, match=problem):
        changes.trigger_entry(project, words, type_, mode, kind)


def test_typed_entries_are_normalised(project):
    entry = changes.trigger_entry(project, "  Colpo  di MANO ", "COERCE", "arrest", "phrase", annotator="anna")
    assert (entry.words, entry.kind, entry.annotator) == ("colpo di mano", "phrase", "anna")
    assert changes.cue_entry("Puntare il dito").kind == "phrase"
    assert changes.cue_entry("gongolare").kind == "verb"
    with pytest.raises(changes.LexiconEditError, match="infinitive"):
        changes.cue_entry("gongolato")


def test_files_round_trip_and_the_project_is_never_overwritten(project, tmp_path):
    overlay = LexiconOverlay((trigger(),), (LearnedCue("gongolare", "verb", "gongolato", "anna"),))
    path = tmp_path / "lexicon.json"
    changes.write_lexicon_file(project, overlay, path)
    assert changes.read_lexicon_file(path) == overlay
    with pytest.raises(changes.LexiconEditError, match="choose another output"):
        changes.write_lexicon_file(project, overlay, project.path)
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(changes.LexiconEditError, match="not a lexicon"):
        changes.read_lexicon_file(tmp_path / "bad.json")
    with pytest.raises(changes.LexiconEditError, match="cannot read"):
        changes.read_lexicon_file(tmp_path / "missing.json")
    merged = changes.merged(LexiconOverlay((trigger(mode=None),)), overlay)
    assert merged.triggers == (trigger(),) and len(merged.cues) == 1
