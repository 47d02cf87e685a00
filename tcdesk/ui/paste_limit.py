"""A paste or a drop the project could not be saved with is refused before it changes anything.

Every save refuses a project holding more text and attachments than docs/limits.md allows. Text
pasted past that would stay on screen, never saved, and be lost at quit; so its size is checked
first (through the Session) and the user is told how large it is and what a project holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from tcdesk.errors import TcdeskError

if TYPE_CHECKING:
    from tcdesk.session import Session

__all__ = ["SizeGuard", "refused"]

TITLE = "Too large to add"


def refused(session: Session, added: int, parent: QWidget) -> bool:
    """Whether ``added`` more characters would make the project too large to save; if so, says so."""
    if added <= 0:
        return False
    try:
        session.check_added_text(added)
    except TcdeskError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, TITLE, exc.message, QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the paste is refused at once, the message stays until read
        return True
    return False


class SizeGuard(QValidator):
    """Refuses a change to a one-line field that adds more than a keystroke's text (a paste, a drop)
    and would make the project too large to save. Typing is not checked: one character at a time,
    the save's own refusal says so."""

    def __init__(self, session: Session, field: QLineEdit) -> None:
        super().__init__(field)
        self._session = session
        self._length = len(field.text())  # the field holds the changed text while it is validated
        field.textChanged.connect(self._changed)
        self._field = field

    def _changed(self, text: str) -> None:
        self._length = len(text)

    def validate(self, text: str, pos: int) -> QValidator.State:
        # Only the verdict goes back: text handed back to Qt would lose a leading U+FEFF (see qt_text).
        added = len(text) - self._length
        if added > 1 and refused(self._session, added, self._field):
            return QValidator.State.Invalid
        return QValidator.State.Acceptable
