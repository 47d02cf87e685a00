"""Project files (``.tcdesk``): SQLite through SQLAlchemy, versioned with Alembic (the only users of both)."""

from tcdesk.storage.store import ProjectStore, load_project, save_project

__all__ = ["ProjectStore", "load_project", "save_project"]
