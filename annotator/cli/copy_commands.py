"""``annotator copy SRC DST``: move a project between a file and a PostgreSQL server, either way.

The work is in :mod:`annotator.services.copying`; this parses the two places and reports.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..domain.shown import shown
from . import console
from .commands import EXIT_OK, CliError

_WHAT = (("documents", "document"), ("spans", "entity"), ("quotes", "quotation"), ("events", "event"),
         ("doc_status", "status"), ("history", "history entry"))


def add_parsers(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    cp = sub.add_parser(
        "copy", parents=parents, help="copy a whole project: file to server, server to file",
        description="Copy the project SRC into DST, every row with its id (documents, every layer, "
                    "suggestions, decisions, statuses, history, settings), in one transaction: the copy's "
                    "export is the original's. SRC and DST are project files or postgresql://USER@HOST:PORT/DB "
                    "URLs. DST must be a new file, an empty database (it becomes a team project owned by "
                    "USER, as with 'team init') or an empty team project that USER owns; anything else is "
                    "refused and left as it was. The team (logins, roles) is not copied: 'team add' gives "
                    "the annotators logins on the server.",
        epilog="Examples: annotator copy project.db postgresql://anna@db.example.org/news; "
               "annotator copy postgresql://anna@db.example.org/news news-2024.db",
    )
    cp.add_argument("source", metavar="SRC", help="the project to copy: a file, or a postgresql:// URL")
    cp.add_argument("destination", metavar="DST", help="where to copy it: a new file, or an empty database's URL")
    cp.set_defaults(handler=cmd_copy)


def cmd_copy(args: argparse.Namespace) -> int:
    from ..services.copying import CopyError, copy_project

    with console.progress("Copying", unit="rows") as update:
        try:
            report = copy_project(args.source, args.destination,
                                  progress=lambda done, total, table: update(done, total, f"Copying {table}"))
        except CopyError as err:
            raise CliError(str(err), err.status) from None
    print(_summary(report))
    for line in _team_notes(report):
        print(line)
    return EXIT_OK


def _summary(report: Any) -> str:
    counts = ", ".join(_count(report.rows.get(table, 0), word) for table, word in _WHAT)
    made = " (made a team project first)" if report.initialised else ""
    return (f"Copied {shown(report.source)} to {shown(report.destination)}{made} in {report.seconds:.1f} s: "
            f"{counts}")


def _count(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    plural = {"entity": "entities", "status": "statuses", "history entry": "history entries"}.get(word, word + "s")
    return f"{n:,} {plural}"


def _team_notes(report: Any) -> list[str]:
    """Who has no login on the destination server; or, into a file, the team left behind."""
    roles = dict(report.team)
    if report.to_server and report.without_login:
        names = ", ".join(f"{shown(n)} ({roles[n]})" if n in roles else shown(n) for n in report.without_login)
        return [f"On the server, {names} {'is a layer name' if len(report.without_login) == 1 else 'are layer names'} "
                f"only: 'annotator --project {shown(report.destination)} team add NAME --role annotator' (or "
                "--role reviewer) gives each a login; their annotations stay in their layers"]
    if report.team and not report.to_server:
        members = ", ".join(f"{shown(name)} ({role})" for name, role in report.team)
        return [f"The team of {shown(report.source)} ({members}) stays on the server: a project file has no "
                "logins; their layers are copied under their names"]
    return []
