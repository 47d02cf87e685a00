"""A project open for editing, without Qt: drafts, adopting an import, Save As, the lock, and never
overwriting a file someone else changed (a conflicted copy is written instead).

The editor wraps :class:`OpenProject` with signals (``tcdesk.ui.project_files``); everything here can
be driven and tested headless.
"""

from __future__ import annotations

import copy
import json
import logging
import pickle
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tcdesk import interchange
from tcdesk.errors import ProjectChangedError, TcdeskError
from tcdesk.fileio import why_not_writable
from tcdesk.formats import PROJECT, Formats, Kind
from tcdesk.lockfile import ProjectLock
from tcdesk.model import Submission
from tcdesk.paths import user_data_dir
from tcdesk.userinfo import user_name

log = logging.getLogger(__name__)

__all__ = [
    "Conflict",
    "OpenProject",
    "conflicted_copy_path",
    "drafts_dir",
    "unique_draft_path",
]


def drafts_dir() -> Path:
    return user_data_dir() / "Drafts"


def _free_name(folder: Path, stem: str) -> Path:
    candidate, n = folder / f"{stem}{PROJECT.suffix}", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem} {n}{PROJECT.suffix}"
    return candidate


def unique_draft_path(name: str) -> Path:
    """A free ``Drafts/<name>.tcdesk`` (``<name> 2.tcdesk`` … when taken)."""
    stem = re.sub(r"[^\w .,()-]+", "_", name).strip(" .") or "Untitled"
    folder = drafts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return _free_name(folder, stem)


def conflicted_copy_path(path: Path, when: datetime | None = None) -> Path:
    """``Kent (conflicted copy alice 2026-11-30 1112).tcdesk`` beside ``path``, never an existing file."""
    when = when or datetime.now()
    user = re.sub(r"[^\w.-]+", "_", user_name())
    return _free_name(path.parent, f"{Formats().stem(path)} (conflicted copy {user} {when:%Y-%m-%d %H%M})")


@dataclass(frozen=True, slots=True)
class Conflict:
    """The project changed on disk under the editor, so the editor's work went to ``copy``.

    :param original: the file someone else changed.
    :param copy: the conflicted copy now holding (and receiving) the editor's work.
    :param base: the submission as the editor last read or wrote it: the common ancestor for a merge.
    :param reason: what was found, for the message.
    """

    original: Path
    copy: Path
    base: Submission
    reason: str


#: What a conflicted copy records about where it came from (the ``meta`` table), so that it can be
#: merged back after the window that made it is closed.
_CONFLICT_KEYS = ("conflict_of", "conflict_at", "conflict_base")


def _conflict_facts(conflict: Conflict) -> dict[str, str]:
    """The original's path, when, and the version both sides started from (its attachments left out:
    they would double the copy's size, and a later merge then sees them as added on both sides)."""
    base = copy.copy(conflict.base)
    base.attachments = []
    return {
        "conflict_of": str(conflict.original),
        "conflict_at": datetime.now().astimezone().isoformat(timespec="minutes"),
        "conflict_base": json.dumps(interchange.to_dict(base), ensure_ascii=False),
    }


def _copy(submission: Submission) -> Submission:
    """An independent copy: pickling (as to the checking process) copies the model's plain data in
    half the time of copy.deepcopy, ~5 ms of opening the 500-action submission.

    The attachments' bytes are immutable, so the copy shares them: pickled, a project's figures and
    appendices would be held twice in memory as long as it is open.
    """
    shell = copy.copy(submission)
    shell.attachments = []
    copied: Submission = pickle.loads(pickle.dumps(shell, protocol=pickle.HIGHEST_PROTOCOL))
    copied.attachments = [copy.copy(a) for a in submission.attachments]
    return copied


