"""Small inputs bound to one value of the submission through the document controller."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tcdesk.ui.document import DocumentController
from tcdesk.ui.paste_limit import SizeGuard
from tcdesk.ui.qt_text import to_qt

__all__ = ["FieldLineEdit", "FormPage", "OptionalDateEdit", "SteadyComboBox", "whole_text"]

#: The longest text a QLineEdit can be told to hold; its default, 32,767, cut longer stored text
#: at the first keystroke.
_NO_LIMIT = 2**31 - 1


def whole_text(field: QLineEdit) -> QLineEdit:
    """``field``, made to hold a text of any length (returned, for use in an expression)."""
    field.setMaxLength(_NO_LIMIT)
    return field


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
        whole_text(self)
        self._controller = controller
        self.path = path
        self.setAccessibleName(label)
        self.setValidator(SizeGuard(controller.session, self))  # a paste the project could not save
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(controller.break_merge)
        self.refresh()

    def refresh(self) -> None:
        value = self._controller.value(self.path) or ""
        if value != self.text():
            self.setText(to_qt(value))

    def _on_text_edited(self, text: str) -> None:
        self._controller.set_value(self.path, text, typing=True, description=f"Edit {self.accessibleName().lower()}")


def _wheel_only_when_focused(widget: QWidget, event: QWheelEvent, handle) -> None:
    if widget.hasFocus():
        handle(event)
    else:
        event.ignore()  # on to the page, which scrolls


class _DateBox(QDateEdit):
    """A date box that a wheel turned over it while scrolling the page leaves alone."""

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        _wheel_only_when_focused(self, event, super().wheelEvent)


class SteadyComboBox(QComboBox):
    """A dropdown that a wheel turned over it while scrolling the page leaves alone; it changes only
    when the user is in it (the mouse wheel moves it past choices with nothing shown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not taken by a passing wheel

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        _wheel_only_when_focused(self, event, super().wheelEvent)


class OptionalDateEdit(QWidget):
    """A date with a calendar pop-up that may also be left empty (shown as "Not dated").

    A date before the year 100, which a QDateEdit cannot hold (and 1 January 100, which stands for
    "no date" in it), is shown as itself in a read-only box; Clear removes it, then any date can be picked.
    """

    #: Stands for "no date": the earliest day a QDateEdit can hold, so that every real date from
    #: year 100 on is shown as itself (at 1900-01-01, a stored 1 January 1900 read "Not dated").
    EMPTY = QDate(100, 1, 1)
    #: The new date (``datetime.date`` or None) and whether it was typed: keys in the box or a
    #: visit to the calendar are one undo step each, however many days they pass through; Clear is
    #: a step of its own.
    date_changed = Signal(object, bool)
    #: The box was left or the calendar closed: the next change starts a new undo step.
    editing_finished = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _DateBox(self)
        self.edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not taken by a passing wheel
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(_DATE_FORMAT)
        self.edit.setMinimumDate(self.EMPTY)
        self.edit.setSpecialValueText("Not dated")
        self.edit.setAccessibleName(label)
        self.edit.calendarWidget().setAccessibleName(f"{label} calendar")
        # A label, not a read-only line edit: making a window editable again turns every line edit editable.
        self.far = QLabel(self)
        self.far.setFrameShape(QLabel.Shape.StyledPanel)
        self.far.setTextFormat(Qt.TextFormat.PlainText)
        self.far.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.far.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.far.setAccessibleName(label)
        self.far.setToolTip("A date before the year 100 cannot be picked here; Clear it to choose another date.")
        self.far.hide()
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setAccessibleName(f"Clear {label.lower()}")
        self.clear_button.setToolTip("Remove the date")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.far, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self._value: date | None = None
        self._setting = False
        self.edit.dateChanged.connect(self._on_date_changed)
        self.edit.editingFinished.connect(self.editing_finished)
        self.edit.calendarWidget().window().installEventFilter(self)
        self.clear_button.clicked.connect(lambda: self.set_date(None, notify=True))
        # Opening the calendar on an empty value should start at today, not in 1900.
        self.edit.calendarWidget().setSelectedDate(QDate.currentDate())
        self._show()

    def value(self) -> date | None:
        return self._value

    def shown_text(self) -> str:
        """The date as the user sees it."""
        return self.far.text() if self.far.isVisibleTo(self) else self.edit.text()

    def set_date(self, value: date | None, notify: bool = False) -> None:
        self._value = value
        self._show()
        if notify:
            self.date_changed.emit(value, False)

    def _show(self) -> None:
        value = self._value
        far = value is not None and value <= _EMPTY_DAY
        self._setting = True
        try:
            self.edit.setDate(self.EMPTY if value is None or far else QDate(value.year, value.month, value.day))
        finally:
            self._setting = False
        self.far.setText(QDate(value.year, value.month, value.day).toString(_DATE_FORMAT) if far and value else "")
        had_focus = self.hasFocus()
        self.far.setVisible(far)
        self.edit.setVisible(not far)
        self.setFocusProxy(self.far if far else self.edit)
        if had_focus:
            self.setFocus()
        self.clear_button.setEnabled(value is not None)

    def _on_date_changed(self, qd: QDate) -> None:
        if self._setting:
            return
        self._value = None if qd == self.EMPTY else date(qd.year(), qd.month(), qd.day())
        self.clear_button.setEnabled(self._value is not None)
        self.date_changed.emit(self._value, True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):  # the calendar pop-up opens or closes
            self.editing_finished.emit()
        return False


_DATE_FORMAT = "d MMMM yyyy"
#: The day EMPTY stands for (1 January 100) and the days before it are shown by the read-only box.
_EMPTY_DAY = date(100, 1, 1)
