"""Table rows → a Submission, checked: shared by the sqlite3 reader and the SQLAlchemy one (mapped_read).

Both readers fetch the same tables with the same queries (:data:`TABLES`) and hand the rows here, so
what a file reads as, and what makes it unreadable, is decided in one place. Rows are any objects
with the columns as attributes (mapped rows, or the quick read's namespaces).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

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
)
from tcdesk.model.fields import fields_of

_A = TypeVar("_A", PreviousAction, NewAction)

#: The tables a submission is read from, in reading order, each with the column its rows are read in
#: the order of (``None``: as stored). The header table has one row, ``id`` 1.
TABLES: dict[str, str | None] = {
    "submission": "id",
    "lead": "position",
    "answer": None,
    "last_time_answer": None,
    "previous_action": "position",
    "new_action": "position",
    "attachment": "position",
}
HEADER_ID = 1


@dataclass(frozen=True, slots=True)
class Column:
    """What a reader knows of one column: the Python type its values must have (``None``: converted
    by the reader, e.g. dates and JSON, so not checked here), how to name that type, and whether it
    may be empty."""

    key: str
    python_type: type | None
    type_name: str
    nullable: bool


Columns = Mapping[str, Sequence[Column]]


def build_submission(rows: Mapping[str, Sequence[Any]], columns: Columns, path: Path | None) -> Submission:
    """The submission held by ``rows`` (by table name, as :data:`TABLES` orders them).

    :raises CorruptProjectError: a value no tcdesk writes (an unknown pillar, a missing header row).
    """
    if not rows["submission"]:
        raise CorruptProjectError("the submission record is missing", path)
    header = rows["submission"][0]
    parse = _Parser(path)
    for table in TABLES:
        parse.types(rows[table], columns[table], table)
    answers, last_time, previous, new = rows["answer"], rows["last_time_answer"], rows["previous_action"], rows["new_action"]
    for number in [r.number for r in answers] + [r.number for r in last_time]:
        if not number.isdigit():
            raise CorruptProjectError(f"answer key {number!r} is not a question number", path, "answer")
    return Submission(
        organisation=header.organisation,
        leads=[Lead(r.name, r.role, r.email) for r in rows["lead"]],
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
            for r in rows["attachment"]
        ],
        template=header.template,
        last_time={r.number: r.text for r in last_time},
        renewed_from=header.renewed_from,
    )


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

    def action(self, action_class: type[_A], row: Any, table: str) -> _A:
        values = {f.name: getattr(row, f.name) for f in fields_of(action_class)}
        try:
            return action_from_plain(action_class, values, id=row.id)
        except ValueError as exc:
            raise CorruptProjectError(str(exc), self.path, f"{table} row {row.position + 1}") from None

    def types(self, rows: Sequence[Any], columns: Sequence[Column], table: str) -> None:
        """Every text column holds text, every blob bytes: SQLite itself would store anything anywhere."""
        for n, row in enumerate(rows, start=1):
            for column in columns:
                value = getattr(row, column.key)
                if column.python_type is None or (value is None and column.nullable):
                    continue
                if not isinstance(value, column.python_type) or isinstance(value, bool):
                    got = "nothing" if value is None else type(value).__name__
                    raise CorruptProjectError(
                        f"{column.key} holds {got}, not {column.type_name}", self.path, f"{table} row {n}"
                    )
