"""Training a small NER pipeline end to end: it learns, can be stopped, saves atomically, loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.nlp.corpora import read_corpus
from annotator.nlp.evaluation import evaluate_pipeline
from annotator.nlp.training import TrainingRun, TrainSettings

DATA = Path(__file__).parent / "data"
TINY = TrainSettings(width=32, depth=2, embed_rows=(1000, 200, 500, 200, 500), max_steps=60, eval_every=10,
                     patience=60, gazetteer_lists=("LOC", "ORG", "PER"))


@pytest.fixture(scope="module")
def texts():
    return (list(read_corpus(DATA / "ner_train.tsv", sentences_per_text=4)),
            list(read_corpus(DATA / "ner_dev.tsv", sentences_per_text=4)))


@pytest.fixture(scope="module")
def trained(texts, tmp_path_factory):
    lists = tmp_path_factory.mktemp("gaz") / "lists.json"
    lists.write_text(json.dumps({"ORG": ["Croce Rossa", "Coldiretti"], "LOC": ["Kiev"], "PER": ["Anna"]}))
    from dataclasses import replace

    run = TrainingRun(*texts, replace(TINY, gazetteer_path=str(lists)), meta={"license": "MIT"})
    progress = list(run.steps())
    out = run.save(tmp_path_factory.mktemp("models") / "tiny", name="tiny", version="0.1.0")
    return run, progress, out


def test_progress_reports_every_step_and_evaluations(trained):
    run, progress, _ = trained
    assert [p.step for p in progress] == list(range(len(progress)))
    evaluated = [p for p in progress if p.scores is not None]
    assert len(evaluated) >= 5
    assert progress[-1].best_f == max(p.scores["ents_f"] for p in evaluated)
    assert run.best_scores["ents_f"] >= 0.5  # the templates are easy: it learns them


def test_saved_pipeline_loads_predicts_and_records_its_meta(trained, texts):
    from annotator.nlp.pipeline import load_pipeline

    run, _, out = trained
    nlp = load_pipeline(out)
    assert nlp.pipe_names[:4] == ["sentencizer", "annotator_gazetteer_features", "tok2vec", "ner"]
    doc = nlp("Mario Rossi ha incontrato i dirigenti di Enel a Roma .")
    assert ("Mario Rossi", "PER") in [(e.text, e.label_) for e in doc.ents]
    meta = json.loads((out / "meta.json").read_text())
    assert meta["name"] == "tiny" and meta["license"] == "MIT"
    assert meta["labels"]["ner"] == ["LOC", "ORG", "PER"]
    assert meta["performance"]["ents_f"] == pytest.approx(run.best_scores["ents_f"])
    assert meta["annotator"]["train_words"] == run.train_words
    report = evaluate_pipeline(nlp, texts[1])
    assert report.micro.f1 == pytest.approx(run.best_scores["ents_f"], abs=0.02)
    assert report.words == sum(t.word_count for t in texts[1])


def test_gazetteer_lists_travel_with_the_model(trained):
    from annotator.nlp.features import FEATURES_KEY
    from annotator.nlp.pipeline import load_pipeline

    nlp = load_pipeline(trained[2])
    features = nlp.get_pipe("annotator_gazetteer_features")
    assert features.phrase_count("ORG") == 2
    doc = nlp("La Croce Rossa arriva a Kiev")
    rows = doc.user_data[FEATURES_KEY]
    org_b, org_i = 2, 3  # lists are LOC, ORG, PER: two columns (B, I) each
    assert rows[1, org_b] == 1 and rows[2, org_i] == 1 and rows[0].sum() == 0
    assert rows[5, 0] == 1  # Kiev begins a LOC name


def test_stopping_early_keeps_the_best_so_far_and_saving_replaces_atomically(texts, tmp_path):
    run = TrainingRun(*texts, TrainSettings(width=32, depth=1, embed_rows=(500, 100, 200, 100, 200),
                                            max_steps=1000, eval_every=5))
    for progress in run.steps():
        if progress.step == 12:
            break  # what the CLI does on Ctrl+C and the app on Cancel
    assert run.best_step in (0, 5, 10)
    target = tmp_path / "model"
    target.mkdir()
    (target / "stale.txt").write_text("old")
    run.save(target)
    assert (target / "meta.json").exists() and not (target / "stale.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["model"]  # no staging folder left behind


def test_nothing_to_train_on_is_explained(texts):
    with pytest.raises(ValueError, match="nothing to train on"):
        TrainingRun([], texts[1])
    with pytest.raises(ValueError, match="nothing to evaluate on"):
        TrainingRun(texts[0], [])
    no_entities = [type(texts[0][0])("Niente qui", ())]
    with pytest.raises(ValueError, match="no entities"):
        TrainingRun(no_entities, texts[1])


def test_a_repeated_name_gets_the_label_of_its_first_mention():
    import spacy

    from annotator.nlp import consistency

    consistency.register()
    nlp = spacy.blank("it")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": "Mario Draghi"}, {"label": "ORG", "pattern": "Enel"},
                        {"label": "LOC", "pattern": "Enel Green"}])
    nlp.add_pipe(consistency.CONSISTENCY)
    doc = nlp("Mario Draghi parla. Poi Draghi tace e Draghi va. Enel cresce. Enel Green no. Draghi Mario")
    found = [(e.text, e.label_) for e in doc.ents]
    assert found.count(("Draghi", "PER")) == 3  # the surname alone, three times
    assert ("Enel", "ORG") in found and ("Enel Green", "LOC") in found
    assert ("Mario", "PER") not in found and found[-1] == ("Draghi", "PER")  # never glued to a neighbour


@pytest.mark.parametrize("patterns, text, expected", [
    ([{"label": "PER", "pattern": "Ursula"}], "Ha parlato Ursula von der Leyen a Bruxelles.",
     [("Ursula von der Leyen", "PER")]),
    ([{"label": "PER", "pattern": "Óscar de"}, {"label": "ORG", "pattern": "Hoya"}], "Il pugile Óscar de la Hoya vince.",
     [("Óscar de la Hoya", "PER")]),
    ([{"label": "PER", "pattern": "Mario Rossi de"}, {"label": "ORG", "pattern": "La Stampa"}],
     "Mario Rossi de La Stampa scrive.", [("Mario Rossi", "PER"), ("La Stampa", "ORG")]),
    ([{"label": "PER", "pattern": "Mario Rossi"}, {"label": "LOC", "pattern": "Milano"}],
     "Mario Rossi di Milano parla.", [("Mario Rossi", "PER"), ("Milano", "LOC")]),
])
def test_a_foreign_surname_the_model_left_out_is_joined_to_the_person(patterns, text, expected):
    """The model stops before "von der Leyen" or takes "Óscar de" and calls "Hoya" a body; an Italian
    preposition ("di Milano") joins nothing."""
    import spacy

    from annotator.nlp import consistency

    consistency.register()
    nlp = spacy.blank("it")
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    nlp.add_pipe(consistency.CONSISTENCY)
    assert [(e.text, e.label_) for e in nlp(text).ents] == expected


@pytest.mark.parametrize("text, expected", [
    ("Daniel Domscheit-Berg ha lasciato WikiLeaks.", [("Daniel Domscheit-Berg", "PER")]),
    ("Il vertice Trump-Kim a Singapore. Trump parla.", [("Trump", "PER"), ("Kim", "PER"), ("Trump", "PER")]),
])
def test_a_name_across_a_hyphen_is_one_unless_its_parts_stand_alone(text, expected):
    """The tokenizer splits at hyphens; "Trump-Kim" names two people, each named on their own too."""
    import spacy

    from annotator.nlp import consistency

    from annotator.nlp.components import customize_tokenizer

    consistency.register()
    nlp = spacy.blank("it")
    customize_tokenizer(nlp)  # as the bundled model: "Domscheit-Berg" is three tokens
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "PER", "pattern": [{"TEXT": name}]} for name in ("Trump", "Kim", "Berg")] + [
        {"label": "PER", "pattern": [{"TEXT": "Daniel"}, {"TEXT": "Domscheit"}]}])
    nlp.add_pipe(consistency.CONSISTENCY)
    doc = nlp.make_doc(text)
    assert [t.text for t in doc].count("-") == 1, "the test needs the hyphen as a token of its own"
    assert [(e.text, e.label_) for e in nlp(text).ents] == expected


def test_an_entity_never_holds_the_paragraph_break_the_model_took_with_it():
    """A headline's last name followed by a blank line: the model may take the break ("Fiumicino\\n\\n")."""
    import spacy

    from annotator.nlp import consistency

    consistency.register()
    nlp = spacy.blank("it")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "LOC", "pattern": [{"TEXT": "Fiumicino"}, {"IS_SPACE": True}]},
        {"label": "LOC", "pattern": [{"IS_SPACE": True}]}])
    nlp.add_pipe(consistency.CONSISTENCY)
    text = "Sciopero a Fiumicino\n\nI tassisti hanno scioperato."
    assert [t.text for t in nlp.make_doc(text)][3] == "\n\n", "the test needs the break as a token of its own"
    assert [(e.text, e.label_) for e in nlp(text).ents] == [("Fiumicino", "LOC")]


