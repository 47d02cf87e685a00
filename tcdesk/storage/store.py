"""Opening, creating and saving ``.tcdesk`` projects: one transaction per save, never a broken file.

A current project is opened, read and saved with the standard library's sqlite3: the editor's first
edit and every command that saves do not wait for SQLAlchemy to import. SQLAlchemy and Alembic are
imported to create a project (the migrations make its tables), to migrate one from an older tcdesk,
and to read a file the sqlite3 reader leaves alone (:mod:`tcdesk.storage.mapped_read`).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tcdesk import __version__
from tcdesk.errors import CorruptProjectError, ProjectChangedError, ProjectFileError, TcdeskError
from tcdesk.fileio import (
    refuse_read_only_file,
    refuse_special_file,
    refuse_unreadable_input,
    remove_stale_parts,
    write_through,
)
from tcdesk.model import Submission
from tcdesk.storage import files, limits, quick_read, repository
from tcdesk.storage.file_format import GENERATION_KEYS, Generation
from tcdesk.storage.quick_read import read_generation

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["ProjectStore", "load_project", "read_generation", "save_project"]

_T = TypeVar("_T")
log = logging.getLogger("tcdesk.storage")


def load_project(path: str | Path, *, allow_large: bool = False) -> Submission:
    """Read a project without writing to it, whatever its schema version.

    A file from an older tcdesk is migrated in a temporary copy; one left by an interrupted save is
    recovered in a temporary copy.

    :param allow_large: the user opens it anyway, whatever its size (:mod:`tcdesk.storage.limits`).
    """
    path = Path(path)
    refuse_unreadable_input(path, ProjectFileError)
    with files.readable(path, allow_large=allow_large) as (source, is_copy):
        info = files.inspect(source, shown_as=path, allow_large=allow_large)
        if info.is_current:
            return _read_file(source, path, readonly=not is_copy)
        with files.private_copy(source) as copy:
            _migrate(copy, path)
            return _read_file(copy, path, readonly=True)


def save_project(submission: Submission, path: str | Path, *, allow_large: bool = False) -> None:
    """Save ``submission`` to ``path`` in one transaction, creating the project if it does not exist.

    :param allow_large: whatever its size, over a project of any size (:mod:`tcdesk.storage.limits`).
    """
    path = Path(path)
    if not path.exists():
        ProjectStore.create(path, submission, allow_large=allow_large).close()
        return
    store = ProjectStore.open(path, allow_large=allow_large)
    try:
        store.save(submission)
    finally:
        store.close()


class ProjectStore:
    """An open project for editing: ``save`` may run on any thread, e.g. the editor's autosave worker."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, allow_large: bool = False) -> None:
        self.path = path
        #: Opened anyway although larger than the limits: read and saved whatever its size.
        self.allow_large = allow_large
        self._conn = conn  # in autocommit mode: every transaction is begun and ended here
        self._lock = threading.Lock()
        # Rows known to be in the file, so an autosave rewrites only the tables that changed; only
        # trusted while SQLite's data_version says no other connection wrote in between.
        self._written: dict[str, list[repository.Row]] | None = None
        self._data_version: int | None = None
        self._digests: dict[int, tuple[bytes, str]] = {}
        # What this editor last read or wrote; a save finding anything else on disk refuses to write.
        self.generation: Generation | None = None
        self._guarding = False  # True once read or written: saves then check the generation
        self._identity = _file_identity(path)
        #: The file as found beside a journal that may not be its own, copied before the journal was
        #: played back (:mod:`tcdesk.storage.journal_recovery`).
        self.found_copy: Path | None = None

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, allow_large: bool = False) -> ProjectStore:
        """Open an existing project for editing.

        The file is validated read-only first and left untouched if it cannot be opened. A project
        from an older tcdesk is copied to ``<file>.v<N>.bak`` and then migrated in place.

        :param allow_large: the user opens it anyway, whatever its size, and its saves are not
            refused for size either (:mod:`tcdesk.storage.limits`).
        """
        path = Path(path)
        refuse_unreadable_input(path, ProjectFileError)
        files.refuse_foreign_journals(path, allow_large=allow_large)
        with files.readable(path, allow_large=allow_large) as (source, _):
            info = files.inspect(source, shown_as=path, allow_large=allow_large)
        found = files.keep_if_unsure(path, allow_large=allow_large)  # after the checks: nothing is written beside a file refused
        for part in remove_stale_parts(write_through(path)):  # where saves through a link write
            log.info("%s: removed %s left by an interrupted save", path, part.name)
        conn = files.connect(path, readonly=False)
        try:
            # The first read rolls back a hot journal left by a crash, before any backup is taken.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not info.is_current:
                backup = files.write_backup(path, info.revision)
                log.info("%s: schema %s backed up to %s before migrating", path, info.revision, backup.name)
                try:
                    _migrate(path, path)
                except BaseException:
                    # The migration ran in one transaction that rolled back: the file is as it was,
                    # and a backup of an unchanged file would only mislead.
                    backup.unlink(missing_ok=True)
                    raise
        except BaseException:
            conn.close()
            raise
        store = cls(path, conn, allow_large=allow_large)
        store.found_copy = found
        return store

    @classmethod
    def create(cls, path: str | Path, submission: Submission, *, replace: bool = False,
               allow_large: bool = False) -> ProjectStore:
        """Write a new project holding ``submission``.

        The file appears complete or not at all (built beside it, then moved into place).

        :param replace: overwrite an existing file; otherwise an existing file is an error.
        :param allow_large: whatever its size, and so are its later saves (a copy of a project
            opened anyway: Save As, a conflicted copy).
        """
        from sqlalchemy.exc import DBAPIError  # the migrations make the tables

        from tcdesk.storage import migrate

        path = Path(path)
        if path.exists() and not replace:
            raise ProjectFileError("already exists; not overwriting it", path)
        rows = repository.to_rows(submission)
        limits.check_rows(rows, path, allow_large=allow_large)
        real = write_through(path)  # a link to a shared file stays a link
        refuse_special_file(real)  # a link to a device or a folder: renaming over it would replace the node
        refuse_read_only_file(real)
        tmp = _new_temporary(real)
        try:
            engine = files.make_engine(tmp, readonly=False)
            try:
                with engine.begin() as conn:
                    migrate.upgrade(conn)
                    raw = _driver_connection(conn)  # the same transaction, begun by make_engine's hook
                    raw.execute("INSERT INTO meta (key, value) VALUES (?, ?)", ("created_by", __version__))
                    _stamp_writer(raw)
                    generation = _stamp_generation(raw)
                    repository.write(raw, rows)
            finally:
                engine.dispose()
            if replace and real.exists():
                shutil.copymode(real, tmp)
            files.sync_file(tmp)
            _publish(tmp, real, replace)
        except OSError as exc:
            raise TcdeskError(f"cannot write: {exc.strerror or exc}", path) from exc
        except (DBAPIError, sqlite3.Error) as exc:  # e.g. a full disk while writing the new file
            raise TcdeskError(f"cannot write ({_driver_error(exc)})", path) from exc
        finally:
            tmp.unlink(missing_ok=True)
            files.journal_path(tmp).unlink(missing_ok=True)
        store = cls(path, files.connect(path, readonly=False), allow_large=allow_large)
        store.generation, store._guarding = generation, True
        return store

    # --- reading and writing ---------------------------------------------------------------------

    def load(self) -> Submission:
        """The project's submission; a file damaged since it was opened is reported, not raised from SQLite.

        :raises CorruptProjectError, ProjectTooLargeError: naming the file.
        """
        with self._lock:
            return files.reported(self._load, self.path)

    def _load(self) -> Submission:
        with _transaction(self._conn, commit=False) as conn:
            generation = read_generation(conn)  # takes SQLite's shared lock: nobody commits until the end
            data_version = _data_version(conn)
            limits.check_database(conn, self.path, allow_large=self.allow_large)  # in this snapshot: the file may have changed since open
            try:
                sub = quick_read.read_open(conn, self.path).submission
            except Exception as exc:  # noqa: BLE001 - anything unusual is read, or reported, as SQLAlchemy reads it
                log.debug("%s: read through SQLAlchemy (%s)", self.path, exc)
                sub = _read_file(self.path, self.path, readonly=True)
            self._remember(data_version, repository.to_rows(sub, self._digest).tables)
            self.generation, self._guarding = generation, True
        return sub

    def save(self, submission: Submission) -> None:
        """Replace the project's content with ``submission`` in one transaction.

        :raises ProjectChangedError: the file on disk is no longer the one this store read or last
            wrote (replaced by a sync client, another program, a restored backup); nothing is written.
        """
        with self._lock:
            rows = repository.to_rows(submission, self._digest)
            limits.check_rows(rows, self.path, allow_large=self.allow_large)
            try:
                self._check_identity()
                with _transaction(self._conn) as conn:
                    self._check_generation(conn)
                    unchanged = self._written if _data_version(conn) == self._data_version else None
                    if unchanged is None:
                        _stamp_writer(conn)
                    generation = self.generation
                    # A save that changes nothing leaves the file, and so its generation, as it was.
                    if repository.write(conn, rows, unchanged) or generation is None:
                        generation = _stamp_generation(conn)
            except sqlite3.Error as exc:
                self._written = None
                raise TcdeskError(f"cannot save ({exc})", self.path) from exc
            except BaseException:
                self._written = None
                raise
            self.generation, self._guarding = generation, True
            self._remember(_data_version(self._conn), rows.tables)
            self._digests = {
                id(a.data): (a.data, row["sha256"]) for a, row in zip(submission.attachments, rows.attachments)
            }

    def facts(self, *keys: str) -> dict[str, str]:
        """Facts about the file kept beside its content (the ``meta`` table), for ``keys`` it holds."""
        with self._lock, _transaction(self._conn, commit=False) as conn:
            marks = ", ".join("?" * len(keys))
            return dict(conn.execute(f"SELECT key, value FROM meta WHERE key IN ({marks})", keys).fetchall())

    def set_facts(self, facts: dict[str, str]) -> None:
        """Keep ``facts`` about the file beside its content, in one transaction; saves leave them as they are."""
        with self._lock:
            try:
                with _transaction(self._conn) as conn:
                    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", facts.items())
            except sqlite3.Error as exc:
                raise TcdeskError(f"cannot save ({exc})", self.path) from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- internals -------------------------------------------------------------------------------

    def _digest(self, data: bytes) -> str:
        # bytes are immutable: the same object as last save has the same digest, no rehashing.
        known = self._digests.get(id(data))
        if known is not None and known[0] is data:
            return known[1]
        return repository.sha256(data)

    def _check_identity(self) -> None:
        # A sync client or a copy replaces the file by renaming over it: this store's connection
        # would then write to the old, unlinked file and the save would silently vanish.
        if _file_identity(self.path) != self._identity:
            raise ProjectChangedError("was replaced or removed on disk since it was opened", self.path)

    def _check_generation(self, conn: sqlite3.Connection) -> None:
        if not self._guarding:
            return  # never read: an explicit overwrite (save_project)
        on_disk = read_generation(conn)
        if on_disk != self.generation:
            who = f" (saved by {on_disk.saved_by} at {on_disk.saved_at})" if on_disk and on_disk.saved_by else ""
            raise ProjectChangedError(f"was changed on disk since it was opened{who}", self.path)

    def _remember(self, data_version: int, tables: dict[str, list[repository.Row]]) -> None:
        self._written = tables
        self._data_version = data_version


