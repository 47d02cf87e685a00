"""What the previous-plan and new-plan editors share: the period field, the command bar, the table."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolBar, QToolButton, QVBoxLayout, QWidget

from tcdesk import planning
from tcdesk.model import Pillar
from tcdesk.rules.finding import Finding, Location, Section
from tcdesk.ui.document import DocumentController
from tcdesk.ui.fields import FieldLineEdit
from tcdesk.ui.plan_models import PlanModel
from tcdesk.ui.plan_table import PlanTable

__all__ = ["PlanEditor"]


class PlanEditor(QWidget):
    """A plan period field above a command bar and the plan's :class:`PlanTable`.

    Subclasses set ``model_class``, ``section`` and ``period_label``; they may add widgets below the
    table through :meth:`body`.
    """

    model_class: type[PlanModel] = PlanModel
    section: Section = Section.PREVIOUS_PLAN
    period_label = "Plan period"

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = self.model_class(controller, self)
        self.table = PlanTable(self.model, self)
        self._period_path = (planning.PLAN_KEYS[self.model.plan], "period")

        self.period = FieldLineEdit(controller, self._period_path, self.period_label, self)
        self.period.setPlaceholderText("e.g. 2024–2027")
        self.period.setMaximumWidth(220)
        label = QLabel(f"{self.period_label}:", self)
        label.setBuddy(self.period)
        period_row = QHBoxLayout()
        period_row.addWidget(label)
        period_row.addWidget(self.period)
        period_row.addStretch(1)

        self.toolbar = QToolBar(self)
        self.toolbar.setAccessibleName("Plan commands")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        add_button = QToolButton(self)
        add_button.setDefaultAction(self.table.add)
        add_button.setAccessibleName(self.table.add.text().replace("&", ""))
        add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        add_menu = QMenu(add_button)
        add_menu.addActions(list(self.table.add_in.values()))
        add_button.setMenu(add_menu)
        self.toolbar.addWidget(add_button)
        self.toolbar.addAction(self.table.delete)
        self.toolbar.addAction(self.table.move_up)
        self.toolbar.addAction(self.table.move_down)
        move_button = QToolButton(self)
        move_button.setText("Move to pillar")
        move_button.setAccessibleName("Move to pillar")
        move_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        move_menu = QMenu(move_button)
        move_menu.addActions(list(self.table.move_to.values()))
        move_button.setMenu(move_menu)
        self.toolbar.addWidget(move_button)
        self.toolbar.addAction(self.table.renumber)

        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.layout_.addLayout(period_row)
        self.layout_.addWidget(self.toolbar)
        self.layout_.addWidget(self.body(), 1)

        controller.changed.connect(self._on_changed)
        controller.reset.connect(self.period.refresh)

    def body(self) -> QWidget:
        """The main area under the command bar: the table by default."""
        return self.table

    # --- the interface the window uses ---------------------------------------------------------

    def focus_location(self, location: Location) -> bool:
        """Select the action at ``location.index`` and open the editor of ``location.field``.

        :returns: False when the location is not in this plan or names no existing action.
        """
        if location.section is not self.section:
            return False
        if location.index is None:
            if location.field == "period":
                self.period.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return self.table.focus_cell(location.index, location.field)

    def show_required(self, findings: Iterable[Finding]) -> None:
        """Mark the cells the findings say are required (a red action's explanation)."""
        self.model.show_required(findings)

    def add_action(self, pillar: Pillar | None) -> int:
        """Add an empty action at the end of ``pillar``; returns its index in the plan."""
        return self.table.add_action(pillar)

    # --- slots ---------------------------------------------------------------------------------

    def _on_changed(self, prefix: tuple) -> None:
        if not prefix or (prefix == self._period_path[: len(prefix)] and len(prefix) <= 2):
            self.period.refresh()
