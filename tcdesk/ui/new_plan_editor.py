"""Question 6: the new 36-month plan, with carrying over of the previous plan's unfinished actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QWidget

from tcdesk import planning
from tcdesk.editing import InsertAction
from tcdesk.rules.finding import Section
from tcdesk.ui.document import DocumentController
from tcdesk.ui.plan_editor import PlanEditor
from tcdesk.ui.plan_models import NewPlanModel

__all__ = ["NewPlanEditor"]


class NewPlanEditor(PlanEditor):
    """The new plan's actions by pillar, with owner, due date, resourcing and carried-from."""

    model_class = NewPlanModel
    section = Section.NEW_PLAN
    period_label = "Period of the new 36-month plan"

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setAccessibleName("New 36-month plan")
        self.carry_over = QAction("Carry over unfinished actions", self)
        self.carry_over.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.carry_over.setToolTip(
            "Copy every amber and red action of the previous plan into this plan, linked by "
            "“Carried from”; actions already carried are skipped (Ctrl+Shift+K)"
        )
        self.carry_over.triggered.connect(self.carry_over_unfinished)
        self.addAction(self.carry_over)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.carry_over)
        self.status = QLabel(self)
        self.status.setAccessibleName("Carry-over result")
        self.status.setWordWrap(True)
        self.layout_.addWidget(self.status)
        self.status.hide()

    def carry_over_unfinished(self) -> int:
        """Carry every not-yet-carried amber and red previous action over, as one undo step.

        :returns: how many actions were carried.
        """
        sub = self.controller.submission()
        change = planning.carry_over_unfinished(sub)
        n = len(change.edits)
        if n:
            self.controller.push(change)
            first = change.edits[0]
            if isinstance(first, InsertAction):
                self.table.focus_cell(first.index, None)
        message = f"Carried over {n} unfinished action{'s' if n != 1 else ''}." if n else "Every amber and red action is already carried over."
        missing = planning.unfinished_without_ref(sub)
        if missing:
            message += f" {missing} amber or red action{'s have' if missing != 1 else ' has'} no ref and cannot be linked: give {'them refs' if missing != 1 else 'it a ref'} in the previous plan first."
        self.status.setText(message)
        self.status.show()
        return n
