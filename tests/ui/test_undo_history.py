"""One honest undo history: only the user's edits are steps, and Ctrl+Z finds them after import, save and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tcdesk import interchange
from tcdesk.ui import file_commands

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CTRL = Qt.KeyboardModifier.ControlModifier


def _active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # shortcuts reach an active window only
    return window


def _type_at_end(qtbot, window, part: str, text: str):
    _active(qtbot, window)
    window.show_part(part)
    box = window.page(part).editor
    box.setFocus()
    box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box, text)
    return box


def test_after_an_import_ctrl_z_in_an_answer_undoes_the_typing(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "start.tcdesk")
    assert file_commands.import_file(window, EXAMPLES / "northmoor-draft.tcdesk.json")
    imported = interchange.read(EXAMPLES / "northmoor-draft.tcdesk.json").answers["4"]
    for key in ("q1", "q2", "q3", "previous", "q4"):  # looking around is no step
        window.show_part(key)
    assert window.controller.undo_stack.count() == 0
    box = _type_at_end(qtbot, window, "q4", " More.")
    window.page("q4").commit()
    assert window.commands.undo.text() == "&Undo Edit answer 4"
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert window.controller.submission().answers["4"] == imported
    assert window.page("q4").editor.toPlainText().endswith("More.") is False


def test_save_and_export_push_no_step_and_leave_the_last_edit_to_undo(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk", interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json"))
    before = window.controller.submission().answers["2"]
    box = _type_at_end(qtbot, window, "q2", " Added.")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert file_commands.export(window, "json", tmp_path / "out.tcdesk.json", confirm=False) is not None
    assert window.controller.undo_stack.count() == 1
    assert window.commands.undo.text() == "&Undo Edit answer 2"
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert window.controller.submission().answers["2"] == before


def test_undoing_an_edit_made_in_another_part_shows_that_part(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "b.tcdesk", interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json"))
    before = window.controller.submission().answers["5"]
    _type_at_end(qtbot, window, "q5", " Changed.")
    window.show_part("cover")
    _active(qtbot, window)
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Z, CTRL)
    assert window.current_part() == "q5"
    assert window.controller.submission().answers["5"] == before


def test_ctrl_b_typed_in_the_window_stores_valid_bold(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "c.tcdesk", interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json"))
    box = _type_at_end(qtbot, window, "q7", "")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.keyClicks(box, "We held ")
    qtbot.keyClick(box, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(box, "three listening sessions")
    qtbot.keyClick(box, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(box, " and ")
    qtbot.keyClick(box, Qt.Key.Key_I, CTRL)
    qtbot.keyClicks(box, "a survey ")
    qtbot.keyClick(box, Qt.Key.Key_I, CTRL)
    qtbot.keyClicks(box, "too.")
    window.page("q7").commit()
    stored = window.controller.submission().answers["7"]
    assert stored.endswith("We held **three listening sessions** and *a survey* too.\n")
