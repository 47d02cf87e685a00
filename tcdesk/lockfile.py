"""One writer per project: a lock file beside it saying who has it open, as office suites do.

SQLite's own locks cannot be trusted on SMB shares or in synced folders (and a sync client copies
files, not locks), so the editor writes ``.~lock.<name>#`` next to the project — the convention
LibreOffice uses — and removes it on close. The lock is advisory: it tells a second editor, on this
machine or another, who holds the project and since when. See docs/project-files.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from tcdesk.errors import ProjectLockedError
from tcdesk.fileio import write_through
from tcdesk.userinfo import host_name, user_name

LOCK_PREFIX = ".~lock."
#: A holder on another host whose lock has not been refreshed for this long is taken to be gone
#: (its machine crashed, slept or lost the network). The editor refreshes its lock every REFRESH_EVERY.
STALE_AFTER = timedelta(minutes=30)
REFRESH_EVERY = timedelta(minutes=5)
_MAX_LOCK_BYTES = 4096


# How many ProjectLock objects of this process hold each lock file: a second open of a project this
# process already holds (Save As onto the file being edited) shares the file, which only the last
# release removes.
_holds: dict[str, int] = {}
_holds_mutex = threading.Lock()


def _hold(path: Path, change: int) -> int:
    """Count one more (``+1``) or one fewer (``-1``) holder of ``path``; the holders left."""
    key = os.path.abspath(path)
    with _holds_mutex:
        left = max(_holds.get(key, 0) + change, 0)
        if left:
            _holds[key] = left
        else:
            _holds.pop(key, None)
        return left


def lock_path(project: Path) -> Path:
    # Beside the file itself: whoever reaches it through a link must see the same lock.
    project = write_through(Path(project))
    return project.with_name(f"{LOCK_PREFIX}{project.name}#")


@dataclass(frozen=True, slots=True)
class LockInfo:
    """What a lock file says: who holds the project, where, in which process, since when."""

    user: str
    host: str
    pid: int
    since: datetime
    refreshed: datetime

    @classmethod
    def for_this_process(cls) -> LockInfo:
        now = datetime.now().astimezone()
        return cls(user_name(), host_name(), os.getpid(), now, now)

    def is_mine(self) -> bool:
        return self.host == host_name() and self.pid == os.getpid()

    def is_stale(self, now: datetime | None = None) -> bool:
        """The holder is gone: its process ended on this host, or it stopped refreshing elsewhere."""
        if self.host == host_name():
            # A lock older than this boot names a process number that may have been given to another.
            return not process_alive(self.pid) or self.since < booted_at()
        now = now or datetime.now().astimezone()
        return now - self.refreshed > STALE_AFTER

    def describe(self) -> str:
        """``alice on lab-pc-12 since 11:05 on 30 Nov 2026``."""
        when = self.since.astimezone().strftime("%H:%M on %d %b %Y")
        return f"{self.user} on {self.host} since {when}"

    def to_json(self) -> str:
        return json.dumps(
            {
                "app": "tcdesk",
                "user": self.user,
                "host": self.host,
                "pid": self.pid,
                "since": self.since.isoformat(timespec="seconds"),
                "refreshed": self.refreshed.isoformat(timespec="seconds"),
            }
        )


def read_lock(project: Path) -> LockInfo | None:
    """The lock on ``project``, if there is one; an unreadable or garbled lock counts as a stale one."""
    path = lock_path(project)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return _GARBLED  # a pipe or device in its place would never end
        with path.open("rb") as fh:
            raw = fh.read(_MAX_LOCK_BYTES)
    except FileNotFoundError:
        return None
    except OSError:
        return _GARBLED
    try:
        data = json.loads(raw.decode("utf-8"))
        since = datetime.fromisoformat(data["since"])
        refreshed = datetime.fromisoformat(data.get("refreshed") or data["since"])
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), since, refreshed)
    except (ValueError, KeyError, TypeError, AttributeError):
        return _GARBLED


# Old enough to be stale anywhere, on a host that is never this one.
_GARBLED = LockInfo("someone", "an unknown computer", 0, datetime(1970, 1, 1).astimezone(), datetime(1970, 1, 1).astimezone())


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (without signalling it)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True


def booted_at() -> datetime:
    """When this machine started (Linux; elsewhere the epoch, so no lock is judged by it)."""
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    if clock is None:
        return datetime(1970, 1, 1).astimezone()
    return datetime.now().astimezone() - timedelta(seconds=time.clock_gettime(clock))


def _windows_process_alive(pid: int) -> bool:
    import ctypes

    # os.kill on Windows would terminate the process: ask the kernel instead.
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # type: ignore[attr-defined]  # access denied: someone else's, alive
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def locked_error(project: Path, holder: LockInfo) -> ProjectLockedError:
    stale = " (the lock looks stale)" if holder.is_stale() else ""
    error = ProjectLockedError(f"is in use by {holder.describe()}{stale}", project)
    error.holder = holder  # type: ignore[attr-defined]
    return error


def refuse_if_locked(project: Path) -> None:
    """For commands that write a project: refuse while someone else holds a live lock on it."""
    holder = read_lock(project)
    if holder is not None and not holder.is_mine() and not holder.is_stale():
        raise locked_error(project, holder)


class ProjectLock:
    """This process's lock on one project; :attr:`warning` says why none could be written.

    :param held: whether the lock file is ours (``False`` when the folder cannot be written).
    """

    def __init__(self, project: Path, info: LockInfo, held: bool, warning: str | None = None) -> None:
        self.project = project
        self.info = info
        self.held = held
        self.warning = warning

    @classmethod
    def acquire(cls, project: Path, *, take_over: bool = False) -> ProjectLock:
        """Lock ``project`` for this process.

        :param take_over: replace a stale lock (a live one is never replaced).
        :raises ProjectLockedError: someone else holds it (``error.holder`` says who).
        """
        project = Path(project)
        info = LockInfo.for_this_process()
        path = lock_path(project)
        for _attempt in range(3):
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = read_lock(project)
                if holder is None:
                    continue  # released meanwhile: try again
                if holder.is_mine():
                    _hold(path, +1)
                    return cls(project, holder, held=True)
                if not (take_over and holder.is_stale()):
                    raise locked_error(project, holder) from None
                path.unlink(missing_ok=True)
                continue
            except OSError as exc:
                return cls(project, info, held=False, warning=_cannot_lock(project, exc))
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(info.to_json())
            except OSError as exc:
                path.unlink(missing_ok=True)
                return cls(project, info, held=False, warning=_cannot_lock(project, exc))
            _hold(path, +1)
            return cls(project, info, held=True)
        holder = read_lock(project)
        raise locked_error(project, holder or _GARBLED)

    def refresh(self) -> bool:
        """Renew the lock's time so other hosts keep seeing it live; ``False`` when it was taken over."""
        if not self.held:
            return True
        holder = read_lock(self.project)
        if holder is None or holder.host != self.info.host or holder.pid != self.info.pid:
            self.held = False
            _hold(lock_path(self.project), -1)
            return False
        self.info = LockInfo(self.info.user, self.info.host, self.info.pid, self.info.since, datetime.now().astimezone())
        # The folder may have gone read-only or away: the generation check still guards the file.
        with contextlib.suppress(OSError):
            lock_path(self.project).write_text(self.info.to_json(), encoding="utf-8")
        return True

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        if _hold(lock_path(self.project), -1):
            return  # still held by another open of the same project in this process
        holder = read_lock(self.project)
        if holder is not None and holder.host == self.info.host and holder.pid == self.info.pid:
            lock_path(self.project).unlink(missing_ok=True)


def _cannot_lock(project: Path, exc: OSError) -> str:
    return (
        f"{project.name}: tcdesk could not write its lock file in {project.parent} ({exc.strerror or exc}). "
        "Others opening this project will not see that you are editing it."
    )
