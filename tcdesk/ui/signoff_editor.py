"""The sign-off: the nominated institutional lead and the leader of the institution, with dates."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QWidget

from tcdesk.rules.finding import Location
from tcdesk.template import load_template
from tcdesk.ui.document import DocumentController
from tcdesk.ui.fields import FieldLineEdit, FormPage, OptionalDateEdit

__all__ = ["SignoffEditor"]


class SignoffEditor(FormPage):
    """Names, roles and dates of the two signatories; a date may stay empty until signed."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(
            controller,
            "<h2>Sign-off</h2><p>The finalised plan is signed at institutional leadership level "
            "(Vice-Chancellor, President or Director). Leave a date empty until the form is signed.</p>",
            parent,
        )
        body, layout = self.body, self.column
        template = load_template()
        self.fields: dict[str, FieldLineEdit] = {}
        self.dates: dict[str, OptionalDateEdit] = {}
        for who, line in (("lead", template.signoff_lead), ("leader", template.signoff_leader)):
            box = QGroupBox(line.label, body)
            form = QFormLayout(box)
            for attr, label in (("name", "Name"), ("role", "Role")):
                field = FieldLineEdit(controller, ("signoff", who, attr), f"{line.label} {label.lower()}", box)
                form.addRow(f"{label}:", field)
                self.fields[f"{who}.{attr}"] = field
            when = OptionalDateEdit(f"{line.label} date", box)
            when.date_changed.connect(lambda value, typed, who=who: self._on_date_changed(who, value, typed))
            when.editing_finished.connect(controller.break_merge)
            form.addRow(line.date, when)
            self.dates[who] = when
            layout.addWidget(box)
        layout.addStretch(1)
        controller.changed.connect(self._on_changed)
        controller.reset.connect(self._reload)
        self._reload()

    def _on_date_changed(self, who: str, value: object, typed: bool) -> None:
        self._controller.set_value(("signoff", who, "date"), value, typing=typed, description="Change sign-off date")

    def _reload(self) -> None:
        for field in self.fields.values():
            field.refresh()
        signoff = self._controller.submission().signoff
        for who, edit in self.dates.items():
            value = getattr(signoff, who).date
            if edit.value() != value:
                edit.set_date(value)

    def _on_changed(self, prefix: tuple) -> None:
        if prefix[:1] in ((), ("signoff",)):
            self._reload()

    def focus_location(self, location: Location) -> bool:
        key = location.field or "lead.name"
        who, _, attr = key.partition(".")
        who = who if who in self.dates else "lead"
        target = self.dates[who] if attr == "date" else self.fields.get(f"{who}.{attr or 'name'}", self.fields["lead.name"])
        self.ensureWidgetVisible(target)
        target.setFocus()
        return True
