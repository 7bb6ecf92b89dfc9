"""The few places where SQLite's and PostgreSQL's SQL differ, so the store writes the rest once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    """What :class:`~annotator.store.project.Project` asks of a backend's SQL."""

    name: str
    now: str  # the current UTC time as the text the schema stores ("2026-12-05T12:00:00")
    unindexed_form: str  # a column in a form no index holds: the planner then takes a better index
    bytewise_collation: str  # what makes text sort by code point, as Python's sorted() does

    def unindexed(self, column: str) -> str:
        """``column`` as a condition no index answers: SQLite's unary "+", PostgreSQL's ``|| ''``
        (the article list counts one document's spans through spans_by_doc, not by scanning every
        accepted span of the annotator through spans_by_layer, which a server without statistics
        yet, just after an import, chose: 190 ms for a screenful of 20,000 articles)."""
        return self.unindexed_form.format(column)

    def by_code_point(self, column: str) -> str:
        """``column`` for an ORDER BY that sorts text by code point on both backends. SQLite's
        default (BINARY) already does; PostgreSQL's follows the database's collation, which a
        server installed with its distribution's defaults sets to the language's (en_US.UTF-8:
        "alice" before "Zoe"), so text is compared as "C" (UTF-8 bytes: code points)."""
        return column + self.bytewise_collation


SQLITE = Dialect("sqlite", "strftime('%Y-%m-%dT%H:%M:%S', 'now')", "+{}", "")
POSTGRESQL = Dialect("postgresql", "to_char(timezone('UTC', now()), 'YYYY-MM-DD\"T\"HH24:MI:SS')", "({} || '')",
                     ' COLLATE "C"')