@contextmanager
def _transaction(conn: sqlite3.Connection, *, commit: bool = True) -> Iterator[sqlite3.Connection]:
    """One transaction on ``conn`` (in autocommit mode), rolled back if anything in it fails, or at
    the end when ``commit`` is false (a read)."""
    conn.execute("BEGIN")
    try:
        yield conn
        if commit:
            conn.commit()
    except BaseException:
        try:
            conn.rollback()
        except sqlite3.Error:
            log.debug("rolling back failed", exc_info=True)
        raise
    if not commit:
        conn.rollback()


def _data_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0] or 0)


def _stamp_writer(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM meta WHERE key = ?", ("written_by",))
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", ("written_by", __version__))


def _token_hex(nbytes: int) -> str:
    """``secrets.token_hex``: the same random bytes (os.urandom) without importing secrets, whose hmac
    loads OpenSSL (a few ms of every editor start)."""
    return os.urandom(nbytes).hex()


def _stamp_generation(conn: sqlite3.Connection) -> Generation:
    from tcdesk.userinfo import user_and_host

    generation = Generation(_token_hex(16), user_and_host(), datetime.now().astimezone().isoformat(timespec="seconds"))
    conn.execute(f"DELETE FROM meta WHERE key IN ({', '.join('?' * len(GENERATION_KEYS))})", GENERATION_KEYS)
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        zip(GENERATION_KEYS, (generation.token, generation.saved_by, generation.saved_at), strict=True),
    )
    return generation


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _migrate(source: Path, shown_as: Path) -> None:
    """Bring the project at ``source`` to the current schema in one transaction (Alembic)."""
    from sqlalchemy.exc import DBAPIError

    from tcdesk.storage import migrate

    engine = files.make_engine(source, readonly=False)
    try:
        with engine.begin() as conn:
            migrate.upgrade(conn)
            _stamp_writer(_driver_connection(conn))
    except DBAPIError as exc:
        raise CorruptProjectError(f"cannot upgrade the project ({exc.orig})", shown_as) from exc
    finally:
        engine.dispose()


