"""Whose a journal left beside a project is, told by what playing it back would give.

:mod:`tcdesk.storage.journal_owner` tells a replaced file by its change counter, but a colleague's
copy saved exactly as often since the two parted passes that test: SQLite would then write the old
file's pages into the colleague's and their words would be lost. So before a journal that passes is
played back into the file, both outcomes are tried on private copies, the file played back and the
file alone:

- played back intact, and the file alone damaged or holding the same rows: the file's own crash
  (a save cut short leaves the file half written); SQLite plays it back.
- played back damaged, the file alone intact: another file's journal; it is never played back.
- both intact with different rows: nobody can tell. The journal is played back, as SQLite would, but
  first the file as found is copied beside it, so whichever it was, no word is lost.
- both damaged: left to SQLite and the integrity check that follows, which says the file is damaged.
"""

from __future__ import annotations

import enum
import hashlib
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from datetime import datetime
from pathlib import Path

from tcdesk.errors import ProjectFileError

__all__ = ["Verdict", "keep_as_found", "verdict"]


class Verdict(enum.Enum):
    OWN = "own"
    FOREIGN = "foreign"
    UNSURE = "unsure"


# One verdict per state of the two files: opening reads it up to three times (refusal, copy, reading).
_seen: dict[tuple[object, ...], Verdict] = {}


def verdict(path: Path, journal: Path) -> Verdict:
    """Whose ``journal`` (hot, beside ``path``) is, from what playing it back gives."""
    try:
        key = (str(path), *_stamp(path), *_stamp(journal))
    except OSError:
        return Verdict.OWN  # SQLite decides, and reports what it cannot read
    if key not in _seen:
        _seen.clear()
        _seen[key] = _judge(path, journal)
    return _seen[key]


def _stamp(path: Path) -> tuple[int, int, int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def _judge(path: Path, journal: Path) -> Verdict:
    with tempfile.TemporaryDirectory(prefix="tcdesk-") as tmp:
        played, alone = Path(tmp) / "played" / path.name, Path(tmp) / "alone" / path.name
        try:
            for folder in (played.parent, alone.parent):
                folder.mkdir()
            shutil.copyfile(path, played)
            shutil.copyfile(journal, played.with_name(played.name + "-journal"))
            shutil.copyfile(path, alone)
        except OSError:
            return Verdict.OWN
        played_rows = _rows(played, play_back=True)
        alone_rows = _rows(alone, play_back=False)
    if played_rows is None:
        return Verdict.FOREIGN if alone_rows is not None else Verdict.OWN
    if alone_rows is None or alone_rows == played_rows:
        return Verdict.OWN
    return Verdict.UNSURE


def _rows(path: Path, *, play_back: bool) -> str | None:
    """A digest of every row in the database at ``path``, or None when it is damaged.

    ``play_back`` lets SQLite roll the journal beside it back first; otherwise the file is read as it
    is, and a journal beside it is never looked at (there is none in its folder)."""
    try:
        with closing(sqlite3.connect(str(path) if play_back else path.as_uri() + "?mode=ro", uri=not play_back)) as conn:
            if [row[0] for row in conn.execute("PRAGMA integrity_check(1)")] != ["ok"]:
                return None
            digest = hashlib.sha256()
            names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            for name in names:
                digest.update(name.encode() + b"\0")
                quoted = '"' + name.replace('"', '""') + '"'
                for row in conn.execute(f"SELECT * FROM {quoted}"):  # a table's own name, quoted
                    digest.update(repr(row).encode() + b"\0")
            return digest.hexdigest()
    except sqlite3.DatabaseError:
        return None


def keep_as_found(path: Path, when: datetime | None = None) -> Path:
    """Copy ``path`` as it is, without its journal, to a new file beside it; returns the copy.

    ``Kent (as found with an unfinished save 2026-12-01 0612).tcdesk``, never over an existing file."""
    when = when or datetime.now()
    stem = f"{path.stem} (as found with an unfinished save {when:%Y-%m-%d %H%M})"
    n = 1
    while True:
        copy = path.with_name(f"{stem}{'' if n == 1 else f' {n}'}{path.suffix}")
        try:
            with path.open("rb") as src, copy.open("xb") as dst:
                shutil.copyfileobj(src, dst)
                dst.flush()
                os.fsync(dst.fileno())
            return copy
        except FileExistsError:
            n += 1
        except OSError as exc:
            copy.unlink(missing_ok=True)
            raise ProjectFileError(
                f"a journal left by an unfinished save lies beside the project, and the file as found could "
                f"not be kept before playing it back ({exc.strerror or exc}); move the journal away or free "
                "space, and open the project again",
                path,
            ) from exc
