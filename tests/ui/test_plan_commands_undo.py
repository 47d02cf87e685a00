"""Row commands of a plan table (add, delete, move, re-pillar, renumber), undone and redone, change no words."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_helpers import controller, show_active

from tcdesk import interchange
from tcdesk.model import Pillar
from tcdesk.ui.plan_models import NewPlanModel, PreviousPlanModel
from tcdesk.ui.plan_table import PlanTable

_TEXT = st.sampled_from(["", "Run forums", "a\r\nb", "\ufeffx", "  spaced  ", "V01", "😀\u00a0"])
_REF = st.sampled_from(["", "V01", "V01", "R2", " C03 ", "S1", "X9", "R01"])
_PILLAR = st.sampled_from([None, *[p.value for p in Pillar]])


@st.composite
def _plan(draw):
    prev = [dict(ref=draw(_REF), pillar=draw(_PILLAR), action=draw(_TEXT), progress=draw(_TEXT)) for _ in range(draw(st.integers(1, 5)))]
    new = [dict(ref=draw(_REF), pillar=draw(_PILLAR), action=draw(_TEXT), owner=draw(_TEXT),
                carried_from=draw(st.sampled_from(["", *(a["ref"] for a in prev)]))) for _ in range(draw(st.integers(1, 5)))]
    return prev, new


_COMMAND = st.tuples(st.sampled_from(["add", "delete", "up", "down", "to", "renumber"]), st.integers(0, 9),
                     st.sampled_from(list(Pillar)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=_plan(), which=st.sampled_from([PreviousPlanModel, NewPlanModel]), commands=st.lists(_COMMAND, min_size=1, max_size=6))
def test_undoing_every_row_command_gives_back_the_plan_and_redo_gives_the_result(qtbot, make_submission, plan, which, commands):
    prev, new = plan
    doc = controller(make_submission, prev=prev, new=new)
    table = show_active(qtbot, PlanTable(which(doc)), 1000, 400)
    start = interchange.dumps(doc.submission())

    def texts() -> list[str]:
        return sorted(a.action for a in table._model.actions())

    for name, at, pillar in commands:
        actions = table._model.actions()
        before = texts()
        if actions:
            table.focus_cell(at % len(actions), None)
        if name == "add":
            table.add_action(pillar)
            assert texts() == sorted([*before, ""])
            continue
        if not actions:
            continue
        if name == "to":
            table.move_selected_to(pillar)
        else:
            {"delete": table.delete_selected, "up": lambda: table.move_selected(-1), "down": lambda: table.move_selected(+1),
             "renumber": table.renumber_refs}[name]()
        if name != "delete":
            assert texts() == before  # regrouping and renumbering move words, never change them
    end = interchange.dumps(doc.submission())
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert interchange.dumps(doc.submission()) == start
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    assert interchange.dumps(doc.submission()) == end
