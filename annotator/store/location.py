"""Where a project lives: a SQLite file (a path) or a shared PostgreSQL database (a libpq URL)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(location: object) -> bool:
    """True for a libpq URL (``postgresql://USER@HOST:PORT/DB``): a team project on a server."""
    return isinstance(location, str) and location.lower().startswith(SERVER_SCHEMES)


def display_location(location: str | Path) -> str:
    """The project's place for titles and messages: a file's path as given, a URL without its
    password (which a window title or a log line must never show)."""
    if not is_server_url(location):
        return str(location)
    parts = urlsplit(str(location))
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def short_name(location: str | Path) -> str:
    """A few words naming the project: a file's name, or ``DB on HOST`` for a team project."""
    if not is_server_url(location):
        return Path(location).name
    parts = urlsplit(str(location))
    database = parts.path.lstrip("/") or "postgres"
    return f"{database} on {parts.hostname or 'localhost'}"
