"""``backup``, ``backups``, ``restore`` and ``check``: the commands that keep a project safe.

Each only parses nothing and reports; the work is in :mod:`annotator.store.backup`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.shown import shown
from . import console
from .commands import EXIT_OK, EXIT_UNAVAILABLE, CliError, open_project, project_path


def _file_project(args: argparse.Namespace, command: str) -> Path:
    """The project file; a team project is refused with what does the job on a server."""
    from ..store.location import display_location, is_server_url

    path = project_path(args)
    if is_server_url(path):
        what = {"check": "the server checks its own data ('pg_amcheck' checks it further)"}.get(
            command, "back it up with pg_dump and put it back with pg_restore (README, 'Backups')")
        raise CliError(f"'annotator {command}' is for project files; {display_location(path)} is on a "
                       f"PostgreSQL server: {what}; 'annotator copy URL FILE' also gives a project file")
    return path


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n:,.1f} GB"  # pragma: no cover


def cmd_backup(args: argparse.Namespace) -> int:
    """Back the project up now: into its backup folder, or DEST (a folder, or a new file name)."""
    from ..store.backup import make_backup

    path = _file_project(args, "backup")
    dest = Path(args.dest) if args.dest else None
    if dest is not None:
        target = dest.absolute()
        project = path.absolute()
        if target in {project, *(project.with_name(project.name + s) for s in ("-wal", "-shm", "-journal"))}:
            raise CliError(f"{shown(str(dest))} is the project itself: give another file or a folder")
        if target.exists() and not target.is_dir():
            raise CliError(f"{shown(str(dest))} already exists: give a new file name or a folder")
    project = open_project(args, readonly=True)
    try:
        with project.snapshot():
            try:
                made = make_backup(project.conn, path, dest)
            except OSError as err:
                raise CliError(f"cannot write the backup ({err.strerror or err}): "
                               "check the destination and the free space", EXIT_UNAVAILABLE) from None
    finally:
        project.close()
    print(f"Backed up {shown(str(path))} to {shown(str(made))} ({_size(made.stat().st_size)})")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    """List the project's backups, newest first."""
    from ..store.backup import backup_folder, list_backups

    path = _file_project(args, "backups")
    backups = list_backups(path)
    if not backups:
        print(f"No backups of {shown(str(path))} yet in {shown(str(backup_folder(path)))}: they are made when "
              "the app or a writing command opens the project, or with 'annotator backup'")
        return EXIT_OK
    console.print_table(f"Backups of {shown(str(path))} (newest first): 'annotator restore FILE' puts one back",
                        ["made", "size", "file"],
                        [[f"{b.made:%Y-%m-%d %H:%M:%S}", _size(b.size), shown(str(b.path))] for b in backups])
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup in place of the project; the current state is backed up first."""
    from ..store.backup import list_backups, restore_backup

    path = _file_project(args, "restore")
    chosen = Path(args.backup)
    if not chosen.exists() and chosen.name == str(chosen):  # a bare name: look in the backup folder
        matches = [b.path for b in list_backups(path) if b.path.name == chosen.name]
        chosen = matches[0] if matches else chosen
    saved, restored = restore_backup(path, chosen)
    if saved is not None:
        print(f"Saved the state being replaced as {shown(str(saved))}")
    print(f"Restored {shown(str(path))} from {shown(str(restored))}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Run SQLite's integrity check on the project and say what it found (exit 3 when damaged)."""
    from ..store.backup import check_file, list_backups

    path = _file_project(args, "check")
    if not path.is_file():
        raise CliError(f"no project file at {shown(str(path))}: pass --project FILE")
    problems = check_file(path)
    if not problems:
        print(f"{shown(str(path))}: ok (integrity check passed, no broken links)")
        return EXIT_OK
    print(f"{shown(str(path))}: {len(problems)} problem(s) found")
    for problem in problems:
        print(f"  - {shown(problem)}")
    backups = list_backups(path)
    if backups:
        print(f"The newest backup is {shown(str(backups[0].path))} ({backups[0].made:%Y-%m-%d %H:%M}): "
              f"'annotator --project {shown(str(path))} restore {shown(str(backups[0].path))}' puts it back "
              "(the damaged file is kept beside the backups)")
    else:
        print("No backup was found: 'annotator export' may still read most of the project; keep a copy of the file")
    return EXIT_UNAVAILABLE
