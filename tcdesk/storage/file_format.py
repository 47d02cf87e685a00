"""What marks a ``.tcdesk`` file and the save it holds, without SQLAlchemy: a current project is
checked, read and saved with the standard library's sqlite3 alone."""

from __future__ import annotations

from dataclasses import dataclass

# "tcdk" in ASCII: stored in the SQLite header (PRAGMA application_id) so tcdesk and file(1) can
# tell a project from any other SQLite database without reading a table.
APPLICATION_ID = 0x7463646B
FORMAT_NAME = "tcdesk-project"

# The Alembic revision this version of tcdesk writes. Kept here so that opening a current file needs
# no Alembic import; a test checks it equals the head of tcdesk/storage/migrations/versions/.
SCHEMA_REVISION = "0004"

#: SHA-256 of the tables a submission is read from, as a current project declares them (the CREATE
#: TABLE statements SQLite keeps, see :func:`tcdesk.storage.quick_read.tables_digest`): the sqlite3
#: reader takes a file only when its tables are exactly the ones this tcdesk's migrations make,
#: so their columns, types and NOT NULLs are schema.py's. tests/storage/test_quick_read.py checks it
#: against a new and a migrated project; a schema change updates it.
TABLES_SHA256 = "9b83d4ac60b9133708dace61072ab33742cee8b3199496fd72a754cf06d724c0"

#: The ``meta`` keys of the generation stamp.
GENERATION_KEYS = ("generation", "saved_by", "saved_at")


@dataclass(frozen=True, slots=True)
class Generation:
    """Which save a project file holds: a fresh token per save, with who saved it and when."""

    token: str
    saved_by: str = ""
    saved_at: str = ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Generation) and other.token == self.token

    def __hash__(self) -> int:
        return hash(self.token)

    @classmethod
    def from_meta(cls, meta: dict[str, str]) -> Generation | None:
        """The stamp among ``meta``'s rows (``None`` in files from before stamps existed)."""
        token = meta.get("generation")
        return cls(token, meta.get("saved_by", ""), meta.get("saved_at", "")) if token else None
