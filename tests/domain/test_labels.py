"""Loading and validating the entity label schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.domain.labels import Label, LabelSchema, SchemaError

DEFAULT = Path(__file__).resolve().parents[2] / "resources" / "labels.json"


def test_default_schema_loads_with_keys_one_to_five() -> None:
    schema = LabelSchema.load(DEFAULT)
    assert schema.names() == ["PER", "ORG", "LOC", "MISC", "DATE"]
    assert [label.key for label in schema.labels] == ["1", "2", "3", "4", "5"]
    assert schema.source == str(DEFAULT)
    for label in schema.labels:
        assert label.description, label.name
        assert label.color.startswith("#") and len(label.color) == 7


def test_by_key_get_and_color() -> None:
    schema = LabelSchema.load(DEFAULT)
    assert schema.by_key("1").name == "PER"
    assert schema.by_key("5").name == "DATE"
    assert schema.by_key("9") is None
    assert schema.by_key("0") is None
    assert schema.get("LOC") == schema.by_key("3")
    assert schema.get("NOPE") is None
    assert schema.color("ORG") == schema.get("ORG").color
    assert schema.color("NOPE") == "#9e9e9e"  # unknown labels still get a neutral colour


def test_integer_keys_and_missing_optional_fields_are_accepted() -> None:
    schema = LabelSchema.from_dict({"labels": [{"name": "PER", "key": 1}, {"name": "EVT"}]}, source="s.json")
    assert schema.labels == (Label("PER", "", "#9e9e9e", "1"), Label("EVT", "", "#9e9e9e", None))
    assert schema.by_key("1").name == "PER"


def write(tmp_path: Path, content: object, name: str = "labels.json") -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


GOOD = {"name": "PER", "color": "#e4572e", "key": "1"}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ({"labels": [{"name": "PER", "color": "red"}]}, "color"),
        ({"labels": [{"name": "PER", "color": "#12345"}]}, "color"),
        ({"labels": [GOOD, {"name": "ORG", "key": "1"}]}, "key 1 is already used by PER"),
        ({"labels": [GOOD, {"name": "PER", "key": "2"}]}, "PER is used twice"),
        ({"labels": [{"name": "PER", "key": "12"}]}, "one digit"),
        ({"labels": [{"name": "PER", "key": "0"}]}, "one digit"),
        ({"labels": [{"name": "two words"}]}, '"name"'),
        ({"labels": [{"color": "#123456"}]}, '"name"'),
        ({"labels": ["PER"]}, "not an object"),
        ({"labels": []}, '"labels"'),
        ({"entities": [GOOD]}, '"labels"'),
        ([GOOD], '"labels"'),
        ('{"labels": [', "not valid JSON"),
        ("", "not valid JSON"),
    ],
)
def test_malformed_schema_names_the_file_and_the_problem(tmp_path: Path, content: object, problem: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(SchemaError) as info:
        LabelSchema.load(path)
    message = str(info.value)
    assert str(path) in message
    assert problem in message


def test_the_label_at_fault_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, {"labels": [GOOD, {"name": "ORG", "color": "blue"}]})
    with pytest.raises(SchemaError, match=r"label #2 \(ORG\)"):
        LabelSchema.load(path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "labels.json"
    with pytest.raises(SchemaError, match="not found") as info:
        LabelSchema.load(path)
    assert str(path) in str(info.value)


def test_a_folder_or_a_binary_file_is_a_schema_error(tmp_path: Path) -> None:
    with pytest.raises(SchemaError) as info:
        LabelSchema.load(tmp_path)
    assert str(tmp_path) in str(info.value)
    binary = tmp_path / "labels.json"
    binary.write_bytes(b"\xff\xfe\x00garbage\x80")
    with pytest.raises(SchemaError, match="not valid JSON") as info:
        LabelSchema.load(binary)
    assert str(binary) in str(info.value)


def test_schema_error_is_a_value_error() -> None:
    # callers that only know about ValueError still catch it
    with pytest.raises(ValueError):
        LabelSchema.from_dict({}, source="x")
