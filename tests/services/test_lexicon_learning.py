"""A project learns the triggers and reporting verbs its annotators code, and suggests untouched
articles again with them (issue 15: rules that learn while people annotate)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from annotator.domain.model import SUGGESTIONS, Event, Quote
from annotator.services.lexicon import learn_from, load_overlay, resuggest_untouched
from annotator.services.preannotation import preannotate
from annotator.store.project import NewDocument

TEXTS = [
    "La polizia ha stanato una banda a Napoli. Il capo, Mario Rossi, è fuggito.",
    "I carabinieri hanno stanato un clan a Palermo guidato da Totò Riina.",
    "La guardia di finanza ha stanato una rete di contrabbando a Genova.",
]


@pytest.fixture
def docs(project, labels):
    project.set_setting("model", "gazetteer")
    ids = [doc_id for doc_id, _ in project.add_documents(NewDocument(t) for t in TEXTS)]
    list(preannotate(project, labels=labels))
    return ids


def stanato_events(project, doc_id, text):
    return [e for e in project.events(doc_id, SUGGESTIONS) if text[e.trigger_start:e.trigger_end] == "stanato"]


def test_an_event_on_an_unknown_trigger_teaches_the_project_and_untouched_articles_get_it(project, docs):
    assert all(not stanato_events(project, d, t) for d, t in zip(docs, TEXTS))
    start = TEXTS[0].index("stanato")
    coded = Event(docs[0], "COERCE", "anna", mode="arrest", trigger_start=start, trigger_end=start + len("stanato"))
    project.insert(coded)  # anna codes the event the suggestions missed
    learned = learn_from(project, coded, TEXTS[0], annotator="anna")
    assert learned is not None and "stanare" in learned.description
    assert [(t.words, t.type, t.mode, t.annotator) for t in load_overlay(project).triggers] == [
        ("stanare", "COERCE", "arrest", "anna")]
    assert resuggest_untouched(project) == 2  # anna's article is hers now: left as it is
    for doc_id, text in zip(docs[1:], TEXTS[1:]):
        (event,) = stanato_events(project, doc_id, text)
        assert (event.type, event.mode) == ("COERCE", "arrest")
    assert not stanato_events(project, docs[0], TEXTS[0])
    assert project.suggestions(docs[1]), "the entity suggestions are kept"


def test_a_known_trigger_teaches_nothing(project, docs):
    text = "Mario Rossi è stato arrestato a Napoli."
    (doc_id, _), = project.add_documents([NewDocument(text)])
    start = text.index("arrestato")
    event = Event(doc_id, "COERCE", "anna", mode="arrest", trigger_start=start, trigger_end=start + 9)
    assert learn_from(project, event, text) is None
    assert not load_overlay(project)


def test_a_quotation_with_an_unknown_cue_verb_teaches_the_finder(project, docs):
    text = "«Non è finita», ha gongolato Mario Rossi."
    (doc_id, _), = project.add_documents([NewDocument(text)])
    cue = text.index("ha gongolato")
    quote = Quote(doc_id, 1, 13, "anna", "direct", cue_start=cue, cue_end=cue + len("ha gongolato"))
    learned = learn_from(project, quote, text, annotator="anna")
    assert learned is not None and [c.words for c in load_overlay(project).cues] == ["gongolare"]


def run(project_path, *args):
    return subprocess.run([sys.executable, "-m", "annotator.cli.main", "--project", str(project_path), "lexicon",
                           *args], capture_output=True, text=True)


def test_the_cli_lists_adds_removes_and_resuggests(project, docs):
    path = project.path
    project.close()
    assert "learned nothing yet" in run(path).stdout
    added = run(path, "add-trigger", "stanare", "COERCE", "--mode", "arrest")
    assert added.returncode == 0 and "3 untouched articles suggested again" in added.stdout, added.stdout + added.stderr
    assert "stanare" in run(path, "list").stdout
    wrong = run(path, "add-trigger", "stanare", "RAID")
    assert wrong.returncode == 2 and "not an event type" in wrong.stderr and "Traceback" not in wrong.stderr
    assert run(path, "export", str(path)).returncode == 2, "the project itself is never an export target"
    assert run(path, "remove", "stanare").returncode == 0
    assert "learned nothing yet" in run(path).stdout
    from annotator.store.project import Project

    again = Project(path, readonly=True)
    try:
        assert all(not stanato_events(again, d, t) for d, t in zip(docs, TEXTS))
    finally:
        again.close()
