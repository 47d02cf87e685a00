"""Plan cell editors and painting: RAG dropdown with labels, required explanation, TALENT chooser, due picker."""

from __future__ import annotations

from plan_helpers import controller, show_active
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox

from tcdesk.model import Rag
from tcdesk.ui.plan_delegates import REQUIRED_PLACEHOLDER, DueEditor, TalentChooser
from tcdesk.ui.plan_models import RAG_COLOURS, NewPlanModel, PreviousPlanModel
from tcdesk.ui.plan_table import PlanTable


def _table(qtbot, make_submission, model_class=PreviousPlanModel, **kw):
    doc = controller(make_submission, **kw)
    return doc, show_active(qtbot, PlanTable(model_class(doc)), 1300, 400)


def _press_enter(qtbot, table, editor) -> None:
    # Qt commits line edits, dropdowns and lists on Enter through a queued call.
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.active_editor() is None, timeout=1000)


def _pixel(table, plan_index: int, field: str, dx: int, dy: int) -> QColor:
    model = table.model()
    rect = table.visualRect(model.index(model.row_of(plan_index), model.column_of(field)))
    return table.viewport().grab().toImage().pixelColor(rect.left() + dx, rect.top() + dy)


def test_rag_dropdown_offers_text_labels_with_colour_swatches(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", rag="green")])
    table.focus_cell(0, "rag")
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.accessibleName() == "RAG of V01"
    assert [combo.itemText(i) for i in range(combo.count())] == ["— (not rated)", "Red", "Amber", "Green"]
    assert combo.currentText() == "Green"
    assert all(not combo.itemIcon(i).isNull() for i in range(1, 4))
    combo.showPopup()
    combo.view().setCurrentIndex(combo.model().index(1, 0))
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)  # a pick from the open list, by keyboard
    qtbot.waitUntil(lambda: doc.submission().previous_plan.actions[0].rag is Rag.RED, timeout=1000)
    qtbot.waitUntil(lambda: table.active_editor() is None, timeout=1000)


def test_rag_cell_is_painted_in_its_colour_with_its_label(qtbot, make_submission):
    _, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", rag="amber")])
    assert _pixel(table, 0, "rag", 6, 4) == RAG_COLOURS[Rag.AMBER][0]
    model = table.model()
    assert model.index(model.row_of(0), model.column_of("rag")).data() == "Amber"


