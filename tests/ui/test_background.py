"""Background work: checks debounce and publish only the newest result; autosave bounds the loss."""

from __future__ import annotations

import time

import pytest

from tcdesk.model import Submission
from tcdesk.session import Session
from tcdesk.storage import ProjectStore, load_project
from tcdesk.ui.background import SAVE_DELAY_MS, Autosaver, Checker
from tcdesk.ui.document import DocumentController


@pytest.fixture
def make_checker(pm):
    """``make_checker(use_process=True)``: a checker on a blank document, closed after the test."""
    made = []

    def build(use_process: bool = True, controller: DocumentController | None = None) -> Checker:
        checker = Checker(controller or DocumentController(Session(pm=pm)), use_process=use_process)
        made.append(checker)
        return checker

    yield build
    for checker in made:
        checker.close()


@pytest.mark.parametrize("use_process", [True, False], ids=["process", "thread"])
def test_checker_runs_after_a_pause_and_reports_findings(qtbot, make_checker, use_process):
    checker = make_checker(use_process)
    controller = checker._controller
    assert checker.in_process is use_process
    with qtbot.waitSignal(checker.findings_changed, timeout=10000) as signal:
        controller.set_value(("organisation",), "Northmoor")
    assert "TC001" not in {f.code for f in signal.args[0]}
    assert "TC002" in {f.code for f in signal.args[0]}


@pytest.mark.parametrize("use_process", [True, False], ids=["process", "thread"])
def test_checker_never_shows_an_older_result_after_a_newer_one(qtbot, make_checker, use_process):
    checker = make_checker(use_process)
    controller = checker._controller
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


def test_thread_checks_run_on_a_snapshot_not_the_live_submission(qtbot, make_checker):
    checker = make_checker(use_process=False)
    with qtbot.waitSignal(checker.findings_changed, timeout=10000):
        checker.check_now()
    assert checker._session.submission is not checker._controller.submission()


def test_a_dead_check_process_falls_back_to_a_thread(qtbot, make_checker):
    checker = make_checker()
    checker.check_now()
    assert checker.wait(10_000)
    checker._process._process.kill()
    checker._process._process.wait(5)
    checker.check_now()
    with qtbot.waitSignal(checker.findings_changed, timeout=10000) as signal:
        pass
    assert not checker.in_process
    assert "TC001" in {f.code for f in signal.args[0]}


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
