"""The sign-off: names, roles and dates that may stay empty."""

from __future__ import annotations

from datetime import date

import pytest
from plan_helpers import show_active
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit

from tcdesk.session import Session
from tcdesk.ui.document import DocumentController
from tcdesk.ui.signoff_editor import SignoffEditor


def _signoff(qtbot, make_submission, **kw) -> SignoffEditor:
    return show_active(qtbot, SignoffEditor(DocumentController(Session(make_submission(**kw)))), 700, 500)


def test_empty_date_shows_not_dated_and_a_picked_date_is_stored(qtbot, make_submission):
    editor = _signoff(qtbot, make_submission)
    lead = editor.dates["lead"]
    assert lead.value() is None and lead.edit.text() == "Not dated"
    lead.edit.setDate(lead.edit.date().fromString("2026-01-20", "yyyy-MM-dd"))
    assert editor._controller.submission().signoff.lead.date == date(2026, 1, 20)
    lead.clear_button.click()
    assert editor._controller.submission().signoff.lead.date is None
    editor._controller.undo_stack.undo()
    assert lead.value() == date(2026, 1, 20)


@pytest.mark.parametrize("stored", ["1900-01-01", "1899-12-31", "1752-09-13", "1066-10-14", "0100-01-02"])
def test_an_old_stored_date_is_shown_as_itself_and_viewing_keeps_it(qtbot, make_submission, stored):
    editor = _signoff(qtbot, make_submission, signoff={"lead": {"name": "Ada", "role": "", "date": stored},
                                                       "leader": {"name": "", "role": "", "date": None}})
    lead = editor.dates["lead"]
    when = date.fromisoformat(stored)
    assert lead.value() == when and lead.edit.text() == f"{when.day} {when:%B} {when.year:04d}"
    lead.edit.setFocus()
    qtbot.keyClick(lead.edit, "\t")
    assert editor._controller.submission().signoff.lead.date == when
    assert not editor._controller.undo_stack.canUndo()


def test_names_are_edited_and_loaded(qtbot, make_submission):
    editor = _signoff(qtbot, make_submission, signoff={"lead": {"name": "Ada", "role": "Lead", "date": "2026-01-10"}, "leader": {"name": "", "role": "", "date": None}})
    assert editor.fields["lead.name"].text() == "Ada"
    assert editor.dates["lead"].value() == date(2026, 1, 10)
    qtbot.keyClicks(editor.fields["leader.name"], "Prof. Vice")
    assert editor._controller.submission().signoff.leader.name == "Prof. Vice"


def _type_in_date(qtbot, edit, keys: str) -> None:
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClicks(edit, keys)


def test_typing_a_date_is_one_undo_step(qtbot, make_submission):
    editor = _signoff(qtbot, make_submission, signoff={"lead": {"name": "", "role": "", "date": "2026-01-20"},
                                                       "leader": {"name": "", "role": "", "date": None}})
    doc, lead = editor._controller, editor.dates["lead"]
    _type_in_date(qtbot, lead.edit, "15")
    qtbot.keyClick(lead.edit, Qt.Key.Key_Right)  # on to the month
    qtbot.keyClick(lead.edit, Qt.Key.Key_Up)
    assert doc.submission().signoff.lead.date == date(2026, 2, 15)
    assert doc.undo_stack.count() == 1
    editor.fields["lead.name"].setFocus()  # leaving the box ends the step
    _type_in_date(qtbot, lead.edit, "3")
    assert doc.submission().signoff.lead.date == date(2026, 2, 3)
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert doc.submission().signoff.lead.date == date(2026, 2, 15) and lead.value() == date(2026, 2, 15)
    doc.undo_stack.undo()
    assert doc.submission().signoff.lead.date == date(2026, 1, 20) and lead.value() == date(2026, 1, 20)


def test_picking_from_the_calendar_and_clearing_are_steps_of_their_own(qtbot, make_submission):
    editor = _signoff(qtbot, make_submission, signoff={"lead": {"name": "", "role": "", "date": "2026-01-20"},
                                                       "leader": {"name": "", "role": "", "date": None}})
    doc, lead = editor._controller, editor.dates["lead"]
    _type_in_date(qtbot, lead.edit, "15")
    lead.clear_button.click()
    assert doc.submission().signoff.lead.date is None
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert doc.submission().signoff.lead.date == date(2026, 1, 15)


