"""A team project of schema 3 gets the entities of speakers and arguments (schema 4) when its owner
opens it; its members then read and write them under the same rules as the rest of their layer: the
table privileges and row-level policies cover the new columns, nothing more to grant."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from annotator.domain import event_commands as ec
from annotator.domain import quote_commands as qc
from annotator.domain.curation_commands import take_into_gold
from annotator.domain.model import DOC_IN_PROGRESS, DOC_NEW, GOLD, EntityRef
from annotator.store import NewDocument, postgres
from team_helpers import PASSWORD, Team

TEXT = "Il presidente Lee Jae-myung ha telefonato al ministro. «Siamo pronti», ha detto Lee."


def at(words: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


LEE = EntityRef(*at("Lee Jae-myung"), "PER")


@pytest.fixture
def old_team(empty_team: Team, monkeypatch: pytest.MonkeyPatch) -> tuple[Team, int]:
    """A team project made at schema 3 (anna an annotator, rita a reviewer) holding anna's quotation
    and event, written with that schema's columns."""
    from annotator.store.team import add_member, init_project

    team = empty_team
    with monkeypatch.context() as m:
        m.setattr(postgres, "MIGRATIONS", postgres.MIGRATIONS[:3])
        m.setattr(postgres, "SCHEMA_VERSION", 3)
        project, _ = init_project(team.url(team.owner))
        try:
            add_member(project, team.anna, "annotator", password=PASSWORD)
            add_member(project, team.rita, "reviewer", password=PASSWORD)
            ((doc, _),) = project.add_documents([NewDocument(TEXT, {"title": "Lee"})])
            with project.transaction():
                quote = project.conn.execute(
                    'INSERT INTO quotes(doc_id, start, "end", kind, speaker_start, speaker_end, speaker_label, layer,'
                    " origin, status, annotator) VALUES (?, ?, ?, 'direct', ?, ?, 'PER', ?, 'manual', 'accepted', ?)"
                    " RETURNING id", (doc, *at("Siamo pronti"), *at("Lee", 2), team.anna, team.anna)).fetchone()[0]
                event = project.conn.execute(
                    "INSERT INTO events(doc_id, type, trigger_start, trigger_end, quote_id, layer, origin, status,"
                    " annotator) VALUES (?, 'CONSULT', ?, ?, ?, ?, 'manual', 'accepted', ?) RETURNING id",
                    (doc, *at("telefonato"), quote, team.anna, team.anna)).fetchone()[0]
                project.conn.execute('INSERT INTO event_args(event_id, position, role, start, "end")'
                                     " VALUES (?, 0, 'actor', ?, ?)", (event, *at("Il presidente")))
        finally:
            project.close()
    return team, doc


def version(team: Team) -> int:
    with psycopg.connect(team.url(team.owner), autocommit=True) as conn:
        return int(conn.execute("SELECT value FROM annotator_meta WHERE key = 'schema_version'").fetchone()[0])


def test_the_owner_upgrades_and_members_set_and_read_entities(old_team: tuple[Team, int]) -> None:
    team, doc = old_team
    assert version(team) == 3
    team.open(team.owner).close()  # the owner's open upgrades it
    assert version(team) == postgres.SCHEMA_VERSION == 4

    anna: Any = team.open(team.anna)
    [quote] = anna.quotes(doc, team.anna)
    [event] = anna.events(doc, team.anna)
    assert quote.speaker_entity is None and event.args[0].entity is None  # kept rows: unresolved
    common = {"text": TEXT, "layer": team.anna, "annotator": team.anna, "doc_status": DOC_IN_PROGRESS}
    anna.apply(qc.set_speaker_entity(quote=quote, entity=LEE, **common))
    anna.apply(ec.set_argument_entity(event=event, argument=event.args[0], entity=LEE, **common))
    assert anna.quotes(doc, team.anna)[0].speaker_entity == LEE
    assert anna.events(doc, team.anna)[0].args[0].entity == LEE

    # the reviewer reads them and takes them into gold with their entities
    rita: Any = team.open(team.rita)
    mine = rita.quotes(doc, team.anna) + rita.events(doc, team.anna)
    rita.apply(take_into_gold(text=TEXT, doc_id=doc, items=mine, gold=[], reviewer=GOLD, gold_status=DOC_NEW,
                              quotes_by_id={q.id: q for q in rita.quotes(doc, team.anna)}))
    assert rita.quotes(doc, GOLD)[0].speaker_entity == LEE
    assert rita.events(doc, GOLD)[0].args[0].entity == LEE

    # an annotator still changes no entity of gold, whatever client (she does not even see it: blind)
    assert anna.quotes(doc, GOLD) == []
    plain = team.connect(team.anna)
    assert plain.execute("UPDATE quotes SET speaker_entity_start = NULL WHERE layer = 'gold'").rowcount == 0
    assert plain.execute("UPDATE event_args SET entity_label = 'ORG'").rowcount == 1  # her own argument only
    assert rita.events(doc, GOLD)[0].args[0].entity == LEE
    assert anna.events(doc, team.anna)[0].args[0].entity == EntityRef(LEE.start, LEE.end, "ORG")


def test_a_team_init_whose_last_step_fails_leaves_the_database_empty(empty_team: Team,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The steps go in together: a project on the server is empty or whole, never at an earlier schema
    that its members would be told to have upgraded."""
    from annotator.store.team import init_project

    team = empty_team
    monkeypatch.setattr(postgres, "MIGRATIONS", [*postgres.MIGRATIONS, ["ALTER TABLE spans ADD COLUMN"]])
    monkeypatch.setattr(postgres, "SCHEMA_VERSION", postgres.SCHEMA_VERSION + 1)
    with pytest.raises(psycopg.Error):
        init_project(team.url(team.owner))
    with psycopg.connect(team.url(team.owner), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
                            ).fetchone()[0] == 0
