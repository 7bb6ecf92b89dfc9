"""The team of a project on PostgreSQL: who may annotate and who may review, as login roles.

On a server the annotator *is* the login role. ``team init`` makes an empty database a project whose
owner is the role that ran it; ``team add`` creates (or reuses) a login role and grants it the table
privileges every member has; what each member may then read and write is decided by the row-level
security policies of :mod:`annotator.store.pg_schema`, by the server, whatever client they use. A
removed member keeps their annotations; they just cannot connect or read any more.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.model import RESERVED_LAYERS
from .errors import PermissionRefused
from .location import is_server_url

ROLES = ("annotator", "reviewer")
# Who reads whose layer: in a blind project (the default) an annotator reads only their own layer and
# the pipeline's suggestions; in an open one every layer and gold. Read by annotator_sees_all().
VISIBILITY_SETTING = "visibility"
VISIBILITIES = ("blind", "open")
DEFAULT_VISIBILITY = "blind"
# What every member may touch; the policies narrow it to the rows their role allows.
_READ = ("documents", "annotators", "settings", "preannotated", "team", "annotator_meta",
         "spans", "quotes", "events", "event_args", "doc_status", "history")
_WRITE = ("spans", "quotes", "events", "event_args", "doc_status")
_ADD_ONLY = ("history", "annotators")


class TeamError(ValueError):
    """A team command that cannot be done as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Member:
    name: str
    role: str  # "owner", "annotator" or "reviewer"
    added: str
    removed: str | None = None


def _sql() -> Any:
    from psycopg import sql

    return sql


def _require_server(project: Any) -> None:
    if not getattr(project, "shared", False):
        raise TeamError("a team lives on a PostgreSQL server: pass --project postgresql://USER@HOST:PORT/DB "
                        "(a project file is one person's; 'annotator copy' moves it to a server)")


def require_owner(project: Any, what: str) -> None:
    """PermissionRefused unless the caller owns the team project (a file: always allowed)."""
    if not getattr(project, "shared", False):
        return
    role = project.conn.execute("SELECT annotator_role()").fetchone()[0]
    if role != "owner":
        owner = project.conn.execute("SELECT value FROM annotator_meta WHERE key = 'owner'").fetchone()
        by = f" ({owner[0]})" if owner else ""
        raise PermissionRefused(f"only the project's owner{by} may {what}: {project.user} is {_a(role)}")


def check_member_name(name: str) -> str:
    """A login role usable as an annotator's layer name."""
    name = (name or "").strip()
    if not name:
        raise TeamError("the member's name is empty: give their login role's name")
    if name in RESERVED_LAYERS or name.startswith("@") or name.lower() in ("public", "none") or name.startswith("pg_"):
        raise TeamError(f"{name!r} cannot be a team member's name (\"gold\" is the adjudicated layer; names "
                        "starting with @ belong to the program, with pg_ to the server): choose another")
    return name


def _a(role: str | None) -> str:
    """"an annotator", "a reviewer", "not on the team"."""
    if role is None:
        return "not on the team"
    return f"{'an' if role[0] in 'aeiou' else 'a'} {role}"


def init_project(url: str, *, password: str | None = None) -> tuple[Any, bool]:
    """Make the empty database at ``url`` a team project owned by the connecting role; returns the
    opened project and whether it was new (an existing project is left as it was)."""
    from .postgres import ServerConnection, identify
    from .project import Project

    if not is_server_url(url):
        raise TeamError("'team init' needs a PostgreSQL URL: --project postgresql://USER@HOST:PORT/DB")
    conn = ServerConnection(url, password=password)  # only to learn whether the database is empty
    try:
        existed = identify(conn) > 0
    finally:
        conn.close()
    project = Project(url, create=True, password=password)
    if not existed:
        with project.transaction():
            project.conn.execute("INSERT INTO annotator_meta(key, value) VALUES ('owner', session_user),"
                                 f" ('created', {project.dialect.now}) ON CONFLICT (key) DO NOTHING")
            sql = _sql()
            database = project.conn.execute("SELECT current_database()").fetchone()[0]
            project.conn.execute_composed(sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC")
                                          .format(sql.Identifier(database)))
            # members create nothing (PostgreSQL 15 has this default; older clusters gave it to all)
            project.conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    return project, not existed


