"""How much a project may hold: checked with SQL before a row is loaded, and before a save writes.

A project someone e-mails is untrusted: reading loads every row, so a file holding gigabytes, or
millions of rows, would take the machine's memory and time. The same limits are held where content
is written (every save and new project goes through :func:`check_rows`), so tcdesk never writes a
project it would then refuse to open.

What is counted is the same on both sides: the characters of every text value and the bytes of every
blob (attachments), and the number of rows. Reading allows :data:`BOOKKEEPING` more of each for
tcdesk's own rows (``meta``, ``alembic_version``), which a save does not count.

A project written before these limits existed may exceed them, and it is the user's own work: the
user can open it anyway (``allow_large``: ``--allow-large``, the editor's "Open anyway"), and then
saving it is allowed too. Only what memory cannot hold stays refused (:func:`memory_ceiling`).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tcdesk.errors import ProjectFileError
from tcdesk.errors import ProjectTooLargeError as ProjectTooLargeError  # raised here; in errors for the editor
from tcdesk.fileio import MAX_SUBMISSION_BYTES, refuse_unreadable_input
from tcdesk.storage import repository

if TYPE_CHECKING:
    from tcdesk.model import Submission
    from tcdesk.storage.repository import Rows

#: Text characters plus attachment bytes: as much as an interchange file or an import may be, so
#: every submission tcdesk reads from one fits in a project (a real one, figures and appendices
#: included, is tens of MB).
MAX_CONTENT = MAX_SUBMISSION_BYTES
#: Rows in all tables: a submission of 100,000 actions has about 100,000; a real one, a few hundred.
MAX_ROWS = 1_000_000
#: The file itself (SQLite pages, and the bytes on disk): its content plus room for SQLite's own
#: structures and free pages; bounds the integrity check, and the copy a recovery reads from.
MAX_FILE_BYTES = 4 * MAX_CONTENT
#: Tables, known to tcdesk or not (it makes 9).
MAX_TABLES = 1_000
#: tcdesk's bookkeeping rows, allowed on reading beyond what a save counts.
BOOKKEEPING = 64 * 1024
#: Lowers the content limit to this many bytes, never raises it (nor the file's, which stays at least
#: 16 MiB: an empty project's pages are a few hundred KB): for tests that run tcdesk in a process of
#: their own and want a "too large" project of a few hundred kilobytes.
LIMIT_VARIABLE = "TCDESK_TEST_PROJECT_LIMIT"
if os.environ.get(LIMIT_VARIABLE, "").isdigit():
    MAX_CONTENT = min(MAX_CONTENT, int(os.environ[LIMIT_VARIABLE]))
    MAX_FILE_BYTES = min(MAX_FILE_BYTES, max(4 * MAX_CONTENT, 16 * 2**20))
#: What one row costs in memory once read, beyond its text (Python objects, the model's dataclass).
ROW_BYTES = 1024
#: Values stored as they are, whose length a save counts directly (``None`` and numbers: nothing).
_PLAIN = (str, bytes, int, type(None))


def memory_ceiling() -> int:
    """The most an allowed project may take to load: a third of this computer's physical memory, as
    the editor holds the content about two and a half times (the window's, its checking process's;
    benchmarks/bench_large_project.py), or 2 GB where the system does not say."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 3
    except (AttributeError, ValueError, OSError):
        return 2 * 10**9


def size(n: int) -> str:
    """``n`` bytes (or characters) for a message: MiB below a GiB, then GB with one decimal."""
    return f"{n / 1e9:.1f} GB" if n >= 2**30 else f"{n / 2**20:,.0f} MiB" if n >= 2**20 else f"{n:,} bytes"


def check_file_size(path: Path, shown_as: Path | None = None, *, allow_large: bool = False) -> None:
    """Refuse a file (or a journal beside it) larger than any project tcdesk writes, from its size on disk.

    :param allow_large: the user opens it anyway: its size on disk is no danger to memory (SQLite
        reads pages as they are needed), so nothing is refused here.
    """
    if allow_large:
        return
    for each in (path, path.with_name(path.name + "-journal")):
        try:
            n = os.stat(each).st_size
        except OSError:
            continue  # absent: the readers report a missing project themselves
        if n > MAX_FILE_BYTES:
            what = "the project file" if each == path else f"'{each.name}' beside it"
            raise ProjectTooLargeError(f"{what} is {size(n)}; tcdesk opens projects of at most {size(MAX_FILE_BYTES)}",
                                       shown_as or path, overridable=True)


