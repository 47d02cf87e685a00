"""Errors that name the file and the place, shown to users without a traceback."""

from __future__ import annotations

from pathlib import Path


class TcdeskError(Exception):
    """A problem the user can act on: bad input, an unreadable file, a failed write.

    :param message: what is wrong, in the user's terms.
    :param path: the file concerned, if any.
    :param where: the place inside it (a JSON path, a line, a table row), if known.
    """

    def __init__(self, message: str, path: str | Path | None = None, where: str | None = None) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        head = str(self.path) if self.path is not None else ""
        if self.where:
            head = f"{head}: {self.where}" if head else self.where
        return f"{head}: {self.message}" if head else self.message


class InvalidInputError(TcdeskError):
    """The file was read but its content does not fit what tcdesk expects."""


class ProjectFileError(TcdeskError):
    """A .tcdesk project that cannot be opened; the file is left untouched."""


class ProjectChangedError(ProjectFileError):
    """The project on disk is no longer the one the editor read: saving would overwrite someone's work."""


#: How a refusal to open a project the user may open anyway ends (docs/limits.md#size).
ALLOW_HINT = "; if it is your own project, open it anyway with --allow-large (the editor asks)"


class ProjectTooLargeError(ProjectFileError):
    """The project holds more than tcdesk reads (tcdesk.storage.limits); nothing was loaded and the
    file is untouched.

    :param reason: what is too large, for a message of one's own (the editor's question).
    :param overridable: whether opening with ``allow_large`` reads it all the same; the message
        then says how (:data:`ALLOW_HINT`).
    """

    def __init__(self, reason: str, path: str | Path | None, *, overridable: bool = False) -> None:
        self.reason, self.overridable = reason, overridable
        super().__init__(reason + (ALLOW_HINT if overridable else ""), path)


class ProjectLockedError(ProjectFileError):
    """Someone else has the project open for editing (its lock file says who)."""


class NotAProjectError(ProjectFileError):
    """The file is not a tcdesk project (not SQLite, or SQLite without tcdesk's tables)."""


class CorruptProjectError(ProjectFileError):
    """The file looks like a tcdesk project but is damaged."""


class NewerVersionError(ProjectFileError):
    """The project was written by a newer tcdesk whose schema this version does not know."""


class ExportError(TcdeskError):
    """Writing an export failed; any previous file at the destination is intact."""
