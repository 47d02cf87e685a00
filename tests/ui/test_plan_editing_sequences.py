"""Any sequence of cell edits in a plan table changes only the cells edited, and undo gives back every byte."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_helpers import controller, show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tcdesk import interchange
from tcdesk.ui.plan_delegates import TalentChooser, TextCellEditor
from tcdesk.ui.plan_models import NewPlanModel
from tcdesk.ui.plan_table import PlanTable

_STORED = st.lists(st.sampled_from(["a", " ", "\r", "\r\n", "\n", "\u00a0", "\u2028", "\ufeff", "😀", "e\u0301"]), max_size=6).map("".join)
_TEXT_FIELDS = ("action", "owner", "collaborators", "success_measures", "resourcing")
_LEAVE = {"enter": Qt.Key.Key_Return, "tab": Qt.Key.Key_Tab, "backtab": Qt.Key.Key_Backtab, "escape": Qt.Key.Key_Escape}

_OPERATION = st.one_of(
    st.tuples(st.just("type"), st.integers(0, 9), st.sampled_from(_TEXT_FIELDS), st.text("xy \n", min_size=1, max_size=3),
              st.sampled_from(sorted(_LEAVE))),
    st.tuples(st.just("pillar"), st.integers(0, 9), st.sampled_from([Qt.Key.Key_Down, Qt.Key.Key_Up]), st.sampled_from(sorted(_LEAVE))),
    st.tuples(st.just("talent"), st.integers(0, 9), st.integers(0, 19), st.sampled_from(["enter", "escape", "tab"])),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


def _cells(doc) -> dict[str, dict]:
    """Every action's fields by the action's identity, which survives regrouping."""
    return {a.id: copy.deepcopy(vars(a)) for a in doc.submission().new_plan.actions}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts=st.lists(st.tuples(_STORED, _STORED), min_size=1, max_size=3), operations=st.lists(_OPERATION, min_size=1, max_size=8))
def test_a_sequence_of_cell_edits_changes_only_the_cells_edited(qtbot, make_submission, texts, operations):
    pillars = ["visibility", "recognition", None]
    doc = controller(make_submission, new=[dict(ref=f"V{n:02d}", pillar=pillars[n % 3], action=a, owner=o, talent=["R2", "R2"] if n else [])
                                           for n, (a, o) in enumerate(texts)])
    table = show_active(qtbot, PlanTable(NewPlanModel(doc)), 1300, 500)
    start = interchange.dumps(doc.submission())
    for op in operations:
        before = _cells(doc)
        if op[0] in ("undo", "redo"):
            getattr(doc.undo_stack, op[0])()
            continue
        at = op[1] % len(doc.submission().new_plan.actions)
        target = doc.submission().new_plan.actions[at].id
        field = {"type": op[2] if op[0] == "type" else "", "pillar": "pillar", "talent": "talent"}[op[0]]
        assert table.focus_cell(at, field)
        editor = QApplication.focusWidget()
        if op[0] == "type":
            assert isinstance(editor, TextCellEditor)
            for ch in op[3]:
                if ch == "\n":
                    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
                else:
                    qtbot.keyClicks(editor, ch)
            leave = op[4]
        elif op[0] == "pillar":
            qtbot.keyClick(editor, op[2])
            leave = op[3]
        else:
            assert isinstance(editor, TalentChooser)
            editor.setCurrentRow(op[2] % editor.count())
            qtbot.keyClick(editor, Qt.Key.Key_Space)
            leave = op[3]
        qtbot.keyClick(editor, _LEAVE[leave])
        qtbot.waitUntil(lambda e=editor: table.active_editor() is not e, timeout=1000)
        after = _cells(doc)
        assert after.keys() == before.keys()
        for ident, fields in before.items():
            changed = {name for name in fields if fields[name] != after[ident][name]}
            if ident != target or leave == "escape":
                assert not changed, (ident, changed)
            elif op[0] == "type":
                assert changed <= {field}
                # Only typed characters were added: every stored one is still there, in order.
                chars = iter(after[ident][field])
                assert all(ch in chars for ch in fields[field])
            elif op[0] == "pillar":
                assert changed <= {"pillar", "ref"}
            else:
                assert changed <= {"talent"}
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert interchange.dumps(doc.submission()) == start
