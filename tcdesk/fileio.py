"""Atomic file replacement shared by every writer: a file is either the old one or the new one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from tcdesk.errors import TcdeskError


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: str | Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` or leave it as it was (full disk, killed process, …).

    A temporary file beside ``path`` is written and flushed to disk, then renamed over it in
    one step. The new file keeps the old file's permissions, or gets the usual ones for a new
    file (temporary files are created private, and documents are meant to be shared).

    :raises TcdeskError: naming ``path`` when the write fails; no temporary file remains.
    """
    path = Path(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_current_umask()
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise TcdeskError(f"cannot write: {exc.strerror or exc}", path) from exc
