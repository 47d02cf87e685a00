"""The sign-off: names, roles and dates that may stay empty."""

from __future__ import annotations

from datetime import date

import pytest

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
