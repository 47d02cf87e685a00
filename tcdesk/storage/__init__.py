"""Project files (``.tcdesk``): SQLite through SQLAlchemy, versioned with Alembic (the only users of both).

The names below are loaded on first use: a current project is read with the standard library alone
(:mod:`tcdesk.storage.quick_read`; the editor does so for its first paint), SQLAlchemy is imported
to write one, or to read one that needs recovering or migrating.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tcdesk.storage.quick_read import load_project
    from tcdesk.storage.store import ProjectStore, save_project

__all__ = ["ProjectStore", "load_project", "save_project"]


def __getattr__(name: str) -> Any:
    if name == "load_project":  # a current project is read without SQLAlchemy
        from tcdesk.storage import quick_read

        return quick_read.load_project
    if name in __all__:
        from tcdesk.storage import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
