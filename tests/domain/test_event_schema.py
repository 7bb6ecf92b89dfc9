"""The event schema: the bundled PLOVER file, a team's own schema, checks on events, and load errors.

Every error must name the file and the item at fault, so a user can fix their own schema file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.domain.event_schema import EventSchema, SchemaError
from annotator.domain.model import Event, EventArg

PLOVER = Path(__file__).resolve().parents[2] / "resources" / "events" / "plover.json"
LAYER = "anna"


@pytest.fixture(scope="module")
def plover() -> EventSchema:
    return EventSchema.load(PLOVER)


def event(type_: str, *roles: str, mode: str | None = None) -> Event:
    """An event of ``type_`` with one argument per role (the offsets do not matter here)."""
    args = tuple(EventArg(role, 10 * i, 10 * i + 5) for i, role in enumerate(roles))
    return Event(1, type_, LAYER, mode=mode, trigger_start=0, trigger_end=5, args=args)


def small_schema() -> dict:
    """A team's own schema: two types, its own roles, no quad classes."""
    return {
        "name": "Cronaca",
        "roles": [{"name": "autore", "labels": ["PER", "ORG"]},
                  {"name": "vittima", "labels": ["PER"], "multiple": False}],
        "types": [
            {"name": "FURTO", "definition": "Qualcuno ruba qualcosa.", "required": ["autore"],
             "modes": [{"name": "scasso", "definition": "con effrazione"}, {"name": "borseggio"}]},
            {"name": "INCENDIO", "definition": "Un incendio."},
        ],
    }


