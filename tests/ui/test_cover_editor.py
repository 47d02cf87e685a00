"""The cover: header fields and the list of leads, through undoable edits."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tcdesk.rules.finding import Location, Section
from tcdesk.session import Session
from tcdesk.ui.cover_editor import CoverEditor
from tcdesk.ui.document import DocumentController


def _cover(qtbot, make_submission, **kw) -> CoverEditor:
    controller = DocumentController(Session(make_submission(**kw)))
    cover = CoverEditor(controller)
    qtbot.addWidget(cover)
    cover.show()
    return cover


def test_typing_the_organisation_is_one_undo_step(qtbot, make_submission):
    cover = _cover(qtbot, make_submission)
    qtbot.keyClicks(cover.organisation, "Northmoor")
    doc = cover._controller
    assert doc.submission().organisation == "Northmoor"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert cover.organisation.text() == ""


def test_leads_can_be_added_filled_and_removed(qtbot, make_submission):
    cover = _cover(qtbot, make_submission, leads=[{"name": "Ada Byron", "role": "Lead", "email": "ada@northmoor.ac.uk"}])
    assert [f.text() for f in cover.lead_rows[0]] == ["Ada Byron", "Lead", "ada@northmoor.ac.uk"]
    cover.add_lead()
    assert len(cover.lead_rows) == 2
    qtbot.keyClicks(cover.lead_rows[1][2], "tom@northmoor.ac.uk")
    assert cover._controller.submission().leads[1].email == "tom@northmoor.ac.uk"
    cover.remove_lead(0)
    assert [lead.email for lead in cover._controller.submission().leads] == ["tom@northmoor.ac.uk"]
    assert cover.lead_rows[0][2].text() == "tom@northmoor.ac.uk"
    cover._controller.undo_stack.undo()
    assert len(cover.lead_rows) == 2 and cover.lead_rows[0][0].text() == "Ada Byron"


def test_focus_location_reaches_a_lead_email(qtbot, make_submission):
    cover = _cover(qtbot, make_submission, leads=[{"name": "A", "role": "", "email": ""}, {"name": "B", "role": "", "email": "x"}])
    cover.focus_location(Location(Section.COVER, field="leads[1].email"))
    qtbot.waitUntil(lambda: cover.lead_rows[1][2].hasFocus(), timeout=1000)
    cover.focus_location(Location(Section.COVER, field="webpage_url"))
    qtbot.waitUntil(lambda: cover.webpage.hasFocus(), timeout=1000)


def test_every_input_has_an_accessible_name(qtbot, make_submission):
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    cover = _cover(qtbot, make_submission, leads=[{"name": "A", "role": "", "email": ""}])
    controls = cover.findChildren(QLineEdit) + cover.findChildren(QAbstractButton)
    assert controls and all(w.accessibleName() for w in controls)


def test_add_lead_button_survives_rebuilds_of_the_leads(qtbot, make_submission):
    cover = _cover(qtbot, make_submission, leads=[{"name": "Ada Byron", "role": "", "email": ""}])
    cover.add_lead()
    cover._controller.undo_stack.undo()
    cover._controller.reset.emit()
    qtbot.wait(10)  # let deleteLater run, as the event loop would
    assert cover.add_lead_button.isVisible()
    qtbot.mouseClick(cover.add_lead_button, Qt.MouseButton.LeftButton)
    assert len(cover._controller.submission().leads) == 2


def test_rebuilding_leads_leaves_one_visible_header_per_column(qtbot, make_submission):
    from PySide6.QtWidgets import QApplication, QLabel

    cover = _cover(qtbot, make_submission, leads=[{"name": "Ada Byron", "role": "", "email": ""}])
    cover._controller.reset.emit()
    # processEvents shows the new row but, like a grab() straight after a reload, runs no deferred delete.
    QApplication.processEvents()
    visible = [w.text() for w in cover.leads_box.findChildren(QLabel) if w.isVisible()]
    assert sorted(visible) == sorted(["<b>Name</b>", "<b>Role</b>", "<b>E-mail</b>"])
