"""An editing session as a separate process, for the fault-injection tests: it opens the project with
:class:`annotator.store.Project`, applies domain commands through ``Project.apply`` one at a time, as
the app's controller does (read what the annotator sees, build the command, apply it), and prints
``ack <id>`` (flushed) once each ``apply`` has returned. A test kills it with SIGKILL at a random
moment; every acknowledged edit must then be in the project.

    python edit_session.py PROJECT PLAN.json [--pause SECONDS]

PLAN is a list of edits ``{"id", "kind", "uid", "annotator", ...}`` (see :func:`edit_present` for the
kinds). Running it again skips the edits already in the project (and acknowledges them), so a rerun
completes. Exit status 0 when every edit is in; 1, with the reason on stderr, when an edit failed.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any


def locate(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def edit_present(conn: sqlite3.Connection, edit: dict[str, Any], doc_id: int, text: str) -> bool:
    """Whether the effect of ``edit`` is in the project (plain SQL: the checks need no ``Project``)."""
    who = edit["annotator"]
    kind = edit["kind"]
    if kind in ("label", "accept", "reject"):
        start, end = locate(text, edit["fragment"])
        status = "rejected" if kind == "reject" else "accepted"
        sql = 'SELECT 1 FROM spans WHERE doc_id = ? AND layer = ? AND start = ? AND "end" = ? AND label = ? AND status = ?'
        return conn.execute(sql, (doc_id, who, start, end, edit["label"], status)).fetchone() is not None
    if kind == "quote":
        start, end = locate(text, edit["fragment"])
        sql = ('SELECT 1 FROM quotes WHERE doc_id = ? AND layer = ? AND start = ? AND "end" = ? AND kind = ?'
               " AND status = 'accepted'")
        return conn.execute(sql, (doc_id, who, start, end, edit.get("quote_kind", "direct"))).fetchone() is not None
    if kind == "event":
        start, end = locate(text, edit["fragment"])
        sql = ("SELECT 1 FROM events WHERE doc_id = ? AND layer = ? AND type = ? AND trigger_start = ?"
               " AND trigger_end = ? AND status = 'accepted'")
        return conn.execute(sql, (doc_id, who, edit["type"], start, end)).fetchone() is not None
    if kind == "done":
        sql = "SELECT 1 FROM doc_status WHERE doc_id = ? AND annotator = ? AND status = 'done'"
        return conn.execute(sql, (doc_id, who)).fetchone() is not None
    raise ValueError(f"unknown edit kind {kind!r}")


def build_command(project: Any, edit: dict[str, Any], doc_id: int, text: str) -> Any:
    """The command the app would build for ``edit`` from what the annotator sees now."""
    from annotator.domain import commands
    from annotator.domain.event_commands import create_event
    from annotator.domain.model import SUGGESTED
    from annotator.domain.quote_commands import create_quote

    who = edit["annotator"]
    status = project.doc_status(doc_id, who)
    kind = edit["kind"]
    if kind in ("label", "accept", "reject"):
        start, end = locate(text, edit["fragment"])
        visible = project.visible_spans(doc_id, who)
        pending = [s for s in visible if s.status == SUGGESTED and (s.start, s.end, s.label) == (start, end, edit["label"])]
        if kind == "accept" and pending:
            return commands.accept(text=text, span=pending[0], layer=who, annotator=who, doc_status=status)
        if kind == "reject" and pending:
            return commands.delete(text=text, span=pending[0], layer=who, annotator=who, doc_status=status)
        if kind == "reject":
            raise RuntimeError(f"edit {edit['id']}: no pending suggestion {edit['fragment']!r} to reject")
        return commands.label_range(text=text, visible=visible, doc_id=doc_id, start=start, end=end,
                                    label=edit["label"], layer=who, annotator=who, doc_status=status)
    if kind == "quote":
        start, end = locate(text, edit["fragment"])
        return create_quote(text=text, doc_id=doc_id, start=start, end=end, layer=who, annotator=who,
                            doc_status=status, kind=edit.get("quote_kind", "direct"))
    if kind == "event":
        start, end = locate(text, edit["fragment"])
        return create_event(text=text, doc_id=doc_id, type=edit["type"], trigger=(start, end), layer=who,
                            annotator=who, doc_status=status)
    if kind == "done":
        return commands.set_status(doc_id=doc_id, annotator=who, before=status, after="done")
    raise ValueError(f"unknown edit kind {kind!r}")


def main(argv: list[str]) -> int:
    project_path, plan_path = argv[0], argv[1]
    pause = float(argv[argv.index("--pause") + 1]) if "--pause" in argv else 0.0
    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))

    from annotator.store import Project

    project = Project(project_path)
    try:
        for edit in plan:
            row = project.conn.execute("SELECT id, text FROM documents WHERE uid = ?", (edit["uid"],)).fetchone()
            if row is None:
                print(f"error {edit['id']}: no document {edit['uid']}", file=sys.stderr, flush=True)
                return 1
            doc_id, text = row
            if not edit_present(project.conn, edit, doc_id, text):
                command = build_command(project, edit, doc_id, text)
                try:
                    project.apply(command)
                except Exception as err:  # what the app shows as "Could not save"
                    print(f"error {edit['id']}: could not save {command.text!r}: {type(err).__name__}: {err}",
                          file=sys.stderr, flush=True)
                    return 1
            print(f"ack {edit['id']}", flush=True)
            if pause:
                time.sleep(pause)
    finally:
        project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
