"""``annotator team init|add|list|remove``: the team of a project on a PostgreSQL server.

A team lives on a server (``--project postgresql://USER@HOST:PORT/DB`` or ``$ANNOTATOR_PROJECT``):
on a project file each of these commands says so in one line (exit status 2). The work is
:mod:`annotator.store.team`'s; these handlers report it. Refusals follow the other commands:
a request the team's rules refuse exits with 2, a server that cannot be reached with 3.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from . import commands
from .commands import EXIT_OK, CliError

ROLE_HELP = ("annotator: reads the articles and suggestions, writes their own layer; reviewer: reads every "
             "layer, writes gold and statuses, adjudicates")


def add_parsers(sub: argparse._SubParsersAction, both: list[argparse.ArgumentParser]) -> None:
    """Register ``team`` and its subcommands."""
    team = sub.add_parser("team", parents=both, help="manage the team of a project on PostgreSQL",
                          description="A team project lives on a PostgreSQL server (--project "
                                      "postgresql://USER@HOST:PORT/DB); each member logs in as their own role "
                                      "and is the annotator of their layer. 'init' makes an empty database a "
                                      "project owned by the role that runs it; the owner then adds and removes "
                                      "members. " + ROLE_HELP + ".")
    team.set_defaults(handler=lambda args: _usage(team))
    actions = team.add_subparsers(dest="team_command", metavar="ACTION")

    init = actions.add_parser("init", parents=both, help="make an empty database a team project (you own it)",
                              description="Create the project's tables in the empty database of --project; the "
                                          "role you connect as becomes its owner (it may import, pre-annotate, "
                                          "change settings and manage the team). On a database that is a "
                                          "project already, nothing changes and its owner is shown.")
    init.set_defaults(handler=cmd_team_init)

    add = actions.add_parser("add", parents=both, help="add a member (creating their login role if needed)",
                             description="Give NAME a role in the project. A login role NAME is created on the "
                                         "server when it has none (you need CREATEROLE), without a password "
                                         "unless --password-stdin; an existing role is granted access, and its "
                                         "password changed only with --password-stdin. Adding a removed member "
                                         "brings them back; adding a member again changes their role.")
    add.add_argument("name", metavar="NAME", help="the member's login role, which is also their layer's name")
    add.add_argument("--role", required=True, choices=("annotator", "reviewer"), help=ROLE_HELP)
    add.add_argument("--password-stdin", action="store_true",
                     help="read the member's password from the first line of standard input "
                          "(e.g. printf '%%s\\n' \"$PW\" | annotator team add ...); it is sent to the server "
                          "already encrypted")
    add.set_defaults(handler=cmd_team_add)

    ls = actions.add_parser("list", parents=both, help="show the owner and the members",
                            description="List the owner and every member with their role, when they were "
                                        "added and, for a removed member, when they were removed.")
    ls.set_defaults(handler=cmd_team_list)

    rm = actions.add_parser("remove", parents=both, help="take a member off the team (their work stays)",
                            description="Revoke NAME's access to the project: they can no longer connect to "
                                        "its database nor read it. Their annotations and statuses stay in the "
                                        "project; the login role stays on the server.")
    rm.add_argument("name", metavar="NAME", help="the member to remove")
    rm.set_defaults(handler=cmd_team_remove)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print("annotator team: error: choose an action: init, add, list or remove", file=sys.stderr)
    return commands.EXIT_USAGE


def _server_url(args: argparse.Namespace) -> str:
    from ..store.location import is_server_url

    location = commands.project_path(args)
    if not is_server_url(location):
        raise CliError("teams live on PostgreSQL: pass --project postgresql://USER@HOST:PORT/DB (or set "
                       "$ANNOTATOR_PROJECT); a project file is one person's ('annotator copy' moves it to a server)")
    return str(location)


def _team_errors(work: Any) -> Any:
    """Run ``work()``, turning a TeamError into the one-line CliError (exit status 2)."""
    from ..store.team import TeamError

    try:
        return work()
    except TeamError as err:
        raise CliError(str(err)) from None


def cmd_team_init(args: argparse.Namespace) -> int:
    from ..store.team import init_project, members

    url = _server_url(args)
    project, new = _team_errors(lambda: init_project(url))
    try:
        owner = next((m.name for m in members(project) if m.role == "owner"), "?")
        if new:
            print(f"Made {project.name} a team project; its owner is {owner} (you). "
                  "Add members with 'annotator team add NAME --role annotator|reviewer'.")
        else:
            print(f"{project.name} is a team project already (owner: {owner}); nothing changed.")
    finally:
        project.close()
    return EXIT_OK


def _read_password() -> str:
    line = sys.stdin.readline()
    password = line[:-1] if line.endswith("\n") else line
    password = password[:-1] if password.endswith("\r") else password
    if not password:
        raise CliError("--password-stdin: standard input held no password (give it on the first line)")
    return password


def cmd_team_add(args: argparse.Namespace) -> int:
    from ..store.team import add_member, members

    _server_url(args)
    password = _read_password() if args.password_stdin else None
    project = commands.open_project(args)
    try:
        before = {m.name: m for m in members(project)}
        created = _team_errors(lambda: add_member(project, args.name, args.role, password=password))
        name = args.name.strip()
        was = before.get(name)
        if created:
            how = "with the password given" if password is not None else (
                "without a password: set one with 'annotator team add NAME --role ROLE --password-stdin'")
            print(f"Created the login role {name} ({how}) and added it to the team as {args.role}.")
        elif was is None:
            print(f"Added the existing login role {name} to the team as {args.role}"
                  + (" (its password changed)." if password is not None else "."))
        elif was.removed is not None:
            print(f"{name} is back on the team as {args.role} (removed {was.removed}).")
        elif was.role != args.role:
            print(f"{name} is now {args.role} (was {was.role}).")
        else:
            print(f"{name} was on the team already as {args.role}"
                  + ("; the password changed." if password is not None else "; nothing changed."))
    finally:
        project.close()
    return EXIT_OK


def cmd_team_list(args: argparse.Namespace) -> int:
    from ..store.team import members, visibility
    from . import console

    _server_url(args)
    project = commands.open_project(args, readonly=True)
    try:
        rows = [(m.name, m.role, m.added, m.removed or "") for m in members(project)]
        seen = visibility(project)
        title = f"Team of {project.name} ({seen}: annotators read " + (
            "every layer)" if seen == "open" else "only their own layer)")
    finally:
        project.close()
    console.print_table(title, ("name", "role", "added", "removed"), rows)
    return EXIT_OK


def cmd_team_remove(args: argparse.Namespace) -> int:
    from ..store.team import remove_member

    _server_url(args)
    project = commands.open_project(args)
    try:
        _team_errors(lambda: remove_member(project, args.name))
    finally:
        project.close()
    print(f"Removed {args.name} from the team: they can no longer connect to the project; their annotations "
          "and statuses stay.")
    return EXIT_OK
