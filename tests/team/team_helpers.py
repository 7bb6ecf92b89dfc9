"""Helpers for the team tests (imported as ``team_helpers``: pytest puts this folder on sys.path):
a team project on the session's throwaway server, its seed, and a snapshot of every table."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql

from annotator.domain.model import GOLD, SUGGESTIONS

PASSWORD = "pw-Ünïcode 1"  # a password with spaces and accents travels intact

TABLES = ("documents", "spans", "quotes", "events", "event_args", "doc_status", "history", "settings",
          "preannotated", "team", "annotator_meta", "annotators")


@dataclass
class Team:
    """A team project: names of the owner and members, their URLs and plain connections."""

    server: Any
    dbname: str
    owner: str
    anna: str  # annotator
    bruno: str  # annotator
    rita: str  # reviewer
    extra_roles: list[str] = field(default_factory=list)  # roles a test created, dropped at teardown
    _opened: list[Any] = field(default_factory=list)

    def url(self, who: str, password: str | None = PASSWORD) -> str:
        return self.server.url(who, password, self.dbname)

    def role_name(self, prefix: str) -> str:
        """A fresh role name for a test (dropped at teardown)."""
        name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        self.extra_roles.append(name)
        return name

    def connect(self, who: str, password: str | None = PASSWORD) -> psycopg.Connection:
        """A plain psycopg session as ``who`` (autocommit: each statement is its own transaction),
        not the store's: what anyone with psql could do."""
        conn = psycopg.connect(self.url(who, password), autocommit=True)
        self._opened.append(conn)
        return conn

    def open(self, who: str) -> Any:
        """The store's Project as ``who``."""
        return self.open_url(self.url(who))

    def open_url(self, url: str) -> Any:
        from annotator.store import Project

        project = Project(url, create=False)
        self._opened.append(project)
        return project

    def close(self) -> None:
        for thing in self._opened:
            try:
                thing.close()
            except Exception:  # noqa: BLE001 - teardown closes what it can
                pass
        self._opened.clear()


def make_team(server: Any, *, members: bool = True) -> Team:
    """A database owned by a new owner role (LOGIN CREATEROLE, not a superuser); with ``members``
    also 'team init' and anna, bruno (annotators) and rita (reviewer) added with their passwords."""
    from annotator.store.team import add_member, init_project

    suffix = uuid.uuid4().hex[:8]
    team = Team(server, f"team_{suffix}", f"own_{suffix}", f"anna_{suffix}", f"bruno_{suffix}", f"rita_{suffix}")
    with psycopg.connect(server.admin_url(), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
            sql.Identifier(team.owner), sql.Literal(PASSWORD)))
        admin.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(
            sql.Identifier(team.dbname), sql.Identifier(team.owner)))
    if not members:
        return team
    project, new = init_project(team.url(team.owner))
    assert new
    try:
        for name, role in ((team.anna, "annotator"), (team.bruno, "annotator"), (team.rita, "reviewer")):
            add_member(project, name, role, password=PASSWORD)
    finally:
        project.close()
    return team


def drop_team(team: Team) -> None:
    team.close()
    if not team.server.running:  # a test stopped the shared server
        team.server.start()
    with psycopg.connect(team.server.admin_url(), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(team.dbname)))
        for role in (team.anna, team.bruno, team.rita, *team.extra_roles, team.owner):
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def role_exists(team: Team, name: str) -> bool:
    with psycopg.connect(team.server.admin_url(), autocommit=True) as admin:
        return admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone() is not None


# --- a project holding a row of every layer in every table ---------------------------------------

TEXT = "Mario Rossi ha incontrato Giorgia Meloni a Palazzo Chigi, Roma."


@dataclass
class Seeded:
    team: Team
    docs: list[int]
    ids: dict[str, dict[str, int]]  # table -> layer -> the id of that layer's row (event_args: by its event's layer)

    @property
    def layers(self) -> tuple[str, ...]:
        return (self.team.anna, self.team.bruno, self.team.rita, GOLD, SUGGESTIONS)


def seed(team: Team) -> Seeded:
    """As the owner: two articles; in the first a span, a quotation and an event (with an argument) in
    each layer (anna, bruno, rita, gold, suggestions), a status and a history entry of each person and
    gold; the settings, the pre-annotation mark."""
    ids: dict[str, dict[str, int]] = {t: {} for t in ("spans", "quotes", "events", "event_args")}
    layers = (team.anna, team.bruno, team.rita, GOLD, SUGGESTIONS)
    with psycopg.connect(team.url(team.owner), autocommit=True) as owner:
        docs = [owner.execute("INSERT INTO documents(uid, content_hash, title, text) VALUES (%s, %s, %s, %s) RETURNING id",
                              (f"d{i}", f"hash{i}", f"Articolo {i}", TEXT if i == 1 else TEXT + " Due.")).fetchone()[0]
                for i in (1, 2)]
        doc = docs[0]
        for layer in layers:
            common = (layer, "manual", "suggested" if layer == SUGGESTIONS else "accepted", layer)
            ids["spans"][layer] = owner.execute(
                'INSERT INTO spans(doc_id, start, "end", label, layer, origin, status, annotator)'
                " VALUES (%s, 0, 11, 'PER', %s, %s, %s, %s) RETURNING id", (doc, *common)).fetchone()[0]
            ids["quotes"][layer] = owner.execute(
                'INSERT INTO quotes(doc_id, start, "end", kind, layer, origin, status, annotator)'
                " VALUES (%s, 12, 25, 'indirect', %s, %s, %s, %s) RETURNING id", (doc, *common)).fetchone()[0]
            ids["events"][layer] = owner.execute(
                "INSERT INTO events(doc_id, type, trigger_start, trigger_end, layer, origin, status, annotator)"
                " VALUES (%s, 'CONSULT', 15, 25, %s, %s, %s, %s) RETURNING id", (doc, *common)).fetchone()[0]
            ids["event_args"][layer] = owner.execute(
                'INSERT INTO event_args(event_id, position, role, start, "end") VALUES (%s, 0, %s, 0, 11) RETURNING id',
                (ids["events"][layer], "Source")).fetchone()[0]
        for who in (team.anna, team.bruno, team.rita, GOLD):
            owner.execute("INSERT INTO doc_status(doc_id, annotator, status) VALUES (%s, %s, 'in progress')", (doc, who))
            owner.execute("INSERT INTO history(annotator, doc_id, action, direction) VALUES (%s, %s, 'Label', 'do')",
                          (who, doc))
        owner.execute("INSERT INTO settings(key, value) VALUES ('visibility', 'blind'), ('model', 'gazetteer')")
        owner.execute("INSERT INTO preannotated(doc_id, origin) VALUES (%s, 'gazetteer')", (doc,))
        owner.execute("ANALYZE")  # statistics exist: pg_stats must not show them to members
    return Seeded(team, docs, ids)


def everything(team: Team) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, as the owner sees them (the owner is not bound by the policies)."""
    with psycopg.connect(team.url(team.owner), autocommit=True) as owner:
        return {t: sorted(owner.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def label(project: Any, doc_id: int, fragment: str, name: str) -> None:
    """As the project's user, label the first ``fragment`` of the article ``name`` (one undoable command)."""
    from annotator.domain import commands

    me = project.user
    text = project.document(doc_id).text
    start = text.index(fragment)
    project.apply(commands.label_range(
        text=text, visible=project.visible_spans(doc_id, me), doc_id=doc_id, start=start, end=start + len(fragment),
        label=name, layer=me, annotator=me, doc_status=project.doc_status(doc_id, me)))