def test_choosing_red_marks_the_explanation_required(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", rag="green")])
    assert _pixel(table, 0, "explanation", 1, 6) != RAG_COLOURS[Rag.RED][0]
    table.focus_cell(0, "rag")
    combo = QApplication.focusWidget()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # Green → Amber → Red, as a keyboard user would
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    _press_enter(qtbot, table, combo)
    assert doc.submission().previous_plan.actions[0].rag is Rag.RED
    model = table.model()
    model.show_required(doc.session.check())  # as the window does with each check's findings
    assert _pixel(table, 0, "explanation", 1, 6) == RAG_COLOURS[Rag.RED][0]
    tip = model.index(model.row_of(0), model.column_of("explanation")).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Required")
    table.focus_cell(0, "explanation")
    editor = QApplication.focusWidget()
    assert editor.placeholderText() == REQUIRED_PLACEHOLDER and "Required" in editor.toolTip()


def test_talent_chooser_shows_titles_and_writes_the_checked_codes(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", talent=["R9"])])
    table.focus_cell(0, "talent")
    chooser = QApplication.focusWidget()
    assert isinstance(chooser, TalentChooser) and chooser.accessibleName() == "TALENT of V01"
    assert chooser.item(0).text().startswith("R1 — A strategic approach")
    assert chooser.codes() == ["R9"]
    qtbot.keyClick(chooser, Qt.Key.Key_Down)  # R2
    qtbot.keyClick(chooser, Qt.Key.Key_Space)
    _press_enter(qtbot, table, chooser)
    assert doc.submission().previous_plan.actions[0].talent == ["R2", "R9"]
    doc.undo_stack.undo()
    assert doc.submission().previous_plan.actions[0].talent == ["R9"]


def test_talent_chooser_keeps_codes_outside_the_list(qtbot):
    chooser = TalentChooser()
    qtbot.addWidget(chooser)
    chooser.set_codes(["R3", "R17"])
    assert chooser.codes() == ["R3", "R17"]
    assert chooser.item(chooser.count() - 1).text() == "R17 — not in the recommendation list"


def test_due_editor_accepts_a_month_and_writes_iso(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, NewPlanModel, new=[dict(ref="V01", pillar="visibility")])
    table.focus_cell(0, "due")
    editor = QApplication.focusWidget()
    assert isinstance(editor, DueEditor)
    qtbot.keyClicks(editor, "March 2026")
    _press_enter(qtbot, table, editor)
    assert doc.submission().new_plan.actions[0].due == "2026-03"


def test_due_editor_keeps_text_that_is_no_date_out_of_the_model(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, NewPlanModel, new=[dict(ref="V01", pillar="visibility", due="2026-05")])
    table.focus_cell(0, "due")
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Summer")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert table.active_editor() is editor and "border" in editor.styleSheet()
    assert doc.submission().new_plan.actions[0].due == "2026-05"


def test_due_calendar_picks_a_day_or_the_whole_month(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, NewPlanModel, new=[dict(ref="V01", pillar="visibility"), dict(ref="V02", pillar="visibility")])
    table.focus_cell(0, "due")
    editor = QApplication.focusWidget()
    editor.calendar.clicked.emit(QDate(2027, 6, 30))
    assert doc.submission().new_plan.actions[0].due == "2027-06-30"
    table.focus_cell(1, "due")
    editor = QApplication.focusWidget()
    editor.calendar.setCurrentPage(2028, 2)
    editor.month_action.trigger()
    assert doc.submission().new_plan.actions[1].due == "2028-02"


# --- the mouse commits as surely as the keyboard ---------------------------------------------------


def _click_popup_item(qtbot, combo: QComboBox, text: str) -> None:
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=1000)
    row = combo.findText(text)
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseMove(view.viewport(), rect.center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_rating_in_the_dropdown_with_the_mouse_commits_it(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", rag="green")])
    table.focus_cell(0, "rag")
    _click_popup_item(qtbot, QApplication.focusWidget(), "Red")
    qtbot.waitUntil(lambda: doc.submission().previous_plan.actions[0].rag is Rag.RED, timeout=1000)
    qtbot.waitUntil(lambda: table.active_editor() is None, timeout=1000)
    assert doc.undo_stack.undoText() == "Edit RAG" or doc.undo_stack.count() == 1


def test_clicking_a_pillar_in_the_dropdown_with_the_mouse_commits_it(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, NewPlanModel, new=[dict(ref="V01", pillar="visibility")])
    table.focus_cell(0, "pillar")
    combo = QApplication.focusWidget()
    _click_popup_item(qtbot, combo, next(combo.itemText(i) for i in range(combo.count()) if "Sustainability" in combo.itemText(i)))
    qtbot.waitUntil(lambda: doc.submission().new_plan.actions[0].pillar.value == "sustainability", timeout=1000)


def test_clicking_a_talent_recommendation_with_the_mouse_commits_it(qtbot, make_submission):
    doc, table = _table(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", talent=["R9"])])
    table.focus_cell(0, "talent")
    chooser = QApplication.focusWidget()
    rect = chooser.visualItemRect(chooser.item(1))  # R2, clicked on its words
    qtbot.mouseClick(chooser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: doc.submission().previous_plan.actions[0].talent == ["R2", "R9"], timeout=1000)
    rect = chooser.visualItemRect(chooser.item(8))  # R9 again: unticked
    qtbot.mouseClick(chooser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: doc.submission().previous_plan.actions[0].talent == ["R2"], timeout=1000)


def test_clicking_a_day_in_the_due_calendar_with_the_mouse_commits_it(qtbot, make_submission):
    from PySide6.QtWidgets import QTableView

    doc, table = _table(qtbot, make_submission, NewPlanModel, new=[dict(ref="V01", pillar="visibility", due="2027-06")])
    table.focus_cell(0, "due")
    editor = QApplication.focusWidget()
    editor.open_calendar()
    grid = editor.calendar.findChild(QTableView)
    qtbot.waitUntil(grid.isVisible, timeout=1000)
    model = grid.model()
    target = next(
        model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
        if model.index(r, c).data() == 15 or model.index(r, c).data() == "15"
    )
    rect = grid.visualRect(target)
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: doc.submission().new_plan.actions[0].due == "2027-06-15", timeout=1000)
