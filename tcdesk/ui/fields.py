"""Small inputs bound to one value of the submission through the document controller."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QToolButton, QVBoxLayout, QWidget

from tcdesk.ui.document import DocumentController

__all__ = ["FieldLineEdit", "FormPage", "OptionalDateEdit"]


class FormPage(QScrollArea):
    """A scrolling page of form fields under a heading; subclasses add to ``self.column``."""

    def __init__(self, controller: DocumentController, heading_html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.setWidgetResizable(True)
        self.body = QWidget(self)
        self.column = QVBoxLayout(self.body)
        heading = QLabel(heading_html, self.body)
        heading.setWordWrap(True)
        self.column.addWidget(heading)
        self.setWidget(self.body)


class FieldLineEdit(QLineEdit):
    """A one-line text bound to ``path``; typing is one undo step per run of keystrokes."""

    def __init__(self, controller: DocumentController, path: tuple, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.path = path
        self.setAccessibleName(label)
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(controller.break_merge)
        self.refresh()

    def refresh(self) -> None:
        value = self._controller.value(self.path) or ""
        if value != self.text():
            self.setText(value)

    def _on_text_edited(self, text: str) -> None:
        self._controller.set_value(self.path, text, typing=True, description=f"Edit {self.accessibleName().lower()}")


class OptionalDateEdit(QWidget):
    """A date with a calendar pop-up that may also be left empty (shown as "Not dated")."""

    #: Stands for "no date": the earliest day a QDateEdit can hold, so that every real date from
    #: year 100 on is shown as itself (at 1900-01-01, a stored 1 January 1900 read "Not dated").
    EMPTY = QDate(100, 1, 1)
    date_changed = Signal(object)  # datetime.date or None

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMMM yyyy")
        self.edit.setMinimumDate(self.EMPTY)
        self.edit.setSpecialValueText("Not dated")
        self.edit.setAccessibleName(label)
        self.edit.calendarWidget().setAccessibleName(f"{label} calendar")
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setAccessibleName(f"Clear {label.lower()}")
        self.clear_button.setToolTip("Remove the date")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self._setting = False
        self.edit.dateChanged.connect(self._on_date_changed)
        self.clear_button.clicked.connect(lambda: self.set_date(None, notify=True))
        # Opening the calendar on an empty value should start at today, not in 1900.
        self.edit.calendarWidget().setSelectedDate(QDate.currentDate())

    def value(self) -> date | None:
        qd = self.edit.date()
        return None if qd == self.EMPTY else date(qd.year(), qd.month(), qd.day())

    def set_date(self, value: date | None, notify: bool = False) -> None:
        self._setting = not notify
        try:
            self.edit.setDate(self.EMPTY if value is None else QDate(value.year, value.month, value.day))
        finally:
            self._setting = False
        self.clear_button.setEnabled(value is not None)

    def _on_date_changed(self, _qd: QDate) -> None:
        self.clear_button.setEnabled(self.value() is not None)
        if not self._setting:
            self.date_changed.emit(self.value())
