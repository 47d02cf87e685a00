"""Atomic file replacement shared by every writer: a file is either the old one or the new one."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from tcdesk.errors import InvalidInputError, TcdeskError

_SQLITE_MAGIC = b"SQLite format 3\x00"
#: The largest file tcdesk reads as a submission (interchange or import): ~280× a real renewal
#: whose plan is seven times Kent's (0.7 MB), with room for figures; refused before it is read.
MAX_SUBMISSION_BYTES = 200 * 1024 * 1024


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


STALE_PART_SECONDS = 60


def remove_stale_parts(path: Path) -> list[Path]:
    """Delete temporary ``.NAME.*.part`` files a killed write left beside ``path``; returns them.

    Only files untouched for a minute go: a save in progress writes its file continuously.
    """
    import glob  # here: reading a file never needs it

    removed = []
    for part in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
        try:
            if part.is_file() and time.time() - part.stat().st_mtime > STALE_PART_SECONDS:
                part.unlink()
                removed.append(part)
        except OSError:
            continue  # not ours to fight over: another user's file or a read-only folder
    return removed


def write_through(path: Path) -> Path:
    """The file that writing ``path`` replaces: where a symbolic link (or a chain of them) ends.

    A project on a shared drive is often reached through a link; a save or export "to" the link is
    meant for the shared file, and renaming over the link itself would leave that file untouched
    and the link turned into a private copy.
    """
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def atomic_write_bytes(path: str | Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` or leave it as it was (full disk, killed process, …).

    A temporary file beside ``path`` is written and flushed to disk, then renamed over it in
    one step. The new file keeps the old file's permissions, or gets the usual ones for a new
    file (temporary files are created private, and documents are meant to be shared). A link
    is written through: the file it points to is replaced and the link stays.

    :raises TcdeskError: naming ``path`` when the write fails; no temporary file remains.
    """
    shown = Path(path)
    path = write_through(shown)
    refuse_special_file(path)
    refuse_read_only_file(path)
    remove_stale_parts(path)  # what an earlier write of this file left when it was killed
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_current_umask()
    tmp: str | None = None
    try:
        import tempfile  # only writers need it; a check only reads

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
        raise TcdeskError(f"cannot write: {exc.strerror or exc}", shown) from exc


def refuse_unreadable_input(path: str | Path, error: type[TcdeskError] = InvalidInputError) -> None:
    """Refuse ``path`` as a file to read unless it is a regular file (after links).

    Opening a named pipe waits for a writer for ever, and a device such as ``/dev/zero`` never ends:
    either would hang a check or the editor instead of saying what is wrong.

    :raises TcdeskError: of class ``error``, naming ``path``: absent, unreadable, a folder, or a
        pipe, device or socket.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise error("no such file", path) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", path) from exc
    if stat.S_ISDIR(mode):
        raise error("cannot read: this is a folder, not a file", path)
    if not stat.S_ISREG(mode):
        raise error("cannot read: not a regular file (a pipe, device or socket); tcdesk reads only regular files", path)


def _may(path: str | Path, mode: int) -> bool:
    # As the process's effective user: the check that writing will make, also when tcdesk runs setuid
    # or without root's capability to override file modes.
    return os.access(path, mode, effective_ids=os.access in os.supports_effective_ids)


def why_not_writable(path: str | Path) -> str | None:
    """Why a save to ``path`` in place cannot succeed: the file, or its folder, may not be changed.

    SQLite writes a journal beside a project while it saves, so a project in a folder that cannot be
    written cannot be saved even when the file itself could be. ``None`` when both may be written.
    """
    path = write_through(Path(path))
    if not _may(path, os.W_OK):
        return "the file is read-only (you may not change it)"
    if not _may(path.parent, os.W_OK | os.X_OK):
        return f"its folder {path.parent} is read-only (you may not add files to it)"
    return None


def refuse_read_only_file(path: Path) -> None:
    """Refuse to replace an existing file its owner made read-only: the permission says not to.

    :raises InvalidInputError: naming ``path``.
    """
    target = write_through(path)
    if target.exists() and not _may(target, os.W_OK):
        raise InvalidInputError("cannot write: the file is read-only (you may not change it); tcdesk does not replace "
                                "it: choose another name, or make it writable first", path)


def refuse_special_file(path: Path) -> None:
    """Refuse ``path`` if it is a folder, pipe, device or socket: a rename would replace the node itself.

    :raises InvalidInputError: naming ``path`` and what it is.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # absent (or unreadable): the write itself reports any problem
    if stat.S_ISDIR(mode):
        raise InvalidInputError("cannot write: this is a folder, not a file", path)
    if not stat.S_ISREG(mode):
        raise InvalidInputError("cannot write: not a regular file (a pipe, device or socket); tcdesk writes only regular files", path)


def check_output_target(target: str | Path, inputs: tuple[str | Path, ...] = (), *, keep_drafts: bool = True) -> None:
    """Refuse an output path whose writing would destroy something the user has.

    The one guard for every command that writes a file it was given: never over one of ``inputs``,
    never over a folder, pipe or device, never over a project someone has open in the editor, and
    (with ``keep_drafts``, for exports) never over an existing tcdesk project or interchange file,
    whatever its name. Commands call it before reading anything, so a refusal costs no work.

    :raises InvalidInputError: naming ``target`` and the reason; nothing has been written.
    :raises ProjectLockedError: someone holds a live lock on ``target``.
    """
    from tcdesk.lockfile import refuse_if_locked

    target = Path(target)
    for source in inputs:
        if _same_file(Path(source), target):
            raise InvalidInputError("this is the input file; tcdesk never writes over its input", target)
    refuse_special_file(target)
    refuse_read_only_file(target)
    refuse_if_locked(target)
    if keep_drafts and target.exists() and _is_draft(target):
        raise InvalidInputError("is a tcdesk draft (project or interchange file); an export never replaces one: choose another "
            "name (tcdesk convert --force replaces a draft on purpose)", target)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _is_draft(path: Path) -> bool:
    from tcdesk.formats import INTERCHANGE, PROJECT
    from tcdesk.interchange import FORMAT

    if PROJECT.matched_suffix(path) or INTERCHANGE.matched_suffix(path):
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.startswith(_SQLITE_MAGIC) or (head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and FORMAT.encode() in head)
