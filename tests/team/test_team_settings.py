"""``annotator config visibility blind|open``: checked, blind by default, and on a server the
owner's alone to change (like every setting), while members still read the settings."""

from __future__ import annotations

import pytest

from annotator.cli.main import main
from annotator.domain.model import GOLD
from team_helpers import Team, seed


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_visibility_on_a_project_file(capsys, tmp_path) -> None:
    db = tmp_path / "p.db"
    article = tmp_path / "articolo.txt"
    article.write_text("Mario Rossi è a Roma.\n", encoding="utf-8")
    assert run(capsys, "--project", db, "import", article)[0] == 0
    assert run(capsys, "--project", db, "config", "visibility") == (0, "blind\n", "")
    code, out, err = run(capsys, "--project", db, "config", "visibility", " OPEN ")
    assert (code, err) == (0, "")
    assert out == ("visibility = open (annotators read every layer and gold; it applies when the project is "
                   "shared on a server)\n")
    assert run(capsys, "--project", db, "config", "visibility")[1] == "open\n"
    assert "visibility = open\n" in run(capsys, "--project", db, "config")[1]
    code, out, err = run(capsys, "--project", db, "config", "visibility", "peek")
    assert (code, out) == (2, "")
    assert err == ("annotator: error: visibility not changed: 'peek' is neither 'blind' (annotators read only their "
                   "own layer, the default) nor 'open' (they read every layer and gold)\n")
    assert run(capsys, "--project", db, "config", "visibility")[1] == "open\n"
    assert run(capsys, "--project", db, "config", "visibility", "--unset") == (0, "visibility: back to the default\n", "")
    assert run(capsys, "--project", db, "config", "visibility")[1] == "blind\n"


def test_the_owner_opens_the_project_and_annotators_then_read_each_other(capsys, team: Team) -> None:
    seeded = seed(team)
    anna = team.open(team.anna)
    doc = seeded.docs[0]
    assert anna.layers(doc) == [team.anna]
    assert run(capsys, "--project", team.url(team.anna), "config", "visibility") == (0, "blind\n", "")

    code, out, err = run(capsys, "--project", team.url(team.owner), "config", "visibility", "open")
    assert (code, out, err) == (0, "visibility = open (annotators read every layer and gold)\n", "")
    assert anna.layers(doc) == sorted(set(seeded.layers) - {"@suggestions"})  # at once, in her open session
    assert [s.layer for s in anna.spans(doc, GOLD)] == [GOLD]
    assert run(capsys, "--project", team.url(team.bruno), "config", "visibility")[1] == "open\n"

    assert run(capsys, "--project", team.url(team.owner), "config", "visibility", "blind")[0] == 0
    assert anna.layers(doc) == [team.anna]


@pytest.mark.parametrize("who, role", [("anna", "an annotator"), ("rita", "a reviewer")])
@pytest.mark.parametrize("change", [["visibility", "open"], ["visibility", "--unset"], ["model", "gazetteer"],
                                    ["label-map", "GPE=LOC"]])
def test_members_read_the_settings_but_only_the_owner_changes_them(capsys, team: Team, who: str, role: str,
                                                                   change: list[str]) -> None:
    member = getattr(team, who)
    before = run(capsys, "--project", team.url(team.owner), "config")[1]
    code, out, err = run(capsys, "--project", team.url(member), "config", *change)
    assert (code, out) == (2, "")
    assert err == (f"annotator: error: only the project's owner ({team.owner}) may change the project's settings: "
                   f"{member} is {role}\n")
    assert run(capsys, "--project", team.url(member), "config") == (0, before, "")
    assert "visibility = blind\n" in before
