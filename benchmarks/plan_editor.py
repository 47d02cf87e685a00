"""Time the plan editors on a 500-action plan: opening, a rating change, typing in a cell, adding, carrying over.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/plan_editor.py [--actions 500]``. Prints milliseconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_synthetic
from tcdesk.model import Pillar, Rag
from tcdesk.session import Session
from tcdesk.ui.document import DocumentController
from tcdesk.ui.new_plan_editor import NewPlanEditor
from tcdesk.ui.previous_plan_editor import PreviousPlanEditor


def _settle(seconds: float = 0.3) -> None:
    # Let deferred work (first layout and paint, delayed row sizing) finish before the next figure.
    QTest.qWait(int(seconds * 1000))


def _ms(fn, repeat: int = 1) -> float:
    """Mean time of ``fn`` plus the event processing (repaint included) it causes."""
    app = QApplication.instance()
    total = 0.0
    for _ in range(repeat):
        _settle(0.1)
        start = time.perf_counter()
        fn()
        app.processEvents()
        total += time.perf_counter() - start
    return total * 1000 / repeat


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=500, help="actions in the previous plan (the new plan gets as many)")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    sub = make_synthetic(n_actions=2 * args.actions, answer_words=200, seed=0)
    doc = DocumentController(Session(sub))
    print(f"previous plan: {len(sub.previous_plan.actions)} actions, new plan: {len(sub.new_plan.actions)} actions")

    holder: dict[str, PreviousPlanEditor] = {}

    def build() -> None:
        editor = PreviousPlanEditor(doc)
        editor.resize(1500, 900)
        editor.show()
        holder["editor"] = editor
        app.processEvents()

    print(f"open previous-plan editor:       {_ms(build):7.1f} ms")
    editor = holder["editor"]
    rags = [Rag.RED, Rag.GREEN]
    print(f"rate one action (row + summary): {_ms(lambda: editor.set_rag(250, rags.pop() if rags else Rag.AMBER), 2):7.1f} ms")
    editor.table.focus_cell(250, "progress")
    cell = QApplication.focusWidget()
    print(f"one keystroke in a cell editor:  {_ms(lambda: QTest.keyClick(cell, Qt.Key.Key_A), 20):7.1f} ms")
    QTest.keyClick(cell, Qt.Key.Key_Return)
    print(f"add an action (rows rebuilt):    {_ms(lambda: editor.add_action(Pillar.RECOGNITION), 3):7.1f} ms")
    print(f"undo an add:                     {_ms(doc.undo_stack.undo, 3):7.1f} ms")
    print(f"renumber refs:                   {_ms(editor.table.renumber_refs):7.1f} ms")
    new_editor = NewPlanEditor(doc)
    new_editor.resize(1500, 900)
    new_editor.show()
    _settle()
    print(f"carry over unfinished actions:   {_ms(new_editor.carry_over_unfinished):7.1f} ms "
          f"({len(doc.submission().new_plan.actions)} new actions after)")
    print(f"undo the carry-over:             {_ms(doc.undo_stack.undo):7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
