"""The official wording of a question and its guidance, shown above the editor and collapsible."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from tcdesk.template import Question

__all__ = ["QuestionHeader"]


class QuestionHeader(QFrame):
    """Question number and short title, with the form's text and the guidance under a disclosure arrow."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.toggle = QToolButton(self)
        self.toggle.setText(f"Question {question.number}: {question.short}")
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        font = self.toggle.font()
        font.setBold(True)
        self.toggle.setFont(font)
        self.toggle.setAccessibleName(f"Show or hide the wording of question {question.number}")
        self.official = QLabel(question.text, self)
        self.official.setTextFormat(Qt.TextFormat.MarkdownText)
        self.official.setWordWrap(True)
        self.official.setOpenExternalLinks(True)
        self.official.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.official.setAccessibleName(f"Official text of question {question.number}")
        self.guidance = QLabel(f"<i>Guidance:</i> {question.help}" if question.help else "", self)
        self.guidance.setWordWrap(True)
        self.guidance.setAccessibleName(f"Guidance for question {question.number}")
        self.guidance.setVisible(bool(question.help))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.toggle)
        layout.addWidget(self.official)
        layout.addWidget(self.guidance)
        self.toggle.toggled.connect(self._on_toggled)

    def set_expanded(self, expanded: bool) -> None:
        self.toggle.setChecked(expanded)

    def is_expanded(self) -> bool:
        return self.toggle.isChecked()

    def _on_toggled(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.official.setVisible(expanded)
        self.guidance.setVisible(expanded and bool(self.guidance.text()))
