"""Tab reaches every field of the shown part in reading order; F6 moves between parts list, part and findings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tcdesk import interchange

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _window(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk", interchange.read(EXAMPLES / "northmoor-draft.tcdesk.json"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def _tab_walk(qtbot, window, part: str, presses: int, key=Qt.Key.Key_Tab) -> list[str]:
    window.show_part(part)
    window.navigation.setFocus()
    names = []
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), key)
        widget = QApplication.focusWidget()
        names.append(widget.accessibleName() or type(widget).__name__)
    return names


def test_tab_from_the_parts_list_reaches_the_cover_fields_in_reading_order(qtbot, open_window, tmp_path):
    names = _tab_walk(qtbot, _window(qtbot, open_window, tmp_path), "cover", 6)
    assert names[:4] == ["Organisation", "Technician Commitment webpage address", "Previous plan period", "New plan period"]
    assert names[4:6] == ["Lead 1 name", "Lead 1 role"]


def test_tab_reaches_the_answer_toolbar_and_editor_then_the_findings_and_back(qtbot, open_window, tmp_path):
    window = _window(qtbot, open_window, tmp_path)
    names = _tab_walk(qtbot, window, "q1", 20)
    assert "Bold" in names and "Answer to question 1" in names
    assert names.index("Bold") < names.index("Answer to question 1") < names.index("Findings")
    assert "Parts of the submission" in names[names.index("Findings"):]
    back = _tab_walk(qtbot, window, "q1", 3, Qt.Key.Key_Backtab)
    assert back[0] == "Findings"  # Shift+Tab from the parts list wraps to the end


def test_tab_reaches_the_plan_table_and_leaves_the_summary(qtbot, open_window, tmp_path):
    names = _tab_walk(qtbot, _window(qtbot, open_window, tmp_path), "previous", 25)
    assert "Actions of the previous plan" in names and "Findings" in names
    assert ["RAG counts per pillar"] * 2 not in [names[i : i + 2] for i in range(len(names) - 1)]  # no trap
    assert all(name and name != "QToolButton" for name in names)  # every control has a name


def test_f6_moves_between_parts_list_part_and_findings(qtbot, open_window, tmp_path):
    window = _window(qtbot, open_window, tmp_path)
    window.show_part("q2")
    window.navigation.setFocus()
    seen = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget().accessibleName())
    assert seen[1:] == ["Findings", "Parts of the submission"]
    assert window.page("q2").isAncestorOf(QApplication.focusWidget()) is False
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget().accessibleName() == "Findings"