def write(tmp_path: Path, data: object, name: str = "schema.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def load_error(tmp_path: Path, data: object) -> tuple[str, Path]:
    """The message of the SchemaError that loading ``data`` from a file raises, and the file."""
    path = write(tmp_path, data)
    with pytest.raises(SchemaError) as err:
        EventSchema.load(path)
    return str(err.value), path


# --- the bundled PLOVER schema ----------------------------------------------------------------


def test_plover_has_sixteen_types_in_order(plover: EventSchema) -> None:
    assert plover.name == "PLOVER"
    assert plover.type_names() == [
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    ]
    assert plover.source == str(PLOVER)


def test_plover_has_four_quad_classes_and_every_type_is_in_one(plover: EventSchema) -> None:
    assert plover.quad_classes == ("verbal cooperation", "material cooperation", "verbal conflict",
                                   "material conflict")
    by_quad = {q: [t.name for t in plover.types if t.quad == q] for q in plover.quad_classes}
    assert by_quad == {
        "verbal cooperation": ["AGREE", "CONSULT", "SUPPORT", "CONCEDE"],
        "material cooperation": ["COOPERATE", "AID", "RETREAT"],
        "verbal conflict": ["REQUEST", "ACCUSE", "REJECT", "THREATEN"],
        "material conflict": ["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"],
    }


def test_plover_roles_are_actor_recipient_location(plover: EventSchema) -> None:
    assert [r.name for r in plover.roles] == ["actor", "recipient", "location"]
    assert plover.role("location").multiple is False
    assert plover.role("location").labels == ("LOC",)
    assert plover.role("actor").multiple is True
    assert plover.role("patient") is None


def test_plover_consult_modes(plover: EventSchema) -> None:
    assert [m.name for m in plover.type("CONSULT").modes] == ["visit", "third-party", "multilateral", "phone"]


def test_plover_reject_has_the_deny_mode(plover: EventSchema) -> None:
    reject = plover.type("REJECT")
    assert [m.name for m in reject.modes] == ["assist", "change", "yield", "meet", "deny"]
    assert reject.mode("deny").definition == "deny an accusation or a report"


def test_plover_types_without_modes(plover: EventSchema) -> None:
    assert [t.name for t in plover.types if not t.modes] == ["AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID"]


def test_plover_every_type_has_a_definition(plover: EventSchema) -> None:
    assert all(t.definition for t in plover.types)
    assert plover.type("NOPE") is None


def test_plover_required_roles(plover: EventSchema) -> None:
    required = {t.name: t.required for t in plover.types}
    both = {"COOPERATE", "AID", "SANCTION"}
    assert {name for name, roles in required.items() if roles == ("actor", "recipient")} == both
    assert all(roles == ("actor",) for name, roles in required.items() if name not in both)


def test_plover_contexts(plover: EventSchema) -> None:
    for tag in ("military", "diplomatic", "economic", "territory", "cyber", "election", "human-rights"):
        assert tag in plover.contexts


# --- checks on events -------------------------------------------------------------------------


def test_sanction_without_recipient_misses_it(plover: EventSchema) -> None:
    sanction = event("SANCTION", "actor", mode="discontinue")
    assert plover.missing_roles(sanction) == ["recipient"]
    assert plover.problems(sanction) == ["missing recipient"]


def test_aid_without_any_argument_misses_actor_and_recipient(plover: EventSchema) -> None:
    assert plover.missing_roles(event("AID")) == ["actor", "recipient"]


def test_complete_event_has_no_problems(plover: EventSchema) -> None:
    consult = event("CONSULT", "actor", "actor", "location", mode="phone")
    assert plover.missing_roles(consult) == []
    assert plover.problems(consult) == []


def test_consult_needs_only_an_actor(plover: EventSchema) -> None:
    assert plover.missing_roles(event("CONSULT", "location")) == ["actor"]
    assert plover.missing_roles(event("CONSULT", "actor")) == []


def test_unknown_mode_is_a_problem(plover: EventSchema) -> None:
    assert plover.problems(event("CONSULT", "actor", mode="deny")) == ["mode deny is not a mode of CONSULT"]


def test_unknown_role_is_a_problem(plover: EventSchema) -> None:
    assert plover.problems(event("ACCUSE", "actor", "witness")) == ["unknown role witness"]


def test_unknown_type_is_the_only_problem(plover: EventSchema) -> None:
    meet = event("MEET", "witness", mode="in person")
    assert plover.problems(meet) == ["type MEET is not in the PLOVER schema"]
    assert plover.missing_roles(meet) == []


def test_unknown_context_is_a_problem(plover: EventSchema) -> None:
    tagged = event("ASSAULT", "actor", mode="aerial").with_(context=("military", "sport"))
    assert plover.problems(tagged) == ["unknown context sport"]


def test_several_problems_are_all_listed(plover: EventSchema) -> None:
    bad = event("AID", "witness", mode="food")
    assert plover.problems(bad) == ["missing actor", "missing recipient", "mode food is not a mode of AID",
                                    "unknown role witness"]


# --- a team's own schema ----------------------------------------------------------------------


def test_own_schema_loads_from_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, small_schema(), "cronaca.json")
    schema = EventSchema.load(path)
    assert schema.name == "Cronaca"
    assert schema.source == str(path)
    assert schema.type_names() == ["FURTO", "INCENDIO"]
    assert [r.name for r in schema.roles] == ["autore", "vittima"]
    assert schema.role("vittima").multiple is False
    assert schema.role("autore").multiple is True
    assert [m.name for m in schema.type("FURTO").modes] == ["scasso", "borseggio"]
    assert schema.type("FURTO").required == ("autore",)
    assert schema.type("INCENDIO").modes == ()
    assert schema.type("INCENDIO").quad is None
    assert schema.quad_classes == () and schema.contexts == ()
    assert schema.type("CONSULT") is None


def test_own_schema_checks_events_with_its_own_names(tmp_path: Path) -> None:
    schema = EventSchema.load(write(tmp_path, small_schema()))
    assert schema.problems(event("FURTO", "vittima", mode="scasso")) == ["missing autore"]
    assert schema.problems(event("FURTO", "autore", mode="borseggio")) == []
    assert schema.problems(event("CONSULT", "actor")) == ["type CONSULT is not in the Cronaca schema"]


def test_schema_without_a_name_is_named_after_its_file(tmp_path: Path) -> None:
    data = small_schema()
    del data["name"]
    assert EventSchema.load(write(tmp_path, data, "mine.json")).name == "mine"


