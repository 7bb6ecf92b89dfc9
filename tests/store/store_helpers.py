"""Helpers shared by the store tests (imported as ``store_helpers``: pytest puts this folder on sys.path)."""

from __future__ import annotations

from annotator.store import NewDocument, Project

ANNA = "anna"  # the annotator whose layer the tests edit
MODEL = "it_core_news_lg 3.8.0"  # the origin of the pipeline suggestions


def add(project: Project, text: str, **meta: object) -> int:
    """Store one document and return its id."""
    ((doc_id, _new),) = project.add_documents([NewDocument(text, dict(meta))])
    return doc_id


def table(project: Project, name: str, *, without: tuple[str, ...] = ("created", "updated")) -> list[tuple]:
    """Every row of ``name`` (minus the timestamp columns), in a stable order."""
    cols = [c for c in columns(project, name) if c not in without]
    select = ", ".join(f'"{c}"' for c in cols)
    return sorted(project.conn.execute(f"SELECT {select} FROM {name}").fetchall(), key=repr)


def columns(project: Project, name: str) -> list[str]:
    """The columns of table ``name`` in their order, on either backend (a server's search vector,
    which SQLite keeps in a separate table, left out)."""
    if project.shared:
        return [r[0] for r in project.conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?"
            " AND column_name != 'search' ORDER BY ordinal_position", (name,))]
    return [r[1] for r in project.conn.execute(f"PRAGMA table_info({name})")]
