"""The cover of the form: organisation, institutional leads and their e-mails, webpage, plan periods."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QWidget,
)

from tcdesk.model import Lead
from tcdesk.rules.finding import Location
from tcdesk.template import load_template
from tcdesk.ui.document import DocumentController
from tcdesk.ui.fields import FieldLineEdit, FormPage

__all__ = ["CoverEditor"]

_LEAD_FIELDS = (("name", "Name"), ("role", "Role"), ("email", "E-mail"))


class CoverEditor(FormPage):
    """Header fields of the submission; leads can be added and removed."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        template = load_template()
        super().__init__(controller, f"<h2>{template.title}</h2><p>{template.subtitle}</p>", parent)
        body = self.body
        self.organisation = FieldLineEdit(controller, ("organisation",), "Organisation", body)
        self.organisation.setPlaceholderText("e.g. University of Northmoor")
        self.webpage = FieldLineEdit(controller, ("webpage_url",), "Technician Commitment webpage address", body)
        self.webpage.setPlaceholderText("https://…")
        self.previous_period = FieldLineEdit(controller, ("previous_plan", "period"), "Previous plan period", body)
        self.previous_period.setPlaceholderText("e.g. 2022-2025")
        self.new_period = FieldLineEdit(controller, ("new_plan", "period"), "New plan period", body)
        self.new_period.setPlaceholderText("e.g. 2025-2028")
        form = QFormLayout()
        form.addRow(template.header_labels.get("organisation", "Organisation:"), self.organisation)
        form.addRow("Webpage address (question 8):", self.webpage)
        form.addRow("Previous plan period:", self.previous_period)
        form.addRow("New plan period:", self.new_period)

        self.leads_box = QGroupBox("Institutional leads", body)
        self._grid = QGridLayout(self.leads_box)
        self.add_lead_button = QPushButton("&Add lead", self.leads_box)
        self.add_lead_button.setAccessibleName("Add an institutional lead")
        self.add_lead_button.clicked.connect(self.add_lead)
        self.lead_rows: list[list[FieldLineEdit]] = []
        self._remove_buttons: list[QPushButton] = []

        self.column.addLayout(form)
        self.column.addWidget(self.leads_box)
        self.column.addStretch(1)
        controller.changed.connect(self._on_changed)
        controller.reset.connect(self._reload)
        self._reload()

    # --- leads -----------------------------------------------------------------------------------

    def add_lead(self) -> None:
        leads = self._controller.submission().leads
        self._controller.set_value(("leads",), [*copy.deepcopy(leads), Lead()], description="Add lead")
        self.lead_rows[-1][0].setFocus()

    def remove_lead(self, index: int) -> None:
        leads = copy.deepcopy(self._controller.submission().leads)
        del leads[index]
        self._controller.set_value(("leads",), leads, description="Remove lead")

    def _build_leads(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            # The Add button lives across rebuilds; everything else is rebuilt from the model.
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.add_lead_button:
                widget.hide()  # deleteLater waits for the event loop; hide now so rows never overlap
                widget.deleteLater()
        self.lead_rows, self._remove_buttons = [], []
        for col, (_, label) in enumerate(_LEAD_FIELDS):
            self._grid.addWidget(QLabel(f"<b>{label}</b>", self.leads_box), 0, col)
        leads = self._controller.submission().leads
        for i in range(len(leads)):
            row = []
            for col, (attr, label) in enumerate(_LEAD_FIELDS):
                field = FieldLineEdit(self._controller, ("leads", i, attr), f"Lead {i + 1} {label.lower()}", self.leads_box)
                self._grid.addWidget(field, i + 1, col)
                row.append(field)
            remove = QPushButton("Remove", self.leads_box)
            remove.setAccessibleName(f"Remove lead {i + 1}")
            remove.clicked.connect(lambda _=False, i=i: self.remove_lead(i))
            self._grid.addWidget(remove, i + 1, len(_LEAD_FIELDS))
            self.lead_rows.append(row)
            self._remove_buttons.append(remove)
        if not leads:
            self._grid.addWidget(QLabel("No lead yet: add the nominated institutional lead.", self.leads_box), 1, 0, 1, 3)
        self._grid.addWidget(self.add_lead_button, len(leads) + 2, 0)
        self._grid.setColumnStretch(0, 2)
        self._grid.setColumnStretch(1, 2)
        self._grid.setColumnStretch(2, 3)
        # Reading order: each lead's fields left to right, then the Add button.
        chain = [w for row, rm in zip(self.lead_rows, self._remove_buttons) for w in (*row, rm)]
        for a, b in zip([self.new_period, *chain], [*chain, self.add_lead_button]):
            QWidget.setTabOrder(a, b)

    def _fields(self) -> list[FieldLineEdit]:
        return [self.organisation, self.webpage, self.previous_period, self.new_period, *(f for r in self.lead_rows for f in r)]

    # --- model → widgets ---------------------------------------------------------------------------

    def _reload(self) -> None:
        self._build_leads()
        for f in self._fields():
            f.refresh()

    def _on_changed(self, prefix: tuple) -> None:
        if prefix in ((), ("leads",)) or len(self._controller.submission().leads) != len(self.lead_rows):
            self._reload()
            return
        for f in self._fields():
            n = min(len(prefix), len(f.path))
            if prefix[:n] == f.path[:n]:
                f.refresh()

    # --- findings --------------------------------------------------------------------------------

    def focus_location(self, location: Location) -> bool:
        field = location.field or "organisation"
        target: QWidget | None = {"organisation": self.organisation, "webpage_url": self.webpage}.get(field)
        if target is None and field.startswith("leads"):
            # "leads[1].email", or "leads" alone when there is none yet
            try:
                index = int(field.split("[", 1)[1].split("]", 1)[0])
                attr = field.rsplit(".", 1)[1] if "." in field else "name"
                target = self.lead_rows[index][[a for a, _ in _LEAD_FIELDS].index(attr)]
            except (IndexError, ValueError):
                target = self.lead_rows[0][0] if self.lead_rows else self.add_lead_button
        if target is None:
            target = self.organisation
        self.ensureWidgetVisible(target)
        target.setFocus()
        if hasattr(target, "selectAll"):
            target.selectAll()
        return True
