"""The first-run welcome and File → Start the next renewal from…, on real widgets."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QCommandLinkButton, QDialog, QMessageBox

from tcdesk import interchange
from tcdesk.model import Submission
from tcdesk.paths import example_submission
from tcdesk.session import Session
from tcdesk.storage import load_project, save_project
from tcdesk.ui import file_commands
from tcdesk.ui.import_dialog import ImportDialog
from tcdesk.ui.main_window import MainWindow
from tcdesk.ui.welcome import Welcome
from tests.commands.test_renew import rag_only_docx

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "northmoor-clean.tcdesk.json"


def test_welcome_offers_four_ways_in_and_the_recent_files_by_keyboard(qtbot, tmp_path):
    recent = [tmp_path / "northmoor-2026.tcdesk", tmp_path / "old.tcdesk"]
    dialog = Welcome(recent, EXAMPLE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    buttons = dialog.findChildren(QCommandLinkButton)
    assert [b.accessibleName() for b in buttons] == [
        "Start my renewal from last cycle's submission", "Open a project", "Start a blank draft", "Open the example",
    ]
    assert all(b.accessibleDescription() and b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in buttons)
    assert dialog.recent.accessibleName() == "Recent files" and dialog.recent.count() == 2
    if shots := os.environ.get("TCDESK_SCREENSHOTS"):
        dialog.grab().save(os.path.join(shots, "welcome.png"))
    # Tab walks the four choices and on to the recent files; Enter opens the selected one.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.renew_button.setFocus()
    order = [dialog.focusWidget()]
    for _ in range(4):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        order.append(dialog.focusWidget())
    assert order == [dialog.renew_button, dialog.open_button, dialog.blank_button, dialog.example_button, dialog.recent]
    qtbot.keyClick(dialog.recent, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.recent, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.choice, dialog.path) == (Welcome.RECENT, recent[1])


def test_enter_on_the_welcome_starts_a_renewal_and_space_picks_another_choice(qtbot):
    dialog = Welcome([], None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.example_button.isVisible() and not dialog.recent.isVisible()
    qtbot.keyClick(dialog.renew_button, Qt.Key.Key_Return)
    assert dialog.choice == Welcome.RENEW
    other = Welcome([], EXAMPLE)
    qtbot.addWidget(other)
    other.show()
    qtbot.keyClick(other.blank_button, Qt.Key.Key_Space)
    assert other.choice == Welcome.BLANK


def _answer_welcome(pick):
    """Choose in the next welcome dialog as soon as it is shown."""
    def act():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, Welcome):
            pick(dialog).click()
        else:
            QTimer.singleShot(20, act)
    QTimer.singleShot(0, act)


def test_first_run_shows_the_welcome_and_the_example_opens_as_a_draft_copy(qtbot, pm, tmp_path):
    assert example_submission() == EXAMPLE
    before = EXAMPLE.read_bytes()
    window = MainWindow(Session(pm=pm))
    qtbot.addWidget(window)
    window.show()
    _answer_welcome(lambda d: d.example_button)
    window.open_startup(None)  # no file given, nothing opened before: the first run
    assert window.files.is_draft() and window.files.path.name == "Northmoor example.tcdesk"
    assert window.controller.submission().organisation == interchange.read(EXAMPLE).organisation
    assert EXAMPLE.read_bytes() == before
    # File → New shows the welcome again; a blank draft is one choice.
    _answer_welcome(lambda d: d.blank_button)
    window.commands.new.trigger()
    assert window.controller.submission() == Submission() and window.files.is_draft()
    window.close()


def test_start_the_next_renewal_from_a_project(qtbot, open_window, tmp_path):
    last = tmp_path / "northmoor-2026.tcdesk"
    save_project(interchange.read(EXAMPLE), last)
    window = open_window(tmp_path / "current.tcdesk", Submission(organisation="Keep me"))
    assert file_commands.start_renewal(window, last)
    sub = window.controller.submission()
    assert window.files.is_draft() and window.files.path.name == "University of Northmoor renewal 2029-2032.tcdesk"
    assert sub.previous_plan.period == "2026-2029" and len(sub.previous_plan.actions) == 32
    assert all(a.rag is None for a in sub.previous_plan.actions) and set(sub.answers.values()) == {""}
    assert load_project(tmp_path / "current.tcdesk").organisation == "Keep me"  # the project left is intact
    window.show_part("q1")
    page = window.page("q1")
    assert page.last_time.isVisibleTo(window) and not page.last_time.is_expanded()
    assert "last cycle's new plan (32 actions, 2026-2029)" in window.statusBar().currentMessage()


def test_a_document_without_a_new_plan_goes_through_the_preview_and_offers_its_previous_plan(
    qtbot, open_window, tmp_path, monkeypatch
):
    docx = rag_only_docx(tmp_path / "rag-only.docx")
    seen = []

    def accept_at_once(dialog):
        seen.append([dialog.sections.item(r, 0).text() for r in range(dialog.sections.rowCount())])
        dialog.accept()
        return QDialog.DialogCode.Accepted

    asked = []
    monkeypatch.setattr(ImportDialog, "exec", accept_at_once)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    window = open_window(tmp_path / "current.tcdesk")
    assert file_commands.start_renewal(window, docx)
    assert seen and "no new action plan to rate" in asked[0] and "Rate its previous plan again?" in asked[0]
    assert [a.ref for a in window.controller.submission().previous_plan.actions] == ["V01", "R01"]
    assert all(a.rag is None for a in window.controller.submission().previous_plan.actions)


def test_a_renewal_keeps_every_word_of_last_cycles_plan_and_never_touches_its_file(qtbot, open_window, tmp_path):
    from tcdesk.model import NewAction, NewPlan, Pillar

    awkward = "Line one\r\nline\u00a0two\u2028 *not emphasis* | a\tb 😀 "
    last_sub = interchange.read(EXAMPLE)
    last_sub.new_plan = NewPlan("2026-2029", [
        NewAction(f" V0{n} ", Pillar.VISIBILITY if n % 2 else None, f"{awkward}{n}", "", f"Estates\r\n{n}", "",
                  f" {awkward}", "", ["R16", "R2", "R2"], "")
        for n in range(1, 4)
    ])
    folder = tmp_path / "last"
    folder.mkdir()
    last = folder / "northmoor-2026.tcdesk"
    save_project(last_sub, last)
    before = last.read_bytes()
    window = open_window(tmp_path / "current.tcdesk")
    assert file_commands.start_renewal(window, last)
    window.show_part("previous")  # look at the plan to rate, then write the draft out
    window.page("previous").table.setFocus()
    window.flush()
    assert last.read_bytes() == before and [p.name for p in folder.iterdir()] == [last.name]
    rated = load_project(window.files.path).previous_plan.actions
    assert [(a.id, a.ref, a.pillar, a.action, a.collaborators, a.success_measures, a.talent) for a in rated] == [
        (a.id, a.ref, a.pillar, a.action, a.collaborators, a.success_measures, a.talent) for a in last_sub.new_plan.actions
    ]
    assert window.controller.undo_stack.count() == 0
    window.close()


def test_renewing_from_the_open_project_starts_from_its_latest_words(qtbot, open_window, tmp_path):
    """Last cycle's project is open and just corrected: the renewal starts from the correction, not
    from the file as the last autosave left it."""
    last = tmp_path / "northmoor-2026.tcdesk"
    save_project(interchange.read(EXAMPLE), last)
    window = open_window(last)
    corrected = window.controller.submission().answer("1") + " Corrected\u00a0just now."
    window.controller.set_value(("answers", "1"), corrected)
    assert file_commands.start_renewal(window, last)
    assert window.controller.submission().last_time["1"] == corrected
    assert load_project(last).answers["1"] == corrected
