"""On a team project the annotator is the login role: ``--annotator`` naming someone else, an
imported record of someone else's layer (or gold, or suggestions), an article a member may not add,
are each refused with status 2 in one line naming the file and record, and nothing is written.
The owner imports anyone's layer."""

from __future__ import annotations

import json

import pytest

from annotator.cli.main import main
from annotator.domain.labels import LabelSchema
from annotator.services.importing import import_paths
from annotator.store.errors import PermissionRefused
from team_helpers import TEXT, Team, everything

SECOND = "Sergio Mattarella è arrivato a Milano lunedì."


def record(text: str, annotator: str | None = None, **fields: object) -> str:
    start = text.index("Mario") if "Mario" in text else text.index("Sergio")
    fields.setdefault("spans", [{"start": start, "end": start + 5, "label": "PER"}])
    if annotator is not None:
        fields["annotator"] = annotator
    return json.dumps({"text": text, **fields}, ensure_ascii=False)


@pytest.fixture
def articles(team: Team, tmp_path, capsys):
    """The owner imported the two articles."""
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": TEXT}) + "\n" + json.dumps({"id": "a2", "text": SECOND}) + "\n",
                    encoding="utf-8")
    assert main(["--project", team.url(team.owner), "import", str(path)]) == 0
    capsys.readouterr()
    return path


def write(tmp_path, name: str, *lines: str):
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_annotator_naming_someone_else_is_refused_and_writes_nothing(capsys, team: Team, articles, tmp_path) -> None:
    mine = write(tmp_path, "mine.jsonl", record(TEXT))
    before = everything(team)
    for argv in (["--annotator", team.bruno, "import", mine], ["import", mine, "--annotator", team.bruno],
                 ["--annotator", "gold", "import", mine]):
        code, out, err = run(capsys, "--project", team.url(team.anna), *argv)
        assert (code, out) == (2, ""), argv
        assert err.startswith(f"annotator: error: on a team project you are the role you log in as ({team.anna})")
        assert len(err.splitlines()) == 1
    assert everything(team) == before
    # naming oneself is fine
    code, out, _ = run(capsys, "--project", team.url(team.anna), "--annotator", team.anna, "import", mine)
    assert code == 0 and "1 annotation" in out


@pytest.mark.parametrize("whose, said", [("bruno", "bruno's layer"), ("gold", "the gold layer"),
                                          ("@suggestions", "pipeline suggestions")])
def test_an_annotator_importing_another_layer_is_refused_and_nothing_is_written(
        capsys, team: Team, articles, tmp_path, whose: str, said: str) -> None:
    other = getattr(team, whose, whose)
    said = said.replace("bruno", team.bruno)
    extra = {"status": "suggested"} if whose == "@suggestions" else {}
    path = write(tmp_path, "mixed.jsonl",
                 record(TEXT),  # her own layer: fine on its own, but the import is all or nothing
                 record(SECOND, other if whose != "@suggestions" else None, **extra))
    before = everything(team)
    code, out, err = run(capsys, "--project", team.url(team.anna), "import", path)
    assert (code, out) == (2, "")
    assert err == (f"annotator: error: {path}:2: this record holds {said}, and {team.anna} (an annotator) may "
                   "import only their own layer; nothing was imported (the owner imports anyone's layer)\n")
    assert everything(team) == before


def test_a_refused_record_in_a_later_batch_leaves_the_earlier_batches_out_too(team: Team, articles, tmp_path, labels) -> None:
    path = write(tmp_path, "late.jsonl", record(TEXT), record(SECOND), record(TEXT, team.bruno))
    before = everything(team)
    anna = team.open(team.anna)
    with pytest.raises(PermissionRefused, match=rf"late.jsonl:3: this record holds {team.bruno}'s layer"):
        import_paths(anna, [path], annotator=team.anna, labels=labels, batch_size=1)
    assert everything(team) == before
    assert not anna.conn.in_transaction  # the session is usable again
    assert anna.spans(anna.document_ids()[0], team.anna) == []


