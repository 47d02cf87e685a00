"""Domain objects → table rows, and writing them with the standard library's sqlite3.

Every field of a Submission, in order, as the rows schema.py declares (a test holds the two
together, and saves the same random submissions through SQLAlchemy to compare the files). Rows are
read back by :mod:`tcdesk.storage.reading`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tcdesk.model import Submission, action_to_plain

Row = dict[str, Any]
Digest = Callable[[bytes], str]

#: Diffed row by row when saving; the other tables are rewritten as a whole when any of their rows changed.
ATTACHMENTS = "attachment"
_ATTACHMENT_KEY = ("name", "kind", "media_type", "sha256")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class Rows:
    """A submission as rows: ``tables`` by table name, and attachment rows (with their blobs)."""

    tables: dict[str, list[Row]]
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
    tables: dict[str, list[Row]] = {
        "submission": [header],
        "lead": [{"position": i, "name": lead.name, "role": lead.role, "email": lead.email} for i, lead in enumerate(sub.leads)],
        "answer": [{"number": n, "text": text} for n, text in sub.answers.items()],
        "last_time_answer": [{"number": n, "text": text} for n, text in sub.last_time.items()],
        "previous_action": [
            {"position": i, **action_to_plain(a), "id": a.id} for i, a in enumerate(sub.previous_plan.actions)
        ],
        "new_action": [{"position": i, **action_to_plain(a), "id": a.id} for i, a in enumerate(sub.new_plan.actions)],
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


def write(conn: sqlite3.Connection, rows: Rows, unchanged: dict[str, list[Row]] | None = None) -> bool:
    """Write ``rows`` inside the caller's transaction; ``False`` when nothing needed writing.

    :param unchanged: the rows known to be in the file already; tables equal to them are skipped.
    """
    changed = False
    for table, new_rows in rows.tables.items():
        if unchanged is not None and unchanged.get(table) == new_rows:
            continue
        changed = True
        conn.execute(f"DELETE FROM {table}")
        _insert(conn, table, new_rows)
    return _write_attachments(conn, rows.attachments) or changed


def _write_attachments(conn: sqlite3.Connection, attachments: list[Row]) -> bool:
    # Compare digests, never blobs: an unchanged figure of several megabytes costs nothing to save.
    stored = {r[0]: tuple(r[1:]) for r in conn.execute(f"SELECT position, {', '.join(_ATTACHMENT_KEY)} FROM {ATTACHMENTS}")}
    changed = False
    for row in attachments:
        if stored.get(row["position"]) != tuple(row[k] for k in _ATTACHMENT_KEY):
            changed = True
            conn.execute(f"DELETE FROM {ATTACHMENTS} WHERE position = ?", (row["position"],))
            _insert(conn, ATTACHMENTS, [row])
    removed = conn.execute(f"DELETE FROM {ATTACHMENTS} WHERE position >= ?", (len(attachments),)).rowcount
    return changed or bool(removed)


def _insert(conn: sqlite3.Connection, table: str, rows: list[Row]) -> None:
    if not rows:
        return
    names = list(rows[0])
    conn.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [[stored(row[name]) for name in names] for row in rows],
    )


def stored(value: Any) -> Any:
    """A value as SQLAlchemy's SQLite types store it: schema.py's Date as ISO text (day precision),
    JSON (the talent lists) as ``json.dumps`` text; the rest as it is."""
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, list):
        return json.dumps(value)
    return value
