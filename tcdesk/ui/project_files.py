"""Where the open submission lives: opening, drafts, Save As, recent files and the autosaver."""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from tcdesk.model import Submission
from tcdesk.paths import APP_NAME, user_data_dir
from tcdesk.session import Session
from tcdesk.formats import PROJECT, Kind
from tcdesk.ui.background import Autosaver
from tcdesk.ui.document import DocumentController

__all__ = ["ProjectFiles", "drafts_dir", "settings", "unique_draft_path"]

MAX_RECENT = 10


def settings() -> QSettings:
    """Per-user settings; ``TCDESK_CONFIG_DIR`` (tests, portable installs) keeps them in that folder."""
    folder = os.environ.get("TCDESK_CONFIG_DIR")
    if folder:
        return QSettings(str(Path(folder) / f"{APP_NAME}.ini"), QSettings.Format.IniFormat)
    return QSettings(APP_NAME, APP_NAME)


def drafts_dir() -> Path:
    return user_data_dir() / "Drafts"


def unique_draft_path(name: str) -> Path:
    """A free ``Drafts/<name>.tcdesk`` (``<name> 2.tcdesk`` … when taken)."""
    stem = re.sub(r"[^\w .,()-]+", "_", name).strip(" .") or "Untitled"
    folder = drafts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    candidate, n = folder / f"{stem}{PROJECT.suffix}", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem} {n}{PROJECT.suffix}"
    return candidate


class ProjectFiles(QObject):
    """Keeps the open submission in a ``.tcdesk`` file, saved continuously; never asks "save changes?"."""

    path_changed = Signal(object)  # Path of the project file
    recent_changed = Signal()

    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.autosaver: Autosaver | None = None
        self.source: Path | None = None  # the file the user opened, when it was not a project

    @property
    def path(self) -> Path | None:
        return self.autosaver.path if self.autosaver else None

    def is_draft(self) -> bool:
        return self.path is not None and self.path.parent == drafts_dir()

    # --- opening ---------------------------------------------------------------------------------

    def open(self, path: str | Path) -> Path:
        """Open a project, or bring another file in as a new draft project; returns the project path."""
        path, session = Path(path), self.controller.session
        if session.formats.kind_of(path) is Kind.PROJECT:
            store, submission = session.open_store(path)
            self._attach(store, path, submission, source=None)
            return path
        submission = session.load(path)
        return self.adopt(submission, session.formats.stem(path), source=path)

    def adopt(self, submission: Submission, name: str, source: Path | None = None) -> Path:
        """Start editing ``submission`` in a new project in the drafts folder."""
        target = unique_draft_path(name)
        store = self.controller.session.create_store(target, submission)
        self._attach(store, target, submission, source=source)
        return target

    def new(self, submission: Submission, path: str | Path | None) -> Path:
        """A new project at ``path`` (or a draft when ``None``)."""
        if path is None:
            return self.adopt(submission, "Untitled")
        target = Path(path)
        store = self.controller.session.create_store(target, submission, replace=target.exists())
        self._attach(store, target, submission, source=None)
        return target

    def _attach(self, store, path: Path, submission: Submission, source: Path | None) -> None:
        self.close()
        self.source = source
        self.controller.session.path = path
        self.controller.replace_submission(submission)
        self.autosaver = Autosaver(self.controller, store, path, self)
        self.add_recent(path)
        self.path_changed.emit(path)

    # --- saving elsewhere --------------------------------------------------------------------------

    def save_as(self, target: str | Path) -> Path:
        """Keep editing in ``target``: a draft moves there, a project is copied there.

        A ``.tcdesk.json`` target writes the interchange file and editing stays where it was.
        """
        session = self.controller.session
        target = session.formats.project_path(target)
        if session.formats.kind_of(target) is Kind.INTERCHANGE:
            Session(self.controller.snapshot(), pm=session.pm).export_to(target)
            return target
        old, was_draft = self.path, self.is_draft()
        store = session.create_store(target, self.controller.snapshot(), replace=target.exists())
        if self.autosaver is not None:
            self.autosaver.close()
        self.autosaver = Autosaver(self.controller, store, target, self)
        self.controller.session.path = target
        if was_draft and old is not None and old != target:
            old.unlink(missing_ok=True)
        self.add_recent(target)
        self.path_changed.emit(target)
        return target

    def close(self) -> None:
        """Write the last changes and let go of the file."""
        if self.autosaver is not None:
            self.autosaver.close()
            self.autosaver.deleteLater()
            self.autosaver = None

    # --- recent files ----------------------------------------------------------------------------

    def recent(self) -> list[Path]:
        values = settings().value("recentFiles", []) or []
        if isinstance(values, str):
            values = [values]
        return [Path(v) for v in values if Path(v).exists()]

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
