"""Opening, creating and saving ``.tcdesk`` projects: one transaction per save, never a broken file."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, delete, insert, select
from sqlalchemy.exc import DBAPIError

from tcdesk import __version__
from tcdesk.errors import CorruptProjectError, ProjectChangedError, ProjectFileError, TcdeskError
from tcdesk.fileio import remove_stale_parts
from tcdesk.model import Submission
from tcdesk.storage import files, repository
from tcdesk.storage.file_format import GENERATION_KEYS, Generation
from tcdesk.storage.schema import Base, MetaRow

_T = TypeVar("_T")
log = logging.getLogger("tcdesk.storage")


def load_project(path: str | Path) -> Submission:
    """Read a project without writing to it, whatever its schema version.

    A file from an older tcdesk is migrated in a temporary copy; one left by an interrupted save is
    recovered in a temporary copy.
    """
    path = Path(path)
    with files.readable(path) as (source, is_copy):
        info = files.inspect(source, shown_as=path)
        if info.is_current:
            return _read_file(source, path, readonly=not is_copy)
        with files.private_copy(source) as copy:
            engine = files.make_engine(copy, readonly=False)
            try:
                _migrate(engine, path)
            finally:
                engine.dispose()
            return _read_file(copy, path, readonly=True)


def save_project(submission: Submission, path: str | Path) -> None:
    """Save ``submission`` to ``path`` in one transaction, creating the project if it does not exist."""
    path = Path(path)
    if not path.exists():
        ProjectStore.create(path, submission).close()
        return
    store = ProjectStore.open(path)
    try:
        store.save(submission)
    finally:
        store.close()


class ProjectStore:
    """An open project for editing: ``save`` may run on any thread, e.g. the editor's autosave worker."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self._engine = engine
        self._lock = threading.Lock()
        # Rows known to be in the file, so an autosave rewrites only the tables that changed; only
        # trusted while SQLite's data_version says no other connection wrote in between.
        self._written: dict[type[Base], list[repository.Row]] | None = None
        self._data_version: int | None = None
        self._digests: dict[int, tuple[bytes, str]] = {}
        # What this editor last read or wrote; a save finding anything else on disk refuses to write.
        self.generation: Generation | None = None
        self._guarding = False  # True once read or written: saves then check the generation
        self._identity = _file_identity(path)

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> ProjectStore:
        """Open an existing project for editing.

        The file is validated read-only first and left untouched if it cannot be opened. A project
        from an older tcdesk is copied to ``<file>.v<N>.bak`` and then migrated in place.
        """
        path = Path(path)
        files.refuse_foreign_wal(path)
        with files.readable(path) as (source, _):
            info = files.inspect(source, shown_as=path)
        for part in remove_stale_parts(path):
            log.info("%s: removed %s left by an interrupted save", path, part.name)
        engine = files.make_engine(path, readonly=False)
        try:
            # The first read rolls back a hot journal left by a crash, before any backup is taken.
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            if not info.is_current:
                backup = files.write_backup(path, info.revision)
                log.info("%s: schema %s backed up to %s before migrating", path, info.revision, backup.name)
                try:
                    _migrate(engine, path)
                except BaseException:
                    # The migration ran in one transaction that rolled back: the file is as it was,
                    # and a backup of an unchanged file would only mislead.
                    backup.unlink(missing_ok=True)
                    raise
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine)

    @classmethod
    def create(cls, path: str | Path, submission: Submission, *, replace: bool = False) -> ProjectStore:
        """Write a new project holding ``submission``.

        The file appears complete or not at all (built beside it, then moved into place).

        :param replace: overwrite an existing file; otherwise an existing file is an error.
        """
        path = Path(path)
        if path.exists() and not replace:
            raise ProjectFileError("already exists; not overwriting it", path)
        tmp = _new_temporary(path)
        try:
            engine = files.make_engine(tmp, readonly=False)
            try:
                with engine.begin() as conn:
                    from tcdesk.storage import migrate

                    migrate.upgrade(conn)
                    conn.execute(insert(MetaRow), [{"key": "created_by", "value": __version__}])
                    _stamp_writer(conn)
                    generation = _stamp_generation(conn)
                    repository.write(conn, repository.to_rows(submission))
            finally:
                engine.dispose()
            if replace and path.exists():
                shutil.copymode(path, tmp)
            files.sync_file(tmp)
            _publish(tmp, path, replace)
        except OSError as exc:
            raise TcdeskError(f"cannot write: {exc.strerror or exc}", path) from exc
        except DBAPIError as exc:  # e.g. a full disk while writing the new file
            raise TcdeskError(f"cannot write ({exc.orig})", path) from exc
        finally:
            tmp.unlink(missing_ok=True)
            files.journal_path(tmp).unlink(missing_ok=True)
        store = cls(path, files.make_engine(path, readonly=False))
        store.generation, store._guarding = generation, True
        return store

    # --- reading and writing ---------------------------------------------------------------------

    def load(self) -> Submission:
        with self._lock, self._engine.connect() as conn:
            sub = _guarded(lambda: repository.read(conn, self.path), self.path)
            self._remember(conn, repository.to_rows(sub, self._digest).tables)
            self.generation, self._guarding = read_generation(conn), True
            conn.rollback()
        return sub

    def continue_from(self, shown: Submission, generation: Generation | None) -> None:
        """Take over from a quick read (:mod:`tcdesk.storage.quick_read`) whose ``shown`` submission the
        editor has been showing: read the file as :meth:`load` does, and if it no longer holds what
        was shown (someone saved it in between), make the next save find the file changed on disk,
        so the editor's work goes to a conflicted copy instead of over theirs.

        :param generation: the stamp the quick read found with ``shown``.
        """
        on_disk = self.load()
        if on_disk != shown:
            log.info("%s: changed on disk while it was opening", self.path)
            # Never equal to a stamp on disk (their tokens are hex), nor to a file without one.
            self.generation = generation if generation != self.generation else Generation("changed while opening")

    def save(self, submission: Submission) -> None:
        """Replace the project's content with ``submission`` in one transaction.

        :raises ProjectChangedError: the file on disk is no longer the one this store read or last
            wrote (replaced by a sync client, another program, a restored backup); nothing is written.
        """
        with self._lock:
            rows = repository.to_rows(submission, self._digest)
            try:
                self._check_identity()
                with self._engine.begin() as conn:
                    self._check_generation(conn)
                    unchanged = self._written if _data_version(conn) == self._data_version else None
                    if unchanged is None:
                        _stamp_writer(conn)
                    generation = self.generation
                    # A save that changes nothing leaves the file, and so its generation, as it was.
                    if repository.write(conn, rows, unchanged) or generation is None:
                        generation = _stamp_generation(conn)
            except DBAPIError as exc:
                self._written = None
                raise TcdeskError(f"cannot save ({exc.orig})", self.path) from exc
            except BaseException:
                self._written = None
                raise
            self.generation, self._guarding = generation, True
            with self._engine.connect() as conn:
                self._remember(conn, rows.tables)
            self._digests = {
                id(a.data): (a.data, row["sha256"]) for a, row in zip(submission.attachments, rows.attachments)
            }

    def close(self) -> None:
        with self._lock:
            self._engine.dispose()

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

    def _check_generation(self, conn: Connection) -> None:
        if not self._guarding:
            return  # never read: an explicit overwrite (save_project)
        on_disk = read_generation(conn)
        if on_disk != self.generation:
            who = f" (saved by {on_disk.saved_by} at {on_disk.saved_at})" if on_disk and on_disk.saved_by else ""
            raise ProjectChangedError(f"was changed on disk since it was opened{who}", self.path)

    def _remember(self, conn: Connection, tables: dict[type[Base], list[repository.Row]]) -> None:
        self._written = tables
        self._data_version = _data_version(conn)


