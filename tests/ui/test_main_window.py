"""The whole editor driven like a user: typing, plan edits, findings, undo, reopening."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tcdesk.model import Pillar, Rag
from tcdesk.storage import load_project


def _row_of(panel, code: str) -> int | None:
    return next((i for i, f in enumerate(panel.shown()) if f.code == code), None)


def _double_click_row(qtbot, view, row: int) -> None:
    index = view.model().index(row, 2)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_red_action_finding_round_trip_through_the_real_widgets(qtbot, open_window, tmp_path):
    path = tmp_path / "northmoor.tcdesk"
    window = open_window(path)

    # Type an answer.
    window.show_part("q1")
    answer = window.page("q1")
    answer.editor.setFocus()
    qtbot.keyClicks(answer.editor, "Technicians work in three faculties.")
    qtbot.waitUntil(lambda: "three faculties" in window.controller.submission().answers["1"], timeout=10000)

    # Add actions and rate one red with no explanation.
    window.show_part("previous")
    plan = window.page("previous")
    first = plan.add_action(Pillar.VISIBILITY)
    second = plan.add_action(Pillar.RECOGNITION)
    plan.set_rag(first, Rag.GREEN)
    plan.set_rag(second, Rag.RED)
    panel = window.findings_panel
    qtbot.waitUntil(lambda: _row_of(panel, "TC201") is not None, timeout=10000)

    # Double-click the finding: the red action's explanation editor has the keyboard focus.
    _double_click_row(qtbot, panel.view, _row_of(panel, "TC201"))
    assert window.current_part() == "previous"
    editor = plan.table.active_editor()
    assert editor is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor, timeout=10000)
    assert plan.model.columns[plan.table.currentIndex().column()].name == "explanation"

    # Fill it: the finding goes.
    qtbot.keyClicks(editor, "Paused while the new HR system is procured.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.controller.submission().previous_plan.actions[second].explanation.startswith("Paused")
    qtbot.waitUntil(lambda: _row_of(panel, "TC201") is None, timeout=10000)

    # Undo: it returns.
    window.commands.undo.trigger()
    assert window.controller.submission().previous_plan.actions[second].explanation == ""
    qtbot.waitUntil(lambda: _row_of(panel, "TC201") is not None, timeout=10000)
    window.commands.redo.trigger()
    qtbot.waitUntil(lambda: _row_of(panel, "TC201") is None, timeout=10000)

    # Close and reopen: everything is there.
    window.close()
    saved = load_project(path)
    assert "three faculties" in saved.answers["1"]
    assert [a.rag for a in saved.previous_plan.actions] == [Rag.GREEN, Rag.RED]
    assert saved.previous_plan.actions[1].explanation.startswith("Paused")
    again = open_window(path)
    again.show_part("q1")
    assert "three faculties" in again.page("q1").editor.toPlainText()
    assert again.controller.submission() == saved


def test_status_bar_shows_counts_and_saved_state(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk")
    qtbot.waitUntil(lambda: "error" in window.findings_label.text(), timeout=10000)
    window.show_part("cover")
    cover = window.page("cover")
    qtbot.keyClicks(cover.organisation, "University of Northmoor")
    assert window.saved_label.text().startswith("Saving")
    qtbot.waitUntil(lambda: window.saved_label.text().startswith("All changes saved"), timeout=10000)
    assert load_project(tmp_path / "a.tcdesk").organisation == "University of Northmoor"
    assert "University of Northmoor" in window.windowTitle() or window.windowTitle().startswith("a.tcdesk")


def test_navigation_marks_a_part_complete_and_counts_its_errors(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk")
    nav = window.navigation
    qtbot.waitUntil(lambda: "error" in nav.item_text("q2"), timeout=10000)
    assert "\nnot complete" in nav.item_text("q2") and "✓" not in nav.item_text("q2")
    window.controller.set_value(("answers", "2"), "Governance " * 250)
    assert "\ncomplete" in nav.item_text("q2") and "✓" not in nav.item_text("q2")
    qtbot.waitUntil(lambda: "error" not in nav.item_text("q2"), timeout=10000)


def test_ctrl_z_in_an_answer_undoes_through_the_window_history(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk")
    window.controller.set_value(("organisation",), "Northmoor")
    window.show_part("q4")
    editor = window.page("q4").editor
    editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor, timeout=10000)
    qtbot.keyClicks(editor, "Impact")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.submission().answers["4"] == ""
    assert editor.toPlainText() == ""
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.submission().organisation == ""


def test_focus_request_for_a_cover_field_focuses_it(qtbot, open_window, tmp_path):
    from tcdesk.rules.finding import Location, Section

    window = open_window(tmp_path / "a.tcdesk")
    window.controller.request_focus(Location(Section.COVER, field="webpage_url"))
    assert window.current_part() == "cover"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.page("cover").webpage, timeout=10000)


def test_window_geometry_and_splitter_persist(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk")
    window.resize(700, 500)
    window.splitter.setSizes([200, 500])
    sizes = window.splitter.sizes()
    window.close()
    again = open_window(tmp_path / "a.tcdesk")
    assert again.size().width() == 700
    assert again.splitter.sizes() == sizes


def test_f1_on_a_finding_opens_its_rule_documentation(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk")
    panel = window.findings_panel
    qtbot.waitUntil(lambda: _row_of(panel, "TC001") is not None, timeout=10000)
    panel.view.setFocus()
    panel.view.selectRow(_row_of(panel, "TC001"))
    qtbot.keyClick(panel.view, Qt.Key.Key_F1)
    assert window.rule_help is not None and window.rule_help.isVisible()
    assert window.rule_help.code == "TC001"
    assert "organisation" in window.rule_help.browser.toPlainText().lower()


def test_every_control_of_the_shell_has_an_accessible_name(qtbot, open_window, tmp_path):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QTextEdit,
        QWidget,
    )

    window = open_window(tmp_path / "a.tcdesk")
    window.controller.set_value(("leads",), [__import__("tcdesk.model", fromlist=["Lead"]).Lead()])
    roots = [window.navigation, window.findings_panel] + [window.page(k) for k in ("cover", "q1", "q8", "signoff")]
    kinds = (QLineEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractButton)
    unnamed = []
    for root in roots:
        for w in [root, *root.findChildren(QWidget)]:
            if not isinstance(w, kinds) or (w.parent() and type(w.parent()).__name__ == "QCalendarWidget"):
                continue
            name = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "")
            if not name and w.isVisibleTo(window):
                unnamed.append(f"{type(w).__name__} in {type(root).__name__}")
    assert unnamed == []


def test_every_menu_command_has_a_shortcut(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk")
    missing = []
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            if action.shortcut().isEmpty():
                missing.append(action.text())
    assert missing == []


def test_enter_on_a_finding_focuses_its_field(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk")
    window.show_part("signoff")
    panel = window.findings_panel
    qtbot.waitUntil(lambda: _row_of(panel, "TC001") is not None, timeout=10000)
    panel.view.setFocus()
    panel.view.selectRow(_row_of(panel, "TC001"))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.current_part() == "cover"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.page("cover").organisation, timeout=10000)


def test_tab_goes_from_the_parts_list_into_the_part(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk")
    window.show_part("q5")
    window.show_part("cover")
    window.navigation.setFocus()
    qtbot.waitUntil(lambda: window.navigation.hasFocus(), timeout=10000)
    qtbot.keyClick(window.navigation, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None and window.page("cover").isAncestorOf(focused)
