"""The editor's first moments: noticing the opened file on screen, and loading the other parts behind it."""

from __future__ import annotations

import os
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


def test_a_project_opens_with_its_store_and_the_first_edit_is_saved(qtbot, open_window, tmp_path):
    from tcdesk.storage import load_project, save_project

    path = tmp_path / "p.tcdesk"
    save_project(Submission(organisation="University of Northmoor"), path)
    window = open_window(path)
    assert window.page("cover").organisation.text() == "University of Northmoor"
    assert window.files.project.store is not None and window.files.autosaver is not None
    window.page("cover").organisation.setFocus()
    qtbot.keyClicks(window.page("cover").organisation, " Trust")
    window.flush()
    assert window.files.autosaver.state == "saved"
    assert load_project(path).organisation == "University of Northmoor Trust"


def test_the_first_edit_does_not_wait_for_a_save_to_open_the_store(qtbot, pm, tmp_path):
    """The store opens with the file, before the window paints it: the first keystroke is saved by
    the autosave after the usual delay, with nothing to open first (a crash then loses at most the
    last second of typing, tests/ui/test_app.py)."""
    from tcdesk.session import Session
    from tcdesk.storage import load_project, save_project
    from tcdesk.ui.main_window import MainWindow

    path = tmp_path / "p.tcdesk"
    save_project(Submission(organisation="Northmoor"), path)
    window = MainWindow(Session(pm=pm))
    qtbot.addWidget(window)
    assert window.open_file(path)
    assert window.files.project.store is not None  # never painted, and ready to save
    field = window.page("cover").organisation
    qtbot.keyClicks(field, " Trust")
    field.editingFinished.emit()
    assert window.files.autosaver.state == "saving"
    qtbot.waitUntil(lambda: window.files.autosaver.state == "saved", timeout=10_000)  # the autosave, not a flush
    assert load_project(path).organisation == "Northmoor Trust"


def test_the_editor_opens_edits_and_saves_a_project_without_importing_sqlalchemy(tmp_path):
    from tcdesk.storage import load_project, save_project

    path = tmp_path / "p.tcdesk"
    save_project(Submission(organisation="Northmoor"), path)
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from tcdesk.session import Session\n"
        "from tcdesk.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        "window = MainWindow(Session())\n"
        f"assert window.open_file({str(path)!r})\n"
        "print(window.page('cover').organisation.text(), 'sqlalchemy' in sys.modules)\n"
        "from PySide6.QtTest import QTest\n"
        "QTest.keyClicks(window.page('cover').organisation, ' Trust')\n"
        "window.page('cover').organisation.editingFinished.emit()\n"
        "window.flush()\n"
        "window.close()\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Northmoor", "False", "False"]
    assert load_project(path).organisation == "Northmoor Trust"


def test_the_window_loads_without_the_dialogs_and_plan_models_it_does_not_show(tmp_path):
    """The File commands, rule help and plan models load on first use; a command reached before then
    still works (here: Export with its file dialog cancelled, and the rule list with F1)."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog\n"
        "from tcdesk.session import Session\n"
        "from tcdesk.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        "window = MainWindow(Session())\n"
        "window.show()\n"
        "lazy = ('tcdesk.ui.file_commands', 'tcdesk.ui.rule_help', 'tcdesk.ui.plan_models', 'tcdesk.planning')\n"
        "print(*[m in sys.modules for m in lazy])\n"
        "asked = []\n"
        "QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: asked.append('save') or ('', ''))\n"
        "QInputDialog.getItem = staticmethod(lambda *a, **k: asked.append(a[3][0][:2]) or ('', False))\n"
        "window.commands.export_actions['json'].trigger()\n"
        "window.commands.rule_help.trigger()\n"
        "print(*asked, 'tcdesk.ui.file_commands' in sys.modules)\n"
        "window.close()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TCDESK_CONFIG_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["False", "False", "False", "False"]
    assert lines[1].split() == ["save", "TC", "True"]


def test_a_plan_page_built_after_a_check_marks_the_cells_its_findings_require(qtbot, open_window, make_submission, tmp_path):
    sub = make_submission(prev=[dict(ref="V01", pillar="visibility", rag="red", action="Profiles", explanation="")])
    window = open_window(tmp_path / "p.tcdesk", sub)
    window.checker.check_now()
    qtbot.waitUntil(lambda: any(f.code == "TC201" for f in window.findings), timeout=20_000)
    window.show_part("previous")
    model = window.page("previous").model
    cell = model.index(model.row_of(0), model.column_of("explanation"))
    assert cell.data(model.RequiredRole) is True


def test_the_collector_is_off_while_the_editor_loads_and_back_once_the_file_is_painted(tmp_path):
    """Everything loaded at start lives as long as the window: it is frozen out of the collector's
    sight when the file is on screen, and the collector runs again from then on."""
    from tcdesk.storage import save_project

    path = tmp_path / "p.tcdesk"
    save_project(Submission(organisation="Northmoor"), path)
    code = (
        "import gc, sys\n"
        "import tcdesk.app as app\n"
        "from tcdesk.ui import startup\n"
        "seen = []\n"
        "load = app.load_before_qt\n"
        "app.load_before_qt = lambda: seen.append(gc.isenabled()) or load()\n"
        "def warm_up():\n"
        "    from PySide6.QtWidgets import QApplication\n"
        "    seen.extend([gc.isenabled(), gc.get_freeze_count() > 0])\n"
        "    QApplication.instance().quit()\n"
        "startup.warm_up_parts = warm_up\n"
        f"code = app.main([{str(path)!r}])\n"
        "print(*seen, gc.isenabled(), code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TCDESK_CONFIG_DIR": str(tmp_path / "config")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True", "True", "True", "0"]


def test_the_window_loads_without_the_in_use_and_merge_dialogs():
    """They load when a held project is opened or a merge starts (tests/ui/test_collaboration.py)."""
    code = ("import sys\nimport tcdesk.ui.main_window\n"
            "print('tcdesk.ui.in_use_dialog' in sys.modules, 'tcdesk.ui.merging' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