def _data_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA data_version").scalar() or 0)


def _stamp_writer(conn: Connection) -> None:
    conn.execute(delete(MetaRow).where(MetaRow.key == "written_by"))
    conn.execute(insert(MetaRow), [{"key": "written_by", "value": __version__}])


def read_generation(conn: Connection) -> Generation | None:
    """The generation stamped by the last save (``None`` in files from before stamps existed)."""
    return Generation.from_meta(dict(conn.execute(select(MetaRow.key, MetaRow.value).where(MetaRow.key.in_(GENERATION_KEYS))).all()))


def _stamp_generation(conn: Connection) -> Generation:
    from tcdesk.userinfo import user_and_host

    generation = Generation(secrets.token_hex(16), user_and_host(), datetime.now().astimezone().isoformat(timespec="seconds"))
    conn.execute(delete(MetaRow).where(MetaRow.key.in_(GENERATION_KEYS)))
    conn.execute(insert(MetaRow), [{"key": k, "value": v} for k, v in zip(GENERATION_KEYS, (generation.token, generation.saved_by, generation.saved_at), strict=True)])
    return generation


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _migrate(engine: Engine, path: Path) -> None:
    from tcdesk.storage import migrate

    try:
        with engine.begin() as conn:
            migrate.upgrade(conn)
            _stamp_writer(conn)
    except DBAPIError as exc:
        raise CorruptProjectError(f"cannot upgrade the project ({exc.orig})", path) from exc


def _read_file(source: Path, shown_as: Path, *, readonly: bool) -> Submission:
    engine = files.make_engine(source, readonly=readonly)
    try:
        with engine.connect() as conn:
            return _guarded(lambda: repository.read(conn, shown_as), shown_as)
    finally:
        engine.dispose()


def _guarded(call: Callable[[], _T], path: Path) -> _T:
    """Run a read, reporting a damaged database or an impossible value as a corrupt project."""
    try:
        return call()
    except DBAPIError as exc:
        if isinstance(exc.orig, sqlite3.DatabaseError):
            raise CorruptProjectError(f"the database is damaged ({exc.orig})", path) from exc
        raise
    except (ValueError, TypeError) as exc:
        raise CorruptProjectError(f"the project holds a value tcdesk cannot read ({exc})", path) from exc


def _new_temporary(path: Path) -> Path:
    """An empty file beside ``path``, created with the user's usual permissions (umask applies)."""
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
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
