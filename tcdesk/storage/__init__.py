"""Project files (``.tcdesk``): SQLite, versioned with Alembic migrations (the only users of SQLAlchemy).

A current project is read and saved with the standard library's sqlite3
(:mod:`tcdesk.storage.quick_read`, :mod:`tcdesk.storage.store`); SQLAlchemy is imported to create a
project, to migrate one from an older tcdesk, or to read one the sqlite3 reader leaves alone. The
names below are loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tcdesk.storage.quick_read import load_project
    from tcdesk.storage.store import ProjectStore, save_project

__all__ = ["ProjectStore", "load_project", "save_project"]


def __getattr__(name: str) -> Any:
    if name == "load_project":  # a current project is read without the store's module
        from tcdesk.storage import quick_read

        return quick_read.load_project
    if name in __all__:
        from tcdesk.storage import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
