"""The command line through ``main([...])``: output, exit status, errors in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from annotator.cli.main import main

REPO = Path(__file__).resolve().parents[2]

ARTICLE = "Vladimir Putin ha chiamato la NATO da Mosca martedì.\n\nLa Russia nega tutto.\n\n2021\n"
T2 = "Sergio Mattarella è arrivato a Milano lunedì."


def record(**fields):
    return json.dumps(fields, ensure_ascii=False)


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(ARTICLE, encoding="utf-8")
    start = T2.index("Milano")
    (good / "b.jsonl").write_text(
        record(id="m1", text=T2, annotator="alice", status="done",
               spans=[{"start": start, "end": start + 6, "label": "LOC", "text": "Milano"}]) + "\n",
        encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(record(text="Pippo e Pluto.", annotator="alice",
                          spans=[{"start": 0, "end": 5, "label": "CARTOON"}]) + "\n{oops\n", encoding="utf-8")
    return {"good": good, "bad": bad, "db": tmp_path / "p.db", "tmp": tmp_path}


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_ok(capsys, files):
    code, out, err = run(capsys, "--project", files["db"], "import", files["good"])
    assert code == 0 and err == ""
    assert "Imported 2 documents (0 already in the project), 1 annotation; removed 1 noise line" in out
    code, out, _ = run(capsys, "--project", files["db"], "import", files["good"])
    assert code == 0 and "Imported 0 documents (2 already in the project), 0 annotations (1 already there)" in out


def test_import_rejected_exit_1(capsys, files):
    code, out, err = run(capsys, "--project", files["db"], "import", files["good"], files["bad"], "-v")
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(f"REJECTED {files['bad']}:1: ") and "CARTOON" in lines[0]
    assert lines[1].startswith(f"REJECTED {files['bad']}:2: ")
    assert "2 inputs rejected" in out
    assert "a.txt: removed 1 noise line" in out and "  - year: 2021" in out


def test_usage_errors_exit_2(capsys, files):
    assert run(capsys, "--bogus")[0] == 2
    assert run(capsys, "export", "--format", "xml")[0] == 2
    assert run(capsys, "preannotate", "--batch-size", "0")[0] == 2
    code, _, err = run(capsys, "export", "--status", "finished")
    assert code == 2 and "unknown status" in err
    assert run(capsys, "import")[0] == 2
    assert run(capsys, "--help")[0] == 0


def test_errors_are_one_line(capsys, files):
    garbage = files["tmp"] / "garbage.db"
    garbage.write_bytes(b"this is not a database at all" * 100)
    code, out, err = run(capsys, "--project", garbage, "stats")
    assert code == 2 and out == "" and err.count("\n") == 1 and "not an annotator project" in err
    code, _, err = run(capsys, "--project", files["tmp"] / "missing.db", "stats")
    assert code == 2 and "no project file" in err and not (files["tmp"] / "missing.db").exists()
    code, _, err = run(capsys, "--project", files["db"], "import", files["good"], "--labels", files["tmp"] / "nope.json")
    assert code == 2 and err.startswith("annotator: error: label schema:") and "Traceback" not in err
    code, _, err = run(capsys, "--project", files["db"], "--annotator", "@bot", "import", files["good"])
    assert code == 2 and "reserved" in err


def test_preannotate(capsys, files):
    run(capsys, "--project", files["db"], "import", files["good"])
    code, out, _ = run(capsys, "--project", files["db"], "preannotate", "--model", "gazetteer")
    assert code == 0
    assert "Saved gazetteer as the project's model" in out
    assert "Pre-annotated 2 documents with gazetteer_it@" in out and "suggestions" in out
    code, out, _ = run(capsys, "--project", files["db"], "preannotate")
    assert code == 0 and "Pre-annotated 0 documents" in out
    code, _, err = run(capsys, "--project", files["db"], "preannotate", "--model", "no_such_model_xyz", "--all")
    assert code == 2 and "no_such_model_xyz" in err and err.count("\n") == 1
    from annotator.store import open_project

    with open_project(files["db"]) as project:
        assert project.setting("model") == "gazetteer"  # a model that failed to load is not saved


def test_export_default_path_and_filters(capsys, files, monkeypatch):
    monkeypatch.chdir(files["tmp"])
    run(capsys, "--project", files["db"], "import", files["good"])
    code, out, _ = run(capsys, "--project", files["db"], "export")
    default = files["tmp"] / "exports" / "p-jsonl.jsonl"
    assert code == 0 and out.strip() == "Wrote 2 records (2 documents) to exports/p-jsonl.jsonl"
    records = [json.loads(line) for line in default.read_text(encoding="utf-8").splitlines()]
    assert [r["annotator"] for r in records] == [None, "alice"]
    target = files["tmp"] / "alice.jsonl"
    code, out, _ = run(capsys, "--project", files["db"], "export", "--format", "jsonl", "-o", target,
                       "--annotator", "alice", "--status", "done")
    assert code == 0 and "Wrote 1 record (1 document)" in out
    assert json.loads(target.read_text(encoding="utf-8"))["status"] == "done"


def test_stats_json_and_table(capsys, files):
    run(capsys, "--project", files["db"], "import", files["good"])
    code, out, _ = run(capsys, "stats", "--project", files["db"], "--json")  # options after the command
    assert code == 0
    stats = json.loads(out)
    assert stats["documents"] == 2
    assert stats["status"]["alice"]["done"] == 1 and stats["status"]["alice"]["new"] == 1
    assert stats["labels"]["alice"] == {"LOC": 1}
    code, out, _ = run(capsys, "--project", files["db"], "stats")
    assert code == 0
    assert "Documents per status and annotator" in out and "Spans per label" in out and "alice" in out


def test_gui_is_the_default_command(capsys, files, monkeypatch):
    calls = []
    fake = types.ModuleType("annotator.ui.app")
    fake.run_app = lambda path, annotator: calls.append((str(path), annotator)) or 0
    monkeypatch.setitem(sys.modules, "annotator.ui.app", fake)
    assert main(["--project", str(files["db"]), "--annotator", "rita"]) == 0
    assert main(["gui", "--project", str(files["db"]), "--annotator", "sara"]) == 0
    assert calls == [(str(files["db"]), "rita"), (str(files["db"]), "sara")]


def test_help_imports_neither_spacy_nor_qt():
    code = (
        "import sys, contextlib, io\n"
        "from annotator.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        "heavy = [m for m in ('spacy', 'PySide6', 'rich', 'trafilatura') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env=env)


def test_config_points_the_project_to_its_own_label_schema(tmp_path, capsys):
    from annotator.cli.main import main

    project = tmp_path / "p.db"
    assert main(["--project", str(project), "import", str(_article(tmp_path))]) == 0
    schema = tmp_path / "mine.json"
    schema.write_text('{"labels": [{"name": "PERSONA", "color": "#112233", "key": "1"}]}', encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"labels": [{"name": "X", "color": "red"}]}', encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(project), "config", "labels", str(broken)]) == 2
    assert "color" in capsys.readouterr().err  # refused, with the reason
    assert main(["--project", str(project), "config", "labels", str(schema)]) == 0
    assert main(["--project", str(project), "config"]) == 0
    out = capsys.readouterr().out
    assert str(schema) in out and "model     = it_news_kind" in out
    from annotator.services import load_labels
    from annotator.store import open_project

    with open_project(project) as p:
        assert load_labels(p).names() == ["PERSONA"]
    assert main(["--project", str(project), "config", "labels", "--unset"]) == 0
    with open_project(project) as p:
        assert load_labels(p).names() == ["PER", "ORG", "LOC", "MISC", "DATE"]


def _article(folder):
    path = folder / "articolo.txt"
    path.write_text("Vertice a Roma\n\nIl ministro ha incontrato i colleghi a Roma.\n", encoding="utf-8")
    return path


def test_export_labels_keeps_only_those_entities(tmp_path, capsys):
    import json

    from annotator.cli.main import main
    from annotator.domain.model import Span
    from annotator.store import NewDocument, open_project

    path = tmp_path / "p.db"
    project = open_project(path)
    [(doc_id, _)] = project.add_documents([NewDocument("Mario Rossi vive a Roma.", {"title": "t"})])
    project.import_annotations([Span(doc_id, 0, 11, "PER", "ann", annotator="ann"),
                                Span(doc_id, 19, 23, "LOC", "ann", annotator="ann")], action="t", annotator="t")
    project.close()
    out = tmp_path / "per.jsonl"
    assert main(["--project", str(path), "export", "--labels", "PER", "-o", str(out)]) == 0
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(s["text"], s["label"]) for s in record["spans"]] == [("Mario Rossi", "PER")]
