"""Cleaning rules are data: project files extend them, malformed files are refused clearly."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from annotator.ingest import (
    DEFAULT_RULES_PATH,
    IncomingDocument,
    RulesError,
    clean_text,
    load_cleaning_rules,
    read_paths,
)

SCRAPED = """Titolo della notizia

Leggi anche: tutte le notizie sulla crisi

Il governo ha approvato oggi la nuova legge di bilancio per il prossimo anno.

2021-12-22T11:32+0100

mondo
"""


def write_rules(tmp_path: Path, data: dict[str, Any] | str, name: str = "progetto.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


LEGGI_ANCHE = {
    "name": "leggi-anche",
    "action": "drop",
    "description": "Links to other articles of the site.",
    "pattern": "^Leggi anche:",
}


def test_default_rules_file_is_in_resources() -> None:
    assert DEFAULT_RULES_PATH == Path(__file__).parents[2] / "resources" / "cleaning.json"
    rules = load_cleaning_rules()
    assert {"date-marker", "source-url", "bare-url", "timestamp", "xpath", "image-size", "locale",
            "contact", "year", "category", "repeated-line", "glued-sentence",
            "glued-headline"} <= set(rules.names())
    assert {"iPhone", "YouTube", "McDonald", "PlayStation"} <= set(rules.split_exceptions)


def test_every_default_rule_has_a_description() -> None:
    for rule in load_cleaning_rules().rules:
        assert len(rule.description) > 10, rule.name


def test_project_file_extends_the_default_rules(tmp_path: Path) -> None:
    path = write_rules(tmp_path, {"extends": "default", "rules": [LEGGI_ANCHE]})
    rules = load_cleaning_rules(path)
    result = clean_text(SCRAPED, rules)
    assert "Leggi anche" not in result.text
    assert {"rule": "leggi-anche", "text": "Leggi anche: tutte le notizie sulla crisi"} in result.removed
    # The default rules still apply.
    assert "2021-12-22T11:32+0100" not in result.text and result.meta["categories"] == ["mondo"]
    # Without the project file the line stays.
    assert "Leggi anche" in clean_text(SCRAPED, load_cleaning_rules()).text


def test_rules_passed_to_read_paths(tmp_path: Path) -> None:
    rules = load_cleaning_rules(write_rules(tmp_path, {"extends": "default", "rules": [LEGGI_ANCHE]}))
    article = tmp_path / "a.txt"
    article.write_text(SCRAPED, encoding="utf-8")
    (doc,) = read_paths([article], rules=rules)
    assert isinstance(doc, IncomingDocument)
    assert doc.text == (
        "Titolo della notizia\n\nIl governo ha approvato oggi la nuova legge di bilancio per il prossimo anno."
    )


def test_a_standalone_file_has_only_its_own_rules(tmp_path: Path) -> None:
    rules = load_cleaning_rules(write_rules(tmp_path, {"rules": [LEGGI_ANCHE]}))
    assert rules.names() == ["leggi-anche"]
    text = clean_text(SCRAPED, rules).text
    assert "Leggi anche" not in text and "2021-12-22T11:32+0100" in text and "mondo" in text


def test_a_project_can_switch_a_default_rule_off_or_replace_it(tmp_path: Path) -> None:
    path = write_rules(tmp_path, {
        "extends": "default",
        "rules": [
            {"name": "category", "enabled": False},
            {"name": "year", "action": "drop", "description": "Any four-digit number alone.",
             "pattern": "^\\d{4}$"},
        ],
        "split_exceptions": ["FooBar"],
    })
    rules = load_cleaning_rules(path)
    assert "category" not in rules.names()
    assert "FooBar" in rules.split_exceptions and "iPhone" in rules.split_exceptions
    result = clean_text(SCRAPED + "\n1234\n", rules)
    assert result.text.endswith("\n\nmondo")
    assert {"rule": "year", "text": "1234"} in result.removed
    assert "Il marchio FooBar" in clean_text("Il marchio FooBar è nuovo.", rules).text


def test_extends_another_project_file(tmp_path: Path) -> None:
    write_rules(tmp_path, {"extends": "default", "rules": [LEGGI_ANCHE]}, name="base.json")
    path = write_rules(tmp_path, {"extends": "base.json", "rules": [
        {"name": "redazione", "action": "drop", "description": "Signature.", "pattern": "^Redazione$"}]})
    names = load_cleaning_rules(path).names()
    assert names[-2:] == ["leggi-anche", "redazione"] and "timestamp" in names


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", r"not valid JSON: Expecting property name enclosed in double quotes at line 1"),
        ("[]", r'must hold a JSON object with a "rules" list'),
        ({"rules": "x"}, r'"rules" must be a list'),
        ({"rules": [], "rulez": []}, r"unknown key\(s\) \['rulez'\]"),
        ({"rules": [{"action": "drop"}]}, r'rule #1 has no "name"'),
        ({"rules": [{**LEGGI_ANCHE, "pattern": "([a-z"}]},
         r"rule 'leggi-anche': pattern is not a valid regular expression"),
        ({"rules": [{**LEGGI_ANCHE, "action": "erase"}]}, r"rule 'leggi-anche': \"action\" must be one of"),
        ({"rules": [{**LEGGI_ANCHE, "description": ""}]}, r"rule 'leggi-anche': \"description\" is missing"),
        ({"rules": [{**LEGGI_ANCHE, "patern": "x"}]}, r"rule 'leggi-anche': unknown key\(s\) \['patern'\]"),
        ({"rules": [{**LEGGI_ANCHE, "where": "middle"}]}, r"rule 'leggi-anche': \"where\" must be one of"),
        ({"rules": [LEGGI_ANCHE, LEGGI_ANCHE]}, r"rule 'leggi-anche' is defined twice"),
        ({"rules": [{**LEGGI_ANCHE, "action": "meta"}]}, r"rule 'leggi-anche': \"fields\" must be a list"),
        ({"rules": [{**LEGGI_ANCHE, "action": "split"}]}, r"needs the groups \(\?P<before>"),
        ({"rules": [{**LEGGI_ANCHE, "action": "split", "pattern": "(?P<before>a)(?P<after>b)",
                     "insert": "-"}]}, r'"insert" must be whitespace'),
        ({"rules": [], "split_exceptions": "iPhone"}, r'"split_exceptions" must be a list of strings'),
        ({"rules": [], "protected": ["(unclosed"]}, r'"protected" pattern'),
        ({"extends": "missing.json", "rules": []}, r"missing.json: cleaning rules file not found"),
    ],
)
def test_malformed_rules_file_names_the_file_and_the_rule(
    tmp_path: Path, content: dict[str, Any] | str, message: str
) -> None:
    path = write_rules(tmp_path, content)
    with pytest.raises(ValueError, match=message) as caught:
        load_cleaning_rules(path)
    assert isinstance(caught.value, RulesError)
    if "missing.json" not in message:
        assert str(path) in str(caught.value)


def test_missing_rules_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cleaning rules file not found"):
        load_cleaning_rules(tmp_path / "nessuno.json")


def test_an_edited_rules_file_is_read_again(tmp_path: Path) -> None:
    path = write_rules(tmp_path, {"rules": [LEGGI_ANCHE]})
    assert load_cleaning_rules(path).names() == ["leggi-anche"]
    other = {**LEGGI_ANCHE, "name": "altro"}
    path.write_text(json.dumps({"rules": [other]}), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_cleaning_rules(path).names() == ["altro"]


def test_editing_a_rules_file_that_is_extended_is_picked_up(tmp_path):
    import json
    import os

    from annotator.ingest import load_cleaning_rules

    parent = tmp_path / "parent.json"
    child = tmp_path / "child.json"

    def write_parent(name: str, stamp: int) -> None:
        parent.write_text(json.dumps({"rules": [{"name": name, "action": "drop", "description": "test rule", "pattern": "^XYZ$"}]}), encoding="utf-8")
        os.utime(parent, ns=(stamp, stamp))

    write_parent("first-rule", 1_000_000_000_000_000_000)
    child.write_text(json.dumps({"extends": str(parent), "rules": []}), encoding="utf-8")
    assert "first-rule" in [r.name for r in load_cleaning_rules(child).rules]
    write_parent("second-rule", 2_000_000_000_000_000_000)  # only the parent changes
    names = [r.name for r in load_cleaning_rules(child).rules]
    assert "second-rule" in names and "first-rule" not in names
