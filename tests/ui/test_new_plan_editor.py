"""The new-plan editor: carrying unfinished actions over, focusing findings, due dates."""

from __future__ import annotations

from plan_helpers import controller, show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from tcdesk.model import Pillar
from tcdesk.rules.finding import Location, Section
from tcdesk.ui.document import DocumentController
from tcdesk.ui.new_plan_editor import NewPlanEditor
from tcdesk.ui.plan_delegates import DueEditor

PREV = [
    dict(ref="V01", pillar="visibility", rag="green", action="Done"),
    dict(ref="V02", pillar="visibility", rag="amber", action="Newsletter", talent=["R11"], success_measures="Four issues"),
    dict(ref="C01", pillar="career-development", rag="red", action="Pathways", collaborators="HR"),
    dict(ref="", pillar="sustainability", rag="red", action="Unreferenced"),
]


def _editor(qtbot, make_submission, **kw) -> tuple[DocumentController, NewPlanEditor]:
    doc = controller(make_submission, **kw)
    return doc, show_active(qtbot, NewPlanEditor(doc), 1400, 700)


def _carry_button(editor: NewPlanEditor) -> QToolButton:
    return next(b for b in editor.toolbar.findChildren(QToolButton) if b.defaultAction() is editor.carry_over)


def test_carry_over_button_copies_amber_and_red_actions_as_one_undo_step(qtbot, make_submission):
    doc, editor = _editor(qtbot, make_submission, prev=PREV, new=[dict(ref="V01", pillar="visibility", action="New")])
    qtbot.mouseClick(_carry_button(editor), Qt.MouseButton.LeftButton)
    actions = doc.submission().new_plan.actions
    assert [(a.ref, a.carried_from, a.action) for a in actions] == [
        ("V01", "", "New"), ("V02", "V02", "Newsletter"), ("C01", "C01", "Pathways"),
    ]
    assert (actions[1].talent, actions[1].success_measures, actions[2].collaborators) == (["R11"], "Four issues", "HR")
    assert editor.status.text().startswith("Carried over 2 unfinished actions.")
    assert "1 amber or red action has no ref" in editor.status.text()
    model = editor.table.model()
    assert model.index(model.row_of(1), model.column_of("carried_from")).data() == "V02"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert [a.ref for a in doc.submission().new_plan.actions] == ["V01"]
    doc.undo_stack.redo()
    assert len(doc.submission().new_plan.actions) == 3


def test_carry_over_twice_skips_what_is_already_carried(qtbot, make_submission):
    doc, editor = _editor(qtbot, make_submission, prev=PREV)
    assert editor.carry_over_unfinished() == 2
    assert editor.carry_over_unfinished() == 0
    assert editor.status.text().startswith("Every amber and red action is already carried over.")
    assert len(doc.submission().new_plan.actions) == 2 and doc.undo_stack.count() == 1


def test_carry_over_shortcut(qtbot, make_submission):
    doc, editor = _editor(qtbot, make_submission, prev=PREV)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(doc.submission().new_plan.actions) == 2


def test_focus_location_opens_the_due_date_editor(qtbot, make_submission):
    _, editor = _editor(qtbot, make_submission, new=[dict(ref="V01", pillar="visibility"), dict(ref="R01", pillar="recognition")])
    assert editor.focus_location(Location(Section.NEW_PLAN, ref="R01", index=1, field="due"))
    focused = QApplication.focusWidget()
    assert isinstance(focused, DueEditor) and focused.accessibleName() == "Due of R01"
    assert not editor.focus_location(Location(Section.PREVIOUS_PLAN, index=0, field="rag"))


def test_focus_location_without_an_action_focuses_the_period_or_table(qtbot, make_submission):
    _, editor = _editor(qtbot, make_submission, new=[dict(ref="V01", pillar="visibility")])
    assert editor.focus_location(Location(Section.NEW_PLAN, field="period"))
    assert QApplication.focusWidget() is editor.period
    assert editor.focus_location(Location(Section.NEW_PLAN))
    assert QApplication.focusWidget() is editor.table


def test_add_action_in_each_pillar_proposes_its_ref(qtbot, make_submission):
    doc, editor = _editor(qtbot, make_submission, new=[dict(ref="R04", pillar="recognition")])
    for pillar in Pillar:
        editor.add_action(pillar)
    assert [a.ref for a in doc.submission().new_plan.actions] == ["V01", "R04", "R05", "C01", "S01"]
