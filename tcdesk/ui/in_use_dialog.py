"""The in-use dialog: who holds a project, and what the user may do instead of editing it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from tcdesk.lockfile import STALE_AFTER, LockInfo
from tcdesk.ui.collaboration import COPY, READ_ONLY, TAKE_OVER

__all__ = ["InUseDialog"]


class InUseDialog(QDialog):
    """"<name>.tcdesk is in use": who holds the project, and what the user may do instead of editing it."""

    def __init__(self, path: Path, holder: LockInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle(f"{path.name} is in use")
        stale = holder.is_stale()
        text = QLabel(f"<p><b>{path.name}</b> is being edited by <b>{holder.user}</b> on {holder.host} "
                      f"since {holder.since.astimezone():%H:%M on %d %b %Y}.</p>"
                      "<p>Only one person can edit a project at a time, so that nobody's work is replaced.</p>", self)
        text.setWordWrap(True)
        note = QLabel(self)
        note.setWordWrap(True)
        if stale:
            minutes = int(STALE_AFTER.total_seconds() // 60)
            why = ("that tcdesk is no longer running on this computer" if _same_host(holder)
                   else f"it has not been refreshed for over {minutes} minutes")
            note.setText(f"The lock looks stale: {why}. You may take the project over.")
        else:
            note.setText("You can read, check and export it, or work on a copy and merge it in later.")
        buttons = QDialogButtonBox(self)
        self.read_only_button = buttons.addButton("Open &read-only", QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button = buttons.addButton("Open a &copy", QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_over_button = buttons.addButton("&Take over", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.take_over_button.setVisible(stale)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.read_only_button.setDefault(True)
        choices = {self.read_only_button: READ_ONLY, self.copy_button: COPY, self.take_over_button: TAKE_OVER}
        buttons.clicked.connect(lambda b: self._choose(choices.get(b)))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _choose(self, choice: str | None) -> None:
        self.choice = choice
        self.accept() if choice else self.reject()


def _same_host(holder: LockInfo) -> bool:
    from tcdesk.userinfo import host_name

    return holder.host == host_name()
