"""Last cycle's answer to a question, collapsed under the guidance, with "Copy into my answer".

Shown only in a renewal that kept last cycle's answers (``Submission.last_time``); never exported.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from tcdesk.ui.document import DocumentController
from tcdesk.ui.markdown_document import fill_document
from tcdesk.ui.nested_markers import FoldedBrowser, fold_all

__all__ = ["LastTimePanel", "blank_line_after"]


class LastTimePanel(QFrame):
    """Read-only view of last time's answer to question ``number``."""

    #: Emitted just before copying, so the answer editor can hand over typing not yet in the model.
    about_to_copy = Signal()

    def __init__(self, controller: DocumentController, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.number = number
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.toggle = QToolButton(self)
        self.toggle.setText("Last time")
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setAccessibleName(f"Show or hide last cycle's answer to question {number}")
        self.text = FoldedBrowser(self)
        self.text.setOpenExternalLinks(True)
        self.text.setAccessibleName(f"Last cycle's answer to question {number}")
        self.text.setMaximumHeight(220)
        self.copy_button = QPushButton("Copy into my answer", self)
        self.copy_button.setAccessibleName(f"Copy last cycle's answer into the answer to question {number}")
        self.copy_button.setToolTip("Adds last time's text after your answer; Undo takes it out again")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.addWidget(self.toggle)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.toggle.toggled.connect(self._on_toggled)
        self.copy_button.clicked.connect(self.copy_into_answer)
        controller.reset.connect(self._load)
        self._load()
        self._on_toggled(False)

    def last_time(self) -> str:
        return self._controller.submission().last_time.get(self.number, "")

    def set_expanded(self, expanded: bool) -> None:
        self.toggle.setChecked(expanded)

    def is_expanded(self) -> bool:
        return self.toggle.isChecked()

    def copy_into_answer(self) -> None:
        """Append last time's answer to this one, as one step the user can undo."""
        last = self.last_time()
        if not last.strip():
            return
        self.about_to_copy.emit()
        current = self._controller.submission().answer(self.number)
        text = f"{current}{blank_line_after(current)}{last}" if current.strip() else last
        self._controller.break_merge()  # never folded into the typing before it
        self._controller.set_value(
            ("answers", self.number), text, description=f"Copy last time's answer into question {self.number}"
        )
        self._controller.break_merge()

    def _load(self) -> None:
        last = self.last_time()
        # Figures last time's answer shows travel with the renewal (see tcdesk.renewal); draw them.
        document = self.text.document()
        fill_document(document, last)  # read as the answer editor reads answers
        fold_all(document)
        for a in self._controller.submission().attachments:
            if a.media_type.startswith("image/") and f"attachment:{a.name}" in last:
                document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"attachment:{a.name}"),
                                     QImage.fromData(a.data))
        document.markContentsDirty(0, document.characterCount())
        self.text.moveCursor(QTextCursor.MoveOperation.Start)  # read from the top
        self.setVisible(bool(last.strip()))

    def _on_toggled(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.text.setVisible(expanded)
        self.copy_button.setVisible(expanded)


def blank_line_after(text: str) -> str:
    """The line ends that close ``text`` with a blank line, so what follows starts a paragraph of its
    own; the text's own last characters (a no-break space, a hard break's spaces) are left as they are."""
    ends = len(re.findall(r"\r\n|\r|\n", text[len(text.rstrip("\r\n")):]))
    return "\n" * max(0, 2 - ends)
