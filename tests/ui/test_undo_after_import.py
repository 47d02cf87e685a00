"""After importing a Word document or a PDF through the real import dialog, the import is no undo
step: Ctrl+Z undoes the user's own typing and leaves the imported answer exactly as read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tcdesk.session import Session
from tcdesk.ui import file_commands
from tcdesk.ui.import_dialog import ImportDialog

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"
CTRL = Qt.KeyboardModifier.ControlModifier


def _press_import_when_shown() -> None:
    """Accept the import preview as a user would, once it is on screen."""

    def accept() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(50, accept)
            return
        dialog.accept()

    QTimer.singleShot(50, accept)


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_ctrl_z_after_importing_undoes_the_typing_and_keeps_the_import(qtbot, open_window, tmp_path, suffix):
    source = SAMPLES / f"University of Northmoor July 2026{suffix}"
    imported = Session().import_file(source).submission.answers["4"]
    assert imported  # the sample has an answer to question 4
    window = open_window(tmp_path / "start.tcdesk")
    _press_import_when_shown()
    assert file_commands.import_file(window, source)
    assert window.controller.submission().answers["4"] == imported
    for key in ("q1", "q2", "q3", "previous", "q4"):  # looking around is no step
        window.show_part(key)
    assert window.controller.undo_stack.count() == 0
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # shortcuts reach an active window only
    box = window.page("q4").editor
    box.setFocus()
    box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box, " More.")
    window.page("q4").commit()
    assert window.controller.submission().answers["4"] != imported
    assert window.commands.undo.text() == "&Undo Edit answer 4"
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert window.controller.submission().answers["4"] == imported
    assert window.controller.undo_stack.index() == 0
