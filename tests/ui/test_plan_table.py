"""The plan table: adding, deleting, reordering and re-pillaring rows by keyboard and command, with undo."""

from __future__ import annotations

import pytest
from plan_helpers import controller, show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tcdesk.model import Pillar
from tcdesk.ui.document import DocumentController
from tcdesk.ui.plan_delegates import TextCellEditor
from tcdesk.ui.plan_models import NewPlanModel, PreviousPlanModel
from tcdesk.ui.plan_table import PlanTable

PREV = [
    dict(ref="V01", pillar="visibility", action="Profiles"),
    dict(ref="V02", pillar="visibility", action="Newsletter"),
    dict(ref="R01", pillar="recognition", action="Awards"),
]


def _table(qtbot, make_submission, model_class=PreviousPlanModel, **kw) -> tuple[DocumentController, PlanTable]:
    doc = controller(make_submission, **kw)
    return doc, show_active(qtbot, PlanTable(model_class(doc)), 1200, 500)


def _refs(doc, plan="previous_plan") -> list[str]:
    return [a.ref for a in getattr(doc.submission(), plan).actions]


def test_insert_key_adds_an_action_with_the_next_ref_of_the_current_pillar(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=PREV)
    table.focus_cell(0, None)
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert _refs(doc) == ["V01", "V02", "V03", "R01"]
    # The new action's text is being edited straight away.
    assert isinstance(QApplication.focusWidget(), TextCellEditor)
    qtbot.keyClicks(QApplication.focusWidget(), "Open days")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert doc.submission().previous_plan.actions[2].action == "Open days"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert _refs(doc) == ["V01", "V02", "R01"]
    doc.undo_stack.redo()
    assert _refs(doc) == ["V01", "V02", "V03", "R01"]


def test_add_action_in_an_empty_pillar_puts_it_in_the_forms_order(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=PREV)
    index = table.add_action(Pillar.CAREER_DEVELOPMENT)
    assert index == 3 and _refs(doc) == ["V01", "V02", "R01", "C01"]
    assert table.current_plan_index() == 3


def test_delete_key_removes_selected_rows_and_undo_restores_them(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=PREV)
    model = table.model()
    table.focus_cell(0, None)
    table.selectionModel().select(model.index(model.row_of(2), 2), table.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert _refs(doc) == ["V02"]
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert _refs(doc) == ["V01", "V02", "R01"]
    assert [a.action for a in doc.submission().previous_plan.actions] == ["Profiles", "Newsletter", "Awards"]


def test_ctrl_shift_up_and_down_reorder_within_the_pillar(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=PREV)
    table.focus_cell(1, None)
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _refs(doc) == ["V02", "V01", "R01"]
    assert table.current_plan_index() == 0  # the moved action stays selected
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _refs(doc) == ["V02", "V01", "R01"]  # already first of its pillar
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _refs(doc) == ["V01", "V02", "R01"]
    doc.undo_stack.undo()
    assert _refs(doc) == ["V02", "V01", "R01"]


def test_move_to_pillar_command_regroups_the_action_as_one_undo_step(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=PREV)
    table.focus_cell(0, None)
    table.move_to[Pillar.SUSTAINABILITY].trigger()
    assert [(a.ref, a.pillar) for a in doc.submission().previous_plan.actions] == [
        ("V02", Pillar.VISIBILITY), ("R01", Pillar.RECOGNITION), ("S01", Pillar.SUSTAINABILITY),
    ]
    assert table.current_plan_index() == 2
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert _refs(doc) == ["V01", "V02", "R01"]
    doc.undo_stack.redo()
    assert _refs(doc) == ["V02", "R01", "S01"]


def test_context_menu_offers_the_row_commands(qtbot, make_submission):
    _, table = _table(qtbot, make_submission, prev=PREV)
    table.focus_cell(0, None)
    menu = table.context_menu()
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Add action in Visibility", "Add action in"]
    assert {"Delete action", "Move up", "Move down", "Move to pillar", "Renumber refs"} <= set(texts)


def test_renumber_command_renumbers_refs_per_pillar(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=[
        dict(ref="V07", pillar="visibility"), dict(ref="V03", pillar="visibility"), dict(ref="R9", pillar="recognition"),
    ])
    table.renumber.trigger()
    assert _refs(doc) == ["V01", "V02", "R01"]
    assert table.model().index(table.model().row_of(0), 0).data() == "V01"
    doc.undo_stack.undo()
    assert _refs(doc) == ["V07", "V03", "R9"]


def test_enter_edits_and_tab_moves_to_the_next_cell(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, NewPlanModel, new=[dict(ref="V01", pillar="visibility")])
    table.focus_cell(0, "owner", edit=False)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, TextCellEditor) and editor.accessibleName() == "Owner of V01"
    qtbot.keyClicks(editor, "Head of Technical Services")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert doc.submission().new_plan.actions[0].owner == "Head of Technical Services"
    assert table.currentIndex().column() == table.model().column_of("collaborators")
    assert QApplication.focusWidget().accessibleName() == "Collaborators of V01"


def test_typing_reaches_the_model_at_once_as_one_undo_step(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=PREV)
    table.focus_cell(0, "progress")
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Two issues")
    # Nothing waits for the editor to close, so an autosave already has the text.
    assert doc.submission().previous_plan.actions[0].progress == "Two issues"
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "so far")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert doc.submission().previous_plan.actions[0].progress == "Two issues\nso far"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.submission().previous_plan.actions[0].progress == ""


def test_escape_cancels_a_cell_edit(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=PREV)
    table.focus_cell(0, "action")
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, " and more")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert doc.submission().previous_plan.actions[0].action == "Profiles"
    assert table.active_editor() is None