class OpenProject:
    """One ``.tcdesk`` file being edited (or only viewed) by this process.

    ``save`` may be called from a worker thread (the editor's autosave).
    """

    def __init__(self, path: Path, store, lock: ProjectLock | None, base: Submission, *, read_only: bool = False,
                 allow_large: bool = False) -> None:
        self.path = path
        self.store = store
        self.lock = lock
        self.read_only = read_only
        #: Opened anyway although larger than the limits (docs/limits.md): saved, copied and
        #: reopened (a conflicted copy, Save As, after a merge) whatever its size.
        self.allow_large = allow_large
        #: Why a project opened for editing is read-only after all (the file or folder cannot be written).
        self.notice: str | None = None
        self.notice_title = "Opened read-only"
        #: The content of the file as this editor last read or wrote it (a copy: the editor changes
        #: the submission it was given in place; saves hand over snapshots nobody changes).
        self.base = _copy(base)
        #: Set once a save found the file changed on disk; editing then continues in the copy.
        self.conflict: Conflict | None = None
        self._mutex = threading.Lock()

    @property
    def warning(self) -> str | None:
        """Why the project opened read-only (it cannot be written), or is not protected by a lock, if so."""
        return self.notice or (self.lock.warning if self.lock is not None else None)

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, take_over: bool = False, allow_large: bool = False) -> tuple[OpenProject, Submission]:
        """Lock and open a project for editing.

        :param take_over: replace a stale lock (its holder's process is gone).
        :param allow_large: open it, and save it, whatever its size (the user said "Open anyway").
        :raises ProjectLockedError: someone else has it open (``error.holder`` says who).
        """
        path = Path(path)
        why = why_not_writable(path) if path.exists() else None
        if why is not None:
            # Nothing typed could be saved there: open it to view, and say so, rather than let every
            # autosave fail. Save As keeps changes in a file of the user's own.
            project, submission = cls.open_read_only(path, allow_large=allow_large)
            project.notice = (f"{path.name} is open read-only: {why}. You can view, check and export it; "
                              "to make changes, use File → Save As to keep them in a file of your own.")
            return project, submission
        lock = ProjectLock.acquire(path, take_over=take_over)
        from tcdesk.storage import ProjectStore

        try:
            store = ProjectStore.open(path, allow_large=allow_large)
            try:
                submission = store.load()
            except BaseException:
                store.close()
                raise
        except BaseException:
            lock.release()
            raise
        project = cls(path, store, lock, submission, allow_large=allow_large)
        if store.found_copy is not None:
            project.notice_title = "Recovered after a save cut short"
            project.notice = (
                f"A save of {path.name} was cut short, and tcdesk recovered the project as it was before that "
                "save. The file as found read differently: it may hold part of the save that was cut short, or "
                f"be a colleague's version brought in since. It is kept, unchanged, as {store.found_copy.name}; "
                "open it, or merge it in (File → Merge), if it holds words you need."
            )
        return project, submission

    @classmethod
    def open_read_only(cls, path: str | Path, *, allow_large: bool = False) -> tuple[OpenProject, Submission]:
        """Open a project to view, check and export: no lock, nothing ever written to it."""
        from tcdesk.storage import load_project

        path = Path(path)
        submission = load_project(path, allow_large=allow_large)
        return cls(path, None, None, submission, read_only=True, allow_large=allow_large), submission

    @classmethod
    def create(cls, path: str | Path, submission: Submission, *, replace: bool = False,
               allow_large: bool = False) -> OpenProject:
        """A new project at ``path`` holding ``submission`` (``replace`` an existing file)."""
        from tcdesk.storage import ProjectStore

        path = Path(path)
        lock = ProjectLock.acquire(path)
        try:
            store = ProjectStore.create(path, submission, replace=replace, allow_large=allow_large)
        except BaseException:
            lock.release()
            raise
        return cls(path, store, lock, submission, allow_large=allow_large)

    @classmethod
    def draft(cls, submission: Submission, name: str, *, allow_large: bool = False) -> OpenProject:
        """A new project in the drafts folder, named after ``name``."""
        return cls.create(unique_draft_path(name), submission, allow_large=allow_large)

    def recorded_conflict(self) -> Conflict | None:
        """When this project is a conflicted copy an earlier window made, and its original still lacks
        some of its work: what merging it back needs, the original and the version both started from."""
        if self.read_only or self.store is None:
            return None
        facts = self.store.facts(*_CONFLICT_KEYS)
        if len(facts) != len(_CONFLICT_KEYS):
            return None
        original = Path(facts["conflict_of"])
        if not original.exists():  # the shared folder seen from another machine: the same name beside the copy
            original = self.path.with_name(original.name)
        if original == self.path or not original.exists():
            return None
        from tcdesk.merge import merge
        from tcdesk.storage import load_project

        try:
            base = interchange.from_dict(json.loads(facts["conflict_base"]))
            theirs = load_project(original)
        except (TcdeskError, OSError, ValueError) as exc:
            log.info("%s: cannot offer to merge it back into %s (%s)", self.path, original, exc)
            return None
        if self.base == theirs:
            return None
        try:
            result = merge(base, self.base, theirs, None, "mine")
        except TcdeskError:  # the merge itself says why, if the user asks for it
            result = None
        if result is not None and not result.conflicts and result.submission == theirs:
            return None  # merged back already
        when = facts["conflict_at"].replace("T", " ")[:16]
        return Conflict(original, self.path, base, f"was changed on disk while you were editing it ({when}), so your "
                                                    "work went to this copy")

    def is_draft(self) -> bool:
        return self.path.parent == drafts_dir()

    # --- saving ----------------------------------------------------------------------------------

    def save(self, submission: Submission) -> Path:
        """Save ``submission`` (a snapshot nobody changes afterwards); returns the file written.

        When the file on disk is not the one last read or written, nothing is written to it: the
        submission goes to a conflicted copy beside it, editing continues there, and
        :attr:`conflict` says so.
        """
        if self.read_only:
            raise TcdeskError("opened read-only; nothing is saved", self.path)
        with self._mutex:
            try:
                self.store.save(submission)
            except ProjectChangedError as exc:
                self._divert(submission, exc)
            else:
                self.base = submission
            return self.path

    def _divert(self, submission: Submission, exc: ProjectChangedError) -> None:
        copy = conflicted_copy_path(self.path)
        moved = OpenProject.create(copy, submission, allow_large=self.allow_large)
        conflict = Conflict(self.path, copy, self.base, exc.message)
        try:  # the words are in the copy already; the record only makes a later merge possible
            moved.store.set_facts(_conflict_facts(conflict))
        except (TcdeskError, OSError, ValueError):
            log.warning("%s: cannot record which version it was made from", copy, exc_info=True)
        self._replace_with(moved)
        self.conflict = conflict

    def _replace_with(self, other: OpenProject) -> None:
        """Continue in ``other``'s file, letting go of this one."""
        if self.store is not None:
            self.store.close()
        if self.lock is not None:
            self.lock.release()
        self.path, self.store, self.lock, self.base = other.path, other.store, other.lock, other.base

    def return_to(self, original: Path, submission: Submission, merged: Submission | None = None) -> bool:
        """After a merge: continue editing ``original`` (if nobody holds it) starting from its current
        content, and save ``submission`` there.

        :param merged: the content of ``original`` that ``submission`` merged in; when the file now
            holds anything else, it is left alone.
        :returns: ``False`` when ``original`` is locked by someone else or cannot be written
            (editing stays where it is).
        :raises ProjectChangedError: ``original`` changed again since ``merged`` was read from it:
            merge again (editing stays where it is).
        """
        from tcdesk.errors import ProjectLockedError

        with self._mutex:
            try:
                other, theirs = OpenProject.open(original, allow_large=self.allow_large)
            except ProjectLockedError:
                return False
            if other.read_only:
                other.close()
                return False
            if merged is not None and theirs != merged:
                other.close()
                raise ProjectChangedError("changed again while you merged", original)
            self._replace_with(other)
            self.conflict = None
        self.save(submission)
        return True

    def save_as(self, target: str | Path, submission: Submission) -> Path:
        """Keep editing in ``target``: a draft moves there, a project is copied there.

        A ``.tcdesk.json`` target writes the interchange file and editing stays where it was.
        """
        formats = Formats()
        target = formats.project_path(target)
        if formats.kind_of(target) is Kind.INTERCHANGE:
            interchange.write(submission, target)
            return target
        with self._mutex:
            old, was_draft = self.path, self.is_draft()
            moved = OpenProject.create(target, submission, replace=target.exists(), allow_large=self.allow_large)
            self._replace_with(moved)
            self.read_only = False
            if was_draft and old != target:
                old.unlink(missing_ok=True)
        return target

    def refresh_lock(self) -> bool:
        """Keep the lock fresh for other hosts; ``False`` when someone took it over."""
        return self.lock.refresh() if self.lock is not None else True

    def close(self) -> None:
        """Let go of the file and its lock (the caller saved the last changes first)."""
        with self._mutex:
            if self.store is not None:
                self.store.close()
            if self.lock is not None:
                self.lock.release()
