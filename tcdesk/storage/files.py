"""Opening project files safely: read-only validation, durable connections, crash-recovery snapshots."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tcdesk import __version__
from tcdesk.errors import CorruptProjectError, NewerVersionError, NotAProjectError, ProjectFileError
from tcdesk.storage.file_format import APPLICATION_ID, FORMAT_NAME, SCHEMA_REVISION

if TYPE_CHECKING:
    from sqlalchemy import Engine

SQLITE_MAGIC = b"SQLite format 3\x00"
_NOT_A_PROJECT = "not a tcdesk project"
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class ProjectInfo:
    """What the file says about itself, read without changing a byte."""

    revision: str
    written_by: str

    @property
    def is_current(self) -> bool:
        return self.revision == SCHEMA_REVISION


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """A DB-API connection in autocommit mode: the store, and :func:`make_engine`'s ``begin`` hook,
    issue BEGIN themselves.

    Read-only connections use a ``mode=ro`` URI, so SQLite itself guarantees the file is not written.
    """
    if readonly:
        conn = sqlite3.connect(
            path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        # A rollback journal, not WAL: the project stays one self-contained file users can e-mail, and
        # FULL sync makes every committed save survive power loss.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def make_engine(path: Path, *, readonly: bool) -> Engine:
    """An engine on one connection, for the migrations and :mod:`tcdesk.storage.mapped_read`."""
    # Imported here: a current project is checked, read and saved through this module without
    # SQLAlchemy (tcdesk.storage.store).
    from sqlalchemy import Connection, create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", creator=lambda: connect(path, readonly=readonly), poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:  # pysqlite would otherwise begin lazily, after the first read
        conn.exec_driver_sql("BEGIN")

    return engine


def wal_files(path: Path) -> list[Path]:
    """The ``-wal`` and ``-shm`` files beside ``path`` (tcdesk never writes them: it uses a rollback journal)."""
    return [p for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")) if p.exists()]


def _wal_header(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            header = fh.read(20)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and header[18:20] != b"\x01\x01"


def refuse_foreign_journals(path: Path, *, allow_large: bool = False) -> None:
    """Refuse to open ``path`` for writing while a ``-wal``, or a journal left by a save of another
    file (:mod:`tcdesk.storage.journal_owner`), lies beside it.

    SQLite would merge that journal into the file on opening, and it cannot tell whose it is: a copied,
    renamed or replaced project can carry another file's content in it.
    """
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise ProjectFileError(
            f"'{wal.name}' beside the project was not written by tcdesk and may belong to another file; "
            "move it away and open the project again",
            path,
        )
    if _foreign_journal(path, allow_large):
        raise ProjectFileError(
            f"'{journal_path(path).name}' beside the project was left by an unfinished save of another "
            "version of this file (the file was replaced since), and opening would write that version's "
            "old pages into this one; move it away and open the project again",
            path,
        )


def _foreign_journal(path: Path, allow_large: bool = False) -> bool:
    from tcdesk.storage.journal_owner import is_foreign

    if not _hot_journal(path):
        return False
    if is_foreign(path, journal_path(path)):
        return True
    return _journal_verdict(path, allow_large) == "foreign"


def _journal_verdict(path: Path, allow_large: bool = False) -> str:
    """``own``, ``foreign`` or ``unsure``, from what playing the journal back gives
    (:mod:`tcdesk.storage.journal_recovery`)."""
    from tcdesk.storage import journal_recovery, limits

    limits.check_file_size(path, allow_large=allow_large)  # before any copy: a hostile file could fill the temporary folder
    return journal_recovery.verdict(path, journal_path(path)).value


def keep_if_unsure(path: Path, *, allow_large: bool = False) -> Path | None:
    """Before a journal that may be another file's is played back into ``path``, copy the file as found
    beside it (:func:`tcdesk.storage.journal_recovery.keep_as_found`); returns the copy, if one was made."""
    from tcdesk.storage import journal_recovery

    if not _hot_journal(path) or _journal_verdict(path, allow_large) != "unsure":
        return None
    return journal_recovery.keep_as_found(path)


def _in_wal_mode(path: Path) -> bool:
    return bool(wal_files(path)) or _wal_header(path)


def _hot_journal(path: Path) -> bool:
    journal = journal_path(path)
    return journal.exists() and journal.stat().st_size > 0


def readable_in_place(path: Path) -> bool:
    """Whether ``path``'s committed state can be read from the file itself (what :func:`readable` then
    yields): no journal left by a crash to roll back, no write-ahead log."""
    return not (_in_wal_mode(path) or _hot_journal(path))


@contextmanager
def readable(path: Path, *, allow_large: bool = False) -> Iterator[tuple[Path, bool]]:
    """A path to read ``path``'s committed state from, and whether it is a private copy.

    A save interrupted by a crash leaves a hot journal beside the file; SQLite must roll it back before
    anyone reads, which a read-only connection cannot do. Copy both to a temporary folder and let the
    copy recover, so reading never writes to the user's file.

    A ``-wal``/``-shm`` beside the file, or a file switched to WAL mode by another program, is never
    read or created: the file alone is copied, marked as a rollback-journal database, and read.

    :param allow_large: the user opens it anyway, whatever its size (:mod:`tcdesk.storage.limits`).
    """
    import shutil  # here, not above: opening an intact project (the editor's start) needs neither
    import tempfile

    from tcdesk.storage import limits

    limits.check_file_size(path, allow_large=allow_large)  # before any copy: a hostile file could fill the temporary folder
    if _in_wal_mode(path) or _foreign_journal(path, allow_large):  # the file alone: no other file's pages in it
        with tempfile.TemporaryDirectory(prefix="tcdesk-") as tmp:
            copy = Path(tmp) / path.name
            try:
                shutil.copyfile(path, copy)
            except OSError as exc:
                raise ProjectFileError(f"cannot read: {exc.strerror or exc}", path) from exc
            with copy.open("r+b") as fh:
                if fh.read(16) == SQLITE_MAGIC:
                    fh.seek(18)
                    fh.write(b"\x01\x01")  # file format versions: 1 = rollback journal, 2 = WAL
            yield copy, True
        return
    if not _hot_journal(path):
        yield path, False
        return
    with tempfile.TemporaryDirectory(prefix="tcdesk-") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(journal_path(path), journal_path(copy))
        with closing(connect(copy, readonly=False)) as conn:
            reported(lambda: conn.execute("SELECT count(*) FROM sqlite_master").fetchone(), path)
        yield copy, True


@contextmanager
def private_copy(path: Path) -> Iterator[Path]:
    """A temporary copy of ``path`` that may be migrated or recovered freely."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="tcdesk-") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        yield copy


