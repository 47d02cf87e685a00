"""The document controller: undoable edits, merged typing, change notifications."""

from __future__ import annotations

from tcdesk.editing import InsertAction, SetValue, edit_prefix
from tcdesk.model import PreviousAction, Rag, snapshot
from tcdesk.session import Session
from tcdesk.ui.document import DocumentController


def _controller(make_submission, **kw) -> DocumentController:
    return DocumentController(Session(make_submission(**kw)))


def test_push_applies_and_undo_reverts_with_change_signal(qtbot, make_submission):
    doc = _controller(make_submission, prev=[dict(ref="V01", rag="green")])
    seen: list[tuple] = []
    doc.changed.connect(seen.append)
    doc.push(SetValue(("previous_plan", "actions", 0, "rag"), Rag.GREEN, Rag.RED))
    assert doc.submission().previous_plan.actions[0].rag is Rag.RED
    doc.undo_stack.undo()
    assert doc.submission().previous_plan.actions[0].rag is Rag.GREEN
    doc.undo_stack.redo()
    assert doc.submission().previous_plan.actions[0].rag is Rag.RED
    assert seen == [("previous_plan", "actions", 0, "rag")] * 3


def test_consecutive_typing_in_one_field_is_one_undo_step(qtbot, make_submission):
    doc = _controller(make_submission)
    for text in ("W", "We", "We h", "We have"):
        doc.set_value(("answers", "1"), text, typing=True)
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.submission().answers["1"] == ""


def test_break_merge_starts_a_new_undo_step(qtbot, make_submission):
    doc = _controller(make_submission)
    doc.set_value(("answers", "1"), "One", typing=True)
    doc.break_merge()
    doc.set_value(("answers", "1"), "One two", typing=True)
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert doc.submission().answers["1"] == "One"


def test_typing_in_another_field_does_not_merge(qtbot, make_submission):
    doc = _controller(make_submission)
    doc.set_value(("answers", "1"), "a", typing=True)
    doc.set_value(("answers", "2"), "b", typing=True)
    doc.set_value(("answers", "1"), "ab", typing=True)
    assert doc.undo_stack.count() == 3


def test_setting_an_unchanged_value_pushes_nothing(qtbot, make_submission):
    doc = _controller(make_submission, organisation="Northmoor")
    doc.set_value(("organisation",), "Northmoor")
    assert doc.undo_stack.count() == 0


def test_plan_edits_report_the_plan_prefix(qtbot, make_submission):
    doc = _controller(make_submission)
    seen: list[tuple] = []
    doc.changed.connect(seen.append)
    doc.push(InsertAction("previous", 0, PreviousAction(ref="V01")))
    assert seen == [("previous_plan", "actions")]
    assert edit_prefix(InsertAction("new", 0, PreviousAction())) == ("new_plan", "actions")


def test_replace_submission_clears_history_and_emits_reset(qtbot, make_submission):
    doc = _controller(make_submission)
    doc.set_value(("organisation",), "X")
    with qtbot.waitSignal(doc.reset):
        doc.replace_submission(make_submission(organisation="Y"))
    assert doc.undo_stack.count() == 0
    assert doc.submission().organisation == "Y"


def test_snapshot_is_independent_of_later_edits(make_submission):
    sub = make_submission(prev=[dict(ref="V01", talent=["R1"])])
    copy_ = snapshot(sub)
    sub.previous_plan.actions[0].talent.append("R2")
    sub.answers["1"] = "changed"
    assert copy_.previous_plan.actions[0].talent == ["R1"]
    assert copy_.answers["1"] == ""
    assert copy_ == snapshot(copy_)


def test_controller_snapshots_follow_every_kind_of_edit(qtbot, make_submission):
    from tcdesk.editing import MoveAction, RemoveAction

    doc = _controller(make_submission, prev=[dict(ref="V01"), dict(ref="V02"), dict(ref="V03")], new=[dict(ref="V01")])
    first = doc.snapshot()
    assert doc.snapshot() is first  # nothing changed: nothing copied
    doc.set_value(("answers", "2"), "text", typing=True)
    doc.set_value(("previous_plan", "actions", 1, "explanation"), "because")
    second = doc.snapshot()
    assert second.new_plan is first.new_plan  # untouched parts are shared
    assert second.previous_plan.actions[0] is first.previous_plan.actions[0]
    assert second == snapshot(doc.submission())
    doc.push(MoveAction("previous", 0, 2))
    doc.push(RemoveAction("new", 0))
    doc.set_value(("signoff", "lead", "name"), "Ada")
    assert doc.snapshot() == snapshot(doc.submission())
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.snapshot() == snapshot(doc.submission())
    doc.snapshot().answers["2"] = "scribble"  # snapshots never leak into the live model
    assert doc.submission().answers["2"] == "text"


def test_many_signal_emissions_do_not_exhaust_true(qtbot, make_submission):
    # PySide6 6.12 drops a reference to True per emit on Python 3.11; tcdesk.ui pins it.
    doc = _controller(make_submission)
    for n in range(3000):
        doc.set_value(("answers", "1"), "x" * (n + 1), typing=True)
    assert doc.submission().answers["1"] == "x" * 3000