# --- errors name the file and the item --------------------------------------------------------


def test_not_json_names_the_file_and_line(tmp_path: Path) -> None:
    message, path = load_error(tmp_path, '{"name": "x",\n "roles": [\n  {"name": "actor"},,\n]}')
    assert str(path) in message
    assert "not valid JSON" in message
    assert "line 3" in message


def test_missing_types(tmp_path: Path) -> None:
    data = small_schema()
    del data["types"]
    message, path = load_error(tmp_path, data)
    assert message == f'{path}: "types" must be a non-empty list'


def test_missing_roles(tmp_path: Path) -> None:
    data = small_schema()
    del data["roles"]
    message, path = load_error(tmp_path, data)
    assert message == f'{path}: "roles" must be a non-empty list'


def test_a_type_without_definition(tmp_path: Path) -> None:
    data = small_schema()
    data["types"][1]["definition"] = "  "
    message, path = load_error(tmp_path, data)
    assert message.startswith(f"{path}: type #2 (INCENDIO): needs a \"definition\"")


def test_a_duplicate_type(tmp_path: Path) -> None:
    data = small_schema()
    data["types"].append({"name": "FURTO", "definition": "ancora"})
    message, path = load_error(tmp_path, data)
    assert message == f"{path}: type FURTO is defined twice"


def test_a_required_role_not_in_roles(tmp_path: Path) -> None:
    data = small_schema()
    data["types"][0]["required"] = ["autore", "testimone"]
    message, path = load_error(tmp_path, data)
    assert message.startswith(f"{path}: type #1 (FURTO): required role 'testimone' is not one of the schema's roles")
    assert "autore, vittima" in message


def test_a_mode_that_is_not_an_object(tmp_path: Path) -> None:
    data = small_schema()
    data["types"][0]["modes"] = [{"name": "scasso"}, "borseggio"]
    message, path = load_error(tmp_path, data)
    assert message == f"{path}: type #1 (FURTO): mode #2 is not an object"


def test_a_quad_not_in_quad_classes(tmp_path: Path) -> None:
    data = small_schema()
    data["quad_classes"] = ["buono", "cattivo"]
    data["types"][1]["quad"] = "neutro"
    message, path = load_error(tmp_path, data)
    assert message == f"{path}: type #2 (INCENDIO): quad 'neutro' is not one of buono, cattivo"


def test_a_quad_in_quad_classes_is_kept(tmp_path: Path) -> None:
    data = small_schema()
    data["quad_classes"] = ["buono", "cattivo"]
    data["types"][1]["quad"] = "cattivo"
    assert EventSchema.load(write(tmp_path, data)).type("INCENDIO").quad == "cattivo"


def test_a_duplicate_role(tmp_path: Path) -> None:
    data = small_schema()
    data["roles"].append({"name": "autore"})
    message, path = load_error(tmp_path, data)
    assert message == f"{path}: role autore is defined twice"


def test_a_type_name_that_is_not_a_word(tmp_path: Path) -> None:
    data = small_schema()
    data["types"][0]["name"] = "furto con scasso"
    message, path = load_error(tmp_path, data)
    assert message.startswith(f"{path}: type #1: \"name\" must be a word")
    assert "'furto con scasso'" in message


def test_not_an_object(tmp_path: Path) -> None:
    message, path = load_error(tmp_path, ["FURTO"])
    assert message.startswith(f"{path}: expected a JSON object")


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    with pytest.raises(SchemaError) as err:
        EventSchema.load(path)
    assert str(err.value).startswith(f"{path}: cannot read the event schema")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "Città"}'.encode("latin-1"))
    with pytest.raises(SchemaError) as err:
        EventSchema.load(path)
    assert str(err.value).startswith(f"{path}: not UTF-8 text")


def test_from_dict_names_its_source() -> None:
    with pytest.raises(SchemaError) as err:
        EventSchema.from_dict({"roles": [{"name": "actor"}], "types": []}, source="team.json")
    assert str(err.value) == 'team.json: "types" must be a non-empty list'
