"""Background work: checks debounce and publish only the newest result; autosave bounds the loss."""

from __future__ import annotations

import time

from tcdesk.model import Submission
from tcdesk.session import Session
from tcdesk.storage import ProjectStore, load_project
from tcdesk.ui.background import SAVE_DELAY_MS, Autosaver, Checker
from tcdesk.ui.document import DocumentController


def test_checker_runs_after_a_pause_and_reports_findings(qtbot, pm):
    controller = DocumentController(Session(pm=pm))
    checker = Checker(controller)
    with qtbot.waitSignal(checker.findings_changed, timeout=3000) as signal:
        controller.set_value(("organisation",), "Northmoor")
    assert "TC001" not in {f.code for f in signal.args[0]}
    assert "TC002" in {f.code for f in signal.args[0]}


def test_checker_never_shows_an_older_result_after_a_newer_one(qtbot, pm):
    controller = DocumentController(Session(pm=pm))
    checker = Checker(controller)
    shown: list[set[str]] = []
    checker.findings_changed.connect(lambda fs: shown.append({f.code for f in fs}))
    checker.check_now()  # organisation missing
    controller.set_value(("organisation",), "Northmoor")
    checker.check_now()  # organisation present
    checker.wait()
    qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    qtbot.wait(50)
    assert "TC001" not in shown[-1]
    assert all("TC001" not in s for s in shown[shown.index(shown[-1]):])


def test_checks_run_on_a_snapshot_not_the_live_submission(qtbot, pm):
    controller = DocumentController(Session(pm=pm))
    checker = Checker(controller)
    with qtbot.waitSignal(checker.findings_changed, timeout=3000):
        checker.check_now()
    assert checker._session.submission is not controller.submission()


def test_autosave_writes_within_the_delay_even_while_typing_continues(qtbot, tmp_path, pm):
    path = tmp_path / "a.tcdesk"
    controller = DocumentController(Session(pm=pm))
    saver = Autosaver(controller, ProjectStore.create(path, Submission()), path)
    start = time.monotonic()
    text = ""
    saved_during_typing = False
    while time.monotonic() - start < 1.5:
        text += "x"
        controller.set_value(("answers", "1"), text, typing=True)
        qtbot.wait(30)
        if load_project(path).answers["1"]:
            saved_during_typing = True
    assert saved_during_typing
    qtbot.waitUntil(saver.is_saved, timeout=2 * SAVE_DELAY_MS + 1000)
    assert load_project(path).answers["1"] == text
    saver.close()


def test_a_failing_save_is_reported_not_swallowed(qtbot, tmp_path, pm):
    class BrokenStore:
        def save(self, submission):
            raise OSError("disk full")

        def close(self):
            pass

    controller = DocumentController(Session(pm=pm))
    saver = Autosaver(controller, BrokenStore(), tmp_path / "a.tcdesk")
    with qtbot.waitSignal(saver.state_changed, check_params_cb=lambda s: s == "error", timeout=3000):
        controller.set_value(("organisation",), "X")
    assert "disk full" in saver.error and "a.tcdesk" in saver.error
