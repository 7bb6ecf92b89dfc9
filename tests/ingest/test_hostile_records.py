"""Hostile inputs reject just the bad record or entry, with its place and the reason, and the rest comes in.

Each case goes through the real import service (or the command line) on a real project: lone
surrogates, NaN and Infinity, event names the project's schema does not know, file names that are not
UTF-8, symbolic link loops, control characters in names, and a mostly-UTF-8 file with a few bad bytes.
A property test mixes generated hostile JSONL records with good ones.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.cli.main import main
from annotator.services.importing import import_paths
from annotator.store import open_project

GOOD = "Mario Rossi ha telefonato a Roma ieri sera."
OTHER = "Un altro articolo: il sindaco di Napoli ha parlato."
STORED = "Un articolo già nel progetto, con i suoi metadati."


def good_line(text: str = GOOD, **extra) -> str:
    return json.dumps({"text": text, "annotator": "ann", "spans": [{"start": 0, "end": 11, "label": "PER"}],
                       **extra}, ensure_ascii=False)


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def counts(project) -> tuple[int, int]:
    """(documents, spans) in the project."""
    return tuple(project.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "spans"))


def stored_rows(project) -> list[tuple]:
    return project.conn.execute("SELECT uid, text, meta FROM documents ORDER BY id").fetchall()


@pytest.fixture
def stored(project, labels, tmp_path):
    """The project with one document already imported: what a bad record must leave as it is."""
    first = write_lines(tmp_path / "first.jsonl", json.dumps({"id": "kept", "text": STORED, "meta": {"title": "t"}}))
    assert import_paths(project, [first], annotator="ann", labels=labels).added == 1
    return project


def import_one_bad(project, labels, path: Path, bad_line: str):
    """Import good, bad, good; return the single rejection after checking the rest came in."""
    before = stored_rows(project)
    write_lines(path, good_line(), bad_line, good_line(OTHER))
    report = import_paths(project, [path], annotator="ann", labels=labels)
    (rejection,) = report.rejected
    assert rejection.source == f"{path}:2"
    assert (report.added, report.annotations) == (2, 2)
    assert stored_rows(project)[: len(before)] == before  # nothing already stored was touched
    return rejection


# --- lone surrogates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "place"), [
    ('{"text": "ciao \\ud800 mondo", "annotator": "ann"}', "in text at character 5"),
    ('{"text": "ciao mondo", "meta": {"title": "caff\\udce9"}}', "in meta.title at character 4"),
    ('{"text": "ciao mondo", "meta": {"k\\ud800": 1}}', "in a key of meta"),
    ('{"text": "ciao mondo", "annotator": "an\\udfff"}', "in annotator at character 2"),
    ('{"text": "ciao mondo", "id": "\\ud83d"}', "in id at character 0"),
    ('{"text": "ciao mondo", "annotator": "ann", "spans": [{"start": 0, "end": 4, "label": "P\\ud800"}]}',
     "in spans[0].label at character 1"),
    ('{"text": "ciao mondo", "meta": {"tags": [["ok", "b\\udc80"]]}}', "in meta.tags[0][1] at character 1"),
])
def test_a_lone_surrogate_rejects_that_record_alone(stored, labels, tmp_path, line, place):
    rejection = import_one_bad(stored, labels, tmp_path / "s.jsonl", line)
    assert rejection.reason.startswith("lone surrogate \\u")
    assert place in rejection.reason and "fix the record" in rejection.reason


def test_a_surrogate_pair_is_one_character_and_imports(project, labels, tmp_path):
    path = write_lines(tmp_path / "pair.jsonl", '{"text": "ok \\ud83d\\ude00 fine"}')
    report = import_paths(project, [path], annotator="ann", labels=labels)
    assert report.rejected == [] and report.added == 1


@pytest.mark.parametrize("fmt", ["prodigy", "doccano"])
def test_other_jsonl_formats_reject_the_record_with_a_surrogate_or_nan(project, labels, tmp_path, fmt):
    text = json.dumps(GOOD)
    path = write_lines(tmp_path / f"{fmt}.jsonl", f'{{"text": {text}}}', '{"text": "ciao \\ud800"}',
                       '{"text": "ciao", "meta": {"score": NaN}}', f'{{"text": {json.dumps(OTHER)}}}')
    report = import_paths(project, [path], annotator="ann", labels=labels, fmt=fmt)
    assert [r.source for r in report.rejected] == [f"{path}:2", f"{path}:3"]
    assert "lone surrogate \\ud800 in text" in report.rejected[0].reason
    assert "NaN in meta.score" in report.rejected[1].reason
    assert report.added == 2


# --- NaN and Infinity ------------------------------------------------------------------------------------


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_reject_the_record(stored, labels, tmp_path, constant):
    line = f'{{"text": "ciao mondo", "meta": {{"score": [1, {constant}]}}}}'
    rejection = import_one_bad(stored, labels, tmp_path / "n.jsonl", line)
    assert rejection.reason.startswith(f"{constant} in meta.score[1]: JSON has no NaN or Infinity")


def test_a_number_too_large_for_a_float_is_refused_too(project, labels, tmp_path):
    rejection = import_one_bad(project, labels, tmp_path / "big.jsonl", '{"text": "ciao", "meta": {"x": 1e999}}')
    assert "meta.x is a number too large for JSON" in rejection.reason


def test_an_integer_of_thousands_of_digits_rejects_its_line_only(project, labels, tmp_path):
    rejection = import_one_bad(project, labels, tmp_path / "long.jsonl", '{"text": "ciao", "n": ' + "9" * 5000 + "}")
    assert "a number with thousands of digits" in rejection.reason


# --- event names the schema does not know ------------------------------------------------------------------


def event_line(**event) -> str:
    text = "Mario ha telefonato a Luigi."
    return json.dumps({"text": text, "annotator": "ann",
                       "events": [{"type": "CONSULT", "trigger": {"start": 9, "end": 19}, **event}]})


@pytest.mark.parametrize(("event", "expected"), [
    ({"type": "TELEPORT"}, ["type TELEPORT is not in the PLOVER event schema", "its types: AGREE, CONSULT"]),
    ({"mode": "telepathy"}, ["mode telepathy is not a mode of CONSULT", "its modes: visit, third-party"]),
    ({"context": ["sports"]}, ["context sports is not in the PLOVER event schema", "its contexts: military"]),
    ({"args": [{"role": "wizard", "start": 0, "end": 5}]},
     ["role wizard is not in the PLOVER event schema", "its roles: actor, recipient, location"]),
])
def test_an_event_the_schema_does_not_know_rejects_its_record(stored, labels, tmp_path, event, expected):
    rejection = import_one_bad(stored, labels, tmp_path / "e.jsonl", event_line(**event))
    assert rejection.reason.startswith("event 1 (")
    for words in expected:
        assert words in rejection.reason
    assert "fix the record, or add the names to the event schema" in rejection.reason


def test_the_project_event_schema_is_the_one_checked(project, labels, tmp_path):
    schema = json.loads((Path(__file__).parents[2] / "resources" / "events" / "plover.json").read_text("utf-8"))
    schema["types"].append({"name": "TELEPORT", "definition": "moves without travelling"})
    (tmp_path / "events.json").write_text(json.dumps(schema), encoding="utf-8")
    project.set_setting("events", str(tmp_path / "events.json"))
    path = write_lines(tmp_path / "e.jsonl", event_line(type="TELEPORT"))
    report = import_paths(project, [path], annotator="ann", labels=labels)
    assert report.rejected == [] and report.annotations == 1


# --- names in folders ----------------------------------------------------------------------------------


def make_undecodable(folder: Path) -> Path:
    """``folder/café.txt`` with é as the Latin-1 byte 0xE9 (not UTF-8); skip where the file system refuses."""
    try:
        fd = os.open(os.fsencode(folder) + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY, 0o644)
    except (OSError, ValueError):
        pytest.skip("this file system refuses names that are not UTF-8")
    os.write(fd, "Un caffè al bar del centro.\n".encode())
    os.close(fd)
    return folder / os.fsdecode(b"caf\xe9.txt")


def folder_with(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Il primo articolo della cartella.\n", encoding="utf-8")
    (folder / "z.txt").write_text("L'ultimo articolo della cartella.\n", encoding="utf-8")
    return folder


def test_a_file_name_that_is_not_utf8_is_named_and_skipped(project, labels, tmp_path):
    folder = folder_with(tmp_path)
    make_undecodable(folder)
    report = import_paths(project, [folder], annotator="ann", labels=labels)
    (rejection,) = report.rejected
    assert rejection.source == f"{folder}/caf\\xe9.txt"
    assert rejection.reason.startswith("the name is not valid UTF-8") and "rename it" in rejection.reason
    assert report.added == 2


def test_a_folder_name_that_is_not_utf8_is_named_once(project, labels, tmp_path):
    folder = folder_with(tmp_path)
    try:
        os.mkdir(os.fsencode(folder) + b"/vecchi\xff")
    except (OSError, ValueError):
        pytest.skip("this file system refuses names that are not UTF-8")
    (folder / os.fsdecode(b"vecchi\xff") / "b.txt").write_text("Dentro.", encoding="utf-8")
    report = import_paths(project, [folder], annotator="ann", labels=labels)
    (rejection,) = report.rejected
    assert rejection.source == f"{folder}/vecchi\\xff" and "nothing in it was read" in rejection.reason
    assert report.added == 2


def test_symbolic_link_loops_are_named_and_skipped(project, labels, tmp_path):
    folder = folder_with(tmp_path)
    os.symlink("self.txt", folder / "self.txt")
    os.symlink("l2.txt", folder / "l1.txt")
    os.symlink("l1.txt", folder / "l2.txt")
    os.symlink("missing.txt", folder / "dangling.txt")
    report = import_paths(project, [folder, folder / "self.txt"], annotator="ann", labels=labels)
    reasons = {Path(r.source).name: r.reason for r in report.rejected}
    assert sorted(reasons) == ["dangling.txt", "l1.txt", "l2.txt", "self.txt"]
    assert reasons["self.txt"].startswith("a symbolic link that loops")
    assert "'missing.txt', which does not exist" in reasons["dangling.txt"]
    assert report.added == 2


def test_a_file_name_that_is_not_utf8_in_a_format_folder_is_named(project, labels, tmp_path):
    folder = tmp_path / "tasks"
    folder.mkdir()
    write_lines(folder / "good.jsonl", json.dumps({"text": GOOD}))
    try:
        fd = os.open(os.fsencode(folder) + b"/caf\xe9.jsonl", os.O_CREAT | os.O_WRONLY, 0o644)
    except (OSError, ValueError):
        pytest.skip("this file system refuses names that are not UTF-8")
    os.write(fd, json.dumps({"text": OTHER}).encode() + b"\n")
    os.close(fd)
    report = import_paths(project, [folder], annotator="ann", labels=labels, fmt="prodigy")
    (rejection,) = report.rejected
    assert rejection.source == f"{folder}/caf\\xe9.jsonl:1" and "not valid UTF-8" in rejection.reason
    assert report.added == 1


def test_a_looping_link_listed_in_a_brat_folder_rejects_that_file_alone(project, labels, tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "a.ann").write_text("T1\tPER 0 11\tMario Rossi\n", encoding="utf-8")
    os.symlink("loop.ann", folder / "loop.ann")
    (folder / "meta.json").write_text(json.dumps({"a": {"id": "a"}, "loop": {"id": "loop"}}), encoding="utf-8")
    report = import_paths(project, [folder], annotator="ann", labels=labels, fmt="brat")
    (rejection,) = report.rejected
    assert rejection.source == str(folder / "loop.ann") and "symbolic link that loops" in rejection.reason
    assert (report.added, report.annotations) == (1, 1)


def test_control_characters_in_names_are_escaped(project, labels, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nREJECTED fake.txt").write_text("", encoding="utf-8")
    (folder / "\x1b[31mred.txt").write_text("  ", encoding="utf-8")
    report = import_paths(project, [folder], annotator="ann", labels=labels)
    sources = sorted(r.source for r in report.rejected)
    assert sources == [f"{folder}/\\x1b[31mred.txt", f"{folder}/a\\nREJECTED fake.txt"]
    assert all(c.isprintable() for r in report.rejected for c in str(r))


def test_control_characters_in_record_values_are_escaped_in_the_reason(project, labels, tmp_path):
    bad = json.dumps({"text": "ciao mondo", "annotator": "ann",
                      "spans": [{"start": 0, "end": 4, "label": "X\nREJECTED \x1b[2Jforged"}]})
    rejection = import_one_bad(project, labels, tmp_path / "c.jsonl", bad)
    assert "X\\nREJECTED \\x1b[2Jforged" in rejection.reason and rejection.reason.isprintable()


# --- a mostly-UTF-8 file with a few bad bytes ----------------------------------------------------------------


def test_a_mostly_utf8_file_is_refused_naming_the_offsets(project, labels, tmp_path):
    text = "Il caffè è buono, perché sì. Città e più.\n".encode()
    damaged = text[:10] + b"\xff" + text[10:] + b"\x92 fine\n"
    (tmp_path / "damaged.txt").write_bytes(damaged)
    (tmp_path / "ok.txt").write_text("Un articolo sano.\n", encoding="utf-8")
    report = import_paths(project, [tmp_path / "damaged.txt", tmp_path / "ok.txt"], annotator="ann", labels=labels)
    (rejection,) = report.rejected
    assert rejection.source == str(tmp_path / "damaged.txt")
    assert "UTF-8 except for 2 bytes" in rejection.reason
    assert f"0xff at byte 10, 0x92 at byte {len(text) + 1}" in rejection.reason
    assert "not read as Latin-1" in rejection.reason
    assert report.added == 1
    assert "Ã" not in "".join(t for (t,) in project.conn.execute("SELECT text FROM documents"))


def test_a_jsonl_line_with_a_few_bad_bytes_names_their_offsets_in_the_file(project, labels, tmp_path):
    first = good_line().encode() + b"\n"
    bad = '{"text": "perché sì, città'.encode() + b"\xe0" + b'"}\n'
    (tmp_path / "b.jsonl").write_bytes(first + bad + good_line(OTHER).encode() + b"\n")
    report = import_paths(project, [tmp_path / "b.jsonl"], annotator="ann", labels=labels)
    (rejection,) = report.rejected
    assert rejection.source.endswith("b.jsonl:2")
    assert f"0xe0 at byte {len(first) + len(bad) - 4}" in rejection.reason  # the byte before '"}'
    assert report.added == 2


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_genuine_latin1_and_windows1252_files_still_import(project, labels, tmp_path, encoding):
    text = "«PERCHÉ» è così: il caffè costa 1 euro, disse il sindaco di Forlì.\n"
    (tmp_path / "old.txt").write_bytes(text.encode(encoding))
    report = import_paths(project, [tmp_path / "old.txt"], annotator="ann", labels=labels)
    assert report.rejected == [] and report.added == 1
    ((stored,),) = project.conn.execute("SELECT raw FROM documents").fetchall()
    assert stored == text


def test_a_nul_byte_in_one_line_rejects_that_line_not_the_file(project, labels, tmp_path):
    rejection = import_one_bad(project, labels, tmp_path / "nul.jsonl", '{"text": "a\x00b"}')
    assert "not valid JSON" in rejection.reason


def test_a_utf16_jsonl_file_is_still_refused_whole_as_binary(project, labels, tmp_path):
    (tmp_path / "u.jsonl").write_bytes((good_line() + "\n").encode("utf-16-le"))
    report = import_paths(project, [tmp_path / "u.jsonl"], annotator="ann", labels=labels)
    assert [(r.source, r.reason) for r in report.rejected] == [(str(tmp_path / "u.jsonl"),
                                                                "binary file (contains NUL bytes)")]


# --- the command line ---------------------------------------------------------------------------------------


def test_cli_names_each_bad_record_and_exits_1(tmp_path, capsys):
    path = write_lines(tmp_path / "mixed.jsonl", good_line(), '{"text": "x \\ud800"}',
                       '{"text": "y", "meta": {"v": NaN}}', event_line(type="TELEPORT"), good_line(OTHER))
    db = tmp_path / "p.db"
    code = main(["--project", str(db), "--annotator", "ann", "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    lines = err.strip().splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"REJECTED {path}:{n}" for n in (2, 3, 4)]
    assert "lone surrogate \\ud800" in lines[0] and "NaN in meta.v" in lines[1] and "TELEPORT" in lines[2]
    assert "Imported 2 documents" in out and "3 inputs rejected" in out


def test_cli_prints_a_forged_name_on_one_line(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nREJECTED fake.txt").write_text("", encoding="utf-8")
    code = main(["--project", str(tmp_path / "p.db"), "--annotator", "ann", "import", str(folder)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 1 and "a\\nREJECTED fake.txt: empty file" in err


# --- generated hostile records -------------------------------------------------------------------------------

LABEL_NAMES = {"PER", "ORG", "LOC", "DATE", "MISC", "EVENT", "QUOTE", "CUE"}
_numbers = itertools.count()
surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
# no NUL: a record holding one is refused (no team project's server can store it), see "nul" below
plain_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | plain_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(plain_text, inner, max_size=3),
    max_leaves=8,
)
not_a_list = json_values.filter(lambda v: v is not None and not isinstance(v, list))
not_a_dict = json_values.filter(lambda v: v is not None and not isinstance(v, dict))
bad_offset = st.one_of(st.integers(max_value=-1), st.integers(min_value=10**6), st.floats(allow_nan=False),
                       st.text(max_size=3), st.booleans())
unknown_name = st.text(st.characters(min_codepoint=0x41, max_codepoint=0x5A), min_size=1, max_size=8)


def with_surrogate(value: str, char: str, at: int) -> str:
    at = min(at, len(value))
    return value[:at] + char + value[at:]


@st.composite
def good_records(draw) -> dict:
    """A record that must import: a fresh text, any metadata, a PER span on its first word."""
    text = f"Rossi {next(_numbers)} {draw(plain_text)}"
    record = {"text": text, "meta": draw(st.dictionaries(plain_text, json_values, max_size=3)),
              "annotator": "ann", "spans": [{"start": 0, "end": 5, "label": "PER", "text": "Rossi"}]}
    if draw(st.booleans()):
        record["id"] = draw(plain_text | st.integers(-5, 10**30))
    return record


@st.composite
def bad_lines(draw) -> str:
    """One JSONL line with at least one defect that must reject it."""
    base = draw(good_records())
    kind = draw(st.sampled_from([
        "surrogate-text", "surrogate-meta", "surrogate-key", "surrogate-annotator", "nan", "not-object",
        "no-text", "text-type", "empty-text", "spans-type", "offset", "label", "event-type", "event-mode",
        "event-role", "event-context", "meta-type", "annotator-type", "status", "not-json", "long-int", "nul",
    ]))
    char = draw(surrogate)
    if kind == "surrogate-text":
        base["text"] = with_surrogate(base["text"], char, draw(st.integers(0, 40)))
    elif kind == "surrogate-meta":
        base["meta"] = {**base["meta"], "title": with_surrogate(draw(plain_text), char, draw(st.integers(0, 12)))}
    elif kind == "surrogate-key":
        base["meta"] = {char + draw(plain_text): draw(json_values)}
    elif kind == "nul":
        base[draw(st.sampled_from(["text", "id"]))] = with_surrogate(base["text"], "\x00", draw(st.integers(0, 40)))
    elif kind == "surrogate-annotator":
        base["annotator"] = with_surrogate("ann", char, draw(st.integers(0, 3)))
    elif kind == "nan":
        base["meta"] = {**base["meta"], "x": draw(st.sampled_from([float("nan"), float("inf"), float("-inf")]))}
    elif kind == "not-object":
        return json.dumps(draw(not_a_dict))
    elif kind == "no-text":
        return json.dumps({k: v for k, v in draw(st.dictionaries(plain_text, json_values, max_size=4)).items()
                           if k != "text"})
    elif kind == "text-type":
        base["text"] = draw(not_a_dict.filter(lambda v: not isinstance(v, str)) | st.dictionaries(plain_text, json_values))
    elif kind == "empty-text":
        base["text"] = draw(st.sampled_from(["", " ", "\n\t"]))
    elif kind == "spans-type":
        base["spans"] = draw(not_a_list)
    elif kind == "offset":
        base["spans"] = [{"start": draw(bad_offset), "end": draw(bad_offset | st.integers()), "label": "PER"}]
    elif kind == "label":
        base["spans"][0]["label"] = draw(unknown_name.filter(lambda n: n not in LABEL_NAMES))
    elif kind.startswith("event-"):
        event: dict = {"type": "CONSULT"}
        if kind == "event-type":
            event["type"] = draw(unknown_name.filter(lambda n: n not in {"AGREE", "CONSULT", "SUPPORT", "CONCEDE",
                                 "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                                 "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}))
        elif kind == "event-mode":
            event["mode"] = draw(unknown_name.map(str.lower).filter(
                lambda n: n not in {"visit", "third-party", "multilateral", "phone"}))
        elif kind == "event-role":
            event["args"] = [{"role": draw(unknown_name), "start": 0, "end": 5}]
        else:
            event["context"] = [draw(unknown_name)]
        base["events"] = [event]
    elif kind == "meta-type":
        base["meta"] = draw(not_a_dict)
    elif kind == "annotator-type":
        base["annotator"] = draw(not_a_dict.filter(lambda v: not isinstance(v, str)) | st.just("  "))
    elif kind == "status":
        base["status"] = draw(unknown_name.map(str.lower))
    elif kind == "not-json":
        return "{," + draw(plain_text).replace("\n", " ").replace("\r", " ")
    elif kind == "long-int":
        return json.dumps(base)[:-1] + ', "n": ' + "7" * 4400 + "}"
    return json.dumps(base, allow_nan=True)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One project for every generated example (texts are unique, so each adds its own documents)."""
    from annotator.domain.labels import LabelSchema

    folder = tmp_path_factory.mktemp("hostile")
    project = open_project(folder / "project.db")
    labels = LabelSchema.load(Path(__file__).parents[2] / "resources" / "labels.json")
    yield project, labels, folder
    project.close()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(good_records().map(lambda r: ("good", r)), bad_lines().map(lambda b: ("bad", b))),
                      min_size=1, max_size=8))
def test_generated_hostile_records_never_stop_the_import(shared, lines):
    project, labels, folder = shared
    path = folder / "batch.jsonl"
    path.write_text("\n".join(json.dumps(v, ensure_ascii=True) if k == "good" else v for k, v in lines) + "\n",
                    encoding="utf-8")
    good = [n for n, (k, _) in enumerate(lines, 1) if k == "good"]
    bad = [n for n, (k, _) in enumerate(lines, 1) if k == "bad"]
    before = counts(project)
    report = import_paths(project, [path], annotator="ann", labels=labels, batch_size=3)
    assert sorted(r.source for r in report.rejected) == sorted(f"{path}:{n}" for n in bad), report.rejected
    assert (report.added, report.annotations) == (len(good), len(good))
    assert counts(project) == (before[0] + len(good), before[1] + len(good))
    assert all(str(r).isprintable() for r in report.rejected)