@pytest.mark.parametrize("stored", ["0100-01-01", "0099-12-31", "0066-10-14", "0001-01-01"])
def test_a_date_before_the_year_100_is_shown_as_itself_and_kept(qtbot, make_submission, stored):
    from tcdesk import interchange

    editor = _signoff(qtbot, make_submission, signoff={"lead": {"name": "Ada", "role": "", "date": stored},
                                                       "leader": {"name": "", "role": "", "date": None}})
    doc, lead = editor._controller, editor.dates["lead"]
    before = interchange.dumps(doc.submission())
    when = date.fromisoformat(stored)
    assert lead.value() == when
    shown = lead.grab()  # what the user sees names the date, not "Not dated"
    assert shown is not None and lead.shown_text() == f"{when.day} {when:%B} {when.year:04d}"
    assert "Not dated" not in lead.shown_text()
    lead.setFocus()
    qtbot.keyClicks(lead.focusProxy(), "12")
    qtbot.keyClick(lead.focusProxy(), Qt.Key.Key_Tab)
    assert interchange.dumps(doc.submission()) == before and not doc.undo_stack.canUndo()
    lead.clear_button.click()
    assert doc.submission().signoff.lead.date is None
    assert lead.shown_text() == "Not dated"
    doc.undo_stack.undo()
    assert doc.submission().signoff.lead.date == when and lead.shown_text().endswith(f"{when.year:04d}")


def test_walking_the_calendar_to_a_day_is_one_undo_step(qtbot, make_submission):
    editor = _signoff(qtbot, make_submission, signoff={"lead": {"name": "", "role": "", "date": "2026-01-20"},
                                                       "leader": {"name": "", "role": "", "date": None}})
    doc, lead = editor._controller, editor.dates["lead"]
    lead.edit.setFocus()
    qtbot.mouseClick(lead.edit, Qt.MouseButton.LeftButton, pos=QPoint(lead.edit.width() - 5, lead.edit.height() // 2))
    calendar = lead.edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible, timeout=1000)
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible(), timeout=1000)
    assert doc.submission().signoff.lead.date == date(2026, 1, 23)
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.submission().signoff.lead.date == date(2026, 1, 20)


def test_scrolling_the_page_over_a_date_box_leaves_the_date(qtbot, make_submission):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    editor = _signoff(qtbot, make_submission, signoff={"lead": {"name": "", "role": "", "date": "2026-01-20"},
                                                       "leader": {"name": "", "role": "", "date": None}})
    editor.fields["lead.name"].setFocus()
    lead = editor.dates["lead"]
    for delta in (120, -120, -120):
        centre = QPointF(lead.edit.rect().center())
        QApplication.sendEvent(lead.edit, QWheelEvent(centre, QPointF(lead.edit.mapToGlobal(centre)), QPoint(0, 0), QPoint(0, delta),
                                                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                                      Qt.ScrollPhase.NoScrollPhase, False))
        assert lead.value() == date(2026, 1, 20)
    assert editor._controller.submission().signoff.lead.date == date(2026, 1, 20)
    assert not editor._controller.undo_stack.canUndo()


def test_an_early_date_stays_unchangeable_after_a_read_only_window_becomes_editable(qtbot, make_submission):
    from tcdesk.ui.collaboration import set_read_only

    editor = _signoff(qtbot, make_submission, signoff={"lead": {"name": "", "role": "", "date": "0066-10-14"},
                                                       "leader": {"name": "", "role": "", "date": None}})
    set_read_only(editor, True)
    set_read_only(editor, False)
    lead = editor.dates["lead"]
    shown = lead.shown_text()
    lead.setFocus()
    qtbot.keyClicks(lead.focusProxy(), "12")
    assert lead.shown_text() == shown == "14 October 0066"
    assert editor._controller.submission().signoff.lead.date == date(66, 10, 14)
