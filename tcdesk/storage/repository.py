"""Domain objects ↔ table rows: every field of a Submission, in order, and back again exactly."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Integer, LargeBinary, String, Text, delete, insert, select
from sqlalchemy.orm import Session

from tcdesk.model import Submission, action_to_plain
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

Row = dict[str, Any]
Digest = Callable[[bytes], str]

# Tables rewritten as a whole when any of their rows changed; attachments are diffed row by row.
PLAIN_TABLES: tuple[type[Base], ...] = (
    SubmissionRow,
    LeadRow,
    AnswerRow,
    LastTimeAnswerRow,
    PreviousActionRow,
    NewActionRow,
)
_ATTACHMENT_KEY = ("name", "kind", "media_type", "sha256")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class Rows:
    """A submission as rows: ``tables`` by mapped class, and attachment rows (with their blobs)."""

    tables: dict[type[Base], list[Row]]
    attachments: list[Row]


def to_rows(sub: Submission, digest: Digest = sha256) -> Rows:
    lead, leader = sub.signoff.lead, sub.signoff.leader
    header = {
        "id": 1,
        "template": sub.template,
        "organisation": sub.organisation,
        "webpage_url": sub.webpage_url,
        "previous_period": sub.previous_plan.period,
        "new_period": sub.new_plan.period,
        "lead_name": lead.name,
        "lead_role": lead.role,
        "lead_date": lead.date,
        "leader_name": leader.name,
        "leader_role": leader.role,
        "leader_date": leader.date,
        "renewed_from": sub.renewed_from,
    }
    tables: dict[type[Base], list[Row]] = {
        SubmissionRow: [header],
        LeadRow: [{"position": i, "name": lead.name, "role": lead.role, "email": lead.email} for i, lead in enumerate(sub.leads)],
        AnswerRow: [{"number": n, "text": text} for n, text in sub.answers.items()],
        LastTimeAnswerRow: [{"number": n, "text": text} for n, text in sub.last_time.items()],
        PreviousActionRow: [
            {"position": i, **action_to_plain(a), "id": a.id} for i, a in enumerate(sub.previous_plan.actions)
        ],
        NewActionRow: [{"position": i, **action_to_plain(a), "id": a.id} for i, a in enumerate(sub.new_plan.actions)],
    }
    attachments = [
        {
            "position": i,
            "name": a.name,
            "kind": a.kind.value,
            "media_type": a.media_type,
            "sha256": digest(a.data),
            "data": a.data,
        }
        for i, a in enumerate(sub.attachments)
    ]
    return Rows(tables, attachments)


def write(conn: Connection, rows: Rows, unchanged: dict[type[Base], list[Row]] | None = None) -> bool:
    """Write ``rows`` inside the caller's transaction; ``False`` when nothing needed writing.

    :param unchanged: the rows known to be in the file already; tables equal to them are skipped.
    """
    changed = False
    for table, new_rows in rows.tables.items():
        if unchanged is not None and unchanged.get(table) == new_rows:
            continue
        changed = True
        conn.execute(delete(table))
        if new_rows:
            conn.execute(insert(table), new_rows)
    return _write_attachments(conn, rows.attachments) or changed


def _write_attachments(conn: Connection, attachments: list[Row]) -> bool:
    # Compare digests, never blobs: an unchanged figure of several megabytes costs nothing to save.
    columns = [AttachmentRow.position, *(getattr(AttachmentRow, k) for k in _ATTACHMENT_KEY)]
    stored = {r[0]: tuple(r[1:]) for r in conn.execute(select(*columns))}
    changed = False
    for row in attachments:
        if stored.get(row["position"]) != tuple(row[k] for k in _ATTACHMENT_KEY):
            changed = True
            conn.execute(delete(AttachmentRow).where(AttachmentRow.position == row["position"]))
            conn.execute(insert(AttachmentRow), [row])
    removed = conn.execute(delete(AttachmentRow).where(AttachmentRow.position >= len(attachments))).rowcount
    return changed or bool(removed)


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
            else:
                query = select(mapped) if order is None else select(mapped).order_by(getattr(mapped, order))
                rows[table] = session.scalars(query).all()
        return reading.build_submission(rows, COLUMNS, path)


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
