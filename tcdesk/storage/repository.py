"""Domain objects ↔ table rows: every field of a Submission, in order, and back again exactly."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Integer, LargeBinary, String, Text, delete, insert, select
from sqlalchemy.orm import Session

from tcdesk.errors import CorruptProjectError
from tcdesk.model import (
    Attachment,
    AttachmentKind,
    Lead,
    NewAction,
    NewPlan,
    PreviousAction,
    PreviousPlan,
    Signatory,
    SignOff,
    Submission,
    action_from_plain,
    action_to_plain,
)
from tcdesk.model.fields import fields_of
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
_A = TypeVar("_A", PreviousAction, NewAction)
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
    with Session(bind=conn) as session:
        header = session.get(SubmissionRow, 1)
        if header is None:
            raise CorruptProjectError("the submission record is missing", path)
        leads = session.scalars(select(LeadRow).order_by(LeadRow.position)).all()
        answers = session.scalars(select(AnswerRow)).all()
        last_time = session.scalars(select(LastTimeAnswerRow)).all()
        previous = session.scalars(select(PreviousActionRow).order_by(PreviousActionRow.position)).all()
        new = session.scalars(select(NewActionRow).order_by(NewActionRow.position)).all()
        attachments = session.scalars(select(AttachmentRow).order_by(AttachmentRow.position)).all()
        parse = _Parser(path)
        parse.types([header], "submission")
        for rows, table in ((leads, "lead"), (answers, "answer"), (last_time, "last_time_answer"), (previous, "previous_action"),
                            (new, "new_action"), (attachments, "attachment")):
            parse.types(rows, table)
        for number in [r.number for r in answers] + [r.number for r in last_time]:
            if not number.isdigit():
                raise CorruptProjectError(f"answer key {number!r} is not a question number", path, "answer")
        return Submission(
            organisation=header.organisation,
            leads=[Lead(r.name, r.role, r.email) for r in leads],
            answers={r.number: r.text for r in answers},
            webpage_url=header.webpage_url,
            previous_plan=PreviousPlan(
                period=header.previous_period,
                actions=[parse.action(PreviousAction, r, "previous_action") for r in previous],
            ),
            new_plan=NewPlan(
                period=header.new_period,
                actions=[parse.action(NewAction, r, "new_action") for r in new],
            ),
            signoff=SignOff(
                lead=Signatory(header.lead_name, header.lead_role, header.lead_date),
                leader=Signatory(header.leader_name, header.leader_role, header.leader_date),
            ),
            attachments=[
                Attachment(r.name, parse.enum(AttachmentKind, r.kind, "attachment", r.position), r.media_type, r.data)
                for r in attachments
            ],
            template=header.template,
            last_time={r.number: r.text for r in last_time},
            renewed_from=header.renewed_from,
        )


_PYTHON_TYPE: dict[type, tuple[type, str]] = {
    String: (str, "text"), Text: (str, "text"), Integer: (int, "a whole number"), LargeBinary: (bytes, "binary data")
}


class _Parser:
    """Checks values coming back from the file, naming the table and row of anything unexpected."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def enum(self, kind: Any, value: str | None, table: str, position: int) -> Any:
        if value is None:
            if kind is AttachmentKind:
                raise CorruptProjectError("attachment without a kind", self.path, f"{table} row {position + 1}")
            return None
        try:
            return kind(value)
        except ValueError:
            raise CorruptProjectError(
                f"unknown {kind.__name__.lower()} {value!r}", self.path, f"{table} row {position + 1}"
            ) from None

    def action(self, action_class: type[_A], row: PreviousActionRow | NewActionRow, table: str) -> _A:
        values = {f.name: getattr(row, f.name) for f in fields_of(action_class)}
        try:
            return action_from_plain(action_class, values, id=row.id)
        except ValueError as exc:
            raise CorruptProjectError(str(exc), self.path, f"{table} row {row.position + 1}") from None

    def types(self, rows: Sequence[Base], table: str) -> None:
        """Every text column holds text, every blob bytes: SQLite itself would store anything anywhere."""
        for n, row in enumerate(rows, start=1):
            for column in row.__table__.columns:
                value = getattr(row, column.key)
                expected = _PYTHON_TYPE.get(type(column.type))
                if expected is None or (value is None and column.nullable):
                    continue
                if not isinstance(value, expected[0]) or isinstance(value, bool):
                    got = "nothing" if value is None else type(value).__name__
                    raise CorruptProjectError(f"{column.key} holds {got}, not {expected[1]}", self.path, f"{table} row {n}")
