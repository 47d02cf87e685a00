"""The first-run welcome (also File → New): where to begin, and the files opened lately."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

__all__ = ["Welcome"]


class Welcome(QDialog):
    """Four ways to begin and the recent files; after ``exec()``, :attr:`choice` says which
    (``"renew"``, ``"open"``, ``"blank"``, ``"example"`` or ``"recent"``) and :attr:`path` the file."""

    RENEW, OPEN, BLANK, EXAMPLE, RECENT = "renew", "open", "blank", "example", "recent"

    def __init__(self, recent: list[Path], example: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ""
        self.path: Path | None = None
        self._example = example
        self.setWindowTitle("Welcome — tcdesk")
        heading = QLabel("<h2>Technician Commitment renewal</h2>"
                         "<p>A renewal starts from last cycle's submission: its 36-month plan is the plan you "
                         "rate Red, Amber or Green this time.</p>", self)
        heading.setWordWrap(True)
        heading.setAccessibleName("Welcome")

        self.renew_button = self._button(
            "Start my &renewal from last cycle's submission",
            "Pick last cycle's project, Word document, spreadsheet or PDF. Its new plan becomes the plan to rate; "
            "your header, leads and signatories are kept, and last time's answers are shown beside each question.",
            self.RENEW,
        )
        self.open_button = self._button("&Open a project", "A .tcdesk project or a .tcdesk.json file.", self.OPEN)
        self.blank_button = self._button(
            "Start a &blank draft", "An empty form, saved as you type; choose where to keep it later with Save As.",
            self.BLANK,
        )
        self.example_button = self._button(
            "Open the e&xample",
            "The fictional University of Northmoor's complete submission, opened as a draft copy to explore.",
            self.EXAMPLE,
        )
        self.example_button.setVisible(example is not None)

        self.recent = QListWidget(self)
        self.recent.setAccessibleName("Recent files")
        self.recent.setAccessibleDescription("Press Enter to open the selected file")
        for path in recent:
            item = QListWidgetItem(f"{path.name} — {path.parent}", self.recent)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
        if recent:
            self.recent.setCurrentRow(0)
        self.recent.itemActivated.connect(self._on_recent)
        recent_label = QLabel("Recen&t files:" if recent else "No recent files yet.", self)
        recent_label.setBuddy(self.recent)
        self.recent.setVisible(bool(recent))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        for button in (self.renew_button, self.open_button, self.blank_button, self.example_button):
            layout.addWidget(button)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent, 1)
        if not recent:
            layout.addStretch(1)  # the choices stay together at the top
        layout.addWidget(buttons)
        self.renew_button.setDefault(True)
        self.renew_button.setFocus()
        self.resize(620, 600 if recent else 480)

    def _button(self, text: str, description: str, choice: str) -> QCommandLinkButton:
        button = QCommandLinkButton(text, description, self)
        button.setAccessibleName(text.replace("&", ""))
        button.setAccessibleDescription(description)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: str, path: Path | None = None) -> None:
        self.choice = choice
        self.path = self._example if choice == self.EXAMPLE else path
        self.accept()

    def _on_recent(self, item: QListWidgetItem) -> None:
        self._choose(self.RECENT, Path(item.data(Qt.ItemDataRole.UserRole)))
