"""The previous-plan (RAG analysis) editor: focusing findings, rating, the period field, the live summary."""

from __future__ import annotations

from plan_helpers import controller, show_active
from PySide6.QtWidgets import QApplication

from tcdesk.model import Pillar, Rag
from tcdesk.rules.finding import Location, Section
from tcdesk.ui.document import DocumentController
from tcdesk.ui.plan_delegates import TextCellEditor
from tcdesk.ui.previous_plan_editor import PreviousPlanEditor

PREV = [
    dict(ref="V01", pillar="visibility", rag="green"),
    dict(ref="R01", pillar="recognition", rag="red"),
    dict(ref="R02", pillar="recognition", rag="amber"),
]


def _editor(qtbot, make_submission, **kw) -> tuple[DocumentController, PreviousPlanEditor]:
    doc = controller(make_submission, **kw)
    return doc, show_active(qtbot, PreviousPlanEditor(doc), 1400, 800)


def test_focus_location_opens_the_explanation_editor_of_that_action(qtbot, make_submission):
    doc, editor = _editor(qtbot, make_submission, prev=PREV)
    assert editor.focus_location(Location(Section.PREVIOUS_PLAN, ref="R01", index=1, field="explanation"))
    focused = QApplication.focusWidget()
    assert isinstance(focused, TextCellEditor) and focused is editor.table.active_editor()
    assert focused.accessibleName() == "Explanation of R01"
    qtbot.keyClicks(focused, "Paused during the restructure")
    assert doc.submission().previous_plan.actions[1].explanation == "Paused during the restructure"


def test_focus_location_refuses_other_sections_and_missing_actions(qtbot, make_submission):
    _, editor = _editor(qtbot, make_submission, prev=PREV)
    assert not editor.focus_location(Location(Section.NEW_PLAN, index=0, field="owner"))
    assert not editor.focus_location(Location(Section.PREVIOUS_PLAN, index=7, field="rag"))
    assert editor.focus_location(Location(Section.PREVIOUS_PLAN, index=2, field="rag"))
    assert QApplication.focusWidget().accessibleName() == "RAG of R02"


def test_add_action_and_set_rag_are_undoable(qtbot, make_submission):
    doc, editor = _editor(qtbot, make_submission, prev=PREV)
    i = editor.add_action(Pillar.SUSTAINABILITY)
    editor.set_rag(i, Rag.RED)
    assert (doc.submission().previous_plan.actions[i].ref, doc.submission().previous_plan.actions[i].rag) == ("S01", Rag.RED)
    doc.undo_stack.undo()
    assert doc.submission().previous_plan.actions[i].rag is None
    doc.undo_stack.undo()
    assert len(doc.submission().previous_plan.actions) == 3


def test_summary_counts_follow_ratings_live(qtbot, make_submission):
    doc, editor = _editor(qtbot, make_submission, prev=PREV)
    table = editor.summary.table
    headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    rows = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert headings == ["Red", "Amber", "Green", "Not rated", "Total"]
    assert rows == ["Visibility", "Recognition", "Career Development", "Sustainability", "Total"]
    assert [table.item(1, c).text() for c in range(5)] == ["1", "1", "0", "0", "2"]
    editor.set_rag(2, Rag.RED)
    assert [table.item(1, c).text() for c in range(5)] == ["2", "0", "0", "0", "2"]
    assert [table.item(4, c).text() for c in range(5)] == ["2", "0", "1", "0", "3"]
    editor.add_action(Pillar.VISIBILITY)
    assert [table.item(0, c).text() for c in range(5)] == ["0", "0", "1", "1", "2"]
    assert "Recognition: 2 Red, 0 Amber" in editor.summary.chart.accessibleDescription()
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert [table.item(4, c).text() for c in range(5)] == ["1", "1", "1", "0", "3"]


def test_period_field_edits_are_undoable_and_follow_undo(qtbot, make_submission):
    doc, editor = _editor(qtbot, make_submission, prev=PREV)
    editor.period.setFocus()
    qtbot.keyClicks(editor.period, "2023-2026")
    assert doc.submission().previous_plan.period == "2023-2026"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert editor.period.text() == ""


def test_whole_submission_replaced_refreshes_table_period_and_summary(qtbot, make_submission):
    doc, editor = _editor(qtbot, make_submission, prev=PREV)
    other = make_submission(prev=[dict(ref="C01", pillar="career-development", rag="red")])
    other.previous_plan.period = "2020-2023"
    doc.replace_submission(other)
    assert editor.period.text() == "2020-2023"
    model = editor.table.model()
    assert model.index(model.row_of(0), model.column_of("ref")).data() == "C01"
    assert editor.summary.table.item(4, 0).text() == "1"


def test_rows_grow_to_show_long_text(qtbot, make_submission):
    long_text = "Technicians supported to gain professional registration across every faculty. " * 4
    _, editor = _editor(qtbot, make_submission, prev=[dict(ref="V01", pillar="visibility", action=long_text, rag="red")])
    qtbot.wait(100)
    table = editor.table
    row = table.model().row_of(0)
    assert table.rowHeight(row) > 3 * table.fontMetrics().lineSpacing()