def test_section_rows_are_skipped_by_the_arrow_keys(qtbot, make_submission):
    _, table = _table(qtbot, make_submission, prev=PREV)
    table.focus_cell(1, None)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.current_plan_index() == 2


def test_tab_from_the_last_cell_of_a_pillar_continues_in_the_next_pillar(qtbot, make_submission):
    _, table = _table(qtbot, make_submission, prev=PREV)
    table.focus_cell(1, "rag")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert table.current_plan_index() == 2
    assert table.currentIndex().column() == 0
    assert QApplication.focusWidget().accessibleName() == "Ref of R01"


def _long_plan(n: int) -> list[dict]:
    text = "Technicians across every faculty were supported to gain professional registration. "
    return [dict(ref=f"V{i + 1:02d}", pillar="visibility", action=text * (1 + i % 4), rag="green") for i in range(n)]


def test_a_long_plan_fits_the_rows_in_view_at_once_and_the_rest_soon_after(qtbot, make_submission):
    _, table = _table(qtbot, make_submission, prev=_long_plan(300))
    default = table.verticalHeader().defaultSectionSize()
    bottom = table.rowAt(table.viewport().height() - 1)
    tall = table.model().row_of(3)  # four sentences: several lines in the action column
    assert bottom > tall and table.rowHeight(tall) > default  # rows in view have their wrapped heights before painting
    fitted = {row: table.rowHeight(row) for row in range(table.model().rowCount())}
    qtbot.waitUntil(lambda: not table._unfitted, timeout=10_000)
    after = [table.rowHeight(row) for row in range(table.model().rowCount())]
    # Now every row is as tall as a synchronous fit makes it.
    table.fit_rows(range(table.model().rowCount()))
    assert after == [table.rowHeight(row) for row in range(table.model().rowCount())]
    assert after[:bottom] == [fitted[r] for r in range(bottom)]
    assert after[table.model().row_of(299)] > default


def test_scrolling_ahead_of_the_fitting_fits_the_rows_coming_into_view(qtbot, make_submission):
    _, table = _table(qtbot, make_submission, prev=_long_plan(300))
    qtbot.wait(50)  # let showing and column fitting settle, then start the row fitting afresh
    table.fit_rows()
    table._fit_more.stop()  # as if the fitting had not come round to the last rows yet
    assert table._unfitted
    table.scrollToBottom()
    qtbot.wait(50)
    assert table.verticalScrollBar().value() == table.verticalScrollBar().maximum()
    assert table.rowAt(table.viewport().height() - 1) == table.model().rowCount() - 1
    assert table.rowHeight(table.model().row_of(299)) > table.verticalHeader().defaultSectionSize()


def _first_action_put_in_recognition(qtbot, make_submission):
    """A table of three actions with the pillar dropdown of the first open and Recognition chosen in it."""
    doc = controller(make_submission, prev=[
        dict(ref="V01", pillar="visibility", action="First"),
        dict(ref="V02", pillar="visibility", action="Second"),
        dict(ref="R01", pillar="recognition", action="Third"),
    ])
    table = show_active(qtbot, PlanTable(PreviousPlanModel(doc)), 1300, 500)
    assert table.focus_cell(0, "pillar")
    combo = QApplication.focusWidget()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    return doc, table, combo


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Backtab])
def test_tab_after_changing_the_pillar_continues_in_the_moved_actions_row(qtbot, make_submission, key):
    doc, table, combo = _first_action_put_in_recognition(qtbot, make_submission)
    qtbot.keyClick(combo, key)
    qtbot.waitUntil(lambda: table.active_editor() not in (None, combo), timeout=1000)
    editor = table.active_editor()
    moved = next(a for a in doc.submission().previous_plan.actions if a.action == "First")
    assert moved.pillar is Pillar.RECOGNITION
    assert editor.accessibleName().endswith(f"of {moved.ref}")
    field = table._model.columns[table.currentIndex().column()].name
    assert field == ("action" if key == Qt.Key.Key_Tab else "ref")
    qtbot.keyClicks(editor, "Z")
    others = [(a.ref, a.action) for a in doc.submission().previous_plan.actions if a is not moved]
    assert sorted(others) == [("R01", "Third"), ("V02", "Second")]
    if key == Qt.Key.Key_Tab:
        assert moved.action == "FirstZ"


def test_after_changing_the_pillar_the_selection_follows_the_moved_action(qtbot, make_submission):
    doc, table, combo = _first_action_put_in_recognition(qtbot, make_submission)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.active_editor() is None, timeout=1000)
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # deletes the action the user just moved, not its neighbour
    assert [a.action for a in doc.submission().previous_plan.actions] == ["Second", "Third"]
    selected = table._model.action_shown(table.currentIndex().row())
    doc.undo_stack.undo()
    doc.undo_stack.undo()  # the selection stays on the action it was on while the rows regroup
    assert [a.action for a in doc.submission().previous_plan.actions] == ["First", "Second", "Third"]
    assert table._model.action_shown(table.currentIndex().row()) is selected


def test_a_read_only_document_opens_no_cell_editor_to_type_into(qtbot, make_submission):
    # Typing into an editor of a read-only document showed the words, then dropped them.
    doc = controller(make_submission, prev=[dict(ref="V01", pillar="visibility", action="Kept")])
    table = show_active(qtbot, PlanTable(PreviousPlanModel(doc)), 1300, 500)
    doc.read_only = True
    for field in ("action", "talent", "rag", "ref"):
        table.focus_cell(0, field)  # as a finding asks
        assert table.active_editor() is None
        qtbot.keyClicks(table, "x")
        qtbot.keyClick(table, Qt.Key.Key_Return)
        assert table.active_editor() is None
    doc.read_only = False
    assert table.focus_cell(0, "action") and table.active_editor() is not None