def test_an_entity_never_runs_over_a_line_break_into_the_next_paragraph():
    """The model may join a headline's last name to the next paragraph's first word ("Capodichino\\n\\nGravi")."""
    import spacy

    from annotator.nlp import consistency

    consistency.register()
    nlp = spacy.blank("it")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "LOC", "pattern": [{"TEXT": "Capodichino"}, {"IS_SPACE": True}, {"TEXT": "Gravi"}]}])
    nlp.add_pipe(consistency.CONSISTENCY)
    text = "Incidente a Capodichino\n\nGravi danni alla pista."
    assert [(e.text, e.label_) for e in nlp(text).ents] == [("Capodichino", "LOC")]


def test_name_swapped_copies_keep_offsets_right():
    from annotator.nlp.augment import name_swapped

    [item] = read_corpus(DATA / "ner_train.tsv", sentences_per_text=100)
    copies = name_swapped([item], copies=2, rate=1.0, extra_names={"LOC": ["Monaco di Baviera"]}, seed=1)
    assert len(copies) == 2
    for copy in copies:
        assert len(copy.entities) == len(item.entities)
        assert copy.text != item.text
        assert "".join(w + (" " if s else "") for w, s in zip(copy.words, copy.spaces)) == copy.text
        for (s, e, label), (s0, e0, label0) in zip(copy.entities, item.entities):
            assert label == label0 and copy.text[s:e] == copy.text[s:e].strip() and e > s
        assert len(copy.sentence_starts) == len(item.sentence_starts)


def test_word_features_tell_capitalised_ordinary_words_from_names(tmp_path):
    import spacy

    from annotator.nlp import features

    features.register()
    lists = tmp_path / "lists.json"
    lists.write_text(json.dumps({"LOC": ["Roma"], features.COMMON_WORDS_KEY: ["sciopero", "oggi"]}))
    nlp = spacy.blank("it")
    component = nlp.add_pipe(features.FEATURES_COMPONENT, config={"lists": ["LOC"], "word_features": True})
    component.initialize(path=str(lists))
    doc = nlp("Sciopero a Roma : oggi lo sciopero blocca Roma")
    rows = doc.user_data[features.FEATURES_KEY]
    assert rows.shape == (len(doc), 4)  # B-LOC, I-LOC, ordinary word, lowercase twin in the doc
    assert list(rows[0]) == [0, 0, 1, 1]  # "Sciopero": an ordinary word, written "sciopero" later
    assert list(rows[2]) == [1, 0, 0, 0]  # "Roma": a place name, nothing else
    assert rows[4].sum() == 0  # lowercase words get no word features
    restored = nlp.get_pipe(features.FEATURES_COMPONENT).from_bytes(component.to_bytes())
    assert restored.common_words == {"sciopero", "oggi"}
