"""Question 3: the previous plan's actions rated Red/Amber/Green, with a live summary."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter, QWidget

from tcdesk.model import Rag
from tcdesk.rules.finding import Section
from tcdesk.ui.document import DocumentController
from tcdesk.ui.plan_editor import PlanEditor
from tcdesk.ui.plan_models import PreviousPlanModel
from tcdesk.ui.rag_summary import RagSummary

__all__ = ["PreviousPlanEditor"]


class PreviousPlanEditor(PlanEditor):
    """The RAG analysis of the previous plan: the actions by pillar above counts and a bar chart."""

    model_class = PreviousPlanModel
    section = Section.PREVIOUS_PLAN
    period_label = "Period of the previous plan"

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        self.summary: RagSummary | None = None
        super().__init__(controller, parent)
        self.setAccessibleName("Previous plan (RAG analysis)")

    def body(self) -> QWidget:
        self.summary = RagSummary(self.controller, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("previousPlanSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.summary)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, True)
        # The counts and chart fold away (button or Ctrl+Alt+R) to give the table the height.
        self.show_summary = QAction("RAG &summary and chart", self)
        self.show_summary.setCheckable(True)
        self.show_summary.setChecked(True)
        self.show_summary.setShortcut(QKeySequence("Ctrl+Alt+R"))
        self.show_summary.setToolTip("Show or hide the RAG counts and chart (Ctrl+Alt+R)")
        self.show_summary.toggled.connect(self.summary.setVisible)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.show_summary)
        self.splitter = splitter
        return splitter

    def set_rag(self, index: int, rag: Rag | None) -> None:
        """Rate the action at plan position ``index`` (``None`` clears the rating), as one undo step."""
        self.controller.set_value(self.model.path(index, "rag"), rag, description="Edit RAG")
