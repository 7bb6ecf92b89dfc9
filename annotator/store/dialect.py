"""The few places where SQLite's and PostgreSQL's SQL differ, so the store writes the rest once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    """What :class:`~annotator.store.project.Project` asks of a backend's SQL."""

    name: str
    now: str  # the current UTC time as the text the schema stores ("2026-12-05T12:00:00")
    unindexed_prefix: str  # SQLite's "+column" keeps the planner off an index; PostgreSQL has no such operator

    def unindexed(self, column: str) -> str:
        return self.unindexed_prefix + column


SQLITE = Dialect("sqlite", "strftime('%Y-%m-%dT%H:%M:%S', 'now')", "+")
POSTGRESQL = Dialect("postgresql", "to_char(timezone('UTC', now()), 'YYYY-MM-DD\"T\"HH24:MI:SS')", "")
