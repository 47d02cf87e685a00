"""Project files (``.tcdesk``): SQLite through SQLAlchemy, versioned with Alembic (the only users of both).

The names below are loaded on first use: the editor reads a current project for its first paint
with the standard library alone (:mod:`tcdesk.storage.quick_read`), before SQLAlchemy is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tcdesk.storage.store import ProjectStore, load_project, save_project

__all__ = ["ProjectStore", "load_project", "save_project"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from tcdesk.storage import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
