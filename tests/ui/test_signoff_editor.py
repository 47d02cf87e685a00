"""The sign-off: names, roles and dates that may stay empty."""

from __future__ import annotations

from datetime import date

from tcdesk.session import Session
from tcdesk.ui.document import DocumentController
from tcdesk.ui.signoff_editor import SignoffEditor


def _signoff(qtbot, make_submission, **kw) -> SignoffEditor:
    editor = SignoffEditor(DocumentController(Session(make_submission(**kw))))
    qtbot.addWidget(editor)
    editor.show()
    return editor


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


def test_names_are_edited_and_loaded(qtbot, make_submission):
    editor = _signoff(qtbot, make_submission, signoff={"lead": {"name": "Ada", "role": "Lead", "date": "2026-01-10"}, "leader": {"name": "", "role": "", "date": None}})
    assert editor.fields["lead.name"].text() == "Ada"
    assert editor.dates["lead"].value() == date(2026, 1, 10)
    qtbot.keyClicks(editor.fields["leader.name"], "Prof. Vice")
    assert editor._controller.submission().signoff.leader.name == "Prof. Vice"
