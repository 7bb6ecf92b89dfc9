"""The gazetteer files: well-formed, consistent, documented; malformed files fail clearly."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from annotator.nlp.pipeline import GAZETTEER_DIR, GAZETTEER_LABELS, GazetteerError, gazetteer_patterns


def test_every_pattern_is_valid_for_spacy():
    import spacy

    patterns = gazetteer_patterns()
    assert len(patterns) > 500
    assert {p["label"] for p in patterns} == GAZETTEER_LABELS
    ruler = spacy.blank("it").add_pipe("entity_ruler", config={"validate": True})
    ruler.add_patterns(patterns)  # raises on a malformed token pattern
    assert len(ruler) == len(patterns)


def test_no_phrase_is_listed_under_two_labels():
    labels = defaultdict(set)
    for path in GAZETTEER_DIR.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if isinstance(item["pattern"], str):
                labels[item["pattern"]].add(item["label"])
    clashes = {phrase: sorted(found) for phrase, found in labels.items() if len(found) > 1}
    assert clashes == {}


def test_no_nationality_adjectives_or_common_words_are_listed():
    phrases = {p["pattern"] for p in gazetteer_patterns() if isinstance(p["pattern"], str)}
    for word in ("russo", "russa", "Russo", "americano", "ucraino", "Stato", "Ha", "Presidente",
                 "Paesi", "Occidente", "Consulta", "Modi", "Sala", "Costa", "Austin"):
        assert word not in phrases


def test_readme_states_origin_licence_and_how_to_extend():
    readme = (GAZETTEER_DIR / "README.md").read_text(encoding="utf-8")
    assert "written by hand" in readme
    assert "MIT" in readme
    assert "How to extend" in readme


def test_malformed_gazetteer_files_name_the_file_and_line(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"label": "PER", "pattern": "Mario Rossi"}\n{oops\n',
                                      encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"a\.jsonl, line 2: not valid JSON"):
        gazetteer_patterns(tmp_path)
    (tmp_path / "a.jsonl").write_text('{"label": "GPE", "pattern": "Roma"}\n', encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"line 1: \"label\" must be one of"):
        gazetteer_patterns(tmp_path)
    (tmp_path / "a.jsonl").write_text('{"label": "LOC", "pattern": []}\n', encoding="utf-8")
    with pytest.raises(GazetteerError, match="must be a phrase"):
        gazetteer_patterns(tmp_path)
    (tmp_path / "a.jsonl").unlink()
    with pytest.raises(GazetteerError, match="No gazetteer files"):
        gazetteer_patterns(tmp_path)


def test_apostrophe_phrases_get_a_typographic_twin(tmp_path):
    (tmp_path / "org.jsonl").write_text('{"label": "ORG", "pattern": "Banca d\'Italia"}\n\n// note\n',
                                        encoding="utf-8")
    assert [p["pattern"] for p in gazetteer_patterns(tmp_path)] == ["Banca d'Italia", "Banca d\u2019Italia"]


DATE_RICH = (
    "Martedì 7 dicembre 2021, il 17 dicembre e il 22.12.2021 (o 2021-12-22) Putin ha detto che "
    "nel 2002, a metà agosto, all'inizio del prossimo anno e negli ultimi 3 anni, ieri sera e "
    "questo giovedì la NATO-Russia... 45 dicembre, 31.13.2021, lo scorso 11 aprile 2015. " * 3
)


def test_windowed_token_matching_equals_plain_matching(gazetteer):
    ruler = gazetteer.get_pipe("entity_ruler")
    doc = gazetteer.make_doc(DATE_RICH)
    assert ruler._window_index() is not None  # the shipped patterns are indexable
    windowed = sorted(ruler._token_matches(doc))
    assert windowed and windowed == sorted(ruler.matcher(doc))


def test_unindexable_patterns_fall_back_to_plain_matching():
    import spacy

    from annotator.nlp import components

    components.register()
    nlp = spacy.blank("it")
    ruler = nlp.add_pipe(components.ENTITY_RULER)
    ruler.add_patterns([{"label": "DATE", "pattern": [{"LOWER": "ieri"}]}])
    assert ruler._window_index() is not None
    ruler.add_patterns([{"label": "MISC", "pattern": [{"IS_TITLE": True, "OP": "+"}, {"LOWER": "spa"}]}])
    assert ruler._window_index() is None  # "+" makes the window width unknown
    doc = nlp("Ieri la Fiat Auto spa e oggi.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Ieri", "DATE"), ("Fiat Auto spa", "MISC")]
