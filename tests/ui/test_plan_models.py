"""Plan table models: grouping by pillar, what cells show, and edits that go through the controller."""

from __future__ import annotations

from plan_helpers import controller
from PySide6.QtCore import Qt

from tcdesk.model import Pillar, Rag
from tcdesk.ui.plan_models import NewPlanModel, PreviousPlanModel, due_label

PREV = [
    dict(ref="C01", pillar="career-development", rag="amber", action="Pathways"),
    dict(ref="V01", pillar="visibility", rag="red", action="Profiles", explanation=""),
    dict(ref="V02", pillar="visibility", rag="green", talent=["R2", "R9"]),
]


def _model(qtbot, make_submission, cls=PreviousPlanModel, **kw):
    doc = controller(make_submission, **kw)
    return doc, cls(doc)


def _section(model, letter: str) -> str:
    return next(t for r in model.section_rows() if (t := model.index(r, 0).data()).startswith(letter))


def _cell(model, plan_index: int, field: str):
    return model.index(model.row_of(plan_index), model.column_of(field))


def test_rows_group_actions_under_pillar_sections_in_the_forms_order(qtbot, make_submission):
    _, model = _model(qtbot, make_submission, prev=PREV)
    assert [model.plan_index(r) for r in range(model.rowCount())] == [None, 1, 2, None, None, 0, None]
    assert model.index(0, 0).data() == "V · Visibility — 2 actions"
    assert model.index(3, 0).data() == "R · Recognition — 0 actions"
    assert model.flags(model.index(0, 0)) == Qt.ItemFlag.NoItemFlags
    assert model.flags(_cell(model, 0, "action")) & Qt.ItemFlag.ItemIsEditable


def test_actions_without_a_pillar_get_their_own_section_last(qtbot, make_submission):
    _, model = _model(qtbot, make_submission, prev=[dict(ref="X1"), dict(ref="V01", pillar="visibility")])
    assert model.index(model.rowCount() - 2, 0).data() == "No pillar — 1 action"
    assert model.plan_index(model.rowCount() - 1) == 0


def test_rag_cell_shows_a_text_label_next_to_its_colour(qtbot, make_submission):
    _, model = _model(qtbot, make_submission, prev=[*PREV, dict(ref="S01", pillar="sustainability")])
    assert _cell(model, 1, "rag").data() == "Red"
    assert _cell(model, 1, "rag").data(PreviousPlanModel.RagRole) == "red"
    assert _cell(model, 3, "rag").data() == "—"
    assert _cell(model, 1, "rag").data(Qt.ItemDataRole.ToolTipRole) == "RAG rating: Red"


def test_the_findings_mark_a_red_actions_explanation_required(qtbot, make_submission):
    doc, model = _model(qtbot, make_submission, prev=PREV)
    assert _cell(model, 1, "explanation").data(PreviousPlanModel.RequiredRole) is False  # before any check
    model.show_required(doc.session.check())  # the rule (TC201), not the table, decides
    assert _cell(model, 1, "explanation").data(PreviousPlanModel.RequiredRole) is True
    assert "Required" in _cell(model, 1, "explanation").data(Qt.ItemDataRole.ToolTipRole)
    assert _cell(model, 0, "explanation").data(PreviousPlanModel.RequiredRole) is False
    assert _cell(model, 1, "action").data(PreviousPlanModel.RequiredRole) is False


def test_talent_cell_lists_codes_with_titles_in_the_tooltip(qtbot, make_submission):
    _, model = _model(qtbot, make_submission, prev=[*PREV, dict(ref="V03", pillar="visibility", talent=["R99"])])
    assert _cell(model, 2, "talent").data() == "R2, R9"
    tip = _cell(model, 2, "talent").data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("R2 — Recognise the blurring") and "\nR9 — Clearly defined" in tip
    assert "not in the recommendation list" in _cell(model, 3, "talent").data(Qt.ItemDataRole.ToolTipRole)


def test_set_data_is_an_undoable_edit_that_updates_one_row_without_a_reset(qtbot, make_submission):
    doc, model = _model(qtbot, make_submission, prev=PREV)
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((a.row(), b.row(), b.column())))
    assert model.setData(_cell(model, 1, "rag"), "amber")
    assert doc.submission().previous_plan.actions[1].rag is Rag.AMBER
    assert _cell(model, 1, "explanation").data(PreviousPlanModel.RequiredRole) is False
    doc.undo_stack.undo()
    assert doc.submission().previous_plan.actions[1].rag is Rag.RED
    row = model.row_of(1)
    assert changed == [(row, row, len(model.columns) - 1)] * 2 and resets == []


def test_changing_the_pillar_cell_moves_the_action_and_renames_its_ref(qtbot, make_submission):
    doc, model = _model(qtbot, make_submission, prev=PREV)
    model.setData(_cell(model, 2, "pillar"), "recognition")
    moved = [a for a in doc.submission().previous_plan.actions if a.pillar is Pillar.RECOGNITION]
    assert [a.ref for a in moved] == ["R01"]
    assert _section(model, "R") == "R · Recognition — 1 action"
    doc.undo_stack.undo()
    assert _section(model, "R") == "R · Recognition — 0 actions"
    assert doc.undo_stack.count() == 1


def test_edits_of_the_other_plan_leave_the_model_alone(qtbot, make_submission):
    doc, model = _model(qtbot, make_submission, prev=PREV, new=[dict(ref="V01", pillar="visibility")])
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    doc.set_value(("new_plan", "actions", 0, "owner"), "Head of Technical Services")
    doc.set_value(("answers", "1"), "Text")
    assert resets == []


def test_new_plan_model_shows_due_dates_by_month_or_day(qtbot, make_submission):
    _, model = _model(qtbot, make_submission, NewPlanModel, new=[
        dict(ref="V01", pillar="visibility", due="2026-03"), dict(ref="V02", pillar="visibility", due=""),
    ])
    assert _cell(model, 0, "due").data() == "Mar 2026"
    assert _cell(model, 0, "due").data(Qt.ItemDataRole.EditRole) == "2026-03"
    assert _cell(model, 1, "due").data() == ""
    assert due_label("2026-03-15") == "15 Mar 2026"
    assert [c.label for c in model.columns] == [
        "Ref", "Pillar", "Action", "Owner", "Collaborators", "Due", "Success measures", "Resourcing", "TALENT", "Carried from",
    ]


def test_typing_in_the_period_or_a_cell_never_rebuilds_the_rows(qtbot, make_submission):
    doc, model = _model(qtbot, make_submission, prev=PREV)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    for text in ("2", "20", "2023"):
        doc.set_value(("previous_plan", "period"), text, typing=True)
    for text in ("W", "We", "We ran"):
        doc.set_value(("previous_plan", "actions", 0, "progress"), text, typing=True)
    assert resets == []


def test_a_reason_in_the_progress_text_satisfies_the_rule_and_the_table_alike(qtbot, make_submission):
    prev = [dict(ref="V01", pillar="visibility", rag="red", action="Profiles", progress="Paused because the web team left")]
    doc, model = _model(qtbot, make_submission, prev=prev)
    findings = doc.session.check()
    assert not [f for f in findings if f.code == "TC201"]
    model.show_required(findings)
    assert _cell(model, 0, "explanation").data(PreviousPlanModel.RequiredRole) is False
    assert not _cell(model, 0, "explanation").data(Qt.ItemDataRole.ToolTipRole)
