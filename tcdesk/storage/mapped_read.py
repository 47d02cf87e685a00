"""Reading a project through SQLAlchemy's mapped classes (schema.py): the reader of last resort.

The sqlite3 reader (:mod:`tcdesk.storage.quick_read`) takes only what it can be sure of; a file it
leaves alone (a migrated or recovered copy, tables declared otherwise, a value out of the ordinary)
is read here, which converts dates and JSON as SQLAlchemy does and says what is wrong with the rest.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Integer, LargeBinary, String, Text, select
from sqlalchemy.orm import Session, defer

from tcdesk.model import Submission
from tcdesk.storage import reading
from tcdesk.storage.schema import (
    AnswerRow,
    AttachmentRow,
    Base,
    LastTimeAnswerRow,
    LeadRow,
    NewActionRow,
    PreviousActionRow,
    SubmissionRow,
)

log = logging.getLogger(__name__)

def read(conn: Connection, path: Path | None = None) -> Submission:
    """The submission stored in the (current-schema) database behind ``conn``.

    :raises CorruptProjectError: a value no tcdesk writes (an unknown pillar, a missing header row).
    """
    rows: dict[str, Sequence[Any]] = {}
    with Session(bind=conn) as session:
        for table, order in reading.TABLES.items():
            mapped = MAPPED[table]
            if mapped is SubmissionRow:
                header = session.get(SubmissionRow, reading.HEADER_ID)
                rows[table] = [header] if header is not None else []
                if header is None:
                    break  # reported before anything else is read
            elif mapped is AttachmentRow:  # each blob read on its own, as the quick read does
                deferred = select(AttachmentRow).order_by(AttachmentRow.position).options(defer(AttachmentRow.data))
                rows[table] = [_with_data(conn, row) for row in session.scalars(deferred).all()]
            else:
                query = select(mapped) if order is None else select(mapped).order_by(getattr(mapped, order))
                rows[table] = session.scalars(query).all()
        return reading.build_submission(rows, COLUMNS, path)


def _with_data(conn: Connection, row: AttachmentRow) -> SimpleNamespace:
    """``row`` with its data: a blob read through SQLite's incremental I/O straight into its bytes (as a
    column value, SQLite would first gather it into a buffer of its own, holding it twice); anything
    else (text where a blob belongs, a table without rowids) as SQLAlchemy reads it."""
    values = {c.key: getattr(row, c.key) for c in COLUMNS["attachment"] if c.key != "data"}
    raw = conn.connection.driver_connection
    if not isinstance(raw, sqlite3.Connection):
        return SimpleNamespace(**values, data=row.data)
    try:
        found = raw.execute("SELECT rowid, typeof(data) FROM attachment WHERE position = ?", (row.position,)).fetchall()
        if len(found) == 1 and found[0][1] == "blob":
            with raw.blobopen("attachment", "data", found[0][0], readonly=True) as blob:
                return SimpleNamespace(**values, data=blob.read())
    except sqlite3.Error as exc:  # e.g. no rowid to open a blob by: read as a column value below
        log.debug("attachment %s read as a column value (%s)", row.position, exc)
    return SimpleNamespace(**values, data=row.data)


#: The mapped class of each table a submission is read from.
MAPPED: dict[str, type[Base]] = {
    cls.__tablename__: cls
    for cls in (SubmissionRow, LeadRow, AnswerRow, LastTimeAnswerRow, PreviousActionRow, NewActionRow, AttachmentRow)
}
_PYTHON_TYPE: dict[type, tuple[type, str]] = {
    String: (str, "text"), Text: (str, "text"), Integer: (int, "a whole number"), LargeBinary: (bytes, "binary data")
}
#: What the shared loader checks of each column; dates and JSON are converted by SQLAlchemy instead.
COLUMNS: dict[str, list[reading.Column]] = {
    table: [
        reading.Column(c.key, python_type, type_name, bool(c.nullable))
        for c in mapped.__table__.columns
        for python_type, type_name in [_PYTHON_TYPE.get(type(c.type), (None, ""))]
    ]
    for table, mapped in MAPPED.items()
}
