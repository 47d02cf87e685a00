"""Schema migrations through Alembic's API: no alembic.ini, the scripts ship inside the package.

To add a revision during development::

    python -c "from alembic import command; from tcdesk.storage.migrate import alembic_config; \\
        command.revision(alembic_config(), message='what changed', rev_id='0003')"
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the bundled scripts, optionally bound to ``connection``."""
    config = Config()
    # set_main_option interpolates "%(name)s", so a literal "%" in the install path must be doubled.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest schema revision this tcdesk knows."""
    head = _script().get_current_head()
    assert head is not None, "no migration scripts found"
    return head


def known_revisions() -> list[str]:
    """Every revision this tcdesk knows, oldest first."""
    return [rev.revision for rev in reversed(list(_script().walk_revisions()))]


def is_known(revision: str) -> bool:
    return revision in known_revisions()


def upgrade(connection: Connection, target: str = "head") -> None:
    """Migrate the database behind ``connection`` to ``target`` inside the caller's transaction."""
    command.upgrade(alembic_config(connection), target)
