"""Where the open submission lives, for the window: signals around :class:`tcdesk.workspace.OpenProject`,
recent files and the autosaver."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from tcdesk.errors import TcdeskError
from tcdesk.formats import Kind
from tcdesk.lockfile import REFRESH_EVERY
from tcdesk.model import Submission
from tcdesk.paths import APP_NAME
from tcdesk.ui.background import Autosaver
from tcdesk.ui.document import DocumentController
from tcdesk.workspace import Conflict, OpenProject, drafts_dir, unique_draft_path

__all__ = ["ProjectFiles", "drafts_dir", "settings", "unique_draft_path"]

MAX_RECENT = 10


def settings() -> QSettings:
    """Per-user settings; ``TCDESK_CONFIG_DIR`` (tests, portable installs) keeps them in that folder."""
    folder = os.environ.get("TCDESK_CONFIG_DIR")
    if folder:
        return QSettings(str(Path(folder) / f"{APP_NAME}.ini"), QSettings.Format.IniFormat)
    return QSettings(APP_NAME, APP_NAME)


log = logging.getLogger(__name__)

class ProjectFiles(QObject):
    """Keeps the open submission in a ``.tcdesk`` file, saved continuously; never asks "save changes?"."""

    path_changed = Signal(object)  # Path of the project file
    recent_changed = Signal()
    #: A save found the file changed on disk; the work went to a conflicted copy (a Conflict).
    conflict_detected = Signal(object)
    #: The project is not protected by a lock (text says why).
    lock_warning = Signal(str)

    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.project: OpenProject | None = None
        self.autosaver: Autosaver | None = None
        self.source: Path | None = None  # the file the user opened, when it was not a project
        self._reported: Conflict | None = None
        #: The conflicts whose message the user has seen (where the work went, the merge offer).
        self._told: list[Conflict] = []
        self._lock_timer = QTimer(self, interval=int(REFRESH_EVERY.total_seconds() * 1000))
        self._lock_timer.timeout.connect(self._refresh_lock)

    @property
    def path(self) -> Path | None:
        return self.project.path if self.project else None

    def is_draft(self) -> bool:
        return self.project is not None and self.project.is_draft()

    def is_read_only(self) -> bool:
        return self.project is not None and self.project.read_only

    # --- opening ---------------------------------------------------------------------------------

    def open(self, path: str | Path, *, read_only: bool = False, take_over: bool = False, allow_large: bool = False) -> Path:
        """Open a project, or bring another file in as a new draft project; returns the project path.

        :param allow_large: open (and save) a project larger than the limits: the user said "Open anyway".
        :raises tcdesk.errors.ProjectLockedError: someone else is editing the project.
        """
        path, session = Path(path), self.controller.session
        if session.formats.kind_of(path) is Kind.PROJECT:
            if self.autosaver is not None and self.path is not None and self.path.exists() and path.exists() \
                    and os.path.samefile(self.path, path):
                # Opened again: what is typed is written first, so the new open reads it. The old open
                # is let go only once the new one succeeds (the lock counts both), so a file that can
                # no longer be read leaves the window still saving somewhere.
                self.autosaver.flush()
            if read_only:
                project, submission = OpenProject.open_read_only(path, allow_large=allow_large)
            else:
                project, submission = OpenProject.open(path, take_over=take_over, allow_large=allow_large)
            self._attach(project, submission, source=None)
            return path
        submission = session.load(path)
        return self.adopt(submission, session.formats.stem(path), source=path)

    def open_copy(self, path: str | Path, *, allow_large: bool = False) -> Path:
        """A project someone else is editing, copied into a new draft to work on separately."""
        path, session = Path(path), self.controller.session
        return self.adopt(session.load(path, allow_large=allow_large), f"{session.formats.stem(path)} (copy)", source=path,
                          allow_large=allow_large)

    def adopt(self, submission: Submission, name: str, source: Path | None = None, *, allow_large: bool = False) -> Path:
        """Start editing ``submission`` in a new project in the drafts folder."""
        project = OpenProject.draft(submission, name, allow_large=allow_large)
        self._attach(project, submission, source=source)
        return project.path

    def new(self, submission: Submission, path: str | Path | None) -> Path:
        """A new project at ``path`` (or a draft when ``None``)."""
        if path is None:
            return self.adopt(submission, "Untitled")
        target = Path(path)
        project = OpenProject.create(target, submission, replace=target.exists())
        self._attach(project, submission, source=None)
        return target

    def _attach(self, project: OpenProject, submission: Submission, source: Path | None) -> None:
        self.close()
        self.project, self.source, self._reported = project, source, None
        self.controller.session.path = project.path
        self.controller.session.allow_large = project.allow_large  # Insert image goes by it too
        self.controller.replace_submission(submission)
        if not project.read_only:
            self._start_autosaver()
            self._lock_timer.start()
        self.add_recent(project.path)
        self.path_changed.emit(project.path)
        if project.warning:
            self.lock_warning.emit(project.warning)
        recorded = project.recorded_conflict()
        if recorded is not None:  # a conflicted copy whose work the original still lacks: offer the merge again
            self.conflict_detected.emit(recorded)

    def _start_autosaver(self) -> None:
        assert self.project is not None
        self.autosaver = Autosaver(self.controller, self.project, self.project.path, self)
        self.autosaver.state_changed.connect(self._after_save)

    def _after_save(self, _state: str) -> None:
        project = self.project
        if project is None or project.conflict is None or project.conflict is self._reported:
            return
        self._reported = project.conflict
        if self.autosaver is not None:
            self.autosaver.path = project.path
        self.controller.session.path = project.path
        self.add_recent(project.path)
        self.path_changed.emit(project.path)
        self.conflict_detected.emit(project.conflict)

    def save_all(self) -> None:
        """Write the last changes now (quitting); a conflict this save finds is reported as usual.

        :raises TcdeskError, OSError: the file cannot be written.
        """
        if self.autosaver is not None:
            self.autosaver.flush()
        self._after_save("saved")

    def untold_conflict(self) -> Conflict | None:
        """The conflict that sent the work being edited to a copy, if the user has not seen it yet."""
        conflict = self.project.conflict if self.project is not None else None
        return conflict if conflict is not None and not self.was_told(conflict) else None

    def was_told(self, conflict: Conflict) -> bool:
        return any(c is conflict for c in self._told)

    def told(self, conflict: Conflict, *, told: bool = True) -> None:
        """The user has been shown ``conflict``'s message: quitting need not show it again (or, with
        ``told=False``, must: the user put it off)."""
        self._told = [c for c in self._told if c is not conflict] + ([conflict] if told else [])

    def _refresh_lock(self) -> None:
        if self.project is not None and not self.project.refresh_lock():
            self.lock_warning.emit(
                f"{self.project.path.name}: someone else took over the lock. Your changes are still saved, "
                "and never over theirs: a change on disk sends your work to a conflicted copy."
            )

    def return_to(self, original: Path, merged: Submission | None = None) -> bool:
        """Continue editing ``original`` after merging its content ``merged`` in (see OpenProject.return_to)."""
        if self.project is None or self.autosaver is None:
            return False
        # The copy keeps the work as it was before the merge (the caller saved it there); the merge
        # goes to the original, or, if the original cannot be had, the caller saves it in the copy.
        self.autosaver.pause()
        if not self.project.return_to(original, self.controller.snapshot(), merged):
            return False
        self.autosaver.flush()  # saved: the original has it all
        self._reported = None
        self.autosaver.path = original
        self.controller.session.path = original
        self.add_recent(original)
        self.path_changed.emit(original)
        return True

    # --- saving elsewhere --------------------------------------------------------------------------

    def save_as(self, target: str | Path) -> Path:
        """Keep editing in ``target``: a draft moves there, a project is copied there.

        A ``.tcdesk.json`` target writes the interchange file and editing stays where it was.
        """
        if self.project is None:
            raise RuntimeError("no project open")
        was_read_only = self.project.read_only
        if self.autosaver is not None:
            # The current file gets the latest changes first, if it can: Save As is also the way out
            # when it cannot (a folder gone read-only), and the new file gets them all the same.
            with contextlib.suppress(TcdeskError, OSError):
                self.autosaver.flush()
        written = self.project.save_as(target, self.controller.snapshot())
        if written != self.project.path:
            return written  # an interchange file
        if self.autosaver is not None:
            self.autosaver.path = written
            self.autosaver.flush()  # clears the old file's error: everything is in the new one
        else:
            self._start_autosaver()
            self._lock_timer.start()
        self.controller.session.path = written
        self.add_recent(written)
        self.path_changed.emit(written)
        if was_read_only:
            self.controller.reset.emit()  # editing is possible again
        return written

    def close(self) -> None:
        """Write the last changes and let go of the file and its lock."""
        self._lock_timer.stop()
        if self.autosaver is not None:
            self.autosaver.close()
            self.autosaver.deleteLater()
            self.autosaver = None
        if self.project is not None:
            self._after_save("saved")  # a conflict found by the last save is still reported
            self.project.close()
            self.project = None

    # --- recent files ----------------------------------------------------------------------------

    def recent(self) -> list[Path]:
        values = settings().value("recentFiles", []) or []
        if isinstance(values, str):  # QSettings gives a lone entry as a string
            values = [values]
        if not isinstance(values, list):
            return []
        return [Path(v) for v in values if isinstance(v, str) and Path(v).exists()]

    def add_recent(self, path: Path) -> None:
        entries = [str(path.resolve())] + [str(p) for p in self.recent() if p.resolve() != path.resolve()]
        s = settings()
        s.setValue("recentFiles", entries[:MAX_RECENT])
        s.sync()
        self.recent_changed.emit()

    def clear_recent(self) -> None:
        s = settings()
        s.setValue("recentFiles", [])
        s.sync()
        self.recent_changed.emit()
