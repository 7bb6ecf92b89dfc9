"""The bundled Italian news model: the app's default pipeline, loaded from resources/models/."""

from __future__ import annotations

import json

import pytest

from annotator.nlp.pipeline import BUNDLED_MODEL, DEFAULT_MODEL, bundled_model_path, load_pipeline, pipeline_origin
from annotator.nlp.preannotate import suggest_entities

TEXT = ("Il presidente Sergio Mattarella ha ricevuto ieri al Quirinale il segretario generale della NATO, "
        "Jens Stoltenberg. L'incontro, a Roma, è durato un'ora. Stoltenberg ripartirà per Bruxelles "
        "lunedì prossimo, ha fatto sapere l'ANSA.")


@pytest.fixture(scope="module")
def bundled():
    return load_pipeline(BUNDLED_MODEL)


def test_it_is_the_default_and_states_data_scores_and_licence(bundled):
    assert DEFAULT_MODEL == BUNDLED_MODEL
    folder = bundled_model_path(BUNDLED_MODEL)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-NC 4.0"
    assert meta["labels"]["ner"] == ["LOC", "ORG", "PER"]
    assert 0 < meta["performance"]["ents_f"] <= 1
    assert any("WN_train.tsv" in source["name"] for source in meta["sources"])
    assert (folder / "README.md").is_file()
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    assert size <= 50 * 1024 * 1024
    assert pipeline_origin(bundled) == f"{BUNDLED_MODEL}@{meta['version']}"


def test_it_finds_people_organisations_places_and_dates_with_values(bundled):
    from datetime import date

    [[(_, found)]] = list(suggest_entities(bundled, [(1, TEXT, date(2021, 12, 22))]))
    got = {(TEXT[s.start:s.end], s.label) for s in found}
    assert {("Sergio Mattarella", "PER"), ("Roma", "LOC"), ("Bruxelles", "LOC")} <= got
    assert ("Stoltenberg", "PER") in got  # the surname alone, after the full name
    assert any(label == "ORG" for _, label in got)
    dates = {TEXT[s.start:s.end]: s.value for s in found if s.label == "DATE"}
    assert dates.get("ieri") == "2021-12-21"
    assert dates.get("lunedì prossimo") == "2021-12-27"


def test_a_hyphenated_name_is_one_suggestion(bundled):
    text = "Il ministro Tommaso Padoa-Schioppa ha incontrato i sindacati a Roma."
    [[(_, found)]] = list(suggest_entities(bundled, [(1, text)]))
    assert [text[s.start:s.end] for s in found if s.label == "PER"] == ["Tommaso Padoa-Schioppa"]


def test_pipeline_parts(bundled):
    assert bundled.pipe_names == ["sentencizer", "annotator_gazetteer_features", "tok2vec", "ner",
                                  "annotator_entity_consistency", "annotator_dates"]