def inspect(path: Path, shown_as: Path | None = None, *, allow_large: bool = False) -> ProjectInfo:
    """Check that ``path`` is an intact tcdesk project this version can open; never writes to it.

    :param shown_as: the user's file name for messages, when ``path`` is a recovery copy.
    :param allow_large: the user opens it anyway, whatever its size (:mod:`tcdesk.storage.limits`).
    :raises NotAProjectError: not SQLite, or SQLite without tcdesk's marker and tables.
    :raises CorruptProjectError: a damaged database.
    :raises NewerVersionError: a schema revision this tcdesk does not know.
    """
    from tcdesk.storage import limits

    name = shown_as or path
    limits.check_file_size(path, name, allow_large=allow_large)
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except FileNotFoundError:
        raise ProjectFileError("no such file", name) from None
    except OSError as exc:
        raise ProjectFileError(f"cannot read: {exc.strerror or exc}", name) from exc
    if not header.startswith(SQLITE_MAGIC):
        raise NotAProjectError(f"{_NOT_A_PROJECT} (not an SQLite database)", name)
    if len(header) < 100:
        raise CorruptProjectError("the project file is truncated", name)
    with closing(reported(lambda: connect(path, readonly=True), name)) as conn:
        return reported(lambda: _inspect_open(conn, name, allow_large), name)


def _inspect_open(conn: sqlite3.Connection, name: Path, allow_large: bool) -> ProjectInfo:
    from tcdesk.storage import limits

    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app_id != APPLICATION_ID:
        what = "an SQLite database of another application" if app_id else "an SQLite database"
        raise NotAProjectError(f"{_NOT_A_PROJECT} ({what})", name)
    if not {"meta", "alembic_version"} <= tables:
        raise CorruptProjectError("the project's bookkeeping tables are missing", name)
    # Before the integrity check, which reads every page, and before a migration writes a backup.
    limits.check_database(conn, name, allow_large=allow_large)
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    if problems != ["ok"]:
        raise CorruptProjectError(f"the database is damaged ({problems[0]})", name)
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("format") != FORMAT_NAME:
        raise NotAProjectError(f"{_NOT_A_PROJECT} (format {meta.get('format')!r})", name)
    versions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
    if len(versions) != 1:
        raise CorruptProjectError("the schema version record is damaged", name)
    info = ProjectInfo(versions[0], meta.get("written_by", "unknown"))
    if not info.is_current:
        from tcdesk.storage import migrate  # only files from other versions pay for importing Alembic

        if not migrate.is_known(info.revision):
            raise NewerVersionError(
                f"written by a newer tcdesk (schema {info.revision}, tcdesk {info.written_by}); "
                f"this is tcdesk {__version__}, schema {SCHEMA_REVISION} — update tcdesk",
                name,
            )
    return info


def reported(call: Callable[[], _T], name: Path) -> _T:
    """Run ``call``, turning SQLite's complaints about the file into tcdesk's errors."""
    try:
        return call()
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if "not a database" in text or "malformed" in text or "decode" in text.lower():
            raise CorruptProjectError(f"the database is damaged ({text})", name) from exc
        raise ProjectFileError(f"cannot read the project ({text})", name) from exc


def sync_file(path: Path) -> None:
    """Flush ``path`` and, on POSIX, its folder entry to disk."""
    with path.open("rb") as fh:
        os.fsync(fh.fileno())
    if os.name == "posix":
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup_path(path: Path, revision: str) -> Path:
    """``<file>.v<N>.bak`` beside the file, numbered further if that name is taken."""
    number = int(revision) if revision.isdigit() else revision
    candidate = path.with_name(f"{path.name}.v{number}.bak")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.v{number}.{n}.bak")
        n += 1
    return candidate


def write_backup(path: Path, revision: str) -> Path:
    import shutil

    target = backup_path(path, revision)
    shutil.copyfile(path, target)
    sync_file(target)
    return target
