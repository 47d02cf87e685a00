"""Reading a current project with the standard library's sqlite3 alone.

``load_project`` (the commands that read a project) and the store itself
(:class:`tcdesk.storage.store.ProjectStore`, on its own connection) read through here, so neither
imports SQLAlchemy for a current project.

The quick read takes what it can be sure of and leaves the rest to SQLAlchemy
(:mod:`tcdesk.storage.mapped_read`, through the store): a file from an older tcdesk (migrated
first), one a crash left a journal beside, one in WAL mode, one whose tables are declared other
than this tcdesk's migrations declare them (checked by a digest of their CREATE TABLE statements)
and one holding anything unusual all go the full way, which reads it or says what is wrong with it.
The tables and queries are the shared loader's (:mod:`tcdesk.storage.reading`), the columns and
their types the file's own (``PRAGMA table_info``): no second copy of the schema.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tcdesk.errors import ProjectFileError
from tcdesk.fileio import refuse_unreadable_input
from tcdesk.model import Submission
from tcdesk.storage import files, limits, reading
from tcdesk.storage.file_format import GENERATION_KEYS, TABLES_SHA256, Generation

__all__ = ["QuickRead", "load_project", "read", "read_generation", "read_open"]

log = logging.getLogger("tcdesk.storage")

Convert = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class QuickRead:
    """A project as read for showing it: its submission and the save (generation) it came from."""

    submission: Submission
    generation: Generation | None


class _FullReadNeededError(Exception):
    """Something the quick read leaves to the full store."""


def _date(value: Any) -> date | None:
    # As SQLAlchemy's SQLite DATE reads it; anything but text goes the full way.
    if value is None:
        return None
    if not isinstance(value, str):
        raise _FullReadNeededError("a date that is not text")
    return date.fromisoformat(value)


def _json(value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _FullReadNeededError("JSON that is not text")
    return json.loads(value)


#: SQLite declared type → (the Python type its values must have, its name, a converter). These are
#: the SQL types SQLAlchemy gives schema.py's column types; a test checks every column of a new
#: project is one of them. Any other declared type goes the full way.
_TYPES: dict[str, tuple[type | None, str, Convert | None]] = {
    "INTEGER": (int, "a whole number", None),
    "VARCHAR": (str, "text", None),
    "TEXT": (str, "text", None),
    "BLOB": (bytes, "binary data", None),
    "DATE": (None, "", _date),
    "JSON": (None, "", _json),
}


def load_project(path: str | Path, *, allow_large: bool = False) -> Submission:
    """Read a project without writing to it, whatever its schema version (``tcdesk.storage.load_project``).

    A current, intact project is read here; any other goes through
    :func:`tcdesk.storage.store.load_project`, which recovers or migrates it in a temporary copy.

    :param allow_large: the user opens it anyway, whatever its size (:mod:`tcdesk.storage.limits`).
    """
    quick = read(Path(path), allow_large=allow_large)
    if quick is not None:
        return quick.submission
    from tcdesk.storage import store

    return store.load_project(path, allow_large=allow_large)


def read(path: Path, *, allow_large: bool = False) -> QuickRead | None:
    """The project at ``path`` if it is current and readable in place; ``None`` when it needs the
    full store (:class:`tcdesk.storage.store.ProjectStore`) to be opened, migrated or judged.

    Never writes to the file (a read-only connection).

    :raises ProjectFileError, NotAProjectError, CorruptProjectError, NewerVersionError: what
        the store would raise for a file that cannot be opened (the same checks).
    """
    refuse_unreadable_input(path, ProjectFileError)
    if not files.readable_in_place(path):
        return None
    if not files.inspect(path, shown_as=path, allow_large=allow_large).is_current:
        return None
    try:
        with closing(files.connect(path, readonly=True)) as conn:
            conn.execute("BEGIN")  # one snapshot for every table and the generation stamp
            limits.check_database(conn, path, allow_large=allow_large)  # inspect's check was another snapshot
            quick = read_open(conn, path)
            conn.execute("COMMIT")
        return quick
    except limits.ProjectTooLargeError:
        raise
    except Exception as exc:  # noqa: BLE001 - anything unusual is the full store's to read or report
        log.debug("%s: read through the full store (%s)", path, exc)
        return None


def read_open(conn: sqlite3.Connection, path: Path) -> QuickRead:
    """:func:`read` on ``conn``, inside the caller's transaction (the store's own reads).

    :raises Exception: anything that leaves the file to :mod:`tcdesk.storage.mapped_read`.
    """
    if tables_digest(conn) != TABLES_SHA256:
        raise _FullReadNeededError("tables not as this tcdesk makes them")
    rows: dict[str, list[Any]] = {}
    columns: dict[str, list[reading.Column]] = {}
    for table, order in reading.TABLES.items():
        columns[table], converters = _columns(conn, table)
        blobs = [c.key for c in columns[table] if c.python_type is bytes]
        rows[table] = _rows(conn, table, order, [c.key for c in columns[table]], converters, blobs)
    return QuickRead(reading.build_submission(rows, columns, path), read_generation(conn))


def read_generation(conn: sqlite3.Connection) -> Generation | None:
    """The generation stamped by the last save (``None`` in files from before stamps existed)."""
    keys = ", ".join("?" * len(GENERATION_KEYS))
    return Generation.from_meta(dict(conn.execute(f"SELECT key, value FROM meta WHERE key IN ({keys})", GENERATION_KEYS).fetchall()))


def tables_digest(conn: Any) -> str:
    """SHA-256 of the CREATE TABLE statements of the tables a submission is read from."""
    names = ", ".join("?" * len(reading.TABLES))
    found = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ({names}) ORDER BY name",
        tuple(reading.TABLES),
    ).fetchall()
    return hashlib.sha256("\n".join(f"{name}\0{sql}" for name, sql in found).encode()).hexdigest()


def _columns(conn: Any, table: str) -> tuple[list[reading.Column], dict[str, Convert]]:
    columns, converters = [], {}
    for _cid, name, declared, notnull, _default, pk in conn.execute(f"PRAGMA table_info({_quote(table)})"):
        known = _TYPES.get(declared.split("(", 1)[0].strip().upper())
        if known is None:
            raise _FullReadNeededError(f"{table}.{name} is declared {declared!r}")
        python_type, type_name, convert = known
        columns.append(reading.Column(name, python_type, type_name, not notnull and not pk))
        if convert is not None:
            converters[name] = convert
    if not columns:
        raise _FullReadNeededError(f"no table {table}")
    return columns, converters


def _rows(conn: Any, table: str, order: str | None, names: list[str], converters: dict[str, Convert],
          blobs: list[str]) -> list[Any]:
    """The rows of ``table``; the values in the ``blobs`` columns that are blobs (attachments) are read
    on their own, through SQLite's incremental blob I/O straight into their bytes: fetched as column
    values, SQLite first gathers each from its pages into a buffer of its own, so reading held the
    largest attachment twice (a 190 MiB appendix took 402 MiB to open, now 204 MiB)."""
    # The queries the repository's ORM reads make: the header by its id, the rest in ``order``.
    selected = [f"CASE WHEN typeof({_quote(n)}) = 'blob' THEN NULL ELSE {_quote(n)} END" if n in blobs else _quote(n)
                for n in names]
    selected += [f"typeof({_quote(n)}) = 'blob'" for n in blobs] + ["rowid"] * bool(blobs)
    sql = f"SELECT {', '.join(selected)} FROM {_quote(table)}"
    if table == "submission":
        sql += f" WHERE {_quote(order or 'id')} = {reading.HEADER_ID}"
    elif order is not None:
        sql += f" ORDER BY {_quote(order)}"
    out = []
    for values in conn.execute(sql).fetchall():  # every row first: small, the blobs are not in them
        row = dict(zip(names, values))
        for name, is_blob in zip(blobs, values[len(names):]):
            if is_blob:
                with conn.blobopen(table, name, values[-1], readonly=True) as blob:
                    row[name] = blob.read()
        for name, convert in converters.items():
            row[name] = convert(row[name])
        out.append(SimpleNamespace(**row))
    return out


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
