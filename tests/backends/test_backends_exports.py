"""Every export format writes the same bytes from a SQLite project and from a team project on
PostgreSQL holding the same annotations: nothing is normalised before comparing (folder formats:
the same files with the same bytes), but for the moment a folder export was written, which its
marker file (``.annotator-export``) records. Every import format brings the same into both."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from backend_sample import PEOPLE, build
from test_backends_services import everything

from annotator.formats import EXPORTERS, IMPORTERS
from annotator.formats.atomic import MARKER
from annotator.services.exporting import export
from annotator.services.importing import import_paths

STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")

# the filters a user combines most, each on every format
FILTERS = {
    "everything": {},
    "with suggestions": {"include_suggestions": True},
    "gold": {"gold": True},
    "two annotators, done": {"annotators": ["Zoe", "alice"], "status": "done"},
    "people only, labels": {"labels": ["PER", "DATE"]},
}


def tree(path: Path) -> dict[str, bytes]:
    """A file's bytes, or a folder's files (relative names) with their bytes; the marker of a folder
    export without the second it was written in."""
    if path.is_file():
        return {"": path.read_bytes()}
    files = {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    if MARKER in files:
        head, _, listing = files[MARKER].partition(b"\n")
        stamp = json.loads(head)
        assert STAMP.fullmatch(stamp.pop("written"))
        files[MARKER] = json.dumps(stamp).encode() + b"\n" + listing
    return files


def counts(report) -> dict[str, object]:
    """What an export's report says, but where it wrote (which differs by design here)."""
    return {k: v for k, v in dataclasses.asdict(report).items() if k != "paths"}


@pytest.fixture
def rich_twins(twins):
    for project in twins:
        build(project)
    return twins


@pytest.mark.parametrize("filters", FILTERS.values(), ids=FILTERS.keys())
def test_every_format_writes_the_same_bytes_on_both_backends(rich_twins, tmp_path, filters):
    lite, server = rich_twins
    for fmt, spec in EXPORTERS.items():
        written = []
        for name, project in (("sqlite", lite), ("postgresql", server)):
            out = tmp_path / name / f"{fmt}{spec.suffix}"
            out.parent.mkdir(exist_ok=True)
            report = export(project, out, fmt=fmt, **filters)
            written.append((counts(report), tree(out)))
        (lite_report, lite_files), (server_report, server_files) = written
        assert lite_files, fmt
        assert server_files == lite_files, fmt
        assert server_report == lite_report, fmt


def test_the_complete_export_holds_everything_built(rich_twins, tmp_path):
    """The comparison above is worth something only if the export holds the rich project: every
    layer in code point order, rejections, values, quotation links and statuses."""
    lite, server = rich_twins
    for project in (lite, server):
        out = tmp_path / f"{project.dialect.name}.jsonl"
        export(project, out, fmt="jsonl", include_suggestions=True)
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        layers = [(r["id"], r["annotator"], r["status"]) for r in records]
        assert layers == [  # gold only when asked for; suggestions pending for someone, per origin
            ("doc-1", "alice", "done"), ("doc-1", "bob", "in progress"),
            ("doc-1", "gazetteer_it@0.1.0", "suggested"), ("doc-1", "quotes_it@0.2.0", "suggested"),
            ("doc-2", "Zoe", "done"), ("doc-2", "bob", "done"),
            ("doc-3", "alice", "done"),
        ], project.dialect.name
        alice = records[0]
        assert [(s["text"], s["label"], s.get("value")) for s in alice["spans"]] == [
            ("Mario Draghi", "PER", None), ("ANSA", "ORG", None), ("Parigi", "LOC", None),
            ("30 dicembre", "DATE", "2021-12-30")]
        assert [s["text"] for s in alice["rejected"]["spans"]] == ["Macron"]
        assert [e["type"] for e in alice["rejected"]["events"]] == ["THREATEN"]
        [consult] = alice["events"]
        assert consult["quote"]["text"] == "La città è pronta" and [a["role"] for a in consult["args"]] == [
            "actor", "recipient", "location"]
        assert sorted({r["annotator"] for r in records} & set(PEOPLE)) == sorted(PEOPLE)


@pytest.mark.parametrize("fmt", sorted(IMPORTERS))
def test_every_import_format_gives_the_same_project(rich_twins, make_any_project, tmp_path, labels, fmt):
    """What another tool's format brings back (here: this project's own export in that format,
    every layer and the suggestions) is stored alike on both backends."""
    out = tmp_path / f"out{EXPORTERS[fmt].suffix}"
    export(rich_twins[0], out, fmt=fmt, gold=True, include_suggestions=True)
    fresh = [make_any_project(backend, f"{fmt}.db") for backend in ("sqlite", "postgresql")]
    reports = [import_paths(project, [out], annotator="alice", labels=labels, fmt=fmt) for project in fresh]
    assert reports[1] == reports[0]
    assert reports[0].added == 3 and reports[0].annotations > 0
    assert everything(fresh[1]) == everything(fresh[0])
