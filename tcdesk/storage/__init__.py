"""Project files (``.tcdesk``): SQLite through SQLAlchemy, versioned with Alembic; the only package importing sqlalchemy."""

from tcdesk.storage.store import ProjectStore, load_project, save_project

__all__ = ["ProjectStore", "load_project", "save_project"]
