"""No one-line field cuts what it holds: QLineEdit keeps only 32,767 characters unless told otherwise."""

from __future__ import annotations

from plan_helpers import controller, show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tcdesk.ui.cover_editor import CoverEditor
from tcdesk.ui.new_plan_editor import NewPlanEditor
from tcdesk.ui.plan_delegates import DueEditor
from tcdesk.ui.plan_models import NewPlanModel
from tcdesk.ui.plan_table import PlanTable
from tcdesk.ui.signoff_editor import SignoffEditor

LONG = "word " * 8000 + "end"  # 40,003 characters, past QLineEdit's default limit of 32,767


def _type_at_end(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, text)


def test_typing_at_the_end_of_a_long_cover_field_keeps_all_of_it(qtbot, make_submission):
    doc = controller(make_submission, organisation=LONG, webpage_url=LONG,
                     leads=[{"name": LONG, "role": "", "email": ""}])
    cover = CoverEditor(doc)
    qtbot.addWidget(cover)
    cover.show()
    for field, read in ((cover.organisation, lambda s: s.organisation), (cover.webpage, lambda s: s.webpage_url),
                        (cover.lead_rows[0][0], lambda s: s.leads[0].name)):
        assert field.text() == LONG
        _type_at_end(qtbot, field, "!")
        assert read(doc.submission()) == LONG + "!"


def test_typing_in_a_long_signoff_name_keeps_all_of_it(qtbot, make_submission):
    doc = controller(make_submission, signoff={"lead": {"name": "", "role": LONG, "date": None},
                                                "leader": {"name": "", "role": "", "date": None}})
    editor = SignoffEditor(doc)
    qtbot.addWidget(editor)
    editor.show()
    _type_at_end(qtbot, editor.fields["lead.role"], "!")
    assert doc.submission().signoff.lead.role == LONG + "!"


def test_typing_in_a_long_plan_period_keeps_all_of_it(qtbot, make_submission):
    doc = controller(make_submission)
    doc.submission().new_plan.period = LONG
    editor = NewPlanEditor(doc)
    qtbot.addWidget(editor)
    editor.show()
    _type_at_end(qtbot, editor.period, "!")
    assert doc.submission().new_plan.period == LONG + "!"


def test_typing_in_a_long_ref_cell_keeps_all_of_it(qtbot, make_submission):
    doc = controller(make_submission, new=[dict(ref=LONG, pillar="visibility", carried_from=LONG)])
    table = show_active(qtbot, PlanTable(NewPlanModel(doc)), 1300, 400)
    for field in ("ref", "carried_from"):
        assert table.focus_cell(0, field)
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit) and editor.text() == LONG
        editor.end(False)
        qtbot.keyClicks(editor, "!")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda e=editor: table.active_editor() is not e, timeout=1000)
    action = doc.submission().new_plan.actions[0]
    # A typed ref is trimmed at its ends, and nothing else changes.
    assert (action.ref, action.carried_from) == (LONG + "!", LONG + "!")


def test_every_one_line_field_of_the_window_holds_any_length(qtbot, open_window, tmp_path, make_submission):
    window = open_window(tmp_path / "p.tcdesk", make_submission(new=[dict(ref="V01", pillar="visibility")]))
    fields = window.findChildren(QLineEdit)
    assert fields
    assert [f.accessibleName() for f in fields if f.maxLength() < 2**31 - 1 and not f.isReadOnly()
            and f.parent() is not None and not f.objectName().startswith("qt_")] == []
    assert DueEditor().maxLength() == 2**31 - 1


def test_a_field_starting_with_a_byte_order_mark_keeps_it(qtbot, make_submission):
    doc = controller(make_submission, organisation="\ufeffNorthmoor", webpage_url="\ufffeab")
    cover = CoverEditor(doc)
    qtbot.addWidget(cover)
    cover.show()
    assert (cover.organisation.text(), cover.webpage.text()) == ("\ufeffNorthmoor", "\ufffeab")
    _type_at_end(qtbot, cover.organisation, "!")
    _type_at_end(qtbot, cover.webpage, "!")
    assert (doc.submission().organisation, doc.submission().webpage_url) == ("\ufeffNorthmoor!", "\ufffeab!")


def test_a_long_pasted_link_address_is_kept_whole(qtbot, make_submission):
    from PySide6.QtCore import QTimer

    from tcdesk.ui.answer_editor import AnswerEditor
    from tcdesk.ui.format_actions import FormatActions

    address = "https://example.org/?q=" + "x" * 40_000
    doc = controller(make_submission)
    editor = AnswerEditor(doc, "3")
    qtbot.addWidget(editor)
    actions = FormatActions(editor)
    editor.show()
    editor.editor.setFocus()
    qtbot.waitUntil(lambda: FormatActions.current is editor.editor, timeout=1000)

    def paste_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        field = dialog.findChild(QLineEdit)
        field.setText(address)  # as a paste would put it there
        dialog.accept()

    QTimer.singleShot(0, paste_and_accept)
    actions.link.trigger()
    qtbot.waitUntil(lambda: address in doc.submission().answers["3"], timeout=3000)