def add_member(project: Any, name: str, role: str, *, password: str | None = None) -> bool:
    """Give ``name`` the ``role`` (creating the login role, with ``password``, when the server has
    none by that name); returns whether a login role was created."""
    _require_server(project)
    require_owner(project, "add members")
    if role not in ROLES:
        raise TeamError(f"unknown role {role!r}: choose annotator or reviewer")
    name = check_member_name(name)
    sql = _sql()
    who = sql.Identifier(name)
    conn = project.conn
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (name,)).fetchone() is not None
    if name == project.user:
        raise TeamError(f"{name} owns the project already (owners can do everything)")
    try:
        with project.transaction():
            if not exists:
                statement = sql.SQL("CREATE ROLE {} LOGIN").format(who)
                if password is not None:
                    statement = sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                        who, sql.Literal(_encrypted(project, name, password)))
                conn.execute_composed(statement)
            elif password is not None:
                conn.execute_composed(sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    who, sql.Literal(_encrypted(project, name, password))))
            database = conn.execute("SELECT current_database()").fetchone()[0]
            conn.execute_composed(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), who))
            conn.execute_composed(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(who))
            for privileges, tables in (("SELECT", _READ), ("INSERT, UPDATE, DELETE", _WRITE),
                                       ("INSERT", _ADD_ONLY)):
                conn.execute_composed(sql.SQL("GRANT " + privileges + " ON {} TO {}").format(
                    sql.SQL(", ").join(map(sql.Identifier, tables)), who))
            conn.execute_composed(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {}").format(who))
            conn.execute("INSERT INTO team(name, role) VALUES (?, ?) ON CONFLICT (name) DO UPDATE"
                         " SET role = excluded.role, removed = NULL", (name, role))
            conn.execute("INSERT INTO annotators(name) VALUES (?) ON CONFLICT DO NOTHING", (name,))
    except PermissionRefused:
        if not exists:
            raise PermissionRefused(
                f"{project.user} may not create login roles on this server: ask its administrator to run "
                f"CREATE ROLE {name} LOGIN PASSWORD '…' (or to give you CREATEROLE), then run "
                f"'annotator team add {name} --role {role}' again") from None
        raise
    return not exists


def _encrypted(project: Any, name: str, password: str) -> str:
    """The password as the server stores it (SCRAM, computed here by libpq), so the clear text never
    reaches the server or its logs."""
    raw = project.conn.raw
    return raw.pgconn.encrypt_password(password.encode("utf-8"), name.encode("utf-8"), b"scram-sha-256").decode()


def remove_member(project: Any, name: str) -> None:
    """Take ``name`` off the team: no more connecting or reading; their annotations stay."""
    _require_server(project)
    require_owner(project, "remove members")
    row = project.conn.execute("SELECT removed FROM team WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise TeamError(f"{name!r} is not on the team ('annotator team list' shows who is)")
    if row[0] is not None:
        raise TeamError(f"{name} was removed already ({row[0]}); 'annotator team add {name} --role …' "
                        "brings them back")
    sql = _sql()
    who = sql.Identifier(name)
    with project.transaction():
        conn = project.conn
        database = conn.execute("SELECT current_database()").fetchone()[0]
        conn.execute_composed(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(who))
        conn.execute_composed(sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {}").format(who))
        conn.execute_composed(sql.SQL("REVOKE ALL ON SCHEMA public FROM {}").format(who))
        conn.execute_composed(sql.SQL("REVOKE ALL ON DATABASE {} FROM {}").format(sql.Identifier(database), who))
        conn.execute(f"UPDATE team SET removed = {project.dialect.now} WHERE name = ?", (name,))


def members(project: Any) -> list[Member]:
    """The owner and every member, removed ones included (marked)."""
    _require_server(project)
    owner = project.conn.execute("SELECT value FROM annotator_meta WHERE key = 'owner'").fetchone()
    created = project.conn.execute("SELECT min(value) FROM annotator_meta WHERE key = 'created'").fetchone()
    listed = [Member(owner[0], "owner", created[0] or "")] if owner else []
    listed += [Member(*row) for row in project.conn.execute(
        "SELECT name, role, added, removed FROM team ORDER BY removed IS NOT NULL, name COLLATE \"C\"")]
    return listed


def role_of(project: Any) -> str | None:
    """The caller's role: "owner", "reviewer", "annotator"; None on a file (everyone is all three)."""
    if not getattr(project, "shared", False):
        return None
    return project.conn.execute("SELECT annotator_role()").fetchone()[0]


def visibility(project: Any) -> str:
    """"blind" or "open" (see :data:`VISIBILITIES`)."""
    value = project.setting(VISIBILITY_SETTING)
    return value if value in VISIBILITIES else DEFAULT_VISIBILITY


class ImportRights:
    """What a member who does not own a team project may bring in with an import: annotations of
    the layers the server lets them write (their own; gold for a reviewer), on articles already in
    the project. Asked of the server (``annotator_may_write``), so the check and the policies agree;
    the refusals name the record and say who may."""

    def __init__(self, project: Any, role: str | None) -> None:
        self.project = project
        self.user = str(project.user)
        self.role = role
        self._layers: dict[str, bool] = {}

    def may_write(self, layer: str) -> bool:
        if layer not in self._layers:
            row = self.project.conn.execute("SELECT annotator_may_write(?)", (layer,)).fetchone()
            self._layers[layer] = bool(row and row[0])
        return self._layers[layer]

    def _who(self) -> str:
        return f"{self.user} ({_a(self.role)})"

    def refuse_layer(self, source: str, layer: str) -> PermissionRefused:
        from ..domain.model import GOLD, SUGGESTIONS
        from ..domain.shown import shown

        whose = {GOLD: "the gold layer", SUGGESTIONS: "pipeline suggestions"}.get(layer, f"{layer}'s layer")
        may = "their own layer and gold" if self.role == "reviewer" else "only their own layer"
        return PermissionRefused(f"{shown(source)}: this record holds {shown(whose)}, and {self._who()} may import "
                                 f"{may}; nothing was imported (the owner imports anyone's layer)")

    def refuse_document(self, source: str) -> PermissionRefused:
        from ..domain.shown import shown

        return PermissionRefused(f"{shown(source)}: this article is not in the project, and only its owner imports "
                                 f"articles ({self._who()} may add annotations to articles already there); "
                                 "nothing was imported")


def import_rights(project: Any) -> ImportRights | None:
    """The limits of an import into a team project by a member; None on a file or for its owner."""
    if not getattr(project, "shared", False):
        return None
    role = role_of(project)
    return None if role == "owner" else ImportRights(project, role)