@pytest.mark.parametrize("kind", ["jsonl", "txt"])
def test_a_member_cannot_import_new_articles(capsys, team: Team, articles, tmp_path, kind: str) -> None:
    new = "Un articolo che il progetto non ha ancora, su Torino."
    path = (write(tmp_path, "new.jsonl", record(TEXT), json.dumps({"text": new})) if kind == "jsonl"
            else write(tmp_path, "nuovo.txt", new))
    before = everything(team)
    for who in (team.anna, team.rita):
        code, out, err = run(capsys, "--project", team.url(who), "import", path)
        assert (code, out) == (2, "")
        where = f"{path}:2" if kind == "jsonl" else str(path)
        assert err.startswith(f"annotator: error: {where}: this article is not in the project, and only its owner "
                              "imports articles")
        assert err.endswith("nothing was imported\n") and len(err.splitlines()) == 1
    assert everything(team) == before


def test_an_annotator_imports_her_own_layer_on_articles_already_there(capsys, team: Team, articles, tmp_path) -> None:
    path = write(tmp_path, "mine.jsonl", record(TEXT, team.anna, status="done"), record(SECOND))
    code, out, err = run(capsys, "--project", team.url(team.anna), "import", path)
    assert (code, err) == (0, "")
    assert "Imported 0 documents (2 already in the project), 2 annotations" in out
    owner = team.open(team.owner)
    first, second = owner.document_ids()
    assert [(s.label, s.layer) for s in owner.spans(first, team.anna) + owner.spans(second, team.anna)] == [
        ("PER", team.anna), ("PER", team.anna)]
    assert owner.doc_status(first, team.anna) == "done"


def test_a_reviewer_imports_gold_but_not_an_annotators_layer(capsys, team: Team, articles, tmp_path) -> None:
    gold = write(tmp_path, "gold.jsonl", record(TEXT, "gold"))
    code, out, err = run(capsys, "--project", team.url(team.rita), "import", gold)
    assert (code, err) == (0, "") and "1 annotation" in out
    owner = team.open(team.owner)
    assert [s.layer for s in owner.spans(owner.document_ids()[0], "gold")] == ["gold"]
    theirs = write(tmp_path, "theirs.jsonl", record(SECOND, team.anna))
    before = everything(team)
    code, out, err = run(capsys, "--project", team.url(team.rita), "import", theirs)
    assert (code, out) == (2, "")
    assert f"this record holds {team.anna}'s layer, and {team.rita} (a reviewer) may import their own layer and gold" in err
    assert everything(team) == before


def test_the_owner_imports_anyones_layer(capsys, team: Team, tmp_path) -> None:
    new = "Un terzo articolo su Mario Draghi."
    path = write(tmp_path, "all.jsonl", record(TEXT, team.anna), record(TEXT, team.bruno), record(TEXT, "gold"),
                 record(new, team.bruno))
    code, out, err = run(capsys, "--project", team.url(team.owner), "import", path)
    assert (code, err) == (0, "")
    assert "Imported 2 documents" in out and "4 annotations" in out
    owner = team.open(team.owner)
    first = owner.document_ids()[0]
    assert sorted(owner.layers(first)) == sorted([team.anna, team.bruno, "gold"])


def test_refusals_on_the_store_level_name_the_reason(team: Team, articles, labels: LabelSchema) -> None:
    """Below the import's checks, the server's own refusal (row-level security) reaches the caller as
    PermissionRefused, never as a half-done write."""
    from annotator.domain.model import Span

    anna = team.open(team.anna)
    doc = anna.document_ids()[0]
    before = everything(team)
    with pytest.raises(PermissionRefused, match=team.anna):
        anna.import_annotations([Span(doc, 0, 5, "PER", team.bruno, "manual", "accepted", team.anna)],
                                action="Import 1 annotation", annotator=team.anna)
    assert everything(team) == before