def check_database(conn: sqlite3.Connection | Any, path: Path, *, allow_large: bool = False) -> None:
    """Refuse the open database behind ``conn`` if it holds more than a project may.

    Only sizes are read (``PRAGMA page_count``, ``count(*)``, ``length()``, which SQLite answers for
    a blob from its record header): no value is loaded into Python. Runs on any schema revision.

    :param allow_large: the user opens it anyway: only a project whose rows and content would not
        fit in memory (:func:`memory_ceiling`) is refused.
    """
    pages = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
    if pages > MAX_FILE_BYTES and not allow_large:
        raise ProjectTooLargeError(f"the database is {size(pages)}; tcdesk opens projects of at most {size(MAX_FILE_BYTES)}",
                                   path, overridable=True)
    content = rows = 0
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                         "LIMIT ?", (-1 if allow_large else MAX_TABLES + 1,))]
    if len(tables) > MAX_TABLES and not allow_large:  # each is counted below, one query apiece
        raise ProjectTooLargeError(f"the project has more than {MAX_TABLES:,} tables; tcdesk makes 9", path, overridable=True)
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({_quote(table)})")]
        lengths = " + ".join(f"coalesce(sum(CASE WHEN typeof({c}) IN ('text', 'blob') THEN length({c}) END), 0)"
                             for c in map(_quote, columns)) or "0"
        count, held = conn.execute(f"SELECT count(*), {lengths} FROM {_quote(table)}").fetchone()
        rows, content = rows + count, content + held
    if allow_large:
        ceiling = memory_ceiling()
        if content + rows * ROW_BYTES > ceiling:
            raise ProjectTooLargeError(f"the project holds {size(content)} of text and attachments in {rows:,} rows"
                                       f"{_largest(conn, tables)}; this computer's memory lets tcdesk load at most "
                                       f"{size(ceiling)}", path)
        return
    if rows > MAX_ROWS + BOOKKEEPING:
        raise ProjectTooLargeError(f"the project has {rows:,} rows; tcdesk opens projects of at most {MAX_ROWS:,}", path,
                                   overridable=True)
    if content > MAX_CONTENT + BOOKKEEPING:
        raise ProjectTooLargeError(f"the project holds {size(content)} of text and attachments{_largest(conn, tables)}; "
                                   f"tcdesk opens projects of at most {size(MAX_CONTENT)}", path, overridable=True)


def _largest(conn: sqlite3.Connection | Any, tables: list[str]) -> str:
    """``(attachment 'x.png' is 3.1 GB)`` or ``(answer 3 is …)``: the largest value a user can find."""
    found: list[tuple[str, int | None]] = []
    if "attachment" in tables:
        found += conn.execute("SELECT 'attachment ' || quote(name), length(data) FROM attachment "
                              "ORDER BY length(data) DESC LIMIT 1").fetchall()
    for table, label in (("answer", "the answer to question "), ("last_time_answer", "last time's answer to question ")):
        if table in tables:
            found += conn.execute(f"SELECT ? || number, length(text) FROM {table} ORDER BY length(text) DESC LIMIT 1",
                                  (label,)).fetchall()
    if not found:
        return ""
    label, n = max(found, key=lambda f: f[1] or 0)
    return f" ({label} is {size(n or 0)})" if n else ""


def check_rows(rows: Rows, path: Path | None, doing: str = "cannot save", adding: tuple[str, int] | None = None,
               *, allow_large: bool = False) -> None:
    """Refuse to write rows a project could not be opened with again (see :func:`check_database`).

    :param doing: how the message starts: what was being done.
    :param adding: the name and size of a file about to be added as an attachment, not read yet.
    :param allow_large: the project was opened anyway although larger (``--allow-large``): it is
        saved whatever its size, as refusing would lose the user's edits; it opens again the same way.
    :raises ProjectTooLargeError: naming the file, how much there is, and the largest attachment.
    """
    if allow_large:
        return
    every = [row for table in rows.tables.values() for row in table] + rows.attachments
    count = len(every) + (adding is not None)
    if count > MAX_ROWS:
        raise ProjectTooLargeError(f"{doing}: {count:,} rows (plan actions, answers, leads, attachments); "
                                   f"a project holds at most {MAX_ROWS:,}", path)
    values = list(chain.from_iterable(map(dict.values, every)))  # one pass each below: autosave runs this
    content = sum(map(len, [v for v in values if type(v) is str or type(v) is bytes]))
    content += sum(map(_stored_length, [v for v in values if type(v) not in _PLAIN]))
    content += adding[1] if adding is not None else 0
    if content > MAX_CONTENT:
        files = [(a["name"], len(a["data"])) for a in rows.attachments] + ([adding] if adding is not None else [])
        name, n = max(files, key=lambda f: f[1], default=("", 0))
        detail = f" (attachment {name!r} is {size(n)})" if n else ""
        raise ProjectTooLargeError(f"{doing}: {size(content)} of text and attachments{detail}; a project holds at most "
                                   f"{size(MAX_CONTENT)}: remove or shrink attachments", path)


def check_submission(sub: Submission, path: Path | None, doing: str, adding: tuple[str, int] | None = None,
                     *, allow_large: bool = False) -> None:
    """:func:`check_rows` for a submission not yet saved (an import, one a file is about to be added to)."""
    check_rows(repository.to_rows(sub, lambda _data: ""), path, doing, adding, allow_large=allow_large)


def check_new_attachment(sub: Submission, path: Path, name: str, *, allow_large: bool = False) -> None:
    """Refuse to add the file at ``path`` to ``sub`` as attachment ``name`` if the project could then
    not be saved, from its size on disk: before it is read.

    :raises ProjectTooLargeError: naming ``path``; :raises TcdeskError: it cannot be read.
    """
    refuse_unreadable_input(path, ProjectFileError)
    check_submission(sub, path, "cannot add it to the project", (name, path.stat().st_size), allow_large=allow_large)


def _stored_length(value: Any) -> int:
    """At least the length of ``value`` as a save stores it (repository.stored): a date as ISO text, a
    list (talent codes) as JSON, where a character takes at most 12 (a surrogate pair's escapes).
    Bounded from above, not computed: JSON-encoding every action's list would double an autosave."""
    if isinstance(value, date):
        return 10
    if isinstance(value, list) and all(type(item) is str for item in value):
        return 2 + sum(12 * len(item) + 4 for item in value)
    return len(repository.stored(value))


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