def _read_file(source: Path, shown_as: Path, *, readonly: bool) -> Submission:
    from tcdesk.storage import mapped_read

    engine = files.make_engine(source, readonly=readonly)
    try:
        with engine.connect() as conn:
            return _guarded(lambda: mapped_read.read(conn, shown_as), shown_as)
    finally:
        engine.dispose()


def _guarded(call: Callable[[], _T], path: Path) -> _T:
    """Run a read, reporting a damaged database or an impossible value as a corrupt project."""
    from sqlalchemy.exc import DBAPIError

    try:
        return call()
    except DBAPIError as exc:
        if isinstance(exc.orig, sqlite3.DatabaseError):
            raise CorruptProjectError(f"the database is damaged ({exc.orig})", path) from exc
        raise
    except (ValueError, TypeError) as exc:
        raise CorruptProjectError(f"the project holds a value tcdesk cannot read ({exc})", path) from exc


def _driver_connection(conn: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one, for writing rows as a current project is saved."""
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _driver_error(exc: BaseException) -> BaseException:
    """The sqlite3 error itself, also when SQLAlchemy wrapped it."""
    return getattr(exc, "orig", None) or exc


def _new_temporary(path: Path) -> Path:
    """An empty file beside ``path``, created with the user's usual permissions (umask applies)."""
    while True:
        tmp = path.with_name(f".{path.name}.{_token_hex(4)}.part")
        try:
            os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            continue
        except OSError as exc:
            raise TcdeskError(f"cannot write: {exc.strerror or exc}", path) from exc
        return tmp


def _publish(tmp: Path, path: Path, replace: bool) -> None:
    if replace:
        os.replace(tmp, path)
        return
    try:
        # A hard link fails if the name exists, so a file created meanwhile is never clobbered.
        os.link(tmp, path)
    except FileExistsError:
        raise ProjectFileError("already exists; not overwriting it", path) from None
    except OSError:
        if path.exists():
            raise ProjectFileError("already exists; not overwriting it", path) from None
        os.replace(tmp, path)
