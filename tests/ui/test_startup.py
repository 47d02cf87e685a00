"""The editor's first moments: noticing the opened file on screen, and loading the other parts behind it."""

from __future__ import annotations

import subprocess
import sys

from tcdesk.model import Submission
from tcdesk.ui.startup import after_first_paint, first_text_field


def test_after_first_paint_hands_over_the_shown_parts_first_text_field_once(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "p.tcdesk", Submission(organisation="University of Northmoor"))
    qtbot.waitUntil(lambda: window.current_part() == "cover")
    seen = []
    after_first_paint(window, seen.append)
    window.page("cover").organisation.update()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    assert seen[0] is first_text_field(window) is window.page("cover").organisation
    assert seen[0].text() == "University of Northmoor"
    window.page("cover").organisation.repaint()
    qtbot.wait(50)
    assert len(seen) == 1


def test_warm_up_imports_the_answer_and_plan_editors_in_the_background():
    # A fresh interpreter, so the modules are not already loaded by other tests.
    code = (
        "import sys\n"
        "from tcdesk.ui.startup import warm_up_parts\n"
        "assert 'tcdesk.ui.answer_editor' not in sys.modules\n"
        "thread = warm_up_parts()\n"
        "thread.join(60)\n"
        "assert not thread.is_alive()\n"
        "print(sorted(m for m in ('tcdesk.ui.answer_editor', 'tcdesk.ui.previous_plan_editor', "
        "'tcdesk.ui.new_plan_editor', 'tcdesk.ui.markdown_document') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(sorted(
        ["tcdesk.ui.answer_editor", "tcdesk.ui.markdown_document", "tcdesk.ui.new_plan_editor", "tcdesk.ui.previous_plan_editor"]
    ))


def test_the_window_loads_without_the_markdown_machinery():
    """Only an answer page needs it; the warm-up loads it once the window shows the file."""
    code = "import sys\nimport tcdesk.ui.main_window\nprint('markdown_it' in sys.modules, 'tcdesk.ui.markdown_document' in sys.modules)\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
