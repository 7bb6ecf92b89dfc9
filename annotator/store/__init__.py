"""SQLite storage through sqlite-utils: schema, migrations and repository functions."""

from .project import DocumentRow, NewDocument, Project, open_project

__all__ = ["DocumentRow", "NewDocument", "Project", "open_project"]
